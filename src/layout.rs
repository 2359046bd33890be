//! The folders of a site, named once: the watcher, the rebuild's classifier and the
//! output guard all need to agree on what is a source.

use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

/// The folders under the site root whose files the build reads or scaffolds from. A build
/// never writes into them, and an output folder may not be or hold any of them.
pub const SOURCE_FOLDERS: &[&str] = &[
    "content",
    "data",
    "static",
    "templates",
    "themes",
    "i18n",
    "archetypes",
];

/// `path` as the author sees it from the site folder `root` (`site.toml`, not
/// `./site.toml` or the full path): how every diagnostic names a source file.
pub fn display_path(root: &std::path::Path, path: &std::path::Path) -> std::path::PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Whether a file or folder of this name is none of the site's sources, wherever it
/// stands under content/, data/, static/ or templates/: hidden (`.x.md.swp`, `.#x.md`,
/// LibreOffice's `.~lock.budget.xlsx#`), an editor's backup (`x.md~`), or the owner file
/// Excel and Word keep beside a file while it is open (`~$budget.xlsx`), which is no
/// workbook: read as one, it stopped the build while finance had the budget open.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || leftover(name) == Some(Leftover::Editor)
}

/// The site's configuration file, at the root.
pub const CONFIG_FILE: &str = "site.toml";

/// The site `root` lies inside when it holds no site.toml itself (a command run in
/// `content/lessons/`): the nearest folder above with a site.toml, and how many levels
/// up it is. `None` when `root` has its own, or no folder above has one.
pub fn site_above(root: &std::path::Path) -> Option<(std::path::PathBuf, usize)> {
    if root.join(CONFIG_FILE).exists() {
        return None;
    }
    let root = std::fs::canonicalize(root).ok()?;
    root.ancestors()
        .enumerate()
        .skip(1)
        .find(|(_, dir)| dir.join(CONFIG_FILE).is_file())
        .map(|(up, dir)| (dir.to_path_buf(), up))
}

/// The one folder right below `root` that holds a site.toml, by name.
pub fn site_below(root: &std::path::Path) -> Option<String> {
    // Several sites side by side: which one is meant cannot be told.
    match <[String; 1]>::try_from(sites_below(root)) {
        Ok([only]) => Some(only),
        Err(_) => None,
    }
}

/// The folders right below `root` that hold a site.toml, by name, sorted: a command run
/// above several sites names them all.
pub fn sites_below(root: &std::path::Path) -> Vec<String> {
    let root = if root.as_os_str().is_empty() {
        std::path::Path::new(".")
    } else {
        root
    };
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut sites: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().join(CONFIG_FILE).is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    sites.sort();
    sites
}

/// The folders a change in which can alter the built site (`archetypes/` only feeds
/// `pmo new`).
pub fn watched_folders() -> impl Iterator<Item = &'static str> {
    SOURCE_FOLDERS
        .iter()
        .copied()
        .filter(|f| *f != "archetypes")
}

/// Whether `rel` (a path relative to the site root) is something the build reads:
/// `site.toml` or a file under a watched folder, and none of [`is_ignored_name`]'s
/// (an editor's swap or backup, an Office owner file), which the build skips. Anything else — a
/// log that `nohup pmo serve &` or `pmo serve > serve.log` writes beside site.toml,
/// `public/` — changes nothing, so a change there must not start a rebuild: one whose
/// error goes into that log would start the next, for ever.
pub fn is_input(rel: &std::path::Path) -> bool {
    let top = rel
        .components()
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .unwrap_or("");
    // Backups and conflicted copies too: the build leaves them out (warning of them).
    let hidden = rel.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|n| is_ignored_name(n) || leftover(n).is_some())
    });
    !hidden && (top == CONFIG_FILE || watched_folders().any(|f| f == top))
}

/// The portfolio dashboard's URL: the link checker accepts it and the menu links it, so
/// it is named here rather than by the render stage that writes it.
pub const DASHBOARD_URL: &str = "dashboard/";
/// The knowledge hygiene page.
pub const HYGIENE_URL: &str = "hygiene/";

/// The lessons register's data for its filters, beside its list pages: `facets.js`, and
/// its rows in numbered files (`data-0.js` …).
pub const REGISTER_FACETS: &str = "facets.js";
pub const REGISTER_CHUNK: Numbered = Numbered("data-", ".js");
/// The parts of a sitemap too large for one file, at the site's top (`sitemap-1.xml` …).
pub const SITEMAP_PART: Numbered = Numbered("sitemap-", ".xml");

/// The name of a file the build writes in a numbered series: the text before the number
/// and after it. How many there are depends on the site, so every number is the
/// portal's (an alias may take none of them).
pub struct Numbered(&'static str, &'static str);

impl Numbered {
    /// The file of number `n`.
    pub fn nth(&self, n: usize) -> String {
        format!("{}{n}{}", self.0, self.1)
    }

