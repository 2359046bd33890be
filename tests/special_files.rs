//! Sources that are not plain files: a named pipe, a folder or a link to nothing where a
//! file belongs. Reading a named pipe waits for a writer that never comes, so the build
//! must refuse it by its type, never hang on it or drop it without a word.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::Site;

/// `pmo` with `args` and the language left to the site, killed if it still runs after a
/// generous while (a hang, not a slow run: the site builds in well under a second).
fn run_watched(args: &[&str]) -> (Option<i32>, String) {
    let mut child: Child = Command::new(env!("CARGO_BIN_EXE_pmo"))
        .args(args)
        .env_remove("PMO_LANG")
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..1200 {
        if child.try_wait().unwrap().is_some() {
            let out = child.wait_with_output().unwrap();
            return (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    panic!("pmo {args:?} still runs after two minutes: it waits on a named pipe");
}

fn mkfifo(path: &std::path::Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_site_toml_that_is_a_named_pipe_is_refused_in_the_sites_default_language() {
    let site = Site::fixture("basic");
    site.remove("site.toml");
    mkfifo(&site.root().join("site.toml"));
    let root = site.root().to_str().unwrap();
    let (code, err) = run_watched(&["--root", root, "check"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("site.toml"), "{err}");
    // It is there, only not a file: not "there is no site.toml", and, its language
    // unreadable, told in the default language of a site (zh-CN).
    assert!(err.contains("命名管道"), "{err}");
    assert!(!err.contains("there is no site.toml"), "{err}");
}

#[test]
fn a_site_toml_that_is_a_folder_or_a_link_to_nothing_is_told_so_in_chinese() {
    let site = Site::fixture("basic");
    site.remove("site.toml");
    std::fs::create_dir(site.root().join("site.toml")).unwrap();
    let root = site.root().to_str().unwrap();
    let (code, err) = run_watched(&["--root", root, "check"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("site.toml") && err.contains("文件夹"), "{err}");

    std::fs::remove_dir(site.root().join("site.toml")).unwrap();
    std::os::unix::fs::symlink("旧配置/site.toml", site.root().join("site.toml")).unwrap();
    let (code, err) = run_watched(&["--root", root, "check"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("site.toml") && err.contains("符号链接"),
        "{err}"
    );
}

/// Its site.toml a folder or empty, an English site's language cannot be read from it: its home
/// page, written in English, says which. It was told in Chinese.
#[test]
fn an_english_site_whose_site_toml_is_a_folder_or_empty_is_told_so_in_english() {
    let site = Site::fixture("basic");
    site.remove("site.toml");
    std::fs::create_dir(site.root().join("site.toml")).unwrap();
    site.write(
        "content/_index.md",
        "---\ntitle: Welcome to the PMO knowledge portal\n---\n\nThe project management \
         office's best practices, lessons learned and project data, in one place, for \
         every project manager of the company.\n",
    );
    let root = site.root().to_str().unwrap();
    let (code, err) = run_watched(&["--root", root, "check"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("site.toml") && err.contains("folder"), "{err}");
    assert!(!has_chinese(&err), "{err}");

    // An empty site.toml names no language either.
    std::fs::remove_dir(site.root().join("site.toml")).unwrap();
    site.write("site.toml", "");
    let (code, err) = run_watched(&["--root", root, "check"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("site.toml") && err.contains("title"), "{err}");
    assert!(!has_chinese(&err), "{err}");
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn a_named_pipe_among_pages_tables_or_templates_is_an_error_at_its_path() {
    // Each used to be skipped without a word: the lesson vanished from the register, the
    // table from its chart, the template fell back to the theme's.
    for rel in [
        "content/lessons/供应商延期.md",
        "content/projects/erp/budget.csv",
        "data/部门.csv",
        "templates/lesson.html",
    ] {
        let site = Site::fixture("basic");
        let path = site.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&path);
        mkfifo(&path);
        let m = site.build_err();
        assert!(m.contains(rel), "{rel}: {m}");
        assert!(m.contains("named pipe, socket or device"), "{rel}: {m}");
    }
}

#[test]
fn a_link_to_a_named_pipe_is_an_error_not_a_folder_left_out() {
    let site = Site::fixture("basic");
    mkfifo(&site.root().join("content/pipe"));
    std::os::unix::fs::symlink("pipe", site.root().join("content/practices/经验.md")).unwrap();
    let m = site.build_err();
    assert!(m.contains("content/practices/经验.md"), "{m}");
    assert!(m.contains("named pipe, socket or device"), "{m}");
    assert!(!m.contains("link to a folder"), "{m}");
}

#[test]
fn a_folder_named_like_a_page_or_a_table_is_warned_about_at_its_path() {
    // A page or table replaced by a folder of its name (an unzip gone wrong, a sync
    // tool's conflict folder) made errors only where it was linked or charted, or none.
    for rel in [
        "content/practices/供应商管理.md",
        "content/projects/erp/budget.csv",
        "data/部门.csv",
    ] {
        // The fixture's charts.md charts the budget: checked below, on its own.
        let charted = rel.ends_with("budget.csv");
        let site = Site::fixture("basic");
        if charted {
            site.remove("content/reports/charts.md");
        }
        let path = site.root().join(rel);
        let _ = std::fs::remove_file(&path);
        std::fs::create_dir_all(&path).unwrap();
        std::fs::write(path.join("说明.txt"), "旧版本").unwrap();
        assert!(told_at(&site, rel).contains("is a folder"));
    }
}

/// A link to a page replaced by a folder of its name says so: it was sent looking for a
/// page of a similar name (`did you mean content/practices/practice-00060.md?`).
#[test]
fn a_link_to_a_folder_named_like_a_page_says_it_is_a_folder() {
    let site = Site::fixture("basic");
    site.write(
        "content/practices/供应商准入.md",
        "---\ntitle: 供应商准入\n---\n\n见[供应商评估](供应商评估.md)。\n",
    );
    site.write(
        "content/practices/供应商评价.md",
        "---\ntitle: 供应商评价\n---\n\n正文。\n",
    );
    std::fs::create_dir_all(site.root().join("content/practices/供应商评估.md")).unwrap();
    let m = site.build_err();
    assert!(m.contains("content/practices/供应商准入.md"), "{m}");
    assert!(
        m.contains("content/practices/供应商评估.md is a folder, not a page"),
        "{m}"
    );
    assert!(!m.contains("did you mean"), "{m}");
}

/// A template or a strings file replaced by a folder of its name was only "not found"
/// (the theme "has no `page.html`"), with the folder of that very name in plain view.
#[test]
fn a_folder_named_like_a_template_or_strings_file_is_warned_about_at_its_path() {
    let site = Site::fixture("basic");
    std::fs::create_dir_all(site.root().join("templates/lesson.html")).unwrap();
    assert!(told_at(&site, "templates/lesson.html").contains("is a folder"));

    // In a theme of the site's own, strings included, whose file is then missing.
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("theme = \"自己的\"\n{config}"));
    site.write(
        "themes/自己的/templates/partials/说明.html",
        "{{ page.title }}",
    );
    std::fs::create_dir_all(site.root().join("themes/自己的/i18n/zh-CN.toml")).unwrap();
    let told = told_at(&site, "themes/自己的/i18n/zh-CN.toml");
    assert!(told.contains("is a folder"), "{told}");
    // A vendored library's folder among static files is named like a file, and is one.
    let site = Site::fixture("basic");
    site.write("static/lib/chart.js/chart.min.js", "var x = 1;");
    let report = site.build_ok();
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.to_string().contains("is a folder")),
        "{:?}",
        report.warnings
    );
}

/// A chart's or a template's error came alone: the warnings found before it, often its
/// cause, were dropped with the failed build. Here the folder in the budget's place is
/// why the chart has no table.
#[test]
fn a_later_stages_error_comes_with_the_warnings_before_it() {
    let site = Site::fixture("basic");
    let path = site.root().join("content/projects/erp/budget.csv");
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("说明.txt"), "旧版本").unwrap();
    let m = site.build_err();
    assert!(m.contains("no table named `projects/erp/budget`"), "{m}");
    assert!(
        m.contains("content/projects/erp/budget.csv") && m.contains("is a folder"),
        "{m}"
    );

    let site = Site::fixture("basic");
    site.write("content/practices/供应商管理.md/说明.txt", "旧版本");
    site.write("templates/page.html", "{{ page.title | 没有的过滤器 }}");
    let m = site.build_err();
    assert!(m.contains("templates/page.html"), "{m}");
    assert!(m.contains("content/practices/供应商管理.md"), "{m}");
}

/// Links among templates and static files were skipped without a word, as pages' once
/// were: a template shared by link fell back to the theme's, a dangling one gave "no
/// template" errors at the templates including it.
#[test]
fn linked_templates_and_static_files_are_followed_or_refused_like_pages() {
    let site = Site::fixture("basic");
    site.write(
        "shared/页脚.html",
        "<footer>共享页脚：{{ page.title }}</footer>",
    );
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"partials/页脚.html\" %}{% endblock content %}",
    );
    std::fs::create_dir_all(site.root().join("templates/partials")).unwrap();
    std::os::unix::fs::symlink(
        "../../shared/页脚.html",
        site.root().join("templates/partials/页脚.html"),
    )
    .unwrap();
    site.write("shared/说明.txt", "共享说明");
    std::os::unix::fs::symlink("../shared/说明.txt", site.root().join("static/说明.txt")).unwrap();
    site.build_ok();
    assert!(site.read("about/index.html").contains("共享页脚"));
    assert_eq!(site.read("说明.txt"), "共享说明");

    std::fs::remove_file(site.root().join("shared/页脚.html")).unwrap();
    let m = site.build_err();
    assert!(m.contains("templates/partials/页脚.html"), "{m}");
    assert!(m.contains("symbolic link points to nothing"), "{m}");
}

/// A link in content/ to a hidden file of the site folder (`.env`, `.git/config`) or to
/// the last build's output published it, unsaid; in a site with audiences, a link to a
/// higher audience's attachment reached the public build (the third hunt for script).
#[test]
fn links_to_hidden_files_the_output_or_across_audiences_are_refused() {
    let site = Site::fixture("basic");
    site.write(".env", "DB_PASSWORD=hunter2");
    site.write(".git/config", "url = https://token@example.com/x.git");
    // A file the last build wrote (one added by hand to public/ would stop the build
    // before any link is looked at).
    site.build_ok();
    site.write("shared/说明.txt", "共享说明");
    std::fs::create_dir_all(site.root().join("content/files")).unwrap();
    for (link, target) in [
        ("env.txt", "../../.env"),
        ("git.txt", "../../.git/config"),
        ("old.txt", "../../public/index.html"),
    ] {
        std::os::unix::fs::symlink(target, site.root().join("content/files").join(link)).unwrap();
        let m = site.build_err();
        assert!(m.contains(&format!("content/files/{link}")), "{m}");
        assert!(m.contains("hidden file or the built site"), "{m}");
        std::fs::remove_file(site.root().join("content/files").join(link)).unwrap();
    }
    // A shared folder of the site is a source like any other.
    std::os::unix::fs::symlink(
        "../../shared/说明.txt",
        site.root().join("content/files/说明.txt"),
    )
    .unwrap();
    site.build_ok();
    assert_eq!(site.read("files/说明.txt"), "共享说明");
    // With audiences, a link publishes its target under the audience of where it stands.
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("audiences = [\"public\", \"internal\"]\n{config}"),
    );
    let m = site.build_err();
    assert!(m.contains("content/files/说明.txt"), "{m}");
    assert!(m.contains("this site has audiences"), "{m}");
}

/// A hard link is the file under a second name, wherever the first stands: one under
/// content/, static/ or data/ to a file outside the site (`~/.env`), to a hidden file of
/// the site folder or to the last build's output published that file unsaid, as a
/// symbolic link to it no longer does; in a site with audiences, an attachment
/// hard-linked into another folder of content/ went out with that folder's audience
/// (the ninth hunt for script).
#[test]
fn hard_links_out_of_the_sources_or_across_audiences_are_refused() {
    let site = Site::fixture("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join(".env"), "DB_PASSWORD=hunter2").unwrap();
    site.write(".git/config", "url = https://token@example.com/x.git");
    // A file the last build wrote (one added by hand to public/ would stop the build
    // before any link is looked at).
    site.build_ok();
    site.write("shared/说明.txt", "共享说明");
    std::fs::create_dir_all(site.root().join("content/files")).unwrap();
    std::fs::create_dir_all(site.root().join("i18n")).unwrap();
    let outside = elsewhere.path().join(".env");
    for (link, target) in [
        ("content/files/env.txt", outside.clone()),
        ("static/files/git.txt", site.root().join(".git/config")),
        (
            "content/files/old.txt",
            site.root().join("public/index.html"),
        ),
        ("data/leak.csv", outside.clone()),
        // Read before the pages: a strings file's lines are quoted in its errors.
        ("i18n/zh-CN.toml", outside.clone()),
    ] {
        std::fs::hard_link(&target, site.root().join(link)).unwrap();
        let m = site.build_err();
        assert!(m.contains(link), "{m}");
        assert!(m.contains("this file is a hard link"), "{m}");
        assert!(!m.contains("hunter2") && !m.contains("token@"), "{m}");
        std::fs::remove_file(site.root().join(link)).unwrap();
    }
    // A second name inside the site's sources is the site's own file.
    std::fs::hard_link(
        site.root().join("shared/说明.txt"),
        site.root().join("content/files/说明.txt"),
    )
    .unwrap();
    site.build_ok();
    assert_eq!(site.read("files/说明.txt"), "共享说明");
    // With audiences, two names under content/ are two audiences' file.
    std::fs::hard_link(
        site.root().join("content/files/说明.txt"),
        site.root().join("content/practices/说明.txt"),
    )
    .unwrap();
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("audiences = [\"public\", \"internal\"]\n{config}"),
    );
    let m = site.build_err();
    assert!(m.contains("content/practices/说明.txt"), "{m}");
    assert!(m.contains("hard link to content/files/说明.txt"), "{m}");
}

/// The site's own theme is published as static/ is, yet its files were left out of the
/// hard-link check: `themes/<name>/static/x.txt` made with `ln ~/.env` published the
/// secret, and a template or strings file so made showed it on every page (the eleventh
/// hunt for script). A theme kept elsewhere for several portals and linked in whole may
/// still hard-link its own files to each other.
#[test]
fn hard_links_out_of_the_site_s_theme_are_refused() {
    let site = Site::fixture("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join(".env"), "DB_PASSWORD=hunter2").unwrap();
    let default = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    common::copy_dir(&default, &site.root().join("themes/mine"));
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("theme = \"mine\"\n{config}"));
    site.build_ok();
    let outside = elsewhere.path().join(".env");
    for link in [
        "themes/mine/static/files/env.txt",
        "themes/mine/templates/partials/env.html",
        "themes/mine/i18n/zh-CN.toml",
    ] {
        let path = site.root().join(link);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let kept = std::fs::read(&path).ok();
        let _ = std::fs::remove_file(&path);
        std::fs::hard_link(&outside, &path).unwrap();
        let m = site.build_err();
        assert!(m.contains(link), "{m}");
        assert!(m.contains("this file is a hard link"), "{m}");
        assert!(!m.contains("hunter2"), "{m}");
        std::fs::remove_file(&path).unwrap();
        if let Some(bytes) = kept {
            std::fs::write(&path, bytes).unwrap();
        }
    }
    // A theme shared by several portals, linked in whole, is its own source: its files'
    // second names inside it are fine, one outside it is not.
    let shared = elsewhere.path().join("shared-theme");
    std::fs::rename(site.root().join("themes/mine"), &shared).unwrap();
    std::os::unix::fs::symlink(&shared, site.root().join("themes/mine")).unwrap();
    std::fs::hard_link(
        shared.join("static/css/style.css"),
        shared.join("static/css/copy.css"),
    )
    .unwrap();
    site.build_ok();
    std::fs::hard_link(&outside, shared.join("static/env.txt")).unwrap();
    let m = site.build_err();
    assert!(m.contains("themes/mine/static/env.txt"), "{m}");
    assert!(!m.contains("hunter2"), "{m}");
}

/// A link to a folder among templates or static files was skipped without a word, while
/// one among pages is warned about: the site's own `static/图片` linked from elsewhere
/// lost every image in it.
#[test]
fn a_link_to_a_folder_among_templates_or_static_files_is_warned_about() {
    let site = Site::fixture("basic");
    site.write(
        "shared/图片/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    std::os::unix::fs::symlink("../shared/图片", site.root().join("static/图片")).unwrap();
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    std::os::unix::fs::symlink("../shared", site.root().join("templates/partials")).unwrap();
    site.build_ok();
    for rel in ["static/图片", "templates/partials"] {
        assert!(told_at(&site, rel).contains("link to a folder is not followed"));
    }
}

/// What a build of `site` tells at `rel` (a warning, or an error of a failed build).
fn told_at(site: &Site, rel: &str) -> String {
    let told: Vec<String> = match site.build() {
        Ok(report) => report.warnings.iter().map(ToString::to_string).collect(),
        Err(failure) => failure
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect(),
    };
    told.iter()
        .find(|w| w.contains(rel))
        .cloned()
        .unwrap_or_else(|| panic!("nothing told at {rel}: {told:?}"))
}

/// An attachment whose path differs only in case from a file pmo writes
/// (`content/Search/meta.js` beside the index's `search/meta.js`) was published beside
/// it: on a Windows share, IIS or a Mac the two are one file, and the author's could be
/// the one served (the third hunt for script). An error at the attachment.
#[test]
fn a_file_differing_in_case_from_a_built_one_is_refused() {
    for (rel, built) in [
        ("content/Search/meta.js", "search/meta.js"),
        ("content/JS/search-ui.js", "js/search-ui.js"),
        ("static/Dashboard/index.html", "dashboard/index.html"),
    ] {
        let site = Site::fixture("basic");
        let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
        site.write(
            "site.toml",
            format!("search = true\ntrust_html = true\n{config}"),
        );
        site.write(rel, "window.x = 1;\n");
        let m = site.build_err();
        assert!(m.contains(rel), "{rel}: {m}");
        assert!(m.contains(built), "{rel}: {m}");
        assert!(m.contains("differs only in case"), "{rel}: {m}");
    }
}

/// `static → ../outside` published what was outside the site, and `data → …` read its
/// tables, though the warning said links to folders are not followed (the fifth
/// security hunt). A source folder that is a link leaving the site is an error; one to
/// a folder inside the site is followed.
#[test]
fn a_source_folder_linked_outside_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "SECRET").unwrap();
    for folder in ["static", "data", "content", "templates"] {
        let site = Site::fixture("basic");
        let path = site.root().join(folder);
        if path.exists() {
            std::fs::rename(&path, site.root().join(format!("{folder}-real"))).unwrap();
        }
        std::os::unix::fs::symlink(outside.path(), &path).unwrap();
        let m = site.build_err();
        assert!(
            m.contains(&format!("the `{folder}` folder is a symbolic link to"))
                && m.contains("outside the site"),
            "{folder}: {m}"
        );
        assert!(!site.root().join("public/secret.txt").exists(), "{folder}");
    }
    // Inside the site, the link is the folder.
    let site = Site::fixture("basic");
    std::fs::rename(site.root().join("static"), site.root().join("assets")).unwrap();
    std::os::unix::fs::symlink("assets", site.root().join("static")).unwrap();
    site.build_ok();
}

/// A link inside the site from `static/`, `templates/` or `data/` to a page the build
/// keeps from its audience republished it: `static/leak.md →
/// ../content/lessons/secret.md` copied the restricted page's raw Markdown into the
/// public build, a template so linked put its text on every page, a data table read it
/// (the seventh hunt). Each is an error naming the link and its target, never the text;
/// the audience that may see the page may link it.
#[test]
fn links_into_content_to_what_the_build_does_not_publish_are_refused() {
    use std::os::unix::fs::symlink;
    const MARKER: &str = "MARKLINKEDSECRET";
    let site = common::with_restricted_lesson(MARKER);
    let refused = |site: &Site, link: &str, target: &str| {
        let m = site.build_err();
        assert!(!site.public().exists(), "nothing may be written");
        assert!(m.contains(link) && m.contains(target), "{link}: {m}");
        assert!(!m.contains(MARKER), "{link}: {m}");
        m
    };

    symlink(
        "../content/lessons/secret.md",
        site.root().join("static/leak.md"),
    )
    .unwrap();
    let m = refused(&site, "static/leak.md", "content/lessons/secret.md");
    assert!(m.contains("the `public` build does not publish"), "{m}");
    // The audience that sees the page builds with the link.
    site.build_audience("pmo");
    std::fs::remove_dir_all(site.public()).unwrap();
    site.remove("static/leak.md");

    // A template, included on every page.
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"partials/说明.html\" %}{% endblock content %}",
    );
    std::fs::create_dir_all(site.root().join("templates/partials")).unwrap();
    symlink(
        "../../content/lessons/secret.md",
        site.root().join("templates/partials/说明.html"),
    )
    .unwrap();
    refused(
        &site,
        "templates/partials/说明.html",
        "content/lessons/secret.md",
    );
    site.remove("templates/partials/说明.html");
    site.remove("templates/page.html");

    // A data table: a page is never read as one.
    symlink(
        "../content/lessons/secret.md",
        site.root().join("data/leak.csv"),
    )
    .unwrap();
    let m = refused(&site, "data/leak.csv", "content/lessons/secret.md");
    assert!(m.contains("not a project's table"), "{m}");
    site.remove("data/leak.csv");

    // A project's table, when the project is the higher audience's.
    symlink(
        "../content/projects/erp/risks.csv",
        site.root().join("data/erp-risks.csv"),
    )
    .unwrap();
    site.build_ok();
    std::fs::remove_dir_all(site.public()).unwrap();
    site.set_project_field("erp", "title", "ERP 升级\naudience: pmo");
    refused(
        &site,
        "data/erp-risks.csv",
        "content/projects/erp/risks.csv",
    );
    site.remove("data/erp-risks.csv");
    site.set_project_field("erp", "audience", "public");

    // `static/` itself a link into content/: each file of it is judged so.
    std::fs::remove_dir_all(site.root().join("static")).unwrap();
    symlink("content/lessons", site.root().join("static")).unwrap();
    refused(&site, "static/secret.md", "content/lessons/secret.md");
}

/// Without audiences, a draft is what the build does not publish: linked from
/// `static/`, its text was published all the same.
#[test]
fn a_static_link_to_a_draft_is_refused_and_to_a_page_followed() {
    let site = Site::fixture("basic");
    std::os::unix::fs::symlink(
        "../content/lessons/draft-lesson.md",
        site.root().join("static/草稿.md"),
    )
    .unwrap();
    let m = site.build_err();
    assert!(m.contains("static/草稿.md"), "{m}");
    assert!(m.contains("content/lessons/draft-lesson.md"), "{m}");
    assert!(m.contains("a draft"), "{m}");
    site.remove("static/草稿.md");
    std::os::unix::fs::symlink(
        "../content/lessons/key-user.md",
        site.root().join("static/key-user.md"),
    )
    .unwrap();
    site.build_ok();
    assert!(site.read("key-user.md").contains("Naming key users early"));
}
