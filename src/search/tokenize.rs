//! Turning page text and queries into index terms, the same way on both sides.
//!
//! The rules are simple enough to mirror exactly in the browser client:
//!
//! 1. Fold full-width ASCII (`Ｖｅｎｄｏｒ`, `１２`) to ASCII, Latin letters with accents to
//!    their base letter (`ü` → `u`), and lowercase everything.
//! 2. Split into runs: CJK runs (Han, kana, hangul) and word runs (letters and digits of
//!    other scripts, with inner `'` `-` `.` `_` splitting words). Everything else
//!    (punctuation, spaces, emoji) separates runs and is never a term.
//! 3. A CJK run yields every single character and every overlapping pair (bigram), so any
//!    substring of two or more characters is found by intersecting its bigrams, and a
//!    one-character query still matches.
//! 4. A word yields itself, lightly stemmed (`delays` → `delay`, `estimates` → `estimate`),
//!    so a query matches plural and singular; the client matches prefixes of stems for
//!    search-as-you-type.
//! 5. A word longer than [`MAX_WORD_CHARS`] characters counts as its first
//!    [`MAX_WORD_CHARS`] characters (then stemmed like any word).
//!
//! Every term carries its position, counted so that neighbours in the text are
//! neighbours in positions: a phrase query can check adjacency.

use crate::markdown::is_cjk;
use crate::slugs::fold_full_width;

/// A character as search reads it: full-width ASCII as ASCII, and a Latin letter with
/// an accent as its base letter (`ü` → `u`, `É` → `E`), so `Wurttemberg` finds
/// Württemberg and the other way round; `None` for an accent written as a mark of its
/// own (decomposed text), which is read as part of its letter. Mirrored by `foldChar`
/// in search-text.js.
pub fn search_char(c: char) -> Option<char> {
    let c = fold_full_width(c);
    match c {
        '\u{0300}'..='\u{036F}' => None,
        '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
            let mut base = None;
            unicode_normalization::char::decompose_canonical(c, |d| {
                base.get_or_insert(d);
            });
            Some(
                base.filter(char::is_ascii_alphabetic)
                    .or_else(|| unmarked(c))
                    .unwrap_or(c),
            )
        }
        _ => Some(c),
    }
}

/// The letters written with a stroke or bar that Unicode does not decompose (`ø` of
/// Søndergaard, `ł` of Łukasz), as the ASCII letter people type for them. Mirrored by
/// `UNMARKED` in search-text.js.
fn unmarked(c: char) -> Option<char> {
    Some(match c {
        'ø' => 'o',
        'Ø' => 'O',
        'ł' => 'l',
        'Ł' => 'L',
        'đ' => 'd',
        'Đ' => 'D',
        'ħ' => 'h',
        'Ħ' => 'H',
        'ı' => 'i',
        _ => return None,
    })
}

/// Characters of a word that are indexed: a longer word counts as its first
/// `MAX_WORD_CHARS` characters, in the index and in queries alike (`MAX_WORD_CHARS` in
/// search-text.js), so any prefix of it still finds it and pasting the whole word does too.
///
/// Why a cap: a word is one run of letters and digits, and hostile or machine text makes
/// runs of any length — a 40 KB hex string in a code block, a 10 MB line without a space.
/// Uncapped, such a run became one term the size of the run, and the work on a term grows
/// with its length (stemming, hashing, storing it in a shard and in the split word groups,
/// whose keys are its prefixes: 40 words sharing a 2,000-character prefix made 2,000
/// nested groups). Capped, every term is small, so that work is bounded per word.
///
/// Why 64: longer than any word a reader types (German compounds, a SHA-256 in hex), so
/// ordinary text is indexed exactly as before; short enough that a term stays a few
/// cache lines.
pub const MAX_WORD_CHARS: usize = 64;

/// What a term was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// One CJK character.
    Unigram,
    /// Two adjacent CJK characters.
    Bigram,
    /// A (stemmed) word of any other script.
    Word,
    /// A number or code as written (`10%`, `v2.1`, `prj-2025-003`).
    Code,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub kind: TermKind,
    /// Position in the text: one per CJK character or word. A bigram has the position of
    /// its first character.
    pub position: u32,
}

