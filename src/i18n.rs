//! UI strings of the site's language, from the theme's `i18n/<language>.toml`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;
use crate::theme::{Source, Theme};

mod builtin;
mod checks;
mod site;
use builtin::{fill_from_builtin, missing_warning};
use site::site_strings;

/// A fixed vocabulary of the front matter (phase, status …): each value has a key used in
/// URLs and templates, e.g. `on-hold`, and an i18n key, e.g. `status_on_hold`. Defined
/// here rather than with the schemas, so that translating a value needs no later stage.
pub trait Vocabulary: Copy {
    fn key(self) -> &'static str;
    /// The i18n key prefix, e.g. `phase`.
    const GROUP: &'static str;
    fn i18n_key(self) -> String {
        format!("{}_{}", Self::GROUP, self.key().replace('-', "_"))
    }
}

#[derive(Debug, Clone)]
pub struct I18n {
    strings: BTreeMap<String, String>,
    date_format: String,
}

impl I18n {
    /// The theme's strings for `language`. A theme on disk made for an older pmo lacks
    /// the keys added since: those take the built-in theme's text, with a warning naming
    /// them, rather than failing every template that uses one.
    pub fn load(
        theme: &Theme,
        root: &Path,
        language: &str,
    ) -> Result<(I18n, Vec<Diagnostic>), Diagnostic> {
        let Some((name, source)) = theme.i18n(language) else {
            return Err(Diagnostic::error(Problem::Config(t!(
                "the theme has no UI strings for `{language}` (i18n/{language}.toml)",
                language = language
            )))
            .in_file(Path::new(crate::layout::CONFIG_FILE))
            .with_help(t!(
                "set `language` to zh-CN or en, or add the strings file to the theme"
            )));
        };
        let shown = source.display(root, name);
        let bytes = source.read().map_err(|e| {
            Diagnostic::error(Problem::Io(crate::messages::reason(&e))).in_file(&shown)
        })?;
        let text = crate::source::text_of(bytes.into_owned(), &shown)?;
        let mut strings = parse_strings(&text, &shown)?;
        let (missing, own) = match source {
            Source::Disk(_) => fill_from_builtin(&mut strings, name),
            Source::Embedded(_) => (Vec::new(), Vec::new()),
        };
        let mut warning: Vec<Diagnostic> = (!missing.is_empty())
            .then(|| missing_warning(&missing, &own, &shown, name))
            .into_iter()
            .collect();
        warning.extend(site_strings(root, name, &mut strings)?);
        let date_format = strings
            .get("date_format")
            .cloned()
            .unwrap_or_else(|| "%Y-%m-%d".to_string());
        Ok((
            I18n {
                strings,
                date_format,
            },
            warning,
        ))
    }

    /// The string for `key`, or the key itself so a missing string is visible, not fatal.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// A callout kind's own title (`tip` → 提示), for a callout the author gave none.
    /// A theme without the string shows the kind as written in the Markdown, capitalised.
    pub fn callout_title(&self, kind: &str) -> String {
        match self.strings.get(&format!("callout_{kind}")) {
            Some(title) => title.clone(),
            None => {
                let mut chars = kind.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        }
    }

    /// A risk's status in the site's language when it is one of the usual words (open,
    /// closed, mitigated …); as written otherwise, since registers have their own words.
    pub fn risk_status(&self, status: &str) -> String {
        let key = format!(
            "risk_state_{}",
            status.trim().to_ascii_lowercase().replace(['-', ' '], "_")
        );
        self.strings
            .get(&key)
            .cloned()
            .unwrap_or_else(|| status.to_string())
    }

    pub fn term<V: Vocabulary>(&self, value: V) -> String {
        self.get(&value.i18n_key()).to_string()
    }

    pub fn date(&self, date: &Date) -> String {
        let mut out = String::new();
        match jiff::fmt::strtime::format(self.date_format.as_bytes(), date.0) {
            Ok(s) => out.push_str(&s),
            Err(_) => out.push_str(&date.iso()),
        }
        out
    }

    pub fn strings(&self) -> &BTreeMap<String, String> {
        &self.strings
    }
}

/// A flat table of UI strings; a mistake is told as the UI strings of `shown`, not as
/// site.toml, in the TOML mistakes' words that site.toml's own errors use.
fn parse_strings(text: &str, shown: &Path) -> Result<BTreeMap<String, String>, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let (offset, len) = e.span().map_or((0, 0), |r| (r.start, r.len()));
        // A character that looks right and is not (a byte order mark, a no-break space, a
        // full-width `＝`) is told as site.toml tells it, before the grammar's words.
        let file = crate::diagnostics::shown(shown);
        let stray = crate::syntax::stray_character(text, offset, &file).map(|x| {
            let at = x.at.unwrap_or(offset);
            let len = text[at..].chars().next().map_or(1, char::len_utf8);
            (x, at, len)
        });
        let explained = stray.or_else(|| {
            crate::syntax::toml(e.message(), text, offset).map(|x| {
                let (offset, len) = x.at.map_or((offset, len), |at| (at, 1));
                (x, offset, len)
            })
        });
        let (detail, help, offset, len) = match explained {
            Some((x, offset, len)) => (x.problem, x.help, offset, len),
            None => (
                crate::messages::library(e.message()),
                t!("UI strings are a flat table of `key = \"text\"` lines"),
                offset,
                len,
            ),
        };
        let text: std::sync::Arc<str> = std::sync::Arc::from(text);
        Diagnostic::error(Problem::Content(t!(
            "invalid UI strings: {detail}",
            detail = detail
        )))
        .at(Location::new(shown, &text, offset, len))
        .with_help(help)
    })
}

#[cfg(test)]
mod tests {
    use super::I18n;
    use crate::theme::Theme;

    /// The kind registry names its UI strings (`kind_<key>`, `nav_<folder>`); the built-in
    /// theme must have each in every language, or a page shows the raw key.
    #[test]
    fn every_kind_is_named_in_every_language() {
        let root = std::env::temp_dir();
        let theme = Theme::resolve(&root, "default").unwrap();
        for language in ["zh-CN", "en"] {
            let (i18n, warning) = I18n::load(&theme, &root, language).unwrap();
            assert!(warning.is_empty(), "{language}: {warning:?}");
            for spec in crate::kinds::KINDS {
                let kind = format!("kind_{}", spec.key);
                assert!(i18n.strings().contains_key(&kind), "{language}: {kind}");
                if let Some(folder) = spec.folder {
                    let nav = format!("nav_{folder}");
                    assert!(i18n.strings().contains_key(&nav), "{language}: {nav}");
                }
            }
        }
    }
}
