//! The term files of the index: shards of CJK terms and pairs, word groups, ranked
//! lists of long postings and their places (docs/search-format.md). They are written
//! from the vocabulary's partitions alone, once every posting is merged, beside the
//! excerpt blocks that `index` writes from the pages.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;

use rayon::prelude::*;

use crate::output::Output;
use crate::search::documents::{push_json_str, script};
use crate::search::places;
use crate::search::postings::{cjk_text, List, Partition};
use crate::search::ranked;
use crate::search::shards::{self, Groups};

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

/// The split word groups of `meta.split`, as a tree in one string (see
/// [`shards::Groups::tree`]).
type SplitGroups = String;

/// Writes the term shards, with each document's exact-title term (see `titles`) in the
/// shard of its own hash, the word files, and the ranked lists of CJK terms and pairs;
/// returns what meta.js says of them.
pub fn write(
    parts: Vec<Partition>,
    titles: &[Vec<String>],
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
            Some((&**w, r.len_without_reach()))
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
    for (doc, key) in titles
        .iter()
        .enumerate()
        .flat_map(|(d, keys)| keys.iter().map(move |k| (d, k)))
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
    let split = groups.tree();
    Ok(Written {
        split,
        common: common_bigrams(&cjk, docs),
        ranked: ranked_set,
        word_files,
    })
}

/// What [`write`] tells meta.js.
pub struct Written {
    /// The split word groups (`meta.split`).
    pub split: SplitGroups,
    /// The common bigrams (`meta.common`, see [`common_bigrams`]).
    pub common: Vec<String>,
    /// The buckets of the ranked lists (`meta.ranked`).
    pub ranked: RankedSet,
    /// How many word files there are (`meta.words`).
    pub word_files: u32,
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
        push_json_str(&mut body, term);
        body.push(':');
        value.push_to(&mut body);
    }
    body.push('}');
    output.write(&format!("search/{name}.js"), &script(name, &body))
}

/// `meta.ranked`: how many buckets the ranked lists are hashed into, and which hold one.
#[derive(serde::Serialize)]
pub struct RankedSet {
    buckets: u32,
    set: String,
}

/// Writes `p/<bucket>.js`, the ranked lists of the bucket's terms, and `m/p<bucket>.js`,
/// their places, when any has places worth writing (see [`places::telling`]). A list
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
        let coarse = places::coarse(&list.places);
        let placed = !list.places.is_empty() && places::telling(&coarse);
        let modulus = match (placed, places::fine(list.df, docs)) {
            (false, _) => 0,
            (true, true) => places::PLACES,
            (true, false) => places::COARSE,
        };
        let written = if modulus == places::PLACES {
            places::ranked(&list.places)
        } else {
            coarse
        };
        push_json_str(&mut lists, term);
        lists.push(':');
        lists.push_str(&ranked::rank(list).map_or_else(|| plain(list), |r| r.json(modulus)));
        if placed {
            if places.len() > 1 {
                places.push(',');
            }
            push_json_str(&mut places, term);
            places.push_str(":\"");
            places.push_str(&written);
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
        let coarse = places::coarse(&list.places);
        if !places::telling(&coarse) {
            continue;
        }
        body.push(if body.is_empty() { '{' } else { ',' });
        push_json_str(&mut body, term);
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
            Value::Plain(l) => push_plain(out, l),
            Value::Ranked(l) => match ranked::rank(l) {
                Some(r) => out.push_str(&r.json(0)),
                None => push_plain(out, l),
            },
        }
    }
}

/// A plain list as a JSON string (its alphabet needs no escaping).
fn plain(list: &List) -> String {
    let mut out = String::with_capacity(list.encoded.len() + 2);
    push_plain(&mut out, list);
    out
}

/// [`plain`] appended to `out`.
fn push_plain(out: &mut String, list: &List) {
    out.push('"');
    out.push_str(&list.encoded);
    out.push('"');
}

/// Bigrams in a quarter of the pages or more, most common first (at most
/// [`COMMON_BIGRAMS`]). Their postings are the largest in the index (阶段 in 8,000 of
/// 10,000 pages is 20 KB) and weigh least (idf), so the client leaves them unloaded
/// inside a long run — where the run's other bigrams already find the pages — and a
/// first query of a long title stays small.
fn common_bigrams(cjk: &[(String, List)], docs: usize) -> Vec<String> {
    let mut common: Vec<(u32, &str)> = cjk
        .iter()
        // Bigrams only: meta.js writes them together, two characters each.
        .filter(|(t, l)| t.chars().count() == 2 && l.df as usize * 4 >= docs.max(8))
        .map(|(t, l)| (l.df, t.as_str()))
        .collect();
    common.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    common
        .into_iter()
        .take(COMMON_BIGRAMS)
        .map(|(_, t)| t.to_string())
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
}