/// One step of [`scan`]: what the indexer and [`for_each_term`] build their terms from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// A CJK character, with the one before it when that one is CJK too (so `prev` and
    /// `c` make a bigram). `prev` is `None` at the start of a run. `at` is the byte
    /// offset of `c` in the text, to line it up with word boundaries.
    Cjk {
        prev: Option<char>,
        c: char,
        at: usize,
    },
    /// A word: its stem and its lowercased form (equal unless stemming changed it), and
    /// the byte offset where it starts.
    Word {
        stem: &'a str,
        raw: &'a str,
        at: usize,
    },
    /// A number or code as written, lowercased (`12.7%`, `ll-2024-012`), reported after
    /// its last part (each of its `parts` is a word too), with the byte offset where it
    /// starts.
    Code {
        text: &'a str,
        parts: u32,
        at: usize,
    },
}

/// All index terms of `text`, in order.
pub fn terms(text: &str) -> Vec<Term> {
    let mut out = Vec::new();
    for_each_term(text, |term, kind, position| {
        out.push(Term {
            text: term.to_string(),
            kind,
            position,
        })
    });
    out
}

/// Calls `f(term, kind, position)` for every term of `text`, in order: each CJK
/// character, each pair of adjacent CJK characters and each stemmed word. The reference
/// form of the rules, for tests and the docs; the indexer consumes [`scan`] directly.
pub fn for_each_term(text: &str, mut f: impl FnMut(&str, TermKind, u32)) {
    let mut position = 0u32;
    let mut pair = String::new();
    scan(text, |token| match token {
        Token::Cjk { prev, c, .. } => {
            if let Some(p) = prev {
                pair.clear();
                pair.push(p);
                pair.push(c);
                f(&pair, TermKind::Bigram, position - 1);
            }
            f(c.encode_utf8(&mut [0; 4]), TermKind::Unigram, position);
            position += 1;
        }
        Token::Word { stem, .. } => {
            f(stem, TermKind::Word, position);
            position += 1;
        }
        // At the position of its last part: it follows the parts it is made of.
        Token::Code { text, .. } => f(text, TermKind::Code, position.saturating_sub(1)),
    });
}

/// Walks `text` once and reports every CJK character, every word and every code (see
/// [`Code`]), in order, without allocating per token: words go through reused buffers.
/// This is the indexer's hot loop, so ASCII takes a short path.
pub fn scan(text: &str, mut f: impl FnMut(Token<'_>)) {
    let mut word = Word::default();
    let mut stemmed = String::new();
    let mut code = Code::default();
    let mut previous: Option<char> = None;

    // A plain generic function rather than a closure over `f`: the caller's callback
    // inlines here as well (through `dyn FnMut` it cost a twentieth of the index stage).
    fn flush<F: FnMut(Token<'_>)>(word: &mut Word, stemmed: &mut String, f: &mut F) {
        if !word.text.is_empty() {
            stem_into(&word.text, stemmed);
            f(Token::Word {
                stem: stemmed,
                raw: &word.text,
                at: word.start,
            });
            word.clear();
        }
    }

    for (at, raw) in text.char_indices() {
        let c = if raw.is_ascii() {
            raw
        } else {
            match search_char(raw) {
                Some(c) => c,
                None => continue,
            }
        };
        let c = if times_between_digits(c, &word.text, &text[at + raw.len_utf8()..]) {
            '×'
        } else {
            c
        };
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                previous = None;
                let lower = c.to_ascii_lowercase();
                let starts = word.text.is_empty();
                code.letter(lower, starts, at, &mut f);
                word.begin_at(starts, at);
                word.push(lower);
            } else {
                // Spaces between two CJK characters keep them one run: a line wrapped in
                // a Chinese paragraph (a space once rendered) or a title written `鲲鹏
                // 收尾阶段` is found by `鲲鹏收尾`, as the reader sees no word break there.
                // Anything else — a line break between blocks, punctuation, a letter —
                // ends the run.
                if c != ' ' && c != '\t' {
                    previous = None;
                }
                let last = word.text.chars().next_back();
                flush(&mut word, &mut stemmed, &mut f);
                code.separator(c, last, &mut f);
            }
            continue;
        }
        if is_cjk(c) {
            flush(&mut word, &mut stemmed, &mut f);
            code.end(&mut f);
            f(Token::Cjk {
                prev: previous,
                c,
                at,
            });
            previous = Some(c);
        } else if c.is_alphanumeric() {
            previous = None;
            let starts = word.text.is_empty();
            word.begin_at(starts, at);
            for (k, lower) in c.to_lowercase().enumerate() {
                code.letter(lower, starts && k == 0, at, &mut f);
                word.push(lower);
            }
        } else {
            previous = None;
            flush(&mut word, &mut stemmed, &mut f);
            code.end(&mut f);
        }
    }
    flush(&mut word, &mut stemmed, &mut f);
    code.end(&mut f);
}

