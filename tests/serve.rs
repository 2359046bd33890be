//! `pmo serve` end to end: a real server on a free port, real edits on disk, and the HTML
//! and live-reload events it sends back.

mod common;

use std::fs;
use std::time::Duration;

use common::server::Server;
use common::{crm_lesson, Site, CRM_LESSON_FILE, CRM_PROJECT, CRM_PROJECT_FILE};

const LESSON: &str = "content/lessons/vendor-delay.md";
const LESSON_URL: &str = "/lessons/vendor-delay/";

fn lesson(body: &str) -> String {
    format!(
        "---\ntitle: 供应商交付延期导致里程碑滑移\ndate: 2024-03-18\nproject: erp\nphase: execution\n\
         category: 采购管理\nimpact: negative\ntags: [供应商, 进度]\nseverity: high\nstatus: closed\n\
         id: LL-2024-001\n---\n\n{body}\n"
    )
}

#[test]
fn serves_from_memory_with_the_live_script_and_only_on_loopback() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &["--port", "0"]);

    let (status, head, body) = server.get("/");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(head.contains("cache-control: no-store"), "{head}");
    assert!(body.contains("<script src=\"/__pmo/live.js\" defer></script></body>"));
    assert!(!site.public().exists(), "serve must not write public/");

    let (status, head, _) = server.get("/lessons");
    assert_eq!(status, 301);
    assert!(head.contains("location: /lessons/"), "{head}");
    let (status, _, body) = server.get("/tags/%E4%BE%9B%E5%BA%94%E5%95%86/");
    assert_eq!(status, 200);
    assert!(body.contains("供应商"));
    let (status, _, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("/__pmo/live.js"));
    let (status, head, _) = server.get("/__pmo/live.js");
    assert_eq!(status, 200);
    assert!(head.contains("text/javascript"));
    // Search is on by default in serve as in build: the box and its index are served.
    assert!(body.contains("site-search-q"));
    let (status, _, meta) = server.get("/search/meta.js");
    assert_eq!(status, 200);
    assert!(meta.starts_with("_pmo(\"meta\""), "{meta}");

    // Links in the sitemap point at this server.
    assert!(server
        .body("/sitemap.xml")
        .contains(&format!("http://127.0.0.1:{}/lessons/", server.port)));
    // Nothing listens on the machine's other addresses.
    if let Some(ip) = outward_ip() {
        let reached = std::net::TcpStream::connect_timeout(
            &std::net::SocketAddr::new(ip, server.port),
            Duration::from_millis(500),
        );
        assert!(reached.is_err(), "serve answered on {ip}");
    }
}

/// Bound to every address (`--bind 0.0.0.0`, to let a colleague in), serve printed
/// `serving http://0.0.0.0:1111/`, which no other machine's browser opens, and the feed
/// linked there: it names this machine's address for others, and the feed uses it.
#[test]
fn bound_to_every_address_it_names_the_address_colleagues_open() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &["--port", "0", "--bind", "0.0.0.0"]);
    assert_eq!(server.get("/").0, 200);
    let feed = server.body("/atom.xml");
    assert!(!feed.contains("0.0.0.0"), "{feed}");
    if let Some(ip) = outward_ip() {
        let line = server.log_line("other machines open");
        let url = format!("http://{ip}:{}/", server.port);
        assert!(line.contains(&url), "{line}");
        assert!(line.contains("--allow-host"), "{line}");
        assert!(feed.contains(&url), "{feed}");
    }
}

/// DNS rebinding: a page on `evil.example` that points its name at 127.0.0.1 must not
/// be able to read the preview; and a redirect never leaves the server.
#[test]
fn only_its_own_host_names_are_answered_and_redirects_stay_on_it() {
    let site = Site::fixture("basic");
    let server = Server::start(
        site.root(),
        &["--port", "0", "--allow-host", "pmo.intranet"],
    );
    let port = server.port;
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("pmo.intranet:{port}"),
    ] {
        assert_eq!(server.get_as("/", &host).0, 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        "evil.example".to_string(),
    ] {
        let (status, _, body) = server.get_as("/", &host);
        assert_eq!(status, 421, "{host}");
        assert!(body.contains("--allow-host"), "{body}");
        assert!(!body.contains("<html"), "{body}");
        let (status, _, _) = server.get_as("/__pmo/events", &host);
        assert_eq!(status, 421, "{host}");
    }
    for path in ["//lessons", "///lessons"] {
        let (status, head, _) = server.get(path);
        assert_eq!(status, 301, "{path}");
        assert!(head.contains("location: /lessons/\r\n"), "{path}: {head}");
    }
}

