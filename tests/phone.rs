//! The sample portal on a 390 px phone, in Chromium (issue 17 point 4): no page scrolls
//! sideways, every chart fits its column, and every chart label is at least 11 px on the
//! screen and clear of the others.
//!
//! Headless Chromium will not make its window narrower than 500 px, so each page is loaded
//! into a 390 px wide frame of a driver page (over http, so the driver can look inside).

mod common;

use common::{assert_measured, chromium_probe, static_server, Site};

/// The driver: loads each of `pages` into a `width` × 844 frame in turn, runs
/// tests/chart_labels.js inside, and reports what is wrong with each as JSON.
fn driver(pages: &[String], width: u32) -> String {
    let list = serde_json::to_string(pages).unwrap();
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>phone</title></head><body style="margin:0">
<iframe id="phone" width="{width}" height="844" style="border:0"></iframe>
<script>
const pages = {list};
const frame = document.getElementById('phone');
const load = (src) => new Promise(done => {{ frame.onload = () => setTimeout(done, 50); frame.src = src; }});
(async () => {{
  const problems = [];
  let charts = 0, texts = 0;
  for (const page of pages) {{
    await load(page);
    const win = frame.contentWindow, doc = frame.contentDocument;
    const root = doc.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push([page, 'scrolls sideways', root.scrollWidth]);
    // A heading wrapped a character a line (未完成行动 as five lines in a column of
    // dashes) made the register's header row a block of white. Two lines are fine.
    for (const head of doc.querySelectorAll('thead tr')) {{
      if (!head.checkVisibility()) continue;
      const size = parseFloat(win.getComputedStyle(head).fontSize);
      if (head.getBoundingClientRect().height > size * 5) problems.push([page, 'table heading wraps a character a line', head.textContent.replace(/\s+/g, ' ').trim()]);
    }}
    // Search results: the filters leave room for results on the first screen, each
    // group showing its most frequent values and "N more".
    const facets = doc.getElementById('search-facets');
    if (facets && page.includes('?q=')) {{
      for (let t = 0; t < 40 && facets.hidden; t++) await new Promise(done => setTimeout(done, 50));
      if (facets.hidden) problems.push([page, 'search filters never shown', 0]);
      for (const group of facets.querySelectorAll('.facet')) {{
        const shown = [...group.querySelectorAll('.chip')].filter(c => c.checkVisibility()).length;
        if (shown > 9) problems.push([page, 'a filter group shows all its values', shown]);
      }}
    }}
    // On a desktop the header is one row: the title, the menu and the search box side by
    // side, none of them pushed below or cut.
    const header = doc.querySelector('.site-header-inner');
    if ({width} >= 1240 && header) {{
      const boxes = [...header.children, ...header.querySelectorAll('.site-nav li')].map(c => c.getBoundingClientRect());
      const middle = boxes[0].top + boxes[0].height / 2;
      if (boxes.some(b => b.top > middle || b.bottom < middle)) problems.push([page, 'header wraps at ' + {width} + ' px', header.getBoundingClientRect().height]);
    }}
    // Narrower, it degrades to two rows: the title still on one line, and from 900 px
    // the menu's entries on one row of their own.
    if ({width} >= 700 && {width} < 1240 && header) {{
      const title = header.querySelector('.site-title');
      const lines = title.getBoundingClientRect().height / parseFloat(win.getComputedStyle(title).lineHeight);
      if (lines > 1.5) problems.push([page, 'site title wraps at ' + {width} + ' px', title.textContent]);
      const tops = new Set([...header.querySelectorAll('.site-nav li')].map(li => Math.round(li.getBoundingClientRect().top)));
      if ({width} >= 900 && tops.size > 1) problems.push([page, 'menu wraps at ' + {width} + ' px', tops.size]);
    }}
    // On a desktop a list of projects fits its column: its table scrolled inside its box
    // when a row said its data were stale and in doubt (1284 px of table at 1280). So
    // does the lessons register, whose English badges and dates took 18 px too many.
    if ({width} >= 1280) {{
      for (const wrap of doc.querySelectorAll('.table-wrap')) {{
        if (wrap.checkVisibility() && wrap.querySelector('.stale-mark, table.register') && wrap.scrollWidth > wrap.clientWidth + 1) problems.push([page, 'table scrolls sideways at ' + {width} + ' px', wrap.scrollWidth]);
      }}
    }}
    for (const svg of doc.querySelectorAll('svg.chart')) {{
      if (!svg.checkVisibility()) continue;
      const r = svg.getBoundingClientRect(), box = svg.parentElement.getBoundingClientRect();
      if (r.width > box.width + 0.5 || r.right > root.clientWidth) problems.push([page, 'chart wider than its column', Math.round(r.width)]);
    }}
    // A file of the site's own origin, as the pages' Content-Security-Policy allows
    // (it refuses eval and inline script).
    await new Promise(done => {{ const s = doc.createElement('script'); s.src = '/__chart_labels.js'; s.onload = done; s.onerror = done; doc.head.appendChild(s); }});
    const found = JSON.parse(win.chartLabels(11));
    charts += found.charts; texts += found.texts;
    for (const s of found.smallest) problems.push([page, 'label under 11 px', s]);
    for (const o of found.overlaps) problems.push([page, 'labels overlap', o]);
    for (const o of found.outside) problems.push([page, 'label outside its chart', o]);
  }}
  document.body.dataset.probe = JSON.stringify({{pages: pages.length, charts, texts, problems}});
}})();
</script></body></html>"#
    )
}

