//! Whole-page snapshots: a change to any part of a rendered page (template, context,
//! Markdown output) shows up here as a diff to review. Refresh deliberately with
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshot`.

mod common;

use std::path::Path;

use common::Site;

fn check(site: &Site, page: &str, snapshot: &str) {
    let actual = site.read(page);
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(snapshot);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}: run with UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .map_or(actual.lines().count().min(expected.lines().count()), |i| i);
        panic!(
            "{page} differs from tests/snapshots/{snapshot} at line {}:\n  actual:   {:?}\n  expected: {:?}\n(UPDATE_SNAPSHOTS=1 to accept)",
            line + 1,
            actual.lines().nth(line),
            expected.lines().nth(line)
        );
    }
}

/// Builds the fixture as of a fixed day: a milestone's slip and an action's lateness are
/// counted against it, and a snapshot must not change with the calendar.
fn built() -> Site {
    let site = Site::fixture("basic");
    let mut options = pmo_portal::Options::new(site.root());
    options.as_of = Some(pmo_portal::Date::parse("2024-12-01").unwrap());
    if let Err(failure) = pmo_portal::build(&options, &pmo_portal::Silent) {
        panic!("build failed:\n{}", common::messages(&failure));
    }
    site
}

#[test]
fn lesson_page() {
    let site = built();
    check(&site, "lessons/vendor-delay/index.html", "lesson.html");
}

#[test]
fn project_page() {
    let site = built();
    check(&site, "projects/erp/index.html", "project.html");
}
