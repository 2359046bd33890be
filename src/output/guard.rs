//! Which folders a build may replace. A build swaps its output folder out whole, so a
//! careless `--output content` or `--output ~/Documents` would delete what pmo never wrote.
//! The rule: the output folder must be absent, empty, or marked as an earlier pmo output;
//! `--force` lifts only that last question, never the protection of the site's sources.

use crate::messages::{Arg, Text};
use crate::t;
use std::fs;
use std::path::{Component, Path, PathBuf};

use super::edits::changed_by_hand;
use super::staging::{is_marked, MARKER};
use crate::diagnostics::{Diagnostic, Problem};
use crate::layout::{CONFIG_FILE, SOURCE_FOLDERS};

/// Refuses an output folder that is, holds or sits inside the site's sources, or that
/// holds files pmo did not write (unless `force`). `audience` is the one being built, if
/// named: the folder suggested for it when `target` holds every audience's site.
pub fn check(
    root: &Path,
    target: &Path,
    force: bool,
    audience: Option<&str>,
) -> Result<(), Diagnostic> {
    check_for(root, target, force, audience, &|| false)
}

/// [`check`] for a build that knows its site: `names_no_audiences` tells whether
/// site.toml declares none, asked only when `target` holds audiences' sites (the config
/// is a layer above this one).
pub fn check_for(
    root: &Path,
    target: &Path,
    force: bool,
    audience: Option<&str>,
    names_no_audiences: &dyn Fn() -> bool,
) -> Result<(), Diagnostic> {
    let shown = target.display().to_string();
    let real_root = real_path(root);
    let real_target = real_path(target);
    let refuse = |why: Text, help: Text| {
        Err(Diagnostic::error(Problem::Output(why))
            .in_file(target)
            .with_help(help))
    };
    let pick = || t!("choose an output folder of its own, e.g. `--output public` (the default)");

    if real_root.starts_with(&real_target) {
        return refuse(
            t!("refusing to write the site into `{shown}`: that folder holds the site's sources (site.toml, content/ …), and a build replaces its output folder whole", shown = &shown),
            pick(),
        );
    }
    for name in SOURCE_FOLDERS
        .iter()
        .map(|f| f.to_string())
        .chain([CONFIG_FILE.to_string()])
        .chain(linked_themes(root))
    {
        let name = name.as_str();
        let source = real_path(&root.join(name));
        if real_target.starts_with(&source) || source.starts_with(&real_target) {
            return refuse(
                t!("refusing to write the site into `{shown}`: it is or overlaps the site's `{name}`, and a build replaces its output folder whole, which would delete your sources", shown = &shown, name = name),
                pick(),
            );
        }
    }
    if real_target.join(CONFIG_FILE).is_file() {
        return refuse(
            t!("refusing to write the site into `{shown}`: it holds a site.toml, so it is the sources of a site", shown = &shown),
            pick(),
        );
    }

    let Ok(meta) = fs::metadata(target) else {
        return Ok(()); // absent: the build creates it
    };
    if !meta.is_dir() {
        return refuse(
            t!("`{shown}` is a file, not a folder", shown = &shown),
            t!("give --output a folder (new or empty) for the site"),
        );
    }
    // A marker above the audiences' folders is one a switch to them left, killed between
    // its swap and taking the marker away: the folder still holds every audience's site.
    if is_empty(target) {
        return Ok(());
    }
    if is_marked(target) && !holds_audience_sites(target) {
        // pmo's own, but an author may have mended a page or dropped a file in it since,
        // and the build would delete that without a word.
        let edited = changed_by_hand(target);
        if force || edited.is_empty() {
            return Ok(());
        }
        let more = edited.len().saturating_sub(SHOWN);
        let files = edited
            .into_iter()
            .take(SHOWN)
            .collect::<Vec<_>>()
            .join(", ");
        let files = if more > 0 {
            Arg::Text(t!("{names} and {more} more", names = files, more = more))
        } else {
            Arg::Plain(files)
        };
        return refuse(
            t!(
                "refusing to replace `{shown}`: files in it were changed or added by hand since pmo wrote it ({files}), and a build replaces the folder whole, which would delete them",
                shown = &shown,
                files = files
            ),
            t!("put the change into content/ (pages are made from there) or static/ (files published as they are), or delete the file; or run with --force to replace the folder anyway"),
        );
    }
    // Not even with --force: the marker was written into the link's target, a folder
    // elsewhere that pmo then took for its own (the fifth security hunt).
    if fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink()) {
        return refuse(
            t!(
                "refusing to replace `{shown}` even with --force: it is a symbolic link to {real}, a folder pmo did not write",
                shown = &shown,
                real = real_target.display().to_string()
            ),
            t!("give --output a folder of its own, not a link, e.g. `--output public`"),
        );
    }
    if !force && holds_audience_sites(target) {
        // pmo wrote it, with --all-audiences: "not written by pmo" sent the author to
        // --force, which would delete every audience's site.
        // A real folder name: `public-{audience}` as written was copied as it stood
        // (the fifth walk-through). Unnamed, the audience built is the lowest.
        let folder = format!("{shown}-{}", audience.unwrap_or("preview"));
        // A site.toml that names audiences no longer cannot build them again: its one
        // site replacing their folders is what --force is for (walk-through 12).
        let help = if audience.is_none() && names_no_audiences() {
            t!(
                "site.toml names no audiences now: run once with --force to replace their folders with this one site, or build it into another folder, e.g. `--output {folder}`",
                folder = folder
            )
        } else {
            t!(
                "build them again with --all-audiences, or build this one into another folder, e.g. `--output {folder}`",
                folder = folder
            )
        };
        return refuse(
            t!(
                "`{shown}` holds the sites an --all-audiences build wrote ({entries}), one folder per audience",
                shown = &shown,
                entries = some_entries(target)
            ),
            help,
        );
    }
    if !force {
        return refuse(
            t!(
                "refusing to replace `{shown}`: it is not empty ({entries}) and was not written by pmo (it has no {marker} file), and a build replaces its output folder whole",
                shown = &shown,
                entries = some_entries(target),
                marker = MARKER
            ),
            t!("choose a new or empty folder; or, if everything in it may be deleted (e.g. a site an older pmo built), run once with --force"),
        );
    }
    let home = std::env::var_os("HOME").map(|h| real_path(Path::new(&h)));
    let here = std::env::current_dir().map(|d| real_path(&d)).ok();
    if home.as_ref() == Some(&real_target)
        || here.is_some_and(|d| d.starts_with(&real_target))
        || real_target.parent().is_none()
    {
        return refuse(
            t!("refusing to replace `{shown}` even with --force: it is your home folder, the file system's root or a folder you are working in", shown = &shown),
            pick(),
        );
    }
    Ok(())
}

