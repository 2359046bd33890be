//! `pmo import projects` as the import tests run it: a register written into the site,
//! imported with messages in a language, and the project pages it wrote read back.

use std::path::{Path, PathBuf};

use super::xlsx::V;
use super::{pmo_in, Site};

/// A register's row as Excel holds it: its `texts` as text cells, then its `numbers`
/// typed as numbers (a budget), from column A.
pub fn row(texts: &[&str], numbers: &[f64]) -> Vec<V> {
    let texts = texts.iter().map(|c| V::S(c.to_string()));
    texts.chain(numbers.iter().map(|&n| V::N(n))).collect()
}

/// `bytes` written as `name` at the site's root; its path.
pub fn write(site: &Site, name: &str, bytes: &[u8]) -> PathBuf {
    let path = site.root().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `pmo import projects FILE` into `site`, messages in `lang`.
pub fn import_projects(lang: &str, site: &Site, file: &Path) -> std::process::Output {
    let root = site.root().to_str().unwrap();
    pmo_in(
        lang,
        &["--root", root, "import", "projects", file.to_str().unwrap()],
    )
}

/// The index.md of project `folder`, empty when it was not written.
pub fn index(site: &Site, folder: &str) -> String {
    std::fs::read_to_string(
        site.root()
            .join("content/projects")
            .join(folder)
            .join("index.md"),
    )
    .unwrap_or_default()
}
