//! Script injection, the fifteenth hunt: defence in depth. Should a script ever get past
//! the build's checks, the browser is told not to run it: `pmo serve` sends every answer
//! with `X-Content-Type-Options: nosniff` and a Content-Security-Policy that allows the
//! site's own script files and nothing inline, and the theme's pages need no inline
//! script to work under it.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use common::server::Server;
use common::Site;

/// The CSP header of an answer (headers come lowercased).
fn policy(head: &str) -> &str {
    let start = head
        .find("content-security-policy: ")
        .unwrap_or_else(|| panic!("no Content-Security-Policy:\n{head}"));
    let rest = &head[start + 25..];
    &rest[..rest.find("\r\n").unwrap_or(rest.len())]
}

/// Every answer of serve — a page, a script, a stylesheet, a missing page, a redirect,
/// the live-reload script, a refused host and a refused cross-site request — carries
/// `nosniff` and the site's policy.
#[test]
fn every_answer_of_serve_carries_nosniff_and_the_sites_policy() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &["--port", "0"]);
    let answers = [
        server.get("/"),
        server.get("/lessons"),
        server.get("/css/style.css"),
        server.get("/js/search-ui.js"),
        server.get("/no/such/page/"),
        server.get("/__pmo/live.js"),
        server.get_as("/", "evil.example"),
        server.get_with(
            "/search/meta.js",
            "127.0.0.1",
            &[
                ("Sec-Fetch-Site", "cross-site"),
                ("Sec-Fetch-Mode", "no-cors"),
            ],
        ),
    ];
    let statuses: Vec<u16> = answers.iter().map(|(s, _, _)| *s).collect();
    assert_eq!(statuses, [200, 301, 200, 200, 404, 200, 421, 403]);
    for (status, head, _) in &answers {
        assert!(
            head.contains("x-content-type-options: nosniff"),
            "{status}: {head}"
        );
        let csp = policy(head);
        for part in [
            "default-src 'self'",
            "script-src 'self' 'sha256-",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ] {
            assert!(csp.contains(part), "{status}: {part} missing from {csp}");
        }
        let scripts = csp.split(';').find(|d| d.contains("script-src")).unwrap();
        assert!(
            !scripts.contains("unsafe-inline") && !scripts.contains("unsafe-eval"),
            "{csp}"
        );
    }
}

/// A site that trusts its authors' HTML runs their inline scripts: its policy leaves
/// scripts alone, and says so again when site.toml changes its mind while serving.
#[test]
fn a_site_that_trusts_its_authors_html_runs_their_scripts_under_serve() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}trust_html = true\n"));
    let server = Server::start(site.root(), &["--port", "0"]);
    let (_, head, _) = server.get("/");
    let csp = policy(&head).to_string();
    assert!(
        !csp.contains("script-src") && !csp.contains("default-src"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'self'"), "{csp}");
    assert!(head.contains("x-content-type-options: nosniff"), "{head}");

    let events = server.events();
    site.write("site.toml", config);
    events.wait_for("reload");
    let (_, head, _) = server.get("/");
    assert!(policy(&head).contains("script-src 'self'"), "{head}");
}

/// Waits for the one request the probe makes to `listener` and returns its query,
/// decoded. (Chromium's `--dump-dom` never prints a page that serve's event stream
/// keeps loading.) The probe reports by loading an image: the policy lets a page load
/// images from other hosts, not fetch from them.
fn report_to(listener: TcpListener) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut line = String::new();
            let _ = BufReader::new(&stream).read_line(&mut line);
            let _ = write!(
                stream,
                "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"
            );
            let target = line.split(' ').nth(1).unwrap_or("");
            if let Some(query) = target.strip_prefix("/result?") {
                let _ = tx.send(common::percent_decode(query));
            }
        }
    });
    rx
}

