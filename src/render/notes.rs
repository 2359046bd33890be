//! A project page's doubts about its own figures: the warnings the build printed about
//! its `index.md` and tables (a month left blank, an amount out of scale, figures that
//! stopped), shown beside the figures. Printed only for the author, they left every
//! reader to take a doubtful CPI for a measured one.
//!
//! Found again from the site being rendered, never taken from the build's list: an
//! audience's build prints warnings about data only higher audiences see, which its
//! pages must not show.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Severity};
use crate::messages::Lang;
use crate::site::Site;

/// One doubt, as the page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DataNote {
    /// The file within the project's folder and the line: `budget.csv:4`.
    pub place: String,
    pub message: String,
}

/// Each project's doubts, by slug, in the site's language.
pub fn by_project(site: &Site) -> HashMap<String, Vec<DataNote>> {
    let lang = Lang::from_code(site.config.language.code());
    let mut out: HashMap<String, Vec<DataNote>> = HashMap::new();
    let warnings = crate::derive::sanity::projects(site)
        .into_iter()
        .chain(crate::derive::currency::check(site));
    for d in warnings.filter(|d| d.severity == Severity::Warning) {
        if let Some((slug, note)) = note(&d, lang) {
            // A build whose audience sees no money gets no note quoting an amount: only
            // those about milestones and risks.
            let money_free = ["milestones.", "risks."]
                .iter()
                .any(|f| note.place.starts_with(f));
            if site.money_shown || money_free {
                out.entry(slug).or_default().push(note);
            }
        }
    }
    out
}

/// The project `d` is about (its file under `content/projects/<slug>/`) and the note.
fn note(d: &Diagnostic, lang: Lang) -> Option<(String, DataNote)> {
    let (path, line) = match &d.location {
        Some(at) => (at.path.as_path(), Some(at.line_col().0)),
        None => (d.path.as_deref()?, None),
    };
    let within = path
        .strip_prefix(Path::new("content").join(crate::kinds::PROJECTS))
        .ok()?;
    let mut parts = within.components();
    let slug = parts.next()?.as_os_str().to_string_lossy().into_owned();
    let file = parts.as_path().to_string_lossy().replace('\\', "/");
    if file.is_empty() {
        return None;
    }
    let place = match line {
        Some(line) => format!("{file}:{line}"),
        None => file,
    };
    let message = d.problem.text().render(lang);
    Some((slug, DataNote { place, message }))
}
