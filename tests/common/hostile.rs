//! Payload plumbing shared by the script-injection tests: a payload made into a value of
//! each format it is planted in, and a lesson holding it in every front matter field.

/// A YAML, TOML or JSON string literal holding `text` (JSON's syntax is valid in all three).
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// `text` as one CSV cell.
pub fn csv_cell(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// A lesson of project `erp` whose every text field (title, category, tags, owner,
/// summary, id, an action) is `t` (a literal made by [`quoted`]), dated on `day` of May
/// 2024, with `body` as its Markdown.
pub fn lesson_with_every_field(t: &str, day: usize, body: &str) -> String {
    format!(
        "---\ntitle: {t}\ndate: 2024-05-{day:02}\nproject: erp\nphase: execution\n\
         impact: negative\ncategory: {t}\ntags: [{t}, 共同]\nowner: {t}\n\
         summary: {t}\nid: {t}\nactions:\n  - what: {t}\n    owner: {t}\n\
         \x20   due: 2024-06-01\n---\n\n{body}"
    )
}

/// Loads each attachment in a frame, clicks its link if it has one, and reports those
/// that set `__pwned`.
const HARNESS: &str = r#"<!doctype html><meta charset="utf-8"><body><script>
const files = FILES, ran = [];
(async () => {
  for (const f of files) {
    window.__pwned = undefined;
    const frame = document.createElement('iframe');
    frame.src = 'reports/' + encodeURIComponent(f);
    document.body.appendChild(frame);
    await new Promise(r => { frame.onload = r; setTimeout(r, 2000); });
    await new Promise(r => setTimeout(r, 100));
    try {
      const a = frame.contentDocument.querySelector('a');
      if (a) a.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    } catch (e) {}
    await new Promise(r => setTimeout(r, 200));
    if (window.__pwned) ran.push(f);
    frame.remove();
  }
  document.body.dataset.probe = JSON.stringify({ pages: files.length, found: ran });
})();
</script></body>"#;

/// Publishes `payloads` under `content/reports/` on a site that trusts its authors and
/// asserts that each runs its script in Chromium; then asserts that a site that does not
/// refuses each, naming its file.
pub fn assert_refused_and_running(payloads: &[(&str, Vec<u8>)]) {
    let names: Vec<&str> = payloads.iter().map(|(n, _)| *n).collect();
    let site = super::Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}trust_html = true\n"));
    for (name, bytes) in payloads {
        site.write(&format!("content/reports/{name}"), bytes);
    }
    site.build_ok();
    let harness = HARNESS.replace("FILES", &serde_json::to_string(&names).unwrap());
    let ran = super::harness_findings(&site.public(), &harness, names.len(), 200, 60_000);
    assert_eq!(ran, names, "each payload runs in Chromium");

    site.write("site.toml", config);
    let errors = site.build_err();
    for name in &names {
        assert!(
            errors.contains(&format!("content/reports/{name}:")),
            "{name} not refused: {errors}"
        );
    }
}

/// Every HTML page gets a tripwire first in its head: `alert` and friends mark the page
/// instead of showing a dialog.
pub const TRIPWIRE: &str = "<script>(function(){var hit=function(){\
document.documentElement.setAttribute('data-pwned',location.pathname);\
try{window.top.__pwned=(window.top.__pwned||[]).concat([location.pathname]);}catch(e){}};\
window.alert=window.confirm=window.prompt=hit;})();</script>";