/// What a page the preview serves runs in Chromium under the policy: the theme's script
/// files, serve's live-reload script and the redirect of an old address all run (the
/// browser opens the old address and lands on the page, `#fragment` kept); an inline
/// script of a site's own template, a handler attribute and a `javascript:` link do not.
/// (The build lets no author write those; a template of the site's own is where a page
/// can hold them, so that is where the test plants them.)
#[test]
fn under_the_policy_the_theme_works_and_inline_script_does_not_run() {
    let site = Site::fixture("basic");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let reports = report_to(listener);
    plant_probe(&site, &format!("http://127.0.0.1:{port}/result?"));
    let server = Server::start(site.root(), &["--port", "0"]);
    let profile = tempfile::tempdir().unwrap();
    let mut browser = common::chromium_command(&profile)
        .args(["--window-size=1280,900", "--remote-debugging-port=0"])
        .arg(server.url("/old/about/#team"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let found = reports.recv_timeout(Duration::from_secs(60));
    let _ = browser.kill();
    let _ = browser.wait();
    let found: serde_json::Value =
        serde_json::from_str(&found.expect("the probe never reported")).unwrap();
    assert_eq!(
        found,
        serde_json::json!({
            "inline": false, "handler": false, "link": false,
            "search": "object", "live": true, "at": "/about/#team", "home": "../"
        })
    );
}

/// A page (`content/about.md`, at `/about/`, once at `/old/about/`) whose template, a
/// file of the site's own, holds an inline script, a handler and a `javascript:` link,
/// and a probe script (a file, `probe.js`) that reports what ran: into the page's
/// `data-probe`, and to `report` (an address the found JSON is appended to) if not empty.
fn plant_probe(site: &Site, report: &str) {
    site.write(
        "content/about.md",
        "---\ntitle: 关于项目管理办公室\naliases: [old/about/]\n---\n\n我们是谁。\n",
    );
    site.write(
        "static/probe.js",
        "setTimeout(function () {\n\
           var a = document.getElementById('js-link');\n\
           a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));\n\
           setTimeout(function () {\n\
             var found = JSON.stringify({\n\
               inline: !!window.__inline, handler: !!window.__handler, link: !!window.__link,\n\
               search: typeof window.PmoSearch, live: window.__pmoLive === true,\n\
               at: location.pathname.replace(/^.*\\/about\\//, '/about/') + location.hash,\n\
               home: document.querySelector('a.site-title').getAttribute('href')\n\
             });\n\
             document.body.dataset.probe = found;\n\
             if (REPORT) new Image().src = REPORT + encodeURIComponent(found);\n\
           }, 300);\n\
         }, 800);\n"
            .replace("REPORT", &serde_json::to_string(report).unwrap()),
    );
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>{{ page.title }}</h1>\
         <script>window.__inline = true;</script>\
         <img src=\"x\" onerror=\"window.__handler = true\">\
         <a id=\"js-link\" href=\"javascript:window.__link = true\">链接</a>\
         <script src=\"{{ root }}probe.js\" defer></script>{% endblock content %}\n",
    );
}

/// The built site states the policy in each page itself, so it holds from a file share
/// and on a server whose admin added no header: in Chromium, opened from a file, the
/// theme's scripts run (search, the file-share link fix) and the template's inline
/// script, handler and `javascript:` link do not.
#[test]
fn the_built_pages_state_the_policy_themselves() {
    let site = Site::fixture("basic");
    plant_probe(&site, "");
    site.build_ok();
    let page = site.read("about/index.html");
    let meta = format!(
        "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        pmo_portal::page_policy()
    );
    assert!(page.contains(&meta), "{page}");
    let url = format!("file://{}/about/index.html", site.public().display());
    let found: serde_json::Value =
        serde_json::from_str(&common::chromium_probe(&url, "1280,900", 5000)).unwrap();
    assert_eq!(
        found,
        serde_json::json!({
            "inline": false, "handler": false, "link": false,
            "search": "object", "live": false, "at": "/about/index.html",
            "home": "../index.html"
        })
    );
    // A site that trusts its authors' HTML states none: their scripts are theirs.
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}trust_html = true\n"));
    site.build_ok();
    assert!(!site
        .read("about/index.html")
        .contains("Content-Security-Policy"));
}

/// The headers the README asks nginx and IIS to send are the policy pmo states.
#[test]
fn the_readme_gives_admins_the_policy_pmo_states() {
    let readme = include_str!("../README.md");
    let policy = pmo_portal::content_security_policy();
    assert_eq!(
        readme
            .matches(&format!("Content-Security-Policy \"{policy}\" always;"))
            .count(),
        1,
        "nginx: {policy}"
    );
    assert_eq!(
        readme
            .matches(&format!(
                "name=\"Content-Security-Policy\" value=\"{policy}\" />"
            ))
            .count(),
        1,
        "IIS: {policy}"
    );
}

/// A link whose text holds a right-to-left override or a zero-width space shows other
/// text than it says: the build warns at the character's line and column, in a link of
/// either form, and leaves links without one alone.
#[test]
fn link_text_that_shows_otherwise_than_written_is_warned_at_the_character() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/deceptive.md",
        "---\ntitle: 供应商门户链接\ndate: 2024-05-02\nproject: erp\nphase: execution\n\
         impact: negative\n---\n\n请登录[供应商门户 https://pmo.example.com\u{202E}moc.evil//:sptth](https://evil.example.com)。\n\n\
         另见 [https://pmo.example.com\u{200B}](https://evil.example.com/x)。\n\n\
         正常的[项目章程](https://pmo.example.com/charter)与 [U&#x202E;gnp.exe][r]。\n\n\
         [r]: https://evil.example.com/y\n",
    );
    let warnings: Vec<String> = site
        .warnings()
        .into_iter()
        .filter(|w| w.contains("deceptive.md") && w.contains("link's text"))
        .collect();
    let told = warnings.join("\n");
    assert_eq!(warnings.len(), 3, "{told}");
    // Line 9, after `请登录[供应商门户 https://pmo.example.com` (33 characters).
    assert!(told.contains("deceptive.md:9:34"), "{told}");
    assert!(told.contains("U+202E") && told.contains("U+200B"), "{told}");
    assert!(told.contains("deceptive.md:11:"), "{told}");
    assert!(told.contains("deceptive.md:13:"), "{told}");
}
