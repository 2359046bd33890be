//! Machine-read files: the Atom feed of new lessons and reviews, sitemap.xml and
//! robots.txt. Written directly (not through templates) so they are always well-formed.
//! Timestamps come from content dates, never the clock, so builds stay byte-identical.

use std::fmt::Write as _;
use std::io;

use crate::escape::xml as escape;
use crate::i18n::I18n;
use crate::markdown::substitute_links;
use crate::output::Output;
use crate::site::{PageId, Site};

pub fn write_all(site: &Site, i18n: &I18n, output: &dyn Output) -> io::Result<usize> {
    write_atom(site, i18n, output)?;
    output.write("sitemap.xml", sitemap(site).as_bytes())?;
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        site.config.base_url
    );
    output.write("robots.txt", robots.as_bytes())?;
    Ok(3)
}

/// The Atom feed alone: after an edit that moved no page, the sitemap stays as it was.
pub fn write_atom(site: &Site, i18n: &I18n, output: &dyn Output) -> io::Result<()> {
    output.write("atom.xml", atom(site, i18n).as_bytes())
}

/// The pages in the feed, newest first.
pub fn entries(site: &Site) -> Vec<PageId> {
    let mut entries: Vec<PageId> = (0..site.pages.len())
        .filter(|&i| site.page(i).kind.in_feed() && site.page(i).date.is_some())
        .collect();
    entries.sort_by(|&a, &b| site.page(a).cmp_newest(site.page(b)));
    entries.truncate(site.config.feed_limit);
    entries
}

fn atom(site: &Site, i18n: &I18n) -> String {
    let base = &site.config.base_url;
    let entries = entries(site);
    let updated = entries
        .first()
        .and_then(|&i| site.page(i).date)
        .map_or_else(|| "1970-01-01".to_string(), |d| d.iso());

    let mut xml = String::with_capacity(4096 + entries.len() * 2048);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        site.config.language.code()
    );
    let _ = writeln!(
        xml,
        "  <title>{}</title>",
        escape(&format!(
            "{} · {}",
            site.config.title,
            i18n.get("feed_title")
        ))
    );
    if !site.config.description.is_empty() {
        let _ = writeln!(
            xml,
            "  <subtitle>{}</subtitle>",
            escape(&site.config.description)
        );
    }
    let _ = writeln!(
        xml,
        "  <link href=\"{}atom.xml\" rel=\"self\" type=\"application/atom+xml\"/>",
        escape(base)
    );
    let _ = writeln!(
        xml,
        "  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
        escape(base)
    );
    let _ = writeln!(xml, "  <id>{}</id>", escape(base));
    let _ = writeln!(xml, "  <updated>{updated}T00:00:00Z</updated>");
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        escape(&site.config.title)
    );
    let _ = writeln!(xml, "  <generator>pmo-portal</generator>");
    for id in entries {
        let page = site.page(id);
        let url = format!("{base}{}", page.url);
        let date = page.date.map(|d| d.iso()).unwrap_or_default();
        let links = &site.links[id];
        // Feed readers have no base URL for relative links: make them absolute.
        let content = substitute_links(&page.body.html, |n| {
            links.get(n)?.as_ref().map(|r| format!("{base}{}", r.url))
        });
        let content = if page.body.has_raw_html && !site.config.trust_html {
            ammonia::clean(&content)
        } else {
            content
        };
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", escape(&page.title));
        let _ = writeln!(
            xml,
            "    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
            escape(&url)
        );
        let _ = writeln!(xml, "    <id>{}</id>", escape(&url));
        let _ = writeln!(xml, "    <published>{date}T00:00:00Z</published>");
        let _ = writeln!(xml, "    <updated>{date}T00:00:00Z</updated>");
        if let Some(owner) = &page.owner {
            let _ = writeln!(xml, "    <author><name>{}</name></author>", escape(owner));
        }
        // Each kind by its own name: a kind that joins the feed is not labelled a review.
        let key = format!("kind_{}", page.kind.key());
        let kind = i18n.get(&key);
        let _ = writeln!(xml, "    <category term=\"{}\"/>", escape(kind));
        for tag in &page.tags {
            let _ = writeln!(xml, "    <category term=\"{}\"/>", escape(tag));
        }
        if !page.summary.is_empty() {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape(&page.summary));
        }
        let _ = writeln!(
            xml,
            "    <content type=\"html\">{}</content>",
            escape(&content)
        );
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn sitemap(site: &Site) -> String {
    let base = &site.config.base_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut urls: Vec<(String, Option<String>)> = site
        .pages
        .iter()
        .map(|p| (p.url.clone(), p.date.map(|d| d.iso())))
        .collect();
    for section in &site.sections {
        if section.index.is_none() {
            urls.push((section.url.clone(), None));
        }
    }
    for taxonomy in &site.taxonomies {
        urls.push((taxonomy.url(), None));
        for term in &taxonomy.terms {
            urls.push((taxonomy.term_url(term), None));
        }
    }
    urls.sort();
    urls.dedup_by(|a, b| a.0 == b.0);
    for (url, lastmod) in urls {
        let _ = write!(xml, "  <url><loc>{}</loc>", escape(&format!("{base}{url}")));
        if let Some(date) = lastmod {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
