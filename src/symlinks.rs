//! Symbolic links among the sources. A `budget.csv` or a page that is a link used to be
//! skipped without a word, so the project lost its budget or the page vanished. A link
//! that stays inside the site is followed like the file it points to; one that leaves
//! the site (or points nowhere) is an error, since the build would depend on a file
//! nobody sees in the site folder.
//!
//! A named pipe, socket or device where a source file belongs is refused by its type:
//! reading a named pipe waits for a writer that never comes (a `site.toml` that was one
//! hung the build), and skipping it lost the page without a word.

use crate::messages::Text;
use crate::t;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Problem};

/// Whether a source folder (`layout::SOURCE_FOLDERS`) is read or published whole. Not
/// `themes`: a theme kept in one place for several portals is linked in on purpose, and
/// only its own `static/` is published; nor `archetypes` (read by `pmo new` only). The
/// site's `i18n/` is: its strings are shown on every page and quoted in messages, so a
/// link to a folder outside put that folder's text into the site (the seventh hunt).
fn published_whole(folder: &str) -> bool {
    !matches!(folder, "themes" | "archetypes")
}

/// Source folders that are themselves links leaving the site: the walks start inside
/// them, so what is there was read and published — `static → ~/.ssh` put a secret at
/// the site's root (the fifth security hunt), and the warning for links to folders
/// said "not followed". Each is an error; a link to a folder inside the site is
/// followed as the folder.
pub fn source_folders(root: &Path) -> Vec<Diagnostic> {
    crate::layout::SOURCE_FOLDERS
        .iter()
        .filter(|name| published_whole(name))
        .filter_map(|name| source_folder(root, name))
        .collect()
}

/// The error for the source folder `name` when it is a link leaving the site (see
/// [`source_folders`]); `None` when it is a folder, a link inside the site or nothing.
pub fn source_folder(root: &Path, name: &str) -> Option<Diagnostic> {
    let site = std::fs::canonicalize(root).ok()?;
    if !std::fs::symlink_metadata(root.join(name)).is_ok_and(|m| m.file_type().is_symlink()) {
        return None;
    }
    let target = std::fs::canonicalize(root.join(name)).ok();
    let inside = target.as_ref().is_some_and(|t| t.starts_with(&site));
    (!inside).then(|| {
        let target = target.map_or_else(|| "nothing".to_string(), |t| t.display().to_string());
        Diagnostic::error(Problem::Content(t!(
            "the `{name}` folder is a symbolic link to {target}, outside the site: the build would read and publish what is there",
            name = name,
            target = target
        )))
        .in_file(Path::new(name))
        .with_help(t!("make `{name}` a real folder of the site (copy what it should hold into it), or point the link inside the site", name = name))
    })
}

/// Checks the site's file `rel` (`i18n/zh-CN.toml`) before it is read: its folder may
/// not be a link leaving the site, nor the file a link leaving it, into a hidden file
/// or to nothing. The error names the link and its target, never what is in it: a
/// strings file linked to `~/.git-credentials` was quoted line by line in the
/// diagnostics (the seventh hunt).
pub fn before_reading(root: &Path, rel: &Path) -> Result<(), Diagnostic> {
    if let Some(folder) = rel.components().next() {
        let folder = folder.as_os_str().to_string_lossy();
        if rel.components().count() > 1 {
            if let Some(error) = source_folder(root, &folder) {
                return Err(error);
            }
        }
    }
    // A link anywhere along the path (the folder linked inside the site, to `.git/`)
    // is judged by where the whole path leads.
    let path = root.join(rel);
    if link_along(root, rel).is_some() && std::fs::symlink_metadata(&path).is_ok() {
        follow(root, &path, rel)?;
        // A page is no strings file: read as one, its lines were quoted in the error.
        if let Some(target) = Content::of(root).and_then(|c| c.holds(&path)) {
            return Err(Diagnostic::error(Problem::Content(t!(
                "this symbolic link points to content/{target}, a page or file of the site's content: UI strings are not read from there",
                target = target
            )))
            .in_file(rel)
            .with_help(t!("write the strings in a file of their own under i18n/ (`key = \"text\"` lines)")));
        }
    }
    Ok(())
}

