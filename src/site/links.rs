//! Resolving the links authors write (relative paths to `.md` files, `#anchors`,
//! attachments) to site URLs, and reporting each broken one at its line.

use crate::messages::Text;
use crate::t;
use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::content::page::Page;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::ids::IdVec;
pub use crate::layout::join;
use crate::markdown::LinkRef;
use crate::site::{PageId, Site};
use crate::suggest::did_you_mean;
use nearby::{
    by_title, close_elsewhere, close_sibling, elsewhere, elsewhere_help, relative_link, same_file,
    same_name_file,
};

/// Where a link goes: a site-root-relative URL (with any `#fragment`), and the page it
/// names when it names one (for backlinks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub url: String,
    pub target: Option<PageId>,
}

/// What links are resolved against. Built once when the site is linked: an edit that keeps
/// every page in place leaves it valid, so `serve` reuses it.
#[derive(Debug, Default)]
pub struct LinkIndex {
    by_rel: HashMap<String, PageId>,
    by_url: HashMap<String, PageId>,
    /// The old addresses pages keep (`aliases:`): a link to one goes to the page where it
    /// is now, as its redirect would take a reader.
    by_alias: HashMap<String, PageId>,
    /// Sections and the list pages the build generates (taxonomies, the dashboard).
    section_urls: HashSet<String>,
    assets: HashSet<String>,
    /// Pages that failed to load: a link to one is not broken, its target is (and that
    /// is reported already).
    pub(super) failed: HashSet<String>,
    /// Folders named like a page (`lesson.md/`): their warning says the page is missing.
    pub(super) folders: HashSet<String>,
    /// Pages by title and file name, for wiki links (`[[页面标题]]`).
    wiki: wiki::WikiIndex,
}

/// One page's resolved links, in the order of its `body.links`.
pub type PageLinks = Vec<Option<Resolved>>;

pub fn resolve_all(site: &Site) -> (IdVec<PageId, PageLinks>, Vec<Diagnostic>) {
    let index = &site.link_index;
    let per_page: Vec<(PageLinks, Vec<Diagnostic>)> = site
        .pages
        .as_slice()
        .par_iter()
        .map(|page| resolve_page(site, index, page))
        .collect();
    let mut all_problems = Vec::new();
    let resolved: IdVec<PageId, PageLinks> = per_page
        .into_iter()
        .map(|(r, p)| {
            all_problems.extend(p);
            r
        })
        .collect();
    let ids: Vec<PageId> = site.pages.ids().collect();
    all_problems.extend(super::embeds::check(site, &ids, &|id| resolved.get(id)));
    (resolved, all_problems)
}

/// Resolves the links of `ids` only: after an edit that kept every page's place, only the
/// edited pages' links (and anchors pointing into them) can have changed.
pub fn resolve_some(site: &Site, ids: &[PageId]) -> (Vec<(PageId, PageLinks)>, Vec<Diagnostic>) {
    let index = &site.link_index;
    let mut all_problems = Vec::new();
    let resolved = ids
        .iter()
        .map(|&id| {
            let (r, p) = resolve_page(site, index, site.page(id));
            all_problems.extend(p);
            (id, r)
        })
        .collect::<Vec<_>>();
    let fresh: std::collections::HashMap<PageId, &PageLinks> =
        resolved.iter().map(|(id, r)| (*id, r)).collect();
    all_problems.extend(super::embeds::check(site, ids, &|id| {
        fresh.get(&id).copied().or_else(|| site.links.get(id))
    }));
    (resolved, all_problems)
}

impl LinkIndex {
    /// Whether a page, a list or an attachment is at `path` (under the site's root).
    pub fn names_address(&self, path: &str) -> bool {
        self.by_url.contains_key(path)
            || self.section_urls.contains(path)
            || self.assets.contains(path)
    }

    pub fn of(site: &Site) -> LinkIndex {
        LinkIndex {
            by_rel: site
                .pages
                .iter_enumerated()
                .map(|(i, p)| (crate::slugs::nfc(&p.rel_path).into_owned(), i))
                .collect(),
            by_url: site
                .pages
                .iter_enumerated()
                .map(|(i, p)| (p.url.clone(), i))
                .collect(),
            by_alias: site
                .pages
                .iter_enumerated()
                .flat_map(|(i, p)| p.aliases.iter().map(move |a| (a.url.clone(), i)))
                .collect(),
            section_urls: site
                .sections
                .iter()
                .map(|s| s.url.clone())
                .chain(site.taxonomies.iter().flat_map(|t| {
                    std::iter::once(t.url()).chain(t.terms.iter().map(|term| t.term_url(term)))
                }))
                .chain(
                    (!site.projects.is_empty()).then(|| crate::layout::DASHBOARD_URL.to_string()),
                )
                .collect(),
            assets: site.assets.iter().cloned().collect(),
            failed: HashSet::new(),
            folders: HashSet::new(),
            wiki: wiki::WikiIndex::of(site),
        }
    }
}

