//! Turning bytes from disk into text that every later stage can trust: valid UTF-8,
//! no byte-order mark, `\n` line endings.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Problem};

/// Reads a text file. Invalid UTF-8 (a binary file, a legacy GBK export) is an error
/// naming the first bad byte rather than a panic or mojibake.
pub fn read_text(path: &Path, display: &Path) -> Result<Arc<str>, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(Problem::Io(crate::messages::reason(&e))).in_file(display)
    })?;
    crate::encoding::check_unmarked_utf16(display, &bytes)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(normalize(text)),
        // Not UTF-8: say which encoding it looks like, and where the first bad byte is.
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            Err(crate::encoding::not_utf8(display, e.as_bytes(), offset))
        }
    }
}

/// Decodes UTF-8, drops a leading BOM and folds CRLF and lone CR to LF, so that
/// positions computed later are the ones an editor shows. Returns the offset of the
/// first invalid byte on failure.
pub fn decode(bytes: Vec<u8>) -> Result<Arc<str>, usize> {
    let text = String::from_utf8(bytes).map_err(|e| e.utf8_error().valid_up_to())?;
    Ok(normalize(text))
}

/// Drops a leading BOM and folds CRLF and lone CR to LF.
fn normalize(text: String) -> Arc<str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.contains('\r') {
        Arc::from(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Arc::from(text)
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn strips_bom_and_normalizes_line_endings() {
        let text = decode(b"\xef\xbb\xbf---\r\ntitle: a\r\n---\rbody".to_vec()).unwrap();
        assert_eq!(&*text, "---\ntitle: a\n---\nbody");
    }

    #[test]
    fn reports_the_first_invalid_byte() {
        assert_eq!(decode(b"ok\xff\xfe".to_vec()), Err(2));
    }
}