/// The first of `rel`'s places under `base` (its folders, then the file itself) that
/// is a symbolic link, relative to `base`. `base` itself may be one: the author named
/// it. Reading judges such a path by where it leads; writing refuses it
/// ([`crate::safe_write`]).
pub fn link_along(base: &Path, rel: &Path) -> Option<PathBuf> {
    let mut along = PathBuf::new();
    rel.components().find_map(|part| {
        along.push(part);
        std::fs::symlink_metadata(base.join(&along))
            .is_ok_and(|m| m.file_type().is_symlink())
            .then(|| along.clone())
    })
}

/// The site's `content/` folder where it really is, to tell which files lead into it
/// through links (a link, a linked folder or a source folder that is itself a link).
pub struct Content(std::path::PathBuf);

impl Content {
    /// `None` when the site has no `content/` folder.
    pub fn of(root: &Path) -> Option<Content> {
        std::fs::canonicalize(root.join("content"))
            .ok()
            .map(Content)
    }

    /// Where the file at `path` really is under `content/` (`lessons/x.md`), links
    /// followed; `None` when it is elsewhere.
    pub fn holds(&self, path: &Path) -> Option<String> {
        let real = std::fs::canonicalize(path).ok()?;
        let rel = real.strip_prefix(&self.0).ok()?;
        let parts: Vec<_> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect();
        Some(parts.join("/"))
    }
}

/// The errors for files the build takes from outside `content/` — static files,
/// templates, data tables, at `taken` (under `root`) — that lead through a link into
/// `content/` to what this build does not publish: not among `published` (paths under
/// `content/` of its pages, attachments and tables). `static/leak.md →
/// ../content/lessons/secret.md` copied a restricted page's raw Markdown into the public
/// build, and a template or a data table so linked showed its text on every page (the
/// seventh hunt). Each names the file and where it leads, never what is there. `build`
/// is the audience built for, on a site with audiences.
pub fn into_unpublished<'a>(
    root: &Path,
    taken: impl Iterator<Item = &'a Path>,
    published: &std::collections::HashSet<&str>,
    build: Option<&str>,
) -> Vec<Diagnostic> {
    let Some(content) = Content::of(root) else {
        return Vec::new();
    };
    let mut seen = std::collections::HashSet::new();
    taken
        .filter(|path| seen.insert(*path))
        .filter_map(|path| {
            let target = content.holds(&root.join(path))?;
            if published.contains(target.as_str()) {
                return None;
            }
            let message = match build {
                Some(build) => t!(
                    "this file leads through a symbolic link to content/{target}, which the `{build}` build does not publish: it would publish that file's text",
                    target = target.as_str(),
                    build = build
                ),
                None => t!(
                    "this file leads through a symbolic link to content/{target}, which the build does not publish (a draft, or a file it leaves out): it would publish that file's text",
                    target = target.as_str()
                ),
            };
            Some(
                Diagnostic::error(Problem::Content(message))
                    .in_file(path.strip_prefix(root).unwrap_or(path))
                    .with_help(t!("remove the link, or copy into the file only what this build may publish")),
            )
        })
        .collect()
}

/// The error for a table file of `data/`, shown as `shown`, that leads through a link to
/// `content/{target}`, which is no project's table (a page, an attachment): read as a
/// table, its text would be shown wherever the table is, and quoted in its errors.
pub fn table_into_content(shown: &Path, target: &str) -> Diagnostic {
    Diagnostic::error(Problem::Content(t!(
        "this file leads through a symbolic link to content/{target}, which is a page or an attachment, not a project's table: it is not read",
        target = target
    )))
    .in_file(shown)
    .with_help(t!("link a table of the site (a project's `risks.csv`), or copy the table into data/"))
}

