//! What only a browser can show: that the charts of a built page are laid out and drawn.
//! Runs Debian's headless Chromium (`.ci/run` installs it); a missing browser fails the
//! test rather than skipping it, so CI cannot pass without looking.

mod common;

use common::{chromium_probe, static_server, Site};

/// Loads `page` in Chromium (from file://, or over http:// from a server on 127.0.0.1
/// when `server` is given), under the page's own Content-Security-Policy, runs `probe` — JavaScript returning a value or a Promise —
/// after the page loaded, and returns what it wrote into `<body data-probe>`.
fn probe_at(site: &Site, page: &str, query: &str, server: Option<u16>, probe: &str) -> String {
    let path = site.public().join(page);
    let html = std::fs::read_to_string(&path).unwrap();
    // A file beside the page, not an inline script: the page's Content-Security-Policy
    // runs only the site's own script files.
    let script = format!(
        "window.addEventListener('load', () => {{ Promise.resolve((async () => {{ {probe} }})()).then(v => {{ document.body.dataset.probe = v; }}, e => {{ document.body.dataset.probe = 'error: ' + e; }}); }});"
    );
    std::fs::write(path.with_file_name("probe.js"), script).unwrap();
    let probed = path.with_file_name("probe.html");
    std::fs::write(
        &probed,
        html.replacen("</body>", "<script src=\"probe.js\"></script></body>", 1),
    )
    .unwrap();
    let rel = probed
        .strip_prefix(site.public())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let url = match server {
        Some(port) => format!("http://127.0.0.1:{port}/{rel}{query}"),
        None => format!("file://{}{query}", probed.display()),
    };
    chromium_probe(&url, "1280,2000", 8000)
}

fn probe(site: &Site, page: &str, script: &str) -> String {
    probe_at(site, page, "", None, script)
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
    let port = static_server(site.public(), 500);
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

/// A result whose match lies past its first excerpt block: Chromium asks for that block
/// before the first has arrived (the index says which block holds the terms), and the
/// excerpt shows the match.
#[test]
fn a_deep_match_has_its_block_asked_for_with_the_first() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}search = true\n"));
    let filler = "团队每周召开例会，检查里程碑进度与资源安排。\n".repeat(60);
    site.write(
        "content/lessons/deep-delay.md",
        format!(
            "---\ntitle: 第三季度复盘\ndate: 2024-09-30\nproject: erp\nphase: monitoring\n\
             impact: negative\n---\n\n{filler}\n外包团队交付延期两周，上线推迟。\n"
        ),
    );
    site.build_ok();
    let port = static_server(site.public(), 500);
    let script = format!(
        "{WAIT} await wait(() => document.querySelectorAll('#search-results li').length > 0 \
           && !document.getElementById('search-app').hasAttribute('aria-busy')); \
         const li = [...document.querySelectorAll('#search-results li')].find(l => l.textContent.includes('第三季度复盘')); \
         const marks = li ? [...li.querySelectorAll('mark')].map(m => m.textContent).join(',') : 'none'; \
         const blocks = performance.getEntriesByType('resource').filter(e => e.name.includes('/search/x/')); \
         const later = blocks.filter(e => !/-0\\.js$/.test(e.name)); \
         const early = later.filter(e => {{ const first = blocks.find(b => b.name === e.name.replace(/-\\d\\.js$/, '-0.js')); \
           return first && e.startTime <= first.responseEnd; }}); \
         return marks + ' later=' + later.length + ' early=' + early.length;"
    );
    let result = probe_at(
        &site,
        "search/index.html",
        "?q=交付延期",
        Some(port),
        &script,
    );
    assert!(result.starts_with("交付延期"), "{result}");
    let count = |key: &str| -> usize {
        let at = result.find(key).unwrap() + key.len();
        result[at..].split(' ').next().unwrap().parse().unwrap()
    };
    assert!(count("later=") > 0, "{result}");
    assert_eq!(count("later="), count("early="), "{result}");
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
fn a_traditional_query_shows_the_simplified_results_and_says_so() {
    let site = search_site();
    let page = format!(
        "{WAIT} await wait(() => document.querySelectorAll('#search-results li').length > 0 \
           && !document.getElementById('search-app').hasAttribute('aria-busy')); \
         const first = document.querySelector('#search-results li a'); \
         return document.getElementById('search-count').textContent + '|' + (first ? first.textContent.trim() : '');"
    );
    let result = probe_at(&site, "search/index.html", "?q=供應商", None, &page);
    assert!(
        result.contains("「供应商」"),
        "the count line says so: {result}"
    );
    assert!(result.contains("供应商交付延期导致里程碑滑移"), "{result}");
    let boxed = format!(
        "{WAIT} const input = document.getElementById('site-search-q'); \
         input.focus(); input.value = '供應商'; input.dispatchEvent(new Event('input', {{bubbles: true}})); \
         const list = document.getElementById('site-search-results'); \
         await wait(() => !list.hidden && list.querySelectorAll('[role=option]').length > 0); \
         return list.querySelectorAll('[role=option]').length + '|' + list.textContent;"
    );
    let result = probe(&site, "lessons/vendor-delay/index.html", &boxed);
    assert!(result.contains("「供应商」"), "the box says so: {result}");
}

