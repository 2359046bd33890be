//! Which characters no text pmo writes keeps (control characters, noncharacters, the
//! line and paragraph separators), and the byte test that lets plain text pass without
//! decoding it: every loaded file and every escaped value goes through here.

/// Whether XML 1.0 forbids `c`, and HTML too but for form feed: the C0 controls but tab,
/// line feed and carriage return (Word writes U+000B for a manual line break; a YAML
/// `\u0007` or a stray NUL arrives as it is). Templates write XML as well as HTML.
pub fn is_forbidden_control(c: char) -> bool {
    (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')
}

/// Whether `c` is dropped from every text pmo reads: a control character HTML and XML
/// forbid or discourage (C0 but tab, line feed and carriage return; DEL; C1) or a
/// noncharacter (U+FDD0–U+FDEF and the last two of each plane, U+FFFE and U+FFFF among
/// them: a byte order mark read the wrong way round). None is visible, yet each stood in
/// a page's HTML, its search index and its feed differently (the feed dropped two,
/// the page none), so a title searched as written found nothing.
pub fn is_unwanted(c: char) -> bool {
    let n = c as u32;
    is_forbidden_control(c)
        || (0x7F..=0x9F).contains(&n)
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// `text` as every later stage sees it: what [`is_unwanted`] names dropped, and the line
/// and paragraph separators (U+2028, U+2029, which end a line in JavaScript and in few
/// other places) read as the space they stand for. Borrowed when there is none (the
/// common case, told apart by [`may_hold`] without decoding).
pub fn cleaned(text: &str) -> std::borrow::Cow<'_, str> {
    if !may_hold(text, true) || !text.chars().any(|c| is_unwanted(c) || is_separator(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .filter(|&c| !is_unwanted(c))
            .map(|c| if is_separator(c) { ' ' } else { c })
            .collect(),
    )
}

/// `text` with its noncharacters dropped and U+2028, U+2029 read as spaces, control
/// characters kept: what loading does to every text file, leaving each format to tell of
/// a control character where it allows none.
pub fn without_noncharacters(text: &str) -> std::borrow::Cow<'_, str> {
    let noncharacter = |c: char| is_unwanted(c) && !c.is_control();
    if !may_hold(text, false) || !text.chars().any(|c| noncharacter(c) || is_separator(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .filter(|&c| !noncharacter(c))
            .map(|c| if is_separator(c) { ' ' } else { c })
            .collect(),
    )
}

/// [`cleaned`] of an owned string, reusing it when it has nothing to drop.
pub fn cleaned_owned(text: String) -> String {
    match cleaned(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

/// Whether `text` may hold a character [`cleaned`] changes (with `controls`, also the
/// control characters), looking at bytes only: every loaded file and every escaped value
/// passes here (some 30 MB of text at 1,000 pages). Each such character shows in a pair
/// of bytes that plain text, Chinese punctuation and newlines included, seldom holds, and
/// the pairs are tested 32 at a time without a branch, which the compiler turns into
/// vector instructions: a test of one byte at a time took 290 M of 6.6 G instructions.
/// It may say yes wrongly, never no wrongly.
fn may_hold(text: &str, controls: bool) -> bool {
    if controls {
        pairs_hold::<true>(text.as_bytes())
    } else {
        pairs_hold::<false>(text.as_bytes())
    }
}

/// [`may_hold`] over `bytes`: whether some byte and the one after it (0 after the last)
/// pass [`suspect`].
fn pairs_hold<const CONTROLS: bool>(bytes: &[u8]) -> bool {
    const LANES: usize = 32;
    let Some((&last, _)) = bytes.split_last() else {
        return false;
    };
    let (lead, next) = (&bytes[..bytes.len() - 1], &bytes[1..]);
    let mut leads = lead.chunks_exact(LANES);
    let mut nexts = next.chunks_exact(LANES);
    for (l, n) in (&mut leads).zip(&mut nexts) {
        let hit = l
            .iter()
            .zip(n)
            .fold(false, |hit, (&a, &b)| hit | suspect::<CONTROLS>(a, b));
        if hit {
            return true;
        }
    }
    // The pairs left, and the last byte with a 0 after it, in one more round padded with
    // spaces (which pass as plain): most escaped values are shorter than a round, and
    // tested a pair at a time they cost more than the long texts tested in rounds.
    let (lead, next) = (leads.remainder(), nexts.remainder());
    let (mut l, mut n) = ([b' '; LANES], [b' '; LANES]);
    l[..lead.len()].copy_from_slice(lead);
    n[..next.len()].copy_from_slice(next);
    // A remainder is shorter than a round, so the last byte has its place in it.
    if let (Some(l), Some(n)) = (l.get_mut(lead.len()), n.get_mut(lead.len())) {
        (*l, *n) = (last, 0);
    }
    l.iter()
        .zip(&n)
        .fold(false, |hit, (&a, &b)| hit | suspect::<CONTROLS>(a, b))
}

/// Whether byte `a` followed by `b` may be (part of) a character [`cleaned`] changes. Each
/// such character holds one of these pairs: a control byte (C0 but tab, line feed and
/// carriage return; DEL), C2 80–9F (C1), 80 A8 or 80 A9 (the end of U+2028, U+2029),
/// EF B7 (U+FDC0–U+FDFF, U+FDD0–U+FDEF among them), BF BE or BF BF (the end of U+FFFE,
/// U+FFFF and of the last two of planes 1–16). `&` and `|` rather than `&&` and `||`:
/// without branches the test vectorises.
#[inline(always)]
fn suspect<const CONTROLS: bool>(a: u8, b: u8) -> bool {
    let control = (a < 0x20) & (a != b'\t') & (a != b'\n') & (a != b'\r')
        | (a == 0x7F)
        | (a == 0xC2) & (0x80..=0x9F).contains(&b);
    (CONTROLS & control)
        | (a == 0x80) & ((b | 1) == 0xA9)
        | (a == 0xEF) & (b == 0xB7)
        | (a == 0xBF) & ((b | 1) == 0xBF)
}

pub(super) fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::{is_separator, is_unwanted, may_hold};

    /// The byte test never misses a character the cleaning changes, and lets the common
    /// Chinese text (full-width punctuation, curly quotes, newlines) go without a scan.
    #[test]
    fn the_byte_test_misses_no_character_and_passes_plain_chinese() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("项{c}目");
            if is_unwanted(c) || is_separator(c) {
                assert!(may_hold(&text, true), "U+{:04X}", c as u32);
            }
            if (is_unwanted(c) && !c.is_control()) || is_separator(c) {
                assert!(may_hold(&text, false), "U+{:04X}", c as u32);
            }
            // In a text longer than a round of pairs, across a round's edge too.
            if is_unwanted(c) || is_separator(c) {
                for before in 28..=32 {
                    let text = format!("{}{c}目目", "a".repeat(before));
                    assert!(may_hold(&text, true), "U+{:04X} at {before}", c as u32);
                    if !c.is_control() {
                        assert!(may_hold(&text, false), "U+{:04X} at {before}", c as u32);
                    }
                }
            }
        }
        let plain = "项目收尾，“采纳率”达标：见下文。\n\t第二行（全角）😀\r\n";
        assert!(!may_hold(plain, true));
        assert!(!may_hold(plain, false));
        let long = plain.repeat(5);
        assert!(!may_hold(&long, true));
        assert!(!may_hold(&long, false));
    }
}