fn resolve_page(site: &Site, index: &LinkIndex, page: &Page) -> (PageLinks, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let resolved = page
        .body
        .links
        .iter()
        .map(|link| {
            if link.wiki {
                let (r, told) = wiki::resolve(site, index, page, link);
                problems.extend(told);
                return r;
            }
            match resolve(site, index, page, link) {
                Ok(r) => r,
                Err(d) => {
                    problems.push(d);
                    None
                }
            }
        })
        .collect();
    (resolved, problems)
}

/// What goes into link `n` of page `id`, with `prefix` (the way to the site's root)
/// before a site URL. An address in raw HTML that names nothing the build knows is kept
/// as written: it is the author's, and it was warned of.
pub fn href(site: &Site, id: PageId, n: usize, prefix: &str) -> Option<String> {
    match site.links.get(id)?.get(n)? {
        Some(r) => Some(format!("{prefix}{}", r.url)),
        None => {
            let link = site.page(id).body.links.get(n)?;
            link.raw.then(|| link.dest.clone())
        }
    }
}

/// Page `id`'s body HTML with its links filled in (`prefix`: the way to the site's root
/// before a site URL) and the pages it embeds pasted in (see [`super::embeds`]).
pub fn linked_body(site: &Site, id: PageId, prefix: &str) -> String {
    super::embeds::body(site, id, prefix).html
}

/// `html` (page `id`'s body) with each wiki link found nowhere made its text alone: it
/// was warned of, and a link to `#` would look like one that works.
pub(super) fn unresolved_wiki(site: &Site, id: PageId, mut html: String) -> String {
    let page = site.page(id);
    let resolved = site.links.get(id);
    for (n, link) in page.body.links.iter().enumerate() {
        let found = resolved.and_then(|r| r.get(n)).is_some_and(Option::is_some);
        if link.wiki && !found {
            html = if link.is_image {
                crate::markdown::unembed(&html, n)
            } else {
                crate::markdown::unlink(&html, n)
            };
        }
    }
    html
}

/// Pages that link to each page, each listed once, in page order.
pub fn backlinks(resolved: &IdVec<PageId, PageLinks>) -> IdVec<PageId, Vec<PageId>> {
    let mut back: IdVec<PageId, Vec<PageId>> = IdVec::filled(Vec::new(), resolved.len());
    for (from, links) in resolved.iter_enumerated() {
        for target in links.iter().flatten().filter_map(|r| r.target) {
            if target != from && back[target].last() != Some(&from) {
                back[target].push(from);
            }
        }
    }
    back
}

/// Brings `back` (as [`backlinks`] made it from `links`) up to date after the pages of
/// `fresh` were linked again, each with its new links; `links` still holds their old
/// ones. Only the targets those pages linked to before or link to now are looked at, so
/// an edit costs what it touches, not the site. Returns the targets whose list changed.
pub fn patch_backlinks(
    back: &mut IdVec<PageId, Vec<PageId>>,
    links: &IdVec<PageId, PageLinks>,
    fresh: &[(PageId, PageLinks)],
) -> Vec<PageId> {
    let targets = |from: PageId, links: &PageLinks| -> Vec<PageId> {
        links
            .iter()
            .flatten()
            .filter_map(|r| r.target)
            .filter(|&t| t != from)
            .collect()
    };
    let relinked: std::collections::BTreeSet<PageId> = fresh.iter().map(|(id, _)| *id).collect();
    let mut now: std::collections::BTreeMap<PageId, Vec<PageId>> = Default::default();
    let mut touched = std::collections::BTreeSet::new();
    for (from, new) in fresh {
        touched.extend(targets(*from, &links[*from]));
        for target in targets(*from, new) {
            touched.insert(target);
            now.entry(target).or_default().push(*from);
        }
    }
    let mut changed = Vec::new();
    for target in touched {
        let mut list: Vec<PageId> = back[target]
            .iter()
            .copied()
            .filter(|from| !relinked.contains(from))
            .chain(now.remove(&target).unwrap_or_default())
            .collect();
        list.sort_unstable();
        list.dedup();
        if list != back[target] {
            back[target] = list;
            changed.push(target);
        }
    }
    changed
}

