//! Words as a reader counts them, in Chinese and Latin text alike.

/// Words as a reader counts them: each CJK character is a word, Latin words by spaces.
pub fn count_words(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        // ASCII first: most characters of a page are, and it is no CJK character.
        let (cjk, alphanumeric) = if c.is_ascii() {
            (false, c.is_ascii_alphanumeric())
        } else if is_cjk(c) {
            (true, true)
        } else {
            (false, c.is_alphanumeric())
        };
        if cjk {
            count += 1;
            in_word = false;
        } else if alphanumeric {
            if !in_word {
                count += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    count
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FA1F)
}