/// A question found through its question words alone (a page holding 怎么 beside 供应商
/// and 延期) is run without them, and the count line says what was searched.
#[test]
fn a_question_run_without_its_question_words_says_so() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}search = true\n"));
    site.write(
        "content/practices/risk/faq.md",
        "---\ntitle: 常见问题\n---\n\n供应商怎么联系？找采购。项目延期怎么报？写周报。\n",
    );
    site.build_ok();
    let page = format!(
        "{WAIT} await wait(() => document.querySelectorAll('#search-results li').length > 1 \
           && !document.getElementById('search-app').hasAttribute('aria-busy')); \
         return document.getElementById('search-count').textContent + '|' + \
           [...document.querySelectorAll('#search-results li a')].map(a => a.textContent.trim()).join('/');"
    );
    let result = probe_at(&site, "search/index.html", "?q=供应商怎么延期", None, &page);
    assert!(
        result.contains("以下是「供应商 延期」的结果：「供应商怎么延期」略去了提问的词"),
        "{result}"
    );
    assert!(result.contains("供应商交付延期导致里程碑滑移"), "{result}");
}

#[test]
fn project_charts_are_drawn_and_visible() {
    let site = Site::fixture("basic");
    site.build_ok();
    // For each chart: its rendered width and height, and how many marks it draws.
    let result = probe(
        &site,
        "projects/erp/index.html",
        "return [...document.querySelectorAll('figure.chart svg')].filter(s => s.checkVisibility()).map(s => { \
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
    // The slip chart's milestone names are SVG text with a real width in the browser (in
    // the drawing shown: each chart has a wide, a medium and a narrow one).
    let result = probe(
        &site,
        "projects/erp/index.html",
        "const t = [...document.querySelectorAll('#milestone-slip svg text')].find(t => t.checkVisibility() && t.textContent.includes('上线')); \
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

/// The home page's RAG counts link to the list of that status's projects (pages of their
/// own, see tests/listings.rs); an address of the earlier `projects/?rag=red` form goes
/// there too, over file:// as over http.
#[test]
fn an_earlier_rag_filter_address_opens_the_statuss_list() {
    let site = Site::fixture("basic");
    site.build_ok();
    let home = site.read("index.html");
    let rag = ["red", "amber", "green"]
        .into_iter()
        .find(|rag| home.contains(&format!("projects/rag/{rag}/\"")))
        .expect("the home page links at least one RAG status to its projects list");
    let target = format!("projects/rag/{rag}/index.html");
    let html = site.read(&target);
    site.write(
        &format!("public/{target}"),
        html.replacen("<body", "<body data-probe=\"arrived\"", 1),
    );
    let result = probe_at(
        &site,
        "projects/index.html",
        &format!("?rag={rag}"),
        None,
        "return 'stayed';",
    );
    assert_eq!(result, "arrived");
}

/// The basic fixture with a thousand more lessons, two a register page: the oldest, on
/// the last page and in the second data file, is the only critical one and has an
/// overdue action.
/// An English register (Substation Upgrade Mannheim, Procurement, Lars Becker, 18 March
/// 2024) scrolled sideways at 1280 px, its Owner column off screen (the English
/// walk-through): names wrap, and the table fits. So does the longest row an English
/// register has (30 September, Communications, Critical, In progress, an overdue
/// action), which scrolled 138 px sideways (the sixth walk-through): dates, statuses
/// and open actions wrap at their spaces.
#[test]
fn an_english_register_fits_a_1280_px_screen() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        config.replace("language = \"zh-CN\"", "language = \"en\""),
    );
    let project =
        std::fs::read_to_string(site.root().join("content/projects/erp/index.md")).unwrap();
    site.write(
        "content/projects/erp/index.md",
        project.replace(
            "title: ERP 升级",
            "title: Substation Upgrade Mannheim North",
        ),
    );
    site.write(
        "content/lessons/drawings.md",
        "---\ntitle: Late vendor drawings delayed the foundation works\ndate: 2024-03-18\n\
         project: erp\nphase: execution\nimpact: negative\nseverity: high\nstatus: open\n\
         category: Procurement and contracts\nowner: Lars Becker-Hoffmann\n---\n\nText.\n",
    );
    site.write(
        "content/lessons/longest-row.md",
        "---\ntitle: Late vendor drawings delayed the foundation works\ndate: 2024-09-30\n\
         project: erp\nphase: monitoring\nimpact: negative\nseverity: critical\n\
         status: in-progress\ncategory: Communications\nowner: Lars Becker-Hoffmann\n\
         actions:\n  - what: Chase the drawings\n    owner: Lars\n    due: 2024-10-15\n\
         ---\n\nText.\n",
    );
    site.build_ok();
    let fits = "const wrap = document.querySelector('.table-wrap'); \
         return wrap.scrollWidth + '/' + wrap.clientWidth;";
    let result = probe(&site, "lessons/index.html", fits);
    let (scroll, client) = result.split_once('/').unwrap_or_else(|| panic!("{result}"));
    let (scroll, client): (u32, u32) = (scroll.parse().unwrap(), client.parse().unwrap());
    assert!(scroll <= client, "the register scrolls sideways: {result}");
}

fn register_site() -> Site {
    let site = Site::fixture("basic");
    for n in 0..1000 {
        let (month, day) = (1 + n % 12, 1 + n / 12 % 28);
        site.write(
            &format!("content/lessons/filler-{n:04}.md"),
            format!(
                "---\ntitle: 例行经验 {n}\ndate: 2024-{month:02}-{day:02}\nproject: erp\nphase: execution\nimpact: positive\nseverity: low\n---\n\n正文。\n"
            ),
        );
    }
    site.write(
        "content/lessons/oldest.md",
        "---\ntitle: 最早的严重教训：验收标准没有写进合同\ndate: 2023-01-05\nproject: erp\nphase: closing\nimpact: negative\nseverity: critical\nactions:\n  - what: 合同模板增加验收标准附件\n    owner: 王芳\n    due: 2023-03-31\n---\n\n正文。\n",
    );
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("as_of = 2024-12-31\n{config}"));
    site.build_ok();
    site
}

