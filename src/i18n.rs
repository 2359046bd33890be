//! UI strings of the site's language, from the theme's `i18n/<language>.toml`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;
use crate::theme::Theme;

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
    pub fn load(theme: &Theme, root: &Path, language: &str) -> Result<I18n, Diagnostic> {
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
        // Told as the theme's UI strings, not as site.toml, in the TOML mistakes' words
        // that site.toml's own errors use.
        let strings: BTreeMap<String, String> = toml::from_str(&text).map_err(|e| {
            let (offset, len) = e.span().map_or((0, 0), |r| (r.start, r.len()));
            let (detail, help, offset, len) = match crate::syntax::toml(e.message(), &text, offset)
            {
                Some(x) => {
                    let (offset, len) = x.at.map_or((offset, len), |at| (at, 1));
                    (x.problem, x.help, offset, len)
                }
                None => (
                    crate::messages::library(e.message()),
                    t!("UI strings are a flat table of `key = \"text\"` lines"),
                    offset,
                    len,
                ),
            };
            Diagnostic::error(Problem::Content(t!(
                "invalid UI strings: {detail}",
                detail = detail
            )))
            .at(Location::new(&shown, &text, offset, len))
            .with_help(help)
        })?;
        let date_format = strings
            .get("date_format")
            .cloned()
            .unwrap_or_else(|| "%Y-%m-%d".to_string());
        Ok(I18n {
            strings,
            date_format,
        })
    }

    /// The string for `key`, or the key itself so a missing string is visible, not fatal.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
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
            let i18n = I18n::load(&theme, &root, language).unwrap();
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
