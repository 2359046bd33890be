//! Naming the encoding of a file that is not UTF-8. A user who saved a CSV from Excel on
//! Chinese Windows (GBK) or as "Unicode text" (UTF-16) needs to hear which encoding it
//! is and how to save it as UTF-8, not "invalid byte 0xb1". Nothing is transcoded: the
//! file stays an error until it is saved as UTF-8, so no guess can change a figure.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;

/// What a file that is not valid UTF-8 most likely is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guess {
    Utf16Le,
    Utf16Be,
    /// UTF-32, which a few editors and scripts write: its byte order mark opens like
    /// UTF-16's (`FF FE` then `00 00`), so it is told by the whole mark.
    Utf32Le,
    Utf32Be,
    /// GBK or its superset GB18030, the legacy encoding of Simplified Chinese Windows.
    Gbk,
    /// Windows-1252, the legacy encoding of Western Windows: what English Excel saves as
    /// "CSV (Comma delimited)" (`£`, `é`, `ü` as one byte each).
    Windows1252,
    Unknown,
}

impl Guess {
    pub fn name(self) -> &'static str {
        match self {
            Guess::Utf16Le => "UTF-16 (little-endian)",
            Guess::Utf16Be => "UTF-16 (big-endian)",
            Guess::Utf32Le => "UTF-32 (little-endian)",
            Guess::Utf32Be => "UTF-32 (big-endian)",
            Guess::Gbk => "GBK",
            Guess::Windows1252 => "Windows-1252",
            Guess::Unknown => "not UTF-8",
        }
    }
}

/// How many bytes the UTF-16 test looks at: enough for a header line or two.
const SAMPLE: usize = 1024;

/// Guesses the encoding of `bytes`, which are known not to be valid UTF-8.
pub fn guess(bytes: &[u8]) -> Guess {
    match bytes {
        // Before UTF-16's: UTF-32's little-endian mark starts with it.
        [0xff, 0xfe, 0, 0, ..] => return Guess::Utf32Le,
        [0, 0, 0xfe, 0xff, ..] => return Guess::Utf32Be,
        [0xff, 0xfe, ..] => return Guess::Utf16Le,
        [0xfe, 0xff, ..] => return Guess::Utf16Be,
        _ => {}
    }
    if let Some(g) = wide_by_nuls(&bytes[..bytes.len().min(SAMPLE)]) {
        return g;
    }
    // Before GBK: `d\xe9but` is valid GB18030 too (a rare character), but Western
    // text's lone high bytes are not how Chinese text looks.
    if looks_western(bytes) {
        return Guess::Windows1252;
    }
    if looks_gbk(bytes) {
        return Guess::Gbk;
    }
    Guess::Unknown
}

/// UTF-16 without a byte-order mark: mostly-ASCII text has a NUL in every other byte.
fn utf16_by_nuls(sample: &[u8]) -> Option<Guess> {
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 10 >= pairs * 8;
    let rarely = |n: usize| n * 10 <= pairs;
    if mostly(odd) && rarely(even) {
        Some(Guess::Utf16Le)
    } else if mostly(even) && rarely(odd) {
        Some(Guess::Utf16Be)
    } else {
        None
    }
}

/// UTF-32 or UTF-16 without a byte-order mark, told by where its NULs stand (UTF-32's
/// pattern first: its NULs fall on both of UTF-16's positions).
fn wide_by_nuls(sample: &[u8]) -> Option<Guess> {
    utf32_by_nuls(sample).or_else(|| utf16_by_nuls(sample))
}

/// UTF-32 without a byte-order mark: every character's two high bytes are NULs (all
/// of Chinese and Latin lie below U+10000), at the end of each four bytes in little-endian
/// order, at the start in big-endian.
fn utf32_by_nuls(sample: &[u8]) -> Option<Guess> {
    let units = sample.len() / 4;
    if units < 4 {
        return None;
    }
    let (mut high_first, mut high_last) = (0, 0);
    for unit in sample.chunks_exact(4) {
        high_first += usize::from(unit[0] == 0 && unit[1] == 0);
        high_last += usize::from(unit[2] == 0 && unit[3] == 0);
    }
    // Letters themselves are never two NULs: the other end's count stays near zero.
    let all = |n: usize| n * 10 >= units * 9;
    let rarely = |n: usize| n * 10 <= units;
    if all(high_last) && rarely(high_first) {
        Some(Guess::Utf32Le)
    } else if all(high_first) && rarely(high_last) {
        Some(Guess::Utf32Be)
    } else {
        None
    }
}

