//! Obsidian's page embeds, `![[页面]]` and `![[页面#小节]]`: the other page's body (or one
//! of its sections) shown in place, in a bordered block titled with a link to it. Notes
//! written in Obsidian lean on them, and pmo used to show only a warning.
//!
//! The paste happens when a page's body is written, after every page's links were
//! resolved, so the embedded text brings its own links resolved from its own folder.
//! What cannot be trusted to paste is refused before: a page that embeds itself through
//! others is an error naming the chain ([`check`]), and a chain deeper than
//! [`MAX_DEPTH`] is a warning and shows a link to the page instead.
//!
//! Audiences need nothing here: a page the build's audience may not see (or a draft
//! left out) is not in the site, so its embed finds nothing, is warned of and shows the
//! name as written, never the page's text.

use std::collections::{HashMap, HashSet};

use super::links::{href, unresolved_wiki, written_at, PageLinks, Resolved};
use super::{PageId, Site};
use crate::content::page::Page;
use crate::diagnostics::{Diagnostic, Problem};
use crate::escape;
use crate::ids::Id;
use crate::markdown::{balance, block_marker, embedded_block_marker, substitute_links, LinkRef};
use crate::t;

/// How many pages deep embeds may go (A shows B, which shows C …): deeper, the embed is a
/// link to its page. Obsidian stops too; a reader lost in six nested boxes is lost.
pub const MAX_DEPTH: usize = 5;

/// The most pages one page's body may paste in all: an embed repeated in every embedded
/// page would otherwise grow as a power of the depth.
const MAX_PASTES: usize = 200;

/// The page link `link` embeds, when it is an embed of a page that was found (an embed
/// of a picture or a file is an image, resolved without a target page).
pub fn target_of(link: &LinkRef, resolved: Option<&Option<Resolved>>) -> Option<PageId> {
    if !(link.wiki && link.is_image) {
        return None;
    }
    resolved?.as_ref()?.target
}

/// The heading `link` asks for (`![[页面#小节]]`), if any.
fn wanted_heading(link: &LinkRef) -> Option<&str> {
    link.dest
        .split_once('#')
        .map(|(_, h)| h.trim())
        .filter(|h| !h.is_empty())
}

/// The embeds reached from `roots` that lead a page back to itself (an error naming the
/// chain, each step at its file, line and column), and the pages of `roots` whose chain
/// of embeds runs deeper than [`MAX_DEPTH`] (a warning: past it the reader gets a link).
/// `links_of` gives each page's resolved links, some of them not yet in `site`
/// (`serve`'s edit). One depth-first walk, each page once, on a stack of its own: a
/// chain of thousands of pages costs what it holds and overflows nothing.
pub fn check<'a>(
    site: &'a Site,
    roots: &[PageId],
    links_of: &dyn Fn(PageId) -> Option<&'a PageLinks>,
) -> Vec<Diagnostic> {
    // A page shown whole, or one section of it: only the embeds in that section are
    // pasted with it, so only they can lead back.
    let embeds = |(id, section): &Node| -> Vec<(usize, Node)> {
        let links = links_of(*id);
        let page = site.page(*id);
        let shown = section
            .as_deref()
            .map(|s| cut_section(&page.body.html.unpack(), s));
        page.body
            .links
            .iter()
            .enumerate()
            .filter(|(n, _)| {
                shown
                    .as_deref()
                    .is_none_or(|html| html.contains(&format!("\"pmo-link:{n}\"")))
            })
            .filter_map(|(n, link)| {
                let resolved = links.and_then(|l| l.get(n));
                let target = target_of(link, resolved)?;
                let fragment = resolved?.as_ref()?.url.split_once('#').map(|(_, f)| f);
                // An embed of a heading not found shows a link, not the page.
                if wanted_heading(link).is_some() && fragment.is_none() {
                    return None;
                }
                Some((n, (target, fragment.map(escape::percent_decode))))
            })
            .collect()
    };
    // Open while on the stack; then how deep its embeds go.
    let mut depth: HashMap<Node, Option<usize>> = HashMap::new();
    let mut problems = Vec::new();
    for &root in roots {
        let root: Node = (root, None);
        if depth.contains_key(&root) {
            continue;
        }
        let mut stack = vec![Frame {
            embeds: embeds(&root),
            node: root.clone(),
            next: 0,
            deepest: 0,
        }];
        depth.insert(root, None);
        while let Some(top) = stack.last_mut() {
            let Some((_, child)) = top.embeds.get(top.next).cloned() else {
                let done = stack.pop().map_or(0, |f| {
                    depth.insert(f.node, Some(f.deepest));
                    f.deepest
                });
                if let Some(parent) = stack.last_mut() {
                    parent.deepest = parent.deepest.max(done + 1);
                }
                continue;
            };
            top.next += 1;
            match depth.get(&child) {
                Some(Some(below)) => top.deepest = top.deepest.max(below + 1),
                Some(None) => {
                    let from = stack.iter().position(|f| f.node == child).unwrap_or(0);
                    problems.push(cycle(site, &stack[from..]));
                }
                None => {
                    stack.push(Frame {
                        embeds: embeds(&child),
                        node: child.clone(),
                        next: 0,
                        deepest: 0,
                    });
                    depth.insert(child, None);
                }
            }
        }
    }
    for &root in roots {
        let node: Node = (root, None);
        let Some(Some(deepest)) = depth.get(&node).copied() else {
            continue;
        };
        if deepest <= MAX_DEPTH {
            continue;
        }
        // The embed the deepest chain starts with.
        let first = embeds(&node)
            .into_iter()
            .find(|(_, t)| depth.get(t).copied().flatten().map_or(0, |d| d + 1) == deepest);
        let Some((n, _)) = first else { continue };
        let link = &site.page(root).body.links[n];
        problems.push(
            Diagnostic::warning(Problem::Content(t!(
                "`![[{target}]]` starts a chain of pages showing pages {depth} deep; past {max} the page shows a link instead",
                target = link.dest.as_str(),
                depth = deepest,
                max = MAX_DEPTH
            )))
            .at(written_at(site.page(root), link))
            .with_help(t!("write some of the embeds in the chain as links, `[[…]]`")),
        );
    }
    problems
}

