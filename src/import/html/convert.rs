//! A Confluence page's body (`#main-content`) written as Markdown: headings, paragraphs,
//! lists and task lists, code with its language, panels and expands as callouts (as
//! `markdown::panels` draws Confluence's own), tables (`table.rs`), links and images
//! (`inline.rs`). What cannot be carried over is told as a `Note` at its line; text is
//! never dropped without one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::dom::{Data, Dom};
use super::links::Pages;
use crate::messages::Text;
use crate::t;

/// Something dropped or doubtful, at its line in the export page.
pub(super) struct Note {
    pub line: u64,
    pub problem: Text,
    pub help: Text,
}

/// How inline content is written: Markdown, or HTML inside a table kept as HTML.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Markdown,
    /// In a Markdown table's cell: one line, breaks as `<br>`.
    Cell,
    Html,
}

/// Converts one page.
pub(super) struct Converter<'a> {
    pub dom: &'a Dom,
    pub pages: &'a Pages,
    pub export: &'a Path,
    /// The links from this page to another start `../` (it is a folder's `index.md`).
    pub bundle: bool,
    pub notes: Vec<Note>,
    /// The export's files this page shows or links, each with its name beside the page.
    pub files: Vec<(PathBuf, String)>,
    pub(super) named: HashMap<PathBuf, String>,
    /// The names Confluence shows for attachments it stores by id
    /// (`attachments/123/456.png` is `流程图.png`), from the page's own links to them.
    shown_names: HashMap<PathBuf, String>,
    pub(super) mode: Mode,
    pub(super) tables: usize,
    /// How many elements deep the conversion is, against `MAX_DEPTH`.
    pub(super) depth: usize,
    deep_told: bool,
    /// The title of the box being converted, when the box has no body element of its
    /// own: its body is then the whole box, which must not say its title again.
    leave_out: Option<usize>,
}

/// Elements nested deeper than this are written as their text: a page nesting
/// thousands (broken or hostile HTML) would otherwise exhaust the stack.
const MAX_DEPTH: usize = 200;

/// Elements that make a block of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "pre",
    "blockquote",
    "hr",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "main",
    "details",
    "summary",
    "center",
    "address",
    "li",
    "form",
    "fieldset",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "script",
    "style",
    "noscript",
    "template",
];

/// Confluence macros this import carries over (or drops on purpose, `toc` and `anchor`).
const KNOWN_MACROS: &[&str] = &[
    "info", "note", "tip", "warning", "panel", "code", "noformat", "expand", "status", "toc",
    "anchor", "details", "excerpt", "section", "column", "tasklist", "quote",
];

/// The callout kind each of Confluence's information macros becomes, as
/// `markdown::panels` draws `{info}` … `{warning}`.
const PANELS: &[(&str, &str)] = &[
    ("confluence-information-macro-information", "info"),
    ("confluence-information-macro-note", "note"),
    ("confluence-information-macro-tip", "tip"),
    ("confluence-information-macro-warning", "warning"),
    ("confluence-information-macro-error", "warning"),
];

impl<'a> Converter<'a> {
    pub fn new(dom: &'a Dom, pages: &'a Pages, export: &'a Path, bundle: bool) -> Self {
        Converter {
            dom,
            pages,
            export,
            bundle,
            notes: Vec::new(),
            files: Vec::new(),
            named: HashMap::new(),
            shown_names: shown_names(dom),
            mode: Mode::Markdown,
            tables: 0,
            depth: 0,
            deep_told: false,
            leave_out: None,
        }
    }

    pub(super) fn note(&mut self, id: usize, problem: Text, help: Text) {
        let line = self.dom.line(id);
        self.notes.push(Note {
            line,
            problem,
            help,
        });
    }

    /// The name Confluence shows for the attachment at `path`, if the page says it.
    pub(super) fn shown_name(&self, path: &Path) -> Option<String> {
        self.shown_names.get(path).cloned()
    }

    pub(super) fn is_block(&self, id: usize) -> bool {
        self.dom.name(id).is_some_and(|n| BLOCKS.contains(&n))
    }

    /// The Markdown of `id`'s content, as blocks separated by blank lines.
    pub fn body(&mut self, id: usize) -> String {
        self.blocks(id).join("\n\n")
    }

