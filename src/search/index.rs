//! The index stage: the search index of docs/search-format.md, built from the pages' own
//! text and metadata (never by re-reading the HTML) and written as JavaScript files that
//! load from file:// as well as over HTTP.
//!
//! Documents are processed in chunks: each chunk is tokenized in parallel, then every
//! shard appends that chunk's postings in parallel. Postings are kept only in their final
//! serialized form, so memory stays close to the size of the index itself.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io;

use rayon::prelude::*;
use serde::Serialize;

use crate::content::page::{Kind, Page};
use crate::content::schema::Vocabulary;
use crate::output::Output;
use crate::render::i18n::I18n;
use crate::search::tokenize::{for_each_term, TermKind};
use crate::site::{PageId, Site};

/// Field bits of a posting's mask, in the order of `meta.fields`.
const FIELDS: [&str; 4] = ["title", "headings", "meta", "body"];
/// Positions kept per term and document: enough to find an adjacent pair in most pages.
const MAX_POSITIONS: usize = 8;
/// Gap in positions between fields, so a phrase never spans two fields.
const FIELD_GAP: u32 = 1000;
/// Documents per `d/<k>.js` chunk.
const DOC_CHUNK: usize = 256;
/// Documents tokenized together before their postings are merged.
const BATCH: usize = 1024;
/// Characters of text kept per document for excerpts.
const EXCERPT_CHARS: usize = 20_000;

/// FNV-1a, 32 bits: the shard hash the client computes too.
pub fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The shard of a term: by its first CJK character, or the first two characters of a word.
pub fn shard_of(term: &str, kind: TermKind, shards: u32) -> u32 {
    let take = if kind == TermKind::Word { 2 } else { 1 };
    let end = term.char_indices().nth(take).map_or(term.len(), |(i, _)| i);
    fnv1a(&term.as_bytes()[..end]) % shards
}

/// Enough shards that each holds a modest slice of the vocabulary.
fn shard_count(docs: usize) -> u32 {
    ((docs / 8).max(16).next_power_of_two() as u32).min(4096)
}

/// One term's occurrences in one document.
struct Posting {
    shard: u32,
    term: Box<str>,
    mask: u8,
    tf: u32,
    /// The first `npos` entries are used; inline, so a posting costs no allocation.
    positions: [u32; MAX_POSITIONS],
    npos: u8,
}

/// FNV-1a as a `Hasher`: the index hashes millions of short terms, where SipHash's
/// protection against hostile keys costs a tenth of the stage and buys nothing.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// The searchable pages: everything a reader would want as a result.
fn documents(site: &Site) -> Vec<PageId> {
    (0..site.pages.len())
        .filter(|&i| !matches!(site.page(i).kind, Kind::Home | Kind::Section))
        .collect()
}

fn headings(page: &Page) -> String {
    fn walk(entries: &[crate::markdown::TocEntry], out: &mut String) {
        for e in entries {
            out.push_str(&e.title);
            out.push('\n');
            walk(&e.children, out);
        }
    }
    let mut out = String::new();
    walk(&page.body.toc, &mut out);
    out
}

fn metadata(site: &Site, page: &Page, i18n: &I18n) -> String {
    let mut out = page.tags.join(" ");
    for extra in [
        page.category.clone(),
        site.project_of(page).map(|p| site.page(p).title.clone()),
        page.project().and_then(|p| p.code.clone()),
        page.lesson().map(|l| i18n.term(l.phase)),
        page.lesson().and_then(|l| l.id.clone()),
        page.owner.clone(),
    ]
    .into_iter()
    .flatten()
    {
        out.push(' ');
        out.push_str(&extra);
    }
    out
}

/// Every term of one document with its fields, frequency and first positions, sorted by
/// shard and term. Single CJK characters carry no positions: they only answer
/// one-character queries, which have no phrase to check.
fn postings(site: &Site, id: PageId, i18n: &I18n, shards: u32) -> (Vec<Posting>, u32) {
    let page = site.page(id);
    let headings = headings(page);
    let metadata = metadata(site, page, i18n);
    let fields: [&str; 4] = [&page.title, &headings, &metadata, &page.body.text];
    let mut by_term: FastMap<Box<str>, Posting> = FastMap::default();
    let mut length = 0u32;
    let mut base = 0u32;
    for (f, text) in fields.iter().enumerate() {
        let mut last = 0u32;
        for_each_term(text, |term, kind, position| {
            if kind != TermKind::Bigram {
                length += 1;
            }
            last = last.max(position);
            let entry = match by_term.get_mut(term) {
                Some(entry) => entry,
                None => by_term
                    .entry(Box::from(term))
                    .or_insert_with_key(|t| Posting {
                        shard: shard_of(t, kind, shards),
                        term: t.clone(),
                        mask: 0,
                        tf: 0,
                        positions: [0; MAX_POSITIONS],
                        npos: 0,
                    }),
            };
            entry.mask |= 1 << f;
            entry.tf += 1;
            if kind != TermKind::Unigram && usize::from(entry.npos) < MAX_POSITIONS {
                entry.positions[usize::from(entry.npos)] = base + position;
                entry.npos += 1;
            }
        });
        base += last + FIELD_GAP;
    }
    let mut list: Vec<Posting> = by_term.into_values().collect();
    list.sort_unstable_by(|a, b| (a.shard, &a.term).cmp(&(b.shard, &b.term)));
    (list, length)
}

