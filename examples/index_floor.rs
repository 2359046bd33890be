//! What the search index costs at the least, whatever its algorithm: reading every
//! page's text once, writing the index's files, deleting them when the next build
//! replaces them, and loading the Chinese dictionary; and, as a bound on any tokenizer,
//! counting each page's distinct terms in a hash map, before any merge or encoding.
//! `cargo run --release --example index_floor -- <site> [folder] [runs]`.
//!
//! The index stage's share of the build is measured by `bench/search.py`; this example
//! says how much of that share no tokenizer or merge could remove, so that a target can
//! be judged against it. Files go to `folder` (default `/dev/shm`, where the bench writes
//! its builds too).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pmo_portal::postings::{fnv64, FastMap};
use pmo_portal::tokenize::{scan, Token};
use pmo_portal::Collect;
use rayon::prelude::*;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args.next().unwrap_or_else(|| ".".into());
    let folder = PathBuf::from(args.next().unwrap_or_else(|| "/dev/shm".into()));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let prepared = match pmo_portal::prepare(&pmo_portal::Options::new(root)) {
        Ok(p) => p,
        Err(_) => fail("the site does not build; run `pmo check` for the errors"),
    };
    let site = &prepared.site;
    let collected = Collect::default();
    if let Err(e) =
        pmo_portal::write_search_index(site, &prepared.i18n, &prepared.words, &collected)
    {
        fail(&format!("the index does not build: {e}"));
    }
    let files: Vec<(String, Vec<u8>)> = collected
        .into_files()
        .into_iter()
        .map(|(path, held)| (path, held.to_vec()))
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!("{} index files, {bytes} bytes", files.len());
    let dir = folder.join(format!("pmo-index-floor-{}", std::process::id()));

    let mut best = [Duration::MAX; 5];
    for _ in 0..runs {
        let times = [
            timed(|| read_every_text(site)),
            timed(|| write_all(&dir, &files)),
            timed(|| remove_all(&dir, &files)),
            timed(|| drop(std::hint::black_box(pmo_portal::Segmenter::load()))),
            timed(|| count_terms(site)),
        ];
        for (b, t) in best.iter_mut().zip(times) {
            *b = (*b).min(t);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let names = [
        "read the text",
        "write the files",
        "delete them",
        "load jieba",
        "count the terms",
    ];
    for (name, t) in names.iter().zip(best) {
        println!("{name:>16}: {:7.1} ms", ms(t));
    }
    let floor = ms(best[4]) + ms(best[1]) + ms(best[2]);
    println!("floor (count + write + delete): {floor:.1} ms; fastest of {runs} runs, wall time");
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}

fn timed(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

/// Every character of every page's title and body, decoded and classified once, as any
/// tokenizer must.
fn read_every_text(site: &pmo_portal::Site) {
    site.pages.as_slice().par_iter().for_each(|page| {
        let mut seen = 0usize;
        let body = page.body.text.unpack();
        for text in [&page.title, &body] {
            scan(text, |token| match token {
                Token::Cjk { .. } => seen += 1,
                Token::Word { stem, .. } => seen += stem.len(),
                Token::Code { text, .. } => seen += text.len(),
            });
        }
        std::hint::black_box(seen);
    });
}

/// Each page's distinct terms counted in one reused map: bigrams by their code points,
/// words by their hash. Every index must at least do this (BM25 needs each term's
/// frequency in the page); it replaces "read the text", which it includes.
fn count_terms(site: &pmo_portal::Site) {
    site.pages
        .as_slice()
        .par_iter()
        .for_each_init(FastMap::<u64, u32>::default, |counts, page| {
            counts.clear();
            scan(&page.body.text.unpack(), |token| {
                let key = match token {
                    Token::Cjk {
                        prev: Some(p), c, ..
                    } => (u64::from(p) << 21) | u64::from(c),
                    Token::Cjk { prev: None, c, .. } => u64::from(c),
                    Token::Word { stem, .. } => fnv64(stem.as_bytes()),
                    Token::Code { text, .. } => fnv64(text.as_bytes()),
                };
                *counts.entry(key).or_default() += 1;
            });
            std::hint::black_box(counts.len());
        });
}

fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) {
    let mut folders: Vec<&str> = files
        .iter()
        .filter_map(|(rel, _)| rel.rsplit_once('/').map(|(f, _)| f))
        .collect();
    folders.sort_unstable();
    folders.dedup();
    for f in folders {
        if let Err(e) = std::fs::create_dir_all(dir.join(f)) {
            fail(&format!("cannot make {}: {e}", dir.join(f).display()));
        }
    }
    let written = files
        .par_iter()
        .try_for_each(|(rel, bytes)| std::fs::write(dir.join(rel), bytes));
    if let Err(e) = written {
        fail(&format!("cannot write in {}: {e}", dir.display()));
    }
}

fn remove_all(dir: &Path, files: &[(String, Vec<u8>)]) {
    let removed = files
        .par_iter()
        .try_for_each(|(rel, _)| std::fs::remove_file(dir.join(rel)));
    if let Err(e) = removed {
        fail(&format!("cannot delete in {}: {e}", dir.display()));
    }
}
