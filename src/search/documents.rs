//! What the index knows about each document besides its terms: the text fields it is
//! searched by, the rows shown in results (`d/<k>.js`), the text blocks excerpts are cut
//! from (`x/<doc>-<b>.js`) and the facet values (`f/<facet>.js`).

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use crate::content::page::Page;
use crate::content::schema::Vocabulary;
use crate::i18n::I18n;
use crate::markdown::is_cjk;
use crate::search::encode::{self, Lengths};
use crate::search::fields;
use crate::site::{PageId, Site};

/// Characters of the first excerpt block, title included. A first query loads block 0 of
/// every result shown (it carries the row), so its size sets most of the results page's
/// bytes: 20 blocks of 3,000 characters made half of a 70 KB first query. Three results in
/// four have their first match within the first 800 characters of their text; the others
/// read the next block too.
pub const HEAD_CHARS: usize = 800;
/// Characters per later excerpt block: read only when the match lies deeper. Each block is
/// a file, and files cost more build time than bytes (on tmpfs, ~10 µs each), so the
/// rest of a page is one block or a few large ones.
pub const BLOCK_CHARS: usize = 3_000;
/// Blocks the client reads per result (`MAX_BLOCKS` in search-excerpts.js) before settling for
/// the first: text past them would never show, so it is not written.
pub const MAX_BLOCKS: usize = 4;
/// Characters of a document's text kept for excerpts.
const EXCERPT_CHARS: usize = HEAD_CHARS + BLOCK_CHARS * (MAX_BLOCKS - 1);

/// The size of block `k`.
fn block_chars(k: usize) -> usize {
    if k == 0 {
        HEAD_CHARS
    } else {
        BLOCK_CHARS
    }
}

/// The searchable pages: everything a reader would want as a result, and everything a
/// page shows as its own text. A section's introduction is prose only it holds (how to write a lesson, when reports come out): leaving them out made
/// `写一条经验教训` find the process page but not the lessons section that says it. An
/// index page with no text of its own is only its listing, whose titles are the
/// listed pages' own. The home page is not one: its text is a tour of the portal,
/// naming what every other page holds (`供应商延期` as a query to try), and it stood
/// above the pages it points to.
pub fn documents(site: &Site) -> Vec<PageId> {
    let searchable = |page: &Page| match page.kind {
        crate::kinds::Kind::Home => false,
        crate::kinds::Kind::Section => !page.body.text.is_empty(),
        _ => true,
    };
    site.pages
        .iter_enumerated()
        .filter(|(_, page)| searchable(page))
        .map(|(id, _)| id)
        .collect()
}

/// The sections among `docs` with the documents under them, as numbers (`meta.sections`):
/// for each, the section's document, then the first and last of a run of documents
/// under it, repeated for each run (one run when pages are listed by path, as they are).
/// A section's introduction describes the pages it lists (问题升级和范围变更的处理流程
/// over 问题与变更控制), so it may hold a query's exact text where the page holds its
/// words apart; the client puts a section found below the first of its pages found.
pub fn sections(site: &Site, docs: &[PageId]) -> String {
    let found: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .filter(|(_, &id)| site.page(id).kind == crate::kinds::Kind::Section)
        .map(|(s, &id)| (site.page(id).url.as_str(), s))
        .collect();
    // Each document under the sections its address starts with: one pass, by address.
    let mut under: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    if !found.is_empty() {
        for (d, &id) in docs.iter().enumerate() {
            let url = site.page(id).url.as_str();
            for (at, _) in url.match_indices('/') {
                if let Some(&s) = found.get(&url[..=at]).filter(|_| at + 1 < url.len()) {
                    under[s].push(d);
                }
            }
        }
    }
    let mut out = String::new();
    for (s, list) in under.iter().enumerate() {
        let mut runs = list.iter().peekable();
        while let Some(&first) = runs.next() {
            let mut last = first;
            while let Some(&&next) = runs.peek().filter(|&&&n| n == last + 1) {
                last = next;
                runs.next();
            }
            for n in [s, first, last] {
                encode::push(&mut out, u32::try_from(n).unwrap_or(u32::MAX));
            }
        }
    }
    out
}

