//! Machine-read files: the Atom feed of new lessons and reviews, sitemap.xml and
//! robots.txt. Written directly (not through templates) so they are always well-formed.
//! Timestamps come from content dates, never the clock, so builds stay byte-identical.

use std::fmt::Write as _;
use std::io;

use super::jobs::Job;
use crate::escape::{ascii_uri, xml as escape};
use crate::i18n::I18n;
use crate::output::Output;
use crate::site::{PageId, Site};

pub fn write_all(site: &Site, i18n: &I18n, output: &dyn Output) -> io::Result<usize> {
    write_atom(site, i18n, output)?;
    let sitemaps = sitemaps(site);
    for (name, xml) in &sitemaps {
        output.write(name, xml.as_bytes())?;
    }
    // Crawlers read robots.txt at the host's root only: for a portal under a path, its
    // lines are copied there, where `Allow: /` would speak for the whole host.
    let robots = format!(
        "User-agent: *\nAllow: {}\n\nSitemap: {}\n",
        ascii_uri(&site.config.base_path()),
        ascii_uri(&format!("{}sitemap.xml", site.config.base_url))
    );
    output.write("robots.txt", robots.as_bytes())?;
    Ok(2 + sitemaps.len())
}

/// The Atom feed alone: after an edit that moved no page, the sitemap stays as it was.
pub fn write_atom(site: &Site, i18n: &I18n, output: &dyn Output) -> io::Result<()> {
    output.write("atom.xml", atom(site, i18n).as_bytes())
}

