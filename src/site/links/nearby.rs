//! Where a broken link's target may be: a page of a close name beside it, the same file
//! in another folder (a page moved), and the help naming them from the linking page.

use super::LinkIndex;
use crate::content::page::Page;
use crate::messages::Text;
use crate::site::Site;
use crate::suggest::did_you_mean;
use crate::t;

/// The pages in the folder of `target_rel`, but for the linking page itself, in a fixed
/// order (map order varies from run to run; suggestions must not).
fn siblings<'a>(index: &'a LinkIndex, page: &Page, target_rel: &str) -> Vec<&'a str> {
    let folder = |r: &str| r.rsplit_once('/').map(|(d, _)| d.to_string());
    let mut siblings: Vec<&str> = index
        .by_rel
        .keys()
        .map(String::as_str)
        .filter(|r| *r != page.rel_path && folder(r) == folder(target_rel))
        .collect();
    siblings.sort_unstable();
    siblings
}

/// The page in the target's folder whose file name is close to the target's. Names are
/// compared without the folder, which every candidate shares and which would make any
/// name look close.
pub(super) fn close_sibling<'a>(
    index: &'a LinkIndex,
    page: &Page,
    target_rel: &str,
) -> Option<&'a str> {
    let candidates = siblings(index, page, target_rel);
    let names: Vec<&str> = candidates.iter().map(|r| file_name(r)).collect();
    let found = did_you_mean(file_name(target_rel), &names)?;
    candidates.into_iter().find(|r| file_name(r) == found)
}

/// The page named like the target (`_index.md`) whose whole path is close to the
/// target's: a folder misspelt (`practice/_index.md` for `practices/_index.md`), where
/// the target's folder holds nothing to compare with.
pub(super) fn close_elsewhere<'a>(index: &'a LinkIndex, target_rel: &str) -> Option<&'a str> {
    let name = file_name(target_rel);
    let mut same_name: Vec<&str> = index
        .by_rel
        .keys()
        .map(String::as_str)
        .filter(|r| file_name(r) == name)
        .collect();
    same_name.sort_unstable();
    did_you_mean(target_rel, &same_name)
}

fn file_name(rel: &str) -> &str {
    rel.rsplit_once('/').map_or(rel, |(_, name)| name)
}

/// The pages a link names by their right file name (and any folders written before it)
/// in other folders: the link written as if its target sat beside the page. Nearest to
/// the folder `from_dir` first (the fewest `../` to reach), then by path, so several
/// folders holding the same name are all offered in an order that does not depend on how
/// the files were read.
pub(super) fn elsewhere<'a>(index: &'a LinkIndex, from_dir: &str, written: &str) -> Vec<&'a str> {
    let mut tail = written.trim_start_matches('/');
    while let Some(rest) = tail.strip_prefix("./").or_else(|| tail.strip_prefix("../")) {
        tail = rest;
    }
    if tail.is_empty() {
        return Vec::new();
    }
    let suffix = format!("/{tail}");
    let mut found: Vec<&str> = index
        .by_rel
        .keys()
        .map(String::as_str)
        .filter(|r| *r == tail || r.ends_with(&suffix))
        .collect();
    nearest_first(from_dir, &mut found);
    found
}

/// `found` ordered nearest to the folder `from_dir` first (the fewest `../` to reach),
/// then by path: an order that does not depend on how the files were read.
fn nearest_first(from_dir: &str, found: &mut [&str]) {
    found.sort_by_cached_key(|r| (relative_link(from_dir, r).matches("../").count(), *r));
}

/// The pages holding the target's very file name in any folder, or failing that a file
/// name giving the same address (`Vendor_Delay.md` for `vendor-delay.md`): a page moved
/// to another folder (`lessons/2023/`) and linked at its old place. Such a page is the
/// one meant, whatever name in the old folder looks alike. `index.md` and `_index.md`
/// name every project and section, so they tell nothing.
pub(super) fn same_file<'a>(
    index: &'a LinkIndex,
    from_dir: &str,
    target_rel: &str,
) -> Vec<&'a str> {
    let name = file_name(target_rel);
    if ["index.md", "_index.md"].contains(&name) {
        return Vec::new();
    }
    let slug = |name: &str| crate::slugs::slugify(name.strip_suffix(".md").unwrap_or(name), "");
    let wanted = slug(name);
    let mut named: Vec<&str> = index
        .by_rel
        .keys()
        .map(String::as_str)
        .filter(|r| file_name(r) == name)
        .collect();
    if named.is_empty() && !wanted.is_empty() {
        named = index
            .by_rel
            .keys()
            .map(String::as_str)
            .filter(|r| !["index.md", "_index.md"].contains(&file_name(r)))
            .filter(|r| slug(file_name(r)) == wanted)
            .collect();
    }
    nearest_first(from_dir, &mut named);
    named
}

