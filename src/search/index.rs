//! The index stage: the search index of docs/search-format.md, built from the pages' own
//! text and metadata (never by re-reading the HTML) and written as JavaScript files that
//! load from file:// as well as over HTTP.
//!
//! Documents are tokenized in batches, in parallel; each batch's postings are then
//! appended, already encoded, to the vocabulary's partitions, in parallel. Memory stays
//! close to the size of the encoded index. `pmo serve` rebuilds the index in memory after
//! an edit and swaps in only the files whose bytes changed (BM25 statistics are global:
//! one edit can change any shard).

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::i18n::I18n;
use crate::markdown::is_cjk;
use crate::output::Output;
use crate::search::documents::{self, json, script};
use crate::search::fields;
use crate::search::glossary::Vocabulary;
use crate::search::postings::{DocIndex, DocTerms, Partition};
use crate::search::reach::Layout;
use crate::search::shards;
use crate::search::synonyms;
use crate::search::term_files;
use crate::search::titles;
use crate::search::typos;
use crate::search::words::Words;
use crate::site::{PageId, Site};

/// The index format's version (`meta.v`).
pub const VERSION: u32 = 11;
/// Documents per `d/<k>.js` chunk. The results page reads the rows of the results below
/// its first screen from here (their text only once scrolled to): a result costs its
/// whole chunk, some 300 bytes gzip-compressed at 4 rows where 32 cost 1.1 KB, as much
/// as the block 0 it replaces. Rows are short, so 2,575 chunks at 10k pages.
const DOC_CHUNK: usize = 4;
/// Documents tokenized together before their postings are merged. Two batches are alive
/// at once (one tokenized while the other merges), at ~15 KB of terms per document: 256
/// keeps the 10k-page build under 300 MiB, 512 did not.
const BATCH: usize = 256;
/// Partitions of the vocabulary merged in parallel.
const PARTITIONS: usize = 64;
/// Batches merged between two hand-backs of the heap's free pages (see `heap`). A list
/// that outgrows its room moves, and the room it leaves is too small for the next list
/// to outgrow its own: at 100,000 pages such holes held the build's RSS some 280 MiB
/// above its live heap by the end of the merge. Each hand-back takes milliseconds.
const TRIM_BATCHES: usize = 32;
/// Bytes of a title or of a page's headings that are cut into words (jieba). Words only
/// weigh bigrams for ranking, and segmenting is the slowest step per byte (a 10 MB
/// heading took seconds): text past this is matched as ever, only with its bigrams
/// weighed as if no word boundary were there. Far more than the headings of any page.
const SEGMENT_BYTES: usize = 64 * 1024;

/// Bytes of each field of a page (title, headings, metadata, body) that are indexed:
/// text past this is not found by search. Tokenizing is linear, but what it keeps is
/// not small: every distinct term of a page costs a map entry, a posting and a place in
/// a shard, and random text is nearly all distinct terms (a 10 MB line of random Chinese
/// made 3.5 million bigrams and took 650 MB). A mebibyte is some 350,000 Chinese
/// characters or 150,000 English words — a long book in one page — and bounds a page's
/// share of the index stage to a fraction of a second and some 70 MB.
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;

/// Builds the whole index and writes it through `output`. Returns the number of files;
/// a failure names the index file that could not be written.
pub fn write(
    site: &Site,
    i18n: &I18n,
    words: &Words,
    output: &dyn Output,
) -> Result<usize, Diagnostic> {
    // Nothing sets the flag, so the index is written whole.
    write_until(site, i18n, words, output, &AtomicBool::new(false)).map(Option::unwrap_or_default)
}

/// As [`write`], given up (`Ok(None)`, with some files perhaps written) soon after `stop`
/// is set: `serve` rebuilds the index after the reload, and drops the work when the next
/// save arrives.
pub fn write_until(
    site: &Site,
    i18n: &I18n,
    words: &Words,
    output: &dyn Output,
    stop: &AtomicBool,
) -> Result<Option<usize>, Diagnostic> {
    let counter = Counter {
        output,
        files: std::sync::atomic::AtomicUsize::new(0),
        failed: OnceLock::new(),
        stop,
    };
    match emit(site, i18n, words, &counter, stop) {
        Ok(()) => Ok(Some(counter.files.into_inner())),
        Err(_) if halted(stop).is_err() => Ok(None),
        Err(e) => Err(counter
            .failed
            .into_inner()
            .unwrap_or_else(|| Diagnostic::unwritable("search/", &e))),
    }
}

