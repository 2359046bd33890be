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
