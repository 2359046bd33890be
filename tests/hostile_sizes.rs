//! Files too large to read (the twelfth hunt for hostile input): a sparse file of
//! gigabytes costs no disk (`truncate -s 4G`), and every text file was read whole before
//! its size was looked at — a page, a data table, an SVG attachment scanned for scripts.
//! Each build here runs as `pmo` under a 1.5 GB address-space limit, so a build that
//! would read the file fails to allocate instead of taking the machine's memory.

mod common;

use common::Site;

/// A file of `bytes` bytes at `rel` that takes no disk.
fn sparse(site: &Site, rel: &str, bytes: u64) {
    let path = site.root().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::File::create(&path)
        .unwrap()
        .set_len(bytes)
        .unwrap();
}

/// `pmo build` of the site under a 1.5 GB address-space limit: its messages.
fn build_with_little_memory(site: &Site) -> String {
    let out = std::process::Command::new("sh")
        .args(["-c", "ulimit -v 1500000; exec \"$0\" --root \"$1\" build"])
        .arg(env!("CARGO_BIN_EXE_pmo"))
        .arg(site.root())
        .env("NO_COLOR", "1")
        .env("PMO_LANG", "en")
        .output()
        .unwrap();
    assert!(!out.status.success(), "the build should have failed");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const FOUR_GB: u64 = 4_000_000_000;

#[test]
fn a_page_of_gigabytes_is_refused_by_its_size_unread() {
    let site = Site::fixture("basic");
    sparse(&site, "content/huge.md", FOUR_GB);
    let m = build_with_little_memory(&site);
    assert!(
        m.contains("this page is 4000 MB; a page may be at most 16 MB"),
        "{m}"
    );
}

#[test]
fn a_data_table_past_the_text_limit_is_refused_by_its_size_unread() {
    let site = Site::fixture("basic");
    sparse(&site, "data/huge.csv", FOUR_GB);
    let m = build_with_little_memory(&site);
    assert!(
        m.contains("this file is 4000 MB; pmo reads text files (data tables, site.toml, UI strings) of at most 32 MB"),
        "{m}"
    );
    // 40 MB: read whole, an 88 MB table of three short columns took over 2 GB.
    let site = Site::fixture("basic");
    sparse(&site, "data/huge.csv", 40_000_000);
    let m = site.build_err();
    assert!(m.contains("data/huge.csv"), "{m}");
    assert!(m.contains("this file is 40 MB"), "{m}");
}

#[test]
fn an_svg_attachment_too_large_to_check_for_scripts_is_refused() {
    let site = Site::fixture("basic");
    sparse(&site, "content/reports/diagram.svg", FOUR_GB);
    let m = build_with_little_memory(&site);
    assert!(
        m.contains("this markup file is 4000 MB, too large to check for scripts (at most 32 MB)"),
        "{m}"
    );
}
