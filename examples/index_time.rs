//! Times the search index stage alone, in memory: `cargo run --release --example
//! index_time -- <site> [runs]`. Loads the site once, then builds the index `runs` times
//! and prints each time and the fastest, so index changes can be compared without the
//! rest of the build's noise.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args.next().unwrap_or_else(|| ".".into());
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let prepared = match pmo_portal::prepare(&pmo_portal::Options::new(root)) {
        Ok(p) => p,
        Err(_) => {
            eprintln!("the site does not build; run `pmo check` for the errors");
            std::process::exit(1);
        }
    };
    let mut best = f64::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        let (site, i18n, words) = (&prepared.site, &prepared.i18n, &prepared.words);
        let files =
            pmo_portal::write_search_index(site, i18n, words, &pmo_portal::Discard::default());
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        best = best.min(ms);
        println!("{ms:.1} ms ({} files)", files.map_or(0, |n| n));
    }
    println!("fastest {best:.1} ms");
}
