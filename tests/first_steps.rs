//! A new user's first steps, as the README's "Getting started" has them: what `pmo init`
//! and `pmo build` say to someone who has never seen pmo.

mod common;

use common::{pmo_in, stderr};

/// Runs `pmo` in `dir`, in the site's own language (no `PMO_LANG`).
fn pmo_at(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
        .args(args)
        .current_dir(dir)
        .env_remove("PMO_LANG")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// A new English site from `pmo init --lang en`, in a temporary folder.
fn english_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("portal");
    let out = pmo_in("en", &["init", "--lang", "en", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    (tmp, site)
}

/// `pmo build` said how many pages it built but not where: a new user looked for the
/// site in vain. It names the folder and the page to open, in the site's language.
#[test]
fn build_says_where_the_site_went_and_what_to_open() {
    let tmp = tempfile::tempdir().unwrap();
    let out = pmo_at(tmp.path(), &["init", "门户"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = tmp.path().join("门户");

    let out = pmo_at(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("public/index.html") && err.contains("浏览器"),
        "names the page to open, in Chinese: {err}"
    );
    assert!(!err.contains("./public"), "no `./` before it: {err}");

    let elsewhere = tmp.path().join("out");
    let out = pmo_in(
        "en",
        &[
            "--root",
            site.to_str().unwrap(),
            "build",
            "--output",
            elsewhere.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let index = elsewhere.join("index.html");
    assert!(
        err.contains(&format!("open {} in a browser", index.display())),
        "{err}"
    );
    // `check` writes nothing, so it names no folder.
    let out = pmo_at(&site, &["check"]);
    assert!(!stderr(&out).contains("index.html"), "{}", stderr(&out));
}

/// `pmo init pmo-portal` run a second time said only "the folder is not empty" and asked
/// for a new name: the site it made the first time is there, ready to build.
#[test]
fn init_on_a_site_says_the_site_is_there() {
    let tmp = tempfile::tempdir().unwrap();
    let out = pmo_at(tmp.path(), &["init", "pmo-portal"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = pmo_at(tmp.path(), &["init", "pmo-portal"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("已经有一个站点"), "{err}");
    assert!(err.contains("cd pmo-portal && pmo build"), "{err}");

    // In the site's own folder, no `cd` is needed.
    let out = pmo_at(&tmp.path().join("pmo-portal"), &["init"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("已经有一个站点"), "{err}");
    assert!(!err.contains("cd "), "{err}");
}

/// `pmo init` in a folder holding other files was told as `.: the folder is not empty`:
/// the folder meant is the current one, and the fix is a folder name for the new site.
#[test]
fn init_in_a_busy_current_folder_names_it_and_suggests_a_new_one() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "x").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
        .args(["init", "--lang", "en"])
        .current_dir(tmp.path())
        .env("PMO_LANG", "en")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("the current folder is not empty"), "{err}");
    assert!(err.contains("pmo init pmo-portal"), "{err}");
    assert!(!err.contains(".:"), "{err}");
    assert!(!tmp.path().join("site.toml").exists());
}

/// Run above two sites (a Chinese and an English one made side by side), a command said
/// only that there is no site.toml: it names both folders and how to enter one.
#[test]
fn a_command_run_above_several_sites_names_them() {
    let tmp = tempfile::tempdir().unwrap();
    for (lang, name) in [("zh", "门户"), ("en", "portal-en")] {
        let out = pmo_at(tmp.path(), &["init", "--lang", lang, name]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = pmo_at(tmp.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("`portal-en`, `门户`"), "{err}");
    assert!(err.contains("cd portal-en"), "{err}");
}

/// Outside any site, `pmo new` named `./site.toml` where `pmo build` said `site.toml`:
/// every command names the missing file the same way, as seen from the folder.
#[test]
fn every_command_outside_a_site_names_site_toml_alike() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        &["build"][..],
        &["new", "lesson", "供应商延期"],
        &["import", "lessons", "register.csv"],
        &["serve", "--port", "0"],
    ] {
        let out = pmo_at(tmp.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("site.toml"), "{args:?}: {err}");
        assert!(!err.contains("./site.toml"), "{args:?}: {err}");
    }
}

/// The starter's hinted lines keep their comment once filled in (`bac: 900000   # …`):
/// a warning at the value underlined the comment too, as if it were the mistake.
#[test]
fn a_warning_at_a_filled_in_hint_marks_the_value_not_its_comment() {
    let (_tmp, site) = english_site();
    let index = site.join("content/projects/pilot/index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    let text = text.replace("bac: 600000\n", "bac: 900000   # approved budget\n");
    assert!(text.contains("# approved budget"));
    std::fs::write(&index, text).unwrap();
    let out = pmo_in(
        "en",
        &[
            "--root",
            site.to_str().unwrap(),
            "check",
            "--format",
            "json",
        ],
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    let warning = printed
        .lines()
        .find(|l| l.contains("but `bac` is 900,000"))
        .unwrap_or_else(|| panic!("{printed}"));
    assert!(
        warning.contains(r#""line":8,"column":6,"end":{"line":8,"column":12}"#),
        "{warning}"
    );
}

/// The starter project deleted to make room for the PMO's own, its lesson's `project:
/// pilot` was told "known projects:" and nothing after: it says how to make one.
#[test]
fn a_lesson_of_a_site_without_projects_is_told_how_to_make_one() {
    let (_tmp, site) = english_site();
    std::fs::remove_dir_all(site.join("content/projects/pilot")).unwrap();
    let out = pmo_in("en", &["--root", site.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(!err.contains("known projects: \n"), "{err}");
    assert!(
        err.contains("`pmo new project \"Title\" --slug pilot`"),
        "{err}"
    );
}

/// Hugo's page bundle: a page written as `stage-gates/index.md` with its images beside
/// it, as notes kept for Hugo (and Obsidian folders) hold them. It was refused as taking
/// the address of the folder's list, with the help to rename it `_index.md`, which
/// would have made it a list of nothing. It is a page of its folder's parent section,
/// at the folder's address, its image beside it.
#[test]
fn a_hugo_page_bundle_is_a_page_with_its_images_beside_it() {
    let (_tmp, site) = english_site();
    let bundle = site.join("content/practices/stage-gates");
    std::fs::create_dir_all(&bundle).unwrap();
    std::fs::write(
        bundle.join("index.md"),
        "+++\ntitle = \"Stage-gate reviews\"\ndate = 2025-11-03\nweight = 10\n+++\n\nEvery project passes four gates (阶段关口).\n\n![The four gates](gates.png)\n",
    )
    .unwrap();
    std::fs::write(bundle.join("gates.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    std::fs::write(
        site.join("content/practices/gate-pack.md"),
        "---\ntitle: Gate pack\n---\n\nSee [the gates](stage-gates/index.md).\n",
    )
    .unwrap();

    let out = pmo_at(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.join("public");
    let page = std::fs::read_to_string(public.join("practices/stage-gates/index.html")).unwrap();
    assert!(page.contains("Stage-gate reviews"), "{page}");
    assert!(
        page.contains("src=\"../../practices/stage-gates/gates.png\""),
        "the image beside the page: {page}"
    );
    assert!(public.join("practices/stage-gates/gates.png").is_file());
    let list = std::fs::read_to_string(public.join("practices/index.html")).unwrap();
    assert!(
        list.contains("href=\"../practices/stage-gates/\""),
        "listed with the practices: {list}"
    );
    let pack = std::fs::read_to_string(public.join("practices/gate-pack/index.html")).unwrap();
    assert!(
        pack.contains("href=\"../../practices/stage-gates/\""),
        "a link to its index.md reaches it: {pack}"
    );
}

/// A first `pmo build` on a site with audiences builds the lowest's site: the page kept
/// for managers (`audience: managers`) was nowhere in `public/`, and nothing said why or
/// how to build the managers' site. The build says how many pages it leaves out, and
/// the commands that build them; a build asked for one audience is not told.
#[test]
fn a_build_of_the_lowest_audience_says_what_higher_audiences_see() {
    let (_tmp, site) = english_site();
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    let toml = toml.replacen(
        "language = \"en\"",
        "language = \"en\"\naudiences = [\"staff\", \"managers\"]",
        1,
    );
    std::fs::write(site.join("site.toml"), toml).unwrap();
    std::fs::write(
        site.join("content/steering.md"),
        "---\ntitle: Steering committee notes\naudience: managers\n---\n\n预算超支，待决定。\n",
    )
    .unwrap();

    let out = pmo_at(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("1 page(s) that `managers` may see are not in it")
            && err.contains("`pmo build --all-audiences` builds one site per audience"),
        "{err}"
    );
    assert!(!site.join("public/steering").exists());

    let out = pmo_at(&site, &["build", "--audience", "staff"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("may see are not in it"),
        "{}",
        stderr(&out)
    );
}

/// A lesson linking to a practice just made with `pmo new` (a draft) was told "there is
/// no content/practices/阶段关口评审.md" while the file sat there: the error says the
/// page is a draft, and how to publish it.
#[test]
fn a_link_to_a_draft_says_it_is_a_draft_not_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = pmo_at(tmp.path(), &["init", "门户"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = tmp.path().join("门户");
    let out = pmo_at(&site, &["new", "practice", "阶段关口评审"]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(
        site.join("content/lessons/kickoff-raci.md"),
        "---\ntitle: 启动会上明确 RACI\ndate: 2026-01-05\nproject: pilot\nphase: initiation\n\
         impact: positive\n---\n\n参见[阶段关口评审](../practices/阶段关口评审.md)。\n",
    )
    .unwrap();
    let out = pmo_at(&site, &["check"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("草稿"), "{err}");
    assert!(err.contains("draft: false"), "{err}");
    assert!(!err.contains("没有 content/practices"), "{err}");
}

/// An English build's last line counted "1 warning(s)": one warning is "1 warning", more
/// are "warnings".
#[test]
fn the_build_line_counts_warnings_in_plain_english() {
    let (_tmp, site) = english_site();
    let out = pmo_at(&site, &["new", "review", "ERP upgrade closure review"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = pmo_at(&site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(", 1 warning\n"), "{err}");
    assert!(!err.contains("warning(s)"), "{err}");
    let out = pmo_at(&site, &["new", "lesson", "Vendor delay"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&pmo_at(&site, &["build"]));
    assert!(err.contains(" warnings\n"), "{err}");
}

/// `pmo check --format json` on a clean site printed its summary on stderr and nothing on
/// stdout: a CI tool reading stdout as one JSON document failed on the empty text. A
/// clean check prints `[]`, in both languages' starter sites.
#[test]
fn a_clean_check_in_json_prints_no_line() {
    // JSON Lines: one object per problem, so none for a clean site. A `[]` here would
    // break a reader filtering the stream by field (`jq 'select(.severity == "error")'`).
    let tmp = tempfile::tempdir().unwrap();
    for (lang, name) in [("zh", "门户"), ("en", "portal")] {
        let site = tmp.path().join(name);
        let out = pmo_at(tmp.path(), &["init", "--lang", lang, name]);
        assert!(out.status.success(), "{}", stderr(&out));
        for command in ["check", "build"] {
            let out = pmo_at(&site, &[command, "--format", "json"]);
            assert!(out.status.success(), "{}", stderr(&out));
            let printed = String::from_utf8_lossy(&out.stdout);
            assert_eq!(printed, "", "{command} {lang}: stdout holds only problems");
            assert!(
                !stderr(&out).is_empty(),
                "{command} {lang}: the summary is on stderr"
            );
        }
    }
}