    /// `id`'s children as blocks: each block element its own, the inline content
    /// between them gathered into paragraphs.
    pub(super) fn blocks(&mut self, id: usize) -> Vec<String> {
        if self.too_deep(id) {
            let mut out = Vec::new();
            push_paragraph(&mut out, &self.escaped(&collapsed(&self.dom.text(id))));
            return out;
        }
        self.depth += 1;
        let out = self.blocks_within(id);
        self.depth -= 1;
        out
    }

    /// Whether `id` lies deeper than the conversion follows; told once.
    pub(super) fn too_deep(&mut self, id: usize) -> bool {
        if self.depth < MAX_DEPTH {
            return false;
        }
        if !self.deep_told {
            self.deep_told = true;
            self.note(
                id,
                t!("the page nests elements more than {depth} deep: what lies deeper is written as plain text", depth = MAX_DEPTH),
                t!("check the page's text there; its formatting is lost"),
            );
        }
        true
    }

    fn blocks_within(&mut self, id: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut run = String::new();
        let children = self.dom.nodes[id].children.clone();
        for child in children {
            if Some(child) == self.leave_out {
                continue;
            }
            if self.is_block(child) {
                push_paragraph(&mut out, &run);
                run.clear();
                out.extend(self.block(child));
            } else {
                self.inline(child, &mut run);
            }
        }
        push_paragraph(&mut out, &run);
        out
    }

