//! Third-party checkers on every page of the sample portal, in both UI languages, and of
//! the starter site as `pmo init` makes it and as `pmo new` grows it: the Nu
//! HTML Checker (vnu) finds no error, axe-core, run in Chromium, no accessibility
//! violation of any impact, no page scrolls sideways on a 390 px phone, and no theme
//! string key shows as text. The tools come from the npm registry (installed on first use
//! into `target/checkers/`); Java runs vnu.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const VNU: &str = "vnu-jar@26.9.27";
const AXE: &str = "axe-core@4.14.1";

/// The folder holding `node_modules/` with vnu and axe, installing them once if needed
/// (the two tests share one installation).
fn tools() -> PathBuf {
    static TOOLS: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    TOOLS.get_or_init(install).clone()
}

fn install() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("checkers");
    let ready = dir
        .join("node_modules/vnu-jar/build/dist/vnu.jar")
        .is_file()
        && dir.join("node_modules/axe-core/axe.min.js").is_file();
    if !ready {
        std::fs::create_dir_all(&dir).unwrap();
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .args([VNU, AXE])
            .status()
            .expect("npm is needed to install the checkers (vnu-jar, axe-core)");
        assert!(status.success(), "npm install {VNU} {AXE} failed");
    }
    dir
}

/// The bundled sample portal built with its UI in `language`.
fn sample_site(language: &str) -> common::Site {
    let site = common::Site::sample();
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let config: String = config
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("language") {
                format!("language = \"{language}\"")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    site.write("site.toml", config);
    site.build_ok();
    site
}

fn html_pages(site: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| !p.starts_with("__"))
        .collect();
    pages.sort();
    pages
}