/// Whether the link at `link` (shown as `shown`) is a file to read: `Ok(true)` when it
/// points to a file inside `root`, `Ok(false)` when to a folder, and an error when it
/// points outside the site or nowhere.
pub fn follow(root: &Path, link: &Path, shown: &Path) -> Result<bool, Diagnostic> {
    let error = |message: Text, help: Text| {
        Diagnostic::error(Problem::Content(message))
            .in_file(shown)
            .with_help(help)
    };
    let target = std::fs::canonicalize(link).map_err(|e| {
        error(
            t!(
                "this symbolic link points to nothing that can be read ({e})",
                e = crate::messages::io_reason(&e)
            ),
            t!("point the link at an existing file inside the site, or replace it with the file"),
        )
    })?;
    if !target.is_file() {
        if !target.is_dir() {
            return Err(not_a_file(shown));
        }
        return Ok(false);
    }
    let root = std::fs::canonicalize(root).ok();
    let within = root
        .as_ref()
        .and_then(|root| target.strip_prefix(root).ok());
    if let Some(rel) = within {
        if !is_source(rel) {
            return Err(error(
                t!(
                    "this symbolic link points to {target}, a hidden file or the built site: the build would publish it",
                    target = rel
                ),
                t!("point the link at a source file of the site (not in a hidden folder such as .git, nor in public/), or copy the file here"),
            ));
        }
    }
    if within.is_none() {
        return Err(error(
            t!(
                "this symbolic link points outside the site, to {target}",
                target = &target
            ),
            t!("copy the file into the site (a link may only point to a file inside the site folder)"),
        ));
    }
    Ok(true)
}

/// Where the walk of `content/` goes on from the link to a folder at `link` (shown as
/// `shown`): the folder it leads to, when that is a folder of the site's own outside
/// `content/` (`content/lessons → ../shared/lessons`, a register kept where a second
/// portal reads it too), read as if it stood at the link; else the warning that it is
/// left out. A folder inside the site holds nothing the build may not read (a link to
/// a file there is read already), and the lessons folder so linked was left out with
/// all its pages, every link to them broken. Left out still: a folder outside the site
/// (its files would be published from where nobody sees them), in a hidden folder or
/// the built site, inside `content/` (its pages are read where they stand: twice would
/// give each two addresses), and one overlapping a folder already `walked` (a link
/// back up would walk forever).
pub fn folder_to_walk(
    root: &Path,
    content: &Path,
    link: &Path,
    shown: &Path,
    walked: &[PathBuf],
) -> Result<PathBuf, Diagnostic> {
    let left_out = |why: Text| {
        Diagnostic::warning(Problem::Content(why))
            .in_file(shown)
            .with_help(t!(
                "move the folder under content/ (or copy it there), or link its files one by one"
            ))
    };
    let target = std::fs::canonicalize(link).map_err(|e| {
        left_out(t!(
            "this link to a folder is not followed, it leads to nothing that can be read ({e}): what is in it is left out",
            e = crate::messages::io_reason(&e)
        ))
    })?;
    let site = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let content = std::fs::canonicalize(content).unwrap_or_else(|_| content.to_path_buf());
    let Ok(rel) = target.strip_prefix(&site) else {
        return Err(left_out(t!(
            "this link to a folder is not followed, it leads outside the site (to {target}): what is in it is left out",
            target = &target
        )));
    };
    if !is_source(rel) {
        return Err(left_out(t!(
            "this link to a folder is not followed, it leads to {target}, a hidden folder or the built site: what is in it is left out",
            target = rel
        )));
    }
    // The site's own folder is shown as `./`, not as nothing.
    let rel = if rel.as_os_str().is_empty() {
        Path::new("./")
    } else {
        rel
    };
    if target.starts_with(&content) || content.starts_with(&target) {
        return Err(left_out(t!(
            "this link to a folder is not followed, it leads to {target}, whose pages are read where they stand: what is in it is left out here",
            target = rel
        )));
    }
    if walked
        .iter()
        .any(|w| target.starts_with(w) || w.starts_with(&target))
    {
        return Err(left_out(t!(
            "this link to a folder is not followed, it leads to {target}, which another link has led the walk into already: what is in it is left out here",
            target = rel
        )));
    }
    Ok(target)
}