/// An error once `stop` is set, which `?` carries out of the stage.
fn halted(stop: &AtomicBool) -> io::Result<()> {
    if stop.load(Ordering::Relaxed) {
        Err(io::Error::from(io::ErrorKind::Interrupted))
    } else {
        Ok(())
    }
}

/// Counts the files written (the build needs no digests) and keeps the first that failed.
struct Counter<'a> {
    output: &'a dyn Output,
    files: std::sync::atomic::AtomicUsize,
    failed: OnceLock<Diagnostic>,
    stop: &'a AtomicBool,
}

impl Output for Counter<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        halted(self.stop)?;
        self.files
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.output.write(rel, bytes).inspect_err(|e| {
            let _ = self.failed.set(Diagnostic::unwritable(rel, e));
        })
    }
}

/// Builds every file of the index and writes it.
fn emit(
    site: &Site,
    i18n: &I18n,
    words: &Words,
    output: &dyn Output,
    stop: &AtomicBool,
) -> io::Result<()> {
    let docs = documents::documents(site);
    let shards = shards::shard_count(docs.len());
    let cuts = cut_words(site, &docs, words);
    halted(stop)?;
    let (partitions, blocks) = postings(site, i18n, &docs, &cuts, output, stop)?;
    halted(stop)?;
    // Read before the partitions are written out (and dropped) below.
    let synonyms = synonyms::table(&partitions, &site.config.search_synonyms);
    let title_starts: Vec<&[u32]> = cuts.iter().map(|c| c[0].as_slice()).collect();
    let vocabulary = typos::vocabulary(site, &docs, &title_starts, &synonyms, &partitions);
    // A character of a synonym is kept too: `專案` folds to 专案, which no page need hold
    // for the synonyms' table to widen it to 项目.
    let in_synonyms: std::collections::HashSet<char> = synonyms
        .iter()
        .flatten()
        .flat_map(|(member, _)| member.chars())
        .collect();
    let folds = super::variants::traditional_to_simplified(|c| {
        in_synonyms.contains(&c)
            || synonyms::pages_with_all(&partitions, c.encode_utf8(&mut [0; 4])) > 0
    });
    // Three independent jobs; the facets are serial, so they run beside the others.
    // Each title on its own: in parallel, as the rest of the stage.
    let titles: Vec<Vec<String>> = docs
        .par_iter()
        .map(|&d| titles::title_keys(site.page(d), &synonyms))
        .collect();
    let (split, (written, facets)) = rayon::join(
        || term_files::write(partitions, &titles, docs.len(), shards, output),
        || {
            rayon::join(
                || write_chunks(site, i18n, &docs, &blocks, output),
                || documents::facets(site, &docs, i18n),
            )
        },
    );
    let shards_written = split?;
    written?;
    let names: Vec<&str> = facets.iter().map(|(n, _)| *n).collect();
    let kind = facets
        .iter()
        .find(|(n, _)| *n == "kind")
        .map(|(_, f)| serde_json::json!({"values": f.values, "labels": f.labels}));
    // One file per facet: the tags of 100k pages alone approach 1 MB.
    for (name, facet) in &facets {
        let name = format!("f/{name}");
        output.write(&format!("search/{name}.js"), &script(&name, &json(facet)))?;
    }
    // Loaded only by a query with CJK characters that finds nothing (see `variants`).
    let folds = serde_json::Value::String(folds);
    output.write("search/t2s.js", &script("t2s", &json(&folds)))?;
    // Loaded only by a query with Chinese in it that finds nothing (see `typos`).
    output.write(
        "search/vocab.js",
        &script("vocab", &json(&serde_json::Value::String(vocabulary))),
    )?;
    // Loaded only by a query that finds less than a page of results (see `synonyms`).
    output.write(
        "search/syn.js",
        &script("syn", &json(&serde_json::json!(synonyms))),
    )?;
    let meta = serde_json::json!({
        "v": VERSION,
        "n": docs.len(),
        "shards": shards,
        "words": shards_written.word_files,
        "chunk": DOC_CHUNK,
        "split": shards_written.split,
        // Every common bigram is two characters: written together, one string, without
        // the quotes and commas of a list (0.1 KB gzip-compressed of every first query).
        "common": shards_written.common.concat(),
        "ranked": shards_written.ranked,
        "facets": names,
        "kind": kind,
        "sections": documents::sections(site, &docs),
    });
    output.write("search/meta.js", &script("meta", &json(&meta)))
}