/// Whether the bytes decode cleanly as GB18030 into text (no control characters) with
/// some Chinese in it: random binary data rarely does both.
fn looks_gbk(bytes: &[u8]) -> bool {
    let Some(text) =
        encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
    else {
        return false;
    };
    let clean = text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
    clean && text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Whether the bytes read as Western text in Windows-1252: every byte one the encoding
/// defines, no control characters, and most bytes above ASCII standing alone between
/// ASCII ones (`caf\xe9`, `\xa32,000`), as accented letters and signs do in Western
/// text, where GBK's come in pairs.
fn looks_western(bytes: &[u8]) -> bool {
    let Some(text) =
        encoding_rs::WINDOWS_1252.decode_without_bom_handling_and_without_replacement(bytes)
    else {
        return false;
    };
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return false;
    }
    let high = |i: usize| bytes.get(i).is_some_and(|b| *b >= 0x80);
    let (mut alone, mut all) = (0usize, 0usize);
    for i in (0..bytes.len()).filter(|&i| high(i)) {
        all += 1;
        alone += usize::from(!high(i + 1) && (i == 0 || !high(i - 1)));
    }
    all > 0 && alone * 10 >= all * 7
}

/// UTF-16 and UTF-32 without a byte-order mark are valid UTF-8 (NULs between the
/// letters), so decoding alone lets them through: NULs in the first bytes are checked
/// for, since no text file has them. Looks at a short sample only, so it costs nothing
/// on the hot path.
pub fn check_unmarked_wide(shown: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    if sample.contains(&0) && wide_by_nuls(sample).is_some() {
        let first_nul = sample.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(not_utf8(shown, bytes, first_nul));
    }
    Ok(())
}

