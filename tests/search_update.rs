//! The serve hook: an index kept in memory and updated after an edit writes exactly the
//! files that changed, and ends up equal to a fresh build of the edited site.

mod common;

use std::collections::BTreeMap;
use std::io;
use std::sync::Mutex;

use common::Site;
use pmo_portal::output::Output;
use pmo_portal::search::index::SearchIndex;
use pmo_portal::{prepare, Options};

/// An output that keeps every file in memory.
#[derive(Default)]
struct Memory(Mutex<BTreeMap<String, Vec<u8>>>);

impl Output for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.0
            .lock()
            .unwrap()
            .insert(rel.to_string(), bytes.to_vec());
        Ok(())
    }
}

impl Memory {
    fn files(self) -> BTreeMap<String, Vec<u8>> {
        self.0.into_inner().unwrap()
    }
}

fn searchable_site() -> Site {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("search = true\n{config}"));
    site
}

#[test]
fn an_update_after_an_edit_equals_a_fresh_build() {
    let site = searchable_site();
    let options = Options::new(site.root());
    let before = prepare(&options).unwrap_or_else(|e| panic!("{:?}", e.diagnostics));
    let first = Memory::default();
    let mut index = SearchIndex::build(&before.site, &before.i18n, &first).unwrap();
    let mut files = first.files();
    assert_eq!(index.paths().count(), files.len());

    let page = "content/lessons/vendor-delay.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(
        page,
        text.replace("延期三周", "延期三周，监理 overtime 加班两次"),
    );
    let after = prepare(&options).unwrap_or_else(|e| panic!("{:?}", e.diagnostics));
    let id = (0..after.site.pages.len())
        .find(|&i| after.site.page(i).url == "lessons/vendor-delay/")
        .unwrap();

    let updates = Memory::default();
    let written = index
        .update(&after.site, &after.i18n, &[id], &updates)
        .unwrap();
    let updates = updates.files();
    assert_eq!(
        written,
        updates.keys().cloned().collect::<Vec<_>>(),
        "the paths returned are the files written"
    );
    assert!(
        !written.is_empty() && written.len() < files.len(),
        "{written:?}"
    );
    assert!(
        written.iter().any(|p| p.starts_with("search/x/")),
        "{written:?}"
    );
    files.extend(updates);

    let fresh = Memory::default();
    SearchIndex::build(&after.site, &after.i18n, &fresh).unwrap();
    assert!(
        files == fresh.files(),
        "updated index differs from a fresh build"
    );

    // Nothing changed: nothing is written.
    let again = Memory::default();
    assert!(index
        .update(&after.site, &after.i18n, &[id], &again)
        .unwrap()
        .is_empty());
}

#[test]
fn an_update_refuses_a_changed_set_of_pages() {
    let site = searchable_site();
    let options = Options::new(site.root());
    let before = prepare(&options).unwrap_or_else(|e| panic!("{:?}", e.diagnostics));
    let mut index = SearchIndex::build(&before.site, &before.i18n, &Memory::default()).unwrap();
    site.write(
        "content/about-2.md",
        "---\ntitle: 新的页面\n---\n\n正文。\n",
    );
    let after = prepare(&options).unwrap_or_else(|e| panic!("{:?}", e.diagnostics));
    let err = index
        .update(&after.site, &after.i18n, &[], &Memory::default())
        .unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
}
