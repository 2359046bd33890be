//! Chinese word boundaries (jieba), used to rank, never to match.
//!
//! Matching stays on character bigrams, so every substring is found. But a bigram can
//! straddle two words: 延期 occurs in 拖延期间 (拖延 | 期间) as well as in 交付延期. In
//! titles and headings, where a match weighs most, a bigram that straddles a word
//! boundary counts as body text (see `DocTerms::add_field`), so the page whose title
//! *says* 延期 ranks first.
//!
//! Only titles and headings are segmented: they are a few percent of the text, while
//! segmenting every body would cost several times the whole index stage. Loading the
//! dictionary takes ~80 ms, so a build with search starts it on a thread of its own
//! ([`preload`]) while pages load.

use std::sync::LazyLock;

use jieba_rs::Jieba;

/// The dictionary, loaded once per process (the serve loop reuses it).
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Starts loading the dictionary in the background, so the index stage finds it ready.
pub fn preload() {
    std::thread::spawn(|| LazyLock::force(&JIEBA));
}

/// Byte offsets in `text` where a word other than the first starts, ascending. Without
/// hidden-Markov guessing: unknown runs split into single characters, which leaves their
/// bigrams straddling and so never boosts a guess.
pub fn starts(text: &str, out: &mut Vec<usize>) {
    out.clear();
    out.extend(
        JIEBA
            .cut(text, false)
            .into_iter()
            .map(|w| w.byte_start)
            .filter(|&at| at > 0),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut at = Vec::new();
        starts(text, &mut at);
        let mut out = Vec::new();
        let mut from = 0;
        for &s in at.iter().chain(std::iter::once(&text.len())) {
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
}
