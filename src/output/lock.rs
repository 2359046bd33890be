//! One build at a time per output folder. Two builds of the same folder at once (a
//! scheduled job on a shared drive and an author's own `pmo build`) shared one staging
//! folder: the second deleted the first's under it, each wrote into the other's files,
//! and the one to finish first swapped in a folder holding parts of both. The second
//! now stops at once, naming the first, and the site is left to it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The lock beside the output folder (`.public.lock` for `public`), held from staging to
/// swap. The system releases it whenever the process ends, so a killed build leaves
/// none held; the file itself goes when the build ends.
#[derive(Debug)]
pub struct BuildLock {
    path: PathBuf,
    _file: fs::File,
}

impl BuildLock {
    /// Takes the lock at `path`, or fails with [`io::ErrorKind::WouldBlock`] while another
    /// build holds it. A file system that cannot lock (some network shares) is built on
    /// without one, as before.
    pub fn take(path: PathBuf) -> io::Result<BuildLock> {
        loop {
            let file = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)?;
            match lock(&file) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Err(e),
                _ => {}
            }
            // The build that held it may have removed the file between this open and
            // this lock: then the lock is on a file nobody else will find. Again.
            if still_at(&file, &path) {
                return Ok(BuildLock { path, _file: file });
            }
        }
    }
}

impl Drop for BuildLock {
    /// Removed while still held, then released as the file closes.
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// The system's lock on the whole file (flock on Unix, LockFileEx on Windows), not
/// waited for: a build that finds it held stops rather than queueing behind it.
fn lock(file: &fs::File) -> io::Result<()> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(fs::TryLockError::WouldBlock) => Err(io::ErrorKind::WouldBlock.into()),
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

#[cfg(unix)]
fn still_at(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_is_refused_until_the_first_lets_go() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(".public.lock");
        let first = BuildLock::take(path.clone()).unwrap();
        let err = BuildLock::take(path.clone()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
        drop(first);
        assert!(!path.exists());
        let again = BuildLock::take(path.clone()).unwrap();
        drop(again);
        assert!(!path.exists());
    }
}