    /// Whether `name` is a file of the series (compared as written).
    pub fn holds(&self, name: &str) -> bool {
        name.strip_prefix(self.0)
            .and_then(|rest| rest.strip_suffix(self.1))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    }
}

/// The top folders of the built site that the portal writes itself: the taxonomy
/// lists, the search page and its index, the dashboard and the hygiene report. A page
/// whose address falls under one would be overwritten by, or overwrite, the portal's own.
pub const GENERATED_FOLDERS: &[&str] = &[
    "tags",
    "categories",
    "phases",
    "search",
    "dashboard",
    "hygiene",
];

/// The tables the derive stage makes from the pages and project data; a file's table may
/// not take one of these names. Named here because the audience filter, which runs
/// before derive, must know them too.
pub const DERIVED_TABLES: [&str; 3] = ["portfolio", "lessons", "risks"];

/// File endings read as data tables, under `data/` and beside a project's `index.md`.
pub const TABLE_EXTENSIONS: &[&str] = &[
    "csv", "xlsx", "xlsm", "xls", "ods", "json", "toml", "yaml", "yml",
];

/// Whether a file is a data table by its name: content loading needs to know it (a
/// project's tables are not attachments) before the data stage reads any.
pub fn is_table(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| TABLE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// What an editor or a sync tool leaves beside a source, told by its name (see
/// [`leftover`]). Such a file is a copy of a page or a file, often an older one: copied
/// into the site as it was (`lessons/x.md.bak`), it published the raw text of a page the
/// build keeps from an audience (the seventh hunt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leftover {
    /// What an editor keeps while a file is open, or its `~` backup (`x.md~`, Emacs'
    /// `#x.md#`, Office's `~$x.docx`): skipped without a word, as the `.x.md.swp` files
    /// of hidden names always were, since they come and go with every edit.
    Editor,
    /// A backup or temporary copy that stays (`x.md.bak`, `.orig`, `.save`, `.tmp`,
    /// `.old`): skipped with a warning, so that its author can delete it.
    Backup,
    /// A sync tool's copy of a file two people changed at once (Dropbox's and
    /// Nextcloud's `x (conflicted copy).md`, Syncthing's `x.sync-conflict-….md`):
    /// skipped with a warning, since it is another version of a page, not a page to
    /// publish beside it.
    Conflict,
    /// The copy a file manager makes of a file copied and pasted into the same folder
    /// (Windows' `x - Copy.md`, `x - 副本.md`, `x - Copy (2).md`): skipped with a warning,
    /// since it is the same page twice — a lesson so copied was listed twice, and its
    /// register number told as taken by the copy, with the help to renumber the original.
    Copy,
}

/// Whether `name` is a file manager's copy of another ([`Leftover::Copy`]): its stem
/// ends in ` - Copy` or ` - 副本`, perhaps numbered (` - Copy (2)`).
fn is_pasted_copy(name: &str) -> bool {
    let lower = name.to_lowercase();
    let stem = match lower.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => lower.as_str(),
    };
    // ` (2)` after the word: the second copy of the same file.
    let stem = match stem.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
        Some((before, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => before,
        _ => stem,
    };
    [" - copy", " - 副本"].iter().any(|w| stem.ends_with(w))
}

/// The name of the file `name` would be a second copy of, by the ways a download or a
/// file manager names one beside its original: `budget (1).csv` (a browser's second
/// download), `x copy.md` and `x copy 2.md` (a Mac's Duplicate), `x 副本.md`. Only a
/// name to look for: such a file is a copy when its original is beside it (`ad copy.md`
/// alone is a page of its own). A newer budget downloaded as `budget (1).csv` was left
/// unread beside the old `budget.csv`, whose figures the project kept showing.
pub fn original_of(name: &str) -> Option<String> {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, Some(ext)),
        _ => (name, None),
    };
    let number = |n: &str| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit());
    let base = match stem.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
        Some((base, n)) if number(n) => base,
        _ => {
            let unnumbered = match stem.rsplit_once(' ') {
                Some((before, n)) if number(n) => before,
                _ => stem,
            };
            let lower = unnumbered.to_lowercase();
            [" copy", " 副本"]
                .iter()
                .find(|mark| lower.ends_with(*mark))
                .map(|mark| &unnumbered[..unnumbered.len() - mark.len()])?
        }
    };
    let base = base.trim_end();
    if base.is_empty() {
        return None;
    }
    Some(match ext {
        Some(ext) => format!("{base}.{ext}"),
        None => base.to_string(),
    })
}

/// Endings of backup and temporary copies, in lower case (see [`Leftover::Backup`]).
const BACKUP_ENDINGS: &[&str] = &[".bak", ".backup", ".orig", ".rej", ".save", ".tmp", ".old"];