/// A page as an embed shows it: whole, or one section (by its heading's id).
type Node = (PageId, Option<String>);

/// A page being walked by [`check`]: its embeds, the next to follow, the deepest chain
/// below it.
struct Frame {
    node: Node,
    embeds: Vec<(usize, Node)>,
    next: usize,
    deepest: usize,
}

/// The error for a loop of embeds, told at its first embed: `frames` from the page the
/// loop starts at, each at the embed it followed.
fn cycle(site: &Site, frames: &[Frame]) -> Diagnostic {
    let step = |f: &Frame| {
        let (n, _) = f.embeds[f.next - 1];
        (site.page(f.node.0), &site.page(f.node.0).body.links[n])
    };
    let steps: Vec<String> = frames
        .iter()
        .map(|f| {
            let (page, link) = step(f);
            place(page, link)
        })
        .chain(frames.first().map(|f| shown(site.page(f.node.0))))
        .collect();
    let (page, link) = step(&frames[0]);
    Diagnostic::error(Problem::Content(t!(
        "`![[{target}]]` shows a page that shows this one again: {chain}",
        target = link.dest.as_str(),
        chain = steps.join(" → ")
    )))
    .at(written_at(page, link))
    .with_help(t!(
        "take one of these embeds out, or write it as a link, `[[{target}]]`",
        target = link.dest.as_str()
    ))
}

/// `content/a.md:3:1`: where an embed is written, for a chain told in one line.
fn place(page: &Page, link: &LinkRef) -> String {
    let (line, col) = written_at(page, link).line_col();
    format!("{}:{line}:{col}", shown(page))
}

fn shown(page: &Page) -> String {
    page.path.display().to_string().replace('\\', "/")
}

/// The pages showing page `id` through embeds, directly or through other pages, each
/// once: `serve` renders them again when `id` is edited.
pub fn embedders(site: &Site, id: PageId) -> Vec<PageId> {
    let mut found = Vec::new();
    let mut todo = vec![id];
    while let Some(shown) = todo.pop() {
        for &from in site.backlinks.get(shown).into_iter().flatten() {
            let page = site.page(from);
            let links = site.links.get(from);
            let embeds_it = page
                .body
                .links
                .iter()
                .enumerate()
                .any(|(n, link)| target_of(link, links.and_then(|l| l.get(n))) == Some(shown));
            if embeds_it && from != id && !found.contains(&from) {
                found.push(from);
                todo.push(from);
            }
        }
    }
    found
}

/// A page's body with the pages it embeds pasted in, and which pages those are (for
/// their chart and table blocks, and whether any holds raw HTML to sanitize).
pub struct Embedded {
    pub html: String,
    pub pages: Vec<PageId>,
}

