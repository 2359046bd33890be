//! Files changed or added by hand in an output folder pmo wrote. A build replaces the
//! folder whole, so a page an author mended in `public/` or a PDF dropped into
//! `public/docs/` vanished without a word at the next build; it is now named first.
//!
//! The marker is the last file a build writes: a file modified strictly after it was
//! changed or put there by hand (coarse time stamps give files of the same build equal
//! times, never later ones). Only `stat` is asked of the old site's files, never their
//! contents, and the marker lists nothing (a list of every file was 1 MB at 10,000
//! pages, itself published). A copy that keeps the modified time of the file it copied
//! (`cp -a`, a copy in Windows Explorer) is not seen: a file's other times change as
//! much when a whole built site is copied elsewhere, which must not stop its build. The
//! files a file browser leaves behind (`.DS_Store`, `Thumbs.db`) are let go.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use super::staging::MARKER;

/// What macOS Finder and Windows Explorer write into a folder merely looked at.
const BROWSER_LEFTOVERS: &[&str] = &[".DS_Store", "Thumbs.db", "desktop.ini"];

/// The files in `dir` (a folder pmo wrote) changed or added since, as `/`-separated
/// paths, sorted. A folder whose marker cannot be read is left to the other checks.
pub fn changed_by_hand(dir: &Path) -> Vec<String> {
    let marker = dir.join(MARKER);
    let Some(written_at) = fs::metadata(&marker).and_then(|m| m.modified()).ok() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_dir()
            || entry.path() == marker
            || BROWSER_LEFTOVERS.contains(&name.as_ref())
            || name.starts_with("._")
            || !changed_after(&entry, written_at)
        {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        found.push(rel);
    }
    found.sort();
    found
}

fn changed_after(entry: &walkdir::DirEntry, written_at: SystemTime) -> bool {
    entry
        .metadata()
        .ok()
        .and_then(|m| m.modified().ok())
        .is_some_and(|t| t > written_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// File times tick every few milliseconds; a build's marker comes after its files,
    /// and an author's edit after the marker.
    fn tick() {
        std::thread::sleep(Duration::from_millis(20));
    }

    fn built(dir: &Path, paths: &[&str]) {
        for rel in paths {
            let path = dir.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, "页面").unwrap();
        }
        tick();
        fs::write(dir.join(MARKER), "written by pmo\n").unwrap();
    }

    #[test]
    fn files_of_the_same_build_are_not_edits() {
        let tmp = tempfile::tempdir().unwrap();
        built(tmp.path(), &["index.html", "lessons/复盘/index.html"]);
        assert!(changed_by_hand(tmp.path()).is_empty());
    }

    #[test]
    fn an_edit_and_a_new_file_are_found_and_finders_files_are_not() {
        let tmp = tempfile::tempdir().unwrap();
        built(tmp.path(), &["index.html", "docs/x.html"]);
        tick();
        fs::write(tmp.path().join("index.html"), "改过").unwrap();
        fs::write(tmp.path().join("docs/年报.pdf"), "%PDF").unwrap();
        fs::write(tmp.path().join("docs/.DS_Store"), "finder").unwrap();
        // A copy keeping an old time is not seen (a whole site copied keeps its times).
        let copy = tmp.path().join("docs/旧.pdf");
        fs::write(&copy, "%PDF").unwrap();
        fs::File::options()
            .write(true)
            .open(&copy)
            .unwrap()
            .set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000))
            .unwrap();
        assert_eq!(
            changed_by_hand(tmp.path()),
            vec!["docs/年报.pdf".to_string(), "index.html".to_string()]
        );
    }
}