fn resolve(
    site: &Site,
    index: &LinkIndex,
    page: &Page,
    link: &LinkRef,
) -> Result<Option<Resolved>, Diagnostic> {
    let broken = |reason: Text, help: Text| {
        let severity = if link.raw {
            Diagnostic::warning
        } else {
            Diagnostic::error
        };
        severity(Problem::BrokenLink {
            target: link.dest.clone(),
            reason,
        })
        .at(written_at(page, link))
        .with_help(help)
    };
    let (path_part, fragment) = match link.dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link.dest.as_str(), None),
    };
    // The query (`?tab=risks`) names no file: it is kept on the address resolved.
    let (path_part, query) = match path_part.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path_part, None),
    };
    let path = crate::escape::percent_decode(path_part);

    if path.is_empty() {
        let fragment = fragment.unwrap_or("");
        check_anchor(page, fragment).map_err(|help| {
            broken(
                t!(
                    "this page has no heading with the id `{fragment}`",
                    fragment = fragment
                ),
                help,
            )
        })?;
        return Ok(None);
    }

    if link.dest.starts_with("//") {
        // An address without its scheme: a browser would leave the site with it.
        return Err(broken(
            t!("an address starting with `//` leaves the site without saying how"),
            t!(
                "write the whole address, e.g. https:{dest}; a page of this site is linked by the path to its .md file",
                dest = link.dest.as_str()
            ),
        ));
    }
    let target_rel = if let Some(abs) = path.strip_prefix('/') {
        abs.to_string()
    } else {
        join(page.dir(), &path).ok_or_else(|| {
            broken(
                t!("the path leaves the content folder"),
                t!("links may only point at files inside content/ (or at http(s) addresses)"),
            )
        })?
    };

    let with_query_and_fragment = |url: &str| {
        let mut url = url.to_string();
        if let Some(q) = query.filter(|q| !q.is_empty()) {
            url.push('?');
            url.push_str(q);
        }
        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
            url.push('#');
            url.push_str(f);
        }
        url
    };

    // A page's own address, with the `#anchor` checked against its headings.
    let to_page = |target: PageId| {
        let target_page = site.page(target);
        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
            check_anchor(target_page, f).map_err(|help| {
                broken(
                    t!(
                        "{page} has no heading with the id `{fragment}`",
                        page = &target_page.path,
                        fragment = f
                    ),
                    help,
                )
            })?;
        }
        Ok(Some(Resolved {
            url: with_query_and_fragment(&target_page.url),
            target: Some(target),
        }))
    };
    let is_file = |rel: &str| index.assets.contains(rel) || site.static_files.contains_key(rel);
    // A Markdown file offered for download (a template under static/) is a file, not a
    // page.
    if target_rel.ends_with(".md") && !is_file(&target_rel) {
        if index.failed.contains(&target_rel) {
            return Ok(None);
        }
        // A page's old file, whose address the page keeps as an alias.
        let kept = || {
            index
                .by_alias
                .get(&crate::content::page_file::url_of(&target_rel))
        };
        // Pages by their paths' composed form: a link typed `café.md` finds the file
        // a Mac saved as `cafe` and an accent.
        let page_at = index.by_rel.get(crate::slugs::nfc(&target_rel).as_ref());
        let Some(&target) = page_at.or_else(kept) else {
            // A section's `_index.md` left out (or moved away) still has its list,
            // which the build makes for the folder: the link goes there.
            let section = target_rel
                .strip_suffix("_index.md")
                .filter(|dir| dir.is_empty() || dir.ends_with('/'));
            if let Some(url) = section.filter(|dir| index.section_urls.contains(*dir)) {
                return Ok(Some(Resolved {
                    url: with_query_and_fragment(url),
                    target: None,
                }));
            }
            if index.folders.contains(&target_rel) {
                return Err(broken(
                    t!("content/{target_rel} is a folder, not a page", target_rel = target_rel),
                    t!("put the page's file back in the folder's place, or rename the folder and link to a page inside it"),
                ));
            }
            // A page just made with `pmo new` is there, only left out until published:
            // "there is no …" sent its author looking for a file they could see.
            let draft = format!("content/{target_rel}");
            if site.drafts.iter().any(|d| d.path == draft) {
                return Err(broken(
                    t!(
                        "{draft} is a draft (`draft: true`), so it is left out of this build",
                        draft = draft.as_str()
                    ),
                    t!("publish it (`draft: false`), mark this page a draft too, or preview both with --drafts"),
                ));
            }
            let mut found = elsewhere(index, page.dir(), &path);
            if found.is_empty() {
                found = same_file(index, page.dir(), &target_rel);
            }
            // The address the page had at the linked place: no page keeps it (a page
            // that did was found above).
            let old = match found.as_slice() {
                [_] => {
                    let old = crate::content::page_file::url_of(&target_rel);
                    (!old.is_empty()).then_some(old)
                }
                _ => None,
            };
            let help = match elsewhere_help(page.dir(), &found, old)
                .or_else(|| by_title(site, page.dir(), &target_rel))
            {
                Some(help) => help,
                None => match close_sibling(index, page, &target_rel)
                    .or_else(|| close_elsewhere(index, &target_rel))
                {
                    // Written as the link is, from this page's folder: the content/ path
                    // pasted in would be read from here and fail again.
                    Some(s) => t!(
                        "did you mean `{link}` (content/{s})? Links are relative to this file's folder",
                        link = relative_link(page.dir(), s),
                        s = s
                    ),
                    None => t!("paths are relative to this file's folder; check the file name, or whether the target is a draft (build with --drafts)"),
                },
            };
            return Err(broken(
                t!("there is no content/{target_rel}", target_rel = target_rel),
                help,
            ));
        };
        return to_page(target);
    }

    // Not a page: an attachment in content/, a static file, or a page or section URL.
    let trimmed = target_rel.trim_end_matches("index.html");
    let as_url = if trimmed.is_empty() || trimmed.ends_with('/') {
        trimmed.to_string()
    } else {
        format!("{trimmed}/")
    };
    if is_file(&target_rel) {
        // A file keeps its own name, which may hold a space, `#` or `?`.
        return Ok(Some(Resolved {
            url: with_query_and_fragment(&crate::escape::url_path(&target_rel)),
            target: None,
        }));
    }
    if let Some(&target) = index.by_url.get(as_url.as_str()) {
        return Ok(Some(Resolved {
            url: with_query_and_fragment(&as_url),
            target: Some(target),
        }));
    }
    // An old address a page keeps: its folder, or the `.html` file itself.
    if let Some(&target) = index
        .by_alias
        .get(as_url.as_str())
        .or_else(|| index.by_alias.get(target_rel.as_str()))
    {
        return to_page(target);
    }
    if index.section_urls.contains(&as_url) {
        return Ok(Some(Resolved {
            url: with_query_and_fragment(&as_url),
            target: None,
        }));
    }
    let help = match other_case(index, site, &target_rel) {
        Some(named) => t!(
            "the file is there in other upper and lower case: write `{link}` (Windows forgives the difference, a web server does not)",
            link = with_case_of(&path, named)
        ),
        None => by_title(site, page.dir(), &target_rel)
            .or_else(|| same_name_file(index, site, page.dir(), &target_rel))
            .unwrap_or_else(|| t!("link to pages by their .md file (e.g. ../lessons/vendor-delay.md); put attachments beside the page or in static/")),
    };
    Err(broken(
        t!(
            "there is no file content/{target_rel} and no page at /{target_rel}",
            target_rel = target_rel
        ),
        help,
    ))
}