/// Any web page open in the author's browser could load the preview's search index and
/// register data as scripts (`<script src="http://127.0.0.1:1111/search/x/0-0.js">`)
/// with a `PmoSearch` of its own, and so read the text of every page the preview shows,
/// the highest audience's included (the ninth hunt for script): the `Host:` check lets
/// these in, as the browser names the server itself. What another site's page asks for
/// is refused; following a link to the preview still opens it.
#[test]
fn another_site_cannot_read_the_preview_through_script_tags() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &["--port", "0"]);
    let asked_by = |site: &str, mode: &str| {
        [
            ("Sec-Fetch-Site", site.to_string()),
            ("Sec-Fetch-Mode", mode.to_string()),
            (
                "Sec-Fetch-Dest",
                if mode == "navigate" {
                    "document"
                } else {
                    "script"
                }
                .to_string(),
            ),
        ]
    };
    let get = |path: &str, site: &str, mode: &str| {
        let headers = asked_by(site, mode);
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        server.get_with(path, "127.0.0.1", &headers)
    };
    // Each file's call to the client: the search index's `_pmo`, the register's PmoRegister.
    for (path, call) in [
        ("/search/meta.js", "_pmo("),
        ("/lessons/data-0.js", "PmoRegister"),
    ] {
        for from in ["cross-site", "same-site"] {
            let (status, _, body) = get(path, from, "no-cors");
            assert_eq!(status, 403, "{path} from {from}");
            assert!(!body.contains(call), "{body}");
        }
        let (status, head, body) = get(path, "same-origin", "no-cors");
        assert_eq!(status, 200, "{path}");
        assert!(body.contains(call), "{body}");
        assert!(
            head.contains("cross-origin-resource-policy: same-origin"),
            "{head}"
        );
    }
    assert_eq!(get("/lessons/", "cross-site", "navigate").0, 200);
    assert_eq!(get("/lessons/", "none", "navigate").0, 200);

    // In Chromium: a page on localhost, another site than 127.0.0.1, loads them.
    let elsewhere = tempfile::tempdir().unwrap();
    let base = server.url("");
    fs::write(
        elsewhere.path().join("evil.html"),
        format!(
            "<!doctype html><body><script>var got = [];\
             window._pmo = function (n) {{ got.push(n); }};\
             window.PmoRegister = {{ chunk: function (n) {{ got.push('data-' + n); }}, facets: function () {{}} }};</script>\
             <script src=\"{base}/search/meta.js\"></script>\
             <script src=\"{base}/search/x/0-0.js\"></script>\
             <script src=\"{base}/lessons/data-0.js\"></script>\
             <script>window.addEventListener('load', function () {{ document.body.dataset.probe = 'read: ' + got.join(','); }});</script></body>"
        ),
    )
    .unwrap();
    let port = common::static_server(elsewhere.path().to_path_buf(), 10);
    let read = common::chromium_probe(
        &format!("http://localhost:{port}/evil.html"),
        "800,600",
        5000,
    );
    assert_eq!(read, "read: ", "another site read the preview");
}

