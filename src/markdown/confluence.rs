//! Confluence's wiki markup, left in a page exported from Confluence as text: its macros
//! (`{toc}`, `{info}` … `{info}`, `{status:colour=Red|title=延期}`, `{code:language=sql}`)
//! and user mentions (`[~zhangwei]`). Markdown shows them as typed, braces and all, and a
//! page moved in showed them without a word (the tenth new-user walk-through): each is
//! warned of at its place with what to write instead.
//!
//! Only the macros Confluence ships are recognised, by name, so that a placeholder an
//! author writes in braces (`{项目名称}`, `{date}`) is not taken for one.

use std::ops::Range;

use crate::messages::Text;
use crate::t;

/// One piece of Confluence markup found in a page's text.
pub(super) struct Markup<'s> {
    /// Where it starts in the page's body.
    pub at: usize,
    /// As written, `{status:colour=Red|title=延期}`.
    pub written: &'s str,
    /// What is wrong with it.
    pub problem: Text,
    /// What to write instead.
    pub help: Text,
}

/// The macros Confluence's editor inserts, which its exports keep as text.
const MACROS: &[&str] = &[
    "anchor",
    "attachments",
    "children",
    "code",
    "color",
    "column",
    "contentbylabel",
    "excerpt",
    "excerpt-include",
    "expand",
    "gallery",
    "include",
    "info",
    "jira",
    "note",
    "noformat",
    "pagetree",
    "panel",
    "quote",
    "recently-updated",
    "section",
    "status",
    "tip",
    "toc",
    "warning",
];

/// The Confluence markup in the text at `range` of `source`.
pub(super) fn markup_in<'s>(
    source: &'s str,
    range: &Range<usize>,
) -> impl Iterator<Item = Markup<'s>> + 's {
    let start = range.start.min(source.len());
    let end = range.end.min(source.len());
    let text = source.get(start..end).unwrap_or("");
    text.match_indices(['{', '[', '|'])
        .filter_map(move |(i, _)| {
            let at = start + i;
            // To the end of its line, past the event: a mention's brackets may be
            // events of their own.
            let rest = &source[at..];
            let line_start = at == 0 || source[..at].ends_with('\n');
            if line_start {
                if let Some(written) = table_heading_at(rest) {
                    return Some(Markup {
                        at,
                        written,
                        problem: t!("`{written}` is a Confluence table's heading row, which Markdown does not read as a table: the page shows the table as a paragraph of text, bars and all", written = written),
                        help: t!("write a Markdown table: the heading row with single bars, `| A | B |`, then a line `|---|---|` under it; the rows below keep their bars"),
                    });
                }
            }
            macro_at(rest)
                .map(|(written, help)| Markup {
                    at,
                    written,
                    problem: t!("`{written}` is a Confluence macro, which pmo does not run: the page shows it as written, braces and all", written = written),
                    help,
                })
                .or_else(|| {
                    mention_at(rest).map(|(written, help)| Markup {
                        at,
                        written,
                        problem: t!("`{written}` is a Confluence mention, which pmo cannot follow: the page shows it as written, brackets and all", written = written),
                        help,
                    })
                })
        })
        .collect::<Vec<_>>()
        .into_iter()
}

/// A macro opening `rest`: `{name}` or `{name:parameters}` on one line.
fn macro_at(rest: &str) -> Option<(&str, Text)> {
    let inner = rest.strip_prefix('{')?;
    let close = inner.find(['}', '\n', '{'])?;
    if !inner[close..].starts_with('}') {
        return None;
    }
    let body = &inner[..close];
    let (name, parameters) = body.split_once(':').unwrap_or((body, ""));
    if !MACROS.contains(&name) {
        return None;
    }
    let written = &rest[..close + 2];
    Some((written, help_for(name, parameters)))
}

