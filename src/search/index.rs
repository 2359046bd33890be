//! The index stage: the search index of docs/search-format.md, built from the pages' own
//! text and metadata (never by re-reading the HTML) and written as JavaScript files that
//! load from file:// as well as over HTTP.
//!
//! Documents are tokenized in batches, in parallel; each batch's postings are then
//! appended, already encoded, to the vocabulary's partitions, in parallel. Memory stays
//! close to the size of the encoded index. `pmo serve` rebuilds the index in memory after
//! an edit and swaps in only the files whose bytes changed (BM25 statistics are global:
//! one edit can change any shard).

use std::collections::{BTreeMap, HashMap, HashSet};
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
use crate::search::postings::{self, cjk_text, DocIndex, DocTerms, List, Partition};
use crate::search::ranked;
use crate::search::reach::Layout;
use crate::search::shards::{self, Groups};
use crate::search::titles::{self, First};
use crate::search::words::Words;
use crate::site::{PageId, Site};

/// The index format's version (`meta.v`).
pub const VERSION: u32 = 10;
/// Documents per `d/<k>.js` chunk: small, as a page of results touches up to ten chunks.
const DOC_CHUNK: usize = 32;
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
/// Bytes of one word group above which it is split (see `shards`): small enough that a
/// first query loads little (a word's group comes with it), and that no file passes 1 MB
/// even at 100k pages.
const GROUP_LIMIT: usize = 8 * 1024;

/// Common bigrams listed in `meta.common`: a few hundred bytes of meta.js.
const COMMON_BIGRAMS: usize = 128;

/// Documents a term must be in for its places to be written in `m/<shard>.js`. Where
/// every bigram of a phrase is rarer, its claimers are at most this many, and the client
/// reads them all for a page of results (20 shown plus 12 more): files it would never
/// load. At 10k pages this writes 1,010 such files instead of 1,721 (9 pages or more).
const PLACED_DOCS: u32 = 32;