#[test]
fn edits_of_every_kind_reach_the_browser() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &["--port", "0"]);
    let events = server.events();

    // A lesson, saved the way many editors do: a temporary file renamed over it.
    site.write(
        "content/lessons/.vendor-delay.md.tmp",
        lesson("第一次修改的正文。"),
    );
    fs::rename(
        site.root().join("content/lessons/.vendor-delay.md.tmp"),
        site.root().join(LESSON),
    )
    .unwrap();
    events.wait_for("reload");
    assert!(server.body(LESSON_URL).contains("第一次修改的正文"));

    // A template (a site override of the theme's).
    let theme = include_str!("../themes/default/templates/lesson.html");
    site.write(
        "templates/lesson.html",
        theme.replacen(
            "{% block content %}",
            "{% block content %}<p>模板标记</p>",
            1,
        ),
    );
    events.wait_for("reload");
    assert!(server.body(LESSON_URL).contains("模板标记"));

    // A stylesheet: swapped in place, no reload.
    site.write("static/css/style.css", "body { color: #123456; }\n");
    let data = events.wait_for("css");
    assert!(data.contains("css/style.css"), "{data}");
    assert!(server.body("/css/style.css").contains("#123456"));

    // A project's data file.
    let before = server.body("/projects/erp/");
    let budget = fs::read_to_string(site.root().join("content/projects/erp/budget.csv")).unwrap();
    site.write(
        "content/projects/erp/budget.csv",
        budget.replace("1100000", "1500000"),
    );
    events.wait_for("reload");
    assert_ne!(server.body("/projects/erp/"), before);

    // A delete, then a rename.
    site.remove("content/lessons/key-user.md");
    events.wait_for("reload");
    assert_eq!(server.get("/lessons/key-user/").0, 404);
    fs::rename(
        site.root().join("content/lessons/data-migration.md"),
        site.root().join("content/lessons/migration-lessons.md"),
    )
    .unwrap();
    events.wait_for("reload");
    assert_eq!(server.get("/lessons/data-migration/").0, 404);
    assert_eq!(server.get("/lessons/migration-lessons/").0, 200);

    // A page in a brand-new folder.
    site.write(
        "content/practices/quality/checklist.md",
        "---\ntitle: 质量检查清单\n---\n\n新文件夹里的页面。\n",
    );
    events.wait_for("reload");
    assert!(server
        .body("/practices/quality/checklist/")
        .contains("新文件夹里的页面"));
}

/// A save reloads at once; the related lessons found again afterwards change another
/// lesson's page, which an `update` naming it reloads where it is open.
#[test]
fn related_lessons_follow_the_reload_and_update_the_pages_they_change() {
    let site = Site::fixture("basic");
    site.write(CRM_PROJECT_FILE, CRM_PROJECT);
    let other = |body: &str| crm_lesson(&format!("培训安排在周末。\n\n{body}"));
    site.write(CRM_LESSON_FILE, other("另行通知。"));
    let server = Server::start(site.root(), &["--port", "0"]);
    assert!(!server.body(LESSON_URL).contains("/lessons/crm-report/"));
    let events = server.events();

    site.write(
        CRM_LESSON_FILE,
        other("供应商接口延期三周，里程碑滑移，培训也推迟了。"),
    );
    events.wait_for("reload");
    let update = events.wait_for("update");
    assert!(
        update.contains("lessons/vendor-delay/index.html"),
        "{update}"
    );
    assert!(server.body(LESSON_URL).contains("/lessons/crm-report/"));
}

#[test]
fn a_broken_save_keeps_the_last_good_site_and_the_fix_clears_the_errors() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &["--port", "0"]);
    let events = server.events();
    let good = server.body(LESSON_URL);

    site.write(LESSON, "---\ntitle: [unclosed\n---\n正文\n");
    let data = events.wait_for("broken");
    assert!(
        data.contains("content/lessons/vendor-delay.md:2:"),
        "{data}"
    );
    assert_eq!(server.body(LESSON_URL), good);
    let failed = server.log_line("build failed");
    assert!(
        failed.contains("still serving the last good version"),
        "{failed}"
    );
    // A browser opened now learns of the errors at once.
    let late = server.hello();
    assert!(late.contains("vendor-delay.md:2:"), "{late}");

    site.write(LESSON, lesson("修好了。"));
    events.wait_for("fixed");
    events.wait_for("reload");
    assert!(server.body(LESSON_URL).contains("修好了"));
}

/// The overlay speaks the site's language, as the command line does.
#[test]
fn the_overlay_shows_errors_in_the_sites_language() {
    let site = Site::fixture("basic");
    let server = Server::start_with(
        site.root(),
        &["--port", "0"],
        &[("PMO_LANG", std::ffi::OsStr::new(""))],
    );
    let events = server.events();
    site.write(
        LESSON,
        "---\ntitle: 日期\ndate: 2024-02-30\nproject: erp\nphase: execution\nimpact: negative\n---\n正文\n",
    );
    let data = events.wait_for("broken");
    assert!(data.contains("不是日期"), "{data}");
    assert!(data.contains("vendor-delay.md:3:"), "{data}");
}

