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