/// Every page at 390 px; the pages with charts (and the home page, for the header) at
/// 1280 px too.
#[test]
fn every_page_of_the_sample_portal_fits_a_phone_with_legible_charts() {
    for language in ["zh-CN", "en"] {
        let site = Site::sample_in(language);
        site.build_ok();
        let mut pages: Vec<String> = walkdir::WalkDir::new(site.public())
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .map(|p| {
                let rel = p.strip_prefix(site.public()).unwrap();
                format!("/{}", rel.to_string_lossy().replace('\\', "/"))
            })
            .collect();
        pages.push("/search/index.html?q=%E9%A3%8E%E9%99%A9".into());
        let found = run_driver(&site, &pages, 390);
        assert!(
            found["pages"].as_u64().unwrap() >= 70,
            "{language}: {found}"
        );
        assert_measured(&found, 20, 300, language);
        assert_no_problems(&found, language);
        // On a desktop, too, no chart label is under 11 px (the two-column chart grids).
        let with_charts: Vec<String> = pages
            .into_iter()
            .filter(|p| {
                let file = site.public().join(p.trim_start_matches('/'));
                p == "/index.html"
                    || std::fs::read_to_string(file)
                        .is_ok_and(|h| h.contains("class=\"chart-svg\""))
            })
            .collect();
        let found = run_driver(&site, &with_charts, 1280);
        assert_measured(&found, 20, 300, language);
        assert_no_problems(&found, &format!("{language} at 1280 px"));
    }
}

/// A project whose figures stopped long ago and are in doubt, with a long department
/// name: its row on the dashboard carries both marks, in each language, and the table
/// of all projects still fits a 1280 px window (it scrolled sideways in its box).
#[test]
fn a_stale_and_doubtful_project_fits_the_dashboard_on_a_desktop() {
    for language in ["zh-CN", "en"] {
        let site = Site::sample_in(language);
        // Figures through March 2024 (stale by the sample's as_of) planning 300,000 of a
        // 900,000 budget (a doubt), with a long department name.
        site.write(
            "content/projects/doubtful-rollout/index.md",
            "---\ntitle: Regional warehouse management system rollout\ncode: PRJ-2024-099\n\
             start: 2024-01-01\nfinish: 2026-12-31\nstatus: active\nbac: 900000\n\
             department: Supply Chain Digital Transformation Office\n---\n\nRollout.\n",
        );
        site.write(
            "content/projects/doubtful-rollout/budget.csv",
            "period,pv,ev,ac\n2024-01,100000,90000,110000\n2024-02,100000,95000,105000\n2024-03,100000,80000,120000\n",
        );
        site.build_ok();
        let dashboard =
            std::fs::read_to_string(site.public().join("dashboard/index.html")).unwrap();
        let at = dashboard
            .find("projects/doubtful-rollout/")
            .expect("the project listed");
        let row = &dashboard[at..at + dashboard[at..].find("</tr>").unwrap()];
        assert_eq!(
            row.matches("class=\"stale-mark").count(),
            2,
            "{language}: {row}"
        );
        let found = run_driver(&site, &["/dashboard/index.html".into()], 1280);
        assert_no_problems(&found, &format!("{language} at 1280 px"));
    }
}

/// The English starter site's header (a three-word title, six menu entries) wrapped at
/// 1280 px: its title over two lines and "Tags" on a second menu row. It is one row at
/// 1280 and 1240 px (a scroll bar beside it), and two rows with the title on one line at 1024, 900 and 768 px, in
/// both languages' starter sites and the sample portal; at 1280 px a scroll bar beside
/// it, the English lessons register fits its column.
#[test]
fn the_header_fits_a_desktop_and_degrades_to_two_rows() {
    let english = Site::empty();
    let chinese = Site::empty();
    for (site, lang) in [(&english, "en"), (&chinese, "zh")] {
        let root = site.root().to_str().unwrap();
        let out = common::pmo(&["init", "--lang", lang, root]);
        assert!(out.status.success(), "{}", common::stderr(&out));
        site.build_ok();
    }
    let sample = Site::sample_in("zh-CN");
    sample.build_ok();
    let sample_en = Site::sample_in("en");
    sample_en.build_ok();
    for (site, name) in [
        (&english, "en starter"),
        (&chinese, "zh starter"),
        (&sample, "zh sample"),
        (&sample_en, "en sample"),
    ] {
        for width in [1280, 1240, 1024, 900, 768] {
            let pages = ["/index.html".into(), "/lessons/index.html".into()];
            let found = run_driver(site, &pages, width);
            assert_no_problems(&found, &format!("{name} at {width} px"));
        }
    }
}

/// Runs the driver at `width` over `pages` of the built `site`.
fn run_driver(site: &Site, pages: &[String], width: u32) -> serde_json::Value {
    let driver_page = format!("driver-{width}.html");
    std::fs::write(site.public().join(&driver_page), driver(pages, width)).unwrap();
    std::fs::write(
        site.public().join("__chart_labels.js"),
        include_str!("chart_labels.js"),
    )
    .unwrap();
    let port = static_server(site.public(), 20_000);
    let url = format!("http://127.0.0.1:{port}/{driver_page}");
    let result = chromium_probe(&url, &format!("{},900", width.max(500) + 20), 120_000);
    serde_json::from_str(&result).unwrap_or_else(|e| panic!("{e}: {result}"))
}

fn assert_no_problems(found: &serde_json::Value, context: &str) {
    let problems = found["problems"].as_array().unwrap();
    assert!(
        problems.is_empty(),
        "{context}: {} problems:\n{}",
        problems.len(),
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}
