//! What a changed path means for the build: which kind of rebuild it calls for.

use std::path::{Path, PathBuf};

use super::Workspace;
use crate::site::PageId;

/// How a changed source file is handled.
#[derive(Debug, PartialEq)]
pub(super) enum Change {
    Page(PageId, String),
    /// A new page (path under `content/`).
    Added(String),
    /// A page deleted (path under `content/`).
    Removed(String),
    /// A data table the site already reads (path relative to the root).
    Table(PathBuf),
    Template(String),
    Static,
    /// Nothing the build reads (an editor's temporary file that is gone again).
    Ignored,
    Full,
}

impl Workspace {
    pub(super) fn classify(&self, path: &Path) -> Change {
        let root = &self.options.root;
        let Ok(rel) = path.strip_prefix(root) else {
            return Change::Ignored;
        };
        let top = rel.components().next().map(|c| c.as_os_str());
        let top = top.and_then(|t| t.to_str()).unwrap_or("");
        if !crate::layout::is_input(rel) {
            // `public/`; `archetypes/` (read by `pmo new` only); editors' swap, lock and
            // backup files (`.x.md.swp`, `.#x.md`, `x.md~`, `~$budget.xlsx`, `x.md.bak`)
            // and sync tools' conflicted copies, which the build skips too (the next full
            // build warns of the backups and copies).
            return Change::Ignored;
        }
        if path.is_dir() {
            // A folder created or renamed into place: it may hold anything.
            return Change::Full;
        }
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            // Where a link leads is judged with the whole site: one pointed anew at a
            // page this audience may not see must not be copied in as an edit of a
            // static file or a template (`symlinks::into_unpublished`).
            return Change::Full;
        }
        if crate::hardlinks::has_other_names(path) {
            // A file made a hard link (`ln -f ~/.env static/x.txt`) is judged with the
            // whole site too (`hardlinks::check`): copied in as an edit, it was served.
            return Change::Full;
        }
        let page_file = rel.extension().is_some_and(|e| e == "md");
        if self.state.view.is_some() && (top == "data" || (top == "content" && !page_file)) {
            // Which tables and attachments an audience sees is decided across the site (a
            // project's audience covers its folder, money leaves every table): edits there
            // rebuild it whole. Edited pages go through the audience's filter instead.
            return Change::Full;
        }
        let exists = path.is_file();
        let site = &self.state.site;
        if let Ok(in_content) = rel.strip_prefix("content") {
            let in_content = in_content.to_string_lossy().replace('\\', "/");
            if in_content.ends_with(".md") {
                let found = site.page_at(&in_content);
                if self.state.view.is_some() && !(found.is_some() && exists) {
                    // Who may see a new page, and which files a gone one kept hidden,
                    // are decided across the site: an audience's view is taken again.
                    return Change::Full;
                }
                return match found {
                    Some(id) if exists => Change::Page(id, in_content),
                    Some(_) => Change::Removed(in_content),
                    None if exists => Change::Added(in_content),
                    None => Change::Ignored,
                };
            }
            let folder = format!("{in_content}/");
            if !exists && site.pages.iter().any(|p| p.rel_path.starts_with(&folder)) {
                // A folder of pages renamed or deleted as a whole.
                return Change::Full;
            }
            if self.reads_table(rel) {
                // A project's table deleted: the project loses it, which the table patch
                // (made for edits) does not do.
                return if exists {
                    Change::Table(rel.to_path_buf())
                } else {
                    Change::Full
                };
            }
            let known = site.assets.contains(&in_content);
            // An SVG or XML attachment is read for scripts when the site is loaded.
            let reread = !site.config.trust_html && crate::content::active::is_checked(&in_content);
            return match (known, exists) {
                (true, true) if !reread => Change::Static,
                (false, false) => Change::Ignored,
                _ => Change::Full,
            };
        }
        if let Some(name) = self.state.theme.name_of(path) {
            return match name.strip_prefix("templates/") {
                Some(template) if exists => Change::Template(template.to_string()),
                None if exists && name.starts_with("static/") => Change::Static,
                _ => Change::Full,
            };
        }
        if top == "data" && exists && self.reads_table(rel) {
            Change::Table(rel.to_path_buf())
        } else if exists || self.files_from(rel) {
            Change::Full
        } else {
            Change::Ignored
        }
    }

    /// Whether the site holds a table read from `rel`.
    fn reads_table(&self, rel: &Path) -> bool {
        self.state.site.tables.values().any(|t| t.path == rel)
    }

    /// Whether a deleted path held something the build read: a data table or a theme file.
    fn files_from(&self, rel: &Path) -> bool {
        self.reads_table(rel)
            || self
                .state
                .theme
                .name_of(&self.options.root.join(rel))
                .is_some()
            || rel == Path::new("site.toml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;

    /// The `basic` fixture site, built into a workspace in a temporary folder.
    fn workspace() -> (tempfile::TempDir, Workspace) {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("site");
        for entry in walkdir::WalkDir::new(&fixture) {
            let entry = entry.unwrap();
            let to = root.join(entry.path().strip_prefix(&fixture).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        // A site copy of one theme template, to edit.
        let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::copy(theme.join("page.html"), root.join("templates/page.html")).unwrap();
        let (workspace, _) =
            Workspace::open(Options::new(&root)).unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
        (temp, workspace)
    }

    /// What each kind of changed path calls for. Files named "new" are created and two
    /// known files deleted before classifying; "gone" never existed.
    #[test]
    fn each_kind_of_path_calls_for_its_own_rebuild() {
        let (_temp, w) = workspace();
        let root = w.options.root.clone();
        for new in [
            "content/lessons/new.md",
            "static/new.css",
            "templates/lesson.html",
            "data/new.csv",
            "content/lessons/new-diagram.png",
        ] {
            let path = root.join(new);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "x").unwrap();
        }
        for gone in [
            "content/lessons/key-user.md",
            "content/projects/erp/risks.csv",
        ] {
            std::fs::remove_file(root.join(gone)).unwrap();
        }
        let page = |rel: &str| {
            let id = w.state.site.page_at(rel).unwrap();
            Change::Page(id, rel.to_string())
        };
        let cases = [
            // An edit of a page the site holds: that page alone.
            (
                "content/lessons/vendor-delay.md",
                page("lessons/vendor-delay.md"),
            ),
            // A new page, or a page file gone: added to or taken from the site in memory.
            (
                "content/lessons/new.md",
                Change::Added("lessons/new.md".into()),
            ),
            (
                "content/lessons/key-user.md",
                Change::Removed("lessons/key-user.md".into()),
            ),
            ("content/lessons/gone.md", Change::Ignored),
            ("content/projects/erp/risks.csv", Change::Full),
            // Editors' temporary files and backups, folders the build does not read.
            ("content/lessons/.vendor-delay.md.swp", Change::Ignored),
            ("content/lessons/vendor-delay.md~", Change::Ignored),
            // The owner file Excel keeps beside a workbook while it is open.
            ("content/projects/erp/~$budget.xlsx", Change::Ignored),
            ("data/~$departments.xlsx", Change::Ignored),
            ("public/index.html", Change::Ignored),
            ("archetypes/lesson.md", Change::Ignored),
            ("notes.txt", Change::Ignored),
            // A data table the site reads: the tables, charts and pages that show it.
            (
                "content/projects/erp/budget.csv",
                Change::Table("content/projects/erp/budget.csv".into()),
            ),
            (
                "data/departments.xlsx",
                Change::Table("data/departments.xlsx".into()),
            ),
            // A new data table: nothing reads it yet, so the whole site is linked again.
            ("data/new.csv", Change::Full),
            // Theme files: an edited template re-renders its pages; an edited static file
            // is copied. A template copied into the site anew replaces the theme's.
            ("templates/page.html", Change::Template("page.html".into())),
            ("templates/lesson.html", Change::Full),
            ("static/files/risk-register.csv", Change::Static),
            // A file added to static/ may claim a page's path: checked by a full build.
            ("static/new.css", Change::Full),
            // A new attachment beside the pages: which page links it is not known.
            ("content/lessons/new-diagram.png", Change::Full),
            // The configuration, and a folder appearing: anything may change.
            ("site.toml", Change::Full),
            ("content/lessons", Change::Full),
        ];
        for (rel, expected) in cases {
            assert_eq!(w.classify(&root.join(rel)), expected, "{rel}");
        }
        assert_eq!(w.classify(Path::new("/elsewhere/x.md")), Change::Ignored);
    }
}