/// Sanity warnings reach the browser beside the page: a budget save that makes the
/// plan miss the BAC is announced with its file and line, and a page opened later is
/// greeted with it.
#[test]
fn a_budget_save_that_raises_a_warning_shows_it_in_the_browser() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &["--port", "0"]);
    let hello = server.hello();
    assert!(
        hello.contains("erp/index.md:11:9"),
        "the first build's warnings: {hello}"
    );
    let events = server.events();
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1000000,900000,1000000\n2024-03,2200000,1000000,1100000\n",
    );
    let data = events.wait_for("warnings");
    assert!(
        data.contains("erp/budget.csv:3:1"),
        "the missing month: {data}"
    );
    events.wait_for("reload");
    assert!(server.hello().contains("month(s) missing"));
}

/// A date that is a map of Chinese text once panicked the rebuild thread, after which
/// no save was picked up. Now it is an error like any other, and the fix is picked up.
#[test]
fn a_date_of_multibyte_text_is_reported_and_the_next_save_is_picked_up() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &["--port", "0"]);
    let events = server.events();
    site.write(
        LESSON,
        "---\ntitle: 日期\ndate: {a: 中文中文中文中文}\nproject: erp\nphase: execution\nimpact: negative\n---\n正文\n",
    );
    let data = events.wait_for("broken");
    assert!(data.contains("vendor-delay.md:3:"), "{data}");
    site.write(LESSON, lesson("日期修好了。"));
    events.wait_for("fixed");
    events.wait_for("reload");
    assert!(server.body(LESSON_URL).contains("日期修好了"));
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let site = Site::fixture("basic");
    let first = Server::start(site.root(), &["--port", "0"]);
    let port = first.port.to_string();
    let second = Server::start(site.root(), &["--port", &port]);
    assert_ne!(second.port, first.port);
    second.log_line(&format!("port {port} is taken"));
    assert_eq!(second.get("/").0, 200);
}

/// `--open` hands the address to the desktop's opener (`xdg-open` on Linux): here a
/// script on `PATH` that writes down what it was given.
#[cfg(target_os = "linux")]
#[test]
fn open_hands_the_address_to_the_desktop_opener() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::fixture("basic");
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened");
    let opener = bin.path().join("xdg-open");
    // Written aside, then renamed: the test never reads a half-written file.
    let script = format!(
        "#!/bin/sh\nprintf '%s' \"$1\" > '{0}.part' && mv '{0}.part' '{0}'\n",
        opened.display()
    );
    fs::write(&opener, script).unwrap();
    fs::set_permissions(&opener, fs::Permissions::from_mode(0o755)).unwrap();
    let mut path = std::ffi::OsString::from(bin.path());
    path.push(":");
    path.push(std::env::var_os("PATH").unwrap_or_default());
    let server = Server::start_with(site.root(), &["--port", "0", "--open"], &[("PATH", &path)]);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !opened.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let url = fs::read_to_string(&opened).expect("xdg-open was not run");
    assert_eq!(url.trim_end_matches('/'), server.url(""));

    // No opener at all: serving goes on, and the log says where to go.
    let empty = tempfile::tempdir().unwrap();
    let server = Server::start_with(
        site.root(),
        &["--port", "0", "--open"],
        &[("PATH", empty.path().as_os_str())],
    );
    let line = server.log_line("could not open a browser");
    assert!(line.contains(&server.url("")), "{line}");
    assert_eq!(server.get("/").0, 200);
}

