//! Scripts in a site's own templates that the pages' Content-Security-Policy keeps from
//! running (see [`super::policy`]). A theme copied before the policy, or an analytics
//! snippet pasted into `base.html`, lost its script without a word: the build said
//! nothing and the browser's console, which an editor seldom opens, was the only place
//! that told. Each is warned of at its template's line and column, with the fix.

use std::path::Path;
use std::sync::Arc;

use crate::content::active::{attributes, tag_end};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;
use crate::theme::Theme;

/// What a template does that the policy refuses.
#[derive(Debug, PartialEq, Eq)]
enum Refused {
    /// A `<script>` with its code written inside it.
    Inline,
    /// A `<script src>` from another host (`https://`, `//`).
    Elsewhere(String),
    /// An `on…=` handler attribute (`onclick`).
    Handler(String),
    /// A `javascript:` address.
    Address,
}

/// Warnings for the templates read from disk (the site's `templates/`, a theme folder's)
/// that the policy would keep from running. Called only for a site that does not trust
/// its authors' HTML: one that does states no policy. A template that cannot be read is
/// told when the templates are loaded.
pub fn warnings(theme: &Theme, root: &Path) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (name, source) in theme.templates() {
        let Some(path) = source.on_disk() else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let shown = source.display(root, &format!("templates/{name}"));
        let text: Arc<str> = Arc::from(text);
        for (at, len, refused) in refused(&text) {
            found.push(warning(Location::new(&shown, &text, at, len), &refused));
        }
    }
    found
}

/// `warnings` with those [`warnings`] gave for `theme`'s templates replaced by `fresh`:
/// `pmo serve` reloads an edited template without loading the site again, and an inline
/// script just pasted into it is told then, as one just removed stops being told.
pub fn replace(warnings: &mut Vec<Diagnostic>, theme: &Theme, root: &Path, fresh: Vec<Diagnostic>) {
    let templates: Vec<std::path::PathBuf> = theme
        .templates()
        .filter(|(_, source)| source.on_disk().is_some())
        .map(|(name, source)| source.display(root, &format!("templates/{name}")))
        .collect();
    // No other warning of a build is placed in a template read from disk.
    warnings.retain(|d| d.is_error() || !d.path.as_ref().is_some_and(|p| templates.contains(p)));
    warnings.extend(fresh);
}

/// The warning for `refused` at `at`.
fn warning(at: Location, refused: &Refused) -> Diagnostic {
    let (what, help) = match refused {
        Refused::Inline => (
            t!("this inline `<script>` does not run: the pages' Content-Security-Policy lets scripts run only from the site's own files"),
            t!("move its code into a file under static/js/ and load it with `<script src=\"{{{{ root }}}}js/….js\"></script>`; if every author of this site may run scripts, set `trust_html = true` in site.toml"),
        ),
        Refused::Elsewhere(src) => (
            t!(
                "the script `{src}` does not run: the pages' Content-Security-Policy lets scripts load only from the site's own files",
                src = src
            ),
            t!("save the script under static/js/ and load it from there (`<script src=\"{{{{ root }}}}js/….js\"></script>`)"),
        ),
        Refused::Handler(name) => (
            t!(
                "the `{name}` handler does not run: the pages' Content-Security-Policy runs no handler written in an attribute",
                name = name
            ),
            t!("attach it from a script file under static/js/ (`element.addEventListener(\"click\", …)`)"),
        ),
        Refused::Address => (
            t!("this `javascript:` address does nothing: the pages' Content-Security-Policy runs no script from an address"),
            t!("make it a button and attach its code from a script file under static/js/"),
        ),
    };
    Diagnostic::warning(Problem::Content(what))
        .at(at)
        .with_help(help)
}

/// The `type`s of a `<script>` whose text a browser runs (none given is JavaScript);
/// others (`application/ld+json`, `text/template`) are data the policy does not touch.
const SCRIPT_TYPES: &[&str] = &[
    "",
    "module",
    "importmap",
    "speculationrules",
    "text/javascript",
    "application/javascript",
    "text/ecmascript",
    "application/ecmascript",
    "application/x-javascript",
    "text/jscript",
];

