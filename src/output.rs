//! The write stage: files go into a staging folder beside the output folder, which is
//! swapped in only when the whole build has succeeded. A failed build leaves the previous
//! site exactly as it was.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Somewhere rendered files go. `serve` may keep them in memory; `build` stages them on disk.
pub trait Output: Sync {
    /// Writes `bytes` at `rel` (a `/`-separated path inside the site).
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;
}

/// A staging folder that becomes the output folder on [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// Folders made so far (relative, `/`-separated): most files share their folder with
    /// many others, and asking the file system again costs a system call per file.
    made: Mutex<HashSet<String>>,
}

impl Staging {
    /// Prepares an empty staging folder next to `target` (same file system, so the final
    /// swap is a rename).
    pub fn create(target: &Path) -> io::Result<Staging> {
        let dir = sibling(target, "staging");
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            made: Mutex::default(),
        })
    }

    /// Replaces the output folder with the staged one.
    pub fn commit(self) -> io::Result<()> {
        let old = sibling(&self.target, "old");
        if old.exists() {
            remove_tree(&old)?;
        }
        if self.target.exists() {
            fs::rename(&self.target, &old)?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            // Put the previous site back so the failure loses nothing.
            if old.exists() {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        if old.exists() {
            remove_tree(&old)?;
        }
        Ok(())
    }

    fn made(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        // A poisoned lock only means another write panicked; the set is still right.
        self.made.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Throws the staged files away.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

impl Output for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = safe_join(&self.dir, rel)?;
        if let (Some((folder, _)), Some(parent)) = (rel.rsplit_once('/'), path.parent()) {
            if !self.made().contains(folder) {
                fs::create_dir_all(parent)?;
                self.made().insert(folder.to_string());
            }
        }
        fs::write(path, bytes)
    }
}

/// Deletes a folder and everything in it, the files in parallel: deleting the previous
/// site (tens of thousands of small files) took a sixth of a 10k-page build when done one
/// file at a time.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut dirs: Vec<(usize, PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            dirs.push((entry.depth(), entry.into_path()));
        } else {
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
    Ok(())
}

/// Writes nothing: `pmo check` runs every stage and throws the output away.
pub struct Discard;

impl Output for Discard {
    fn write(&self, _: &str, _: &[u8]) -> io::Result<()> {
        Ok(())
    }
}

/// Files kept in memory (for `serve`), checked like files on disk would be.
#[derive(Debug, Default)]
pub struct Collect {
    files: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
}

impl Collect {
    /// The paths written so far.
    pub fn paths(&self) -> impl Iterator<Item = String> {
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files
            .iter()
            .map(|(p, _)| p.clone())
            .collect::<Vec<_>>()
            .into_iter()
    }

    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        // A poisoned lock means a render thread panicked; its files are still whole.
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Output for Collect {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        safe_join(Path::new(""), rel)?;
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.push((rel.to_string(), bytes.to_vec()));
        Ok(())
    }
}

/// `.public.staging` for `public`: hidden, beside the target.
fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.{what}"))
}

/// Joins a site path to `base`, refusing anything that would land outside it.
pub fn safe_join(base: &Path, rel: &str) -> io::Result<PathBuf> {
    let rel_path = Path::new(rel);
    let escapes = rel_path
        .components()
        .any(|c| !matches!(c, Component::Normal(_)));
    if escapes || rel.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the site: {rel}"),
        ));
    }
    Ok(base.join(rel_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape() {
        let base = Path::new("/tmp/site");
        assert!(safe_join(base, "a/b/index.html").is_ok());
        assert!(safe_join(base, "../etc/passwd").is_err());
        assert!(safe_join(base, "/etc/passwd").is_err());
        assert!(safe_join(base, "").is_err());
    }

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
        fs::create_dir_all(root.join("empty/also-empty")).unwrap();
        remove_tree(&root).unwrap();
        assert!(!root.exists());
    }

    #[test]
    fn commit_swaps_and_abort_keeps_the_old_site() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();

        let staging = Staging::create(&target).unwrap();
        staging.write("new/index.html", b"new").unwrap();
        staging.abort();
        assert!(target.join("old.html").exists());

        let staging = Staging::create(&target).unwrap();
        staging.write("new/index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!target.join("old.html").exists());
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
}
