//! `aliases:` in front matter: the old addresses of a page that moved, each of which the
//! build answers with a small page sending the reader on (see `render::alias`). A
//! portal's pages are bookmarked and linked from Confluence and mail; moving one
//! without its old address breaks all of them at once.
//!
//! Here each alias is read and checked on its own, at its place in the file; whether it
//! takes another file's place is told once the whole site is known (`site::aliases`).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::content::front_matter::Split;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::t;

/// The `aliases` field as written: one address, or a list of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aliases(pub Vec<String>);

impl<'de> Deserialize<'de> for Aliases {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Aliases;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an address on this site, or a list of them, e.g. [old/path/]")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Aliases, E> {
                Ok(Aliases(vec![v.to_string()]))
            }
            // `aliases:` left empty, as an archetype may leave it: none.
            fn visit_unit<E: serde::de::Error>(self) -> Result<Aliases, E> {
                Ok(Aliases::default())
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Aliases, E> {
                Ok(Aliases::default())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Aliases, A::Error> {
                let mut all = Vec::new();
                while let Some(one) = seq.next_element::<String>()? {
                    all.push(one);
                }
                Ok(Aliases(all))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Serialize for Aliases {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// Editors see both forms the parser takes.
impl schemars::JsonSchema for Aliases {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Aliases".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "old addresses of this page on the site (`old/path/`, `/lessons/old-name/`, `old.html`): each answers with a page sending the reader here",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}

/// One old address of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// As the author wrote it, for messages.
    pub written: String,
    /// The address under the site's root, without a leading `/`: a folder
    /// (`lessons/old-name/`) or, for an alias ending in `.html`, the file itself.
    pub url: String,
    /// Byte offset of the alias in the page's file.
    pub at: usize,
}

impl Alias {
    /// The file written for it: the folder's `index.html`, or the `.html` file named.
    pub fn output_path(&self) -> String {
        if is_file(&self.url) {
            self.url.clone()
        } else {
            format!("{}index.html", self.url)
        }
    }
}

/// Whether an alias names a page file (`old/page.html`) rather than a folder.
pub fn is_file(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// The names of the files web servers serve for a folder's own address, in lower case:
/// IIS's default documents (`Default.htm`, `Default.asp`, `index.htm`, `index.html`,
/// `iisstart.htm`, `default.aspx`), Apache's `DirectoryIndex` and nginx's `index` as
/// commonly set. By stem and ending.
const DEFAULT_DOCUMENT_STEMS: &[&str] = &["index", "default", "iisstart"];
const DEFAULT_DOCUMENT_ENDINGS: &[&str] = &[
    "html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp", "cgi", "pl",
];

impl Alias {
    /// The folder (`lessons/x/`, `` for the site's root) and file name of an alias named
    /// as a folder's default document (`/lessons/x/Default.htm`, `/old/index.php`), which
    /// a web server would serve for the folder's own address; `None` for any other.
    pub fn default_document(&self) -> Option<(&str, &str)> {
        if self.written.trim().ends_with('/') {
            return None;
        }
        let path = self.url.trim_end_matches('/');
        let (folder, name) = match path.rfind('/') {
            Some(at) => (&path[..=at], &path[at + 1..]),
            None => ("", path),
        };
        let (stem, ending) = name.rsplit_once('.')?;
        let lower = |s: &str| s.to_ascii_lowercase();
        (DEFAULT_DOCUMENT_STEMS.contains(&lower(stem).as_str())
            && DEFAULT_DOCUMENT_ENDINGS.contains(&lower(ending).as_str()))
        .then_some((folder, name))
    }
}

/// Endings of server-side pages an old intranet may have had: the address can only be
/// answered by a folder of that name, which no web server serves for it.
const SERVER_PAGES: &[&str] = &["php", "asp", "aspx", "jsp", "action", "cfm", "shtml"];

/// The aliases `written` in the front matter of the page at `path`, each placed in the
/// file; the errors (an alias that leaves the site or cannot be a path) and warnings
/// (a name Windows cannot hold) found on the way.
pub fn read(
    path: &Path,
    text: &std::sync::Arc<str>,
    split: &Split,
    written: &[String],
) -> (Vec<Alias>, Vec<Diagnostic>) {
    let start = crate::content::page_file::field_offset(text, split, "aliases");
    let mut from = start;
    let mut aliases = Vec::new();
    let mut problems = Vec::new();
    for alias in written {
        // Each alias at its own place: searched for after the previous one.
        let at = text[from..split.front.end]
            .find(alias.as_str())
            .filter(|_| !alias.is_empty())
            .map_or(from, |i| from + i);
        from = (at + alias.len()).min(split.front.end);
        let place = Location::new(path, text, at, alias.len());
        match normalize(alias) {
            Ok(url) => {
                for name in url.split('/').filter(|s| !s.is_empty()) {
                    if let Some((what, fixed)) = crate::output::portable::name_problem(name) {
                        problems.push(
                            Diagnostic::warning(Problem::Content(what))
                                .at(place.clone())
                                .with_help(t!(
                                    "write the alias as the old address was, without such a name (e.g. {name} → {fixed}): a Windows share cannot hold its redirect",
                                    name = crate::escape::controls_escaped(name).into_owned(),
                                    fixed = fixed
                                )),
                        );
                    }
                }
                let alias_at = Alias {
                    written: alias.clone(),
                    url,
                    at,
                };
                // A folder's default document is refused once the site is known.
                let default_document = alias_at.default_document().is_some();
                if let Some(ext) = server_page(alias.trim()).filter(|_| !default_document) {
                    problems.push(
                        Diagnostic::warning(Problem::Content(t!(
                            "the alias `{alias}` names a .{ext} page: the redirect is written as the folder {url}index.html/, which a web server does not serve for that address",
                            alias = alias.as_str(),
                            ext = ext,
                            url = alias_at.url.trim_end_matches('/')
                        )))
                        .at(place.clone())
                        .with_help(t!("ask the web server's administrator for a redirect of the old address instead (IIS URL Rewrite, nginx `return 301`), or remove the alias")),
                    );
                }
                aliases.push(alias_at);
            }
            Err((problem, help)) => problems.push(
                Diagnostic::error(Problem::Content(problem))
                    .at(place)
                    .with_help(help),
            ),
        }
    }
    (aliases, problems)
}

/// The ending of a server-side page an alias names without a final `/`, if it does.
fn server_page(written: &str) -> Option<&str> {
    if written.ends_with('/') {
        return None;
    }
    let last = written.rsplit('/').next()?;
    let (_, ext) = last.rsplit_once('.')?;
    SERVER_PAGES
        .iter()
        .find(|e| e.eq_ignore_ascii_case(ext))
        .copied()
}

/// An alias as an address under the site's root (`lessons/old-name/`), or what is wrong
/// with it and how to write it.
pub fn normalize(written: &str) -> Result<String, (Text, Text)> {
    let example = || {
        t!("write the old address as a path on this site, e.g. `/lessons/old-name/` or `old/page.html`")
    };
    let alias = written.trim();
    let shown = crate::escape::controls_escaped(alias).into_owned();
    if alias.is_empty() {
        return Err((t!("an alias is empty"), example()));
    }
    if alias.chars().any(char::is_control) {
        return Err((
            t!(
                "the alias `{alias}` holds a control character",
                alias = shown.as_str()
            ),
            example(),
        ));
    }
    if alias.contains('\\') {
        return Err((
            t!(
                "the alias `{alias}` holds a backslash",
                alias = shown.as_str()
            ),
            t!(
                "addresses are written with `/`: `{fixed}`",
                fixed = alias.replace('\\', "/")
            ),
        ));
    }
    if crate::markdown::scheme_of(alias).is_some() || alias.starts_with("//") {
        return Err((
            t!(
                "the alias `{alias}` is an address with a scheme or host; an alias is an address on this site",
                alias = shown.as_str()
            ),
            t!("write only its path (`https://old.example.com/pmo/lessons/x/` → `/lessons/x/`); a redirect from another host is that host's to answer"),
        ));
    }
    if alias.contains(['?', '#']) {
        return Err((
            t!(
                "the alias `{alias}` holds a query or a fragment (`?`, `#`)",
                alias = shown.as_str()
            ),
            t!("a static site answers an address by its path alone: write the path without what follows `?` or `#`"),
        ));
    }
    if alias.contains(char::is_whitespace) {
        return Err((
            t!("the alias `{alias}` holds a space", alias = shown.as_str()),
            t!("an address holds no spaces: write it as the old link had it (`old-name`, or `old%20name` for a space)"),
        ));
    }
    if let Some((decoded, why)) = crate::escape::hidden_in_escapes(alias) {
        return Err((
            t!(
                "the alias `{alias}` reads `{decoded}` once its %-escapes are decoded: {why}",
                alias = shown.as_str(),
                decoded = decoded,
                why = why
            ),
            example(),
        ));
    }
    let decoded = crate::escape::percent_decode(alias);
    let path = decoded.trim_start_matches('/');
    let parts: Vec<&str> = path.split('/').collect();
    let last = parts.len() - 1;
    for (n, part) in parts.iter().enumerate() {
        if *part == ".." || *part == "." {
            return Err((
                t!(
                    "the alias `{alias}` holds `{part}`: an alias may not climb out of the site's root",
                    alias = shown.as_str(),
                    part = *part
                ),
                t!("write the whole path from the site's root, starting with `/`, e.g. `/lessons/old-name/`"),
            ));
        }
        if part.is_empty() && n != last {
            return Err((
                t!("the alias `{alias}` holds `//`", alias = shown.as_str()),
                t!("write the path with one `/` between its folders"),
            ));
        }
        if part.len() > crate::output::portable::MAX_NAME_BYTES {
            // The build could not write its page, and failed at the folder naming no page.
            return Err((
                t!(
                    "the alias `{alias}` holds a name of {bytes} bytes; a file system takes at most {max}",
                    alias = shown.as_str(),
                    bytes = part.len(),
                    max = crate::output::portable::MAX_NAME_BYTES
                ),
                t!("an alias is written as a folder holding a page, and no file system holds a name this long: shorten the old address, or remove the alias"),
            ));
        }
        if part.contains(['?', '#']) {
            // Decoded from `%3F`, `%23`: the same refusal as when typed (a `%5C` or `%0A`
            // is told above, as decoded).
            return Err((
                t!(
                    "the alias `{alias}` holds an encoded character that cannot be part of a path",
                    alias = shown.as_str()
                ),
                example(),
            ));
        }
    }
    if path.is_empty() {
        return Ok(String::new());
    }
    if is_file(path) || path.ends_with('/') {
        Ok(path.to_string())
    } else {
        Ok(format!("{path}/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_made_paths_under_the_root() {
        assert_eq!(
            normalize("/lessons/old-name/").unwrap(),
            "lessons/old-name/"
        );
        assert_eq!(normalize("old/path").unwrap(), "old/path/");
        assert_eq!(normalize("/old/页面.html").unwrap(), "old/页面.html");
        assert_eq!(normalize("/经验/%E6%97%A7/").unwrap(), "经验/旧/");
        assert_eq!(normalize("/").unwrap(), "");
    }

    #[test]
    fn aliases_that_leave_the_site_or_are_no_path_are_refused() {
        for bad in [
            "",
            "../etc/passwd",
            "/lessons/../../x/",
            "./x/",
            "https://evil.example/x/",
            "javascript:alert(1)",
            "//evil.example/x/",
            "old\\path\\",
            "old/\u{7}/",
            "old?page=1",
            "old#top",
            "a//b/",
            "old name/",
            "%2e%2e/x/",
            "a%5Cb/",
            "javascript%3aalert(1)",
            "%2f%2fevil.example/x/",
            "a%2fb/",
            "a%0a/",
            "%252e%252e/x/",
        ] {
            assert!(normalize(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_server_page_is_told() {
        assert_eq!(server_page("/old/viewpage.action"), Some("action"));
        assert_eq!(server_page("old/Page.ASPX"), Some("aspx"));
        assert_eq!(server_page("old/page.php/"), None);
        assert_eq!(server_page("releases/v1.2"), None);
    }
}