/// Each place of a template's `text` the policy refuses: byte offset, length and what.
/// Tera comments (`{# … #}`) and HTML comments are passed over, as is the text inside a
/// `<script>` (a string there may spell a tag).
fn refused(text: &str) -> Vec<(usize, usize, Refused)> {
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(next) = text[i..].find(['<', '{']).map(|at| i + at) {
        let rest = &text[next..];
        let skip_to = |open: &str, close: &str| {
            rest.strip_prefix(open).map(|after| {
                next + open.len() + after.find(close).map_or(after.len(), |e| e + close.len())
            })
        };
        if let Some(end) = skip_to("{#", "#}").or_else(|| skip_to("<!--", "-->")) {
            i = end;
            continue;
        }
        let starts_tag =
            rest.len() > 1 && bytes[next] == b'<' && bytes[next + 1].is_ascii_alphabetic();
        if !starts_tag {
            i = next + 1;
            continue;
        }
        let end = tag_end(bytes, next + 1);
        let tag = &text[next..end];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        let attrs = attributes(tag);
        for (offset, attr_end, attr, value) in &attrs {
            let attr = attr.to_ascii_lowercase();
            let address = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if attr.starts_with("on") && attr.len() > 2 {
                found.push((next + offset, attr_end - offset, Refused::Handler(attr)));
            } else if address.starts_with("javascript:") {
                found.push((next + offset, attr_end - offset, Refused::Address));
            }
        }
        i = end.max(next + 1);
        if name != "script" {
            continue;
        }
        let value_of = |wanted: &str| {
            attrs
                .iter()
                .find(|(_, _, a, _)| a.eq_ignore_ascii_case(wanted))
                .map(|(offset, end, _, v)| (*offset, *end, v.trim()))
        };
        match value_of("src") {
            Some((offset, end, src)) => {
                let lower_src = src.to_ascii_lowercase();
                let elsewhere = ["http:", "https:", "//", "\\\\"]
                    .iter()
                    .any(|p| lower_src.starts_with(p));
                if elsewhere {
                    found.push((
                        next + offset,
                        end - offset,
                        Refused::Elsewhere(src.to_string()),
                    ));
                }
            }
            None => {
                let kind =
                    value_of("type").map_or(String::new(), |(_, _, v)| v.to_ascii_lowercase());
                let body_end = lower[end..]
                    .find("</script")
                    .map_or(text.len(), |e| end + e);
                let has_code = !text[end..body_end].trim().is_empty();
                if has_code && SCRIPT_TYPES.contains(&kind.as_str()) {
                    found.push((next, name.len() + 1, Refused::Inline));
                }
            }
        }
        // The script's own text holds no tags.
        i = lower[i..].find("</script").map_or(text.len(), |e| i + e);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{refused, Refused};

    fn kinds(text: &str) -> Vec<Refused> {
        refused(text).into_iter().map(|(_, _, r)| r).collect()
    }

    #[test]
    fn an_inline_script_and_a_handler_are_found_where_written() {
        let text = "<p>页脚</p>\n<script>\n  gtag('config', 'x');\n</script>\n<button onclick=\"go()\">去</button>";
        let found = refused(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(&text[found[0].0..found[0].0 + found[0].1], "<script");
        assert_eq!(found[0].2, Refused::Inline);
        assert_eq!(
            &text[found[1].0..found[1].0 + found[1].1],
            "onclick=\"go()\""
        );
    }

    #[test]
    fn the_sites_own_script_files_and_data_blocks_are_left_alone() {
        let text = "<script src=\"{{ root }}js/site.js\"></script>\
            <script type=\"application/ld+json\">{\"@type\": \"Organization\"}</script>\
            <script src=\"{{ root }}js/a.js\">\n</script>\
            <a href=\"{{ root }}about/\">关于</a><option>x</option>";
        assert_eq!(kinds(text), Vec::<Refused>::new());
    }

    #[test]
    fn scripts_in_comments_and_inside_a_script_are_not_tags() {
        let text = "{# <script>old()</script> #}<!-- <b onclick=x> -->\
            <script src=\"{{ root }}js/x.js\"></script>";
        assert_eq!(kinds(text), Vec::<Refused>::new());
    }

    #[test]
    fn a_script_from_another_host_and_a_script_address_are_found() {
        let text = "<SCRIPT SRC=\"https://cdn.example.com/x.js\"></SCRIPT>\
            <script type=\"module\">import x from './x.js'</script>\
            <a href=\" JavaScript:void(0)\">点</a>";
        assert_eq!(
            kinds(text),
            vec![
                Refused::Elsewhere("https://cdn.example.com/x.js".into()),
                Refused::Inline,
                Refused::Address
            ]
        );
    }
}
