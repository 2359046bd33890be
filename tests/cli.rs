//! The `pmo` binary as a user runs it: exit codes, init, new, and what it prints.

mod common;

use common::{pmo, stderr, Site};

#[test]
fn check_exits_zero_when_clean_and_one_on_content_errors() {
    let site = Site::fixture("basic");
    let root = site.root().to_str().unwrap();
    let out = pmo(&["--root", root, "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!site.public().exists(), "check writes nothing");

    site.write(
        "content/lessons/bad.md",
        "---\ntitle: x\ndate: 2024-01-01\nproject: erp\nphase: executon\nimpact: positive\n---\n",
    );
    let out = pmo(&["--root", root, "check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    // A compiler-style report: the place, the excerpt with the spot marked, the fix.
    assert!(text.contains("content/lessons/bad.md:5:8"), "{text}");
    assert!(text.contains("phase: executon"), "excerpt: {text}");
    assert!(text.contains("did you mean `execution`"), "{text}");
}

#[test]
fn usage_errors_exit_two() {
    let out = pmo(&["build", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = pmo(&["new", "meeting", "x"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn build_prints_a_summary_and_fails_cleanly() {
    let site = Site::fixture("basic");
    let root = site.root().to_str().unwrap();
    let out = pmo(&["--root", root, "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("built 13 pages"), "{}", stderr(&out));
    assert!(site.exists("index.html"));

    site.write("content/practices/risk/register.md", "---\ntitle: x\n");
    let out = pmo(&["--root", root, "build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing was written"));
    // `check` writes nothing ever: it does not say so as if it might have.
    let out = pmo(&["--root", root, "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("failed: 1 error(s)"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
    assert!(site
        .read("practices/risk/register/index.html")
        .contains("风险登记册的维护"));
}

#[test]
fn init_makes_a_site_that_builds_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("portal");
    let out = pmo(&["init", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = pmo(&["--root", dir.to_str().unwrap(), "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("public/index.html").exists());
    assert!(dir.join("public/lessons/kickoff-raci/index.html").exists());
    // A new site is searchable from its first build.
    assert!(dir.join("public/search/meta.js").exists());
    let home = std::fs::read_to_string(dir.join("public/index.html")).unwrap();
    assert!(
        home.contains("site-search-q"),
        "the header has a search box"
    );
    // A second init into the same folder refuses.
    let out = pmo(&["init", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
}

/// The global `--root` names the new site's folder when DIR is left out (it was listed in
/// `pmo init --help` and ignored); given both, they must agree.
#[test]
fn init_takes_its_folder_from_root_when_dir_is_left_out() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("门户");
    let out = pmo(&["--root", dir.to_str().unwrap(), "init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("site.toml").exists());

    let other = tmp.path().join("other");
    let out = pmo(&[
        "--root",
        dir.to_str().unwrap(),
        "init",
        other.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("other") && err.contains("--root"), "{err}");
    assert!(err.contains("pmo init"), "how to fix: {err}");
    assert!(!other.exists());
}

/// `pmo init --lang en` makes an English site: the UI, the starter pages and what `init`
/// prints are English, and it builds at once. Chinese stays the default.
#[test]
fn init_makes_an_english_site_with_lang_en() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("portal");
    let out = common::pmo_in("zh-CN", &["init", "--lang", "en", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("Next: cd"), "{printed}");
    let config = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    assert!(config.contains("language = \"en\""), "{config}");
    for entry in walkdir::WalkDir::new(dir.join("content"))
        .into_iter()
        .flatten()
    {
        if entry.path().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            assert!(
                !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{} holds Chinese:\n{text}",
                entry.path().display()
            );
        }
    }
    let out = pmo(&["--root", dir.to_str().unwrap(), "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let home = std::fs::read_to_string(dir.join("public/index.html")).unwrap();
    assert!(
        home.contains("<html lang=\"en\""),
        "the home page is not English"
    );
    assert!(dir.join("public/lessons/kickoff-raci/index.html").exists());
    // A language init does not know is refused by name.
    let out = pmo(&[
        "init",
        "--lang",
        "fr",
        tmp.path().join("other").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn new_scaffolds_each_kind_from_its_archetype() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("portal");
    assert!(pmo(&["init", dir.to_str().unwrap()]).status.success());
    let root = dir.to_str().unwrap();

    let out = pmo(&["--root", root, "new", "lesson", "供应商延期: 教训"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir.join("content/lessons/供应商延期-教训.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("供应商延期: 教训"), "{text}");
    let today = jiff::Zoned::now().date().to_string();
    assert!(text.contains(&today), "{text}");

    for (kind, rel) in [
        ("practice", "content/practices/weekly-review.md"),
        ("project", "content/projects/weekly-review/index.md"),
        ("review", "content/reviews/weekly-review.md"),
    ] {
        let out = pmo(&["--root", root, "new", kind, "Weekly review"]);
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        assert!(dir.join(rel).exists(), "{rel}");
    }
    // Never overwrites.
    let out = pmo(&["--root", root, "new", "review", "Weekly review"]);
    assert_eq!(out.status.code(), Some(1));

    // The scaffolds are drafts with required fields left as hints: the site still builds,
    // and with --drafts the build names the first field the author must fill in.
    let out = pmo(&["--root", root, "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = pmo(&["--root", root, "check", "--drafts"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("missing required field"),
        "{}",
        stderr(&out)
    );
}

/// Titles a careless author types: each makes a file that parses, or is refused with a
/// reason; none fails with the system's "File name too long".
#[test]
fn new_with_odd_titles_makes_a_page_that_parses_or_says_why_not() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("portal");
    assert!(pmo(&["init", dir.to_str().unwrap()]).status.success());
    let root = dir.to_str().unwrap();

    // 200 characters of Chinese are 600 bytes: too long for a file name on any system.
    let long = "长".repeat(200);
    let out = pmo(&["--root", root, "new", "lesson", &long]);
    assert!(out.status.success(), "{}", stderr(&out));
    let made: Vec<_> = std::fs::read_dir(dir.join("content/lessons"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with('长'))
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(made[0].len() <= 100, "{}", made[0]);
    let text = std::fs::read_to_string(dir.join("content/lessons").join(&made[0])).unwrap();
    assert!(text.contains(&long), "the title is kept whole");

    // A title pasted with its line break is one line of front matter.
    let out = pmo(&["--root", root, "new", "lesson", "第一行\n第二行"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.join("content/lessons/第一行-第二行.md")).unwrap();
    assert!(
        text.contains("title: 第一行 第二行\n") || text.contains("title: '第一行 第二行'\n"),
        "{text}"
    );

    // No title at all is refused, not written as `title: ''`.
    for empty in ["", "  ", "\n"] {
        let out = pmo(&["--root", root, "new", "practice", empty]);
        assert_eq!(out.status.code(), Some(1), "{empty:?}");
        assert!(stderr(&out).contains("title"), "{}", stderr(&out));
    }
    assert!(!dir.join("content/practices/practice.md").exists());

    // Every page made above parses: only the draft's hinted fields are missing.
    let out = pmo(&["--root", root, "check", "--drafts"]);
    let err = stderr(&out);
    for line in err.lines().filter(|l| l.contains('×')) {
        assert!(line.contains("missing required field"), "{err}");
    }
}

/// `pmo new KIND TITLE --slug SLUG` in the site at `root`: the file made and its text.
fn scaffold(root: &str, kind: &str, title: &str, slug: &str) -> (std::path::PathBuf, String) {
    let out = pmo(&["--root", root, "new", kind, title, "--slug", slug]);
    assert!(out.status.success(), "{}", stderr(&out));
    let made = String::from_utf8_lossy(&out.stdout);
    let rel = made
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string();
    let page = std::path::Path::new(root).join(&rel);
    let text = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{rel}: {e}"));
    (page, text)
}

/// A project scaffold published before its budget is known shows no budget: the starter
/// once wrote `bac: 0`, and the projects list showed a budget of "0 CNY" as a figure.
#[test]
fn a_new_project_shows_no_budget_until_one_is_written() {
    for lang in ["zh", "en"] {
        let (_tmp, dir) = new_site(lang);
        let root = dir.to_str().unwrap();
        let (page, text) = scaffold(root, "project", "预算未定", "tbd");
        std::fs::write(&page, text.replace("draft: true", "draft: false")).unwrap();
        let out = pmo(&["--root", root, "build"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let list = std::fs::read_to_string(dir.join("public/projects/index.html")).unwrap();
        let row = list
            .split("<tr")
            .find(|r| r.contains("预算未定"))
            .unwrap_or_else(|| panic!("{list}"));
        assert!(
            !row.contains(">0 CNY") && !row.contains(">0 "),
            "{lang}: {row}"
        );
        // Its own page showed the BAC as a bare currency (`完工预算（BAC） CNY`) and the
        // schedule as a dangling `2026年12月5日 – `.
        let page = std::fs::read_to_string(dir.join("public/projects/tbd/index.html")).unwrap();
        let main = &page[page.find("<main").unwrap()..page.find("</main>").unwrap()];
        let text = common::visible_text(main);
        let unit = if lang == "zh" { "CNY" } else { "USD" };
        assert!(
            !text.contains(unit),
            "{lang}: a currency with no amount: {text}"
        );
        // Nor cards counting nothing (`0 / 0 · 已完成 0 / 共 0`).
        assert!(!text.contains("/ 0"), "{lang}: {text}");
        let unset = if lang == "zh" {
            "– 待定"
        } else {
            "– TBD"
        };
        assert!(text.contains(unset), "{lang}: {text}");
        assert!(
            !text.contains("– \n") && !text.trim_end().ends_with('–'),
            "{lang}: {text}"
        );
    }
}

/// A lesson from `pmo new` published with its fields filled and no text built into
/// headings over nothing, without a word (the new-user walk-through).
#[test]
fn a_page_of_headings_only_is_warned_at_its_first_heading() {
    let (_tmp, dir) = new_site("zh");
    let root = dir.to_str().unwrap();
    let (page, text) = scaffold(root, "lesson", "空的教训", "empty");
    let filled: String = text
        .lines()
        .map(|l| match l.split_whitespace().next() {
            Some("#")
                if ["project:", "phase:", "impact:"]
                    .iter()
                    .any(|f| l.contains(f)) =>
            {
                l.trim_start_matches(['#', ' ']).to_string()
            }
            _ if l.starts_with("draft:") => "draft: false".to_string(),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&page, &filled).unwrap();
    let out = common::pmo_in("", &["--root", root, "build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("页面只有标题，标题下没有内容"), "{err}");
    let heading = filled.lines().position(|l| l.starts_with("## ")).unwrap() + 1;
    assert!(
        err.contains(&format!("content/lessons/empty.md:{heading}:")),
        "{err}"
    );
    // Written, it is quiet.
    std::fs::write(
        &page,
        filled.replacen("<!--", "供应商未按期交付。\n\n<!--", 1),
    )
    .unwrap();
    let out = common::pmo_in("", &["--root", root, "build"]);
    assert!(!stderr(&out).contains("页面只有标题"), "{}", stderr(&out));
}

/// A practice, review or project published as `pmo new` wrote it built into empty
/// headings, `1. 2. 3.`, blank checkboxes and tables of labels, without the warning a
/// lesson's scaffold gets (the seventh walk-through): the archetypes' lists, checkboxes
/// and tables held a word or a comment, so the page did not count as headings only.
#[test]
fn every_kind_published_as_scaffolded_is_warned_at_its_first_heading() {
    for lang in ["zh", "en"] {
        let (_tmp, dir) = new_site(lang);
        let root = dir.to_str().unwrap();
        let mut pages = Vec::new();
        for (kind, title, slug) in [
            ("practice", "变更控制流程", "change-control"),
            ("review", "试点项目收尾评审", "pilot-closure"),
            ("project", "新系统上线", "go-live"),
        ] {
            let (page, text) = scaffold(root, kind, title, slug);
            let filled: String = text
                .lines()
                .map(|l| {
                    if l.starts_with("# project:") {
                        l.trim_start_matches(['#', ' ']).to_string()
                    } else if l.starts_with("draft:") {
                        "draft: false".to_string()
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            std::fs::write(&page, &filled).unwrap();
            let line = filled.lines().position(|l| l.starts_with("## ")).unwrap() + 1;
            let rel = page
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            pages.push((page, filled, format!("{rel}:{line}:4")));
        }
        let out = common::pmo_in("en", &["--root", root, "build"]);
        let err = stderr(&out);
        assert!(out.status.success(), "{lang}: {err}");
        for (_, _, at) in &pages {
            let told = err.lines().position(|l| l.contains(at.as_str()));
            let told = told.unwrap_or_else(|| panic!("{lang}: {at} not told: {err}"));
            assert!(
                err.lines()
                    .take(told)
                    .last()
                    .unwrap_or_default()
                    .contains("headings and nothing under them"),
                "{lang}: {err}"
            );
        }
        assert!(err.contains("write each section's text"), "{lang}: {err}");
        // Written, each is quiet: a step of a process, a row of a table, a sentence.
        for (page, filled, at) in &pages {
            let written = if filled.contains("1. <!--") {
                filled.replacen("1. <!--", "1. 提交变更申请 <!--", 1)
            } else if filled.contains("| | | |") {
                filled.replacen("| | | |", "| 按期上线 | 已达成 | 是 |", 1)
            } else {
                filled.replacen("\n\n<!--", "\n\n已上线。\n\n<!--", 1)
            };
            assert_ne!(&written, filled);
            std::fs::write(page, written).unwrap();
            let out = common::pmo_in("en", &["--root", root, "build"]);
            assert!(
                !stderr(&out).contains(at.as_str()),
                "{lang}: {}",
                stderr(&out)
            );
        }
    }
}

#[test]
fn a_site_archetype_overrides_the_themes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("portal");
    assert!(pmo(&["init", dir.to_str().unwrap()]).status.success());
    std::fs::create_dir_all(dir.join("archetypes")).unwrap();
    std::fs::write(
        dir.join("archetypes/lesson.md"),
        "---\ntitle: \"{{ title }}\"\ndate: {{ date }}\nproject: pilot\nphase: closing\nimpact: positive\n---\n\n本站自定义模板 {{ slug }}\n",
    )
    .unwrap();
    let out = pmo(&[
        "--root",
        dir.to_str().unwrap(),
        "new",
        "lesson",
        "Custom",
        "--slug",
        "custom-one",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.join("content/lessons/custom-one.md")).unwrap();
    assert!(text.contains("本站自定义模板 custom-one"), "{text}");
    // The site's own archetype makes a complete lesson: it builds straight away.
    let out = pmo(&["--root", dir.to_str().unwrap(), "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("public/lessons/custom-one/index.html").exists());
}

#[test]
fn json_diagnostics_one_object_per_line_with_character_columns() {
    let site = Site::fixture("basic");
    let root = site.root().to_str().unwrap();
    site.write(
        "content/lessons/bad.md",
        "---\ntitle: 中文\ndate: 2024-01-01\nproject: erp\nphase: execution\nimpact: positive\nowner: 张三 李四: 王五\n---\n",
    );
    let out = pmo(&["--root", root, "check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let bad = lines
        .iter()
        .find(|d| d["file"] == "content/lessons/bad.md")
        .unwrap_or_else(|| panic!("{stdout}"));
    assert_eq!(bad["severity"], "error");
    // `owner: 张三 李四: 王五`: the second colon is the 13th character, the 21st byte.
    assert_eq!(
        (bad["line"].as_u64(), bad["column"].as_u64()),
        (Some(7), Some(13)),
        "{bad}"
    );
    assert!(bad["message"].as_str().unwrap().contains("`: `"), "{bad}");
    assert!(bad["end"]["line"].is_u64());
    // A warning in the fixture (its raw <script>) comes through as well.
    assert!(lines.iter().any(|d| d["severity"] == "warning"), "{stdout}");
}

#[test]
fn schema_writes_one_json_schema_per_kind_and_site_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("schemas");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let out = pmo(&["schema", "--output", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    for kind in [
        "site", "lesson", "practice", "project", "review", "section", "page",
    ] {
        let text = std::fs::read_to_string(dir.join(format!("{kind}.schema.json"))).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["type"], "object", "{kind}");
        assert_eq!(json["additionalProperties"], false, "{kind}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "mine"
    );
}

/// `CON`, `PRN`, `AUX`, `NUL`, `COM1`, `LPT1` (with any extension) are devices on Windows:
/// a file so named cannot be copied to a Windows share. `pmo new` names the file otherwise
/// and keeps the title.
#[test]
fn new_never_makes_a_file_windows_cannot_hold() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("portal");
    assert!(pmo(&["init", dir.to_str().unwrap()]).status.success());
    let root = dir.to_str().unwrap();
    for title in ["CON", "prn", "Aux.", "NUL ", "com1", "LPT9", "con.txt"] {
        let out = pmo(&["--root", root, "new", "lesson", title]);
        assert!(out.status.success(), "{title}: {}", stderr(&out));
    }
    let out = pmo(&["--root", root, "new", "project", "Nul", "--slug", "nul"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(dir.join("content/lessons"))
        .unwrap()
        .chain(std::fs::read_dir(dir.join("content/projects")).unwrap())
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for name in &names {
        let stem = name.split('.').next().unwrap().to_ascii_lowercase();
        assert!(
            !["con", "prn", "aux", "nul", "com1", "lpt9"].contains(&stem.as_str()),
            "{names:?}"
        );
        assert!(!name.ends_with(['.', ' ']), "{names:?}");
    }
    let text = std::fs::read_to_string(dir.join("content/lessons/con-lesson.md")).unwrap();
    assert!(text.contains("title: 'CON'"), "{text}");
}

/// The fields a scaffold marks as required (必填 / REQUIRED) are the ones a build asks
/// for once the page is published, no more and no fewer: an author who trusts the hints
/// fills in what is needed and is not sent after fields the build never asks for.
#[test]
fn the_fields_a_scaffold_marks_required_are_the_ones_the_build_requires() {
    for (lang, mark) in [("zh", "必填"), ("en", "REQUIRED")] {
        for kind in ["lesson", "practice", "project", "review"] {
            let (_tmp, dir) = new_site(lang);
            let root = dir.to_str().unwrap();
            let out = pmo(&["--root", root, "new", kind, "阶段评审", "--slug", "gate"]);
            assert!(out.status.success(), "{}", stderr(&out));
            let rel = match kind {
                "project" => "content/projects/gate/index.md".to_string(),
                _ => format!("content/{kind}s/gate.md"),
            };
            let path = dir.join(&rel);
            let text = std::fs::read_to_string(&path).unwrap();
            let marked: std::collections::BTreeSet<String> = text
                .lines()
                .filter(|l| l.starts_with("# ") && l.contains(mark) && l.contains(':'))
                .filter_map(|l| l[2..].split(':').next().map(|f| f.trim().to_string()))
                .filter(|f| !f.is_empty() && !f.contains(' '))
                .collect();
            std::fs::write(&path, text.replace("draft: true", "draft: false")).unwrap();
            let out = pmo(&["--root", root, "check", "--format", "json"]);
            let asked: std::collections::BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| l.split("missing required field `").nth(1))
                .filter_map(|rest| rest.split('`').next().map(str::to_string))
                .collect();
            assert_eq!(
                marked, asked,
                "{lang} {kind}: marked {mark} vs asked for\n{text}"
            );
        }
    }
}

/// A project published with only its required fields shows no empty facts (a "项目编号"
/// with nothing after it reads as a fault of the portal).
#[test]
fn a_project_without_its_optional_facts_shows_no_empty_ones() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/bare/index.md",
        "---\ntitle: 机房搬迁\nstatus: active\n---\n\n机房整体搬迁到新园区。\n",
    );
    site.build_ok();
    let html = site.read("projects/bare/index.html");
    let facts = html.split("<dl class=\"facts\">").nth(1).unwrap();
    let facts = &facts[..facts.find("</dl>").unwrap()];
    assert!(!facts.contains("<dd></dd>"), "{facts}");
    assert!(!facts.contains("<dd class=\"mono\"></dd>"), "{facts}");
}

/// A lesson's or review's hinted `project:` names a project of this site (the starter
/// site's `pilot`, then the others the author made), not an example the build refuses.
#[test]
fn the_project_hint_of_a_new_lesson_names_a_project_of_the_site() {
    let (_tmp, dir) = new_site("zh");
    let root = dir.to_str().unwrap();
    let out = pmo(&[
        "--root",
        root,
        "new",
        "project",
        "ERP 升级",
        "--slug",
        "erp",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (kind, rel) in [
        ("lesson", "content/lessons/需求冻结过晚.md"),
        ("review", "content/reviews/需求冻结过晚.md"),
    ] {
        let out = pmo(&["--root", root, "new", kind, "需求冻结过晚"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = std::fs::read_to_string(dir.join(rel)).unwrap();
        let hint = text
            .lines()
            .find(|l| l.starts_with("# project:"))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(hint.starts_with("# project: erp "), "{hint}");
        // Its comment lines up with the other hints' (column 31), whatever the folder.
        let column = |line: &str| line.find("  #").map(|i| i + line[i..].find('#').unwrap());
        let tags = text.lines().find(|l| l.starts_with("tags:")).unwrap();
        assert_eq!(column(hint), column(tags), "{text}");
        let id = text.lines().find(|l| l.starts_with("# id:"));
        if let Some(id) = id {
            assert_eq!(column(id), column(tags), "{text}");
        }
        assert!(hint.contains("（本站有：erp, pilot）"), "{hint}");
    }
}

/// Every argument of every command says what it is in `-h`: a new user reads the help
/// before the README (`pmo init -h` showed `<DIR>` and nothing after it).
#[test]
fn every_argument_in_the_help_says_what_it_is() {
    let commands: [&[&str]; 8] = [
        &["build"],
        &["serve"],
        &["check"],
        &["init"],
        &["schema"],
        &["new"],
        &["import", "lessons"],
        &["report", "hygiene"],
    ];
    let mut bare = Vec::new();
    for command in commands {
        let mut args = command.to_vec();
        args.push("-h");
        let out = pmo(&args);
        assert!(out.status.success(), "{command:?}: {}", stderr(&out));
        let help = String::from_utf8_lossy(&out.stdout).into_owned();
        // Options too: `pmo check -h` listed `--drafts` with nothing after it.
        for heading in ["Arguments:\n", "Options:\n"] {
            let Some(listed) = help.split(heading).nth(1) else {
                continue;
            };
            for line in listed.lines().take_while(|l| !l.trim().is_empty()) {
                let words: Vec<&str> = line
                    .split_whitespace()
                    .filter(|w| !w.starts_with('-') && !w.starts_with('<'))
                    .collect();
                if words.is_empty() {
                    bare.push(format!("pmo {}: {}", command.join(" "), line.trim()));
                }
            }
        }
    }
    assert!(
        bare.is_empty(),
        "arguments without help:\n{}",
        bare.join("\n")
    );
}

/// The summary of an audience's build reads as one Chinese sentence, without a colon
/// followed by a space before the count (`已构建 \`public\`： 13 个页面`).
#[test]
fn an_audience_builds_summary_reads_as_chinese() {
    let (_tmp, dir) = new_site("zh");
    let config = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    let config = config.replacen(
        "search = true",
        "search = true\naudiences = [\"public\", \"pmo\"]",
        1,
    );
    std::fs::write(dir.join("site.toml"), config).unwrap();
    let out = common::pmo_in("", &["--root", dir.to_str().unwrap(), "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stderr(&out);
    assert!(summary.contains("`public` 已生成 "), "{summary}");
    assert!(!summary.contains("： "), "{summary}");
}

/// A new site's own starter project is in progress on the day of `pmo init`: its hygiene
/// page does not open by calling it stale (its dates were fixed in early 2026), nor its
/// lesson one nobody was asked to act on.
#[test]
fn a_new_sites_starter_project_is_not_stale_on_its_first_day() {
    for lang in ["zh", "en"] {
        let (_tmp, dir) = new_site(lang);
        let root = dir.to_str().unwrap();
        let out = pmo(&["--root", root, "build"]);
        assert!(out.status.success(), "{lang}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("warning"),
            "{lang}: {}",
            stderr(&out)
        );
        let out = pmo(&["--root", root, "report", "hygiene", "--fail-on", "any"]);
        assert!(
            out.status.success(),
            "{lang}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// A site made by `pmo init --lang LANG` in a temp folder (kept while the first is held).
fn new_site(lang: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("portal");
    let out = pmo(&["init", "--lang", lang, dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    (tmp, dir)
}

/// A misspelt option, an unknown command or a bad value was told in clap's English on a
/// Chinese site: the one message a new user met in English. Told in the site's language
/// now, with clap's suggestion and the value parser's reason; an English site keeps
/// clap's own words.
#[test]
fn command_line_mistakes_are_told_in_the_sites_language() {
    let (_tmp, dir) = new_site("zh");
    let root = dir.to_str().unwrap();
    for (args, told) in [
        (
            vec!["build", "--ouput", "x"],
            vec!["这里没有选项 `--ouput`", "`--output`"],
        ),
        (
            vec!["biuld"],
            vec!["没有命令 `biuld`", "`build`", "`pmo --help`"],
        ),
        // Two letters swapped, which clap offers nothing for (the new-user walk-through).
        (vec!["nwe"], vec!["没有命令 `nwe`", "`new`"]),
        // A command's own subcommand typed alone (the third walk-through).
        (
            vec!["hygiene"],
            vec!["没有命令 `hygiene`", "`report hygiene`"],
        ),
        // `pmo import project` for `projects` (the seventh walk-through asked for it).
        (
            vec!["import", "project", "财务导出.xlsx"],
            vec!["没有命令 `project`", "`projects`"],
        ),
        (
            vec!["new", "lessons", "x"],
            vec!["是否想写 `lesson`", "`pmo new --help`"],
        ),
        (
            vec!["report", "hygiene", "--fail-on", "stale-practice"],
            vec!["是否想写 `stale-practices`", "`pmo report hygiene --help`"],
        ),
        (
            vec!["build", "--as-of", "2026/12/01"],
            vec!["`2026/12/01` 不是", "YYYY-MM-DD"],
        ),
        (
            vec!["build", "--format", "xml"],
            vec!["`xml` 不是", "human, json"],
        ),
        (
            vec!["serve", "--port", "99999"],
            vec!["`99999` 不是", "0 到 65535"],
        ),
        (vec!["serve", "--port", "abc"], vec!["`abc` 不是", "整数"]),
        (
            vec!["build", "--as-of"],
            vec!["--as-of <YYYY-MM-DD> 需要一个值"],
        ),
    ] {
        let mut all = vec!["--root", root];
        all.extend(&args);
        let out = common::pmo_in("", &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        for part in told {
            assert!(err.contains(part), "{args:?}: {err}");
        }
        assert!(err.contains(" --help`"), "{err}");
    }
    // `--lang EN` as well as `en`.
    let tmp = tempfile::tempdir().unwrap();
    let out = common::pmo(&[
        "init",
        "--lang",
        "EN",
        tmp.path().join("en").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (_tmp, dir) = new_site("en");
    let out = common::pmo_in(
        "",
        &["--root", dir.to_str().unwrap(), "build", "--ouput", "x"],
    );
    assert_eq!(out.status.code(), Some(2));
    // In pmo's words in English too, with the name meant (clap's own named none for a
    // misspelt command: `pmo nwe` got no tip).
    let err = stderr(&out);
    assert!(err.contains("there is no option `--ouput`"), "{err}");
    assert!(err.contains("did you mean `--output`?"), "{err}");
    let err = stderr(&common::pmo_in(
        "",
        &["--root", dir.to_str().unwrap(), "nwe", "lesson", "x"],
    ));
    assert!(err.contains("did you mean `new`?"), "{err}");
}

/// `pmo build portal`, as a Hugo user names the site, was told "there is no option
/// `portal` here" (it is no option, and was not written as one), and in the language of
/// whatever folder the command ran in; an unquoted title's second word the same.
#[test]
fn a_folder_or_a_titles_second_word_in_place_of_an_option_is_told_what_to_write() {
    let (_tmp, dir) = new_site("zh");
    let elsewhere = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
            .args(args)
            .current_dir(elsewhere.path())
            .env("NO_COLOR", "1")
            .env_remove("PMO_LANG")
            .env("LANG", "C.UTF-8")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        stderr(&out)
    };
    let site = dir.to_str().unwrap();
    let err = run(&["build", site]);
    assert!(
        err.contains(&format!("`pmo build` 不接受 `{site}`")),
        "{err}"
    );
    assert!(err.contains(&format!("pmo build --root {site}")), "{err}");
    assert!(!err.contains("没有选项"), "{err}");
    let err = run(&["--root", site, "new", "lesson", "供应商", "延期"]);
    assert!(
        err.contains("`pmo new` 只接受一个标题，但其后还有 `延期`"),
        "{err}"
    );
    // Its own words retyped in quotes, not a fixed example beside them.
    assert!(
        err.contains("含空格的标题要放在引号里：`pmo new lesson \"供应商 延期\"`"),
        "{err}"
    );
    let err = run(&[
        "--root", site, "new", "lesson", "Vendor", "delay", "--slug", "v",
    ]);
    assert!(
        err.contains("`pmo new lesson \"Vendor delay\"`") && !err.contains("delivery"),
        "{err}"
    );
    // Any other stray word, in English.
    let err = run(&["build", "nowhere-such"]);
    assert!(err.contains("`pmo build` takes no `nowhere-such`"), "{err}");
    // What built before still builds: the folder by --root.
    let out = common::pmo_in("", &["--root", site, "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Where there is no site to ask, the reader's system locale says the language (the
/// new-user walk-through: an empty folder answered in English on a Chinese desktop, and
/// said "site.toml: invalid site.toml: there is no site.toml").
#[test]
fn with_no_site_at_all_the_locale_says_the_language() {
    let tmp = tempfile::tempdir().unwrap();
    for (locale, told) in [
        ("zh_CN.UTF-8", "site.toml: 这里没有 site.toml"),
        ("C.UTF-8", "site.toml: there is no site.toml here"),
        ("en_US.UTF-8", "site.toml: there is no site.toml here"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
            .arg("build")
            .current_dir(tmp.path())
            .env_remove("PMO_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", locale)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert!(err.contains(told), "{locale}: {err}");
        assert!(!err.contains("invalid site.toml"), "{locale}: {err}");
    }
}

/// A scheduled `pmo check --root` on a network drive that was not connected was told
/// "there is no site.toml here", as if the folder were the wrong one: it names the
/// folder that is missing and the drive to check, in JSON too.
#[test]
fn a_root_that_does_not_exist_is_named_as_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let gone = tmp.path().join("share/pmo-portal");
    let root = gone.to_str().unwrap();
    let out = common::pmo(&["--root", root, "check"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "the site folder {root} does not exist or cannot be reached"
        )),
        "{err}"
    );
    assert!(err.contains("network drive"), "{err}");
    assert!(!err.contains("there is no site.toml here"), "{err}");
    let out = common::pmo(&["--root", root, "check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(
        json.contains("does not exist or cannot be reached"),
        "{json}"
    );
}

/// A scheduled job told a share that was not connected (exit code 1) from a content
/// error a person must mend: the folder out of reach has its own exit code, 3, for
/// every command that reads the site, and a content error stays 1.
#[test]
fn a_root_out_of_reach_has_its_own_exit_code_for_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    let gone = tmp.path().join("共享盘/pmo-portal");
    let root = gone.to_str().unwrap();
    for args in [
        vec!["build"],
        vec!["build", "--format", "json"],
        vec!["check", "--format", "json"],
        vec!["report", "hygiene"],
        vec!["new", "lesson", "网络盘断开"],
        vec!["import", "lessons", "register.csv"],
    ] {
        let mut all = vec!["--root", root];
        all.extend(&args);
        let out = common::pmo(&all);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr(&out));
    }
    // A file given as the folder cannot be read as one either.
    let file = tmp.path().join("site.txt");
    std::fs::write(&file, "不是文件夹").unwrap();
    let out = common::pmo(&["--root", file.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    // A folder that is there, without a site, is the author's to mend: 1.
    let out = common::pmo(&["--root", tmp.path().to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

/// `pmo build` run in a folder of the site (`content/`) rather than its top was told
/// "there is no site.toml" in English: it names the folder that holds it, in the site's
/// language.
#[test]
fn a_command_run_inside_a_site_names_the_folder_that_holds_site_toml() {
    let (_tmp, dir) = new_site("zh");
    let lessons = dir.join("content/lessons");
    let out = common::pmo_in("", &["--root", lessons.to_str().unwrap(), "build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("没有 site.toml"), "{err}");
    assert!(
        err.contains(&format!("--root {}", dir.display())),
        "names the site's folder: {err}"
    );
    assert!(!dir.join("content/lessons/public").exists());
    // Run from inside, it is told as the way up.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
        .arg("check")
        .current_dir(&lessons)
        .env_remove("PMO_LANG")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(err.contains("cd ../.."), "{err}");
}

/// `pmo new` with the title of a page the site already has, in a file of another name
/// (`kickoff-raci.md`), made a second page of that title: two entries no reader tells
/// apart. It is refused, naming the page that has it, in the site's language.
#[test]
fn new_refuses_a_title_a_page_of_its_kind_already_has() {
    let (_tmp, dir) = new_site("zh");
    let root = dir.to_str().unwrap();
    let out = common::pmo_in(
        "",
        &[
            "--root",
            root,
            "new",
            "lesson",
            "启动会上明确 RACI 减少了职责争议",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("content/lessons/kickoff-raci.md:2:"), "{err}");
    assert!(err.contains("已有"), "{err}");
    assert!(
        !dir.join("content/lessons/启动会上明确-raci-减少了职责争议.md")
            .exists(),
        "nothing is written"
    );
    // Another kind may share it: a practice is not a lesson.
    let out = pmo(&[
        "--root",
        root,
        "new",
        "practice",
        "启动会上明确 RACI 减少了职责争议",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// `pmo report hygiene | head`: the reader closes the pipe before everything is printed.
/// pmo panicked ("failed printing to stdout: Broken pipe") with a backtrace; it ends
/// quietly, as other command-line tools do.
#[test]
fn a_reader_that_stops_early_ends_the_command_without_a_panic() {
    let (tmp, dir) = new_site("zh");
    let out_dir = tmp.path().join("schemas");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
        .args(["--root", dir.to_str().unwrap(), "schema", "--output"])
        .arg(&out_dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Closed before pmo prints its first line.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
}

/// `pmo --root portal schema` wrote `schemas/` into the current folder, where site.toml's
/// `#:schema ./schemas/site.schema.json` does not find it; without `--output` it goes
/// into the site's folder, as `public/` does.
#[test]
fn schema_writes_into_the_site_folder_given_by_root() {
    let (tmp, dir) = new_site("zh");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
        .args(["--root", dir.to_str().unwrap(), "schema"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("schemas/site.schema.json").is_file());
    assert!(!tmp.path().join("schemas").exists());
}

/// `pmo init` in the current (empty) folder printed "Next: cd . && pmo build".
#[test]
fn init_in_the_current_folder_says_only_to_build() {
    let tmp = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
        .args(["init", "--lang", "en"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("Next: pmo build"), "{printed}");
    assert!(!printed.contains("cd ."), "{printed}");
}

/// A bad `--base-url` was told "invalid site.toml", though site.toml is fine: the flag
/// is named, and the file is not blamed.
#[test]
fn a_bad_base_url_flag_is_not_blamed_on_site_toml() {
    let (_tmp, dir) = new_site("zh");
    let root = dir.to_str().unwrap();
    let out = common::pmo_in(
        "",
        &["--root", root, "build", "--base-url", "pmo.example.com"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("--base-url"), "{err}");
    assert!(!err.contains("site.toml 有误"), "{err}");
}

/// `pmo init pmo-portal`, then `pmo build` without the `cd`: the folder that holds the
/// new site is named.
#[test]
fn a_command_run_above_a_site_names_the_site_folder_below() {
    let (tmp, _dir) = new_site("zh");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
        .arg("build")
        .current_dir(tmp.path())
        .env_remove("PMO_LANG")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("请先 `cd portal`"),
        "in the site's language: {err}"
    );
    assert!(!tmp.path().join("public").exists());
}

/// A Chinese starter site's site.toml was commented in English, the one file of a new
/// Chinese site that was (the new-user walk-through); the settings are the same.
#[test]
fn a_chinese_starter_site_toml_is_commented_in_chinese() {
    let (_tmp, zh) = new_site("zh");
    let (_tmp_en, en) = new_site("en");
    let text = std::fs::read_to_string(zh.join("site.toml")).unwrap();
    assert!(text.contains("# 长列表每页显示的条目数"), "{text}");
    assert!(!text.contains("items per page"), "{text}");
    let settings = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
            .filter(|l| {
                !l.starts_with("title")
                    && !l.starts_with("description")
                    && !l.starts_with("language")
                    // The site's currency: CNY for a Chinese site, USD for an English one.
                    && !l.starts_with("portfolio")
            })
            .collect()
    };
    let english = std::fs::read_to_string(en.join("site.toml")).unwrap();
    assert_eq!(settings(&text), settings(&english));
}

/// An author's text echoed in a report held `ESC [2K ESC [1A` (erasing the warning above
/// it) and `ESC ]0;…` (the terminal's title): a maintainer's terminal or CI log obeyed
/// them (the third hunt for script). Written as their escapes, in the message and in the
/// excerpt.
#[test]
fn control_characters_of_an_author_never_reach_the_terminal() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/esc.md",
        "---\ntitle: 控制符\ndate: 2024-03-01\n---\n\n<img src=\"https://evil.test/i.png\u{1b}[2K\u{1b}[1A\u{1b}]0;PWNED\u{7}FAKE\">\n",
    );
    let root = site.root().to_str().unwrap();
    for command in ["build", "check"] {
        let out = pmo(&["--root", root, command]);
        let told = String::from_utf8_lossy(&out.stderr).to_string()
            + &String::from_utf8_lossy(&out.stdout);
        assert!(!told.contains('\u{1b}'), "{told:?}");
        assert!(!told.contains('\u{7}'), "{told:?}");
        assert!(told.contains("content/reports/esc.md"), "{told}");
    }
}

/// With no `language` in site.toml, messages followed the English home page while the
/// pages took the default, Chinese: an English portal got 首页 and 搜索门户 unsaid (the
/// fourth walk-through). Warned at site.toml; naming a language silences it.
#[test]
fn an_english_site_naming_no_language_is_warned() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("portal");
    let root = dir.to_str().unwrap();
    assert!(pmo(&["init", "--lang", "en", root]).status.success());
    let config = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    let without: String = config
        .lines()
        .filter(|l| !l.trim_start().starts_with("language"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.join("site.toml"), &without).unwrap();
    let out = pmo(&["--root", root, "build"]);
    let told = stderr(&out);
    assert!(out.status.success(), "{told}");
    // At the file's start, where `language` would go: no line holds it.
    assert!(told.contains("site.toml:1:1"), "{told}");
    assert!(told.contains("language = \"en\""), "{told}");
    std::fs::write(
        dir.join("site.toml"),
        format!("language = \"zh-CN\"\n{without}"),
    )
    .unwrap();
    let told = stderr(&pmo(&["--root", root, "build"]));
    assert!(!told.contains("names no `language`"), "{told}");
}

/// `language = "fr"` on a Chinese portal was refused in English: a language pmo does
/// not take says nothing of its reader, so the home page's language is used, as for a
/// site.toml naming none (the malformed-site hunt of the fourth round).
#[test]
fn a_language_pmo_does_not_take_is_refused_in_the_home_page_s() {
    let site = Site::sample();
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let config: String = config
        .lines()
        .map(|l| {
            if l.starts_with("language") {
                "language = \"fr\"".to_string()
            } else {
                l.to_string()
            }
        })
        .map(|l| l + "\n")
        .collect();
    site.write("site.toml", config);
    let out = common::pmo_in("", &["--root", site.root().to_str().unwrap(), "check"]);
    let told = stderr(&out);
    assert!(told.contains("未知的值 `fr`"), "{told}");
}

/// `pmo init --lang en` wrote its starter project in USD, so every `pmo new project` of
/// a European PMO defaulted to `currency: USD`. The site's currency is one line of
/// site.toml; the starter names none and follows it, and so do new projects.
#[test]
fn a_new_sites_currency_is_one_line_of_site_toml_that_projects_follow() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("portal");
    let root = dir.to_str().unwrap();
    assert!(pmo(&["init", "--lang", "en", root]).status.success());
    let config = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    assert!(config.contains("portfolio = \"USD\""), "{config}");
    let pilot = std::fs::read_to_string(dir.join("content/projects/pilot/index.md")).unwrap();
    assert!(!pilot.contains("currency:"), "{pilot}");
    std::fs::write(
        dir.join("site.toml"),
        config.replace("portfolio = \"USD\"", "portfolio = \"EUR\""),
    )
    .unwrap();
    let out = pmo(&["--root", root, "new", "project", "Rhine Bridge"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let new = std::fs::read_to_string(dir.join("content/projects/rhine-bridge/index.md")).unwrap();
    assert!(new.contains("currency: EUR"), "{new}");
    let out = pmo(&["--root", root, "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(dir.join("public/projects/pilot/index.html")).unwrap();
    assert!(page.contains("<span class=\"unit\">EUR</span>"), "{page}");
}

/// A PMO's next page after its lessons is the monthly report: `pmo new report` was
/// refused ("`report` is no value of <KIND>"), with nothing saying how to write one. It
/// makes a draft pinned to last month (`as_of`) with the portfolio's table, which builds
/// once published, in either language.
#[test]
fn new_report_makes_a_monthly_report_pinned_to_last_month_that_builds() {
    let today = jiff::Zoned::now().date();
    let last = today.first_of_month().yesterday().unwrap().to_string()[..7].to_string();
    for (lang, title, rel, project) in [
        (
            "zh",
            "2026年11月组合月报",
            "content/reports/2026年11月组合月报.md",
            "试点项目",
        ),
        (
            "en",
            "Portfolio report November",
            "content/reports/portfolio-report-november.md",
            "Pilot project",
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("portal");
        assert!(pmo(&["init", "--lang", lang, dir.to_str().unwrap()])
            .status
            .success());
        let root = dir.to_str().unwrap();
        let out = pmo(&["--root", root, "new", "report", title]);
        assert!(out.status.success(), "{lang}: {}", stderr(&out));
        let text = std::fs::read_to_string(dir.join(rel)).unwrap();
        assert!(text.contains(&format!("\nas_of: {last} ")), "{text}");
        assert!(text.contains("data = \"portfolio\""), "{text}");
        std::fs::write(dir.join(rel), text.replace("draft: true", "draft: false")).unwrap();
        let out = pmo(&["--root", root, "build"]);
        assert!(out.status.success(), "{lang}: {}", stderr(&out));
        let slug = rel.trim_start_matches("content/").trim_end_matches(".md");
        let html =
            std::fs::read_to_string(dir.join("public").join(slug).join("index.html")).unwrap();
        assert!(html.contains(project), "{lang}: {html}");
    }
}
