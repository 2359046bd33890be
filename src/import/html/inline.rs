//! Inline content of a Confluence page: text, emphasis, code, links and images, status
//! lozenges and user mentions, written as Markdown (or as HTML inside a table kept as
//! HTML, `Mode::Html`).

use std::path::Path;

use super::convert::{one_line, Converter, Mode};
use super::links::Target;
use crate::t;

/// Confluence's emoticons, by the name its image carries, as the character they show.
const EMOTICONS: &[(&str, &str)] = &[
    ("tick", "✅"),
    ("check", "✅"),
    ("cross", "❌"),
    ("error", "❌"),
    ("warning", "⚠️"),
    ("information", "ℹ️"),
    ("plus", "➕"),
    ("minus", "➖"),
    ("question", "❓"),
    ("light-on", "💡"),
    ("lightbulb_on", "💡"),
    ("star_yellow", "⭐"),
    ("yellow-star", "⭐"),
    ("thumbs-up", "👍"),
    ("thumbs_up", "👍"),
    ("thumbs-down", "👎"),
    ("thumbs_down", "👎"),
    ("smile", "🙂"),
    ("sad", "🙁"),
    ("laugh", "😀"),
    ("wink", "😉"),
];

impl Converter<'_> {
    /// Appends the inline form of `id` to `out`.
    pub(super) fn inline(&mut self, id: usize, out: &mut String) {
        if let Some(text) = self.text_node(id) {
            out.push_str(&self.escaped(&text));
            return;
        }
        let dom = self.dom;
        let Some(name) = dom.name(id) else {
            return;
        };
        if self.too_deep(id) {
            out.push_str(&self.escaped(&super::convert::collapsed(&dom.text(id))));
            return;
        }
        self.depth += 1;
        self.inline_element(id, name, out);
        self.depth -= 1;
    }

    fn inline_element(&mut self, id: usize, name: &str, out: &mut String) {
        let dom = self.dom;
        let lozenge = dom.has_class(id, "status-macro") || dom.has_class(id, "aui-lozenge");
        let mention = dom.has_class(id, "confluence-userlink")
            || dom.has_class(id, "user-mention")
            || dom.attr(id, "data-username").is_some();
        if lozenge {
            let text = one_line(&self.inline_of(id));
            out.push_str(&self.wrapped(&text, "**", "strong"));
            return;
        }
        if mention {
            let text = one_line(&self.inline_of(id));
            out.push_str(&text);
            return;
        }
        match name {
            "br" => out.push_str(match self.mode {
                Mode::Markdown => "\\\n",
                Mode::Cell | Mode::Html => "<br>",
            }),
            "strong" | "b" => self.wrap_children(id, out, "**", "strong"),
            "em" | "i" | "cite" => self.wrap_children(id, out, "*", "em"),
            "del" | "s" | "strike" => self.wrap_children(id, out, "~~", "del"),
            "code" | "tt" | "kbd" | "samp" => {
                let text = self.dom.text(id);
                out.push_str(&self.code_span(&text));
            }
            "a" => self.link(id, out),
            "table" if self.mode != Mode::Markdown => {
                if let Some(text) = self.table(id) {
                    out.push_str(&text);
                    out.push_str("<br>");
                }
            }
            "img" => self.image(id, out),
            "script" | "style" | "input" | "button" | "select" | "textarea" => {}
            _ => {
                if self.is_block(id) {
                    // A block inside inline content (a cell's paragraphs, a list in a
                    // lozenge): its text on its own line.
                    let sep = match self.mode {
                        Mode::Markdown => "\\\n",
                        Mode::Cell | Mode::Html => "<br>",
                    };
                    let before = out.len();
                    if name == "li" {
                        out.push_str("• ");
                    }
                    self.inline_children(id, out);
                    if out.len() > before && !out.ends_with(sep) {
                        out.push_str(sep);
                    }
                } else {
                    self.inline_children(id, out);
                }
            }
        }
    }

    fn wrap_children(&mut self, id: usize, out: &mut String, md: &str, tag: &str) {
        let inner = self.inline_of(id);
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.trim_end().len();
        if inner.trim().is_empty() {
            out.push_str(&inner);
            return;
        }
        out.push_str(&inner[..lead]);
        out.push_str(&self.wrapped(inner[lead..trail].trim(), md, tag));
        out.push_str(&inner[trail..]);
    }

    /// `text` emphasised: with Markdown's marks where they work, else with the tag,
    /// since `**粗体：**紧跟中文` stays literal under CommonMark's rules for marks beside
    /// punctuation.
    fn wrapped(&self, text: &str, md: &str, tag: &str) -> String {
        if text.is_empty() {
            return String::new();
        }
        let plain = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if self.mode == Mode::Html || !plain(text.chars().next()) || !plain(text.chars().last()) {
            format!("<{tag}>{text}</{tag}>")
        } else {
            format!("{md}{text}{md}")
        }
    }

    fn code_span(&self, text: &str) -> String {
        let text = one_line(text);
        if text.is_empty() {
            return String::new();
        }
        if self.mode == Mode::Html {
            return format!("<code>{}</code>", crate::escape::xml(&text));
        }
        let ticks = "`".repeat(text.split(|c| c != '`').map(str::len).max().unwrap_or(0) + 1);
        let pad = if text.starts_with('`') || text.ends_with('`') {
            " "
        } else {
            ""
        };
        let text = if self.mode == Mode::Cell {
            text.replace('|', "\\|")
        } else {
            text
        };
        format!("{ticks}{pad}{text}{pad}{ticks}")
    }

    /// Text escaped for the mode: Markdown's marks with a backslash, HTML's with
    /// entities.
    pub(super) fn escaped(&self, text: &str) -> String {
        if self.mode == Mode::Html {
            return crate::escape::xml(text);
        }
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if matches!(
                c,
                '\\' | '*'
                    | '_'
                    | '['
                    | ']'
                    | '<'
                    | '>'
                    | '`'
                    | '~'
                    | '|'
                    | '#'
                    | '&'
                    | '!'
                    | '{'
                    | '}'
                    | '$'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    fn link(&mut self, id: usize, out: &mut String) {
        let text = self.inline_of(id);
        let Some(href) = self.dom.attr(id, "href").map(str::to_string) else {
            // An anchor (`<a name>`): its text only.
            out.push_str(&text);
            return;
        };
        let shown = if one_line(&text).is_empty() {
            self.escaped(&href)
        } else {
            one_line(&text)
        };
        let address = match self.pages.target(&href, self.export) {
            Target::Page(page) => {
                if href.contains('#') {
                    self.note(
                        id,
                        t!("the link to `{href}` loses its place on that page: Confluence's anchors are not the portal's heading ids", href = href.as_str()),
                        t!("add `#` and the heading's id to the link if it should open at a heading"),
                    );
                }
                if self.bundle {
                    format!("../{page}")
                } else {
                    page
                }
            }
            Target::File(path) => self.attached(&path, id),
            Target::Web(url) => url,
            Target::Anchor | Target::Icon => {
                out.push_str(&text);
                return;
            }
            Target::Nowhere => {
                self.note(
                    id,
                    t!("the link to `{href}` leads to nothing the export holds (a page of the space left out, or Confluence's own address): kept as its text", href = href.as_str()),
                    t!("link the text to the page in the portal, or to the full address"),
                );
                out.push_str(&text);
                return;
            }
        };
        out.push_str(&self.link_to(&shown, &address, false));
    }

    fn image(&mut self, id: usize, out: &mut String) {
        let dom = self.dom;
        let src = dom
            .attr(id, "data-image-src")
            .or_else(|| dom.attr(id, "src"))
            .unwrap_or("")
            .to_string();
        let alt = dom.attr(id, "alt").unwrap_or("").to_string();
        if dom.has_class(id, "emoticon") || src.contains("/emoticons/") {
            let named = dom.attr(id, "data-emoticon-name").unwrap_or("");
            let stem = src
                .rsplit('/')
                .next()
                .unwrap_or("")
                .split('.')
                .next()
                .unwrap_or("");
            let shown = EMOTICONS
                .iter()
                .find(|(n, _)| *n == named || *n == stem)
                .map(|(_, c)| c.to_string())
                .unwrap_or_else(|| self.escaped(&alt));
            out.push_str(&shown);
            return;
        }
        let address = match self.pages.target(&src, self.export) {
            Target::File(path) => self.attached(&path, id),
            Target::Web(url) => url,
            Target::Icon => return,
            _ => {
                self.note(
                    id,
                    t!("the image `{src}` is not in the export, so the page does not show it", src = crate::escape::controls_escaped(&src).into_owned()),
                    t!("put the image beside the page and write `![Description](image.png)` where it stood"),
                );
                if !alt.is_empty() {
                    out.push_str(&self.escaped(&alt));
                }
                return;
            }
        };
        out.push_str(&self.link_to(&self.escaped(&alt), &address, true));
    }

    /// A link (or image) to `address` showing `text`.
    fn link_to(&self, text: &str, address: &str, image: bool) -> String {
        if self.mode == Mode::Html {
            let a = crate::escape::xml(address);
            return if image {
                format!("<img src=\"{a}\" alt=\"{text}\">")
            } else {
                format!("<a href=\"{a}\">{text}</a>")
            };
        }
        let bang = if image { "!" } else { "" };
        let address = address.replace(['<', '>'], "");
        format!("{bang}[{text}](<{address}>)")
    }

    /// The name the export's file `path` has beside the page, copied there: told at
    /// `id` (the element linking it) when it is not the name Confluence shows.
    pub(super) fn attached(&mut self, path: &Path, id: usize) -> String {
        if let Some(name) = self.named.get(path) {
            return name.clone();
        }
        let shown = self.shown_name(path).unwrap_or_else(|| {
            path.file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        });
        let file = crate::output::portable::without_look_alikes(&shown).into_owned();
        // The name Confluence shows (`aux.txt`, `纪要.`, `a:b.pdf`) as one a Windows
        // share can hold: the file copied beside the page is otherwise lost there.
        let file = match crate::output::portable::name_problem(&file) {
            Some((_, portable)) if !portable.is_empty() => portable,
            _ => file,
        };
        let mut name = file.clone();
        let mut n = 1;
        while self.named.values().any(|v| v == &name) || name == "index.md" {
            n += 1;
            name = format!("{n}-{file}");
        }
        if name != shown {
            // Two names made one (`a∕b.txt`, `a／b.txt`) are numbered apart, and the
            // author learns under which name each file now stands.
            self.note(
                id,
                t!(
                    "the attachment `{shown}` is copied as `{name}`: its name held characters that read as a path (`/`, `..`), or that a Windows share cannot hold, or another attachment's name",
                    shown = crate::escape::controls_escaped(&shown).into_owned(),
                    name = name.as_str()
                ),
                t!("nothing to do: the page links the file by its new name; rename it in the page folder if another name reads better"),
            );
        }
        self.named.insert(path.to_path_buf(), name.clone());
        self.files.push((path.to_path_buf(), name.clone()));
        name
    }
}
