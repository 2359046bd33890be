//! A mistake in the site's own template that shows up in a template it did not write.
//!
//! A template copied from the built-in theme and changed (a value set from a field the
//! page lacks, a `set` deleted) fails where a built-in partial prints the value, in a
//! file the author does not have on disk; a site's `base.html` without the blocks the
//! built-in pages fill failed in every one of them. Each is told in the site's file, at
//! the line to change.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use super::super::tera_words::tera_words;
use super::Templates;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::messages::Text;
use crate::t;

/// The tags Tera 2 knows, for a misspelt one's "did you mean".
const TAGS: &[&str] = &[
    "block",
    "break",
    "component",
    "continue",
    "extends",
    "filter",
    "for",
    "if",
    "include",
    "raw",
    "set",
    "set_global",
];

/// The most templates followed up an `extends` chain (a loop is Tera's to tell).
const MAX_CHAIN: usize = 16;

/// Each `{% … %}` tag of `text`: the range of what is inside, `-` and spaces trimmed.
fn tags(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let open = from + text.get(from..)?.find("{%")?;
        let inner = open + 2;
        let close = inner + text.get(inner..)?.find("%}")?;
        from = close + 2;
        let raw = &text[inner..close];
        let lead = raw.len() - raw.trim_start_matches(['-', ' ', '\t', '\n']).len();
        let tail = raw.len() - raw.trim_end_matches(['-', ' ', '\t', '\n']).len();
        Some(inner + lead..(close - tail).max(inner + lead))
    })
}

/// The quoted name a tag `keyword "name"` gives, with its range in `text`.
fn quoted_after<'a>(
    text: &'a str,
    tag: &Range<usize>,
    keyword: &str,
) -> Option<(&'a str, Range<usize>)> {
    let inside = &text[tag.clone()];
    let rest = inside.strip_prefix(keyword)?;
    let name = rest.trim_start();
    if name.len() == rest.len() {
        return None;
    }
    let quote = name.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let end = name[1..].find(quote)? + 2;
    let start = tag.start + keyword.len() + (rest.len() - name.len());
    Some((&name[1..end - 1], start..start + end))
}

/// Where `text` sets `name` (`{% set name = … %}` or `set_global`): the range of the
/// value, the last such tag (the nearest to what reads it, in a template's order).
fn set_of(text: &str, name: &str) -> Option<Range<usize>> {
    tags(text)
        .filter_map(|tag| {
            let inside = &text[tag.clone()];
            let rest = inside
                .strip_prefix("set_global")
                .or_else(|| inside.strip_prefix("set"))?;
            let after = rest.trim_start().strip_prefix(name)?.trim_start();
            let value = after.strip_prefix('=').filter(|v| !v.starts_with('='))?;
            Some(tag.end - value.trim_start().len()..tag.end)
        })
        .last()
}

/// The undefined variable an error names: Tera's "Variable `x` is not defined" or
/// "Variable `x` exists but its value is undefined".
fn undefined_variable(message: &str) -> Option<&str> {
    let (name, rest) = message.strip_prefix("Variable `")?.split_once('`')?;
    (rest.starts_with(" is not defined") || rest.starts_with(" exists but its value is undefined"))
        .then_some(name)
}

impl Templates {
    /// The site's own templates (on disk) a page rendered with `template` reads, from
    /// `template` up its `extends` chain.
    fn own_chain(&self, template: &str) -> Vec<&str> {
        let mut chain = Vec::new();
        let mut next = Some(template.to_string());
        while let Some(name) = next.take().filter(|_| chain.len() < MAX_CHAIN) {
            let Some((name, (_, text))) = self.sources.get_key_value(&name) else {
                break;
            };
            if chain.contains(&name.as_str()) {
                break;
            }
            chain.push(name.as_str());
            next = tags(text)
                .find_map(|tag| quoted_after(text, &tag, "extends").map(|(p, _)| p.to_string()));
        }
        chain.retain(|name| self.on_disk.contains(*name));
        chain
    }

    /// Whether template `name` is `target` or includes it, directly or through the
    /// templates it includes.
    fn reaches(&self, name: &str, target: &str, seen: &mut HashSet<String>) -> bool {
        if name == target {
            return true;
        }
        if !seen.insert(name.to_string()) {
            return false;
        }
        let Some((_, text)) = self.sources.get(name) else {
            return false;
        };
        tags(text)
            .filter_map(|tag| quoted_after(text, &tag, "include").map(|(n, _)| n.to_string()))
            .any(|included| self.reaches(&included, target, seen))
    }