/// The impact written with an exact-title posting: the client ranks by the posting's
/// presence, not its impact, so any digit does.
const TITLE_IMPACT: u32 = 31;

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
    let (partitions, ranges) = postings(site, i18n, &docs, &cuts, stop);
    halted(stop)?;
    // Three independent jobs; the facets are serial, so they run beside the others.
    let titles: Vec<Option<(String, First)>> = docs
        .iter()
        .map(|&d| titles::title_term(&site.page(d).title))
        .collect();
    let (split, (written, facets)) = rayon::join(
        || write_shards(partitions, &titles, docs.len(), shards, output),
        || {
            rayon::join(
                || write_documents(site, i18n, &docs, &ranges, output),
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
    let folds = serde_json::Value::String(super::variants::traditional_to_simplified());
    output.write("search/t2s.js", &script("t2s", &json(&folds)))?;
    let meta = serde_json::json!({
        "v": VERSION,
        "n": docs.len(),
        "shards": shards,
        "words": shards_written.word_files,
        "chunk": DOC_CHUNK,
        "split": shards_written.split,
        "common": shards_written.common,
        "ranked": shards_written.ranked,
        "facets": names,
        "kind": kind,
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

/// Where each document's excerpt blocks lie in its prose (`documents::block_ranges`).
type BlockRanges = Vec<Vec<std::ops::Range<usize>>>;

/// Tokenizes every document and returns the vocabulary's partitions, and where each
/// document's excerpt blocks lie (found here for the postings' reach, and kept so the
/// blocks are cut once). Batch k+1 is tokenized while batch k is merged, so neither step
/// waits for the other's slowest task. Stops early, with part of the documents, once
/// `stop` is set.
fn postings(
    site: &Site,
    i18n: &I18n,
    docs: &[PageId],
    cuts: &[[Vec<u32>; 2]],
    stop: &AtomicBool,
) -> (Vec<Partition>, BlockRanges) {
    let lengths = documents::lengths(site, docs);
    let mut parts: Vec<Partition> = (0..PARTITIONS).map(|_| Partition::default()).collect();
    let mut all_ranges: BlockRanges = Vec::with_capacity(docs.len());
    let batches: Vec<&[PageId]> = docs.chunks(BATCH).collect();
    let as_of = site.config.as_of();
    let mut previous: Option<(usize, Vec<DocIndex>)> = None;
    for b in 0..=batches.len() {
        if halted(stop).is_err() {
            break;
        }
        let (tokenized, ()) = rayon::join(
            || {
                batches.get(b).map(|batch| {
                    let first = b * BATCH;
                    let (terms, ranges): (Vec<DocIndex>, BlockRanges) = batch
                        .par_iter()
                        .enumerate()
                        .map_init(DocTerms::default, |terms, (i, &id)| {
                            let page = site.page(id);
                            let [title, headings] = &cuts[first + i];
                            terms.add_field(0, head(&page.title, MAX_FIELD_BYTES), title);
                            let headings_text = fields::headings(page);
                            terms.add_field(1, head(&headings_text, MAX_FIELD_BYTES), headings);
                            let metadata = fields::metadata(site, page, i18n, as_of);
                            terms.add_field(2, head(&metadata, MAX_FIELD_BYTES), &[]);
                            let body = fields::body(site, id, i18n);
                            // The prose opens the body field: its excerpt blocks' offsets
                            // are the field's own (see `reach`).
                            let prose = page.body.text.len().min(body.len());
                            let ranges = body
                                .get(..prose)
                                .map(|p| documents::block_ranges(&page.title, p))
                                .unwrap_or_default();
                            terms.blocks(Layout::new(&ranges, prose));
                            terms.add_field(3, head(&body, MAX_FIELD_BYTES), &[]);
                            (terms.finish(lengths[first + i], PARTITIONS), ranges)
                        })
                        .unzip();
                    (first, terms, ranges)
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
        previous = tokenized.map(|(first, terms, ranges)| {
            all_ranges.extend(ranges);
            (first, terms)
        });
    }
    (parts, all_ranges)
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

/// The split word groups of `meta.split`: each split key and the keys one character
/// longer under it.
type SplitGroups = BTreeMap<String, Vec<String>>;

/// Writes the term shards, with each document's exact-title term (see `titles`) in the
/// shard of its own hash, the word files, and the ranked lists of CJK terms and pairs;
/// returns what meta.js says of them.
fn write_shards(
    parts: Vec<Partition>,
    titles: &[Option<(String, First)>],
    docs: usize,
    shards: u32,
    output: &dyn Output,
) -> io::Result<Written> {
    let mut cjk: Vec<(String, List)> = Vec::new();
    let mut words: Vec<(Box<str>, List)> = Vec::new();
    for part in parts {
        cjk.extend(part.cjk.into_iter().map(|(k, l)| (cjk_text(k), l)));
        words.extend(part.words.into_values());
    }
    // Long lists of single words, ranked once: groups are weighed by what is written,
    // reach codes aside (so that they split where they did before reach: `meta.split`
    // is in every first query). Their sizes only: keeping the ranked text of every long
    // word until the shards are written cost 7 MiB of the build's peak; it is ranked
    // again as its shard is written.
    let ranked_words: HashMap<&str, usize> = words
        .par_iter()
        .filter(|(w, l)| !w.contains(' ') && ranked::is_long(l))
        .filter_map(|(w, l)| {
            let r = ranked::rank(l)?;
            Some((&**w, r.json(0).len() - r.reached as usize))
        })
        .collect();
    let sizes = words
        .iter()
        .filter(|(w, _)| !w.contains(' '))
        .map(|(w, l)| {
            let written = ranked_words
                .get(&**w)
                .copied()
                .unwrap_or(l.encoded.len() - l.reached as usize + 2);
            (&**w, w.len() + written + 4)
        });
    let word_bytes: usize = sizes.clone().map(|(_, bytes)| bytes).sum();
    let groups = Groups::new(sizes, GROUP_LIMIT);
    // Long lists of terms hashed whole (CJK terms, pairs) go to files of their own, one
    // per bucket of a hash of the term, which meta lists (see `ranked`); the shard does
    // not hold them. Words keep theirs in their group, ranked: a prefix needs the whole
    // group anyway.
    let own: Vec<(&str, &List)> = cjk
        .iter()
        .map(|(t, l)| (t.as_str(), l))
        .chain(
            words
                .iter()
                .filter(|(w, _)| w.contains(' '))
                .map(|(w, l)| (&**w, l)),
        )
        .filter(|(_, l)| ranked::is_long(l))
        .collect();
    let buckets = ranked::bucket_count(own.len());
    let mut by_bucket: BTreeMap<u32, Vec<(&str, &List)>> = BTreeMap::new();
    for &(term, list) in &own {
        by_bucket
            .entry(ranked::bucket_of(term, buckets))
            .or_default()
            .push((term, list));
    }
    let owned: HashSet<&str> = own.iter().map(|(t, _)| *t).collect();
    by_bucket
        .par_iter_mut()
        .map(|(bucket, terms)| write_ranked(*bucket, terms, docs, output))
        .collect::<io::Result<()>>()?;
    let ranked_set = RankedSet {
        buckets,
        set: ranked::bucket_set(&by_bucket.keys().copied().collect::<Vec<_>>()),
    };
    let mut files: Vec<Vec<(&str, Value)>> = (0..shards).map(|_| Vec::new()).collect();
    for (term, list) in cjk.iter().filter(|(t, _)| !owned.contains(t.as_str())) {
        files[shards::shard_of(term, shards) as usize].push((term, Value::Plain(list)));
    }
    // Single words go to word files by their group, apart from the terms hashed whole:
    // a group holds up to GROUP_LIMIT bytes, and sharing a shard with one made a CJK
    // term's lookup load it (half of a long title's shard bytes at 10k).
    let group_count = words
        .iter()
        .filter(|(w, _)| !w.contains(' '))
        .map(|(w, _)| groups.key(w))
        .collect::<HashSet<&str>>()
        .len();
    let word_files = shards::word_file_count(group_count, word_bytes, GROUP_LIMIT);
    let mut by_group: Vec<Vec<(&str, Value)>> = (0..word_files).map(|_| Vec::new()).collect();
    for (word, list) in words.iter().filter(|(w, _)| !owned.contains(&**w)) {
        if word.contains(' ') {
            // Pairs are looked up whole.
            files[shards::shard_of(word, shards) as usize].push((word, Value::Plain(list)));
        } else {
            let value = if ranked_words.contains_key(&**word) {
                Value::Ranked(list)
            } else {
                Value::Plain(list)
            };
            by_group[shards::shard_of(groups.key(word), word_files) as usize].push((word, value));
        }
    }
    // Pages of one title share its term, filed by the term's own hash: filed with the
    // title's first term, as it was, the titles of a project's pages (`北斗 …`) crowded
    // the shard of its name, which every query starting with the name loaded.
    let mut exact: BTreeMap<(u32, &str), List> = BTreeMap::new();
    for (doc, (key, _)) in titles
        .iter()
        .enumerate()
        .filter_map(|(d, t)| Some((d, t.as_ref()?)))
    {
        exact
            .entry((shards::shard_of(key, shards), key.as_str()))
            .or_default()
            .append(doc as u32, TITLE_IMPACT);
    }
    for ((shard, key), list) in &exact {
        files[*shard as usize].push((key, Value::Plain(list)));
    }
    files
        .par_iter_mut()
        .enumerate()
        .map(|(i, terms)| {
            write_terms(&format!("s/{i}"), terms, output)?;
            write_places(i, terms, output)
        })
        .collect::<io::Result<()>>()?;
    by_group
        .par_iter_mut()
        .enumerate()
        .map(|(i, terms)| write_terms(&format!("w/{i}"), terms, output))
        .collect::<io::Result<()>>()?;
    let split = groups
        .split
        .into_iter()
        .map(|(k, v)| (k, v.into_iter().collect()))
        .collect();
    Ok(Written {
        split,
        common: common_bigrams(&cjk, docs),
        ranked: ranked_set,
        word_files,
    })
}

/// What `write_shards` tells meta.js.
struct Written {
    /// The split word groups (`meta.split`).
    split: SplitGroups,
    /// The common bigrams (`meta.common`, see [`common_bigrams`]).
    common: Vec<String>,
    /// The buckets of the ranked lists (`meta.ranked`).
    ranked: RankedSet,
    /// How many word files there are (`meta.words`).
    word_files: u32,
}

/// Writes the index file `name` (`s/<i>`, `w/<i>`): its terms, sorted, and their
/// postings. Every such file is written, `{}` when empty, so the client never asks for
/// a missing one.
fn write_terms(name: &str, terms: &mut [(&str, Value)], output: &dyn Output) -> io::Result<()> {
    terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut body =
        String::with_capacity(terms.iter().map(|(t, v)| t.len() + v.len_hint() + 8).sum());
    body.push('{');
    for (n, (term, value)) in terms.iter().enumerate() {
        if n > 0 {
            body.push(',');
        }
        body.push_str(&json(*term));
        body.push(':');
        value.push_to(&mut body);
    }
    body.push('}');
    output.write(&format!("search/{name}.js"), &script(name, &body))
}

/// `meta.ranked`: how many buckets the ranked lists are hashed into, and which hold one.
#[derive(serde::Serialize)]
struct RankedSet {
    buckets: u32,
    set: String,
}

/// Writes `p/<bucket>.js`, the ranked lists of the bucket's terms, and `m/p<bucket>.js`,
/// their places, when any has places worth writing (see [`postings::telling`]). A list
/// whose places are written says so (`ranked::Ranked::json`), so the client asks only
/// for files that exist (at 10k, a third of the buckets had none: 941 files of `{}`).
fn write_ranked(
    bucket: u32,
    terms: &mut [(&str, &List)],
    docs: usize,
    output: &dyn Output,
) -> io::Result<()> {
    terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut lists = String::from("{");
    let mut places = String::from("{");
    for (term, list) in terms.iter() {
        if lists.len() > 1 {
            lists.push(',');
        }
        let coarse = postings::coarse(&list.places);
        let placed = !list.places.is_empty() && postings::telling(&coarse);
        let modulus = match (placed, postings::fine(list.df, docs)) {
            (false, _) => 0,
            (true, true) => postings::PLACES,
            (true, false) => postings::COARSE,
        };
        let written = if modulus == postings::PLACES {
            &list.places
        } else {
            &coarse
        };
        lists.push_str(&json(*term));
        lists.push(':');
        lists.push_str(&ranked::rank(list).map_or_else(|| plain(list), |r| r.json(modulus)));
        if placed {
            if places.len() > 1 {
                places.push(',');
            }
            places.push_str(&json(*term));
            places.push_str(":\"");
            places.push_str(written);
            places.push('"');
        }
    }
    lists.push('}');
    places.push('}');
    let name = format!("p/{bucket}");
    output.write(&format!("search/{name}.js"), &script(&name, &lists))?;
    if places.len() == 2 {
        return Ok(());
    }
    let name = format!("m/p{bucket}");
    output.write(&format!("search/{name}.js"), &script(&name, &places))
}

/// Writes `m/<shard>.js`, the places of the shard's bigrams and word–CJK pairs with plain
/// lists of [`PLACED_DOCS`] documents or more (docs/search-format.md, "Places"): a file
/// apart, as only a query with many pages claiming its phrase reads it.
fn write_places(shard: usize, terms: &[(&str, Value)], output: &dyn Output) -> io::Result<()> {
    let mut body = String::new();
    for (term, value) in terms {
        let Value::Plain(list) = value else { continue };
        if list.places.is_empty() || list.df < PLACED_DOCS {
            continue;
        }
        let coarse = postings::coarse(&list.places);
        if !postings::telling(&coarse) {
            continue;
        }
        body.push(if body.is_empty() { '{' } else { ',' });
        body.push_str(&json(*term));
        body.push_str(":\"");
        body.push_str(&coarse);
        body.push('"');
    }
    if body.is_empty() {
        return Ok(());
    }
    body.push('}');
    let name = format!("m/{shard}");
    output.write(&format!("search/{name}.js"), &script(&name, &body))
}

/// A term's entry in a shard.
enum Value<'a> {
    /// Its postings as a plain list (short lists, and exact-title terms whatever their
    /// length: the client reads those from the shard).
    Plain(&'a List),
    /// Its postings ranked (a word's long list).
    Ranked(&'a List),
}

impl Value<'_> {
    fn len_hint(&self) -> usize {
        match self {
            Value::Plain(l) | Value::Ranked(l) => l.encoded.len() + 2,
        }
    }

    fn push_to(&self, out: &mut String) {
        match self {
            Value::Plain(l) => out.push_str(&plain(l)),
            Value::Ranked(l) => match ranked::rank(l) {
                Some(r) => out.push_str(&r.json(0)),
                None => out.push_str(&plain(l)),
            },
        }
    }
}

/// A plain list as a JSON string (its alphabet needs no escaping).
fn plain(list: &List) -> String {
    let mut out = String::with_capacity(list.encoded.len() + 2);
    out.push('"');
    out.push_str(&list.encoded);
    out.push('"');
    out
}

/// Bigrams in a quarter of the pages or more, most common first (at most
/// [`COMMON_BIGRAMS`]). Their postings are the largest in the index (阶段 in 8,000 of
/// 10,000 pages is 20 KB) and weigh least (idf), so the client leaves them unloaded
/// inside a long run — where the run's other bigrams already find the pages — and a
/// first query of a long title stays small.
fn common_bigrams(cjk: &[(String, List)], docs: usize) -> Vec<String> {
    let mut common: Vec<(u32, &str)> = cjk
        .iter()
        .filter(|(t, l)| t.chars().nth(1).is_some() && l.df as usize * 4 >= docs.max(8))
        .map(|(t, l)| (l.df, t.as_str()))
        .collect();
    common.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    common
        .into_iter()
        .take(COMMON_BIGRAMS)
        .map(|(_, t)| t.to_string())
        .collect()
}

/// Writes the excerpt blocks and the document chunks (whose rows say how many blocks
/// each document has). Block 0 starts with the document's row too, so a page of results
/// loads one file per result and no chunk.
fn write_documents(
    site: &Site,
    i18n: &I18n,
    docs: &[PageId],
    ranges: &[Vec<std::ops::Range<usize>>],
    output: &dyn Output,
) -> io::Result<()> {
    let blocks: Vec<io::Result<usize>> = docs
        .par_iter()
        .enumerate()
        .map(|(n, &d)| {
            let page = site.page(d);
            let blocks = documents::blocks(page, ranges.get(n));
            for (b, text) in blocks.iter().enumerate() {
                let name = format!("x/{n}-{b}");
                let data = if b == 0 {
                    let row = json(&documents::row(page, blocks.len()));
                    let shown = documents::escaped(&fields::shown(site, d, i18n));
                    // `[url,…,blocks]` → `[url,…,blocks,"text","shown"]`.
                    format!("{},{text},{shown}]", row.trim_end_matches(']'))
                } else {
                    text.clone()
                };
                output.write(&format!("search/{name}.js"), &script(&name, &data))?;
            }
            Ok(blocks.len())
        })
        .collect();
    let blocks = blocks.into_iter().collect::<io::Result<Vec<usize>>>()?;
    docs.par_chunks(DOC_CHUNK)
        .enumerate()
        .map(|(k, chunk)| {
            let rows: Vec<serde_json::Value> = chunk
                .iter()
                .enumerate()
                .map(|(i, &d)| documents::row(site.page(d), blocks[k * DOC_CHUNK + i]))
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
    fn common_bigrams_are_those_in_a_quarter_of_the_pages_most_common_first() {
        let list = |df: u32| {
            let mut l = List::default();
            for doc in 0..df {
                l.append(doc, 1);
            }
            l
        };
        let cjk = vec![
            ("项目".to_string(), list(30)),
            ("阶段".to_string(), list(80)),
            ("延期".to_string(), list(24)),
            ("挣值".to_string(), list(3)),
            ("项".to_string(), list(95)),
        ];
        // Single characters are never left out; 24 of 100 is under a quarter.
        assert_eq!(common_bigrams(&cjk, 100), ["阶段", "项目"]);
    }

    #[test]
    fn head_cuts_on_a_character() {
        assert_eq!(head("项目abc", 4), "项");
        assert_eq!(head("项目abc", 6), "项目");
        assert_eq!(head("abc", 10), "abc");
        assert_eq!(head("", 0), "");
    }
}