/// Each page's lengths relative to the average, for BM25's normalization: in bytes of
/// title and body text, so they are known before tokenizing and every posting's impact
/// is computed in the same pass.
pub fn lengths(site: &Site, docs: &[PageId]) -> Vec<Lengths> {
    let raw: Vec<(f64, f64, bool)> = docs
        .iter()
        .map(|&d| {
            let p = site.page(d);
            (
                (p.title.len() + p.body.text.len()) as f64,
                p.title.len() as f64,
                p.kind.is_index(),
            )
        })
        .collect();
    let n = raw.len().max(1) as f64;
    let text = (raw.iter().map(|r| r.0).sum::<f64>() / n).max(1.0);
    let title = (raw.iter().map(|r| r.1).sum::<f64>() / n).max(1.0);
    raw.into_iter()
        .map(|(a, b, index)| Lengths {
            // A section's introduction is short because what it covers is listed below
            // it, not because it is about the word: weighed as a page of average length
            // at least, it stood above every page on 阶段关口评审 for one sentence.
            text: if index { (a / text).max(1.0) } else { a / text },
            title: b / title,
        })
        .collect()
}

/// Whether the page's title or a heading holds CJK text: only then is there anything for
/// the word segmenter to cut (an English-only site never loads its dictionary).
pub fn has_cjk_headings(page: &Page) -> bool {
    page.title.chars().any(is_cjk) || fields::headings(page).chars().any(is_cjk)
}

pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    // Serializing plain strings, numbers and vectors cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

/// Appends `text` to `out` as a JSON string, as [`json`] writes it: quoted as it is when
/// it holds no quote, backslash or control character (every term of the vocabulary but
/// a few), without the allocation `json` makes for each of hundreds of thousands of terms.
pub fn push_json_str(out: &mut String, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        out.push_str(&json(text));
    }
}

/// The global function every index file calls with its name and data (`receive` in
/// search-load.js). Short, as every file a query loads repeats it and small files gain
/// nothing from compression: `PmoSearch._receive` took 14 bytes more of each file
/// gzip-compressed, 0.8 KB of a results page's first query of 54 files at 10k.
pub const CALLBACK: &str = "_pmo";

/// A script handing `data` (already JSON) to the client under `name`. Every file of the
/// index is written here, so here the line separators an author's text may hold (terms,
/// facet values, titles pasted from Word) become escapes, whichever part built the JSON.
pub fn script(name: &str, data: &str) -> Vec<u8> {
    let data = if crate::escape::has_line_separator(data) {
        std::borrow::Cow::Owned(crate::escape::json_in_script(data.to_string()))
    } else {
        std::borrow::Cow::Borrowed(data)
    };
    // Sized once: 35,000 files at 10k pages, where `format!` grew each in steps.
    let name = json(name);
    let mut out = Vec::with_capacity(CALLBACK.len() + name.len() + data.len() + 4);
    for part in [CALLBACK, "(", &name, ",", &data, ");\n"] {
        out.extend_from_slice(part.as_bytes());
    }
    out
}

/// The excerpt text of a page, title first, cut into blocks at line breaks where one is
/// near the block's end (at `ranges`, which the index stage found already). Each block
/// comes as a JS string literal, ready to write.
pub fn blocks(title: &str, body: &str, ranges: &[Range<usize>]) -> Vec<String> {
    escape_blocks(title, body, ranges)
}

/// [`blocks`] of a title and a body text.
fn cut_blocks(title: &str, body: &str) -> Vec<String> {
    escape_blocks(title, body, &block_ranges(title, body))
}

/// The text of each of `ranges` of `body` (block 0 after the title), escaped a block at
/// a time (by serde_json, then the two line separators JSON allows but older JS engines
/// do not), not a character at a time. A range that does not fit the text (it changed
/// since they were found) is cut anew.
fn escape_blocks(title: &str, body: &str, ranges: &[Range<usize>]) -> Vec<String> {
    if ranges.iter().any(|r| body.get(r.clone()).is_none()) {
        return cut_blocks(title, body);
    }
    ranges
        .iter()
        .enumerate()
        .map(|(k, range)| {
            let text = &body[range.clone()];
            if k == 0 {
                escaped(&format!("{title}\n{text}"))
            } else {
                escaped(text)
            }
        })
        .collect()
}