/// Page `id`'s body HTML with its links filled in (`prefix`: the way to the site's root
/// before a site URL) and each page it embeds pasted in place.
pub fn body(site: &Site, id: PageId, prefix: &str) -> Embedded {
    let mut paste = Paste {
        site,
        prefix,
        chain: vec![(id, None)],
        pages: Vec::new(),
    };
    let html = paste.page(id, None);
    Embedded {
        html,
        pages: paste.pages,
    }
}

struct Paste<'a> {
    site: &'a Site,
    prefix: &'a str,
    /// The pages (or sections) being pasted, outermost first: one met again is not
    /// pasted.
    chain: Vec<Node>,
    pages: Vec<PageId>,
}

impl Paste<'_> {
    /// Page `id`'s HTML (only its section from heading `section` on, when given), links
    /// filled in, embeds pasted.
    fn page(&mut self, id: PageId, section: Option<&str>) -> String {
        let site = self.site;
        let page = site.page(id);
        let resolved = site.links.get(id);
        let mut html = unresolved_wiki(site, id, page.body.html.unpack());
        let nested = self.chain.len() > 1;
        if nested {
            // Its blocks are drawn from its own data: marked as its own, so the page
            // showing it never puts one of its own figures in their place.
            for n in 0..page.body.blocks.len() {
                html = html.replace(&block_marker(n), &embedded_block_marker(id.index(), n));
            }
        }
        let mut embeds = Vec::new();
        for (n, link) in page.body.links.iter().enumerate() {
            if let Some(target) = target_of(link, resolved.and_then(|r| r.get(n))) {
                html = html.replacen(&image_tag(&html, n), &token(n), 1);
                embeds.push((n, target));
            }
        }
        if let Some(id) = section {
            html = balance(&cut_section(&html, id));
        }
        let mut html = substitute_links(&html, |n| href(site, id, n, self.prefix));
        for (n, target) in embeds {
            if !html.contains(&token(n)) {
                continue;
            }
            let link = &page.body.links[n];
            let url = resolved
                .and_then(|r| r.get(n))
                .and_then(Option::as_ref)
                .map_or("", |r| r.url.as_str());
            let block = self.block(target, link, url);
            html = in_place(&html, &token(n), &block);
        }
        html
    }

    /// The bordered block showing page `target` (or its section named in `url`), or a
    /// link to it when it may not be pasted here.
    fn block(&mut self, target: PageId, link: &LinkRef, url: &str) -> String {
        let site = self.site;
        let page = site.page(target);
        let section = url.split_once('#').map(|(_, f)| f);
        let heading_missing = wanted_heading(link).is_some() && section.is_none();
        let title = match section.and_then(|f| heading_title(page, f)) {
            Some(h) => format!("{} › {}", page.title, h),
            None => page.title.clone(),
        };
        let anchor = format!(
            "<a href=\"{}\">{}</a>",
            escape::xml(&format!("{}{url}", self.prefix)),
            escape::xml(&title)
        );
        let node: Node = (target, section.map(crate::escape::percent_decode));
        if heading_missing
            || self.chain.contains(&node)
            || self.chain.len() > MAX_DEPTH
            || self.pages.len() >= MAX_PASTES
        {
            return format!("<p class=\"page-embed-link\">{anchor}</p>");
        }
        self.pages.push(target);
        let n = self.pages.len();
        let page_url = format!("{}{}", self.prefix, page.url);
        self.chain.push(node.clone());
        let inner = self.page(target, node.1.as_deref());
        self.chain.pop();
        format!(
            "<div class=\"page-embed\"><p class=\"page-embed-title\">{anchor}</p>{}</div>",
            with_ids_prefixed(&inner, &format!("embed{n}-"), &page_url)
        )
    }
}

/// The `<img>` Markdown wrote for embed `n` (`![[页面]]` is read as a picture).
fn image_tag(html: &str, n: usize) -> String {
    let start = format!("<img src=\"pmo-link:{n}\"");
    html.find(&start)
        .and_then(|at| {
            html[at..]
                .find("/>")
                .map(|end| html[at..at + end + 2].to_string())
        })
        .unwrap_or(start)
}

/// What stands for embed `n` between the links being filled in and the paste.
fn token(n: usize) -> String {
    format!("<!--pmo-embed:{n}-->")
}

/// `html` with `token` replaced by `block`: a paragraph holding only the embed is
/// replaced whole, and one holding more is closed before the block and opened after it
/// (a block inside `<p>` is not HTML).
fn in_place(html: &str, token: &str, block: &str) -> String {
    let whole = format!("<p>{token}</p>");
    if html.contains(&whole) {
        return html.replacen(&whole, block, 1);
    }
    let Some(at) = html.find(token) else {
        return html.to_string();
    };
    let before = &html[..at];
    let in_paragraph = before
        .rfind("<p>")
        .is_some_and(|open| before.rfind("</p>").is_none_or(|close| close < open));
    let block = if in_paragraph {
        format!("</p>{block}<p>")
    } else {
        block.to_string()
    };
    html.replacen(token, &block, 1).replace("<p></p>", "")
}

