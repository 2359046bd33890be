//! Files changed or added by hand in an output folder pmo wrote. A build replaces the
//! folder whole, so a page an author mended in `public/` or a PDF dropped into
//! `public/docs/` vanished without a word at the next build; it is now named first.
//!
//! The marker is the last file a build writes, and it lists every file the build wrote:
//! a file modified strictly after the marker (coarse time stamps give equal times, never
//! a later one, to files of the same build) was edited; a file not in the list was added,
//! whatever its time (a copy keeps the time of the file it copied). Only `stat` is asked
//! of the old site's files, never their contents.

use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::time::SystemTime;

use super::staging::MARKER;

/// The line that starts the marker's list of written files, one `/`-separated path a line.
pub(super) const LIST_HEADING: &str = "# files this build wrote:\n";

/// The marker's text for a build that wrote `paths`. A path holding a line break cannot
/// be listed: the list is then left out, and only later times are told as edits.
pub(super) fn marker_text(head: &str, mut paths: Vec<String>) -> String {
    if paths.iter().any(|p| p.contains('\n') || p.contains('\r')) {
        return head.to_string();
    }
    paths.sort();
    let mut text = String::with_capacity(head.len() + paths.len() * 40);
    text.push_str(head);
    text.push_str(LIST_HEADING);
    for path in paths {
        text.push_str(&path);
        text.push('\n');
    }
    text
}

/// The files in `dir` (a folder pmo wrote) changed or added since, as `/`-separated
/// paths, sorted. A folder whose marker cannot be read is left to the other checks.
pub fn changed_by_hand(dir: &Path) -> Vec<String> {
    let marker = dir.join(MARKER);
    let Some(written_at) = fs::metadata(&marker).and_then(|m| m.modified()).ok() else {
        return Vec::new();
    };
    // A marker an older pmo wrote lists nothing: only later times count there.
    let listed: Option<HashSet<String>> = fs::read_to_string(&marker).ok().and_then(|text| {
        let (_, list) = text.split_once(LIST_HEADING)?;
        Some(list.lines().map(str::to_string).collect())
    });
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_dir() || entry.path() == marker {
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
        let added = listed.as_ref().is_some_and(|l| !l.contains(&rel));
        if added || modified_after(&entry, written_at) {
            found.push(rel);
        }
    }
    found.sort();
    found
}

fn modified_after(entry: &walkdir::DirEntry, written_at: SystemTime) -> bool {
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

    fn built(dir: &Path, paths: &[&str], at: SystemTime) {
        for rel in paths {
            let path = dir.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, "页面").unwrap();
            touch(&path, at);
        }
        let list = paths.iter().map(|p| p.to_string()).collect();
        fs::write(dir.join(MARKER), marker_text("written by pmo\n", list)).unwrap();
        touch(&dir.join(MARKER), at);
    }

    fn touch(path: &Path, at: SystemTime) {
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(at)
            .unwrap();
    }

    #[test]
    fn files_of_the_same_second_are_not_edits() {
        let tmp = tempfile::tempdir().unwrap();
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        built(tmp.path(), &["index.html", "lessons/复盘/index.html"], at);
        assert!(changed_by_hand(tmp.path()).is_empty());
    }

    #[test]
    fn a_later_file_and_an_unlisted_one_of_any_age_are_found() {
        let tmp = tempfile::tempdir().unwrap();
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        built(tmp.path(), &["index.html", "lessons/复盘/index.html"], at);
        touch(&tmp.path().join("index.html"), at + Duration::from_secs(1));
        fs::create_dir_all(tmp.path().join("docs")).unwrap();
        fs::write(tmp.path().join("docs/年报.pdf"), "%PDF").unwrap();
        touch(
            &tmp.path().join("docs/年报.pdf"),
            at - Duration::from_secs(86_400),
        );
        assert_eq!(
            changed_by_hand(tmp.path()),
            vec!["docs/年报.pdf".to_string(), "index.html".to_string()]
        );
    }

    /// A marker an older pmo wrote holds no list: nothing is taken for added.
    #[test]
    fn an_old_marker_tells_only_later_times() {
        let tmp = tempfile::tempdir().unwrap();
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        built(tmp.path(), &["index.html"], at);
        fs::write(tmp.path().join(MARKER), "written by pmo\n").unwrap();
        touch(&tmp.path().join(MARKER), at);
        fs::write(tmp.path().join("extra.html"), "x").unwrap();
        touch(&tmp.path().join("extra.html"), at);
        assert!(changed_by_hand(tmp.path()).is_empty());
    }

    #[test]
    fn a_path_with_a_line_break_leaves_the_list_out() {
        let text = marker_text("head\n", vec!["a\nb.html".into(), "c.html".into()]);
        assert_eq!(text, "head\n");
    }
}
