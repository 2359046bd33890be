//! A page as it prints on A4, in Chromium: the print stylesheet's rules are switched on
//! for the screen (their `@media print` made `all` through the CSSOM, which the pages'
//! Content-Security-Policy allows) in a frame as wide as an A4 page between the margins,
//! and the page is measured there. The tenth new-user walk-through printed a lesson moved
//! in from Confluence: a long line of SQL in a code block was cut off at the paper's edge.

mod common;

use common::{chromium_probe, static_server, Site};

/// 210 mm less the print stylesheet's 16 mm margins, at 96 px to the inch.
const A4_TEXT_WIDTH: u32 = 673;

const LONG_LESSON: &str = "---\ntitle: 来料检验标准不一致导致返工\ndate: 2024-06-01\nproject: erp\nphase: execution\nimpact: negative\n---\n\n\
## 背景\n\n详见[供应商延期](vendor-delay.md)与外部标准 [GB/T 2828.1 抽样检验](https://std.example.cn/gb/2828)，旧页面 <https://wiki.example.cn/pmo/来料?a=1&b=2>。\n\n\
```\nSELECT batch_id, supplier_name, material_code, inspected_at, defect_count FROM incoming_inspection WHERE defect_count > 0 ORDER BY inspected_at DESC;\n```\n\n\
<table>\n<tr><th>阶段</th><th>负责人</th><th>说明</th></tr>\n\
<tr><td rowspan=\"2\">采购</td><td>张伟</td><td>询价</td></tr>\n\
<tr><td colspan=\"2\">比价与定标，并在定标后五个工作日内完成合同评审和签署</td></tr>\n</table>\n";

/// The driver: loads `page` into an A4-wide frame, turns the print rules on, and reports
/// what would not print whole.
fn driver(page: &str) -> String {
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>print</title></head><body style="margin:0">
<iframe id="paper" width="{A4_TEXT_WIDTH}" height="1100" style="border:0"></iframe>
<script>
const frame = document.getElementById('paper');
frame.onload = () => setTimeout(() => {{
  const win = frame.contentWindow, doc = frame.contentDocument;
  for (const sheet of doc.styleSheets) {{
    for (const rule of sheet.cssRules) {{
      if (rule.media && rule.media.mediaText.includes('print')) rule.media.mediaText = 'all';
    }}
  }}
  const problems = [];
  const edge = doc.documentElement.clientWidth;
  for (const el of doc.querySelectorAll('main pre, main table, main p, main li')) {{
    if (!el.checkVisibility()) continue;
    const box = el.getBoundingClientRect();
    if (box.right > edge + 1) problems.push(['past the edge', el.tagName, Math.round(box.right)]);
    if (el.scrollWidth > el.clientWidth + 1) problems.push(['cut off', el.tagName, el.scrollWidth, el.clientWidth]);
  }}
  for (const selector of ['.site-nav', '.search-box', 'input', '.toc', '.breadcrumbs']) {{
    for (const el of doc.querySelectorAll(selector)) {{
      if (el.checkVisibility()) problems.push(['printed', selector]);
    }}
  }}
  const after = (a) => win.getComputedStyle(a, '::after').content;
  const links = [...doc.querySelectorAll('main .prose a')].map(a => [a.getAttribute('href'), after(a)]);
  const merged = doc.querySelector('main td[rowspan="2"]') !== null && doc.querySelector('main td[colspan="2"]') !== null;
  document.body.setAttribute('data-probe', JSON.stringify({{problems, links, merged}}));
}}, 100);
frame.src = '{page}';
</script></body></html>"#
    )
}

/// `lesson` written into `site` as `lessons/返工.md`, built and measured by the driver.
fn printed_lesson(site: &Site, lesson: &str) -> serde_json::Value {
    site.write("content/lessons/返工.md", lesson);
    site.build_ok();
    std::fs::write(
        site.public().join("print-driver.html"),
        driver("/lessons/返工/index.html"),
    )
    .unwrap();
    let port = static_server(site.public(), 200);
    let url = format!("http://127.0.0.1:{port}/print-driver.html");
    let probe = chromium_probe(&url, &format!("{},1200", A4_TEXT_WIDTH + 40), 20_000);
    serde_json::from_str(&probe).unwrap_or_else(|e| panic!("{e}: {probe}"))
}