/// The part of `html` from the heading with id `id` up to the next heading of its level
/// or a higher one (or the end); empty when no heading has that id.
fn cut_section(html: &str, id: &str) -> String {
    let Some((start, level)) = headings(html)
        .find(|(_, _, hid)| *hid == escape::xml(id))
        .map(|(at, level, _)| (at, level))
    else {
        return String::new();
    };
    let end = headings(&html[start..])
        .skip(1)
        .find(|(_, l, _)| *l <= level)
        .map_or(html.len(), |(at, _, _)| start + at);
    html[start..end].to_string()
}

/// Each heading Markdown wrote (`<h2 id="…">`): where it starts, its level and its id.
fn headings(html: &str) -> impl Iterator<Item = (usize, u8, &str)> {
    html.match_indices("<h").filter_map(move |(at, _)| {
        let rest = &html[at + 2..];
        let level = rest
            .as_bytes()
            .first()
            .filter(|b| (b'1'..=b'6').contains(b))?
            - b'0';
        let id = rest[1..].strip_prefix(" id=\"")?;
        Some((at, level, &id[..id.find('"')?]))
    })
}

/// The title of `page`'s heading whose id is `fragment`.
fn heading_title(page: &Page, fragment: &str) -> Option<String> {
    fn find(toc: &[crate::markdown::TocEntry], id: &str) -> Option<String> {
        toc.iter().find_map(|e| {
            (e.id == id)
                .then(|| e.title.clone())
                .or_else(|| find(&e.children, id))
        })
    }
    find(&page.body.toc, &escape::percent_decode(fragment))
}

/// `html` with every `id` and every link to one on the same page (`href="#…"`) given
/// `prefix`: the embedded page's headings and footnotes keep their own anchors without
/// taking the showing page's ids (a duplicate id sends its links to the first). A link to
/// an anchor the pasted part lacks (a section shown alone) goes to it on `page_url`.
fn with_ids_prefixed(html: &str, prefix: &str, page_url: &str) -> String {
    let ids: HashSet<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let html = html.replace(" id=\"", &format!(" id=\"{prefix}"));
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find("href=\"#") {
        let after = &rest[at + 7..];
        let fragment = after.split('"').next().unwrap_or("");
        out.push_str(&rest[..at + 6]);
        if ids.contains(escape::percent_decode(fragment).as_str()) {
            out.push('#');
            out.push_str(prefix);
        } else {
            out.push_str(&escape::xml(page_url));
            out.push('#');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_runs_to_the_next_heading_of_its_level_or_higher() {
        let html = "<h1 id=\"a\">A</h1><p>1</p><h2 id=\"b\">B</h2><p>2</p><h3 id=\"c\">C</h3><p>3</p><h2 id=\"d\">D</h2><p>4</p>";
        assert_eq!(
            cut_section(html, "b"),
            "<h2 id=\"b\">B</h2><p>2</p><h3 id=\"c\">C</h3><p>3</p>"
        );
        assert_eq!(cut_section(html, "d"), "<h2 id=\"d\">D</h2><p>4</p>");
        assert_eq!(cut_section(html, "无"), "");
    }

    #[test]
    fn an_embed_alone_in_its_paragraph_replaces_it_and_one_in_a_sentence_splits_it() {
        let block = "<div>B</div>";
        assert_eq!(in_place("<p><!--x--></p>", "<!--x-->", block), block);
        assert_eq!(
            in_place("<p>见<!--x-->下文</p>", "<!--x-->", block),
            "<p>见</p><div>B</div><p>下文</p>"
        );
        assert_eq!(
            in_place("<li><!--x--></li>", "<!--x-->", block),
            "<li><div>B</div></li>"
        );
    }

    #[test]
    fn ids_and_links_to_them_are_prefixed() {
        assert_eq!(
            with_ids_prefixed(
                "<h2 id=\"风险\"><a href=\"#%E9%A3%8E%E9%99%A9\">#</a></h2><a href=\"#别处\">x</a>",
                "embed1-",
                "../b/"
            ),
            "<h2 id=\"embed1-风险\"><a href=\"#embed1-%E9%A3%8E%E9%99%A9\">#</a></h2><a href=\"../b/#别处\">x</a>"
        );
    }
}