    /// The `{% include %}` of a site's template in `chain` through which `partial` was
    /// rendered: the template's name and the range of the included name.
    fn include_reaching(&self, chain: &[&str], partial: &str) -> Option<(String, Range<usize>)> {
        chain.iter().find_map(|own| {
            let (_, text) = self.sources.get(*own)?;
            tags(text).find_map(|tag| {
                let (included, range) = quoted_after(text, &tag, "include")?;
                self.reaches(included, partial, &mut HashSet::new())
                    .then(|| (own.to_string(), range))
            })
        })
    }

    /// A render error inside a template not on disk, told in the site's own template
    /// that `page` was rendered with, when one is involved: where the variable it lacks
    /// is set, else the include that led there. `None` when no site template is.
    pub(super) fn traced(
        &self,
        error: &tera::Error,
        page: Option<&Path>,
        template: &str,
        context: &tera::Context,
    ) -> Option<Diagnostic> {
        let tera::ErrorKind::RenderingError(report) = error.kind() else {
            return None;
        };
        let partial = report.filename();
        if self.on_disk.contains(partial) {
            return None;
        }
        let chain = self.own_chain(template);
        let variable = undefined_variable(report.message());
        let set = variable.and_then(|name| {
            chain
                .iter()
                .find_map(|own| Some((*own, set_of(&self.sources.get(*own)?.1, name)?)))
        });
        let (own, range, message, help) = match (variable, set) {
            (Some(name), Some((own, range))) => {
                let text = &self.sources.get(own)?.1;
                let value = text[range.clone()].trim();
                let message = match why_undefined(value, context) {
                    Some(reason) => t!(
                        "`{name}` is set here from a value that is not defined ({reason}), so {partial} has nothing to print",
                        name = name,
                        reason = reason,
                        partial = partial
                    ),
                    None => t!(
                        "`{name}` is set here, but has no value where {partial} prints it",
                        name = name,
                        partial = partial
                    ),
                };
                (
                    own.to_string(),
                    range,
                    message,
                    t!("set it from a field the page has, or delete the site's copy in templates/ to use the theme's"),
                )
            }
            (Some(name), None) => {
                let (own, range) = self.include_reaching(&chain, partial)?;
                (
                    own,
                    range,
                    t!(
                        "{partial}, included here, prints `{name}`, which this template does not set",
                        partial = partial,
                        name = name
                    ),
                    t!(
                        "set it before the include (`{{% set {name} = … %}}`), as the theme's own template does, or delete the site's copy in templates/ to use the theme's",
                        name = name
                    ),
                )
            }
            (None, _) => {
                let (own, range) = self.include_reaching(&chain, partial)?;
                (
                    own,
                    range,
                    t!(
                        "{message} (in {partial}, included here)",
                        message = tera_words(report.message()),
                        partial = partial
                    ),
                    t!("the partial reads what this template sets before including it: compare them with the theme's own template, or delete the site's copy in templates/ to use the theme's"),
                )
            }
        };
        let (path, text) = self.sources.get(&own)?;
        let message = match page {
            Some(page) => t!(
                "{message} (while rendering {page})",
                message = message,
                page = page
            ),
            None => message,
        };
        Some(
            Diagnostic::error(Problem::Template(message))
                .at(Location::new(path, text, range.start, range.len()))
                .with_help(help),
        )
    }