/// A table's heading row in Confluence's wiki markup, `||阶段||负责人||`, alone on its line.
fn table_heading_at(rest: &str) -> Option<&str> {
    let line = rest[..rest.find('\n').unwrap_or(rest.len())].trim_end();
    let inner = line.strip_prefix("||")?.strip_suffix("||")?;
    (!inner.is_empty() && inner.contains("||")).then_some(line)
}

/// A mention, `[~zhangwei]`.
fn mention_at(rest: &str) -> Option<(&str, Text)> {
    let inner = rest.strip_prefix("[~")?;
    let close = inner.find([']', '\n', '['])?;
    let user = &inner[..close];
    if user.is_empty() || !inner[close..].starts_with(']') || user.contains(char::is_whitespace) {
        return None;
    }
    let written = &rest[..close + 3];
    Some((
        written,
        t!(
            "write the person's name as text (`{user}`): the portal knows no Confluence users",
            user = user
        ),
    ))
}

/// The value of `key=` among a macro's `|`-separated parameters.
pub(super) fn parameter<'p>(parameters: &'p str, key: &str) -> Option<&'p str> {
    parameters
        .split('|')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// What to write in a macro's place, by its name.
fn help_for(name: &str, parameters: &str) -> Text {
    match name {
        "toc" => t!("delete it: pmo shows a page's table of contents by itself, made from its headings"),
        "info" | "note" | "tip" | "warning" | "panel" => {
            let kind = if name == "panel" { "note" } else { name };
            let title = parameter(parameters, "title").map(|t| format!(" {t}")).unwrap_or_default();
            t!(
                "write the box as a callout: a line `> [!{kind}]{title}`, then its text on lines starting `> `; delete the macro's lines",
                kind = kind,
                title = title
            )
        }
        "status" => {
            let title = parameter(parameters, "title").unwrap_or("…");
            t!("write the status as text, `**{title}**`", title = title)
        }
        "code" | "noformat" => {
            let language = parameter(parameters, "language").unwrap_or("");
            t!(
                "write the code as a fenced block: a line ```{language}, the code, then a line ```; delete the macro's lines",
                language = language
            )
        }
        "expand" => {
            let title = parameter(parameters, "title").unwrap_or("…");
            t!(
                "write the text in the open, under a heading `### {title}`; delete the macro's lines",
                title = title
            )
        }
        "quote" => t!("write the quotation on lines starting `> `; delete the macro's lines"),
        "anchor" => t!("give the heading its own id instead, `## Heading {{#id}}`, and delete the macro"),
        "color" => t!("delete the macro and keep its text; write `**text**` to stress it"),
        _ => t!(
            "pmo does not run Confluence's macros: write what it showed in Markdown (a list of links `- [title](page.md)`, a table) and delete the macro"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        markup_in(text, &(0..text.len()))
            .map(|m| format!("{}@{}", m.written, m.at))
            .collect()
    }

    /// Confluence's own macros and mentions are found; braces an author writes for a
    /// placeholder, a set or a template are not.
    #[test]
    fn macros_by_name_and_not_placeholders() {
        assert_eq!(
            found("{toc}\n状态 {status:colour=Red|title=延期} 联系 [~zhangwei]。"),
            [
                "{toc}@0",
                "{status:colour=Red|title=延期}@13",
                "[~zhangwei]@53"
            ]
        );
        assert!(found("填写 {项目名称} 与 {date}、{a, b}、{info 与 [~ 张] 和 [~x y]").is_empty());
        assert!(found("{code:language=sql\n}").is_empty());
        assert_eq!(
            found("||阶段||负责人||\n|采购|张伟|"),
            ["||阶段||负责人||@0"]
        );
        // Only a whole line of `||` cells, at its start.
        assert!(found("a ||b||c||\n||单格||\n|| ||").is_empty());
    }

    #[test]
    fn parameters_read_as_confluence_writes_them() {
        assert_eq!(parameter("colour=Red|title=延期", "title"), Some("延期"));
        assert_eq!(parameter("title=", "title"), None);
        assert_eq!(parameter("", "language"), None);
    }
}
