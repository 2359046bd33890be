//! What editors and sync tools leave beside the sources — swap and lock files, backups,
//! conflicted copies — is no source. Copied into the site as it was, a backup of a page
//! the build keeps from an audience (`lessons/x.md.bak`, `static/x.md.bak`) published
//! that page's raw text to everyone (the seventh hunt).

mod common;

use std::path::Path;

use common::restricted_lesson;

/// What leaks: a marker only the restricted lesson's text holds.
const MARKER: &str = "MARKLEFTOVER";

/// Every file under `dir` whose bytes hold `needle`.
fn files_holding(dir: &Path, needle: &str) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            String::from_utf8_lossy(&bytes).contains(needle)
        })
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect()
}

/// Editors' own files are passed over without a word, as `.x.md.swp` and `x.md~`
/// always were; backups and conflicted copies are left out with a warning naming each;
/// none of them reaches any audience's site, in `content/` or `static/`.
#[test]
fn backups_and_copies_of_a_restricted_page_reach_no_build() {
    let site = common::with_restricted_lesson(MARKER);
    let editors = [
        ".secret.md.swp",
        "secret.md~",
        "#secret.md#",
        "~$secret.docx",
    ];
    let backups = [
        "secret.md.bak",
        "secret.md.orig",
        "secret.md.save",
        "secret.md.tmp",
        "secret.md.old",
    ];
    let conflicts = [
        "secret (conflicted copy).md",
        "secret (Alice's conflicted copy 2024-01-01).md",
    ];
    // A file manager's copy pasted beside the file (Windows, in English and Chinese).
    let copies = [
        "secret - Copy.md",
        "secret - Copy (2).md",
        "secret - 副本.md",
        "secret - 副本 (3).md",
    ];
    for folder in ["content/lessons", "static/files"] {
        for name in editors
            .iter()
            .chain(&backups)
            .chain(&conflicts)
            .chain(&copies)
        {
            site.write(&format!("{folder}/{name}"), restricted_lesson(MARKER));
        }
    }
    // A copy of a whole folder of pages, by its name a backup.
    site.write("content/lessons.orig/secret.md", restricted_lesson(MARKER));

    let report = site.build_ok();
    assert!(
        files_holding(&site.public(), MARKER).is_empty(),
        "{:?}",
        files_holding(&site.public(), MARKER)
    );
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let told = |rel: &str| warnings.iter().find(|w| w.contains(rel)).cloned();
    for folder in ["content/lessons", "static/files"] {
        for name in editors {
            let rel = format!("{folder}/{name}");
            assert_eq!(told(&rel), None, "{rel}");
        }
        for name in backups {
            let rel = format!("{folder}/{name}");
            let w = told(&rel).unwrap_or_else(|| panic!("{rel}: {warnings:#?}"));
            assert!(w.contains("backup or temporary copy"), "{w}");
            assert!(!w.contains(MARKER), "{w}");
        }
        for name in conflicts {
            let rel = format!("{folder}/{name}");
            let w = told(&rel).unwrap_or_else(|| panic!("{rel}: {warnings:#?}"));
            assert!(w.contains("conflicted copy a sync tool made"), "{w}");
        }
        for name in copies {
            let rel = format!("{folder}/{name}");
            let w = told(&rel).unwrap_or_else(|| panic!("{rel}: {warnings:#?}"));
            assert!(w.contains("a copy a file manager made"), "{w}");
        }
    }
    assert!(told("content/lessons.orig").is_some(), "{warnings:#?}");

    // The audience that may see the lesson gets it once, as its page: no copy of it.
    site.build_audience("pmo");
    let mut holding = files_holding(&site.public(), MARKER);
    holding.retain(|f| f.ends_with(".html"));
    assert!(
        holding
            .iter()
            .all(|f| !f.contains("conflicted") && !f.contains("orig") && !f.contains(" - ")),
        "{holding:?}"
    );
    assert!(!site.exists("files/secret.md.bak"));
    assert!(!site.exists("lessons/secret.md.bak"));
}

/// A repository's `.git/` copied into `static/` was published whole, its config holding
/// a token in the remote's address; only `.well-known/` is a hidden folder a site
/// publishes on purpose (security.txt).
#[test]
fn a_hidden_folder_in_static_is_not_published_but_well_known_is() {
    let site = common::Site::fixture("basic");
    site.write(
        "static/.git/config",
        "[remote \"origin\"]\n\turl = https://ghp_TOKENLEAK@example.com/pmo.git\n",
    );
    site.write(
        "static/.well-known/security.txt",
        "Contact: mailto:pmo@example.com\n",
    );
    site.build_ok();
    assert!(files_holding(&site.public(), "TOKENLEAK").is_empty());
    assert!(!site.public().join(".git").exists());
    assert!(site.public().join(".well-known/security.txt").is_file());
}

/// A name that merely ends like a copy's is no copy: `Ad copy.md` (no dash), a title
/// with a dash (`Go-live - checklist.md`), `副本管理.md`.
#[test]
fn names_like_a_copy_are_published() {
    let site = common::Site::fixture("basic");
    for name in [
        "ad copy",
        "go-live - checklist",
        "副本管理",
        "review - copy editing",
    ] {
        site.write(
            &format!("content/reports/{name}.md"),
            format!("---\ntitle: {name}\n---\n\n正文。\n"),
        );
    }
    let report = site.build_ok();
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.to_string().contains("file manager")),
        "{:?}",
        report.warnings
    );
    for slug in [
        "ad-copy",
        "go-live-checklist",
        "副本管理",
        "review-copy-editing",
    ] {
        assert!(site.exists(&format!("reports/{slug}/index.html")), "{slug}");
    }
}

/// A newer budget downloaded as `budget (1).csv` beside the old `budget.csv` was left
/// unread without a word, and the project showed the old figures; a page duplicated as
/// `x copy.md` was published twice. A second copy beside its original is left out with a
/// warning naming the original; one with no original beside it is a page of its own.
#[test]
fn a_second_copy_beside_its_original_is_told_and_left_out() {
    let site = common::Site::fixture("basic");
    let budget = std::fs::read(site.root().join("content/projects/erp/budget.csv")).unwrap();
    site.write("content/projects/erp/budget (1).csv", &budget);
    let about = std::fs::read(site.root().join("content/about.md")).unwrap();
    site.write("content/about copy.md", &about);
    site.write(
        "content/reports/checklist (2).md",
        "---\ntitle: 清单\n---\n\n正文。\n",
    );
    let told: Vec<String> = site
        .warnings()
        .into_iter()
        .filter(|w| w.contains("second copy"))
        .collect();
    assert_eq!(told.len(), 2, "{told:#?}");
    assert!(told[0].contains("content/about copy.md"), "{}", told[0]);
    assert!(told[0].contains("`about.md`"), "{}", told[0]);
    assert!(
        told[1].contains("content/projects/erp/budget (1).csv") && told[1].contains("`budget.csv`"),
        "{}",
        told[1]
    );
    assert!(!site.exists("about-copy/index.html"));
    assert!(site.exists("reports/checklist-2/index.html"));
}
