//! The build's folder on disk: files are staged beside the output folder and swapped in
//! whole, so a failed or killed build leaves the previous site in place.
//!
//! Every folder pmo writes carries a marker file. It is how a later build knows that the
//! output folder is its own to replace (see [`super::guard`]), and how it knows that a
//! leftover staging folder from a killed build may be deleted.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{safe_join, Output};

/// The marker's name, at the top of every folder pmo writes.
pub const MARKER: &str = ".pmo-output";

const MARKER_TEXT: &str = "This folder was written by `pmo build`. The next build replaces \
it whole: keep no other files here.\n";

/// A staging folder that becomes the output folder on [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// Folders made so far (relative, `/`-separated): most files share their folder with
    /// many others, and asking the file system again costs a system call per file.
    made: Mutex<HashSet<String>>,
    claims: super::Claims,
    /// Held until the swap is done or the staged files are thrown away.
    _lock: super::lock::BuildLock,
}

impl Staging {
    /// Prepares an empty, marked staging folder next to `target` (same file system, so the
    /// final swap is a rename). What a killed build left behind is cleared first.
    pub fn create(target: &Path) -> io::Result<Staging> {
        // Before anything beside the output folder is touched: another build's staging
        // folder is its own while it runs.
        let lock = super::lock::BuildLock::take(sibling(target, "lock"))?;
        recover_interrupted_swap(target)?;
        let dir = sibling(target, "staging");
        if fs::symlink_metadata(&dir).is_ok() {
            if !is_marked(&dir) && !is_empty_dir(&dir) {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "{} exists and was not made by pmo; move it away so the build can \
                         stage its files there",
                        dir.display()
                    ),
                ));
            }
            remove_tree(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        fs::write(dir.join(MARKER), MARKER_TEXT)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            made: Mutex::default(),
            claims: super::Claims::default(),
            _lock: lock,
        })
    }

    /// Puts the staged site in place of the output folder. Where the system can exchange
    /// two folders in one step (Linux), the output folder holds the old site or the new
    /// one at every instant, whenever the process dies.
    pub fn commit(self) -> io::Result<()> {
        // Written again, last: a file or folder changed after it was changed by hand
        // (see [`super::edits`]).
        fs::write(self.dir.join(MARKER), MARKER_TEXT)?;
        if fs::symlink_metadata(&self.target).is_err() {
            return fs::rename(&self.dir, &self.target);
        }
        match exchange(&self.dir, &self.target) {
            Ok(()) => {}
            Err(e) if exchange_unsupported(&e) => self.swap_by_two_renames()?,
            Err(e) => return Err(e),
        }
        // The previous site now sits where the staging folder was. Marking it (a folder
        // replaced with `--force` had no marker) lets the next build finish deleting it
        // should this process die half-way. An output folder that was a link (to an
        // empty folder elsewhere) is only the link: the marker would land in the folder
        // it names, outside the output, and a later build would take it for pmo's own.
        let old = &self.dir;
        let is_folder = fs::symlink_metadata(old).is_ok_and(|m| m.is_dir());
        if is_folder && !is_marked(old) {
            fs::write(old.join(MARKER), MARKER_TEXT)?;
        }
        remove_tree(old)
    }

    /// The swap where folders cannot be exchanged: the old site is renamed aside first,
    /// and [`recover_interrupted_swap`] puts it back if the process dies between the two
    /// renames. Afterwards the old site is at the staging path, as after an exchange.
    fn swap_by_two_renames(&self) -> io::Result<()> {
        let aside = sibling(&self.target, "old");
        fs::rename(&self.target, &aside)?;
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            // Put the previous site back so the failure loses nothing.
            let _ = fs::rename(&aside, &self.target);
            return Err(e);
        }
        fs::rename(&aside, &self.dir)
    }

    fn made(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        // A poisoned lock only means another write panicked; the set is still right.
        self.made.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Marks `folder` (a top folder of the staged site) as pmo's own: the audiences'
    /// folders an `--all-audiences` build stages together, so that the next build of
    /// each may replace it.
    pub fn mark(&self, folder: &str) -> io::Result<()> {
        self.write(&format!("{folder}/{MARKER}"), MARKER_TEXT.as_bytes())
    }

    /// [`Staging::commit`] for a folder that holds the audiences' folders, without a
    /// marker of its own: a build of one site into it is then told what it holds rather
    /// than replacing every audience's site unasked.
    pub fn commit_unmarked(self) -> io::Result<()> {
        let target = self.target.clone();
        self.commit()?;
        fs::remove_file(target.join(MARKER))
    }

    /// Throws the staged files away.
    pub fn abort(self) {
        let _ = remove_tree(&self.dir);
    }
}

impl Output for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = safe_join(&self.dir, rel)?;
        self.claims.claim(rel)?;
        if let (Some((folder, _)), Some(parent)) = (rel.rsplit_once('/'), path.parent()) {
            if !self.made().contains(folder) {
                fs::create_dir_all(parent)?;
                self.made().insert(folder.to_string());
            }
        }
        fs::write(path, bytes)
    }

    fn written(&self) -> Vec<String> {
        self.claims.paths()
    }
}

