//! The Tera environment: the theme's templates with the site's overrides, and Tera's
//! errors turned into diagnostics that point into the template file.

use crate::t;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::budget::{Spent, MAX_BYTES, MAX_DEPTH, MAX_ITERATIONS, MAX_VALUE};
use super::instrument::{instrument, Insertions, Place};
use super::tera_words::tera_words;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::theme::Theme;

mod traced;

pub struct Templates {
    pub tera: tera::Tera,
    /// Template name → (path to show, text), for placing errors.
    sources: HashMap<String, (PathBuf, Arc<str>)>,
    /// Template name → where the loop counts were put into the text Tera read (see
    /// `instrument`): Tera's places are in that text.
    insertions: HashMap<String, Insertions>,
    /// The names of the templates read from disk (the site's `templates/`, a theme's
    /// folder): an error in one of the others is told in the site's file that led to it.
    on_disk: HashSet<String>,
}

/// The templates every theme must have besides those of each kind (`kinds::KINDS`).
const LISTINGS: &[&str] = &[
    "base.html",
    "lessons.html",
    "projects.html",
    "reviews.html",
    "taxonomy.html",
    "term.html",
    "dashboard.html",
    "hygiene.html",
    "404.html",
];

/// Whether every theme must have the template `name`: a kind's page template, or one of
/// the listings and frames.
pub fn is_required(name: &str) -> bool {
    LISTINGS.contains(&name) || crate::kinds::KINDS.iter().any(|k| k.template == name)
}

/// The templates every theme must have, each once, in a fixed order.
fn required() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = LISTINGS
        .iter()
        .copied()
        .chain(crate::kinds::KINDS.iter().map(|k| k.template))
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

impl Templates {
    /// Where the rendered line `text` is written as it is in a template, `first`'s
    /// looked in first, then those read from disk: a line the template wrote without a
    /// value in it. `None` when none holds it (it holds a value) or it is blank.
    pub fn line_written(&self, text: &str, first: &str) -> Option<Location> {
        if text.is_empty() {
            return None;
        }
        // The page's own template, then the site's and a theme folder's: a line of the
        // built-in theme's `base.html` (its `</main>`) is where an override's mistake
        // shows, not where it was made.
        let mut names: Vec<&String> = self
            .sources
            .keys()
            .filter(|n| n.as_str() == first || self.on_disk.contains(*n))
            .collect();
        names.sort_by_key(|n| (n.as_str() != first, n.as_str()));
        names.into_iter().find_map(|name| {
            let (path, source) = &self.sources[name];
            let mut offset = 0;
            for line in source.split_inclusive('\n') {
                let trimmed = line.trim();
                if trimmed == text {
                    let at = offset + (line.len() - line.trim_start().len());
                    return Some(Location::new(path, source, at, trimmed.len()));
                }
                offset += line.len();
            }
            None
        })
    }

    /// The path a warning about template `name` names.
    pub fn shown_path(&self, name: &str) -> PathBuf {
        self.sources.get(name).map_or_else(
            || PathBuf::from(format!("templates/{name}")),
            |(p, _)| p.clone(),
        )
    }