#[test]
fn the_register_filters_find_a_lesson_on_a_later_page_and_keep_the_filters_in_the_address() {
    let site = register_site();
    let register = std::fs::read_to_string(site.public().join("lessons/index.html")).unwrap();
    assert!(
        !register.contains("最早的严重教训"),
        "the lesson is not on page 1"
    );
    let pages = std::fs::read_dir(site.public().join("lessons/page"))
        .unwrap()
        .count();
    assert!(pages >= 500, "{pages} more pages");
    let second = std::fs::read_to_string(site.public().join("lessons/data-1.js")).unwrap();
    assert!(
        second.contains("最早的严重教训"),
        "the lesson is in the second data file"
    );
    let rows = "[...document.querySelectorAll('#register-table tbody tr')]";
    let script = format!(
        "{WAIT} const form = document.getElementById('register-filters'); \
         await wait(() => !form.hidden); \
         const select = form.elements.severity; \
         const options = [...select.options].map(o => o.value).join(','); \
         select.value = 'critical'; select.dispatchEvent(new Event('change', {{bubbles: true}})); \
         await wait(() => {rows}.length === 1); \
         const found = {rows}.map(r => r.textContent.replace(/\\s+/g, ' ').trim()).join('|'); \
         return [options, found, document.getElementById('register-status').textContent, \
                 location.hash, document.querySelector('.pagination').hidden].join(' ## ');"
    );
    let result = probe(&site, "lessons/index.html", &script);
    let parts: Vec<&str> = result.split(" ## ").collect();
    assert_eq!(parts.len(), 5, "{result}");
    assert_eq!(
        parts[0], ",low,high,critical",
        "severities in use: {result}"
    );
    assert!(parts[1].contains("最早的严重教训"), "{result}");
    assert!(parts[1].contains("1 项逾期"), "{result}");
    assert!(parts[2].contains("符合 1 条"), "{result}");
    assert_eq!(parts[3], "#severity=critical", "{result}");
    assert_eq!(
        parts[4], "true",
        "the page links hide while filtering: {result}"
    );

    // Opened from a shared address, on another page of the register, the filters are
    // restored and applied.
    let script = format!(
        "{WAIT} const form = document.getElementById('register-filters'); \
         await wait(() => {rows}.length === 1 && form.elements.phase.value === 'closing'); \
         return [form.elements.phase.value, form.elements.overdue.checked, \
                 {rows}.map(r => r.querySelector('.col-title').textContent).join('|')].join(' ## ');"
    );
    let result = probe_at(
        &site,
        "lessons/page/3/index.html",
        "#phase=closing",
        None,
        &script,
    );
    assert!(result.starts_with("closing ## false ## "), "{result}");
    assert!(result.contains("最早的严重教训"), "{result}");
    let result = probe_at(
        &site,
        "lessons/page/2/index.html",
        "?overdue=1",
        None,
        &format!(
            "{WAIT} await wait(() => {rows}.length === 1); \
             return {rows}.map(r => r.querySelector('.col-title').textContent).join('|');"
        ),
    );
    assert_eq!(result, "最早的严重教训：验收标准没有写进合同");
}

