//! What an attachment opens with, read as a browser reads it: past white space however
//! long, and whether it opens as an HTML page does when the server names no type.

use std::path::Path;

/// How a page opens that a browser takes for HTML when the server names no type for the
/// file (Apache, for an extension it has no type for, or none): one of these tags first,
/// after white space, then a space or `>` (the WHATWG's and Chromium's sniffing rules),
/// in any case. The scan reads markup as XML, where `<!-->`, `--!>` or a `'` in an
/// attribute's name hide nothing; HTML reads past them to the `<script>`. Such a file is
/// refused as an `.html` one is.
const HTML_OPENINGS: &[&str] = &[
    "<!doctype html",
    "<html",
    "<head",
    "<script",
    "<iframe",
    "<h1",
    "<div",
    "<font",
    "<table",
    "<a",
    "<style",
    "<title",
    "<b",
    "<body",
    "<br",
    "<p",
    "<!--",
];

/// Extensions every web server gives a text type: never left for the browser to sniff.
/// (A `.js` file is refused before: see `SCRIPT_FILES`.)
pub(super) const TEXT_TYPES: &[&str] = &["txt", "csv", "json", "css"];

/// How the file at `path` opens: its first characters after a byte order mark and white
/// space, read as UTF-16 when it is (`wide`); empty when there are none or the file
/// cannot be read (which is told when it is copied). Markup opens with `<`, whatever the
/// file's extension: a browser renders `.rss`, `.atom` or `.xsd` holding XHTML as a
/// document, scripts and all. The white space is read to its end, however long: an XML
/// document may open with any amount of it, and a schema whose script stood after the
/// first KB of it was taken for no markup and published unread.
pub(super) fn opening(path: &Path, wide: Option<&'static encoding_rs::Encoding>) -> String {
    use std::io::Read;
    /// Characters kept: more than the longest of [`HTML_OPENINGS`] and what ends it.
    const KEPT: usize = 16;
    let Ok(mut file) = std::fs::File::open(path) else {
        return String::new();
    };
    let mut decoder = wide
        .unwrap_or(encoding_rs::UTF_8)
        .new_decoder_with_bom_removal();
    let mut chunk = vec![0; 8192];
    let mut opening = String::new();
    loop {
        let Ok(read) = file.read(&mut chunk) else {
            return opening;
        };
        let last = read == 0;
        let mut text = String::new();
        // Room for the whole chunk decoded, so the decoder never stops short of its end.
        text.reserve(
            decoder
                .max_utf8_buffer_length(read)
                .unwrap_or(4 * read + 16),
        );
        let _ = decoder.decode_to_string(&chunk[..read], &mut text, last);
        let visible = if opening.is_empty() {
            text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        } else {
            &text
        };
        opening.extend(visible.chars().take(KEPT - opening.chars().count()));
        if last || opening.chars().count() >= KEPT {
            return opening;
        }
    }
}

/// The tag of [`HTML_OPENINGS`] that `opening` starts with, followed by a space or `>`
/// (white space or `/` too, to be sure), if any.
pub(super) fn html_opening(opening: &str) -> Option<&'static str> {
    let lower = opening.to_ascii_lowercase();
    HTML_OPENINGS.iter().copied().find(|tag| {
        lower.strip_prefix(tag).is_some_and(|rest| {
            rest.chars()
                .next()
                .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_told_by_its_first_tag_and_what_ends_it() {
        assert_eq!(html_opening("<!--><script>"), Some("<!--"));
        assert_eq!(html_opening("<P x'=\"y\">"), Some("<p"));
        assert_eq!(html_opening("<!DOCTYPE HTML>"), Some("<!doctype html"));
        assert_eq!(html_opening("<br/>"), Some("<br"));
        // Another element, or a tag not yet ended, is no page's opening.
        assert_eq!(html_opening("<pre>"), None);
        assert_eq!(html_opening("<rows>"), None);
        assert_eq!(html_opening("<!---->"), None);
        assert_eq!(html_opening("<p"), None);
    }

    #[test]
    fn the_opening_is_read_past_white_space_of_any_length() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.xsd");
        std::fs::write(&path, format!("\u{feff}{}<xs:schema/>", " \n".repeat(9000))).unwrap();
        assert_eq!(opening(&path, None), "<xs:schema/>");
        let wide: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(
                format!("{}<p>", "\t".repeat(5000))
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        std::fs::write(&path, wide).unwrap();
        assert_eq!(opening(&path, Some(encoding_rs::UTF_16LE)), "<p>");
        std::fs::write(&path, "   ").unwrap();
        assert_eq!(opening(&path, None), "");
    }
}