/// `bytes` as text whatever their encoding, for looking up an ASCII setting in a file
/// that may not be UTF-8: UTF-16 decoded (an unpaired half as U+FFFD), anything else
/// read as UTF-8 with bad bytes replaced. Never for content, which must be UTF-8.
pub fn lenient_text(bytes: &[u8]) -> String {
    if std::str::from_utf8(bytes).is_ok() {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let unit: fn([u8; 2]) -> u16 = match guess(bytes) {
        Guess::Utf16Le => u16::from_le_bytes,
        Guess::Utf16Be => u16::from_be_bytes,
        Guess::Utf32Le => return utf32_text(bytes, u32::from_le_bytes),
        Guess::Utf32Be => return utf32_text(bytes, u32::from_be_bytes),
        Guess::Gbk | Guess::Windows1252 | Guess::Unknown => {
            return String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect::<String>()
        .trim_start_matches('\u{feff}')
        .to_string()
}

/// [`lenient_text`] of UTF-32 (`unit` reads one character's four bytes).
fn utf32_text(bytes: &[u8], unit: fn([u8; 4]) -> u32) -> String {
    bytes
        .chunks_exact(4)
        .map(|c| {
            char::from_u32(unit([c[0], c[1], c[2], c[3]])).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect::<String>()
        .trim_start_matches('\u{feff}')
        .to_string()
}

/// The error for a file or folder whose name is not UTF-8: no address, link or block can
/// name it. A zip made on Chinese Windows unpacks its names in GBK, an old Western
/// system writes `café` in Windows-1252; the help gives the name as it reads in the
/// encoding it looks to be in, to rename it so. Told at the bare path (`shown`, its bad
/// bytes as �): nothing inside the file is wrong, so no line or column is given.
pub fn name_not_utf8(shown: &Path, rel: &Path) -> Diagnostic {
    let named = rel
        .iter()
        .find(|part| part.to_str().is_none())
        .unwrap_or(rel.as_os_str());
    let shown_name = named.to_string_lossy();
    let meant = name_bytes(named).and_then(|bytes| {
        let guessed = guess(&bytes);
        let encoding = match guessed {
            Guess::Gbk => encoding_rs::GB18030,
            Guess::Windows1252 => encoding_rs::WINDOWS_1252,
            _ => return None,
        };
        let text = encoding.decode_without_bom_handling_and_without_replacement(&bytes)?;
        Some((text.into_owned(), guessed.name()))
    });
    let help = match meant {
        Some((name, encoding)) => t!(
            "the name reads `{name}` in {encoding} (as a zip file made on an older Windows unpacks its names): rename it `{name}`",
            name = name,
            encoding = encoding
        ),
        None => t!("rename it with characters typed on this computer: the name holds bytes of another encoding, shown as �"),
    };
    Diagnostic::error(Problem::Content(t!(
        "the name `{name}` is not UTF-8 text: no address, link or block can name this file",
        name = shown_name.into_owned()
    )))
    .in_file(shown)
    .with_help(help)
}

/// The bytes of a name, where the system keeps names as bytes.
#[cfg(unix)]
fn name_bytes(name: &std::ffi::OsStr) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    Some(name.as_bytes().to_vec())
}

/// On other systems a name that is not Unicode has no bytes of another encoding.
#[cfg(not(unix))]
fn name_bytes(_: &std::ffi::OsStr) -> Option<Vec<u8>> {
    None
}

/// How many places break a file that is otherwise UTF-8 text (a few bytes each), or
/// `None` when it is not that: binary data has control characters between its bytes, and
/// text in another encoding breaks at nearly every character beyond ASCII.
fn stray_places(bytes: &[u8]) -> Option<usize> {
    let (mut places, mut text) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        if valid
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            return None;
        }
        text += valid.len();
        places += usize::from(!chunk.invalid().is_empty());
    }
    (places > 0 && text >= 50 * places).then_some(places)
}

/// The error for a file that is not UTF-8: the encoding it looks like, where the first
/// bad byte is (line and column when the text before it allows), and how to re-save it.
pub fn not_utf8(shown: &Path, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let guess = guess(bytes);
    let is_csv = shown
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let help = match (guess, is_csv) {
        (Guess::Gbk, true) => t!("this file is GBK-encoded (as Excel saves CSV on Chinese Windows); save it as UTF-8 (in Excel: Save As → CSV UTF-8)"),
        (Guess::Gbk, false) => t!("this file is GBK-encoded (the legacy Chinese Windows encoding); save it as UTF-8 (in Notepad: Save As → Encoding: UTF-8)"),
        (Guess::Windows1252, true) => t!("this file looks Windows-1252-encoded (as Excel saves “CSV (Comma delimited)” on Western Windows); save it as UTF-8 (in Excel: Save As → CSV UTF-8)"),
        (Guess::Windows1252, false) => t!("this file looks Windows-1252-encoded (the legacy Western Windows encoding); save it as UTF-8 (in Notepad: Save As → Encoding: UTF-8)"),
        (Guess::Utf16Le | Guess::Utf16Be, true) => t!("this file is UTF-16 (Excel's “Unicode text”); save it as UTF-8 (in Excel: Save As → CSV UTF-8)"),
        (Guess::Utf16Le | Guess::Utf16Be, false) => t!("this file is UTF-16 (Notepad's “Unicode”); save it as UTF-8 (in Notepad: Save As → Encoding: UTF-8; other editors offer it under “Save with encoding”)"),
        (Guess::Utf32Le | Guess::Utf32Be, _) => t!("this file is UTF-32, which spreadsheets and browsers do not read as text; save it as UTF-8 (in a text editor: Save As → Encoding: UTF-8, or “Save with encoding”)"),
        (Guess::Unknown, _) => t!("save the file as UTF-8 (text editors offer this under “Save with encoding”)"),
    };
    let stray = match guess {
        Guess::Unknown => stray_places(bytes),
        _ => None,
    };
    let help = match stray {
        Some(1) => t!("delete the character here and type it again: the file has no other such byte"),
        Some(places) => t!(
            "delete the character here and type it again; the file has {places} such places, each told in turn as the one before is mended",
            places = places
        ),
        None => help,
    };
    let problem = match (guess, bytes.get(valid_up_to)) {
        (Guess::Unknown, Some(&byte)) if stray.is_some() => Problem::StrayByte { byte },
        (Guess::Unknown, _) => Problem::InvalidUtf8 {
            offset: valid_up_to,
        },
        (g, _) => Problem::Encoding {
            encoding: g.name(),
            offset: valid_up_to,
        },
    };
    let d = Diagnostic::error(problem).with_help(help);
    match guess {
        // The whole file is in another encoding from its first character (before the
        // first bad byte its text is NULs and letters): told at line 1, column 1.
        Guess::Utf16Le | Guess::Utf16Be | Guess::Utf32Le | Guess::Utf32Be => d.at_file_start(shown),
        _ => {
            let before = String::from_utf8_lossy(&bytes[..valid_up_to.min(bytes.len())]);
            let before = before.strip_prefix('\u{feff}').unwrap_or(&before);
            let source: Arc<str> = Arc::from(before.replace("\r\n", "\n").replace('\r', "\n"));
            d.at(Location::new(shown, &source, source.len(), 0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_utf16_and_gbk() {
        assert_eq!(guess(b"\xff\xfep\x00"), Guess::Utf16Le);
        assert_eq!(guess(b"\xfe\xff\x00p"), Guess::Utf16Be);
        assert_eq!(guess(b"p\x00e\x00r\x00i\x00o\x00d\x00"), Guess::Utf16Le);
        assert_eq!(guess(b"\x00p\x00e\x00r\x00i\x00o\x00d"), Guess::Utf16Be);
        // 风险管理 in GBK.
        assert_eq!(
            guess(b"title: \xb7\xe7\xcf\xd5\xb9\xdc\xc0\xed\n"),
            Guess::Gbk
        );
        assert_eq!(guess(b"\x89PNG\x00\x00\xff\xfe"), Guess::Unknown);
        // UTF-32 with no byte order mark, as a script writes it: Latin and Chinese.
        let wide = |text: &str, be: bool| -> Vec<u8> {
            text.chars()
                .flat_map(|c| {
                    let n = c as u32;
                    if be {
                        n.to_be_bytes()
                    } else {
                        n.to_le_bytes()
                    }
                })
                .collect()
        };
        for text in ["period,pv,ev,ac\n", "期间,计划值,挣值,实际成本\n"] {
            assert_eq!(guess(&wide(text, false)), Guess::Utf32Le, "{text}");
            assert_eq!(guess(&wide(text, true)), Guess::Utf32Be, "{text}");
            let told = check_unmarked_wide(Path::new("b.csv"), &wide(text, false));
            assert!(told.is_err(), "{text}");
        }
        // 0x81 is no character in Windows-1252 either.
        assert_eq!(guess(b"ok\x81"), Guess::Unknown);
    }

    /// UTF-32's little-endian byte order mark opens like UTF-16's, and was named so.
    #[test]
    fn names_utf32_by_its_byte_order_mark_in_both_orders() {
        let text = "风险,金额\n延期,3\n";
        let le: Vec<u8> = "\u{feff}"
            .chars()
            .chain(text.chars())
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        let be: Vec<u8> = "\u{feff}"
            .chars()
            .chain(text.chars())
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        assert_eq!(guess(&le), Guess::Utf32Le);
        assert_eq!(guess(&be), Guess::Utf32Be);
        for (bytes, order) in [(&le, "little-endian"), (&be, "big-endian")] {
            assert_eq!(lenient_text(bytes), text, "{order}");
            let s = not_utf8(Path::new("data/风险.csv"), bytes, 0).to_string();
            assert!(s.contains(&format!("UTF-32 ({order})")), "{s}");
            assert!(!s.contains("UTF-16"), "{s}");
            assert!(s.contains("save it as UTF-8"), "{s}");
        }
        // UTF-16's own mark is still UTF-16 (`FF FE` then a character, not `00 00`).
        assert_eq!(guess(b"\xff\xfe\xce\x98"), Guess::Utf16Le);
    }

    #[test]
    fn names_windows_1252_and_keeps_gbk_apart() {
        assert_eq!(
            guess(b"Cost,\xa32,000\nCaf\xe9 M\xfcller\n"),
            Guess::Windows1252
        );
        assert_eq!(guess(b"d\xe9but du projet"), Guess::Windows1252);
        // 风险管理 in GBK: pairs of high bytes.
        assert_eq!(
            guess(&[0xb7, 0xe7, 0xcf, 0xd5, 0xb9, 0xdc, 0xc0, 0xed]),
            Guess::Gbk
        );
        assert_eq!(guess(&[0x00, 0x01, 0xff, 0x02]), Guess::Unknown);
    }

    /// A no-break space pasted from a Latin-1 program into a Chinese lesson was told
    /// "not a text file".
    #[test]
    fn a_stray_byte_in_utf8_text_is_told_as_one_character_to_retype() {
        let text = "---\ntitle: 供应商交付延期\n---\n\n预算为 100\u{a0}000 元，合同金额见附件。\n"
            .replace('\u{a0}', "\u{1}");
        let mut bytes = text.into_bytes();
        let at = bytes.iter().position(|b| *b == 1).unwrap();
        bytes[at] = 0xa0;
        let d = not_utf8(Path::new("l.md"), &bytes, at);
        let told = d.to_string();
        assert!(told.contains("l.md:5:8"), "{told}");
        assert!(told.contains("0xA0"), "{told}");
        assert!(!told.contains("not a text file"), "{told}");
        assert!(told.contains("no other such byte"), "{told}");
        // Twice in the file: both counted.
        let mut twice = bytes.clone();
        twice.extend_from_slice("第二处：\u{1}，以及更多的说明文字。".as_bytes());
        let last = twice.len() - "，以及更多的说明文字。".len() - 1;
        twice[last] = 0xa0;
        let told = not_utf8(Path::new("l.md"), &twice, at).to_string();
        assert!(told.contains("2 such places"), "{told}");
        // Binary data is still not text.
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\xff\xfe";
        let told = not_utf8(Path::new("l.md"), png, 0).to_string();
        assert!(told.contains("not a text file"), "{told}");
    }

    #[test]
    fn the_error_points_at_the_first_bad_byte() {
        let d = not_utf8(
            Path::new("b.csv"),
            b"period,pv\n2024-01,\xb1\xb8\xd7\xa2\n",
            18,
        );
        let s = d.to_string();
        assert!(s.contains("b.csv:2:9"), "{s}");
        assert!(s.contains("GBK") && s.contains("CSV UTF-8"), "{s}");
    }
}
