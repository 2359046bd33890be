//! What only a browser can show: that the charts of a built page are laid out and drawn.
//! Runs Debian's headless Chromium (`.ci/run` installs it); a missing browser fails the
//! test rather than skipping it, so CI cannot pass without looking.

mod common;

use common::{chromium_command, percent_decode, Site};

/// Loads `page` in Chromium (from file://, or over http:// from a server on 127.0.0.1
/// when `server` is given), runs `probe` — JavaScript returning a value or a Promise —
/// after the page loaded, and returns what it wrote into `<body data-probe>`.
fn probe_at(site: &Site, page: &str, query: &str, server: Option<u16>, probe: &str) -> String {
    let path = site.public().join(page);
    let html = std::fs::read_to_string(&path).unwrap();
    let script = format!(
        "<script>window.addEventListener('load', () => {{ Promise.resolve((async () => {{ {probe} }})()).then(v => {{ document.body.dataset.probe = v; }}, e => {{ document.body.dataset.probe = 'error: ' + e; }}); }});</script></body>"
    );
    let probed = path.with_file_name("probe.html");
    std::fs::write(&probed, html.replacen("</body>", &script, 1)).unwrap();
    let rel = probed
        .strip_prefix(site.public())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let url = match server {
        Some(port) => format!("http://127.0.0.1:{port}/{rel}{query}"),
        None => format!("file://{}{query}", probed.display()),
    };
    let profile = tempfile::tempdir().unwrap();
    let out = chromium_command(&profile)
        .args([
            "--window-size=1280,2000",
            "--virtual-time-budget=8000",
            "--dump-dom",
        ])
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
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
}

fn probe(site: &Site, page: &str, script: &str) -> String {
    probe_at(site, page, "", None, script)
}

/// A minimal static file server on 127.0.0.1 for the http:// tests. It answers a bounded
/// number of requests, then its thread ends.
fn serve(root: std::path::PathBuf) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(500).flatten() {
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
                        _ => "application/octet-stream",
                    };
                    let _ = write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
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

fn search_site() -> Site {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}search = true\n"));
    site.build_ok();
    site
}

/// Waits until `check()` is true in the page (polling), or gives up after `ms`.
const WAIT: &str = "const wait = async (check, ms = 4000) => { const t0 = Date.now(); while (!check() && Date.now() - t0 < ms) { await new Promise(r => setTimeout(r, 50)); } };";

#[test]
fn the_results_page_finds_chinese_and_english_over_file_and_http() {
    let site = search_site();
    let port = serve(site.public());
    let script = format!(
        "{WAIT} await wait(() => document.querySelectorAll('#search-results li').length > 0 \
           && !document.getElementById('search-app').hasAttribute('aria-busy')); \
         const titles = [...document.querySelectorAll('#search-results li a')].map(a => a.textContent.trim()); \
         const chips = document.querySelectorAll('#search-facets button, #search-facets a, #search-facets input').length; \
         return titles.join('|') + ' chips=' + chips;"
    );
    for server in [None, Some(port)] {
        let result = probe_at(&site, "search/index.html", "?q=供应商", server, &script);
        let first = result.split('|').next().unwrap_or("");
        assert!(
            first.contains("供应商交付延期导致里程碑滑移"),
            "{server:?}: {result}"
        );
        let chips: usize = result.rsplit("chips=").next().unwrap().parse().unwrap();
        assert!(chips > 0, "facet chips: {result}");
        let result = probe_at(&site, "search/index.html", "?q=depart", server, &script);
        assert!(
            result.contains("Key users in every department"),
            "{server:?}: {result}"
        );
    }
}

#[test]
fn the_header_box_shows_results_as_you_type_with_keyboard_navigation() {
    let site = search_site();
    let script = format!(
        "{WAIT} const input = document.getElementById('site-search-q'); \
         input.focus(); input.value = '风险'; input.dispatchEvent(new Event('input', {{bubbles: true}})); \
         const list = document.getElementById('site-search-results'); \
         await wait(() => !list.hidden && list.querySelectorAll('[role=option]').length > 0); \
         const options = list.querySelectorAll('[role=option]').length; \
         input.dispatchEvent(new KeyboardEvent('keydown', {{key: 'ArrowDown', bubbles: true}})); \
         await new Promise(r => setTimeout(r, 50)); \
         const active = input.getAttribute('aria-activedescendant') || ''; \
         const selected = active ? document.getElementById(active).getAttribute('aria-selected') : ''; \
         input.dispatchEvent(new KeyboardEvent('keydown', {{key: 'Escape', bubbles: true}})); \
         await new Promise(r => setTimeout(r, 50)); \
         return [options, selected, list.hidden].join(',');"
    );
    let result = probe(&site, "lessons/vendor-delay/index.html", &script);
    let parts: Vec<&str> = result.split(',').collect();
    assert!(
        parts[0].parse::<usize>().unwrap_or(0) >= 2,
        "options: {result}"
    );
    assert_eq!(parts[1], "true", "ArrowDown selects an option: {result}");
    assert_eq!(parts[2], "true", "Escape closes the list: {result}");
}

#[test]
fn project_charts_are_drawn_and_visible() {
    let site = Site::fixture("basic");
    site.build_ok();
    // For each chart: its rendered width and height, and how many marks it draws.
    let result = probe(
        &site,
        "projects/erp/index.html",
        "return [...document.querySelectorAll('figure.chart svg')].map(s => { \
           const r = s.getBoundingClientRect(); \
           return [Math.round(r.width), Math.round(r.height), s.querySelectorAll('path, polyline, rect, circle').length].join('x'); \
         }).join(' ');",
    );
    let charts: Vec<Vec<u32>> = result
        .split(' ')
        .map(|c| c.split('x').map(|n| n.parse().unwrap()).collect())
        .collect();
    assert_eq!(charts.len(), 4, "{result}");
    for chart in &charts {
        assert!(chart[0] >= 300, "chart too narrow: {result}");
        assert!(chart[1] >= 150, "chart too flat: {result}");
        assert!(chart[2] >= 4, "chart draws nothing: {result}");
    }
}

#[test]
fn chinese_labels_render_as_text_the_browser_lays_out() {
    let site = Site::fixture("basic");
    site.build_ok();
    // The slip chart's milestone names are SVG text with a real width in the browser.
    let result = probe(
        &site,
        "projects/erp/index.html",
        "const t = [...document.querySelectorAll('#milestone-slip svg text')].find(t => t.textContent.includes('上线')); \
         return t ? String(Math.round(t.getComputedTextLength())) : 'missing';",
    );
    let width: f64 = result.parse().unwrap_or_else(|_| panic!("{result}"));
    assert!(width > 10.0, "{result}");
}

#[test]
fn links_to_folders_open_their_index_page_from_a_file_share() {
    let site = Site::fixture("basic");
    site.build_ok();
    let result = probe(
        &site,
        "lessons/vendor-delay/index.html",
        "return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).filter(h => h.startsWith('../')).join(' ');",
    );
    assert!(
        result.contains("../../practices/risk/register/index.html"),
        "{result}"
    );
    assert!(!result.split(' ').any(|h| h.ends_with('/')), "{result}");
}
