//! `pmo serve` in a real browser: a save reloads the open page where it was scrolled to, a
//! broken save shows the errors over the page and the fix clears them, and a stylesheet
//! is swapped without a reload. Headless Chromium loads a probe page (served by `pmo
//! serve` itself) that shows the lesson in an iframe and asks the test, over a second
//! small server, to make each edit when the page is ready for it. The broken save holds
//! markup, which the overlay must show as text.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use common::server::Server;
use common::{chromium_command, percent_decode, Site};

const LESSON: &str = "content/lessons/vendor-delay.md";

fn lesson(body: &str) -> String {
    // Long enough to scroll.
    let filler: String = (1..=60)
        .map(|i| format!("第 {i} 段：与供应商逐周核对接口清单。\n\n"))
        .collect();
    format!(
        "---\ntitle: 供应商交付延期导致里程碑滑移\ndate: 2024-03-18\nproject: erp\nphase: execution\n\
         category: 采购管理\nimpact: negative\ntags: [供应商, 进度]\n---\n\n{body}\n\n{filler}"
    )
}

/// Answers the probe's requests by editing the site: `/edit`, `/break`, `/fix`, `/css`.
/// The probe reports on `/result?<json>`. (Chromium's `--dump-dom` cannot be used here: it
/// prints the page at its load event, or with a virtual time budget never, as the
/// live-reload event stream stays open.)
fn edit_server(root: PathBuf, results: mpsc::Sender<String>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        // One thread per connection: browsers open spare connections they may never use.
        for stream in listener.incoming().flatten() {
            let (root, results) = (root.clone(), results.clone());
            std::thread::spawn(move || answer(stream, &root, &results));
        }
    });
    port
}

fn answer(mut stream: TcpStream, root: &Path, results: &mpsc::Sender<String>) {
    let mut line = String::new();
    if BufReader::new(&stream).read_line(&mut line).is_err() {
        return;
    }
    let write = |rel: &str, text: String| {
        let file = root.join(rel);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    };
    let target = line.split(' ').nth(1).unwrap_or("");
    if let Some(result) = target.strip_prefix("/result?") {
        let _ = results.send(percent_decode(result));
    }
    match target {
        "/edit" => write(LESSON, lesson("第二版正文：保存后自动刷新。")),
        // The broken line is quoted in the overlay: as text, never as markup.
        "/break" => write(
            LESSON,
            "---\ntitle: [<img src=x onerror=parent.__pwned=1><b id=bold>\n---\n正文\n".to_string(),
        ),
        "/fix" => write(LESSON, lesson("修好了：错误层消失。")),
        "/css" => write(
            "static/css/style.css",
            format!(
                "{}\nbody {{ outline: 3px solid rgb(1, 2, 3); }}\n",
                include_str!("../themes/default/static/css/style.css")
            ),
        ),
        _ => {}
    }
    no_content(&mut stream);
}

fn no_content(stream: &mut TcpStream) {
    let _ = write!(
        stream,
        "HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n"
    );
}

/// The probe page: its scripts are files, as serve's Content-Security-Policy runs no
/// inline script.
const PROBE: &str = r#"<!doctype html><html><head><meta charset="utf-8"><title>probe</title></head>
<body><script src="/probe-first.js"></script><iframe id="f" src="/lessons/vendor-delay/" style="width:1000px;height:600px"></iframe>
<script src="/probe.js"></script></body></html>"#;

/// Run before serve's live-reload script, which serve adds to the probe page too: only
/// the lesson in the frame should reload, so the page claims to have it already.
const PROBE_FIRST: &str = "window.__pmoLive = true;\n";

