//! Chinese word boundaries (jieba), used to rank, never to match.
//!
//! Matching stays on character bigrams, so every substring is found. But a bigram can
//! straddle two words: 延期 occurs in 拖延期间 (拖延 | 期间) as well as in 交付延期. In
//! titles and headings, where a match weighs most, a bigram that straddles a word
//! boundary counts as body text (see `DocTerms::add_field`), so the page whose title
//! *says* 延期 ranks first.
//!
//! Only titles and headings are segmented: they are a few percent of the text, while
//! segmenting every body would cost several times the whole index stage. The dictionary
//! takes ~80 ms to load and ~33 MB of memory, so a build starts loading it on a thread of
//! its own while pages load ([`Words::preload`]) and lets it go as soon as the titles are
//! cut ([`Words::for_one_build`]); `pmo serve` keeps it between rebuilds, even those
//! that prepare the whole site again.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::thread::JoinHandle;

use jieba_rs::Jieba;

/// A loaded dictionary.
pub struct Segmenter(Jieba);

impl Segmenter {
    pub fn load() -> Segmenter {
        Segmenter(Jieba::new())
    }

    /// Byte offsets in `text` where a word other than the first starts, ascending.
    /// Without hidden-Markov guessing: unknown runs split into single characters, which
    /// leaves their bigrams straddling and so never boosts a guess.
    pub fn starts(&self, text: &str) -> Vec<u32> {
        self.0
            .cut(text, false)
            .into_iter()
            .map(|w| w.byte_start as u32)
            .filter(|&at| at > 0)
            .collect()
    }
}

/// The dictionary of one site: not loaded, loading, or ready.
#[derive(Default)]
pub struct Words {
    state: Mutex<State>,
    /// Drop the dictionary once it has been used (a one-shot build).
    once: AtomicBool,
}

#[derive(Default)]
enum State {
    #[default]
    Idle,
    Loading(JoinHandle<Segmenter>),
    Ready(Arc<Segmenter>),
}

impl Words {
    /// Starts loading the dictionary in the background, so the index stage finds it
    /// ready — or takes the one another site of this process still holds (`pmo serve`
    /// rebuilding from scratch while its previous site is alive).
    pub fn preload(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if matches!(*state, State::Idle) {
            *state = match alive() {
                Some(ready) => State::Ready(ready),
                None => State::Loading(std::thread::spawn(Segmenter::load)),
            };
        }
    }

    /// The next [`Words::get`] hands the dictionary over instead of keeping it.
    pub fn for_one_build(&self) {
        self.once.store(true, Ordering::Relaxed);
    }

    /// Whether the dictionary was ever asked for (loading or loaded and kept).
    pub fn started(&self) -> bool {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        !matches!(*state, State::Idle)
    }

    /// The dictionary, waiting for it (or loading it) when it is not ready.
    pub fn get(&self) -> Arc<Segmenter> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let ready = match std::mem::take(&mut *state) {
            State::Ready(ready) => ready,
            // A loader that panicked leaves nothing: load here instead.
            State::Loading(handle) => shared(handle.join().unwrap_or_else(|_| Segmenter::load())),
            State::Idle => alive().unwrap_or_else(|| shared(Segmenter::load())),
        };
        if !self.once.load(Ordering::Relaxed) {
            *state = State::Ready(Arc::clone(&ready));
        }
        ready
    }
}

/// The last dictionary loaded, while anything still holds it: a weak reference, so a
/// one-shot build that lets its dictionary go frees the memory.
static LAST: Mutex<Weak<Segmenter>> = Mutex::new(Weak::new());

/// The last dictionary loaded, if it is still alive.
fn alive() -> Option<Arc<Segmenter>> {
    LAST.lock().unwrap_or_else(|e| e.into_inner()).upgrade()
}

/// Shares a freshly loaded dictionary with later [`Words`] of this process.
fn shared(segmenter: Segmenter) -> Arc<Segmenter> {
    let ready = Arc::new(segmenter);
    *LAST.lock().unwrap_or_else(|e| e.into_inner()) = Arc::downgrade(&ready);
    ready
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let at = Segmenter::load().starts(text);
        let mut out = Vec::new();
        let mut from = 0;
        for s in at
            .iter()
            .map(|&s| s as usize)
            .chain(std::iter::once(text.len()))
        {
            out.push(&text[from..s]);
            from = s;
        }
        out
    }

    #[test]
    fn splits_titles_into_dictionary_words() {
        assert_eq!(words("拖延期间的沟通"), ["拖延", "期间", "的", "沟通"]);
        assert_eq!(words("供应商交付延期"), ["供应商", "交付", "延期"]);
        assert_eq!(words("ERP 升级"), ["ERP", " ", "升级"]);
    }

    #[test]
    fn a_second_site_reuses_a_dictionary_still_held() {
        let first = Words::default();
        let held = first.get();
        let second = Words::default();
        second.preload();
        assert!(Arc::ptr_eq(&held, &second.get()), "no second load");
    }

    #[test]
    fn a_one_shot_build_lets_the_dictionary_go() {
        let words = Words::default();
        words.preload();
        let first = words.get();
        assert!(
            Arc::ptr_eq(&first, &words.get()),
            "kept for the next rebuild"
        );
        words.for_one_build();
        let last = words.get();
        assert!(Arc::ptr_eq(&first, &last));
        drop((first, last));
        assert!(matches!(*words.state.lock().unwrap(), State::Idle));
    }
}
