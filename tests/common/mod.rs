//! Helpers shared by the integration tests: fixture sites copied into temp folders.

#![allow(dead_code)]

pub mod hostile;
pub mod import;
pub mod server;
pub mod xlsx;

use std::fs;
use std::path::{Path, PathBuf};

use pmo_portal::Silent;
use pmo_portal::{BuildFailure, BuildReport, Options};

/// A fixture site copied into a fresh temp folder, so tests can edit and build it freely.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// An empty folder, for a test that writes its whole site.
    pub fn empty() -> Site {
        Site {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&src, dir.path());
        Site { dir }
    }

    /// The bundled sample portal (`content/`, `data/`, `static/`, `site.toml`), unbuilt.
    pub fn sample() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for folder in ["content", "data", "static"] {
            copy_dir(&repo.join(folder), &dir.path().join(folder));
        }
        fs::copy(repo.join("site.toml"), dir.path().join("site.toml")).unwrap();
        Site { dir }
    }

    /// [`Site::sample`] with its UI in `language` (`zh-CN`, as shipped, or `en`).
    pub fn sample_in(language: &str) -> Site {
        let site = Site::sample();
        let config = fs::read_to_string(site.root().join("site.toml")).unwrap();
        let config = config.replace(
            "language = \"zh-CN\"",
            &format!("language = \"{language}\""),
        );
        assert!(config.contains(&format!("language = \"{language}\"")));
        site.write("site.toml", config);
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Sets a YAML front matter field of project `project`'s index.md to `value`, as
    /// written (the line `field: …` must be there).
    pub fn set_project_field(&self, project: &str, field: &str, value: &str) {
        let rel = format!("content/projects/{project}/index.md");
        let text = fs::read_to_string(self.root().join(&rel)).unwrap();
        let prefix = format!("{field}: ");
        let changed: Vec<String> = text
            .lines()
            .map(|l| match l.starts_with(&prefix) {
                true => format!("{prefix}{value}"),
                false => l.to_string(),
            })
            .collect();
        self.write(&rel, changed.join("\n") + "\n");
    }

    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.root().join(rel)).unwrap();
    }

    pub fn build(&self) -> Result<BuildReport, BuildFailure> {
        pmo_portal::build(&Options::new(self.root()), &Silent)
    }

    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(report) => report,
            Err(failure) => panic!("build failed:\n{}", messages(&failure)),
        }
    }

    /// Builds expecting success; the one-line form of each warning.
    pub fn warnings(&self) -> Vec<String> {
        let report = self.build_ok();
        report.warnings.iter().map(ToString::to_string).collect()
    }

    /// Builds expecting failure; returns all messages, one per line block.
    pub fn build_err(&self) -> String {
        match self.build() {
            Ok(_) => panic!("the build should have failed"),
            Err(failure) => messages(&failure),
        }
    }

    /// `pmo build --all-audiences`, which must succeed: what it printed.
    pub fn build_all_audiences(&self) -> String {
        let out = pmo(&[
            "--root",
            self.root().to_str().unwrap(),
            "build",
            "--all-audiences",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out)
    }

    /// `pmo build --audience NAME`, which must succeed: what it printed.
    pub fn build_audience(&self, name: &str) -> String {
        let out = pmo(&[
            "--root",
            self.root().to_str().unwrap(),
            "build",
            "--audience",
            name,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out)
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).exists()
    }

    /// The data a built index file (`rel` under `search/`, e.g. `meta.js`) hands to
    /// the index's callback (`_pmo`).
    pub fn index_data(&self, rel: &str) -> serde_json::Value {
        let text = self.read(&format!("search/{rel}"));
        let start = text.find(',').unwrap() + 1;
        let end = text.rfind(");").unwrap();
        serde_json::from_str(&text[start..end]).unwrap()
    }
}