/// The attachment or static file named `rel` but for upper and lower case, if any.
fn other_case<'a>(index: &'a LinkIndex, site: &'a Site, rel: &str) -> Option<&'a str> {
    index
        .assets
        .iter()
        .map(String::as_str)
        .chain(site.static_files.keys().map(String::as_str))
        .find(|name| name.to_lowercase() == rel.to_lowercase())
}

/// `written` (`图片/流程.PNG`, as the author wrote it) with its end in the case of `named`
/// (`lessons/图片/流程.png`): the part the two share, ignoring case.
fn with_case_of(written: &str, named: &str) -> String {
    let w: Vec<char> = written.chars().collect();
    let n: Vec<char> = named.chars().collect();
    let shared = w
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take_while(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
        .count();
    w[..w.len() - shared]
        .iter()
        .chain(&n[n.len() - shared..])
        .collect()
}

/// Where `link` is written in `page`'s file.
pub(super) fn written_at(page: &Page, link: &LinkRef) -> Location {
    Location::new(
        &page.path,
        &page.source.text(&page.path),
        link.span.start,
        link.span.len(),
    )
}

fn check_anchor(page: &Page, fragment: &str) -> Result<(), Text> {
    if fragment.is_empty() {
        return Ok(());
    }
    let ids = page.body.anchor_ids();
    if ids.contains(&fragment) {
        return Ok(());
    }
    Err(match did_you_mean(fragment, &ids) {
        Some(s) => t!("did you mean `#{s}`?", s = s),
        None if ids.is_empty() => t!("the page has no headings to link to"),
        None => t!(
            "heading ids there: {ids}",
            ids = ids.iter().take(8).copied().collect::<Vec<_>>().join(", ")
        ),
    })
}

mod nearby;
mod wiki;
pub use wiki::retitles_a_target;
#[cfg(test)]
mod tests;
