//! The Tera environment: the theme's templates with the site's overrides, and Tera's
//! errors turned into diagnostics that point into the template file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::theme::Theme;

pub struct Templates {
    pub tera: tera::Tera,
    /// Template name → (path to show, text), for placing errors.
    sources: HashMap<String, (PathBuf, Arc<str>)>,
}

/// The templates every theme must have.
pub const REQUIRED: &[&str] = &[
    "base.html",
    "home.html",
    "section.html",
    "practice.html",
    "lessons.html",
    "lesson.html",
    "projects.html",
    "project.html",
    "reviews.html",
    "review.html",
    "page.html",
    "taxonomy.html",
    "term.html",
    "dashboard.html",
    "404.html",
];

impl Templates {
    pub fn load(theme: &Theme, root: &Path) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources = HashMap::new();
        let mut problems = Vec::new();
        for (name, source) in theme.templates() {
            let shown = source.display(root, &format!("templates/{name}"));
            let text = source
                .read()
                .map_err(|e| Diagnostic::error(Problem::Io(e.to_string())).in_file(&shown))
                .and_then(|bytes| {
                    crate::content::source::decode(bytes.into_owned()).map_err(|offset| {
                        Diagnostic::error(Problem::InvalidUtf8 { offset }).in_file(&shown)
                    })
                });
            match text {
                Ok(text) => {
                    sources.insert(name.to_string(), (shown, text));
                }
                Err(d) => problems.push(d),
            }
        }
        for required in REQUIRED {
            if !sources.contains_key(*required) {
                problems.push(
                    Diagnostic::error(Problem::Template(format!("the theme has no `{required}`")))
                        .in_file(&Path::new("templates").join(required))
                        .with_help(format!(
                            "add templates/{required} to the site or to the theme"
                        )),
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let result = {
            let mut names: Vec<&String> = sources.keys().collect();
            names.sort();
            let batch: Vec<(&str, &str)> = names
                .iter()
                .map(|n| (n.as_str(), &*sources[*n].1))
                .collect();
            tera.add_raw_templates(batch)
        };
        let templates = Templates { tera, sources };
        match result {
            Ok(()) => Ok(templates),
            Err(e) => Err(vec![templates.diagnostic(&e, None)]),
        }
    }

    /// A Tera error as a diagnostic in the template's file; `page` names the page whose
    /// rendering failed, if any.
    pub fn diagnostic(&self, error: &tera::Error, page: Option<&Path>) -> Diagnostic {
        let report = match error.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
            _ => None,
        };
        let context = page
            .map(|p| format!(" (while rendering {})", p.display()))
            .unwrap_or_default();
        let help = "fix the template, or delete the site's copy in templates/ to use the theme's";
        if let Some(report) = report {
            if let Some((path, text)) = self.sources.get(report.filename()) {
                let range = &report.span().range;
                return Diagnostic::error(Problem::Template(format!(
                    "{}{context}",
                    report.message()
                )))
                .at(Location::new(path, text, range.start, range.len()))
                .with_help(help);
            }
            return Diagnostic::error(Problem::Template(format!("{}{context}", report.message())))
                .with_help(help);
        }
        Diagnostic::error(Problem::Template(format!("{error}{context}"))).with_help(help)
    }
}