    fn block(&mut self, id: usize) -> Vec<String> {
        let dom = self.dom;
        let name = dom.name(id).unwrap_or("");
        if let Some(macro_name) = dom.attr(id, "data-macro-name") {
            if !KNOWN_MACROS.contains(&macro_name) {
                let macro_name = macro_name.to_string();
                self.unknown_macro(id, &macro_name);
            }
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = usize::from(name.as_bytes()[1] - b'0');
                let text = self.inline_of(id);
                let text = one_line(&text);
                if text.is_empty() {
                    return Vec::new();
                }
                vec![format!("{} {}", "#".repeat(level), text)]
            }
            "p" | "dt" | "dd" | "figcaption" | "summary" | "address" => {
                let mut run = String::new();
                self.inline_children(id, &mut run);
                let mut out = Vec::new();
                push_paragraph(&mut out, &run);
                if out.is_empty() {
                    // A paragraph holding blocks (as a broken page nests them).
                    return self.blocks(id);
                }
                out
            }
            "ul" | "ol" => vec![self.list(id, name == "ol")],
            "li" => vec![self.list_items(&[id], false, false)],
            "table" => self.table(id).into_iter().collect(),
            "pre" => vec![self.code(id)],
            "blockquote" => vec![quoted(&self.body(id))],
            "hr" => vec!["---".to_string()],
            "script" | "style" | "noscript" | "template" => Vec::new(),
            "iframe" | "object" | "embed" | "video" | "audio" | "form" => {
                self.note(
                    id,
                    t!("an embedded `<{name}>` is left out: a page of the portal embeds nothing from elsewhere", name = name),
                    t!("link to what it showed instead, or attach the file beside the page"),
                );
                Vec::new()
            }
            _ => self.division(id),
        }
    }

    /// A `div` (or another container): a panel, an expand, a table of contents, or
    /// just its content.
    fn division(&mut self, id: usize) -> Vec<String> {
        let dom = self.dom;
        if let Some(kind) = PANELS
            .iter()
            .find(|(class, _)| dom.has_class(id, class))
            .map(|(_, kind)| *kind)
        {
            return vec![self.boxed(id, "title", "confluence-information-macro-body", kind, "")];
        }
        if dom.has_class(id, "panel") && !dom.has_class(id, "code") {
            return vec![self.boxed(id, "panelHeader", "panelContent", "note", "")];
        }
        if dom.has_class(id, "expand-container") {
            // An expand is drawn open: the fold sign keeps what it was.
            return vec![self.boxed(id, "expand-control-text", "expand-content", "note", "-")];
        }
        let class = dom.attr(id, "class").unwrap_or("");
        if class
            .split_ascii_whitespace()
            .any(|c| c.starts_with("toc-macro"))
            || dom.attr(id, "data-macro-name") == Some("toc")
        {
            self.note(
                id,
                t!("Confluence's table of contents is left out"),
                t!("pmo shows a page's contents beside it, made from its headings"),
            );
            return Vec::new();
        }
        self.blocks(id)
    }

    /// The callout of `kind` for the box `id`: its title in the element of class
    /// `title`, its body in that of class `body` (or the whole box).
    fn boxed(&mut self, id: usize, title: &str, body: &str, kind: &str, fold: &str) -> String {
        let dom = self.dom;
        let heading = dom.find(id, |d, n| d.has_class(n, title));
        let title = heading.map(|h| one_line(&self.inline_of(h)));
        let text = match dom.find(id, |d, n| d.has_class(n, body)) {
            Some(body) => self.body(body),
            None => {
                let outer = std::mem::replace(&mut self.leave_out, heading);
                let text = self.body(id);
                self.leave_out = outer;
                text
            }
        };
        callout(kind, fold, title.as_deref(), &text)
    }

    /// A macro this import does not know: its content is carried over as it was
    /// exported, and told.
    fn unknown_macro(&mut self, id: usize, name: &str) {
        let shown = one_line(&self.dom.text(id));
        let problem = if shown.is_empty() {
            t!("the Confluence macro `{name}` showed nothing in the export, so the page has nothing of it", name = name)
        } else {
            t!("the Confluence macro `{name}` is not run by pmo: what it showed in the export is kept as text", name = name)
        };
        self.note(
            id,
            problem,
            t!("check the page: write what the macro showed (a list of pages, an issue's status) as text or links"),
        );
    }

    fn list(&mut self, id: usize, ordered: bool) -> String {
        let tasks = self.dom.has_class(id, "inline-task-list");
        let items: Vec<usize> = self.dom.elements(id).collect();
        self.list_items(&items, ordered, tasks)
    }

    fn list_items(&mut self, items: &[usize], ordered: bool, tasks: bool) -> String {
        let mut out = Vec::new();
        for (n, &li) in items.iter().enumerate() {
            let mut marker = if ordered {
                format!("{}. ", n + 1)
            } else {
                "- ".to_string()
            };
            if tasks {
                let done = self.dom.has_class(li, "checked");
                marker.push_str(if done { "[x] " } else { "[ ] " });
            }
            let blocks = self.blocks(li);
            let mut body = String::new();
            for (i, b) in blocks.iter().enumerate() {
                if i > 0 {
                    // A list under the item's text stays a tight list.
                    let nested = b.starts_with("- ") || b.starts_with("1. ");
                    body.push_str(if nested { "\n" } else { "\n\n" });
                }
                body.push_str(b);
            }
            let indent = " ".repeat(if ordered { marker.len().min(4) } else { 2 });
            let mut lines = body.lines();
            let mut item = format!("{marker}{}", lines.next().unwrap_or(""));
            for line in lines {
                item.push('\n');
                if !line.is_empty() {
                    item.push_str(&indent);
                    item.push_str(line);
                }
            }
            out.push(item.trim_end().to_string());
        }
        out.join("\n")
    }

    fn code(&mut self, id: usize) -> String {
        let params = self
            .dom
            .attr(id, "data-syntaxhighlighter-params")
            .unwrap_or("");
        let language = params
            .split(';')
            .filter_map(|p| p.split_once(':'))
            .find(|(k, _)| k.trim() == "brush")
            .map(|(_, v)| v.trim())
            .filter(|v| !matches!(*v, "text" | "plain" | "none" | ""))
            .map(|v| match v {
                "js" => "javascript",
                "py" => "python",
                "sh" => "bash",
                other => other,
            })
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '#'))
            .collect::<String>();
        let text = self.dom.text(id);
        let text = text.strip_prefix('\n').unwrap_or(&text).trim_end();
        let longest = longest_run(text, '`');
        let fence = "`".repeat(longest.max(2) + 1);
        format!("{fence}{language}\n{text}\n{fence}")
    }

    /// The inline Markdown of `id`'s content.
    pub(super) fn inline_of(&mut self, id: usize) -> String {
        let mut out = String::new();
        self.inline_children(id, &mut out);
        out
    }

    pub(super) fn inline_children(&mut self, id: usize, out: &mut String) {
        let children = self.dom.nodes[id].children.clone();
        for child in children {
            self.inline(child, out);
        }
    }

    /// Text as written in HTML: each run of white space one space.
    pub(super) fn text_node(&self, id: usize) -> Option<String> {
        match &self.dom.nodes[id].data {
            Data::Text(t) => Some(collapsed(t)),
            _ => None,
        }
    }
}