/// Whether `dir` holds pmo's marker: a folder pmo wrote and may replace.
pub fn is_marked(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// A build that died between the two renames of [`Staging::swap_by_two_renames`] left
/// no output folder and the previous site aside: it goes back.
fn recover_interrupted_swap(target: &Path) -> io::Result<()> {
    let aside = sibling(target, "old");
    if fs::symlink_metadata(&aside).is_err() {
        return Ok(());
    }
    if fs::symlink_metadata(target).is_err() {
        return fs::rename(&aside, target);
    }
    if is_marked(&aside) {
        return remove_tree(&aside);
    }
    Ok(())
}

/// Exchanges two paths in one step (both must exist).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are to NUL-terminated strings that outlive the call, and
    // renameat2 only reads them.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Whether the exchange failed because this system or file system cannot do it (old
/// kernels, some network file systems), rather than for a reason renaming would share.
fn exchange_unsupported(e: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if matches!(
        e.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP)
    ) {
        return true;
    }
    e.kind() == io::ErrorKind::Unsupported
}

/// Deletes a folder pmo wrote and everything in it, the files in parallel: deleting the
/// previous site (tens of thousands of small files) took a sixth of a 10k-page build
/// when done one file at a time. The marker goes last, so a deletion cut short leaves a
/// folder the next build still knows it may delete.
pub(super) fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let meta = fs::symlink_metadata(dir)?;
    if !meta.is_dir() {
        return fs::remove_file(dir);
    }
    let marker = dir.join(MARKER);
    let mut files = Vec::new();
    let mut dirs: Vec<(usize, PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            dirs.push((entry.depth(), entry.into_path()));
        } else if entry.path() != marker {
            files.push(entry.into_path());
        }
    }
    files
        .par_iter()
        .with_min_len(64)
        .try_for_each(fs::remove_file)?;
    // The deepest folders first, each depth in parallel: a folder is empty once every
    // folder below it is gone.
    dirs.sort_by_key(|(depth, _)| std::cmp::Reverse(*depth));
    for level in dirs.chunk_by(|a, b| a.0 == b.0) {
        level
            .par_iter()
            .with_min_len(64)
            .try_for_each(|(_, d)| fs::remove_dir(d))?;
    }
    match fs::remove_file(&marker) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(dir)
}

/// `.public.staging` for `public`: hidden, beside the target.
fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.{what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_tree_deletes_nested_folders_and_files() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("old");
        for i in 0..200 {
            let dir = root.join(format!("lessons/l{i}/deep"));
            fs::create_dir_all(&dir).unwrap();
            fs::write(dir.join("index.html"), "x").unwrap();
            fs::write(root.join(format!("lessons/l{i}/index.html")), "x").unwrap();
        }
        fs::write(root.join(MARKER), MARKER_TEXT).unwrap();
        fs::create_dir_all(root.join("empty/also-empty")).unwrap();
        remove_tree(&root).unwrap();
        assert!(!root.exists());
    }

    #[test]
    fn commit_swaps_and_abort_keeps_the_old_site() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let staging = Staging::create(&target).unwrap();
        staging.write("old.html", b"old").unwrap();
        staging.commit().unwrap();
        assert!(is_marked(&target));

        let staging = Staging::create(&target).unwrap();
        staging.write("new/index.html", b"new").unwrap();
        staging.abort();
        assert!(target.join("old.html").exists());

        let staging = Staging::create(&target).unwrap();
        staging.write("new/index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert!(is_marked(&target));
        assert_eq!(
            fs::read_to_string(target.join("new/index.html")).unwrap(),
            "new"
        );
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn staged_files_land_in_folders_made_in_any_order() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let staging = Staging::create(&target).unwrap();
        // A deep folder before its parent, siblings after, and the root itself.
        let files = [
            "a/b/c/deep.js",
            "a/b/one.js",
            "a/two.js",
            "a/b/c/again.js",
            "top.html",
        ];
        for rel in files {
            staging.write(rel, rel.as_bytes()).unwrap();
        }
        staging.commit().unwrap();
        for rel in files {
            assert_eq!(fs::read_to_string(target.join(rel)).unwrap(), rel);
        }
    }

    #[test]
    fn a_swap_cut_between_its_renames_is_undone_by_the_next_build() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let staging = Staging::create(&target).unwrap();
        staging.write("index.html", b"old").unwrap();
        staging.commit().unwrap();
        // The state the two-rename swap leaves if it dies after its first rename.
        fs::rename(&target, sibling(&target, "old")).unwrap();
        let staging = Staging::create(&target).unwrap();
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        staging.abort();
    }

    #[test]
    fn a_deletion_cut_short_is_finished_by_the_next_build() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let leftover = sibling(&target, "staging");
        fs::create_dir_all(leftover.join("lessons")).unwrap();
        fs::write(leftover.join(MARKER), MARKER_TEXT).unwrap();
        fs::write(leftover.join("lessons/index.html"), "half").unwrap();
        let staging = Staging::create(&target).unwrap();
        assert!(!leftover.join("lessons").exists());
        staging.abort();
        assert!(!leftover.exists());
    }

    #[test]
    fn a_foreign_folder_at_the_staging_path_is_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let foreign = sibling(&target, "staging");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("thesis.docx"), "mine").unwrap();
        assert!(Staging::create(&target).is_err());
        assert!(foreign.join("thesis.docx").exists());
    }
}