    pub fn load(theme: &Theme, root: &Path) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources = HashMap::new();
        let mut problems = Vec::new();
        // Templates there but unreadable (not UTF-8, say): told once, as such, and not
        // again as missing.
        let mut unread = Vec::new();
        let mut on_disk = HashSet::new();
        for (name, source) in theme.templates() {
            if source.on_disk().is_some() {
                on_disk.insert(name.to_string());
            }
            let shown = source.display(root, &format!("templates/{name}"));
            let text = source
                .read()
                .map_err(|e| {
                    Diagnostic::error(Problem::Io(crate::messages::reason(&e))).in_file(&shown)
                })
                .and_then(|bytes| crate::source::text_of(bytes.into_owned(), &shown));
            match text {
                Ok(text) => {
                    sources.insert(name.to_string(), (shown, text));
                }
                Err(d) => {
                    problems.push(d);
                    unread.push(name.to_string());
                }
            }
        }
        for required in required() {
            if !sources.contains_key(required) && !unread.iter().any(|n| n == required) {
                problems.push(
                    Diagnostic::error(Problem::Template(t!(
                        "the theme has no `{required}`",
                        required = required
                    )))
                    .in_file(&Path::new("templates").join(required))
                    .with_help(t!(
                        "add templates/{required} to the site or to the theme",
                        required = required
                    )),
                );
            }
        }
        if let Some((path, text)) = sources.get("base.html") {
            if text.trim().is_empty() {
                problems.push(
                    Diagnostic::error(Problem::Template(
                        t!("base.html is empty, but every page's template extends it"),
                    ))
                    .at_file_start(path)
                    .with_help(t!("give it the page's frame with its blocks, or delete the site's copy to use the theme's")),
                );
            }
        }
        // An empty page template (a file created in templates/ and never filled, or
        // emptied to start over) rendered every page of its kind blank, without a word.
        // (An empty base.html is told above, as what every page extends.)
        for required in required().into_iter().filter(|n| *n != "base.html") {
            if let Some((path, _)) = sources.get(required).filter(|(_, t)| t.trim().is_empty()) {
                problems.push(
                    Diagnostic::error(Problem::Template(t!(
                        "{template} is empty: every page it renders would be blank",
                        template = required
                    )))
                    .at_file_start(path)
                    .with_help(t!("write the template (it may extend base.html), or delete the site's copy to use the theme's")),
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut names: Vec<&String> = sources.keys().collect();
        names.sort();
        // The values a template sets, and the memory its renders take, are measured for
        // the site's own templates: the built-in theme's are the build's own code, and
        // measuring every `set` of theirs cost 4% of a 10,000-page build. Their loops
        // are counted all the same (a page's data is the site's).
        let counted: Vec<(&str, (String, Insertions))> = names
            .iter()
            .map(|n| {
                let text = &sources[*n].1;
                let builtin = crate::theme::builtin_file(&format!("templates/{n}"))
                    .is_some_and(|bytes| bytes == text.as_bytes());
                if !builtin {
                    crate::heap::count_renders();
                }
                (n.as_str(), instrument(text, !builtin))
            })
            .collect();
        let mut tera = new_tera();
        let result = tera.add_raw_templates(
            counted
                .iter()
                .map(|(name, (text, _))| (*name, text.as_str())),
        );
        if result.is_ok() {
            let insertions = counted
                .into_iter()
                .map(|(name, (_, insertions))| (name.to_string(), insertions))
                .collect();
            return Ok(Templates {
                tera,
                sources,
                insertions,
                on_disk,
            });
        }
        // A template Tera cannot read is told as the author wrote it. (Were the counting
        // ever to spoil a template Tera reads as written, that one renders uncounted.)
        let mut tera = new_tera();
        let result = tera.add_raw_templates(names.iter().map(|n| (n.as_str(), &*sources[*n].1)));
        let templates = Templates {
            tera,
            sources,
            insertions: HashMap::new(),
            on_disk,
        };
        match result {
            Ok(()) => Ok(templates),
            Err(e) => Err(templates.diagnostics(&e)),
        }
    }

    /// Every problem in a failed load, each in its template's file: Tera reports unknown
    /// filters, tests and functions of all templates at once, as text.
    fn diagnostics(&self, error: &tera::Error) -> Vec<Diagnostic> {
        let tera::ErrorKind::Msg(text) = error.kind() else {
            return vec![self.diagnostic(error, None, None)];
        };
        let mut found = Vec::new();
        for block in text.split("error: ").filter(|b| !b.trim().is_empty()) {
            let message = block.lines().next().unwrap_or("").trim();
            let place = block
                .lines()
                .find_map(|l| l.trim_start().strip_prefix("--> "))
                .and_then(|p| {
                    let mut parts = p.trim().rsplitn(3, ':');
                    let col = parts.next()?.parse::<usize>().ok()?;
                    let line = parts.next()?.parse::<usize>().ok()?;
                    Some((parts.next()?.to_string(), line, col))
                });
            let d = Diagnostic::error(Problem::Template(tera_words(message)))
                .with_help(template_help());
            let name = place.as_ref().map(|(name, _, _)| name.clone());
            let d = match place.and_then(|(name, l, c)| Some((self.sources.get(&name)?, l, c))) {
                Some(((path, text), line, col)) => {
                    d.at(Location::at_line_col(path, text, line, col, 1))
                }
                None => d,
            };
            found.push((name, d, message.to_string()));
        }
        if found.is_empty() {
            return vec![self.diagnostic(error, None, None)];
        }
        self.fold_missing_blocks(found)
    }

    /// A render's error: in the site's own template where one led to it (see
    /// [`traced`]), else where Tera stopped, as [`Templates::diagnostic`] tells it.
    pub fn render_diagnostic(
        &self,
        error: &tera::Error,
        page: Option<&Path>,
        template: &str,
        context: &tera::Context,
    ) -> Diagnostic {
        self.traced(error, page, template, context)
            .unwrap_or_else(|| self.diagnostic(error, page, Some(template)))
    }

    /// `range` of the text Tera read of template `name`, in the author's text.
    fn written(&self, name: &str, range: &std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.insertions
            .get(name)
            .map_or_else(|| range.clone(), |i| i.range(range))
    }

    /// The error of a render that ran out of its budget ([`super::budget`]), at the loop
    /// it was in when Tera stopped (`error`'s place), or in `template`'s file.
    pub fn spent(
        &self,
        spent: Spent,
        error: Option<&tera::Error>,
        page: &str,
        template: &str,
    ) -> Diagnostic {
        let report = error.and_then(|e| match e.kind() {
            tera::ErrorKind::RenderingError(r) => Some(r),
            _ => None,
        });
        let name = report.map_or(template, |r| r.filename());
        let place = report.and_then(|r| {
            let (path, text) = self.sources.get(name)?;
            match self.insertions.get(name)?.place(r.span().range.start) {
                Place::Added(insertion) => {
                    let tag = text.get(insertion.loop_tag.clone()).unwrap_or_default();
                    let inside = tag.trim_start_matches("{%").trim_start_matches('-');
                    Some((
                        Location::new(
                            path,
                            text,
                            insertion.loop_tag.start,
                            insertion.loop_tag.len(),
                        ),
                        inside.trim_start().starts_with("component"),
                    ))
                }
                Place::Written(_) => None,
            }
        });
        let in_component = place.as_ref().is_some_and(|(_, component)| *component);
        let place = place.map(|(location, _)| location);
        let shown = self
            .sources
            .get(template)
            .map_or_else(|| Path::new(template).to_path_buf(), |(p, _)| p.clone());
        let (problem, help) = match spent {
            Spent::Iterations if in_component => (
                t!(
                    "rendering {page} with {template} called its components more than {limit} times, with its loop steps (this component's calls and the loops around and inside them, together)",
                    page = page,
                    template = &shown,
                    limit = crate::numbers::format_amount(MAX_ITERATIONS as f64)
                ),
                t!("a component calling itself twice or more multiplies its calls at each level (four calls, twenty levels deep, are a trillion): call it once, or pass it the list to show"),
            ),
            Spent::Iterations => (
                t!(
                    "rendering {page} with {template} ran more than {limit} loop steps (this loop and those around and inside it, together)",
                    page = page,
                    template = &shown,
                    limit = crate::numbers::format_amount(MAX_ITERATIONS as f64)
                ),
                t!("a loop inside a loop multiplies their lengths (10,000 pages by 10,000 are 100 million steps): loop over a shorter list, such as the page's own `pages`, or take the inner loop out"),
            ),
            Spent::Bytes => (
                t!(
                    "rendering {page} with {template} wrote more than {limit} MB",
                    page = page,
                    template = &shown,
                    limit = MAX_BYTES >> 20
                ),
                t!("a loop writing a page's content, or a long list, for each of its items repeats it: write it once, or loop over a shorter list"),
            ),
            Spent::Value => (
                t!(
                    "rendering {page} with {template} built a value of more than {limit} MB",
                    page = page,
                    template = &shown,
                    limit = MAX_VALUE >> 20
                ),
                t!("each `{{% set s = s ~ s %}}` doubles the text, and a list repeating a long text holds it as many times: build values from the page's own fields once, not from themselves over and over"),
            ),
            Spent::Depth => (
                t!(
                    "rendering {page} with {template} built a value of lists or maps nested more than {limit} deep",
                    page = page,
                    template = &shown,
                    limit = MAX_DEPTH
                ),
                t!("each `{{% set m = {{\"a\": m}} %}}` puts the value one level deeper: keep a list of the items instead"),
            ),
            Spent::Memory => (
                t!(
                    "rendering {page} with {template} took more than {limit} MB of memory",
                    page = page,
                    template = &shown,
                    limit = crate::heap::RENDER_SOFT >> 20
                ),
                t!("a `{{% set %}}` block around a loop, or a `replace` or `join` with a long text, repeats that text in memory: build the value once, from the page's own fields"),
            ),
        };
        let d = Diagnostic::error(Problem::Template(problem)).with_help(help);
        match (place, self.sources.get(name)) {
            (Some(place), _) => d.at(place),
            (None, Some((path, _))) => d.at_file_start(path),
            (None, None) => d,
        }
    }

    /// A Tera error as a diagnostic in the template's file; `page` names the page whose
    /// rendering failed, and `template` the template it was rendered with, if any.
    pub fn diagnostic(
        &self,
        error: &tera::Error,
        page: Option<&Path>,
        template: Option<&str>,
    ) -> Diagnostic {
        let report = match error.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
            _ => None,
        };
        // An error inside a partial is often caused by the template that includes it (a
        // variable it no longer sets): that template is named too.
        let outer = template
            .filter(|t| report.is_some_and(|r| r.filename() != *t))
            .and_then(|t| self.sources.get(t))
            .map(|(path, _)| path.as_path());
        let with_context = |message: String| match (page, outer) {
            (Some(page), Some(outer)) => t!(
                "{message} (while rendering {page} with {template})",
                message = tera_words(&message),
                page = page,
                template = outer
            ),
            (Some(page), None) => t!(
                "{message} (while rendering {page})",
                message = tera_words(&message),
                page = page
            ),
            (None, _) => tera_words(&message),
        };
        if let Some(report) = report {
            if let Some((path, text)) = self.sources.get(report.filename()) {
                let range = &self.written(report.filename(), &report.span().range);
                // Tera gives up on a missing `{% endif %}` at the next end tag it meets:
                // the tag left open is named instead, with where Tera stopped.
                if let Some((at, len, tag)) = super::unclosed_tag::left_open(text, range.start) {
                    let (line, _) = crate::diagnostics::line_col(text, range.start);
                    return Diagnostic::error(Problem::Template(t!(
                        "`{{% {tag} %}}` is never closed: Tera meets another tag's end on line {line} before its `{{% end{tag} %}}`",
                        tag = tag.as_str(),
                        line = line
                    )))
                    .at(Location::new(path, text, at, len))
                    .with_help(t!("add `{{% end{tag} %}}` where its body ends", tag = tag.as_str()));
                }
                if report.message() == "Unknown tag" {
                    if let Some(d) = traced::unknown_tag(path, text, range) {
                        return d;
                    }
                }
                return Diagnostic::error(Problem::Template(with_context(
                    report.message().to_string(),
                )))
                .at(Location::new(path, text, range.start, range.len()))
                .with_help(template_help());
            }
            return Diagnostic::error(Problem::Template(with_context(
                report.message().to_string(),
            )))
            .with_help(template_help());
        }
        // Errors about a template as a whole: point at the tag that caused them.
        let (name, needle) = match error.kind() {
            tera::ErrorKind::CircularExtend { tpl, .. } => (tpl.as_str(), "extends".to_string()),
            tera::ErrorKind::CircularInclude { tpl, include_chain } => {
                let next = include_chain
                    .iter()
                    .skip_while(|t| *t != tpl)
                    .nth(1)
                    .map_or("include".to_string(), |n| format!("\"{n}\""));
                (tpl.as_str(), next)
            }
            tera::ErrorKind::MissingParent { current, parent } => {
                (current.as_str(), format!("\"{parent}\""))
            }
            _ => ("", String::new()),
        };
        let d = Diagnostic::error(Problem::Template(with_context(error.to_string())))
            .with_help(template_help());
        match self.sources.get(name) {
            Some((path, text)) => match text.find(&needle) {
                Some(at) => d.at(Location::new(path, text, at, needle.len())),
                None => d.at_file_start(path),
            },
            None => d,
        }
    }
}

/// A Tera environment as a site's templates are read into.
fn new_tera() -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::escape::html_for_templates);
    super::budget::register(&mut tera);
    tera
}

fn template_help() -> crate::messages::Text {
    t!("fix the template, or delete the site's copy in templates/ to use the theme's")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_required_templates_are_the_listings_and_every_kinds_own() {
        assert_eq!(
            required(),
            [
                "404.html",
                "base.html",
                "dashboard.html",
                "home.html",
                "hygiene.html",
                "lesson.html",
                "lessons.html",
                "page.html",
                "practice.html",
                "project.html",
                "projects.html",
                "review.html",
                "reviews.html",
                "section.html",
                "taxonomy.html",
                "term.html",
            ]
        );
        assert!(is_required("lesson.html") && !is_required("partials/meta.html"));
    }
}