/// Where the words of each document's title and headings start. Done before anything
/// else, so that a one-shot build can free the dictionary before the postings grow.
fn cut_words(site: &Site, docs: &[PageId], words: &Words) -> Vec<[Vec<u32>; 2]> {
    // Asked for on the first title or heading with CJK text, so English never loads it.
    let segmenter = OnceLock::new();
    let vocabulary = Vocabulary::new(&site.config.search_words);
    docs.par_iter()
        .map(|&id| {
            let page = site.page(id);
            let cut = |text: &str| {
                let text = head(text, SEGMENT_BYTES);
                if text.chars().any(is_cjk) {
                    let mut starts = segmenter.get_or_init(|| words.get()).starts(text);
                    vocabulary.join(text, &mut starts);
                    starts
                } else {
                    Vec::new()
                }
            };
            [cut(&page.title), cut(&fields::headings(page))]
        })
        .collect()
}

/// The longest start of `text` of at most `max` bytes that ends on a character.
fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Tokenizes every document, writes its excerpt blocks, and returns the vocabulary's
/// partitions and each document's number of blocks. Batch k+1 is tokenized while batch
/// k is merged, so neither step waits for the other's slowest task. Stops early, with
/// part of the documents, once `stop` is set; a block that cannot be written stops it
/// too, with that error.
fn postings(
    site: &Site,
    i18n: &I18n,
    docs: &[PageId],
    cuts: &[[Vec<u32>; 2]],
    output: &dyn Output,
    stop: &AtomicBool,
) -> io::Result<(Vec<Partition>, Vec<usize>)> {
    let lengths = documents::lengths(site, docs);
    let mut parts: Vec<Partition> = (0..PARTITIONS).map(|_| Partition::default()).collect();
    let mut all_blocks: Vec<usize> = Vec::with_capacity(docs.len());
    let batches: Vec<&[PageId]> = docs.chunks(BATCH).collect();
    let as_of = site.config.as_of();
    let synonym_words = synonyms::english_words(&site.config.search_synonyms);
    let mut previous: Option<(usize, Vec<DocIndex>)> = None;
    for b in 0..=batches.len() {
        if halted(stop).is_err() {
            break;
        }
        let (tokenized, ()) = rayon::join(
            || {
                batches.get(b).map(|batch| {
                    let first = b * BATCH;
                    let (terms, blocks): (Vec<DocIndex>, Vec<io::Result<usize>>) = batch
                        .par_iter()
                        .enumerate()
                        .map_init(DocTerms::default, |terms, (i, &id)| {
                            let page = site.page(id);
                            let [title, headings] = &cuts[first + i];
                            // A title writing its month the Chinese way (2026年10月组合月报)
                            // holds it as `2026-10` too, with a title's weight: `2026-10`
                            // put the month's report 16th, under pages merely dated then.
                            let title_text = fields::with_iso_dates(&page.title);
                            terms.add_field(0, head(&title_text, MAX_FIELD_BYTES), title);
                            let headings_text = fields::headings(page);
                            terms.add_field(1, head(&headings_text, MAX_FIELD_BYTES), headings);
                            let facts = fields::facts::of(site, page, i18n, as_of);
                            terms.add_field(2, head(&facts.metadata, MAX_FIELD_BYTES), &[]);
                            let beside = fields::beside(site, id, i18n);
                            let body = fields::body(site, page, i18n, &facts.other_dates, &beside);
                            // The prose opens the body field: its excerpt blocks' offsets
                            // are the field's own (see `reach`).
                            let prose_len = page.body.text.len().min(body.len());
                            let prose = body.get(..prose_len);
                            let ranges = prose
                                .map(|p| documents::block_ranges(&page.title, p))
                                .unwrap_or_default();
                            terms.blocks(Layout::new(&ranges, prose_len));
                            terms.add_field(3, head(&body, MAX_FIELD_BYTES), &[]);
                            let address =
                                fields::address_words(&page.url, |w| synonym_words.contains(w));
                            terms.add_field(4, &address, &[]);
                            // Its excerpt blocks are written here, while what they show is
                            // at hand (see `write_blocks`).
                            let page_text = Excerpted {
                                prose: prose.unwrap_or_default(),
                                ranges: &ranges,
                                facts: &facts.shown,
                                beside: &beside,
                            };
                            let blocks = write_blocks(page, i18n, first + i, &page_text, output);
                            (terms.finish(lengths[first + i], PARTITIONS), blocks)
                        })
                        .unzip();
                    (first, terms, blocks)
                })
            },
            || {
                if let Some((first, batch)) = &previous {
                    merge(&mut parts, *first, batch);
                    if (first / BATCH) % TRIM_BATCHES == TRIM_BATCHES - 1 {
                        crate::heap::give_back();
                    }
                }
            },
        );
        previous = match tokenized {
            Some((first, terms, blocks)) => {
                for n in blocks {
                    all_blocks.push(n?);
                }
                Some((first, terms))
            }
            None => None,
        };
    }
    Ok((parts, all_blocks))
}