/// Where the excerpt blocks of a page with this title and prose (`body`) lie in the
/// prose, as byte ranges: block 0 is the title, a line break and the first range. Cuts
/// are found by counting characters. The index reads them too: it tells, for each term
/// of a page, the first block that holds it ([`crate::search::postings`]).
pub fn block_ranges(title: &str, body: &str) -> Vec<Range<usize>> {
    let title_chars = title.chars().count() + 1;
    // Short pages fit in one block: no cut to look for (`count` is vectorized).
    if title_chars + body.chars().count() < HEAD_CHARS {
        // One range, the whole prose (a `Vec` for the callers' sake).
        #[allow(clippy::single_range_in_vec_init)]
        return vec![0..body.len()];
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let mut end = 0;
    let mut in_block = title_chars;
    // The last line break in the block's second half: where to cut it (byte offset after
    // it, and the block's characters up to it).
    let mut cut: Option<(usize, usize)> = None;
    for (i, c) in body
        .char_indices()
        .take(EXCERPT_CHARS.saturating_sub(title_chars))
    {
        end = i + c.len_utf8();
        in_block += 1;
        let limit = block_chars(ranges.len());
        if c == '\n' && in_block >= limit / 2 {
            cut = Some((end, in_block));
        }
        if in_block >= limit {
            let (at, n) = cut.take().unwrap_or((end, in_block));
            ranges.push(start..at);
            start = at;
            in_block -= n;
        }
    }
    if start < end || ranges.is_empty() {
        ranges.push(start..end);
    }
    // Cuts at line breaks can leave the kept text one block more.
    ranges.truncate(MAX_BLOCKS);
    ranges
}

/// `text` as a JS string literal: JSON's escapes, plus the two line separators JSON
/// allows raw but JS engines before ES2019 do not.
pub fn escaped(text: &str) -> String {
    let literal = json(text);
    if crate::escape::has_line_separator(&literal) {
        literal
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
    } else {
        literal
    }
}

/// The row of a document in its `d/<k>.js` chunk.
pub fn row(page: &Page, i18n: &crate::i18n::I18n, blocks: usize) -> serde_json::Value {
    serde_json::json!([
        page.url,
        page.title,
        page.kind.key(),
        page.date.map(|x| date_field(&x, i18n)).unwrap_or_default(),
        blocks
    ])
}

/// A result's date as the rest of the site shows it (`5 March 2024`, `2024年3月5日`),
/// after the ISO date its `<time datetime>` needs: `2024-03-05 5 March 2024`. The ISO
/// part is always ten characters; a format that writes the ISO date itself sends it once.
pub fn date_field(date: &crate::date::Date, i18n: &crate::i18n::I18n) -> String {
    let iso = date.iso();
    let shown = i18n.date(date);
    if shown == iso {
        iso
    } else {
        format!("{iso} {shown}")
    }
}

#[derive(Serialize)]
pub struct Facet {
    pub values: Vec<String>,
    pub labels: Vec<String>,
    /// Several values per document (tags).
    pub multi: bool,
    /// Single-valued facets: per document, in the number encoding, the value's index + 1
    /// (0: none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    /// Multi-valued facets: per value, its documents as differences (the first
    /// absolute). A tag is on a few percent of the pages, so the gaps are small numbers
    /// that gzip well; per-document index lists came out 40% larger.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lists: Option<Vec<String>>,
}

/// Builds a facet from each document's values (`(value, label)` pairs).
fn facet(
    docs: &[PageId],
    multi: bool,
    values_of: impl Fn(PageId) -> Vec<(String, String)>,
) -> Facet {
    let per_doc: Vec<Vec<(String, String)>> = docs.iter().map(|&d| values_of(d)).collect();
    let mut values: Vec<(String, String)> = per_doc.iter().flatten().cloned().collect();
    values.sort();
    values.dedup_by(|a, b| a.0 == b.0);
    let index: HashMap<&str, u32> = values
        .iter()
        .enumerate()
        .map(|(i, (v, _))| (v.as_str(), i as u32))
        .collect();
    let ids = |list: &[(String, String)]| -> Vec<u32> {
        list.iter()
            .filter_map(|(v, _)| index.get(v.as_str()).copied())
            .collect()
    };
    let (docs, lists) = if multi {
        // (encoded list, last document) per value.
        let mut lists: Vec<(String, Option<u32>)> = vec![(String::new(), None); values.len()];
        for (d, list) in per_doc.iter().enumerate() {
            let d = d as u32;
            let mut seen = ids(list);
            seen.sort_unstable();
            seen.dedup();
            for i in seen {
                let (encoded, last) = &mut lists[i as usize];
                encode::push(encoded, last.map_or(d, |l| d - l));
                *last = Some(d);
            }
        }
        (None, Some(lists.into_iter().map(|(l, _)| l).collect()))
    } else {
        let mut encoded = String::with_capacity(docs.len() * 2);
        for list in &per_doc {
            encode::push(&mut encoded, ids(list).first().map_or(0, |i| i + 1));
        }
        (Some(encoded), None)
    };
    Facet {
        labels: values.iter().map(|(_, l)| l.clone()).collect(),
        values: values.into_iter().map(|(v, _)| v).collect(),
        multi,
        docs,
        lists,
    }
}

/// Every facet, in the order the results page shows them.
pub fn facets(site: &Site, docs: &[PageId], i18n: &I18n) -> Vec<(&'static str, Facet)> {
    let page = |d: PageId| site.page(d);
    let one = |x: Option<(String, String)>| x.into_iter().collect::<Vec<_>>();
    vec![
        (
            "kind",
            facet(docs, false, |d| {
                let k = page(d).kind.key();
                vec![(k.to_string(), i18n.get(&format!("kind_{k}")).to_string())]
            }),
        ),
        (
            "year",
            facet(docs, false, |d| {
                one(page(d)
                    .date
                    .map(|x| (x.year().to_string(), x.year().to_string())))
            }),
        ),
        (
            "phase",
            facet(docs, false, |d| {
                one(page(d)
                    .lesson()
                    .map(|l| (l.phase.key().to_string(), i18n.term(l.phase))))
            }),
        ),
        (
            "impact",
            facet(docs, false, |d| {
                one(page(d)
                    .lesson()
                    .map(|l| (l.impact.key().to_string(), i18n.term(l.impact))))
            }),
        ),
        (
            "project",
            facet(docs, false, |d| {
                let p = site
                    .project_of(page(d))
                    .or_else(|| page(d).project().map(|_| d));
                one(p.and_then(|p| {
                    Some((
                        site.page(p).project()?.slug.clone(),
                        site.page(p).title.clone(),
                    ))
                }))
            }),
        ),
        (
            "category",
            facet(docs, false, |d| {
                one(page(d).category.clone().map(|c| (c.clone(), c)))
            }),
        ),
        (
            "tags",
            facet(docs, true, |d| {
                page(d)
                    .tags
                    .iter()
                    .map(|t| (t.clone(), t.clone()))
                    .collect()
            }),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::Id;

    #[test]
    fn no_index_script_holds_a_raw_line_separator() {
        let data = json(&["一\u{2028}二", "三\u{2029}"]);
        let written = String::from_utf8(script("f/tags", &data)).unwrap();
        assert_eq!(
            written,
            "_pmo(\"f/tags\",[\"一\\u2028二\",\"三\\u2029\"]);\n"
        );
    }

    #[test]
    fn blocks_start_with_the_title_and_cut_at_line_breaks() {
        assert_eq!(cut_blocks("标题", ""), ["\"标题\\n\""]);
        assert_eq!(
            cut_blocks("T", "say \"hi\"\\\u{2028}"),
            ["\"T\\nsay \\\"hi\\\"\\\\\\u2028\""]
        );
        // Two paragraphs, each over half the first block: the cut falls after the first.
        let first = "甲".repeat(HEAD_CHARS * 2 / 3);
        let second = "乙".repeat(HEAD_CHARS * 2 / 3);
        let blocks = cut_blocks("T", &format!("{first}\n{second}"));
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0], json(&format!("T\n{first}\n")));
        assert_eq!(blocks[1], json(&second));
        // Block 0 is short; the rest of a page is one larger block while it fits.
        let rest = "丁".repeat(BLOCK_CHARS - 10);
        let blocks = cut_blocks("T", &format!("{first}\n{rest}"));
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1], json(&rest));
        // Text past the blocks the client reads is not written.
        let long = "丙".repeat(BLOCK_CHARS * (MAX_BLOCKS + 2));
        let blocks = cut_blocks("T", &long);
        assert_eq!(blocks.len(), MAX_BLOCKS);
        // The head's characters, title and line break included, plus the quotes and the
        // line break's escape.
        assert_eq!(blocks[0].chars().count(), HEAD_CHARS + 3);
        assert!(blocks.iter().all(|b| b.chars().count() <= BLOCK_CHARS + 4));
    }

    #[test]
    fn facets_encode_indexes_and_lists() {
        let docs = [0, 1, 2].map(PageId::new);
        let single = facet(&docs, false, |d| {
            let d = d.index();
            (d != 1)
                .then(|| (format!("v{d}"), format!("V{d}")))
                .into_iter()
                .collect()
        });
        assert_eq!(single.values, ["v0", "v2"]);
        assert_eq!(single.docs.as_deref(), Some("102"));
        assert_eq!(single.lists, None);
        // Document 1 has t0, document 2 has t0 and t1 (twice: counted once).
        let multi = facet(&docs, true, |d| {
            let d = d.index();
            (0..d)
                .chain((d == 2).then_some(1))
                .map(|i| (format!("t{i}"), format!("t{i}")))
                .collect()
        });
        assert_eq!(multi.values, ["t0", "t1"]);
        assert_eq!(multi.docs, None);
        assert_eq!(multi.lists, Some(vec!["11".to_string(), "2".to_string()]));
    }
}