/// The name each attachment has in Confluence, where the page says it: an image's or
/// link's `data-linked-resource-default-alias`, or the text of a link to the file with
/// an extension (the page's "Attachments" list). Names holding a path are passed over.
fn shown_names(dom: &Dom) -> HashMap<PathBuf, String> {
    let mut names = HashMap::new();
    for n in dom.descendants(0) {
        let Some(address) = dom.attr(n, "href").or_else(|| dom.attr(n, "src")) else {
            continue;
        };
        let path = crate::escape::percent_decode(address.split(['?', '#']).next().unwrap_or(""));
        if !path.starts_with("attachments/") {
            continue;
        }
        let text = collapsed(&dom.text(n)).trim().to_string();
        let name = dom
            .attr(n, "data-linked-resource-default-alias")
            .map(str::to_string)
            .or_else(|| (dom.name(n) == Some("a") && text.contains('.')).then_some(text));
        let safe = name.filter(|s| {
            !s.is_empty()
                && !s.starts_with('.')
                && !s.contains(['/', '\\', '<', '>'])
                && s.len() < 200
        });
        if let Some(name) = safe {
            names.entry(PathBuf::from(path)).or_insert(name);
        }
    }
    names
}

/// `text` with every run of white space made one space.
pub(super) fn collapsed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// The longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut now) = (0, 0);
    for x in text.chars() {
        now = if x == c { now + 1 } else { 0 };
        best = best.max(now);
    }
    best
}

/// `text` on one line, trimmed.
pub(super) fn one_line(text: &str) -> String {
    collapsed(&text.replace("\\\n", " ")).trim().to_string()
}

/// Adds the inline `run` as a paragraph, unless it holds nothing: each of its lines
/// trimmed, a line that Markdown would read as a list, heading or quote escaped.
fn push_paragraph(out: &mut Vec<String>, run: &str) {
    let lines: Vec<String> = run
        .split("\\\n")
        .map(|l| l.trim())
        .map(|l| {
            let digits = l.bytes().take_while(u8::is_ascii_digit).count();
            if l.starts_with(['-', '+', '=', '>']) {
                format!("\\{l}")
            } else if (1..10).contains(&digits) && l[digits..].starts_with(['.', ')']) {
                // `2024. 年度` would be an ordered list: the point is escaped.
                format!("{}\\{}", &l[..digits], &l[digits..])
            } else {
                l.to_string()
            }
        })
        .collect();
    let mut lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.is_empty()) {
        lines.remove(0);
    }
    if !lines.is_empty() {
        out.push(lines.join("\\\n"));
    }
}

/// `text` as a quote.
fn quoted(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A callout of `kind` (`fold` `-` for an expand) around `body`.
fn callout(kind: &str, fold: &str, title: Option<&str>, body: &str) -> String {
    let title = title.filter(|t| !t.is_empty());
    let head = match title {
        Some(t) => format!("> [!{kind}]{fold} {t}"),
        None => format!("> [!{kind}]{fold}"),
    };
    if body.trim().is_empty() {
        return head;
    }
    format!("{head}\n{}", quoted(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_line_markdown_would_read_as_a_block_is_escaped() {
        let mut out = Vec::new();
        push_paragraph(&mut out, "  - 不是列表\\\n2024. 年度\\\n正文  ");
        assert_eq!(out, ["\\- 不是列表\\\n2024\\. 年度\\\n正文"]);
        let mut none = Vec::new();
        push_paragraph(&mut none, " \\\n ");
        assert!(none.is_empty());
    }

    /// A panel written without its body element (an older export, a hand-edited page)
    /// says its title once, as the callout's title.
    #[test]
    fn a_panel_without_a_body_element_says_its_title_once() {
        let dom = Dom::parse(
            r#"<div class="confluence-information-macro confluence-information-macro-warning"><p class="title">上线前必读</p><p>回退方案须演练两次。</p></div>"#,
        );
        let pages = Pages {
            by_name: HashMap::new(),
        };
        let panel = dom
            .find(0, |d, n| d.has_class(n, "confluence-information-macro"))
            .unwrap();
        let mut conv = Converter::new(&dom, &pages, Path::new("."), false);
        assert_eq!(
            conv.division(panel),
            ["> [!warning] 上线前必读\n> 回退方案须演练两次。"]
        );
    }

    #[test]
    fn a_callout_quotes_its_body_under_its_marker() {
        assert_eq!(
            callout("info", "", Some("注意"), "第一段\n\n- 项"),
            "> [!info] 注意\n> 第一段\n>\n> - 项"
        );
        assert_eq!(callout("note", "-", None, ""), "> [!note]-");
    }
}
