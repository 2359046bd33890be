//! Confluence's page tree, which the import does not rebuild: every page of a space is
//! written side by side in one folder (README, "Importing a Confluence space"). A page's
//! place in the tree is read from its breadcrumbs, so that the import can say, once,
//! which pages stood under another and where they went, rather than flatten a tree
//! without a word.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

use super::dom::Dom;

/// The page a page stands under: the last link of its breadcrumbs (`<ol id=breadcrumbs>`)
/// that is not the space's list of pages (`index.html`), as its file name.
pub(super) fn parent_of(dom: &Dom) -> Option<String> {
    let crumbs = dom.find(0, |d, n| d.attr(n, "id") == Some("breadcrumbs"))?;
    dom.descendants(crumbs)
        .into_iter()
        .rev()
        .filter(|&n| dom.name(n) == Some("a"))
        .filter_map(|a| dom.attr(a, "href"))
        .map(|href| href.trim().to_string())
        .find(|href| !href.is_empty() && href != "index.html" && !href.contains('/'))
}

/// One warning at the export's `index.html` (where Confluence draws the tree) when pages
/// stood under a page that itself stood under another — below the space's home page, the
/// levels a reader navigated by. The children of the home page alone lose nothing a
/// folder would have kept. `pages` are (file, title, parent file) of every page read.
pub(super) fn flattened(
    export: &Path,
    pages: &[(&str, &str, Option<&str>)],
    folder: &Path,
) -> Option<Diagnostic> {
    let parent: HashMap<&str, Option<&str>> = pages.iter().map(|(f, _, p)| (*f, *p)).collect();
    let title: HashMap<&str, &str> = pages.iter().map(|(f, t, _)| (*f, *t)).collect();
    let nested: Vec<(&str, &str)> = pages
        .iter()
        .filter_map(|(_, t, p)| {
            let p = (*p)?;
            // Under a page of the export that has a parent page of its own.
            parent.get(p)?.filter(|pp| parent.contains_key(pp))?;
            Some((*t, *title.get(p)?))
        })
        .collect();
    let (child, under) = *nested.first()?;
    Some(
        Diagnostic::warning(Problem::Content(t!(
            "Confluence's page tree is not kept: {count} page(s) below a sub-page (`{child}` under `{parent}`) are written side by side with the others in {folder}",
            count = nested.len(),
            child = child,
            parent = under,
            folder = folder
        )))
        .in_file(&export.join("index.html"))
        .with_help(t!(
            "links between the pages are kept; to keep a branch together, move its pages into a folder of their own afterwards, and `pmo check` names each link to mend"
        )),
    )
}
