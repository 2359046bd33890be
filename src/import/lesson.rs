//! A lesson as the import writes it: YAML front matter in the order authors write it by
//! hand (see `content/lessons/`), then the body sections.

use crate::content::schema::LessonMeta;
use crate::i18n::Vocabulary;

/// A lesson read from one row of the register: its front matter, typed as the build
/// reads it, and the free-text columns that become its sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    pub meta: LessonMeta,
    pub background: Option<String>,
    pub root_cause: Option<String>,
    pub recommendation: Option<String>,
    pub actions: Option<String>,
}

impl Lesson {
    /// The front matter, fences included.
    pub fn front_matter(&self) -> String {
        let meta = &self.meta;
        let mut out = String::from("---\n");
        let mut line = |key: &str, value: &str| out.push_str(&format!("{key}: {value}\n"));
        line("title", &scalar(&meta.title));
        line("date", &meta.date.iso());
        line("project", &scalar(&meta.project));
        line("phase", meta.phase.key());
        if let Some(category) = &meta.category {
            line("category", &scalar(category));
        }
        line("impact", meta.impact.key());
        if !meta.tags.is_empty() {
            let tags: Vec<String> = meta.tags.iter().map(|t| scalar(t)).collect();
            line("tags", &format!("[{}]", tags.join(", ")));
        }
        if let Some(id) = &meta.id {
            line("id", &scalar(id));
        }
        if let Some(owner) = &meta.owner {
            line("owner", &scalar(owner));
        }
        if let Some(severity) = meta.severity {
            line("severity", severity.key());
        }
        if let Some(status) = meta.status {
            line("status", status.key());
        }
        if let Some(summary) = &meta.summary {
            line("summary", &scalar(summary));
        }
        out.push_str("---\n");
        out
    }

    /// The whole file: front matter, then a section for each free-text column, headed
    /// in the site's language.
    pub fn file(&self, english: bool) -> String {
        let mut out = self.front_matter();
        let sections = [
            (&self.background, "背景", "Background"),
            (&self.root_cause, "根因", "Root cause"),
            (&self.recommendation, "建议", "Recommendations"),
            (&self.actions, "行动项", "Actions"),
        ];
        for (text, zh, en) in sections {
            if let Some(text) = text {
                out.push_str(&format!(
                    "\n## {}\n\n{}\n",
                    if english { en } else { zh },
                    as_text(text.trim())
                ));
            }
        }
        out
    }
}

/// A register cell as Markdown that shows it as typed. A cell is text, not markup: a
/// ``` in it would open a code block swallowing the sections after it, a `#` line or a
/// line under a line would head a section of its own, and its `<…>` would be raw HTML
/// (run as written on a site that trusts its authors' HTML). Those are escaped with a
/// backslash; line breaks, lists and numbered lines still read as the author meant.
fn as_text(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len() + 8);
    let lines: Vec<&str> = cell.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            // A line break typed in the cell (Alt+Enter) is a hard break: Markdown joins
            // the lines of a paragraph, and a Chinese page showed `延迟交付 导致滑移`
            // on one line, with a space. Not before a list item, which starts a line
            // anyway (a backslash there would show).
            if !lines[n - 1].trim().is_empty() && !line.trim().is_empty() && !list_item(line) {
                out.push('\\');
            }
            out.push('\n');
        }
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        // An opening fence of tildes (one of backquotes is escaped below), a heading, or
        // a line of `-`, `=`, `*` or `_` (a thematic break, or an underline making the
        // line above a heading).
        let marker = body.starts_with("~~~")
            || body.starts_with('#')
            || (!body.is_empty()
                && body
                    .chars()
                    .all(|c| matches!(c, '-' | '=' | '*' | '_' | ' ')));
        if marker {
            out.push('\\');
        }
        for c in body.chars() {
            // `<` opens a tag or comment, `&` an entity, and a backquote a code span
            // (inside which no backslash escapes the others); a backslash of the cell's
            // own would escape the escape (`\<b>` became `\\<b>`, a raw tag).
            if matches!(c, '<' | '&' | '`' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A line Markdown starts a list item with: `-`, `*` or `+`, or a number and `.` or `)`,
/// then a space.
fn list_item(line: &str) -> bool {
    let body = line.trim_start();
    let rest = match body.strip_prefix(['-', '*', '+']) {
        Some(rest) => rest,
        None => {
            let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            match body[digits..].strip_prefix(['.', ')']) {
                Some(rest) if digits > 0 => rest,
                _ => return false,
            }
        }
    };
    rest.is_empty() || rest.starts_with([' ', '\t'])
}

/// A YAML scalar: plain when it reads back as the same text, else double-quoted (JSON's
/// quoting is valid YAML and escapes everything that needs it).
pub(super) fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text
            .chars()
            .any(|c| c.is_control() || matches!(c, '"' | '\'' | ',' | '[' | ']' | '{' | '}'))
        && !text.starts_with(|c: char| "!&*-?|>%@`#:.+".contains(c) || c.is_ascii_digit())
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true"
                | "false"
                | "yes"
                | "no"
                | "y"
                | "n"
                | "on"
                | "off"
                | "null"
                | "~"
                | ".nan"
                | ".inf"
                | "-.inf"
        );
    if plain {
        text.to_string()
    } else {
        serde_json::Value::String(text.to_string()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_yaml_would_read_otherwise_is_quoted() {
        assert_eq!(scalar("供应商延期"), "供应商延期");
        assert_eq!(scalar("LL-2024-001"), "LL-2024-001");
        assert_eq!(scalar("2024"), "\"2024\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("原因: 未知"), "\"原因: 未知\"");
        assert_eq!(scalar("a, b"), "\"a, b\"");
        assert_eq!(scalar("- x"), "\"- x\"");
        assert_eq!(scalar("两行\n文字"), "\"两行\\n文字\"");
    }

    #[test]
    fn a_cell_is_escaped_where_markdown_would_read_it_as_markup() {
        assert_eq!(
            as_text("普通文字\n- 列表\n1. 编号"),
            "普通文字\n- 列表\n1. 编号"
        );
        // Lines typed one under another stay so; a list item needs no break before it.
        assert_eq!(
            as_text("供应商延迟交付\n导致里程碑滑移\n\n第二段\n- 列表\n  续行"),
            "供应商延迟交付\\\n导致里程碑滑移\n\n第二段\n- 列表\\\n  续行"
        );
        assert_eq!(as_text("~~~\n# 标题\n---"), "\\~~~\\\n\\# 标题\\\n\\---");
        assert_eq!(as_text("```"), "\\`\\`\\`");
        assert_eq!(as_text("a<b & `c`"), "a\\<b \\& \\`c\\`");
        // The cell's own backslash is text too: `\<b>` stays no tag.
        assert_eq!(as_text("\\<b>x"), "\\\\\\<b>x");
        assert_eq!(as_text("C:\\共享"), "C:\\\\共享");
    }
}