    /// One error at the site's own `base.html` for the blocks the theme's pages fill and
    /// it lacks, in place of one error per block per page (`found` with those taken out).
    pub(super) fn fold_missing_blocks(
        &self,
        found: Vec<(Option<String>, Diagnostic, String)>,
    ) -> Vec<Diagnostic> {
        let base = self
            .sources
            .get("base.html")
            .filter(|_| self.on_disk.contains("base.html"));
        let Some((base_path, _)) = base else {
            return found.into_iter().map(|(_, d, _)| d).collect();
        };
        let mut missing: Vec<String> = Vec::new();
        let mut kept = Vec::new();
        for (name, d, message) in found {
            let block = message
                .strip_prefix("Block `")
                .and_then(|rest| rest.split_once('`'))
                .filter(|(_, rest)| rest.ends_with("is not defined in any parent template"))
                .map(|(block, _)| block.to_string());
            let parent_is_base = name.as_deref().is_some_and(|n| {
                n != "base.html" && self.own_parent(n).as_deref() == Some("base.html")
            });
            match block.filter(|_| parent_is_base) {
                Some(block) => {
                    if !missing.contains(&block) {
                        missing.push(block);
                    }
                }
                None => kept.push(d),
            }
        }
        if !missing.is_empty() {
            let listed = missing
                .iter()
                .map(|b| format!("`{b}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let example = missing
                .iter()
                .map(|b| format!("{{% block {b} %}}{{% endblock {b} %}}"))
                .collect::<Vec<_>>()
                .join(" ");
            kept.insert(
                0,
                Diagnostic::error(Problem::Template(t!(
                    "base.html has no block {blocks}, which the pages extending it fill: their content would never show",
                    blocks = listed
                )))
                .at_file_start(base_path)
                .with_help(t!(
                    "add each block where it belongs in the page's frame ({example}; `title` inside <title>, `head` inside <head>), or delete the site's base.html to use the theme's",
                    example = example
                )),
            );
        }
        kept
    }

    /// The template `name` extends, as its text says.
    fn own_parent(&self, name: &str) -> Option<String> {
        let (_, text) = self.sources.get(name)?;
        tags(text).find_map(|tag| quoted_after(text, &tag, "extends").map(|(p, _)| p.to_string()))
    }
}

/// Why `value` (a `set`'s expression) has no value for the page rendered with
/// `context`, when Tera says a field of it is missing: in the reader's words, with the
/// field meant.
fn why_undefined(value: &str, context: &tera::Context) -> Option<Text> {
    let error = tera::Tera::one_off(&format!("{{{{ {value} }}}}"), context, false).err()?;
    match error.kind() {
        tera::ErrorKind::RenderingError(report) if report.message().starts_with("Field `") => {
            Some(tera_words(report.message()))
        }
        _ => None,
    }
}

/// A tag Tera does not know, at `range` of `text` (the template shown as `path`): Tera
/// 1's `import` and `macro` told with what replaced them, a misspelt tag with the one
/// meant. `None` for any other (an `end…` without its opening tag).
pub(super) fn unknown_tag(
    path: &Path,
    text: &std::sync::Arc<str>,
    range: &Range<usize>,
) -> Option<Diagnostic> {
    let word: String = text
        .get(range.start..)?
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if word.is_empty() {
        return None;
    }
    let at = Location::new(path, text, range.start, word.len());
    let extends_later = tags(&text[range.start..])
        .any(|tag| text[range.start + tag.start..range.start + tag.end].starts_with("extends"));
    if word == "import" || word == "macro" {
        let help = if extends_later {
            t!("define it with `{{% component name(arg) %}}…{{% endcomponent name %}}` and call it as `{{{{ <name arg=\"…\"/> }}}}`; and `{{% extends %}}` must be the template's first tag: move it to the top of the file")
        } else {
            t!("define it with `{{% component name(arg) %}}…{{% endcomponent name %}}` and call it as `{{{{ <name arg=\"…\"/> }}}}`")
        };
        return Some(
            Diagnostic::error(Problem::Template(t!(
                "`{{% {tag} %}}` is Tera 1's: pmo's templates (Tera 2) have no macros, but components",
                tag = word.as_str()
            )))
            .at(at)
            .with_help(help),
        );
    }
    let meant = crate::suggest::did_you_mean(&word, TAGS)?;
    Some(
        Diagnostic::error(Problem::Template(t!(
            "there is no tag `{tag}`: did you mean `{meant}`?",
            tag = word.as_str(),
            meant = meant
        )))
        .at(at)
        .with_help(t!(
            "fix the template, or delete the site's copy in templates/ to use the theme's"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_of_a_set_is_found_by_its_name_alone() {
        let text = "{% set a = 1 %}{%- set eyebrow = page.kind_label -%}{% set eyebrows = 2 %}";
        let range = set_of(text, "eyebrow").unwrap();
        assert_eq!(&text[range], "page.kind_label");
        assert!(set_of(text, "kind").is_none());
        assert!(set_of("{% if a == 1 %}", "a").is_none());
    }

    #[test]
    fn an_include_and_an_extends_give_their_names_and_places() {
        let text = "{% extends \"base.html\" %}\n{% include 'partials/x.html' %}";
        let found: Vec<(&str, String)> = tags(text)
            .filter_map(|t| {
                quoted_after(text, &t, "include").or_else(|| quoted_after(text, &t, "extends"))
            })
            .map(|(n, r)| (n, text[r].to_string()))
            .collect();
        assert_eq!(
            found,
            [
                ("base.html", "\"base.html\"".to_string()),
                ("partials/x.html", "'partials/x.html'".to_string())
            ]
        );
    }

    #[test]
    fn the_undefined_variable_is_read_from_either_of_teras_messages() {
        assert_eq!(
            undefined_variable("Variable `eyebrow` exists but its value is undefined"),
            Some("eyebrow")
        );
        assert_eq!(
            undefined_variable("Variable `x` is not defined. Available variables: a, b"),
            Some("x")
        );
        assert_eq!(undefined_variable("Field `x` is not defined."), None);
    }
}
