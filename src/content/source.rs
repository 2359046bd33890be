//! Turning bytes from disk into text that every later stage can trust: valid UTF-8,
//! no byte-order mark, `\n` line endings.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Problem};

/// Reads a text file. Invalid UTF-8 (a binary file, a legacy GBK export) is an error
/// naming the first bad byte rather than a panic or mojibake.
pub fn read_text(path: &Path, display: &Path) -> Result<Arc<str>, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(Problem::Io(e.to_string())).in_file(display))?;
    crate::encoding::check(display, &bytes)?;
    decode(bytes).map_err(|offset| {
        Diagnostic::error(Problem::InvalidUtf8 { offset })
            .in_file(display)
            .with_help(
                "save the file as UTF-8 (text editors offer this under “Save with encoding”)",
            )
    })
}

/// Decodes UTF-8, drops a leading BOM and folds CRLF and lone CR to LF, so that
/// positions computed later are the ones an editor shows. Returns the offset of the
/// first invalid byte on failure.
pub fn decode(bytes: Vec<u8>) -> Result<Arc<str>, usize> {
    let text = String::from_utf8(bytes).map_err(|e| e.utf8_error().valid_up_to())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.contains('\r') {
        Ok(Arc::from(text.replace("\r\n", "\n").replace('\r', "\n")))
    } else {
        Ok(Arc::from(text))
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
