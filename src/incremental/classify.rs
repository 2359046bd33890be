//! What a changed path means for the build: which kind of rebuild it calls for.

use std::path::{Path, PathBuf};

use super::Workspace;
use crate::site::PageId;

/// How a changed source file is handled.
pub(super) enum Change {
    Page(PageId, String),
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
        let hidden = rel.components().any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|n| n.starts_with('.') || n.ends_with('~'))
        });
        let source =
            top == crate::layout::CONFIG_FILE || crate::layout::watched_folders().any(|f| f == top);
        if hidden || !source {
            // Editors' swap, lock and backup files (`.x.md.swp`, `.#x.md`, `x.md~`), which
            // the build skips too; `public/`; `archetypes/` (read by `pmo new` only).
            return Change::Ignored;
        }
        if path.is_dir() {
            // A folder created or renamed into place: it may hold anything.
            return Change::Full;
        }
        let exists = path.is_file();
        let site = &self.state.site;
        if let Ok(in_content) = rel.strip_prefix("content") {
            let in_content = in_content.to_string_lossy().replace('\\', "/");
            if in_content.ends_with(".md") {
                let found = site
                    .pages
                    .binary_search_by(|p| p.rel_path.as_str().cmp(&in_content));
                return match found {
                    Ok(id) if exists => Change::Page(id, in_content),
                    Err(_) if !exists => Change::Ignored,
                    _ => Change::Full,
                };
            }
            let folder = format!("{in_content}/");
            if !exists && site.pages.iter().any(|p| p.rel_path.starts_with(&folder)) {
                // A folder of pages renamed or deleted as a whole.
                return Change::Full;
            }
            if exists && self.reads_table(rel) {
                return Change::Table(rel.to_path_buf());
            }
            let known = site.assets.contains(&in_content);
            return match (known, exists) {
                (true, true) => Change::Static,
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