/// The themes under `themes/` that are links (`themes/mine`): a theme kept elsewhere for
/// several portals is a source the check of `themes/` does not reach, where it is. An
/// output folder in it was published again by its next build, inside itself.
fn linked_themes(root: &Path) -> Vec<String> {
    fs::read_dir(root.join("themes"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_symlink()))
        .map(|e| format!("themes/{}", e.file_name().to_string_lossy()))
        .collect()
}

/// Whether `dir` holds only folders pmo wrote (and hidden leftovers of their swaps),
/// as `--all-audiences` leaves it.
fn holds_audience_sites(dir: &Path) -> bool {
    let mut sites = 0;
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if !is_marked(&entry.path()) {
            return false;
        }
        sites += 1;
    }
    sites > 0
}

/// Whether `base`, where `--all-audiences` writes one folder per audience, holds one site
/// a build without it wrote (pmo's marker, not the audiences' folders). With `force` it is
/// replaced whole by the audiences' folders, checked as any output folder replaced;
/// without, refused: every page's address moves down a folder, which the author should
/// mean, and left beside them it would stay published with what it shows.
pub fn holds_one_site(root: &Path, base: &Path, force: bool) -> Result<bool, Diagnostic> {
    if !is_marked(base) || holds_audience_sites(base) {
        return Ok(false);
    }
    let shown = base.display().to_string();
    if !force {
        return Err(Diagnostic::error(Problem::Output(t!(
            "`{shown}` holds a site a build without --all-audiences wrote ({entries}), and --all-audiences writes one folder per audience there",
            shown = &shown,
            entries = some_entries(base)
        )))
        .in_file(base)
        .with_help(t!(
            "run again with --force to replace it with the audiences' folders (its pages move to `{shown}/<audience>/`), or choose another --output",
            shown = &shown
        )));
    }
    check(root, base, force, None)?;
    Ok(true)
}

