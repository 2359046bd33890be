//! What a link checker, a sitemap validator and a feed validator find on the built sample
//! portal, published under a base path: every internal `href`, `src` and `srcset` of every
//! page, and every `url()` of its style sheets, names a written file, and every `#anchor`
//! an id on the page it names; the sitemap and the Atom feed follow their protocols (root
//! element and namespace, absolute RFC 3986 addresses under `base_url` that name written
//! pages, RFC 3339 dates, the elements each requires).

mod common;

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

const BASE: &str = "https://intranet.example.com/pmo/";

/// The sample portal built with `BASE` as its address.
fn built() -> common::Site {
    let site = common::Site::sample();
    let out = common::pmo(&[
        "--root",
        site.root().to_str().unwrap(),
        "build",
        "--base-url",
        BASE,
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    site
}

/// The values of `attr` (`href`, `id` …) on every tag of `html`, unescaped.
fn attribute(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.split(needle.as_str())
        .skip(1)
        .map(|rest| {
            rest[..rest.find('"').unwrap_or(rest.len())]
                .replace("&amp;", "&")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
        })
        .collect()
}

/// `path` with `.` and `..` taken out, as a browser resolves a relative address.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The file an address names from a page in `dir`, or `None` for one that leaves the
/// site (a scheme, or `//host`). Folder addresses name their `index.html`.
fn target(public: &Path, dir: &Path, address: &str) -> Option<(PathBuf, Option<String>)> {
    let has_scheme = address
        .split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()));
    if has_scheme || address.starts_with("//") {
        return None;
    }
    let (path, fragment) = match address.split_once('#') {
        Some((p, f)) => (p, Some(common::percent_decode(f))),
        None => (address, None),
    };
    let path = common::percent_decode(path.split('?').next().unwrap_or(""));
    let file = if path.is_empty() {
        dir.to_path_buf()
    } else if let Some(from_root) = path.strip_prefix("/pmo/") {
        // The 404 page, served at any depth, addresses the site from its root.
        public.join(from_root)
    } else {
        normal(&dir.join(&path))
    };
    let file = if path.ends_with('/') || file.is_dir() {
        file.join("index.html")
    } else {
        file
    };
    Some((file, fragment))
}

fn files_ending(public: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

/// A site `pmo init` makes in `lang`, with a page of each kind `pmo new` makes published,
/// built with `BASE` as its address: what a new user publishes first.
fn init_site(lang: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("portal");
    let run = |args: &[&str]| {
        let out = common::pmo(args);
        assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
    };
    run(&["init", "--lang", lang, root.to_str().unwrap()]);
    let r = root.to_str().unwrap();
    for (kind, title) in [
        ("practice", "阶段关口评审"),
        ("report", "2026年11月组合月报"),
        ("project", "ERP 升级"),
    ] {
        run(&["--root", r, "new", kind, title]);
    }
    // The report is published as `pmo new` wrote it, its table of projects included.
    let report = root.join("content/reports/2026年11月组合月报.md");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, text.replace("draft: true", "draft: false")).unwrap();
    run(&["--root", r, "build", "--base-url", BASE]);
    (tmp, root.join("public"))
}

#[test]
fn every_internal_link_asset_and_anchor_of_the_sample_portal_resolves() {
    let site = built();
    every_address_resolves(&site.public(), 200, 5000);
}

/// The starter sites are checked as the sample is: a link checker run on the first site
/// a new user publishes finds nothing.
#[test]
fn every_internal_link_of_a_site_pmo_init_makes_resolves_in_both_languages() {
    for lang in ["zh", "en"] {
        let (_tmp, public) = init_site(lang);
        every_address_resolves(&public, 5, 200);
        sitemap_and_feed_follow_their_protocols(&public, 5);
    }
}