/// The pages in the feed, newest first.
pub fn entries(site: &Site) -> Vec<PageId> {
    let mut entries: Vec<PageId> = site
        .pages
        .iter_enumerated()
        .filter(|(_, page)| page.kind.in_feed() && page.date.is_some())
        .map(|(id, _)| id)
        .collect();
    let newest = |a: &PageId, b: &PageId| site.page(*a).cmp_newest(site.page(*b));
    // The newest few of 100,000 pages: choosing them first makes this linear, which
    // `serve` feels, as it asks after every edit whether the feed shows the page.
    let limit = site.config.feed_limit;
    if limit == 0 {
        return Vec::new();
    }
    if entries.len() > limit {
        entries.select_nth_unstable_by(limit - 1, newest);
        entries.truncate(limit);
    }
    entries.sort_by(newest);
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
        // Feed readers have no base URL for relative links: make them absolute.
        let content = crate::site::linked_body(site, id, base);
        let content = crate::markdown::callout_titles(&content, |k| i18n.callout_title(k));
        let content = fragments_into(&without_heading_anchors(&content), &url);
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
        // The summary is its author's source text (Markdown links, tags, entities): a
        // feed reader shows it as typed, so the entry carries the page's plain-text
        // description, as search engines get it.
        let summary = super::description::of(&page.summary);
        if !summary.is_empty() {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape(&summary));
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

/// The heading anchors (`<a class="anchor" …>#</a>`, markdown's) left out: a feed reader
/// has no style sheet to hide them, so every heading ended in a bare `#`.
fn without_heading_anchors(html: &str) -> String {
    const START: &str = "<a class=\"anchor\" href=\"#";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(START) {
        out.push_str(&rest[..at]);
        let anchor = &rest[at..];
        match anchor.find("</a>") {
            Some(end) => rest = &anchor[end + "</a>".len()..],
            None => {
                out.push_str(anchor);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Links to a place on the page (`#建议`, a footnote) made links into the entry's page
/// at `url`: a feed reader resolves them against the feed, not the entry.
fn fragments_into(html: &str, url: &str) -> String {
    html.replace("href=\"#", &format!("href=\"{}#", escape(url)))
}

/// The most URLs one sitemap file may list (the sitemap protocol's limit).
pub const SITEMAP_URLS: usize = 50_000;

/// The most bytes of one sitemap file. The protocol allows 50 MB, but 50,000 URLs of
/// percent-encoded Chinese slugs make a 5 MB file, past the 1 MB every other output file
/// keeps under: a file share or a crawler on a slow link fetches small files best.
pub const SITEMAP_BYTES: usize = 1_000_000;

/// `sitemap.xml` and, for a site of more than [`SITEMAP_URLS`] pages, the files it
/// indexes (`sitemap-1.xml` …). Every page the build renders is listed, paginated
/// listings and the dashboard included, except the search page and the 404 page, which
/// no search engine should index.
fn sitemaps(site: &Site) -> Vec<(String, String)> {
    let base = &site.config.base_url;
    let mut urls: Vec<(String, Option<String>)> = super::jobs::plan(site, false)
        .iter()
        .filter(|job| !matches!(job, Job::NotFound | Job::Search | Job::Alias(..)))
        .map(|job| {
            let lastmod = match job {
                Job::Page(id) => site.page(*id).date.map(|d| d.iso()),
                _ => None,
            };
            (job.url(site), lastmod)
        })
        .collect();
    urls.sort();
    urls.dedup_by(|a, b| a.0 == b.0);
    split_sitemaps(base, &urls, SITEMAP_URLS, SITEMAP_BYTES)
}

/// One `sitemap.xml` for up to `limit` URLs and `bytes` bytes; beyond, `sitemap.xml` is
/// an index of files of at most `limit` URLs and `bytes` bytes each.
fn split_sitemaps(
    base: &str,
    urls: &[(String, Option<String>)],
    limit: usize,
    bytes: usize,
) -> Vec<(String, String)> {
    let entries: Vec<String> = urls
        .iter()
        .map(|(url, lastmod)| entry(base, url, lastmod.as_deref()))
        .collect();
    let mut chunks: Vec<&[String]> = Vec::new();
    let (mut start, mut size) = (0, URLSET_HEAD.len() + URLSET_TAIL.len());
    for (i, e) in entries.iter().enumerate() {
        if i > start && (i - start >= limit.max(1) || size + e.len() > bytes) {
            chunks.push(&entries[start..i]);
            start = i;
            size = URLSET_HEAD.len() + URLSET_TAIL.len();
        }
        size += e.len();
    }
    chunks.push(&entries[start..]);
    if chunks.len() <= 1 {
        return vec![("sitemap.xml".to_string(), urlset(&entries))];
    }
    let mut files = Vec::with_capacity(chunks.len() + 1);
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in chunks.iter().enumerate() {
        let name = crate::layout::SITEMAP_PART.nth(n + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape(&ascii_uri(&format!("{base}{name}")))
        );
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".to_string(), index));
    files
}

const URLSET_HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_TAIL: &str = "</urlset>\n";

/// One `<url>` line of a sitemap.
fn entry(base: &str, url: &str, lastmod: Option<&str>) -> String {
    let mut line = format!(
        "  <url><loc>{}</loc>",
        escape(&ascii_uri(&format!("{base}{url}")))
    );
    if let Some(date) = lastmod {
        let _ = write!(line, "<lastmod>{date}</lastmod>");
    }
    line.push_str("</url>\n");
    line
}

fn urlset(entries: &[String]) -> String {
    let mut xml = String::with_capacity(
        URLSET_HEAD.len() + URLSET_TAIL.len() + entries.iter().map(String::len).sum::<usize>(),
    );
    xml.push_str(URLSET_HEAD);
    for e in entries {
        xml.push_str(e);
    }
    xml.push_str(URLSET_TAIL);
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(n: usize) -> Vec<(String, Option<String>)> {
        (0..n).map(|i| (format!("p{i}/"), None)).collect()
    }

    #[test]
    fn sitemap_addresses_are_ascii_uris() {
        let line = entry(
            "https://x.example/知识/",
            "tags/供应商/",
            Some("2024-03-01"),
        );
        assert_eq!(
            line,
            "  <url><loc>https://x.example/%E7%9F%A5%E8%AF%86/tags/%E4%BE%9B%E5%BA%94%E5%95%86/</loc><lastmod>2024-03-01</lastmod></url>\n"
        );
    }

    #[test]
    fn heading_anchors_go_and_fragments_point_into_the_page() {
        let html = "<h2 id=\"背景\">背景<a class=\"anchor\" href=\"#背景\" aria-hidden=\"true\" \
                    tabindex=\"-1\">#</a></h2>\n<p>见<a href=\"#背景\">背景</a></p>";
        let out = fragments_into(&without_heading_anchors(html), "https://x.cn/a?b&c/");
        assert_eq!(
            out,
            "<h2 id=\"背景\">背景</h2>\n<p>见<a href=\"https://x.cn/a?b&amp;c/#背景\">背景</a></p>"
        );
        // An anchor cut short is kept as it is, not looped on.
        assert_eq!(
            without_heading_anchors("a<a class=\"anchor\" href=\"#x"),
            "a<a class=\"anchor\" href=\"#x"
        );
    }

    #[test]
    fn a_small_site_has_one_sitemap() {
        let files = split_sitemaps("https://x.example/", &urls(3), 3, SITEMAP_BYTES);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        assert_eq!(files[0].1.matches("<url>").count(), 3);
    }

    #[test]
    fn past_the_limit_sitemap_xml_indexes_files_of_at_most_the_limit() {
        let files = split_sitemaps("https://x.example/", &urls(5), 2, SITEMAP_BYTES);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        assert!(files[0].1.contains("<sitemapindex"));
        assert!(files[0]
            .1
            .contains("<loc>https://x.example/sitemap-3.xml</loc>"));
        let counts: Vec<usize> = files[1..]
            .iter()
            .map(|(_, xml)| xml.matches("<url>").count())
            .collect();
        assert_eq!(counts, [2, 2, 1]);
    }

    #[test]
    fn a_sitemap_file_also_stays_under_its_byte_limit() {
        let all = urls(100);
        let line = entry("https://x.example/", "p10/", None).len();
        let budget = URLSET_HEAD.len() + URLSET_TAIL.len() + 30 * line;
        let files = split_sitemaps("https://x.example/", &all, SITEMAP_URLS, budget);
        assert!(files[0].1.contains("<sitemapindex"));
        let mut listed = 0;
        for (name, xml) in &files[1..] {
            assert!(xml.len() <= budget, "{name}: {} bytes", xml.len());
            listed += xml.matches("<url>").count();
        }
        assert_eq!(listed, 100, "no URL lost");
    }
}
