//! A project page's doubts about its own figures (see `derive::doubts`), in the site's
//! language, shown beside the figures. Printed only for the author, they left every
//! reader to take a doubtful CPI for a measured one.

use std::collections::HashMap;

use serde::Serialize;

use crate::messages::Lang;
use crate::site::Site;

/// One doubt, as the page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DataNote {
    /// The file within the project's folder and the line: `budget.csv:4`.
    pub place: String,
    pub message: String,
    /// Whether it doubts the figures (see `derive::doubts::Doubt::marks`).
    pub marks: bool,
}

/// Each project's doubts, by slug, in the site's language.
pub fn by_project(site: &Site) -> HashMap<String, Vec<DataNote>> {
    let lang = Lang::from_code(site.config.language.code());
    crate::derive::doubts::by_project(site)
        .into_iter()
        .map(|(slug, doubts)| {
            let notes = doubts
                .into_iter()
                .map(|d| DataNote {
                    place: d.place,
                    message: d.warning.message().render(lang),
                    marks: d.marks,
                })
                .collect();
            (slug, notes)
        })
        .collect()
}
