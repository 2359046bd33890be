//! The page written at each old address of a page (`aliases:`): it sends the reader on
//! to the page where it is now. Written without a template, as every theme needs it the
//! same and none should make it show more than the page's title.
//!
//! It works with and without scripts, under any base path and from a file share: the
//! script goes to the page (its `index.html` when opened from a file, where a folder
//! would show a file listing) keeping the address's `#fragment`; it is the same text on
//! every alias page, reading both addresses from `<meta name="pmo-alias">`, so that the
//! site's Content-Security-Policy allows it by its hash (`render::policy`); without scripts a
//! `refresh` of no delay does; the link is there for whoever the refresh does not
//! reach. `noindex` and the canonical address keep search engines on the page itself.

use crate::escape::xml;
use crate::i18n::I18n;
use crate::render::root_of;
use crate::site::{PageId, Site};

/// The HTML of alias `n` of page `id`.
pub fn html(site: &Site, i18n: &I18n, id: PageId, n: usize) -> String {
    let page = site.page(id);
    let alias = &page.aliases[n];
    // The folder the redirect's file stands in: links are relative to it.
    let folder = match alias.url.rsplit_once('/') {
        Some((folder, _)) if crate::content::aliases::is_file(&alias.url) => format!("{folder}/"),
        None if crate::content::aliases::is_file(&alias.url) => String::new(),
        _ => alias.url.clone(),
    };
    let target = format!("{}{}", root_of(&folder), page.url);
    let file_target = format!("{target}index.html");
    let canonical = format!("{}{}", site.config.base_url, page.url);
    let title = if crate::slugs::is_blank(&page.title) {
        format!("/{}", page.url)
    } else {
        page.title.clone()
    };
    let moved = i18n.get("alias_moved");
    format!(
        r#"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta name="pmo-alias" content="{target}" data-file="{file_target}">
<script>{script}</script>
<noscript><meta http-equiv="refresh" content="0; url={target}"></noscript>
</head>
<body>
<p>{moved} <a href="{target}">{title}</a></p>
</body>
</html>
"#,
        lang = xml(site.config.language.code()),
        title = xml(&title),
        canonical = xml(&canonical),
        file_target = xml(&file_target),
        script = crate::render::policy::ALIAS_SCRIPT,
        target = xml(&target),
        moved = xml(moved),
    )
}
