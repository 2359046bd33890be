//! The lists the build writes because of the pages it holds: a folder's list, a term's
//! page, the dashboard. An audience that sees none of the pages behind one has no such
//! list, though the pages it sees may link it (the sample's home page links
//! `/dashboard/`, which a build without projects does not write): such a link is a link
//! across the line like one to a hidden page, not a broken one.

use std::collections::{BTreeMap, HashMap};

use crate::content::page::Page;
use crate::content::page_file::folder_url;
use crate::content::schema::Vocabulary;
use crate::slugs::term_slug;

/// The lists the build writes because of `page`, besides its own address: every
/// folder's list above it, the pages of its terms (as `site::taxonomy` collects them),
/// and the dashboard for a project. A taxonomy's own list (`tags/`) is written whatever
/// the pages.
pub(super) fn lists_of(page: &Page) -> Vec<String> {
    let mut lists = Vec::new();
    let mut dir = crate::kinds::page_section_dir(&page.rel_path);
    while !dir.is_empty() {
        lists.push(folder_url(dir));
        dir = dir.rsplit_once('/').map_or("", |(up, _)| up);
    }
    if page.project().is_some() {
        lists.push(crate::layout::DASHBOARD_URL.to_string());
    }
    if !page.kind.is_index() {
        let category = page.category.iter().cloned().collect();
        let phase = page.lesson().map(|l| l.phase.key().to_string());
        for (taxonomy, names) in [
            ("tags", page.tags.clone()),
            ("categories", category),
            ("phases", phase.into_iter().collect()),
        ] {
            for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                lists.push(format!("{taxonomy}/{}/", term_slug(name)));
            }
        }
    }
    lists
}

/// The lists only audiences above `level` have, each with the lowest audience that has
/// it: `pages` with the audience of each (an index into `names`).
pub(super) fn above(
    pages: &[Page],
    levels: &[usize],
    level: usize,
    names: &[String],
) -> HashMap<String, String> {
    let mut lowest: BTreeMap<String, usize> = BTreeMap::new();
    for (page, &l) in pages.iter().zip(levels) {
        for list in lists_of(page) {
            lowest
                .entry(list)
                .and_modify(|low| *low = (*low).min(l))
                .or_insert(l);
        }
    }
    lowest
        .into_iter()
        .filter(|(_, l)| *l > level)
        .map(|(list, l)| (list, names[l].clone()))
        .collect()
}