/// The basic fixture with `text` written at `rel`, built expecting failure: the messages.
/// A failed build must write nothing.
/// A closed CRM project beside the `basic` fixture's ERP, at `CRM_PROJECT_FILE`: its
/// lessons are related to ERP's when their texts are alike.
pub const CRM_PROJECT_FILE: &str = "content/projects/crm/index.md";
pub const CRM_PROJECT: &str = "---\ntitle: CRM 推广\nstatus: closed\n---\n\nCRM 项目已收尾。\n";
/// Where [`crm_lesson`] goes.
pub const CRM_LESSON_FILE: &str = "content/lessons/crm-report.md";

/// A lesson of the CRM project with `body`: about training, unlike the fixture's lessons
/// until the body says otherwise.
pub fn crm_lesson(body: &str) -> String {
    format!(
        "---\ntitle: 周末培训安排\ndate: 2024-06-01\nproject: crm\nphase: execution\n\
         category: 采购管理\nimpact: negative\ntags: [培训]\n---\n\n{body}\n"
    )
}

/// Where [`restricted_lesson`] goes.
pub const RESTRICTED_LESSON_FILE: &str = "content/lessons/secret.md";

/// A lesson of the `basic` fixture's ERP project that only `pmo` may see, whose text
/// holds `marker`: what must not leak to a lower audience.
pub fn restricted_lesson(marker: &str) -> String {
    format!(
        "---\ntitle: 机密教训\ndate: 2024-01-01\nproject: erp\nphase: planning\n\
         impact: positive\naudience: pmo\n---\n\n{marker} 绝密内容\n"
    )
}

/// The `basic` fixture with audiences `public` and `pmo`, and [`restricted_lesson`].
pub fn with_restricted_lesson(marker: &str) -> Site {
    let site = Site::fixture("basic");
    let config = fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("audiences = [\"public\", \"pmo\"]\n{config}"),
    );
    site.write(RESTRICTED_LESSON_FILE, restricted_lesson(marker));
    site
}

pub fn failing(rel: &str, text: impl AsRef<[u8]>) -> String {
    let site = Site::fixture("basic");
    site.write(rel, text);
    let message = site.build_err();
    assert!(!site.public().exists(), "nothing may be written");
    message
}

pub fn messages(failure: &BuildFailure) -> String {
    failure
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, for comparing whole builds (pmo's marker of
/// its own folders aside: the in-memory site of `serve` has none).
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path() != dir.join(pmo_portal::MARKER))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// All `href`/`src` values in an HTML page.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let after = &rest[i + attr.len()..];
            let end = after.find('"').unwrap_or(after.len());
            out.push(after[..end].to_string());
            rest = &after[end..];
        }
    }
    out
}

/// Panics unless `xml` is well-formed with balanced elements.
pub fn assert_well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML: {e}"),
        }
    }
    assert_eq!(depth, 0, "unbalanced elements");
    // XML 1.0's `Char`: a parser that checks it (a feed reader's) refuses the whole file
    // for one character outside it.
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
            || c >= '\u{10000}'
    };
    if let Some((at, c)) = xml.char_indices().find(|&(_, c)| !allowed(c)) {
        panic!("not well-formed XML: U+{:04X} at byte {at}", c as u32);
    }
}

/// Headless Chromium in the given fresh profile, with none of
/// its background traffic; the caller adds what to do.
pub fn chromium_command(profile: &tempfile::TempDir) -> std::process::Command {
    let mut command = std::process::Command::new(chromium());
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()));
    command
}

/// `page` (a file) printed to PDF by headless Chromium, without its header and footer:
/// the PDF's bytes.
pub fn print_to_pdf(page: &Path) -> Vec<u8> {
    let profile = tempfile::tempdir().unwrap();
    let pdf = profile.path().join("printed.pdf");
    let out = chromium_command(&profile)
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    fs::read(&pdf).unwrap_or_else(|_| panic!("no PDF: {}", String::from_utf8_lossy(&out.stderr)))
}

/// The headless browser for the browser tests. A missing browser fails the test rather
/// than skipping it, so CI cannot pass without looking.
pub fn chromium() -> String {
    for candidate in ["chromium", "chromium-browser", "google-chrome"] {
        if std::process::Command::new("which")
            .arg(candidate)
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return candidate.to_string();
        }
    }
    panic!("headless Chromium is needed for the browser tests: apt-get install -y chromium");
}