/// A 16 × 16 PNG (a red and white check), the bank's logo of the test.
const LOGO_PNG: [u8; 97] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x91, 0x68,
    0x36, 0x00, 0x00, 0x00, 0x28, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0x8f, 0x04, 0x36,
    0x29, 0x29, 0xc1, 0x11, 0x2e, 0x71, 0x86, 0x41, 0xa8, 0x81, 0x18, 0x45, 0xc8, 0xe2, 0x83, 0x51,
    0x03, 0xed, 0x43, 0x89, 0xf6, 0x1a, 0x06, 0x61, 0xb0, 0x92, 0xaa, 0x01, 0x00, 0x84, 0x6a, 0xf9,
    0x90, 0xbe, 0xd9, 0x1d, 0x9e, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
    0x82,
];

#[test]
fn the_logo_the_readme_puts_before_the_title_prints() {
    let site = Site::fixture("basic");
    site.write("static/logo.png", LOGO_PNG);
    // The README's recipe, as a PMO pastes it.
    site.write(
        "static/css/custom.css",
        ".site-title {\n  background: url(../logo.png) no-repeat left center / auto 28px;\n  padding-left: 36px;\n  line-height: 28px;\n}\n",
    );
    site.build_ok();
    let page = site.public().join("index.html");
    // The logo is the page's one image: the PDF's image is it.
    assert!(!std::fs::read_to_string(&page).unwrap().contains("<img"));
    let printed = common::print_to_pdf(&page);
    // Skia writes each image as an XObject of this subtype; the print stylesheet
    // blanked every background, the logo with them, and the PDF held none.
    let images = printed
        .windows(b"/Subtype /Image".len())
        .filter(|w| *w == b"/Subtype /Image")
        .count();
    assert_eq!(images, 1, "the printed page holds {images} image(s)");
}