/// Every internal address of every page and style sheet under `public` names a written
/// file (and an id on it); at least `pages` pages and `addresses` addresses are seen.
fn every_address_resolves(public: &Path, min_pages: usize, min_checked: usize) {
    let public = public.to_path_buf();
    let pages = files_ending(&public, "html");
    assert!(pages.len() > min_pages, "only {} pages", pages.len());
    let html: HashMap<PathBuf, String> = pages
        .iter()
        .map(|p| (p.clone(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let ids: HashMap<&PathBuf, HashSet<String>> = html
        .iter()
        .map(|(p, h)| (p, attribute(h, "id").into_iter().collect()))
        .collect();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (page, text) in &html {
        let dir = page.parent().unwrap();
        let srcset = attribute(text, "srcset");
        let addresses = ["href", "src", "poster"]
            .iter()
            .flat_map(|a| attribute(text, a))
            .chain(srcset.iter().flat_map(|s| {
                s.split(',')
                    .filter_map(|c| c.split_whitespace().next().map(str::to_string))
                    .collect::<Vec<_>>()
            }));
        let shown = page.strip_prefix(&public).unwrap().display();
        for address in addresses {
            let Some((file, fragment)) = target(&public, dir, &address) else {
                continue;
            };
            checked += 1;
            if !file.starts_with(&public) {
                broken.push(format!("{shown}: {address} leaves the site"));
            } else if !file.is_file() {
                broken.push(format!("{shown}: {address} names no file"));
            } else if let (Some(id), Some(on)) = (fragment, ids.get(&file)) {
                if !id.is_empty() && !on.contains(&id) {
                    broken.push(format!("{shown}: {address}: no id `{id}` there"));
                }
            }
        }
    }
    for sheet in files_ending(&public, "css") {
        let css = std::fs::read_to_string(&sheet).unwrap();
        for part in css.split("url(").skip(1) {
            let address = part[..part.find(')').unwrap_or(0)].trim_matches(['"', '\'', ' ']);
            if address.starts_with("data:") || address.starts_with('#') {
                continue;
            }
            if let Some((file, _)) = target(&public, sheet.parent().unwrap(), address) {
                checked += 1;
                if !file.is_file() {
                    broken.push(format!("{}: url({address}) names no file", sheet.display()));
                }
            }
        }
    }
    assert!(
        checked > min_checked,
        "only {checked} addresses were checked"
    );
    broken.sort();
    assert!(
        broken.is_empty(),
        "{} broken of {checked}:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

/// The text of each `<tag>…</tag>` in `xml`.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    xml.split(open.as_str())
        .skip(1)
        .map(|rest| &rest[..rest.find(close.as_str()).unwrap_or(0)])
        .collect()
}

/// The written page an absolute address of the site names.
fn page_of(public: &Path, address: &str) -> PathBuf {
    let rel = address
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{address} is not under {BASE}"));
    let rel = common::percent_decode(rel);
    let file = public.join(&rel);
    if rel.is_empty() || rel.ends_with('/') {
        file.join("index.html")
    } else {
        file
    }
}

/// `2026-10-28T00:00:00Z` or with an offset (`+08:00`): RFC 3339's date-time.
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    let zone = &s[19.min(s.len())..];
    let zone = zone
        .strip_prefix('.')
        .map_or(zone, |z| z.trim_start_matches(|c: char| c.is_ascii_digit()));
    s.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && (zone == "Z"
            || (zone.len() == 6 && zone.starts_with(['+', '-']) && zone.as_bytes()[3] == b':'))
}

#[test]
fn the_sitemap_and_the_feed_of_the_sample_portal_follow_their_protocols() {
    let site = built();
    sitemap_and_feed_follow_their_protocols(&site.public(), 200);
}

/// The sitemap and the Atom feed of the site built into `public` (under `BASE`) are
/// well-formed and name only pages written there; the sitemap lists over `min_locs`.
fn sitemap_and_feed_follow_their_protocols(public: &Path, min_locs: usize) {
    let public = public.to_path_buf();

    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    common::assert_well_formed(&sitemap);
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    assert!(
        sitemap.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"),
        "{sitemap}"
    );
    let locs = elements(&sitemap, "loc");
    assert!(
        locs.len() > min_locs && locs.len() <= 50_000,
        "{}",
        locs.len()
    );
    let unique: HashSet<&&str> = locs.iter().collect();
    assert_eq!(unique.len(), locs.len(), "a page is listed twice");
    for loc in &locs {
        assert!(
            loc.is_ascii() && !loc.contains([' ', '<', '>', '"']),
            "{loc}"
        );
        assert!(page_of(&public, loc).is_file(), "{loc} names no page");
    }
    for lastmod in elements(&sitemap, "lastmod") {
        let day = &lastmod[..10.min(lastmod.len())];
        assert!(
            day.len() == 10 && (lastmod.len() == 10 || is_rfc3339(lastmod)),
            "{lastmod}"
        );
    }

    let feed = std::fs::read_to_string(public.join("atom.xml")).unwrap();
    common::assert_well_formed(&feed);
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    let head = &feed[..feed.find("<entry>").unwrap()];
    for required in ["<id>", "<title>", "<updated>", "<author>"] {
        assert!(head.contains(required), "the feed has no {required}");
    }
    assert!(head.contains(&format!("<link href=\"{BASE}atom.xml\" rel=\"self\"")));
    let entries: Vec<&str> = feed.split("<entry>").skip(1).collect();
    assert!(!entries.is_empty());
    let mut ids = HashSet::new();
    for entry in &entries {
        for required in ["<id>", "<title>", "<updated>", "rel=\"alternate\""] {
            assert!(
                entry.contains(required),
                "an entry has no {required}: {entry}"
            );
        }
        assert!(ids.insert(elements(entry, "id")[0]), "an id used twice");
    }
    for date in elements(&feed, "updated")
        .into_iter()
        .chain(elements(&feed, "published"))
    {
        assert!(is_rfc3339(date), "`{date}` is no RFC 3339 date-time");
    }
    for link in attribute(&feed, "href") {
        assert!(
            link.starts_with(BASE),
            "{link} is not absolute under {BASE}"
        );
        assert!(page_of(&public, &link).is_file(), "{link} names no file");
    }
    // Inside entries' HTML, addresses are absolute too: a feed reader has no page to
    // resolve them from.
    for escaped in feed.split("href=&quot;").skip(1) {
        let address = &escaped[..escaped.find("&quot;").unwrap()].replace("&amp;", "&");
        if address.starts_with('#') {
            continue;
        }
        assert!(
            address.contains("://") || address.starts_with("mailto:"),
            "{address}"
        );
        if let Some(rest) = address.strip_prefix(BASE) {
            let page = rest.split('#').next().unwrap_or("");
            assert!(
                page_of(&public, &format!("{BASE}{page}")).is_file(),
                "{address} names no file"
            );
        }
    }
}
