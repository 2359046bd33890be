//! Nothing is lost: a page mended by hand in `public/`, or a PDF dropped into
//! `public/docs/`, vanished without a word at the next build, which replaces the output
//! folder whole. The build now refuses, names the files, and says where they belong.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use common::{pmo, pmo_in, snapshot, stderr, Site};

/// Sets `path`'s modification time `secs` seconds after the marker's: no clock is
/// trusted to have moved between a build and an edit made the instant after it.
fn after_the_build(public: &Path, path: &Path, secs: u64) {
    let built = fs::metadata(public.join(".pmo-output"))
        .unwrap()
        .modified()
        .unwrap();
    set_time(path, built + Duration::from_secs(secs));
}

fn set_time(path: &Path, at: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(at)
        .unwrap();
}

fn build(site: &Site, extra: &[&str]) -> std::process::Output {
    let root = site.root().to_str().unwrap();
    pmo(&[&["--root", root, "build"], extra].concat())
}

#[test]
fn a_page_edited_by_hand_stops_the_build_and_stays() {
    let site = Site::fixture("basic");
    site.build_ok();
    let page = site.public().join("index.html");
    fs::write(&page, "<p>手工改过的首页：请勿覆盖</p>").unwrap();
    after_the_build(&site.public(), &page, 2);
    let before = snapshot(&site.public());

    let out = build(&site, &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("index.html"), "names the file: {text}");
    assert!(
        text.contains("changed or added by hand"),
        "says what: {text}"
    );
    assert!(text.contains("would delete them"), "says why: {text}");
    assert!(
        text.contains("content/") && text.contains("static/") && text.contains("--force"),
        "says how: {text}"
    );
    assert_eq!(
        snapshot(&site.public()),
        before,
        "the old output is untouched"
    );
}

/// A file saved or copied into a subfolder is named, in a new folder or in one the build
/// wrote.
#[test]
fn a_file_added_in_a_subfolder_is_found() {
    let site = Site::fixture("basic");
    site.build_ok();
    // File times tick every few milliseconds: an author's edit comes later than that.
    std::thread::sleep(Duration::from_millis(50));
    let docs = site.public().join("docs");
    fs::create_dir_all(&docs).unwrap();
    let pdf = docs.join("2025年度复盘.pdf");
    fs::write(&pdf, "%PDF-1.7 复盘").unwrap();
    let sheet = site.public().join("css/旧样式.css");
    fs::write(&sheet, "body {}").unwrap();

    let err = site.build_err();
    assert!(
        err.contains("css/旧样式.css") && err.contains("docs/2025年度复盘.pdf"),
        "{err}"
    );
    assert!(pdf.exists() && sheet.exists());
}

#[test]
fn force_replaces_an_edited_folder() {
    let site = Site::fixture("basic");
    site.build_ok();
    let page = site.public().join("index.html");
    fs::write(&page, "手工改过").unwrap();
    after_the_build(&site.public(), &page, 2);
    fs::write(site.public().join("笔记.txt"), "随手放的").unwrap();

    let out = build(&site, &["--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_ne!(fs::read_to_string(&page).unwrap(), "手工改过");
    assert!(!site.public().join("笔记.txt").exists());
    // The folder is pmo's again: the next build needs no --force.
    let out = build(&site, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// No false alarm: files a build wrote are never later than its marker, nor missing
/// from its list, including after the whole site was copied with `cp -a`.
#[test]
fn clean_builds_in_a_row_and_after_a_copy_pass() {
    let site = Site::fixture("basic");
    for _ in 0..3 {
        let out = build(&site, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let copy = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("cp")
        .arg("-a")
        .arg(site.root())
        .arg(copy.path().join("site"))
        .status()
        .unwrap();
    assert!(status.success());
    let root = copy.path().join("site");
    let out = pmo(&["--root", root.to_str().unwrap(), "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The site's own language, and one JSON object for `--format json`.
#[test]
fn the_refusal_is_told_in_chinese_and_as_json() {
    let site = Site::fixture("basic");
    site.build_ok();
    // File times tick every few milliseconds: an author's edit comes later than that.
    std::thread::sleep(std::time::Duration::from_millis(50));
    for i in 0..5 {
        fs::write(site.public().join(format!("加的{i}.html")), "x").unwrap();
    }
    let root = site.root().to_str().unwrap();
    let out = pmo_in("", &["--root", root, "build"]);
    let text = stderr(&out);
    assert!(
        text.contains("被手工修改或添加") && text.contains("另有 2 个"),
        "{text}"
    );
    let out = pmo(&["--root", root, "build", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let problems: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let told = problems
        .iter()
        .map(|p| p.to_string())
        .filter(|p| p.contains("changed or added by hand"))
        .collect::<Vec<_>>();
    assert_eq!(told.len(), 1, "{problems:?}");
    assert!(
        told[0].contains("加的0.html") && told[0].contains("2 more"),
        "{told:?}"
    );
}

/// Each audience's folder is checked as one site's is.
#[test]
fn an_audience_folder_edited_by_hand_stops_all_audiences() {
    let site = Site::fixture("basic");
    let config = fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("audiences = [\"public\", \"internal\"]\n{config}"),
    );
    site.build_all_audiences();
    let added = site.public().join("internal/会议纪要.docx");
    fs::write(&added, "内部").unwrap();

    let out = build(&site, &["--all-audiences"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("会议纪要.docx"), "{}", stderr(&out));
    assert!(added.exists());
    let out = build(&site, &["--all-audiences", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!added.exists());
}