/// A shard being written: term → serialized postings, and each term's last document.
#[derive(Default)]
struct ShardBuf {
    terms: FastMap<Box<str>, (String, u32)>,
}

impl ShardBuf {
    fn append(&mut self, doc: u32, p: &Posting) {
        if !self.terms.contains_key(&*p.term) {
            self.terms.insert(p.term.clone(), (String::new(), 0));
        }
        let Some((buf, last)) = self.terms.get_mut(&*p.term) else {
            return;
        };
        if !buf.is_empty() {
            buf.push(',');
        }
        let delta = if buf.is_empty() { doc } else { doc - *last };
        *last = doc;
        let _ = write!(buf, "{delta},{},{},{}", p.mask, p.tf, p.npos);
        for pos in &p.positions[..usize::from(p.npos)] {
            let _ = write!(buf, ",{pos}");
        }
    }

    fn js(&self, name: &str) -> String {
        let mut out = String::with_capacity(
            self.terms
                .values()
                .map(|(b, _)| b.len() + 16)
                .sum::<usize>()
                + 64,
        );
        let _ = write!(out, "PmoSearch._receive({},{{", json(name));
        // Sorted, so the file is the same on every build.
        let mut terms: Vec<(&Box<str>, &(String, u32))> = self.terms.iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (i, (term, (buf, _))) in terms.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{}:[{buf}]", json(&**term));
        }
        out.push_str("});\n");
        out
    }
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    // Serializing plain strings, numbers and vectors cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

#[derive(Serialize)]
struct Facet {
    values: Vec<String>,
    labels: Vec<String>,
    docs: serde_json::Value,
}

/// Builds a single-valued facet: each document's value index, or -1.
fn facet(docs: &[PageId], value: impl Fn(PageId) -> Option<(String, String)>) -> Facet {
    let mut values: Vec<(String, String)> = docs.iter().filter_map(|&d| value(d)).collect();
    values.sort();
    values.dedup_by(|a, b| a.0 == b.0);
    let index: HashMap<&str, usize> = values
        .iter()
        .enumerate()
        .map(|(i, (v, _))| (v.as_str(), i))
        .collect();
    let per_doc: Vec<i64> = docs
        .iter()
        .map(|&d| {
            value(d)
                .and_then(|(v, _)| index.get(v.as_str()).map(|&i| i as i64))
                .unwrap_or(-1)
        })
        .collect();
    Facet {
        labels: values.iter().map(|(_, l)| l.clone()).collect(),
        values: values.into_iter().map(|(v, _)| v).collect(),
        docs: serde_json::Value::from(per_doc),
    }
}

fn facets(site: &Site, docs: &[PageId], i18n: &I18n) -> BTreeMap<&'static str, Facet> {
    let page = |d: PageId| site.page(d);
    let mut out = BTreeMap::new();
    out.insert(
        "kind",
        facet(docs, |d| {
            let k = page(d).kind.key();
            Some((k.to_string(), i18n.get(&format!("kind_{k}")).to_string()))
        }),
    );
    out.insert(
        "year",
        facet(docs, |d| {
            page(d)
                .date
                .map(|x| (x.year().to_string(), x.year().to_string()))
        }),
    );
    out.insert(
        "impact",
        facet(docs, |d| {
            page(d)
                .lesson()
                .map(|l| (l.impact.key().to_string(), i18n.term(l.impact)))
        }),
    );
    out.insert(
        "phase",
        facet(docs, |d| {
            page(d)
                .lesson()
                .map(|l| (l.phase.key().to_string(), i18n.term(l.phase)))
        }),
    );
    out.insert(
        "project",
        facet(docs, |d| {
            let p = site
                .project_of(page(d))
                .or_else(|| page(d).project().map(|_| d))?;
            Some((
                site.page(p).project()?.slug.clone(),
                site.page(p).title.clone(),
            ))
        }),
    );
    out.insert(
        "category",
        facet(docs, |d| page(d).category.clone().map(|c| (c.clone(), c))),
    );
    // Tags are multi-valued: a list of indexes per document.
    let mut tags: Vec<String> = docs
        .iter()
        .flat_map(|&d| page(d).tags.iter().cloned())
        .collect();
    tags.sort();
    tags.dedup();
    let index: HashMap<&str, usize> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    let per_doc: Vec<Vec<usize>> = docs
        .iter()
        .map(|&d| {
            page(d)
                .tags
                .iter()
                .filter_map(|t| index.get(t.as_str()).copied())
                .collect()
        })
        .collect();
    out.insert(
        "tags",
        Facet {
            labels: tags.clone(),
            values: tags,
            docs: serde_json::to_value(per_doc).unwrap_or_default(),
        },
    );
    out
}

