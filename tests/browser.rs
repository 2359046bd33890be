//! What only a browser can show: that the charts of a built page are laid out and drawn.
//! Runs Debian's headless Chromium (`.ci/run` installs it); a missing browser fails the
//! test rather than skipping it, so CI cannot pass without looking.

mod common;

use std::process::Command;

use common::Site;

fn chromium() -> String {
    for candidate in ["chromium", "chromium-browser", "google-chrome"] {
        if Command::new("which")
            .arg(candidate)
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return candidate.to_string();
        }
    }
    panic!("headless Chromium is needed for the browser tests: apt-get install -y chromium");
}

/// Loads `page` in Chromium, runs `probe` (JavaScript that returns a string) after the
/// page loaded, and returns what it wrote into `<body data-probe>`.
fn probe(site: &Site, page: &str, probe: &str) -> String {
    let path = site.public().join(page);
    let html = std::fs::read_to_string(&path).unwrap();
    let script = format!(
        "<script>window.addEventListener('load', () => {{ document.body.dataset.probe = (() => {{ {probe} }})(); }});</script></body>"
    );
    let probed = path.with_file_name("probe.html");
    std::fs::write(&probed, html.replacen("</body>", &script, 1)).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1280,2000",
            "--virtual-time-budget=3000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", probed.display()))
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
    rest[..rest.find('"').unwrap()].to_string()
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