/// Appends a batch of documents (numbered from `first`) to the partitions, in parallel.
fn merge(parts: &mut [Partition], first: usize, batch: &[DocIndex]) {
    parts.par_iter_mut().enumerate().for_each(|(p, part)| {
        for (i, doc) in batch.iter().enumerate() {
            for &(impact, places, term) in doc.partition(p) {
                part.append(
                    (first + i) as u32,
                    doc.term(term),
                    u32::from(impact),
                    places,
                );
            }
        }
    });
}

/// What a document's excerpt blocks are cut and read from, as the postings pass made it.
struct Excerpted<'a> {
    /// The page's prose, which opens its body field.
    prose: &'a str,
    /// Where its blocks lie in `prose` (`documents::block_ranges`).
    ranges: &'a [std::ops::Range<usize>],
    /// [`fields::facts::Facts::shown`].
    facts: &'a str,
    /// [`fields::beside`].
    beside: &'a str,
}

/// Writes the excerpt blocks of document `n` and returns how many there are. Block 0
/// starts with the document's row too, so a page of results loads one file per result
/// and no chunk. Written in the postings pass: the prose, its blocks' places and what
/// the page shows beside it were made there, and making them again here (the project's
/// figures, its chart blocks) cost as much as a tenth of the stage.
fn write_blocks(
    page: &crate::content::page::Page,
    i18n: &I18n,
    n: usize,
    text: &Excerpted,
    output: &dyn Output,
) -> io::Result<usize> {
    let blocks = documents::blocks(&page.title, text.prose, text.ranges);
    // What the client reads beside `shown` (`headHolds` in search-verify.js).
    let first = text.ranges.first().and_then(|r| text.prose.get(r.clone()));
    let read = [page.title.as_str(), first.unwrap_or_default()];
    for (b, block) in blocks.iter().enumerate() {
        let name = format!("x/{n}-{b}");
        let data = if b == 0 {
            let row = json(&documents::row(page, i18n, blocks.len()));
            let shown = fields::shown(page, text.facts, text.beside, &read);
            let shown = documents::escaped(&shown);
            // `[url,…,blocks]` → `[url,…,blocks,"text","shown"]`.
            script(
                &name,
                &format!("{},{block},{shown}]", row.trim_end_matches(']')),
            )
        } else {
            script(&name, block)
        };
        output.write(&format!("search/{name}.js"), &data)?;
    }
    Ok(blocks.len())
}

/// Writes the document chunks, whose rows say how many excerpt blocks each document has.
fn write_chunks(
    site: &Site,
    i18n: &I18n,
    docs: &[PageId],
    blocks: &[usize],
    output: &dyn Output,
) -> io::Result<()> {
    docs.par_chunks(DOC_CHUNK)
        .enumerate()
        .map(|(k, chunk)| {
            let rows: Vec<serde_json::Value> = chunk
                .iter()
                .enumerate()
                .map(|(i, &d)| documents::row(site.page(d), i18n, blocks[k * DOC_CHUNK + i]))
                .collect();
            let name = format!("d/{k}");
            output.write(&format!("search/{name}.js"), &script(&name, &json(&rows)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_cuts_on_a_character() {
        assert_eq!(head("项目abc", 4), "项");
        assert_eq!(head("项目abc", 6), "项目");
        assert_eq!(head("abc", 10), "abc");
        assert_eq!(head("", 0), "");
    }
}