/// Builds the whole index and writes it through `output`. Returns the number of files.
pub fn write(site: &Site, i18n: &I18n, output: &dyn Output) -> io::Result<usize> {
    let docs = documents(site);
    let shards = shard_count(docs.len());
    let mut bufs: Vec<ShardBuf> = (0..shards).map(|_| ShardBuf::default()).collect();
    let mut lengths = vec![0u32; docs.len()];

    for (b, batch) in docs.chunks(BATCH).enumerate() {
        let tokenized: Vec<(Vec<Posting>, u32)> = batch
            .par_iter()
            .map(|&id| postings(site, id, i18n, shards))
            .collect();
        let first = (b * BATCH) as u32;
        for (i, (_, len)) in tokenized.iter().enumerate() {
            lengths[first as usize + i] = *len;
        }
        // One pass sorts the batch's postings into their shards; then shards fill in parallel.
        let mut buckets: Vec<Vec<(u32, &Posting)>> = (0..shards).map(|_| Vec::new()).collect();
        for (i, (list, _)) in tokenized.iter().enumerate() {
            for p in list {
                buckets[p.shard as usize].push((first + i as u32, p));
            }
        }
        bufs.par_iter_mut().zip(buckets).for_each(|(buf, bucket)| {
            for (doc, p) in bucket {
                buf.append(doc, p);
            }
        });
    }

    let written: Vec<io::Result<()>> = bufs
        .par_iter()
        .enumerate()
        .map(|(i, buf)| {
            let name = format!("s/{i}");
            output.write(&format!("search/{name}.js"), buf.js(&name).as_bytes())
        })
        .collect();
    written.into_iter().collect::<io::Result<()>>()?;

    // Document chunks and per-document text, for results and excerpts.
    let chunks: Vec<io::Result<()>> = docs
        .par_chunks(DOC_CHUNK)
        .enumerate()
        .map(|(k, chunk)| {
            let rows: Vec<[String; 4]> = chunk
                .iter()
                .map(|&d| {
                    let p = site.page(d);
                    [
                        p.url.clone(),
                        p.title.clone(),
                        p.kind.key().to_string(),
                        p.date.map(|x| x.iso()).unwrap_or_default(),
                    ]
                })
                .collect();
            let name = format!("d/{k}");
            let js = format!("PmoSearch._receive({},{});\n", json(&name), json(&rows));
            output.write(&format!("search/{name}.js"), js.as_bytes())
        })
        .collect();
    chunks.into_iter().collect::<io::Result<()>>()?;
    let texts: Vec<io::Result<()>> = docs
        .par_iter()
        .enumerate()
        .map(|(n, &d)| {
            let p = site.page(d);
            let mut text = format!("{}\n{}", p.title, p.body.text);
            if let Some((cut, _)) = text.char_indices().nth(EXCERPT_CHARS) {
                text.truncate(cut);
            }
            let name = format!("x/{n}");
            let js = format!("PmoSearch._receive({},{});\n", json(&name), json(&text));
            output.write(&format!("search/{name}.js"), js.as_bytes())
        })
        .collect();
    texts.into_iter().collect::<io::Result<()>>()?;

    let avgdl = if docs.is_empty() {
        0.0
    } else {
        lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / docs.len() as f64
    };
    let meta = serde_json::json!({
        "v": 1,
        "n": docs.len(),
        "shards": shards,
        "avgdl": (avgdl * 10.0).round() / 10.0,
        "dl": lengths,
        "fields": FIELDS,
        "facets": facets(site, &docs, i18n),
        "docs": "d/",
        "chunk": DOC_CHUNK,
    });
    output.write(
        "search/meta.js",
        format!("PmoSearch._receive(\"meta\",{});\n", json(&meta)).as_bytes(),
    )?;
    Ok(shards as usize + docs.len().div_ceil(DOC_CHUNK) + docs.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a(b"foobar"), 0xbf9c_f968);
    }

    #[test]
    fn words_sharing_two_letters_share_a_shard() {
        let s = |t: &str, k| shard_of(t, k, 64);
        assert_eq!(s("vendor", TermKind::Word), s("ve", TermKind::Word));
        assert_eq!(s("供应", TermKind::Bigram), s("供", TermKind::Unigram));
        assert_eq!(shard_count(80), 16);
        assert_eq!(shard_count(10_300), 2048);
    }

    #[test]
    fn postings_serialize_with_document_deltas() {
        let mut buf = ShardBuf::default();
        let p = |list: Vec<u32>| {
            let mut positions = [0; MAX_POSITIONS];
            positions[..list.len()].copy_from_slice(&list);
            Posting {
                shard: 0,
                term: Box::from("供应"),
                mask: 9,
                tf: list.len() as u32,
                positions,
                npos: list.len() as u8,
            }
        };
        buf.append(3, &p(vec![4, 9]));
        buf.append(10, &p(vec![1]));
        assert_eq!(
            buf.js("s/0"),
            "PmoSearch._receive(\"s/0\",{\"供应\":[3,9,2,2,4,9,7,9,1,1,1]});\n"
        );
    }
}