/// Loads `url` in headless Chromium with `budget_ms` of virtual time, and returns what
/// the page wrote into `<body data-probe>` (unescaped).
pub fn chromium_probe(url: &str, width_height: &str, budget_ms: u32) -> String {
    chromium_probe_with(url, width_height, budget_ms, &[])
}

/// [`chromium_probe`] with more Chromium flags.
pub fn chromium_probe_with(
    url: &str,
    width_height: &str,
    budget_ms: u32,
    flags: &[&str],
) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = chromium_command(&profile)
        .args(flags)
        .arg(format!("--window-size={width_height}"))
        .arg(format!("--virtual-time-budget={budget_ms}"))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom.find("data-probe=\"").unwrap_or_else(|| {
        panic!(
            "the probe did not run:\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let rest = &dom[start + 12..];
    rest[..rest.find('"').unwrap()]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every HTML page of `public` without the Content-Security-Policy pmo states in it, so
/// that a test of the build's own checks (the sanitizer, the escaping) sees what they
/// let through, not what the browser then refuses (`tests/injection_15.rs` tests that).
pub fn without_policy(public: &Path) {
    let meta = format!(
        "\n<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        pmo_portal::page_policy()
    );
    for page in html_pages(public) {
        let path = public.join(page);
        let html = fs::read_to_string(&path).unwrap();
        if html.contains(&meta) {
            fs::write(&path, html.replacen(&meta, "", 1)).unwrap();
        }
    }
}

/// Writes `harness` (a page that visits `pages` URLs and reports `{pages, found}` in its
/// `data-probe`) into `public`, serves the folder and runs it in Chromium: what it found.
pub fn harness_findings(
    public: &Path,
    harness: &str,
    pages: usize,
    requests: usize,
    budget_ms: u32,
) -> Vec<String> {
    fs::write(public.join("__harness.html"), harness).unwrap();
    let port = static_server(public.to_path_buf(), requests);
    let report = chromium_probe(
        &format!("http://127.0.0.1:{port}/__harness.html"),
        "1280,1000",
        budget_ms,
    );
    // Not left in the output: the next build would take it for a file added by hand.
    fs::remove_file(public.join("__harness.html")).unwrap();
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["pages"].as_u64(), Some(pages as u64));
    report["found"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap_or("?").to_string())
        .collect()
}

/// Runs the `pmo` binary with `args`, colours off, messages in English (the fixtures'
/// sites are in Chinese; tests that check Chinese messages use [`pmo_in`]).
pub fn pmo(args: &[&str]) -> std::process::Output {
    pmo_in("en", args)
}

/// Runs the `pmo` binary with `args` and messages in `lang` (`PMO_LANG`); an empty
/// `lang` leaves the choice to the site.
pub fn pmo_in(lang: &str, args: &[&str]) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"));
    command.args(args).env("NO_COLOR", "1");
    if lang.is_empty() {
        command.env_remove("PMO_LANG");
    } else {
        command.env("PMO_LANG", lang);
    }
    command.output().unwrap()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The HTML files under `public`, relative to it, sorted.
pub fn html_pages(public: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(public)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(public)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    pages.sort();
    pages
}

/// The site-root URL path of the output file at `rel`, each byte but unreserved ones
/// percent-encoded (as a browser sends a Chinese or hostile file name).
pub fn url_path(rel: &str) -> String {
    let parts: Vec<String> = rel
        .split('/')
        .map(|part| {
            part.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect()
        })
        .collect();
    format!("/{}", parts.join("/"))
}

/// Decodes `%XX` escapes in a URL path or query.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A minimal static file server on 127.0.0.1 for the http:// tests. It answers a bounded
/// number of requests, then its thread ends.
pub fn static_server(root: std::path::PathBuf, requests: usize) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests).flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let target = line.split_whitespace().nth(1).unwrap_or("/");
            let path = target.split(['?', '#']).next().unwrap_or("/");
            let path = percent_decode(path.trim_start_matches('/'));
            let mut file = root.join(&path);
            if file.is_dir() {
                file = file.join("index.html");
            }
            let mut stream = &stream;
            match std::fs::read(&file) {
                Ok(body) if !path.contains("..") => {
                    let kind = match file.extension().and_then(|e| e.to_str()) {
                        Some("html") => "text/html; charset=utf-8",
                        Some("js") => "text/javascript; charset=utf-8",
                        Some("css") => "text/css; charset=utf-8",
                        Some("svg") => "image/svg+xml",
                        Some("xml") => "application/xml",
                        // As IIS serves it; Chromium opens one from a file share so too.
                        Some("xsd") => "text/xml",
                        // No type at all, as Apache sends for a name it has none for:
                        // the browser sniffs what the file is.
                        Some("dat") => "",
                        _ => "application/octet-stream",
                    };
                    let kind = if kind.is_empty() {
                        String::new()
                    } else {
                        format!("Content-Type: {kind}\r\n")
                    };
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\n{kind}Content-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(&body);
                }
                _ => {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    );
                }
            }
        }
    });
    port
}

