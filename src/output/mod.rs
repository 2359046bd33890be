//! The write stage: where rendered files go. `build` stages them beside the output folder
//! and swaps them in only when the whole build has succeeded ([`staging`]), into a folder
//! it is allowed to replace ([`guard`]); `serve` keeps them in memory; `check` drops them.

mod edits;
pub mod guard;
mod held;
mod lock;
pub mod portable;
mod staging;
mod twins;

use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

pub use guard::{check_audience_parent, holds_one_site};
pub use held::Held;
pub use staging::{Staging, MARKER};
pub use twins::{has_twin_on_disk, normal_form_twins};

/// Somewhere rendered files go. `serve` may keep them in memory; `build` stages them on disk.
pub trait Output: Sync {
    /// Writes `bytes` at `rel` (a `/`-separated path inside the site).
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;

    /// Every path written so far, for the checks made on the whole site once it is
    /// written (see [`built_case_clashes`]); none for outputs that keep no list.
    fn written(&self) -> Vec<String> {
        Vec::new()
    }
}

/// One audience's site written into its folder of a staged parent (`internal/…`), when
/// `--all-audiences` replaces a folder holding one site with the audiences' folders.
pub struct Subfolder<'a> {
    pub output: &'a dyn Output,
    pub folder: &'a str,
}

impl Output for Subfolder<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.output.write(&format!("{}/{rel}", self.folder), bytes)
    }

    fn written(&self) -> Vec<String> {
        let prefix = format!("{}/", self.folder);
        self.output
            .written()
            .into_iter()
            .filter_map(|p| p.strip_prefix(&prefix).map(str::to_string))
            .collect()
    }
}

/// The paths written so far, so that no file silently replaces another: a static file
/// or attachment at the path of a page (even `index.html` at the root) is an error.
#[derive(Debug, Default)]
pub struct Claims(Mutex<HashSet<String>>);

impl Claims {
    /// The paths claimed so far.
    pub fn paths(&self) -> Vec<String> {
        let claimed = self.0.lock().unwrap_or_else(|e| e.into_inner());
        claimed.iter().cloned().collect()
    }

    /// Claims `rel` for one file; a second claim is an `AlreadyExists` error.
    pub fn claim(&self, rel: &str) -> io::Result<()> {
        // A poisoned lock only means another write panicked; the set is still right.
        let mut claimed = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if claimed.insert(rel.to_string()) {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "another file of the site is written at this path",
            ))
        }
    }
}

/// Writes nothing: `pmo check` runs every stage and throws the output away (checking
/// only that no two files want the same path).
#[derive(Debug, Default)]
pub struct Discard(Claims);

impl Output for Discard {
    fn write(&self, rel: &str, _: &[u8]) -> io::Result<()> {
        self.0.claim(rel)
    }

    fn written(&self) -> Vec<String> {
        self.0.paths()
    }
}

/// Files kept in memory (for `serve`), checked like files on disk would be, and packed
/// as they are written (in the render threads).
#[derive(Debug, Default)]
pub struct Collect {
    files: std::sync::Mutex<Vec<(String, Held)>>,
    claims: Claims,
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

    pub fn into_files(self) -> Vec<(String, Held)> {
        // A poisoned lock means a render thread panicked; its files are still whole.
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Output for Collect {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        safe_join(Path::new(""), rel)?;
        self.claims.claim(rel)?;
        let held = Held::new(bytes);
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.push((rel.to_string(), held));
        Ok(())
    }

    fn written(&self) -> Vec<String> {
        self.claims.paths()
    }
}

/// Warnings for files of the site whose paths differ only in case (`Logo.png` and
/// `logo.png`): two files on the build machine, one on a Windows share, IIS or a Mac,
/// where copying the site keeps whichever comes last. Each is named at the later file
/// (in path order), with the earlier one. `files` are the site paths with the source
/// each comes from, as shown to the author.
pub fn case_clashes<'a>(
    files: impl Iterator<Item = (&'a str, PathBuf)>,
) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::{Diagnostic, Problem};
    use crate::t;
    let mut files: Vec<(&str, PathBuf)> = files.collect();
    files.sort();
    let mut first: std::collections::HashMap<String, &Path> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for (rel, shown) in &files {
        match first.entry(rel.to_lowercase()) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(shown);
            }
            std::collections::hash_map::Entry::Occupied(o) => out.push(
                Diagnostic::warning(Problem::Content(t!(
                    "this file's name differs only in case from {other}: on a Windows share, IIS or a Mac they are one file, and copying the site keeps one of them",
                    other = crate::diagnostics::shown(o.get())
                )))
                .in_file(shown)
                .with_help(t!("rename one of the two (and the links to it)")),
            ),
        }
    }
    out
}

/// Errors for the author's files (`authored`: attachments and the site's own static
/// files, with the source each is shown as) whose path differs only in case from a file
/// pmo writes (`written` holds both): `content/Search/meta.js` beside the search index's
/// `search/meta.js`. On a Windows share, IIS or a Mac they are one file, and whichever
/// is copied last is served: the author's script in place of the site's.
pub fn built_case_clashes(
    written: &[String],
    authored: &std::collections::HashMap<&str, PathBuf>,
) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::{Diagnostic, Problem};
    use crate::t;
    let mut built: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    for rel in written {
        if !authored.contains_key(rel.as_str()) {
            built.insert(rel.to_lowercase(), rel);
        }
    }
    let mut out: Vec<(&PathBuf, Diagnostic)> = authored
        .iter()
        .filter_map(|(rel, shown)| {
            let theirs = built.get(&rel.to_lowercase())?;
            Some((
                shown,
                Diagnostic::error(Problem::Content(t!(
                    "this file's name differs only in case from {other}, a file pmo writes: on a Windows share, IIS or a Mac they are one file, and the site would serve this one in its place",
                    other = *theirs
                )))
                .in_file(shown)
                .with_help(t!("rename the file or its folder")),
            ))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(b.0));
    out.into_iter().map(|(_, d)| d).collect()
}

/// Errors for the author's files (as in [`built_case_clashes`]) that would be published
/// under `search/`, the folder the search box loads its index from as scripts: a
/// `content/search/m/0.js` was published beside the index (the sixth security hunt),
/// and had the client ever asked for a file the build did not write, it would have
/// run on every page. Only the index's own files go there.
pub fn in_search_folder(
    authored: &std::collections::HashMap<&str, PathBuf>,
) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::{Diagnostic, Problem};
    use crate::t;
    let mut out: Vec<(&PathBuf, Diagnostic)> = authored
        .iter()
        .filter(|(rel, _)| {
            rel.get(..7)
                .is_some_and(|top| top.eq_ignore_ascii_case("search/"))
        })
        .map(|(_, shown)| {
            (
                shown,
                Diagnostic::error(Problem::Content(t!(
                    "this file would be published under /search/, where the portal keeps its search index: the search box loads its files from there as scripts"
                )))
                .in_file(shown)
                .with_help(t!("move the file to another folder (e.g. `static/files/`), and its links with it")),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(b.0));
    out.into_iter().map(|(_, d)| d).collect()
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
    fn a_path_is_written_once() {
        let out = Discard::default();
        out.write("index.html", b"page").unwrap();
        let e = out.write("index.html", b"static").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
    }

    #[test]
    fn paths_cannot_escape() {
        let base = Path::new("/tmp/site");
        assert!(safe_join(base, "a/b/index.html").is_ok());
        assert!(safe_join(base, "../etc/passwd").is_err());
        assert!(safe_join(base, "/etc/passwd").is_err());
        assert!(safe_join(base, "").is_err());
    }
}