/// This machine's address on its default route, if it has one (a UDP "connect" sends
/// nothing; it only picks the interface).
fn outward_ip() -> Option<std::net::IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("10.255.255.255:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

/// Started in a folder with no site.toml (the wrong folder, or one inside the site),
/// serve kept running and served nothing but 404s; it ends with the error `build` gives.
#[test]
fn serve_where_there_is_no_site_ends_with_the_folder_to_use() {
    let site = Site::fixture("basic");
    let lessons = site.root().join("content/lessons");
    let out = serve_until_it_ends(&lessons, &["serve", "--port", "0"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("there is no site.toml"), "{err}");
    assert!(err.contains("cd ../.."), "{err}");
    assert!(!err.contains("serving"), "{err}");
}

/// `--audience intenral` kept serve running on a page of errors that no save could
/// mend (the third walk-through): it ends with the error, as `build` does.
#[test]
fn serve_with_an_audience_the_site_lacks_ends_with_the_error() {
    let site = Site::fixture("basic");
    let out = serve_until_it_ends(
        site.root(),
        &["serve", "--port", "0", "--audience", "intenral"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--audience"), "{err}");
    assert!(err.contains("intenral"), "{err}");
}

/// `pmo` run with `args` in `dir`, which must end within 20 seconds.
fn serve_until_it_ends(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
        .args(args)
        .current_dir(dir)
        .env("PMO_LANG", "en")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("serve kept running: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn serve_starts_on_a_broken_site_and_builds_it_once_fixed() {
    let site = Site::fixture("basic");
    let toml = fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{toml}paginat = 3\n"));
    let server = Server::start(site.root(), &["--port", "0"]);
    // No good version to fall back on: the terminal does not claim one (it did).
    let failed = server.log_line("build failed");
    assert!(
        failed.contains("nothing is served until a build succeeds"),
        "{failed}"
    );
    let hello = server.hello();
    assert!(hello.contains("site.toml"), "{hello}");
    // Not a bare "not found" (the new-user walk-through): a page in the messages'
    // language (PMO_LANG=en here) that loads the live script, so the errors show over it
    // and the fix replaces it.
    let (status, head, body) = server.get("/lessons/");
    assert_eq!(status, 503);
    assert!(head.contains("text/html"), "{head}");
    assert!(body.contains("<html lang=\"en\">"), "{body}");
    assert!(body.contains("has not been built yet"), "{body}");
    assert!(body.contains("/__pmo/live.js"), "{body}");

    let events = server.events();
    site.write("site.toml", toml);
    events.wait_for("reload");
    assert!(server.body("/").contains("测试门户"));
    assert!(!server.hello().contains("errors"));
}

#[test]
fn aliases_are_served_and_follow_edits() {
    let site = Site::fixture("basic");
    let with_aliases = |aliases: &str| {
        lesson("供应商接口延期三周。").replacen(
            "id: LL-2024-001\n",
            &format!("id: LL-2024-001\naliases: {aliases}\n"),
            1,
        )
    };
    site.write(LESSON, with_aliases("[/lessons/旧地址/]"));
    let server = Server::start(site.root(), &["--port", "0"]);
    let events = server.events();
    let (status, _, body) = server.get("/lessons/%E6%97%A7%E5%9C%B0%E5%9D%80/");
    assert_eq!(status, 200);
    assert!(body.contains("url=../../lessons/vendor-delay/"), "{body}");

    // Moved to another old address: the first goes, the new one answers.
    site.write(LESSON, with_aliases("/legacy/vendor.html"));
    events.wait_for("reload");
    assert_eq!(server.get("/lessons/%E6%97%A7%E5%9C%B0%E5%9D%80/").0, 404);
    let (status, head, body) = server.get("/legacy/vendor.html");
    assert_eq!(status, 200);
    assert!(head.contains("text/html"), "{head}");
    assert!(body.contains("url=../lessons/vendor-delay/"), "{body}");
}

/// `nohup pmo serve &` or `pmo serve > serve.log` in the site folder: each failed rebuild
/// writes its errors into a file the watcher sees. Neither a log beside site.toml (not
/// something the build reads) nor one under `content/` (an attachment) may start
/// rebuild after rebuild, each printing the same errors into the log again.
#[test]
fn a_log_in_the_site_folder_does_not_rebuild_a_broken_site_for_ever() {
    for log in ["serve.log", "nohup.out", "content/serve.log"] {
        let site = Site::fixture("basic");
        let out = fs::File::create(site.root().join(log)).unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pmo"))
            .arg("--root")
            .arg(site.root())
            .args(["serve", "--port", "0"])
            .env("PMO_LANG", "en")
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(out)
            .spawn()
            .unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
        assert!(line.contains("http://"), "{line}");
        std::thread::sleep(Duration::from_millis(500));

        site.write(
            LESSON,
            lesson("阶段写错了。").replace("phase: execution", "phase: exec"),
        );
        let failures = || {
            fs::read_to_string(site.root().join(log))
                .unwrap()
                .matches("build failed")
                .count()
        };
        std::thread::sleep(Duration::from_secs(2));
        let early = failures();
        std::thread::sleep(Duration::from_secs(2));
        let late = failures();
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!((early, late), (1, 1), "{log}: one save, one failure");
    }
}
