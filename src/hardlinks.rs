//! Hard links among the sources. A hard link is the file itself under a second name, so
//! nothing in the site folder tells where else it stands: `content/notes.txt` made with
//! `ln ~/.env` published the secret, as a symbolic link to it no longer does (see
//! [`crate::symlinks`]), and in a site with audiences an attachment hard-linked into a
//! public folder went out with that folder's audience. A file with one name, nearly
//! every file, costs one look at its metadata; only when some file has more names is the
//! site folder walked to find them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

/// The source folders whose files are published or shown on pages. Not `archetypes`
/// (read by `pmo new` only), nor `themes` whole: only the site's own theme is read, see
/// [`THEME_CHECKED`].
const CHECKED: &[&str] = &["content", "static", "data", "templates", "i18n"];

/// The folders of the site's theme (`themes/<name>/`) published or shown on pages as the
/// site's own are: a file of its `static/` made with `ln ~/.env` was published (the
/// eleventh hunt for script).
const THEME_CHECKED: &[&str] = &["static", "templates", "i18n"];

/// The errors for files of the checked source folders that have names outside the
/// site's sources (elsewhere on the disk, in a hidden folder such as `.git`, in the last
/// build's `public/`), and, when the site has `audiences`, for files under `content/`
/// with another name there. `theme` is the theme named in site.toml: a theme kept
/// elsewhere and linked in whole (`themes/<name>` → a folder several portals share) is a
/// source too, so its files' names inside it count as the site's own.
pub fn check(root: &Path, audiences: bool, theme: &str) -> Vec<Diagnostic> {
    let theme = Path::new("themes").join(theme);
    let folders: Vec<PathBuf> = CHECKED
        .iter()
        .map(PathBuf::from)
        .chain(THEME_CHECKED.iter().map(|f| theme.join(f)))
        .collect();
    let linked = linked_files(root, &folders);
    if linked.is_empty() {
        return Vec::new();
    }
    let names = source_names(root, &theme, &linked);
    let mut found = Vec::new();
    for (inode, (count, paths)) in &linked {
        let known = names.get(inode).map_or(&[][..], Vec::as_slice);
        for path in paths {
            if (known.len() as u64) < *count {
                let outside = *count - known.len() as u64;
                found.push((path, leaves_the_sources(path, outside, *count)));
            } else if audiences && path.starts_with("content") {
                let other = known
                    .iter()
                    .find(|p| *p != path && p.starts_with("content"));
                if let Some(other) = other {
                    found.push((path, across_audiences(path, other)));
                }
            }
        }
    }
    // Told in the order of the files, whatever the order of the map.
    found.sort_by(|a, b| a.0.cmp(b.0));
    found.into_iter().map(|(_, d)| d).collect()
}

/// A file's identity on its disk: its device and inode.
type Inode = (u64, u64);

/// Whether the file at `path` has more than one name (a hard link), as the build's check
/// judges it; never on systems that do not tell. `pmo serve` asks it of a file just
/// changed, to send it to that check.
#[cfg(unix)]
pub fn has_other_names(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.nlink() > 1)
}

#[cfg(not(unix))]
pub fn has_other_names(_path: &Path) -> bool {
    false
}

/// The files of the checked folders with more than one name: each with its number of
/// names and its paths there, relative to `root`.
#[cfg(unix)]
fn linked_files(root: &Path, folders: &[PathBuf]) -> HashMap<Inode, (u64, Vec<PathBuf>)> {
    use std::os::unix::fs::MetadataExt;
    let mut linked: HashMap<Inode, (u64, Vec<PathBuf>)> = HashMap::new();
    for folder in folders {
        for entry in walk(&root.join(folder)) {
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if meta.nlink() > 1 {
                let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
                let at = linked
                    .entry((meta.dev(), meta.ino()))
                    .or_insert((meta.nlink(), Vec::new()));
                at.1.push(rel.to_path_buf());
            }
        }
    }
    linked
}

/// Windows' number of names is not in stable Rust: no file is taken for a link there.
#[cfg(not(unix))]
fn linked_files(_root: &Path, _folders: &[PathBuf]) -> HashMap<Inode, (u64, Vec<PathBuf>)> {
    HashMap::new()
}

/// Every name the files of `linked` have among the site's sources: anywhere in the site
/// folder but in hidden files and folders and in `public/`, relative to `root`; and in
/// the theme's folder `theme` when it is a link to a folder outside the site.
#[cfg(unix)]
fn source_names(
    root: &Path,
    theme: &Path,
    linked: &HashMap<Inode, (u64, Vec<PathBuf>)>,
) -> HashMap<Inode, Vec<PathBuf>> {
    use std::os::unix::fs::MetadataExt;
    let mut names: HashMap<Inode, Vec<PathBuf>> = HashMap::new();
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let shared_theme = std::fs::canonicalize(root.join(theme))
        .ok()
        .filter(|real| !real.starts_with(&real_root));
    let in_site = walk(root).map(|entry| {
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        (rel.to_path_buf(), entry)
    });
    let in_theme = shared_theme.iter().flat_map(|real| {
        walk(real).map(move |entry| {
            let rel = entry.path().strip_prefix(real).unwrap_or(entry.path());
            (theme.join(rel), entry)
        })
    });
    for (rel, entry) in in_site.chain(in_theme) {
        if rel.starts_with("public") {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let inode = (meta.dev(), meta.ino());
        if linked.contains_key(&inode) {
            names.entry(inode).or_default().push(rel);
        }
    }
    names
}

#[cfg(not(unix))]
fn source_names(
    _root: &Path,
    _theme: &Path,
    _linked: &HashMap<Inode, (u64, Vec<PathBuf>)>,
) -> HashMap<Inode, Vec<PathBuf>> {
    HashMap::new()
}

/// The plain files under `dir`, hidden names left out (`static/.well-known/` aside, which
/// is published), symbolic links not followed: [`crate::symlinks`] judges those.
fn walk(dir: &Path) -> impl Iterator<Item = walkdir::DirEntry> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || e.file_name().to_str().is_none_or(|name| {
                    name == ".well-known" || !crate::layout::is_ignored_name(name)
                })
        })
        .flatten()
        .filter(|e| e.file_type().is_file())
}

fn leaves_the_sources(path: &Path, outside: u64, names: u64) -> Diagnostic {
    Diagnostic::error(Problem::Content(t!(
        "this file is a hard link: {outside} of its {names} names are outside the site's sources (elsewhere on the disk, in a hidden folder such as .git, or in public/), and the build would publish that file",
        outside = outside,
        names = names
    )))
    .at_file_start(path)
    .with_help(t!("replace the link with a copy of the file (`cp` without `-l`), or remove it"))
}

fn across_audiences(path: &Path, other: &Path) -> Diagnostic {
    let other = other.strip_prefix("content").unwrap_or(other);
    Diagnostic::error(Problem::Content(t!(
        "this file is a hard link to content/{other}, and this site has audiences: it would be published with the audience of each folder it stands in",
        other = other.to_string_lossy().replace('\\', "/")
    )))
    .at_file_start(path)
    .with_help(t!(
        "copy the file here instead of linking it, so that its audience is the one its folder gives it"
    ))
}