/// The most pages holding a wrongly linked file's name that its help lists.
const ELSEWHERE_LISTED: usize = 5;

/// The help for a link whose target sits in `found` (nearest first): the path from
/// here, or each folder's when several hold that name.
/// `old` is the address the link's target would have had, when the page found lacks it
/// among its `aliases:`: a page moved there may be bookmarked at it.
pub(super) fn elsewhere_help(
    from_dir: &str,
    found: &[&str],
    old: Option<String>,
) -> Option<crate::messages::Text> {
    match found {
        [] => None,
        [one] => Some(match old {
            Some(old) => t!(
                "content/{found} exists: from this page, link it as `{link}`. If it moved from there, `aliases: [/{old}]` in its front matter keeps its old address working for bookmarks and links from outside the portal",
                found = *one,
                link = relative_link(from_dir, one),
                old = old
            ),
            None => t!(
                "content/{found} exists: from this page, link it as `{link}`",
                found = *one,
                link = relative_link(from_dir, one)
            ),
        }),
        several => {
            let mut listed = several
                .iter()
                .take(ELSEWHERE_LISTED)
                .map(|f| format!("content/{f} (`{}`)", relative_link(from_dir, f)))
                .collect::<Vec<_>>()
                .join(", ");
            if several.len() > ELSEWHERE_LISTED {
                listed.push_str(", …");
            }
            Some(t!(
                "{count} folders hold that name; from this page, link the one meant: {listed}",
                count = several.len(),
                listed = &listed
            ))
        }
    }
}

/// `to` (a path under content/) as a relative link from the folder `from_dir`.
pub(super) fn relative_link(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut link = "../".repeat(from.len() - common);
    link.push_str(&to_parts[common..].join("/"));
    link
}

/// The help for a link naming a page by its title (`[应对](风险应对策略.md)`, or with no
/// `.md`), as a first-time author writes it: the page of that title, by its file.
/// Titles are not unique, so a title several pages have names none of them.
pub(super) fn by_title(site: &Site, from_dir: &str, target_rel: &str) -> Option<Text> {
    let name = file_name(target_rel);
    let title = name.strip_suffix(".md").unwrap_or(name).trim();
    if title.is_empty() {
        return None;
    }
    let mut titled = site
        .pages
        .as_slice()
        .iter()
        .filter(|p| p.title.trim() == title)
        .map(|p| p.rel_path.as_str());
    let (Some(one), None) = (titled.next(), titled.next()) else {
        return None;
    };
    Some(t!(
        "content/{found} is titled {title}: a link names a page by its file, so link it as `{link}`",
        found = one,
        title = title,
        link = relative_link(from_dir, one)
    ))
}

/// The help for a link to a file (an image, an attachment) that is in another folder
/// under the same name: an image put in `static/images/` and linked bare from a page.
/// Nothing when the name is in several places, which the author must choose between.
pub(super) fn same_name_file(
    index: &LinkIndex,
    site: &Site,
    from_dir: &str,
    target_rel: &str,
) -> Option<Text> {
    let name = file_name(target_rel);
    let mut assets = index
        .assets
        .iter()
        .filter(|r| file_name(r) == name)
        .map(|r| (r.as_str(), true));
    let mut files = site
        .static_files
        .keys()
        .filter(|r| file_name(r) == name)
        .map(|r| (r.as_str(), false))
        .chain(&mut assets);
    let (Some((found, asset)), None) = (files.next(), files.next()) else {
        return None;
    };
    Some(if asset {
        t!(
            "content/{found} exists: from this page, link it as `{link}`",
            found = found,
            link = relative_link(from_dir, found)
        )
    } else {
        t!(
            "static/{found} exists: link it as `/{found}`",
            found = found
        )
    })
}
