//! Sections: the folder tree under `content/`, with each folder's pages in reading order.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::content::page::Page;
use crate::content::page_file::folder_url;
use crate::diagnostics::{Diagnostic, Problem};
use crate::ids::{Id, IdVec};
use crate::kinds::Kind;
use crate::site::{PageId, Pages};
use crate::t;

pub use crate::ids::SectionId;

#[derive(Debug, Clone)]
pub struct Section {
    /// Folder relative to `content/` (`` for the top, `practices/risk` …).
    pub dir: String,
    pub url: String,
    /// The folder's `_index.md` (or `content/_index.md` for the top), if written.
    pub index: Option<PageId>,
    /// Pages directly in this folder, practices by weight then title, others newest first.
    pub pages: Vec<PageId>,
    /// Sub-folders, by weight then title.
    pub children: Vec<SectionId>,
    pub parent: Option<SectionId>,
    /// Pages in this section and all below it.
    pub count: usize,
}

impl Section {
    /// The folder's own name (last path segment), the fallback title.
    pub fn name(&self) -> &str {
        self.dir.rsplit('/').next().unwrap_or(&self.dir)
    }
}

/// The section folder a page belongs to: its own folder, except that everything inside
/// a project bundle (`projects/<slug>/…`) belongs to `projects`, and a page bundle's
/// `index.md` to the folder above it.
fn home_dir(page: &Page) -> String {
    crate::kinds::page_section_dir(&page.rel_path).to_string()
}

/// Sections whose list page another section's takes (folders whose names differ only in
/// case, `Practices/` beside `practices/`) or a page's does (`css.md` beside a folder
/// `css/`). Both would be written to one file, and the build failed while writing,
/// naming only that output file and not the folders or page to rename.
pub fn clashes(sections: &IdVec<SectionId, Section>, pages: &Pages) -> Vec<Diagnostic> {
    let folder = |s: &Section| Path::new("content").join(&s.dir);
    let mut lists: HashMap<&str, PathBuf> = HashMap::new();
    let mut found = Vec::new();
    for section in sections {
        let here = folder(section);
        match lists.get(section.url.as_str()) {
            // Folders alike but for their Unicode form are told by `output::twins`.
            Some(first)
                if crate::slugs::nfc(&first.to_string_lossy())
                    == crate::slugs::nfc(&here.to_string_lossy()) => {}
            Some(first) => found.push(
                Diagnostic::error(Problem::Content(t!(
                    "the folders {first} and {second} both make the list at /{url}",
                    first = first,
                    second = &here,
                    url = &section.url
                )))
                // Its introduction when it has one: a file to open.
                .at_file_start(&section.index.map_or(here, |i| pages[i].path.clone()))
                .with_help(t!("rename one of the folders (folder names are compared after lowercasing and turning spaces into dashes)")),
            ),
            None => {
                lists.insert(&section.url, here);
            }
        }
    }
    for page in pages.iter().filter(|p| !p.kind.is_index()) {
        if let Some(folder) = lists.get(page.url.as_str()) {
            found.push(
                Diagnostic::error(Problem::Content(t!(
                    "this page wants the URL /{url}, where the folder {folder} has its list",
                    url = &page.url,
                    folder = folder
                )))
                .at_file_start(&page.path)
                .with_help(t!("rename the page or the folder; to write the folder's own introduction, name the page `_index.md` inside the folder")),
            );
        }
    }
    found
}

pub fn build(pages: &Pages) -> (IdVec<SectionId, Section>, IdVec<PageId, SectionId>) {
    // Every folder holding a page, and every folder above it, is a section.
    let mut dirs: BTreeMap<String, Option<PageId>> = BTreeMap::new();
    dirs.insert(String::new(), None);
    for (id, page) in pages.iter_enumerated() {
        let dir = home_dir(page);
        let mut d = dir.as_str();
        loop {
            dirs.entry(d.to_string()).or_insert(None);
            match d.rsplit_once('/') {
                Some((up, _)) => d = up,
                None if !d.is_empty() => d = "",
                None => break,
            }
        }
        if page.kind.is_index() {
            dirs.insert(page.dir().to_string(), Some(id));
        }
    }
    let index_of: BTreeMap<&str, SectionId> = dirs
        .keys()
        .enumerate()
        .map(|(i, d)| (d.as_str(), SectionId::new(i)))
        .collect();
    let mut sections: IdVec<SectionId, Section> = dirs
        .iter()
        .map(|(dir, index)| Section {
            dir: dir.clone(),
            url: folder_url(dir),
            index: *index,
            pages: Vec::new(),
            children: Vec::new(),
            parent: None,
            count: 0,
        })
        .collect();
    for id in sections.ids() {
        let dir = sections[id].dir.clone();
        if dir.is_empty() {
            continue;
        }
        let parent_dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
        let parent = index_of[parent_dir];
        sections[id].parent = Some(parent);
        sections[parent].children.push(id);
    }
    let mut page_section = IdVec::filled(SectionId::default(), pages.len());
    for (id, page) in pages.iter_enumerated() {
        let sid = index_of[home_dir(page).as_str()];
        page_section[id] = sid;
        if !page.kind.is_index() {
            sections[sid].pages.push(id);
        }
    }
    for section in &mut sections {
        section
            .pages
            .sort_by(|&a, &b| listing_order(&pages[a], &pages[b]));
    }
    // Children by the weight of their index pages, then the standard sections in the
    // order a PMO reads them, then by title.
    let key = |s: &Section| {
        let page = s.index.map(|i| &pages[i]);
        (
            page.and_then(|p| p.weight).unwrap_or(i64::MAX),
            crate::kinds::standard_folders()
                .position(|d| d == s.dir)
                .unwrap_or(usize::MAX),
            page.map_or_else(|| s.name().to_string(), |p| p.title.clone()),
        )
    };
    for id in sections.ids() {
        let mut children = std::mem::take(&mut sections[id].children);
        children.sort_by_key(|&c| key(&sections[c]));
        sections[id].children = children;
    }
    // Counts bottom-up: deeper folders sort after their parents, so walk in reverse.
    for id in sections.ids().rev() {
        let below: usize = sections[id]
            .children
            .iter()
            .map(|&c| sections[c].count)
            .sum();
        sections[id].count = sections[id].pages.len() + below;
    }
    (sections, page_section)
}

/// The order of a section's pages: practices by weight, everything else newest first.
pub(super) fn listing_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    if a.kind == Kind::Practice && b.kind == Kind::Practice {
        a.cmp_weight(b)
    } else {
        a.cmp_newest(b)
    }
}