/// The path of one of the theme's scripts, as a JavaScript string literal for `require`.
pub fn theme_js(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes/default/static/js")
        .join(name);
    format!("{:?}", path.display().to_string())
}

/// Runs `script` under `node -e` with `args`; its stdout, once it exited cleanly.
pub fn node_eval(script: &str, args: &[&str]) -> Vec<u8> {
    let output = std::process::Command::new("node")
        .arg("-e")
        .arg(script)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("could not run `node` ({e}): install Node.js 18 or newer"));
    assert!(
        output.status.success(),
        "node failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// A Chinese site with search on, holding `pages` (`(path, text)`), built.
pub fn zh_search_site(pages: &[(&str, &str)]) -> Site {
    let site = Site::empty();
    site.write(
        "site.toml",
        "title = \"PMO 门户\"\nlanguage = \"zh-CN\"\nsearch = true\n",
    );
    for (path, text) in pages {
        site.write(path, text);
    }
    site.build_ok();
    site
}

/// Runs every query through the search client (the browser's JavaScript) under node;
/// one JSON object per query.
pub fn search_client(site: &Site, queries: &serde_json::Value) -> Vec<serde_json::Value> {
    search_client_in(&site.public().join("search"), queries)
}

/// Runs each query of `table` on the built `site` and checks that its page comes first.
pub fn assert_first(site: &Site, table: &[(&str, &str)]) {
    let queries: Vec<&str> = table.iter().map(|(q, _)| *q).collect();
    let r = search_client(site, &serde_json::json!(queries));
    for ((q, first), res) in table.iter().zip(&r) {
        assert_eq!(
            result_urls(res).first().map(String::as_str),
            Some(*first),
            "{q}: {}",
            serde_json::to_string_pretty(&res["results"]).unwrap()
        );
    }
}

/// The URLs of a [`search_client`] answer's results, in order.
pub fn result_urls(res: &serde_json::Value) -> Vec<String> {
    res["results"]
        .as_array()
        .expect("a search_client answer has results")
        .iter()
        .map(|r| r["url"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The files a query of [`search_client`] asked for, round by round.
pub fn search_rounds(res: &serde_json::Value) -> Vec<Vec<String>> {
    res["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|round| {
            round
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

/// Twelve risk registers writing 风险 (a common bigram: in a quarter of the pages or
/// more), one practice writing 供应商延期风险 and one writing 供应商延期 without 风险:
/// the run 供应商延期风险 leaves 风险's list unloaded at first and settles with it.
pub fn write_long_run_pages(site: &Site) {
    for i in 0..12 {
        site.write(
            &format!("content/practices/risk-{i}.md"),
            format!(
                "---\ntitle: 登记册第{i}册\n---\n\n风险登记册每周更新，风险负责人跟踪应对措施。\n"
            ),
        );
    }
    site.write(
        "content/practices/vendor-exact.md",
        "---\ntitle: 甲\n---\n\n识别供应商延期风险，并提前准备备选方案。\n",
    );
    site.write(
        "content/practices/vendor-no-risk.md",
        "---\ntitle: 丙\n---\n\n供应商交付延期，上线推迟两周。供应商延期已经多次。\n",
    );
}

/// [`search_client`] over the index in `search` (a built site's `search/` folder).
pub fn search_client_in(search: &Path, queries: &serde_json::Value) -> Vec<serde_json::Value> {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search_client.mjs");
    let output = std::process::Command::new("node")
        .arg(&script)
        .arg(search)
        .arg(queries.to_string())
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "could not run `node` ({e}): the search tests run the JavaScript client under \
                 node; install Node.js 18 or newer and make sure `node` is on the PATH"
            )
        });
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "node tests/search_client.mjs failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect();
    assert_eq!(
        lines.len(),
        queries.as_array().unwrap().len(),
        "one line per query:\n{stdout}"
    );
    lines
}

/// Panics unless a report of tests/chart_labels.js (`{charts, texts, …}`) measured at
/// least `charts` charts and `texts` labels: a probe that found none would pass any check.
pub fn assert_measured(found: &serde_json::Value, charts: u64, texts: u64, context: &str) {
    let count = |key: &str| found[key].as_u64().unwrap_or(0);
    assert!(
        count("charts") >= charts && count("texts") >= texts,
        "{context}: {found}"
    );
}

/// `serve`'s files in memory equal a clean build with `options` (its output is set here).
pub fn assert_clean(workspace: &pmo_portal::Workspace, mut options: Options, after: &str) {
    let out = tempfile::tempdir().unwrap();
    options.output = Some(out.path().join("public"));
    if let Err(f) = pmo_portal::build(&options, &Silent) {
        panic!("clean build failed:\n{}", messages(&f));
    }
    let clean = snapshot(&out.path().join("public"));
    let files = workspace.files();
    let files = pmo_portal::read_files(&files);
    let mut memory: Vec<(String, Vec<u8>)> =
        files.iter().map(|(p, b)| (p.clone(), b.to_vec())).collect();
    memory.sort();
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&memory),
        names(&clean),
        "after {after}: file lists differ"
    );
    for ((path, a), (_, b)) in memory.iter().zip(&clean) {
        assert!(
            a == b,
            "after {after}: {path} differs from a clean build\n--- memory\n{}\n--- clean\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
}

/// The text of a page outside tags, scripts and styles, with its attributes that people
/// see or hear (`title`, `aria-label`, `alt`, `placeholder`).
pub fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let tag_end = rest[open..].find('>').map_or(rest.len(), |e| open + e + 1);
        let tag = &rest[open..tag_end];
        for attr in ["title=\"", "aria-label=\"", "alt=\"", "placeholder=\""] {
            if let Some(at) = tag.find(attr) {
                let value = &tag[at + attr.len()..];
                text.push(' ');
                text.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                text.push(' ');
            }
        }
        rest = &rest[tag_end..];
        for raw in ["script", "style"] {
            if tag.starts_with(&format!("<{raw}")) {
                let close = format!("</{raw}>");
                rest = rest.find(&close).map_or("", |c| &rest[c + close.len()..]);
            }
        }
    }
    text.push_str(rest);
    text
}

/// The warnings `pmo serve` shows once the site settled after `rel` was saved as `text`.
pub fn serve_warnings_after_saving(
    workspace: &mut pmo_portal::Workspace,
    site: &Site,
    rel: &str,
    text: &str,
) -> Vec<String> {
    site.write(rel, text);
    let rebuild = workspace
        .rebuild([workspace.root().join(rel)])
        .unwrap_or_else(|f| panic!("{}", messages(&f)));
    let settled = workspace
        .settle_all()
        .unwrap_or_else(|f| panic!("{}", messages(&f)));
    let last = settled
        .into_iter()
        .filter_map(|s| s.warnings)
        .last()
        .or(rebuild.warnings)
        .expect("the warnings were looked at again");
    last.iter().map(ToString::to_string).collect()
}