/// Nothing of a long lesson is cut off on A4; the menu and search box are not printed;
/// an external link prints its address, a link within the portal or one whose text is
/// its address (`<https://…>`, printed twice before) none; merged cells stay.
#[test]
fn a_long_lesson_prints_whole_on_a4_with_external_addresses_only() {
    let site = Site::fixture("basic");
    let found = printed_lesson(&site, LONG_LESSON);
    assert_eq!(found["problems"], serde_json::json!([]), "{found}");
    assert_eq!(found["merged"], true, "{found}");
    let links = found["links"].as_array().unwrap();
    let external = links
        .iter()
        .find(|l| l[0] == "https://std.example.cn/gb/2828")
        .unwrap_or_else(|| panic!("{found}"));
    assert!(
        external[1]
            .as_str()
            .unwrap()
            .contains("https://std.example.cn/gb/2828"),
        "{found}"
    );
    let internal = links
        .iter()
        .find(|l| l[0].as_str().unwrap().contains("vendor-delay"))
        .unwrap_or_else(|| panic!("{found}"));
    assert_eq!(internal[1], "none", "{found}");
    // An address written as the link's text is not printed twice.
    let bare = links
        .iter()
        .find(|l| l[0].as_str().unwrap().contains("wiki.example.cn"))
        .unwrap_or_else(|| panic!("{found}"));
    assert_eq!(
        bare[0], "https://wiki.example.cn/pmo/%E6%9D%A5%E6%96%99?a=1&b=2",
        "{found}"
    );
    assert_eq!(bare[1], "none", "{found}");
}

/// Chromium prints on US Letter unless the page names its paper: the eleventh
/// walk-through printed the monthly report for a Chinese steering committee and got
/// Letter pages, 6 mm narrower and 18 mm shorter than the A4 it is filed on. The print
/// stylesheet names A4; the PDF's pages are measured (595 × 842 points).
#[test]
fn pages_print_on_a4_paper() {
    let site = Site::fixture("basic");
    site.write("content/lessons/返工.md", LONG_LESSON);
    site.build_ok();
    let bytes = common::print_to_pdf(&site.public().join("lessons/返工/index.html"));
    let text = String::from_utf8_lossy(&bytes);
    let at = text
        .find("/MediaBox")
        .unwrap_or_else(|| panic!("no page size"));
    let numbers: Vec<f64> = text[at + 9..]
        .trim_start_matches([' ', '['])
        .split([' ', ']'])
        .take(4)
        .map(|n| n.parse().unwrap())
        .collect();
    let (width, height) = (numbers[2] - numbers[0], numbers[3] - numbers[1]);
    assert!(
        (width - 595.3).abs() < 2.0 && (height - 841.9).abs() < 2.0,
        "A4 is 595 × 842 points; the PDF's pages are {width} × {height}"
    );
}

/// An external address with Chinese in it printed percent-encoded after its link
/// (`<https://wiki.example.cn/pmo/%E6%9D%A5%E6%96%99>`), which no reader of the paper
/// can type back: it prints as written, while the link itself keeps its encoded form.
#[test]
fn an_external_address_in_chinese_prints_readable() {
    let site = Site::fixture("basic");
    let lesson = LONG_LESSON.replace(
        "## 背景\n\n",
        "## 背景\n\n见[来料检验规范](https://wiki.example.cn/pmo/来料检验?版本=2)与[旧稿](https://wiki.example.cn/pmo/%E6%97%A7%E7%A8%BF \"旧稿\")。\n\n",
    );
    let found = printed_lesson(&site, &lesson);
    let links = found["links"].as_array().unwrap();
    let printed = |part: &str| {
        links
            .iter()
            .find(|l| l[0].as_str().unwrap().contains(part))
            .unwrap_or_else(|| panic!("{part}: {found}"))[1]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        printed("%E6%9D%A5%E6%96%99"),
        "\" <https://wiki.example.cn/pmo/来料检验?版本=2>\"",
        "{found}"
    );
    assert_eq!(
        printed("%E6%97%A7"),
        "\" <https://wiki.example.cn/pmo/旧稿>\"",
        "{found}"
    );
    let page = site.read("lessons/返工/index.html");
    assert!(page.contains("title=\"旧稿\""), "the title kept: {page}");
}
