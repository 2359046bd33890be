//! The folders of a site, named once: the watcher, the rebuild's classifier and the
//! output guard all need to agree on what is a source.

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

/// The site's configuration file, at the root.
pub const CONFIG_FILE: &str = "site.toml";

/// The folders a change in which can alter the built site (`archetypes/` only feeds
/// `pmo new`).
pub fn watched_folders() -> impl Iterator<Item = &'static str> {
    SOURCE_FOLDERS
        .iter()
        .copied()
        .filter(|f| *f != "archetypes")
}

/// The portfolio dashboard's URL: the link checker accepts it and the menu links it, so
/// it is named here rather than by the render stage that writes it.
pub const DASHBOARD_URL: &str = "dashboard/";

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
