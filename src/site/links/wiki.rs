//! Obsidian's wiki links, `[[页面标题]]`, `[[file-name]]`, `[[folder/page#小节|text]]`, and
//! embeds, `![[图.png]]`: a page is named by its title or its file's name, as a note
//! taker wrote it, not by a path from the linking file. Notes moved in from Obsidian
//! showed them as typed (the eighth new-user walk-through).
//!
//! One that names nothing, or several pages, is a warning (the author's vault may hold
//! pages not moved in yet) and the page shows the link's text without a link.

use std::collections::HashMap;

use super::{join, LinkIndex, Resolved};
use crate::content::page::Page;
use crate::diagnostics::{Diagnostic, Problem};
use crate::markdown::{LinkRef, TocEntry};
use crate::messages::Text;
use crate::site::{PageId, Site};
use crate::t;

/// Pages by what a wiki link may call them, and attachments by their file name.
#[derive(Debug, Default)]
pub struct WikiIndex {
    by_title: HashMap<String, Vec<PageId>>,
    by_name: HashMap<String, Vec<PageId>>,
    files_by_name: HashMap<String, Vec<String>>,
}

/// A name as a wiki link matches it: any case, without spaces, `-` or `_` (`Risk
/// register`, `risk-register` and `RiskRegister` are one), in Unicode's composed form.
pub fn key(name: &str) -> String {
    crate::slugs::nfc(name.trim())
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The names a page's file gives it: its file's name without `.md` (its folder's for a
/// bundle's `index.md` or a section's `_index.md`) and the last part of its address.
fn names(page: &Page) -> Vec<String> {
    let rel = page.rel_path.strip_suffix(".md").unwrap_or(&page.rel_path);
    let (dir, stem) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = match stem {
        "index" | "_index" => dir.rsplit('/').next().unwrap_or(dir),
        _ => stem,
    };
    let slug = page
        .url
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    let mut out = vec![key(stem)];
    if !slug.is_empty() && key(slug) != out[0] {
        out.push(key(slug));
    }
    out.retain(|k| !k.is_empty());
    out
}

impl WikiIndex {
    pub fn of(site: &Site) -> WikiIndex {
        let mut index = WikiIndex::default();
        for (id, page) in site.pages.iter_enumerated() {
            let title = key(&page.title);
            if !title.is_empty() {
                index.by_title.entry(title).or_default().push(id);
            }
            for name in names(page) {
                index.by_name.entry(name).or_default().push(id);
            }
        }
        for rel in site.assets.iter().chain(site.static_files.keys()) {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            index
                .files_by_name
                .entry(key(name))
                .or_default()
                .push(rel.clone());
        }
        index
    }
}

/// Whether `new`, replacing `old`, takes or gives up a title some wiki link names: the
/// link may go elsewhere now, or nowhere, so the site must be linked again. Any other
/// new title leaves every wiki link where it went (`serve` only sorts the lists again).
pub fn retitles_a_target(site: &Site, old: &Page, new: &Page) -> bool {
    if key(&old.title) == key(&new.title) {
        return false;
    }
    let titles = [key(&old.title), key(&new.title)];
    site.pages.iter().any(|p| {
        p.body.links.iter().any(|l| {
            if !l.wiki {
                return false;
            }
            let target = l.dest.split('#').next().unwrap_or("").trim();
            let target = target.strip_suffix(".md").unwrap_or(target);
            titles.contains(&key(target))
        })
    })
}

/// Where wiki link `link` of `page` goes, and what to tell of it: a warning when it
/// names nothing (no target: shown as text), several pages, or a heading the page lacks
/// (the link goes to the page).
pub(super) fn resolve(
    site: &Site,
    index: &LinkIndex,
    page: &Page,
    link: &LinkRef,
) -> (Option<Resolved>, Option<Diagnostic>) {
    let warn = |reason: Text, help: Text| {
        Diagnostic::warning(Problem::BrokenLink {
            target: format!("{}[[{}]]", if link.is_image { "!" } else { "" }, link.dest),
            reason,
        })
        .at(super::written_at(page, link))
        .with_help(help)
    };
    let (target, heading) = match link.dest.split_once('#') {
        Some((t, h)) => (t.trim(), Some(h.trim())),
        None => (link.dest.trim(), None),
    };
    let extension = target
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| !e.contains('/') && !e.contains(' '));
    let names_file = extension.as_deref().is_some_and(|e| e != "md");
    if names_file {
        return match file(site, index, page, target) {
            Ok(rel) => (
                Some(Resolved {
                    url: crate::escape::url_path(&rel),
                    target: None,
                }),
                None,
            ),
            Err((reason, help)) => (None, Some(warn(reason, help))),
        };
    }
    let found = if target.is_empty() {
        site.pages
            .iter_enumerated()
            .find(|(_, p)| p.rel_path == page.rel_path)
            .map(|(id, _)| id)
            .into_iter()
            .collect()
    } else {
        pages(
            site,
            index,
            page,
            target.strip_suffix(".md").unwrap_or(target),
        )
    };
    let id = match found.as_slice() {
        [id] => *id,
        [] => {
            let help = match closest_titles(site, target).as_slice() {
                [] => t!("a wiki link names a page by its title or its file's name (without .md); until one is found the page shows the link's text"),
                titles => t!(
                    "did you mean {titles}? A wiki link names a page by its title or its file's name; until one is found the page shows the link's text",
                    titles = titles.join(", ")
                ),
            };
            let reason = t!("no page is titled or named `{target}`", target = target);
            return (None, Some(warn(reason, help)));
        }
        several => {
            let paths: Vec<String> = several
                .iter()
                .take(5)
                .map(|&id| site.page(id).rel_path.clone())
                .collect();
            let first = paths[0].strip_suffix(".md").unwrap_or(&paths[0]);
            return (
                None,
                Some(warn(
                    t!(
                        "`{target}` names {count} pages: content/{pages}",
                        target = target,
                        count = several.len(),
                        pages = paths.join(", content/")
                    ),
                    t!(
                        "write the page's path in content/ to choose one, e.g. `[[{path}]]`",
                        path = first
                    ),
                )),
            );
        }
    };
    let target_page = site.page(id);
    let mut url = target_page.url.clone();
    let mut told = None;
    if let Some(heading) = heading.filter(|h| !h.is_empty()) {
        if link.is_image && heading.starts_with('^') {
            // Obsidian's block ids (`^abc123`) are not read: the embed is a link.
            let told = warn(
                t!("pmo does not show one block of a page (`#^…`): the page shows a link to {page} instead", page = &target_page.path),
                t!("embed the section holding it by its heading, `![[{target}#heading]]`", target = target),
            );
            return (
                Some(Resolved {
                    url,
                    target: Some(id),
                }),
                Some(told),
            );
        }
        match anchor(target_page, heading) {
            Ok(id) => {
                url.push('#');
                url.push_str(&id);
            }
            Err(help) => {
                let reason = if link.is_image {
                    t!(
                        "{page} has no heading `{heading}`: the page shows a link to it instead of the section",
                        page = &target_page.path,
                        heading = heading
                    )
                } else {
                    t!(
                        "{page} has no heading `{heading}`: the link goes to the top of the page",
                        page = &target_page.path,
                        heading = heading
                    )
                };
                told = Some(warn(reason, help));
            }
        }
    }
    (
        Some(Resolved {
            url,
            target: Some(id),
        }),
        told,
    )
}

/// The pages `target` names: by its path in content/ or from the page's folder when it
/// holds a `/`, else by title, else by file name.
fn pages(site: &Site, index: &LinkIndex, page: &Page, target: &str) -> Vec<PageId> {
    let wiki = &index.wiki;
    if target.contains('/') {
        let from_here = join(page.dir(), target);
        let at = |rel: &str| {
            ["", "/index", "/_index"].iter().find_map(|end| {
                let file = format!("{rel}{end}.md");
                index.by_rel.get(crate::slugs::nfc(&file).as_ref()).copied()
            })
        };
        let exact =
            at(target.trim_start_matches('/')).or_else(|| from_here.as_deref().and_then(at));
        if let Some(id) = exact {
            return vec![id];
        }
        let last = target.rsplit('/').next().unwrap_or(target);
        let whole = key(target);
        return wiki
            .by_name
            .get(&key(last))
            .map(|ids| {
                ids.iter()
                    .copied()
                    .filter(|&id| {
                        let rel = &site.page(id).rel_path;
                        key(rel.strip_suffix(".md").unwrap_or(rel)).ends_with(&whole)
                    })
                    .collect()
            })
            .unwrap_or_default();
    }
    let k = key(target);
    wiki.by_title
        .get(&k)
        .or_else(|| wiki.by_name.get(&k))
        .cloned()
        .unwrap_or_default()
}

/// The attachment or static file `target` names: beside the page, from content/ (or
/// static/), or by its name alone when one file has it. A path may not leave content/.
fn file(site: &Site, index: &LinkIndex, page: &Page, target: &str) -> Result<String, (Text, Text)> {
    let is_file = |rel: &str| index.assets.contains(rel) || site.static_files.contains_key(rel);
    let Some(here) = join(page.dir(), target) else {
        return Err((
            t!("the path leaves the content folder"),
            t!("links may only point at files inside content/ (or at http(s) addresses)"),
        ));
    };
    if is_file(&here) {
        return Ok(here);
    }
    let from_root = target.trim_start_matches('/');
    if is_file(from_root) {
        return Ok(from_root.to_string());
    }
    let last = target.rsplit('/').next().unwrap_or(target);
    let named: Vec<&String> = index
        .wiki
        .files_by_name
        .get(&key(last))
        .map(|files| {
            files
                .iter()
                .filter(|rel| key(rel).ends_with(&key(target)))
                .collect()
        })
        .unwrap_or_default();
    match named.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err((
            t!(
                "there is no file `{target}` beside the page, in content/ or in static/",
                target = target
            ),
            t!("put the file beside the page or in static/, or write its path from content/"),
        )),
        several => Err((
            t!(
                "`{target}` names {count} files: {files}",
                target = target,
                count = several.len(),
                files = several
                    .iter()
                    .take(5)
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            t!("write the file's path in content/ to choose one"),
        )),
    }
}

/// The id of `page`'s heading `heading`, as written (any case and spacing) or as its id.
fn anchor(page: &Page, heading: &str) -> Result<String, Text> {
    fn find(toc: &[TocEntry], wanted: &str) -> Option<String> {
        toc.iter().find_map(|e| {
            (key(&e.title) == wanted)
                .then(|| e.id.clone())
                .or_else(|| find(&e.children, wanted))
        })
    }
    if let Some(id) = find(&page.body.toc, &key(heading)) {
        return Ok(id);
    }
    if page.body.anchor_ids().contains(&heading) {
        return Ok(heading.to_string());
    }
    let slug = crate::slugs::slugify(heading, "section");
    super::check_anchor(page, &slug).map(|()| slug)
}

/// Up to three titles of the site close to `target`, closest first, quoted.
fn closest_titles(site: &Site, target: &str) -> Vec<String> {
    let titles: Vec<&str> = site.pages.iter().map(|p| p.title.as_str()).collect();
    crate::suggest::close_enough(target, &titles, 3)
        .into_iter()
        .map(|t| format!("[[{t}]]"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn names_match_in_any_case_and_spacing() {
        assert_eq!(key(" Risk register "), key("risk-register"));
        assert_eq!(key("RiskRegister"), key("risk_register"));
        assert_eq!(key("风险 登记册"), "风险登记册");
        assert_ne!(key("风险登记册"), key("风险登记"));
    }
}