/// The probe's steps. It asks for each edit by loading an image from the edit server:
/// the policy lets a page load images from other hosts, not fetch from them.
const PROBE_JS: &str = r#"
const edit = (what) => { new Image().src = "http://127.0.0.1:EDIT_PORT/" + what; };
const frame = document.getElementById("f");
let loads = 0;
frame.addEventListener("load", () => { loads++; });
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(test, what) {
  for (let i = 0; i < 300; i++) {
    try { const v = test(); if (v) return v; } catch (e) {}
    await wait(50);
  }
  let state = "";
  try {
    state = " (loads " + loads + ", live script " + !!frame.contentWindow.__pmoLive +
      ", text " + JSON.stringify(text().slice(0, 80)) + ")";
  } catch (e) { state = " (" + e + ")"; }
  throw new Error("timed out waiting for " + what + state);
}
const text = () => frame.contentDocument.body.textContent;
(async () => {
  await until(() => loads >= 1 && text().includes("第 60 段"), "the lesson");
  await wait(300); // the page's event stream connects
  frame.contentWindow.scrollTo(0, 500);
  const before = frame.contentWindow.scrollY;
  edit("edit");
  await until(() => loads >= 2 && text().includes("第二版正文"), "a reload after the save");
  await wait(200);
  const after = frame.contentWindow.scrollY;
  edit("break");
  const overlay = await until(() => frame.contentDocument.getElementById("pmo-serve-overlay"), "the error overlay");
  const report = overlay.textContent;
  await wait(200);
  const injected = !!overlay.querySelector("img, b") || !!window.__pwned;
  const stillOld = text().includes("第二版正文");
  edit("fix");
  await until(() => loads >= 3 && text().includes("修好了"), "a reload after the fix");
  const cleared = !frame.contentDocument.getElementById("pmo-serve-overlay");
  // What the fix left owed (related lessons …) may reload the page once more.
  await wait(1500);
  const loadsBeforeCss = loads;
  edit("css");
  const body = () => frame.contentWindow.getComputedStyle(frame.contentDocument.body);
  await until(() => body().outlineColor === "rgb(1, 2, 3)", "the new stylesheet");
  await wait(300);
  return JSON.stringify({ before, after, report, injected, stillOld, cleared, loadsBeforeCss, loadsAfterCss: loads });
})().then((v) => v,
          (e) => "error: " + e.message)
  .then((v) => edit("result?" + encodeURIComponent(v)));
"#;

#[test]
fn saves_reload_the_page_and_broken_saves_show_the_overlay() {
    let site = Site::fixture("basic");
    site.write(LESSON, lesson("第一版正文。"));
    let (tx, results) = mpsc::channel();
    let edit_port = edit_server(site.root().to_path_buf(), tx);
    site.write("static/probe.html", PROBE);
    site.write("static/probe-first.js", PROBE_FIRST);
    site.write(
        "static/probe.js",
        PROBE_JS.replace("EDIT_PORT", &edit_port.to_string()),
    );
    let server = Server::start(site.root(), &["--port", "0"]);

    let profile = tempfile::tempdir().unwrap();
    let mut browser = chromium_command(&profile)
        .args(["--window-size=1280,1000", "--remote-debugging-port=0"])
        .arg(server.url("/probe.html"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let result = results.recv_timeout(Duration::from_secs(90));
    let _ = browser.kill();
    let _ = browser.wait();
    let result = result.expect("the probe page never reported");
    let log: Vec<String> = server.log.try_iter().collect();
    assert!(
        !result.starts_with("error"),
        "{result}\nserve said:\n{}",
        log.join("\n")
    );
    let v: serde_json::Value = serde_json::from_str(&result).unwrap();
    let before = v["before"].as_f64().unwrap();
    assert!(before > 100.0, "the page did not scroll: {v}");
    assert!(
        (v["after"].as_f64().unwrap() - before).abs() < 2.0,
        "scroll position lost on reload: {v}"
    );
    let report = v["report"].as_str().unwrap();
    assert!(
        report.contains("content/lessons/vendor-delay.md:2:"),
        "{report}"
    );
    assert!(report.contains("<img src=x onerror"), "{report}");
    assert_eq!(
        v["injected"],
        serde_json::Value::Bool(false),
        "the overlay ran the broken line as HTML: {v}"
    );
    // The overlay's own words are in the site's language (the fixture's is zh-CN).
    assert!(
        report.contains("构建失败") && !report.contains("the build failed"),
        "{report}"
    );
    assert!(
        v["stillOld"].as_bool().unwrap(),
        "a broken save replaced the page"
    );
    assert!(
        v["cleared"].as_bool().unwrap(),
        "the fix left the overlay: {v}"
    );
    assert_eq!(
        v["loadsAfterCss"], v["loadsBeforeCss"],
        "a stylesheet change reloaded the page: {v}"
    );
}
