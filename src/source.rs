//! Turning bytes from disk into text that every later stage can trust: valid UTF-8,
//! no byte-order mark, `\n` line endings.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::SystemTime;

use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

/// A page's text, kept only to point diagnostics at a line once the page is parsed.
///
/// `serve` holds every page's text (later edits report errors into unchanged pages). A
/// one-shot build lets it go as soon as each page is parsed and reads a file again for
/// the few pages a later stage warns about: held to the end of loading, the texts were
/// interleaved with what the later stages keep, and the holes they left when freed were
/// never handed back (175 MB of a 1.8 GB peak at 100,000 pages).
#[derive(Debug, Clone)]
pub enum Source {
    Held(Arc<str>),
    /// On disk under this site root, at the page's shown path.
    OnDisk(Arc<Path>),
}

impl Source {
    /// The text of the page shown as `path`. A file changed or removed since it was
    /// loaded gives what is there now (or nothing): the diagnostic still names the file,
    /// and positions are clamped to the text (`Location::new`).
    pub fn text(&self, path: &Path) -> Arc<str> {
        match self {
            Source::Held(text) => Arc::clone(text),
            Source::OnDisk(root) => read_shared(&root.join(path), path),
        }
    }
}

/// What a file read again for its diagnostics was, while one of them still holds it:
/// full path → (modified time, length, text).
type ReadAgain = HashMap<PathBuf, (Option<SystemTime>, u64, Weak<str>)>;

static READ_AGAIN: OnceLock<Mutex<ReadAgain>> = OnceLock::new();

/// [`read_text`] for [`Source::text`], sharing the text among the diagnostics of one
/// file: read once per diagnostic, a page with 15,000 broken links held 15,000 copies
/// of itself (6.3 GB for 424 KB, the fourth security hunt). A file changed since keeps
/// none: its modified time or length differs.
fn read_shared(full: &Path, shown: &Path) -> Arc<str> {
    let stamp = std::fs::metadata(full)
        .ok()
        .map(|m| (m.modified().ok(), m.len()));
    let cache = READ_AGAIN.get_or_init(Default::default);
    if let (Ok(map), Some(stamp)) = (cache.lock(), stamp) {
        if let Some((modified, len, text)) = map.get(full) {
            if (*modified, *len) == stamp {
                if let Some(text) = text.upgrade() {
                    return text;
                }
            }
        }
    }
    let text = read_text(full, shown).unwrap_or_else(|_| Arc::from(""));
    if let (Ok(mut map), Some((modified, len))) = (cache.lock(), stamp) {
        // The files no diagnostic holds any more go now and then, not at each read.
        if map.len() >= 1024 && map.len().is_power_of_two() {
            map.retain(|_, (_, _, held)| held.strong_count() > 0);
        }
        map.insert(full.to_path_buf(), (modified, len, Arc::downgrade(&text)));
    }
    text
}

/// The largest text file the build reads besides a page (a data table, site.toml, a UI
/// strings file, an SVG scanned for scripts): twice the largest page. A table's text is
/// held many times over once read as cells (an 88 MB CSV of three short columns took
/// over 2 GB), and a sparse file of gigabytes (`truncate -s 4G`) costs no disk.
pub const MAX_TEXT_BYTES: usize = 32_000_000;