fn is_empty(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// A few of a folder's entries, to show the user what a build would have deleted.
/// The folder `--all-audiences` writes one folder per audience into must hold nothing
/// else: a site built there without audiences (everything, for everyone) would otherwise
/// stay published beside them.
pub fn check_audience_parent(base: &Path, audiences: &[String]) -> Result<(), Diagnostic> {
    let ours = |name: &str| {
        name == MARKER
            || audiences.iter().any(|a| {
                name == a
                    || name
                        .strip_prefix(&format!(".{a}."))
                        .is_some_and(|rest| !rest.contains('/'))
            })
    };
    let strays: Vec<String> = fs::read_dir(base)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !ours(n))
        .collect();
    if strays.is_empty() {
        return Ok(());
    }
    Err(Diagnostic::error(Problem::Output(t!(
        "`{shown}` holds files besides the audiences' folders ({entries}); they would stay published beside them",
        shown = base.display().to_string(),
        entries = some_entries(base)
    )))
    .in_file(base)
    .with_help(t!("delete them (a site built there without --all-audiences is one, with every page), or choose another --output")))
}

/// How many names a message shows of a folder's files; the rest are counted.
const SHOWN: usize = 3;

/// The first few names in `dir`, as part of a message in the reader's language.
fn some_entries(dir: &Path) -> Text {
    let mut names: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let more = names.len().saturating_sub(SHOWN);
    names.truncate(SHOWN);
    let names = names.join(", ");
    if more > 0 {
        t!(
            "it holds {names} and {more} more",
            names = names,
            more = more
        )
    } else {
        t!("it holds {names}", names = names)
    }
}

