//! `pmo import` as the import tests run it: a register written into the site, imported
//! with messages in a language, and the project pages it wrote read back; a Confluence
//! export of one page for `pmo import html`.

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

/// A Confluence export of one page, `111.html` (linked from the space's `index.html`),
/// whose content is `body`; its `attachments/111/` folder made and left empty.
pub fn one_page_export(body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("attachments/111")).unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<html><head><title>空间</title></head><body><div id=\"content\"><ul>\
         <li><a href=\"111.html\">附件页</a></li></ul></div></body></html>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("111.html"),
        format!(
            "<!DOCTYPE html><html><head><title>空间 : 附件页</title></head><body>\
             <div id=\"main-content\" class=\"wiki-content group\">{body}</div>\
             </body></html>"
        ),
    )
    .unwrap();
    dir
}