/// Whether `c`, read after the word `word` (so far) and before `rest`, is the x of a
/// size or a product written between numbers (`5x5`, `1920x1080`): read as ×, so the
/// numbers are terms of their own as in a page's 5×5, and `5x5`, `5×5` and `5*5` find
/// each other. Mirrored by `timesBetweenDigits` in search-text.js.
fn times_between_digits(c: char, word: &str, rest: &str) -> bool {
    matches!(c, 'x' | 'X')
        && !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_digit())
        && rest
            .chars()
            .next()
            .and_then(search_char)
            .is_some_and(|n| n.is_ascii_digit())
}

/// Characters that join the parts of a code: `2024-03`, `v2.1`, `LL-2024-012`,
/// `1,200,000` (a comma only between digits), `2024/03`, `WBS_1.2`.
const JOINERS: [char; 5] = ['-', '.', '/', '_', ','];

/// The code [`scan`] is reading: parts of letters and digits joined by one of
/// [`JOINERS`] each, or a number followed by `%` (with spaces between or not: `10 %` is
/// the code `10%`, as people and French-style typesetting write it, so either way of
/// writing it finds the other). A code is a term of its own, as
/// written (lowercased), beside its parts, so `12.7%` finds 12.7% and not every page
/// that says 12 and 7, and `0.88` marks 0.88 rather than every 0. Only a code holding a
/// digit counts: `go-live` stays two words (and their pair), which already find it.
///
/// The browser's tokenizer (`runs` in search-text.js) reads codes by the same rules.
#[derive(Default)]
struct Code {
    text: String,
    chars: usize,
    parts: usize,
    digit: bool,
    /// A joiner read after the last part, waiting for the next part to continue.
    joiner: Option<char>,
    percent: bool,
    /// Spaces read after a number, waiting for a `%` (`10 %`); anything else ends it.
    spaced: bool,
    /// The byte offset of its first part.
    start: usize,
}

impl Code {
    /// A letter or digit of a word; `starts` when it begins a new word (part).
    #[inline]
    fn letter<F: FnMut(Token<'_>)>(&mut self, c: char, starts: bool, at: usize, f: &mut F) {
        if starts {
            match self.joiner.take() {
                // A comma joins digits only: `1,200`, not `a,b` or `1, 2`.
                Some(',') if !c.is_ascii_digit() => self.end(f),
                Some(j) if self.parts > 0 && !self.percent => self.push(j),
                _ => self.end(f),
            }
            if self.parts == 0 {
                self.start = at;
            }
            self.parts += 1;
        }
        self.digit |= c.is_ascii_digit();
        self.push(c);
    }

    /// Anything that is not a letter or digit; `last` is the last character of the part
    /// it ends, if it ends one.
    #[inline]
    fn separator<F: FnMut(Token<'_>)>(&mut self, c: char, last: Option<char>, f: &mut F) {
        match last {
            Some(d) if c == '%' && d.is_ascii_digit() && !self.percent => {
                self.push('%');
                self.percent = true;
            }
            None if c == '%' && self.spaced => {
                self.push('%');
                self.percent = true;
                self.spaced = false;
            }
            // A space after a number may come before its `%`; more spaces may follow.
            Some(d) if c == ' ' && d.is_ascii_digit() && !self.percent => self.spaced = true,
            None if c == ' ' && self.spaced => {}
            Some(d)
                if JOINERS.contains(&c) && !self.percent && (c != ',' || d.is_ascii_digit()) =>
            {
                self.joiner = Some(c);
            }
            _ => self.end(f),
        }
    }