/// The path the system would reach: symbolic links and `..` resolved as far as the path
/// exists, the rest (which cannot hold links) normalized by its names.
fn real_path(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let parts: Vec<Component> = abs.components().collect();
    for split in (0..=parts.len()).rev() {
        let head: PathBuf = parts[..split].iter().collect();
        let Ok(mut real) = head.canonicalize() else {
            continue;
        };
        for part in &parts[split..] {
            match part {
                Component::ParentDir => {
                    real.pop();
                }
                Component::Normal(name) => real.push(name),
                _ => {}
            }
        }
        return real;
    }
    abs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of what a folder holds are said in the message's language: a Chinese
    /// message read "…其他文件（it holds 404.html, atom.xml and 15 more）".
    #[test]
    fn what_a_folder_holds_is_said_in_the_readers_language() {
        let tmp = tempfile::tempdir().unwrap();
        for name in ["a.html", "b.html", "c.html", "d.html"] {
            fs::write(tmp.path().join(name), "x").unwrap();
        }
        let zh = some_entries(tmp.path()).render(crate::messages::Lang::ZhCn);
        assert!(!zh.contains("it holds") && !zh.contains("more"), "{zh}");
        assert!(zh.contains("a.html, b.html, c.html"), "{zh}");
    }

    fn site() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        for dir in ["content/lessons", "data", "static"] {
            fs::create_dir_all(root.join(dir)).unwrap();
        }
        fs::write(root.join("site.toml"), "title = 'x'\n").unwrap();
        fs::write(root.join("content/lessons/a.md"), "x").unwrap();
        tmp
    }

    #[test]
    fn sources_are_refused_even_with_force() {
        let tmp = site();
        let root = tmp.path().join("site");
        for out in [
            root.clone(),
            root.join("content"),
            root.join("content/lessons"),
            root.join("content/new-folder"),
            root.join("data"),
            root.join("static/downloads"),
            root.join("templates"),
            root.join("public/../content"),
            tmp.path().to_path_buf(),
        ] {
            for force in [false, true] {
                let e = check(&root, &out, force, None).unwrap_err();
                assert!(e.to_string().contains("refusing"), "{}: {e}", out.display());
            }
        }
    }

    /// With --force, the marker was written into a linked folder elsewhere, which pmo
    /// then took for its own.
    #[test]
    fn a_link_to_a_folder_pmo_did_not_write_is_refused_even_with_force() {
        let tmp = site();
        let root = tmp.path().join("site");
        let victim = tmp.path().join("victim");
        fs::create_dir_all(&victim).unwrap();
        fs::write(victim.join("keep.txt"), "keep").unwrap();
        let link = root.join("public");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        for force in [false, true] {
            let e = check(&root, &link, force, None).unwrap_err().to_string();
            assert!(e.contains("refusing to replace"), "{e}");
        }
        assert!(!victim.join(MARKER).exists());
    }

    #[test]
    fn a_link_into_the_sources_is_refused() {
        let tmp = site();
        let root = tmp.path().join("site");
        let link = tmp.path().join("out");
        std::os::unix::fs::symlink(root.join("content"), &link).unwrap();
        assert!(check(&root, &link, true, None).is_err());
        assert!(check(&root, &link.join("lessons"), true, None).is_err());
    }

    #[test]
    fn absent_empty_and_marked_folders_are_accepted() {
        let tmp = site();
        let root = tmp.path().join("site");
        assert!(check(&root, &root.join("public"), false, None).is_ok());
        let empty = tmp.path().join("empty");
        fs::create_dir(&empty).unwrap();
        assert!(check(&root, &empty, false, None).is_ok());
        let marked = tmp.path().join("marked");
        fs::create_dir(&marked).unwrap();
        fs::write(marked.join("index.html"), "x").unwrap();
        fs::write(marked.join(MARKER), "x").unwrap();
        assert!(check(&root, &marked, false, None).is_ok());
    }

    #[test]
    fn a_foreign_folder_needs_force_and_a_file_is_refused() {
        let tmp = site();
        let root = tmp.path().join("site");
        let other = tmp.path().join("some-folder");
        fs::create_dir(&other).unwrap();
        fs::write(other.join("thesis.docx"), "x").unwrap();
        let e = check(&root, &other, false, None).unwrap_err().to_string();
        assert!(
            e.contains("thesis.docx") && e.contains("not written by pmo"),
            "{e}"
        );
        assert!(check(&root, &other, true, None).is_ok());
        assert!(check(&root, &other.join("thesis.docx"), true, None).is_err());
    }

    /// A switch from one site to the audiences' folders killed after its swap leaves
    /// them under a marker: still the audiences' sites, never one site's to replace.
    #[test]
    fn the_audiences_folders_under_a_marker_left_by_a_switch_are_still_theirs() {
        let tmp = site();
        let root = tmp.path().join("site");
        let out = tmp.path().join("public");
        let names = ["public".to_string(), "internal".to_string()];
        for name in &names {
            fs::create_dir_all(out.join(name)).unwrap();
            fs::write(out.join(name).join(MARKER), "x").unwrap();
            fs::write(out.join(name).join("index.html"), "首页").unwrap();
        }
        fs::write(out.join(MARKER), "x").unwrap();
        let e = check(&root, &out, false, None).unwrap_err().to_string();
        assert!(
            e.contains("holds the sites an --all-audiences build wrote"),
            "{e}"
        );
        assert!(check_audience_parent(&out, &names).is_ok());
    }

    #[test]
    fn real_paths_resolve_parents_past_the_existing_part() {
        let tmp = site();
        let root = tmp.path().join("site");
        let real = real_path(&root.join("nothing/../content/./lessons"));
        assert_eq!(real, root.canonicalize().unwrap().join("content/lessons"));
    }
}