/// What the file or folder named `name` is when an editor or a sync tool left it.
pub fn leftover(name: &str) -> Option<Leftover> {
    let lower = name.to_lowercase();
    if name.ends_with('~')
        || name.starts_with("~$")
        || (name.len() > 2 && name.starts_with('#') && name.ends_with('#'))
    {
        Some(Leftover::Editor)
    } else if BACKUP_ENDINGS.iter().any(|e| lower.ends_with(e)) {
        Some(Leftover::Backup)
    } else if lower.contains("conflicted copy")
        || lower.contains(".sync-conflict-")
        || lower.contains("冲突副本")
    {
        Some(Leftover::Conflict)
    } else if is_pasted_copy(name) {
        Some(Leftover::Copy)
    } else {
        None
    }
}

/// The warning for the file or folder shown as `shown`, when its name makes it a
/// backup or a conflicted copy ([`leftover`]), which the walks of `content/`, `static/`,
/// `templates/` and the theme leave out; `None` for any other name, editors' own files
/// included (those are left out without a word).
pub fn leftover_warning(shown: &std::path::Path) -> Option<Diagnostic> {
    let name = shown.file_name()?.to_string_lossy();
    let (message, help) = match leftover(&name)? {
        Leftover::Editor => return None,
        Leftover::Backup => (
            t!("this is a backup or temporary copy, by its name: it is left out of the site"),
            t!("delete it, or move it out of the site folder; to publish it, give it a name of its own"),
        ),
        Leftover::Conflict => (
            t!("this is a conflicted copy a sync tool made when a file was changed in two places at once: it is left out of the site"),
            t!("compare it with the file it copies, keep what you need in that file, and delete the copy"),
        ),
        Leftover::Copy => (
            t!("this is a copy a file manager made, by its name (`x - Copy.md`): it is left out of the site"),
            t!("delete it, or move it out of the site folder; to publish it as a page or file of its own, rename it"),
        ),
    };
    Some(
        Diagnostic::warning(Problem::Content(message))
            .at_file_start(shown)
            .with_help(help),
    )
}

/// Joins a relative link to the folder of its page, resolving `.` and `..`.
/// `None` if it climbs above `content/`.
pub fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if rel.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_and_sync_tools_leftovers_are_told_by_their_names() {
        for name in ["x.md~", "#x.md#", "~$计划.docx"] {
            assert_eq!(leftover(name), Some(Leftover::Editor), "{name}");
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(is_ignored_name(".x.md.swp"));
        for name in [
            "x.md.bak",
            "x.md.orig",
            "x.md.save",
            "x.md.tmp",
            "x.md.old",
            "预算.CSV.BAK",
            "lessons.old",
        ] {
            assert_eq!(leftover(name), Some(Leftover::Backup), "{name}");
        }
        for name in [
            "x (conflicted copy).md",
            "x (Alice's conflicted copy 2024-01-01).md",
            "x (Conflicted Copy 2024-01-01 120000).md",
            "x.sync-conflict-20240101-120000-ABCDEFG.md",
        ] {
            assert_eq!(leftover(name), Some(Leftover::Conflict), "{name}");
        }
        for name in [
            "x - Copy.md",
            "预算 - 副本.xlsx",
            "x - copy (12).csv",
            "lessons - Copy",
        ] {
            assert_eq!(leftover(name), Some(Leftover::Copy), "{name}");
        }
        for (name, original) in [
            ("budget (1).csv", Some("budget.csv")),
            ("风险登记 (12).xlsx", Some("风险登记.xlsx")),
            ("x copy.md", Some("x.md")),
            ("x Copy 2.md", Some("x.md")),
            ("经验 副本.md", Some("经验.md")),
            ("lessons copy", Some("lessons")),
            ("Report (2024).md", None),
            ("Phase 2.md", None),
            ("copy.md", None),
            (" (1).csv", None),
        ] {
            assert_eq!(original_of(name).as_deref(), original, "{name}");
        }
        for name in ["ad copy.md", "x - copy ().md", "x - copy (a).md", "副本.md"] {
            assert_eq!(leftover(name), None, "{name}");
        }
        for name in [
            "x.md",
            "old.md",
            "bak",
            "#1.md",
            "模板.xlsx",
            "~x.md",
            "a#b#",
        ] {
            assert_eq!(leftover(name), None, "{name}");
            assert!(!is_ignored_name(name), "{name}");
        }
    }

    #[test]
    fn join_resolves_dots_and_refuses_to_escape() {
        assert_eq!(
            join("lessons", "../projects/erp/index.md").unwrap(),
            "projects/erp/index.md"
        );
        assert_eq!(
            join("practices/risk", "./a.md").unwrap(),
            "practices/risk/a.md"
        );
        assert_eq!(join("", "../x.md"), None);
        assert_eq!(join("a", "../../x.md"), None);
    }
}