/// The bytes of the file at `path` when it holds at most `max`, or else its size. The
/// size is looked at before anything is read, and no more than `max` + 1 bytes are read
/// in any case (a file growing meanwhile, or one whose size the system does not know).
pub fn read_at_most(path: &Path, max: usize) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > max as u64 {
        return Ok(Err(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(max));
    file.take(max as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > max {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

/// Reads a text file of at most [`MAX_TEXT_BYTES`]. Invalid UTF-8 (a binary file, a
/// legacy GBK export) is an error naming the first bad byte rather than a panic or
/// mojibake.
pub fn read_text(path: &Path, display: &Path) -> Result<Arc<str>, Diagnostic> {
    read_text_within(path, display, MAX_TEXT_BYTES, |size| {
        Diagnostic::error(Problem::Io(t!(
            "this file is {size} MB; pmo reads text files (data tables, site.toml, UI strings) of at most {max} MB",
            size = size / 1_000_000,
            max = MAX_TEXT_BYTES / 1_000_000
        )))
        .in_file(display)
        .with_help(t!("split it into several files, or keep only the rows the site shows"))
    })
}

/// [`read_text`] of a file of at most `max` bytes; a larger one is `too_large(its size)`,
/// told without reading it.
pub fn read_text_within(
    path: &Path,
    display: &Path,
    max: usize,
    too_large: impl FnOnce(u64) -> Diagnostic,
) -> Result<Arc<str>, Diagnostic> {
    match read_at_most(path, max) {
        Ok(Ok(bytes)) => text_of(bytes, display),
        Ok(Err(size)) => Err(too_large(size)),
        Err(e) => Err(Diagnostic::error(Problem::Io(crate::messages::reason(&e))).in_file(display)),
    }
}

/// [`read_text`] of bytes already read (a theme's file may be built into the binary):
/// text in another encoding is told by its name, with how to save it as UTF-8.
pub fn text_of(bytes: Vec<u8>, display: &Path) -> Result<Arc<str>, Diagnostic> {
    crate::encoding::check_unmarked_wide(display, &bytes)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(normalize(text)),
        // Not UTF-8: say which encoding it looks like, and where the first bad byte is.
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            Err(crate::encoding::not_utf8(display, e.as_bytes(), offset))
        }
    }
}

/// Drops a leading BOM, folds CRLF and lone CR to LF, and drops the noncharacters
/// (U+FFFE, U+FFFF …) and reads U+2028 and U+2029 as spaces, as
/// [`crate::escape::cleaned`] does, so the title a page shows, its search index and its
/// feed all hold the same text. A diagnostic reads the file again the same way, so its
/// positions point into the same text. Control characters are left to the formats,
/// which tell of one where it is not allowed (a NUL in a JSON string, in a template).
fn normalize(text: String) -> Arc<str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    match crate::escape::without_noncharacters(&text) {
        std::borrow::Cow::Borrowed(same) => Arc::from(same),
        std::borrow::Cow::Owned(clean) => {
            let clean: Arc<str> = Arc::from(clean);
            crate::diagnostics::remember_dropped(&clean, &dropped_at(&text));
            clean
        }
    }
}

/// Where in the text [`crate::escape::without_noncharacters`] makes of `text` each
/// dropped character stood (byte offsets in the new text, one per character), so a
/// diagnostic counts the columns of the file as written.
fn dropped_at(text: &str) -> Vec<usize> {
    let mut kept = 0;
    let mut dropped = Vec::new();
    for c in text.chars() {
        if crate::escape::is_unwanted(c) && !c.is_control() {
            dropped.push(kept);
        } else if matches!(c, '\u{2028}' | '\u{2029}') {
            kept += 1;
        } else {
            kept += c.len_utf8();
        }
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::{text_of, Source};
    use std::path::Path;
    use std::sync::Arc;

    #[test]
    fn a_source_on_disk_reads_as_loading_did_and_a_missing_file_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let shown = Path::new("content/a.md");
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join(shown),
            "\u{feff}---\r\ntitle: 甲\r\n---\r\n",
        )
        .unwrap();
        let on_disk = Source::OnDisk(Arc::from(dir.path()));
        assert_eq!(&*on_disk.text(shown), "---\ntitle: 甲\n---\n");
        assert_eq!(&*on_disk.text(Path::new("content/gone.md")), "");
        let held = Source::Held(Arc::from("x"));
        assert_eq!(&*held.text(Path::new("content/gone.md")), "x");
    }

    #[test]
    fn strips_bom_and_normalizes_line_endings() {
        let text = text_of(
            b"\xef\xbb\xbf---\r\ntitle: a\r\n---\rbody".to_vec(),
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(&*text, "---\ntitle: a\n---\nbody");
    }

    #[test]
    fn reports_the_first_invalid_byte() {
        let d = text_of(b"ok\xff\xfe".to_vec(), Path::new("a.md")).unwrap_err();
        assert!(d.to_string().contains("byte 2"), "{d}");
    }
}