/// Whether `rel` (a path inside the site) may be read as a source: not in a hidden
/// folder or file, nor in the built site (`public/`). A link in content/ to
/// `.git/config`, `.env` or the last build's output published what no author meant to
/// (the third hunt for script); a shared folder of the site (`shared/budget.csv`) is fine.
fn is_source(rel: &Path) -> bool {
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let built = parts.next().is_some_and(|top| top == "public");
    !built
        && rel
            .components()
            .all(|c| !c.as_os_str().to_string_lossy().starts_with('.'))
}

/// The error for a file under content/ that is a symbolic link, `shown`, in a site with
/// audiences: it is published with the audience of where it stands, while what it points
/// to may be a page or attachment of a higher audience (a project's minutes linked into
/// a public folder reached the public build).
pub fn link_in_audience_site(shown: &Path) -> Diagnostic {
    Diagnostic::error(Problem::Content(t!(
        "this symbolic link would publish its target with the audience of the folder it stands in, and this site has audiences"
    )))
    .in_file(shown)
    .with_help(t!(
        "copy the file here instead of linking it, so that its audience is the one its folder gives it"
    ))
}

/// What stands at `path` when something does but it is not a file to read (links
/// followed): a folder, a named pipe, socket or device, or a link to nothing. `None` for
/// a file, and for nothing at all. Asks only the file's type, so a named pipe is never
/// opened.
pub fn not_a_file_at(path: &Path) -> Option<Text> {
    let own = std::fs::symlink_metadata(path).ok()?;
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => None,
        Ok(meta) if meta.is_dir() => Some(t!("a folder")),
        Ok(_) => Some(t!("a named pipe, socket or device")),
        Err(_) if own.file_type().is_symlink() => Some(t!(
            "a symbolic link that points to nothing that can be read"
        )),
        Err(_) => None,
    }
}

/// Whether a folder walk's entry is a named pipe, socket or device (not a file, a
/// folder or a link).
pub fn is_special(file_type: std::fs::FileType) -> bool {
    !(file_type.is_file() || file_type.is_dir() || file_type.is_symlink())
}

/// The error for a named pipe, socket or device shown as `shown` among the sources.
pub fn not_a_file(shown: &Path) -> Diagnostic {
    Diagnostic::error(Problem::Io(t!(
        "this is {what}, not a file: pmo cannot read it",
        what = t!("a named pipe, socket or device")
    )))
    .in_file(shown)
    .with_help(t!(
        "replace it with an ordinary file (save the file again from its program), or delete it"
    ))
}

/// The warning for a folder shown as `shown` whose name is a file's (`lesson.md/`,
/// `budget.csv/`, a template's `page.html/`): the file it stands for, `what`, is
/// missing, and without a word here the only sign was a broken link, an empty chart or
/// a template "not found" somewhere else. `endings` says which names are a file's.
pub fn folder_named_like_a_file(shown: &Path, what: Text, endings: Text) -> Diagnostic {
    Diagnostic::warning(Problem::Content(t!(
        "this is a folder, though its name is a file's: {what} is not read",
        what = what
    )))
    .in_file(shown)
    .with_help(t!(
        "put the file back in the folder's place, or rename the folder (its name should not end in {endings})",
        endings = endings
    ))
}

/// [`folder_named_like_a_file`] for content/ and data/.
pub fn page_or_table_folder(shown: &Path) -> Diagnostic {
    folder_named_like_a_file(
        shown,
        t!("the page or table it names"),
        t!("`.md` or a table's extension"),
    )
}

/// The warning for a link to a folder among the sources (`shown`): it is not followed,
/// so what is in it is left out of the site; `help` says where its files belong.
pub fn folder_link_left_out(shown: &Path, help: Text) -> Diagnostic {
    Diagnostic::warning(Problem::Content(t!(
        "this link to a folder is not followed: what is in it is left out"
    )))
    .in_file(shown)
    .with_help(help)
}
