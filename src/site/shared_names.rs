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

/// A code another project already has is an error at the later project's `code:`
/// (in folder order), naming the first: no reference by code could tell the two apart.
/// A shared title is a warning at `title:`: the folder still tells them apart, but the
/// dashboard and lists show two projects no reader can tell apart.
pub fn check(pages: &Pages, projects: &BTreeMap<String, PageId>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut codes: BTreeMap<String, &Page> = BTreeMap::new();
    let mut titles: BTreeMap<String, &Page> = BTreeMap::new();
    for &id in projects.values() {
        let page = &pages[id];
        let Some(info) = page.project() else { continue };
        if let Some(code) = info.code.as_deref().filter(|c| !key(c).is_empty()) {
            match codes.get(&key(code)) {
                Some(first) => out.push(
                    Diagnostic::error(Problem::Content(t!(
                        "`{code}` is already the code of project `{other}` ({file})",
                        code = code.trim(),
                        other = first.project().map_or("", |p| p.slug.as_str()),
                        file = crate::diagnostics::shown(&first.path)
                    )))
                    .at(at_field(page, "code"))
                    .with_help(t!(
                        "give each project its own code: lessons, reviews and imported registers name a project by it"
                    )),
                ),
                None => {
                    codes.insert(key(code), page);
                }
            }
        }
        match titles.get(&key(&page.title)) {
            Some(first) => out.push(
                Diagnostic::warning(Problem::Content(t!(
                    "`{title}` is already the title of project `{other}` ({file})",
                    title = page.title.trim(),
                    other = first.project().map_or("", |p| p.slug.as_str()),
                    file = crate::diagnostics::shown(&first.path)
                )))
                .at(at_field(page, "title"))
                .with_help(t!(
                    "give each project a title of its own: lists and the dashboard show two projects no reader can tell apart, and a lesson naming the title cannot say which it means"
                )),
            ),
            None => {
                titles.insert(key(&page.title), page);
            }
        }
    }
    out
}

/// Where `field`'s value is written in `page`'s front matter, to the end of its line.
fn at_field(page: &Page, field: &str) -> Location {
    let text = page.source.text(&page.path);
    let offset = front_matter::split(&page.path, &text)
        .map(|split| field_offset(&text, &split, field))
        .unwrap_or(0);
    let len = text[offset..].find('\n').unwrap_or(0);
    Location::new(&page.path, &text, offset, len)
}
