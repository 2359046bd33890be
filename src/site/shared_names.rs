//! Projects that share a code or a title. A lesson, a review or an imported register
//! row may name its project by either, and each such name was taken to mean whichever
//! project was met first; the build named that one as if it were the only one.

use std::collections::BTreeMap;

use super::Pages;
use crate::content::front_matter;
use crate::content::page::Page;
use crate::content::page_file::field_offset;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::ids::PageId;
use crate::t;

/// A code or title as compared: no spaces of any width around it, full-width letters
/// folded, case aside (`PRJ-2023-004` is `prj-2023-004 `).
pub fn key(name: &str) -> String {
    crate::slugs::tidy_name(name)
        .unwrap_or_default()
        .to_lowercase()
}

/// A code or title several projects share is a warning at the second one's field, once
/// for the lot, naming the first: the folder still tells them apart, and a lesson or
/// review names its project by folder, but one naming it by that code or title cannot
/// say which it means (the build and `pmo import` then ask for the folder), and lists
/// show projects no reader can tell apart. Not an error: a generated or inherited
/// portfolio reuses a programme's name as every project's code, and refusing it left
/// the whole portal unbuilt.
pub fn check(pages: &Pages, projects: &BTreeMap<String, PageId>) -> Vec<Diagnostic> {
    let mut codes: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
    let mut titles: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
    for &id in projects.values() {
        let page = &pages[id];
        let Some(info) = page.project() else { continue };
        if let Some(code) = info.code.as_deref().filter(|c| !key(c).is_empty()) {
            codes.entry(key(code)).or_default().push(page);
        }
        titles.entry(key(&page.title)).or_default().push(page);
    }
    let mut out = Vec::new();
    for group in codes.values().filter(|g| g.len() > 1) {
        let code = group[1]
            .project()
            .and_then(|p| p.code.as_deref())
            .unwrap_or("");
        let (count, other, file) = first_of(group);
        let message = t!(
            "`{code}` is the code of {count} projects, first `{other}` ({file})",
            code = code.trim(),
            count = count,
            other = other,
            file = file
        );
        out.push(shared(group, "code", message).with_help(t!(
            "give each project its own code: a lesson, review or imported register naming a project by it cannot say which it means, and must name the project's folder"
        )));
    }
    for group in titles.values().filter(|g| g.len() > 1) {
        let (count, other, file) = first_of(group);
        let message = t!(
            "`{title}` is the title of {count} projects, first `{other}` ({file})",
            title = group[1].title.trim(),
            count = count,
            other = other,
            file = file
        );
        out.push(shared(group, "title", message).with_help(t!(
            "give each project a title of its own: lists and the dashboard show two projects no reader can tell apart, and a lesson naming the title cannot say which it means"
        )));
    }
    out
}

/// How many projects share a name, and the first one's folder and file, for the message.
fn first_of(group: &[&Page]) -> (usize, String, String) {
    let first = group[0];
    let slug = first.project().map_or("", |p| p.slug.as_str()).to_string();
    (group.len(), slug, crate::diagnostics::shown(&first.path))
}

/// The warning for a shared name, at the second project's `field`.
fn shared(group: &[&Page], field: &str, message: crate::messages::Text) -> Diagnostic {
    Diagnostic::warning(Problem::Content(message)).at(at_field(group[1], field))
}

/// Where `field`'s value is written in `page`'s front matter, to the end of its line.
pub(super) fn at_field(page: &Page, field: &str) -> Location {
    let text = page.source.text(&page.path);
    let offset = front_matter::split(&page.path, &text)
        .map(|split| field_offset(&text, &split, field))
        .unwrap_or(0);
    let len = text[offset..].find('\n').unwrap_or(0);
    Location::new(&page.path, &text, offset, len)
}