/// Loads every page in an iframe, then focuses, hovers and toggles each element, checks
/// the live DOM for handlers, script URLs and foreign scripts, then runs each search of
/// `WORDS`, on the results page and typed into the header box, as a reader would, and
/// reports what it found: a script that ran is told by the tripwire, or by `__pwned` set
/// in the page or in the harness (`parent.__pwned=1`).
pub const PAGE_HARNESS: &str = r#"<!doctype html><meta charset="utf-8"><body><script>
window.__pwned = [];
window.alert = window.confirm = window.prompt = () => window.__pwned.push('a page called the harness');
const pages = PAGES, words = WORDS;
const found = [];
const frame = document.createElement('iframe');
document.body.appendChild(frame);
const urlAttrs = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background'];
const load = (url) => new Promise(done => { frame.onload = () => done(); frame.src = url; setTimeout(done, 3000); });
const pause = (ms) => new Promise(r => setTimeout(r, ms));
const pwned = (what) => {
  const w = frame.contentWindow;
  let inner;
  try { inner = w && w.__pwned; } catch (e) {}
  if (inner) found.push(what + ': set __pwned in the page');
  if (!Array.isArray(window.__pwned)) found.push(what + ': set __pwned in the harness');
  try { if (w) w.__pwned = undefined; } catch (e) {}
  if (!Array.isArray(window.__pwned)) window.__pwned = [];
};
(async () => {
  for (const page of pages) {
    await load(page);
    const doc = frame.contentDocument;
    if (!doc) { found.push(page + ': not loaded'); continue; }
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (name.startsWith('on')) found.push(page + ': handler ' + name + ' on <' + el.localName + '>');
        if (urlAttrs.includes(name) && /^(javascript|vbscript|data:text\/html)/.test(value))
          found.push(page + ': ' + name + '=' + attr.value + ' on <' + el.localName + '>');
        if (name === 'srcdoc') found.push(page + ': srcdoc on <' + el.localName + '>');
      }
      if (el.localName === 'script' && !el.src && /alert\(/.test(el.textContent))
        found.push(page + ': an inline script calls alert');
      if (['iframe', 'object', 'embed', 'base', 'meta'].includes(el.localName) && el.closest('main'))
        found.push(page + ': <' + el.localName + '> in the content');
      try {
        el.focus && el.focus();
        for (const type of ['mouseover', 'mouseenter', 'mousemove', 'pointerover', 'mousedown', 'mouseup', 'keydown', 'animationstart'])
          el.dispatchEvent(new Event(type, { bubbles: true }));
        if (el.localName === 'summary') el.dispatchEvent(new Event('click', { bubbles: true }));
        if (el.localName === 'details') el.open = !el.open;
      } catch (e) {}
    }
    await pause(30);
    if (doc.documentElement.hasAttribute('data-pwned')) found.push(page + ': ran a script');
    pwned(page);
  }
  for (const word of words) {
    await load('/search/?q=' + encodeURIComponent(word));
    await pause(400);
    pwned('results page for ' + word);
    const box = frame.contentDocument && frame.contentDocument.getElementById('site-search-q');
    if (!box) { found.push('no search box'); continue; }
    box.focus();
    box.value = word;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await pause(400);
    const shown = frame.contentDocument.querySelectorAll('#site-search-results li').length;
    if (!shown) found.push('header box found nothing for ' + word);
    pwned('header box for ' + word);
  }
  for (const p of window.__pwned) found.push(p + ': ran a script (reported to the top)');
  document.body.dataset.probe = JSON.stringify({ pages: pages.length, found });
})();
</script></body>"#;

/// Builds `site`, takes the policy out of its pages (so that the build's own checks are
/// what is tested), plants [`TRIPWIRE`] in each and runs [`PAGE_HARNESS`] over all of them,
/// the search results and the register's filters fed a payload included: fails on any
/// script that ran, handler, script address or plugin element found.
pub fn assert_no_script_runs(site: &super::Site) {
    site.build_ok();
    assert_built_site_runs_no_script(site, &[]);
}

/// [`assert_no_script_runs`] over the site as last built, and each of `words` searched
/// for on the results page and in the header box, where each must find something.
pub fn assert_built_site_runs_no_script(site: &super::Site, words: &[&str]) {
    let public = site.public();
    let pages = super::html_pages(&public);
    assert!(pages.len() > 60, "{} pages", pages.len());
    super::without_policy(&public);
    for page in &pages {
        let path = public.join(page);
        let html = std::fs::read_to_string(&path).unwrap();
        let trapped = match html.find("<head>") {
            Some(i) => format!("{}{TRIPWIRE}{}", &html[..i + 6], &html[i + 6..]),
            None => format!("{TRIPWIRE}{html}"),
        };
        std::fs::write(&path, trapped).unwrap();
    }
    let mut urls: Vec<String> = pages.iter().map(|p| super::url_path(p)).collect();
    // The search results page writes what the index holds into the page as it runs, and
    // the register's filters what their data files hold and the address asks for.
    urls.extend(
        [
            "/search/?q=alert",
            "/search/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
            "/lessons/#project=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&status=open",
        ]
        .map(String::from),
    );
    let harness = PAGE_HARNESS
        .replace("PAGES", &serde_json::to_string(&urls).unwrap())
        .replace("WORDS", &serde_json::to_string(words).unwrap());
    // Each page is a few dozen requests and a few hundred milliseconds at most; each
    // search two loads and a second.
    let requests = 20_000 + 100 * urls.len() + 200 * words.len();
    let budget = 600_000 + 1_000 * urls.len() as u32 + 5_000 * words.len() as u32;
    let found = super::harness_findings(&public, &harness, urls.len(), requests, budget);
    assert!(
        found.is_empty(),
        "{} finding(s):\n{}",
        found.len(),
        found.join("\n")
    );
}