    fn push(&mut self, c: char) {
        if self.chars < MAX_WORD_CHARS {
            self.text.push(c);
            self.chars += 1;
        }
    }

    /// Reports the code read so far, if it is one, and starts afresh.
    fn end<F: FnMut(Token<'_>)>(&mut self, f: &mut F) {
        if self.digit && (self.parts > 1 || self.percent) {
            f(Token::Code {
                text: &self.text,
                parts: self.parts as u32,
                at: self.start,
            });
        }
        self.text.clear();
        self.chars = 0;
        self.parts = 0;
        self.digit = false;
        self.joiner = None;
        self.percent = false;
        self.spaced = false;
    }
}

/// The word [`scan`] is reading: its lowercased text, up to [`MAX_WORD_CHARS`]
/// characters (the rest of a longer run is read and dropped).
#[derive(Default)]
struct Word {
    text: String,
    chars: usize,
    /// The byte offset of its first character.
    start: usize,
}

impl Word {
    /// Notes where the word starts, when `starts` (its first character is at `at`).
    #[inline]
    fn begin_at(&mut self, starts: bool, at: usize) {
        if starts {
            self.start = at;
        }
    }

    #[inline]
    fn push(&mut self, c: char) {
        if self.chars < MAX_WORD_CHARS {
            self.text.push(c);
            self.chars += 1;
        }
    }

    fn clear(&mut self) {
        self.text.clear();
        self.chars = 0;
    }
}

/// [`stem`] into a reused buffer.
pub(crate) fn stem_into(word: &str, out: &mut String) {
    out.clear();
    if word.len() <= 4 || !word.is_ascii() {
        out.push_str(word);
        return;
    }
    let cut = |suffix: &str| word.strip_suffix(suffix).filter(|stem| stem.len() >= 3);
    if let Some(stem) = cut("ies") {
        out.push_str(stem);
        out.push('y');
    } else if let Some(stem) = ["sses", "shes", "ches", "xes", "zes"]
        .iter()
        .find(|s| word.ends_with(*s))
        .and_then(|_| cut("es"))
    {
        out.push_str(stem);
    } else if let Some(stem) = (word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is"))
    .then(|| cut("s"))
    .flatten()
    {
        out.push_str(stem);
    } else {
        out.push_str(word);
    }
    verb_form(out);
}

/// The verb forms of [`stem_into`]'s word read as one (`escalate`, `escalated`,
/// `escalating`, `escalation` → `escalat`; `planned`, `planning` → `plan`): an English
/// walk-through searched `escalation` and missed every page saying "escalated". Cut:
/// `-ation` to `-at`, else `-ing` or `-ed` (a double consonant left undoubled, but `ll`,
/// `ss`, `ff`, `zz`), then a final `e` of a word of six letters or more. Each cut
/// leaves at least four letters, so `during`, `need` and `based` stay whole. Mirrored by
/// `stem` in search-text.js.
fn verb_form(word: &mut String) {
    let len = word.len();
    if word.ends_with("ation") && len >= 8 {
        word.truncate(len - 3);
    } else if let Some(cut) = ["ing", "ed"]
        .iter()
        .find(|s| word.ends_with(*s) && len - s.len() >= 4)
        .map(|s| s.len())
    {
        word.truncate(len - cut);
        let b = word.as_bytes();
        let n = b.len();
        let doubled = b[n - 1] == b[n - 2]
            && !matches!(
                b[n - 1],
                b'a' | b'e' | b'i' | b'o' | b'u' | b'l' | b's' | b'f' | b'z'
            );
        if doubled {
            word.truncate(n - 1);
        }
    }
    if word.ends_with('e') && word.len() >= 6 {
        word.truncate(word.len() - 1);
    }
}

/// Light English stemming: enough to match plurals and common verb forms, never so much
/// that unrelated words collide. Words of four letters or fewer, and non-ASCII words,
/// are left alone.
pub fn stem(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    stem_into(word, &mut out);
    out
}

#[cfg(test)]
mod tests;