/// vnu's errors, one line each (`file:line: message`).
fn vnu_errors(tools: &Path, site: &Path) -> Vec<String> {
    let out = Command::new("java")
        .arg("-jar")
        .arg(tools.join("node_modules/vnu-jar/build/dist/vnu.jar"))
        .args(["--errors-only", "--format", "json", "--skip-non-html"])
        .arg(site)
        .output()
        .expect(
            "java is needed to run the Nu HTML Checker (apt-get install -y default-jre-headless)",
        );
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "vnu's report is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            let file = m["url"].as_str().unwrap_or("?");
            let file = file.rsplit_once("/public/").map_or(file, |(_, f)| f);
            format!(
                "{file}:{}: {}",
                m["lastLine"].as_u64().unwrap_or(0),
                m["message"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// The pages axe looks at: every page, but of the term listings (tags, categories,
/// phases — one template, hundreds of pages) only the first few of each kind, to keep the
/// suite quick. `PMO_CHECK_ALL_PAGES=1` checks every page.
fn axe_pages(site: &Path) -> Vec<String> {
    let all = html_pages(site);
    if std::env::var_os("PMO_CHECK_ALL_PAGES").is_some() {
        return all;
    }
    let mut seen = std::collections::HashMap::new();
    all.into_iter()
        .filter(|page| {
            let top = page.split('/').next().unwrap_or("");
            if !["tags", "categories", "phases"].contains(&top) {
                return true;
            }
            let shape = (top.to_string(), page.matches('/').count());
            let n = seen.entry(shape).or_insert(0);
            *n += 1;
            *n <= 3
        })
        .collect()
}

/// One pass of [`in_frames`]: each of `pages` in turn in a `width` px wide iframe, with
/// `check` — the body of an async JS function of `page`, `frame`, `win` and `doc`
/// returning a list of findings.
struct Pass {
    pages: Vec<String>,
    width: u32,
    check: &'static str,
}

/// Runs the passes one after the other in iframes of one harness page in one Chromium
/// (a browser per page would take minutes, and one per pass starts Chromium again for
/// each), and returns all findings.
fn in_frames(site: &Path, passes: &[Pass]) -> Vec<String> {
    let passes_js: Vec<String> = passes
        .iter()
        .map(|p| {
            format!(
                "{{ pages: {}, width: {}, check: async (page, frame, win, doc) => {{ {} }} }}",
                serde_json::to_string(&p.pages).unwrap(),
                p.width,
                p.check
            )
        })
        .collect();
    let harness = format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>checks</title></head><body><script>
const passes = [{passes}];
const found = [];
(async () => {{
  for (const {{ pages, width, check }} of passes) {{
    for (const page of pages) {{
      const frame = document.createElement('iframe');
      frame.style.width = width + 'px';
      frame.style.height = '900px';
      frame.style.border = '0';
      document.body.appendChild(frame);
      await new Promise(done => {{ frame.onload = done; frame.src = page; }});
      try {{
        found.push(...await check(page, frame, frame.contentWindow, frame.contentDocument));
      }} catch (e) {{
        found.push(page + ': the check did not run: ' + e);
      }}
      frame.remove();
    }}
  }}
  document.body.setAttribute('data-probe', JSON.stringify(found));
}})();
</script></body></html>"#,
        passes = passes_js.join(",\n")
    );
    std::fs::write(site.join("__checks.html"), harness).unwrap();
    // The budget each pass had when it ran in a browser of its own.
    let budget_ms = 600_000 * u32::try_from(passes.len()).unwrap();
    let json = common::chromium_probe_with(
        &format!("file://{}", site.join("__checks.html").display()),
        "1280,900",
        budget_ms,
        &["--allow-file-access-from-files"],
    );
    // The harness leaves the site as it found it: a later build refuses to replace an
    // output folder holding files pmo did not write (`PMO_CHECK_SITE` is a real site's).
    for harness in ["__checks.html", "__axe.min.js"] {
        let _ = std::fs::remove_file(site.join(harness));
    }
    serde_json::from_str(&json).unwrap()
}

/// The pass finding axe-core's violations, one line each (`page: rule (impact) ×count
/// first-target`).
fn axe_violations(tools: &Path, site: &Path) -> Pass {
    std::fs::copy(
        tools.join("node_modules/axe-core/axe.min.js"),
        site.join("__axe.min.js"),
    )
    .unwrap();
    Pass {
        pages: axe_pages(site),
        width: 1280,
        check: "const script = doc.createElement('script');
         script.src = new URL('__axe.min.js', location.href).href;
         await new Promise(done => { script.onload = done; script.onerror = done; doc.head.appendChild(script); });
         const result = await win.axe.run(doc, { resultTypes: ['violations'] });
         return result.violations.map(v => page + ': ' + v.id + ' (' + v.impact + ') ×'
           + v.nodes.length + ' ' + v.nodes[0].target.join(' '));",
    }
}

/// UI string keys (`kind_home`, `status_on_hold` …) shown as text: a template or the
/// build asked for a string the theme's language file does not have under that name.
/// A key missing from the file is the usual case, so this looks for any word shaped like
/// a key of one of the file's groups (`kind_…`, `nav_…`), not only the keys it has.
/// Keys with an underscore cannot be mistaken for words of the content.
fn raw_keys(site: &Path) -> Vec<String> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let strings: toml::Table =
        toml::from_str(&std::fs::read_to_string(repo.join("themes/default/i18n/en.toml")).unwrap())
            .unwrap();
    let groups: std::collections::BTreeSet<&str> = strings
        .keys()
        .filter_map(|k| k.split_once('_').map(|(group, _)| group))
        .collect();
    let mut found = Vec::new();
    for page in html_pages(site) {
        let html = std::fs::read_to_string(site.join(&page)).unwrap();
        let text = common::visible_text(&html);
        let words =
            text.split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
        let mut shown: Vec<&str> = words
            .filter(|w| {
                w.split_once('_')
                    .is_some_and(|(g, rest)| groups.contains(g) && !rest.is_empty())
            })
            .collect();
        shown.sort();
        shown.dedup();
        for key in shown {
            found.push(format!("{page}: the raw UI key `{key}` is shown"));
        }
    }
    found
}

/// The pass finding pages wider than a 390 px phone screen (the page itself scrolls
/// sideways; a table scrolling inside its own box is fine), each with the element that
/// sticks out furthest. The 404 page is left out: it links its style sheet from the
/// site's root, which a `file://` harness cannot reach.
fn too_wide_on_a_phone(site: &Path) -> Pass {
    Pass {
        pages: axe_pages(site)
            .into_iter()
            .filter(|p| p != "404.html")
            .collect(),
        width: 390,
        check: "await new Promise(done => setTimeout(done, 50));
         const width = doc.documentElement.scrollWidth;
         if (width <= 390) return [];
         let widest = '', right = 390;
         for (const el of doc.body.querySelectorAll('*')) {
           const r = el.getBoundingClientRect().right;
           if (r > right + 1) { right = r; widest = el.tagName.toLowerCase() + '.' + el.className; }
         }
         return [page + ': ' + width + ' px wide at 390 px (' + widest + ')'];",
    }
}

/// Every checker's findings on the built site in `site`, asserting that at least
/// `min_pages` pages were looked at (a build that wrote almost nothing passes every check).
fn findings(site: &Path, min_pages: usize) -> Vec<String> {
    let tools = tools();
    let pages = axe_pages(site).len();
    assert!(pages >= min_pages, "only {pages} pages were checked");
    let mut problems = raw_keys(site);
    problems.extend(vnu_errors(&tools, site));
    problems.extend(in_frames(
        site,
        &[axe_violations(&tools, site), too_wide_on_a_phone(site)],
    ));
    problems
}

fn check_language(language: &str) {
    let sample = sample_site(language);
    let problems = findings(&sample.public(), 50);
    assert!(
        problems.is_empty(),
        "{} findings on the {language} sample portal:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The site `pmo init` makes is the first one a new user sees, and it has page kinds
/// the sample portal fills differently (one lesson, a project with a budget only);
/// `grown`, it is checked as its first author grows it (see [`grow`]).
fn check_starter(lang: &str, grown: bool) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("portal");
    let root_arg = root.to_str().unwrap();
    let out = common::pmo(&["init", "--lang", lang, root_arg]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    if grown {
        grow(&root);
    }
    let out = common::pmo(&["--root", root_arg, "build"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(!grown || root.join("public/lessons/page/2/index.html").is_file());
    let problems = findings(&root.join("public"), 10);
    assert!(
        problems.is_empty(),
        "{} findings on the `pmo init --lang {lang}` site (grown: {grown}):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Grows a starter site as its first author does: one page of each kind from `pmo
/// new`, published with the archetype's own headings, empty tables and checklists still
/// in it, the lesson's hinted action uncommented (and overdue), and lists one item long
/// so that every list is paginated.
fn grow(root: &Path) {
    let root_arg = root.to_str().unwrap();
    for (kind, title) in [
        ("project", "数据仓库 Data Warehouse"),
        ("review", "试点项目收尾评审"),
        ("practice", "阶段关口评审"),
        ("lesson", "供应商交付延期"),
    ] {
        let out = common::pmo(&["--root", root_arg, "new", kind, title]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        let file = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .last()
            .unwrap()
            .to_string();
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let published: Vec<String> = text
            .lines()
            .filter(|l| !l.starts_with("draft:"))
            .map(|l| {
                let hinted = [
                    "# project:",
                    "# phase:",
                    "# impact:",
                    "# actions:",
                    "#   ",
                    "#     ",
                ];
                let line = if hinted.iter().any(|h| l.starts_with(h)) {
                    &l[1..]
                } else {
                    l
                };
                let line = line.strip_prefix(' ').filter(|_| line != l).unwrap_or(line);
                if line.trim_start().starts_with("due:") {
                    "    due: 2020-01-31".to_string()
                } else {
                    line.to_string()
                }
            })
            .collect();
        std::fs::write(&path, published.join("\n") + "\n").unwrap();
    }
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let config = config
        .lines()
        .map(|l| {
            if l.starts_with("paginate") {
                "paginate = 1"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(root.join("site.toml"), config + "\n").unwrap();
}

#[test]
fn the_chinese_portal_has_no_checker_findings() {
    check_language("zh-CN");
}

#[test]
fn the_english_portal_has_no_checker_findings() {
    check_language("en");
}

#[test]
fn the_chinese_starter_site_has_no_checker_findings() {
    check_starter("zh", false);
}

#[test]
fn the_english_starter_site_has_no_checker_findings() {
    check_starter("en", false);
}

#[test]
fn a_chinese_starter_site_grown_with_pmo_new_has_no_checker_findings() {
    check_starter("zh", true);
}

#[test]
fn an_english_starter_site_grown_with_pmo_new_has_no_checker_findings() {
    check_starter("en", true);
}

/// Any built site, e.g. a generated corpus: `PMO_CHECK_SITE=/tmp/c300/public cargo test
/// --test checkers any_built_site`. Does nothing without the variable.
#[test]
fn any_built_site_named_by_pmo_check_site() {
    let Some(site) = std::env::var_os("PMO_CHECK_SITE") else {
        return;
    };
    let problems = findings(Path::new(&site), 1);
    assert!(
        problems.is_empty(),
        "{} findings on {}:\n{}",
        problems.len(),
        Path::new(&site).display(),
        problems.join("\n")
    );
}
