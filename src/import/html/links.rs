//! Where an address in a Confluence export page leads: another page of the export
//! (`12345678.html`, `页面标题_12345678.html`, `viewpage.action?pageId=…`), a file of
//! its `attachments/`, one of Confluence's own icons, the web, or nowhere the portal has.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What an `href` or `src` names.
#[derive(Debug, PartialEq)]
pub(super) enum Target {
    /// A page of the export: its file from the pages' folder (`供应商管理.md`).
    Page(String),
    /// A file in the export, by its path there (`attachments/123/图.png`).
    File(PathBuf),
    /// One of Confluence's own images (`images/icons/…`): chrome.
    Icon,
    /// An address on the web, kept as written.
    Web(String),
    /// A place on the same page (`#标题`): Confluence's anchors are not pmo's ids.
    Anchor,
    /// A page of the space not in the export, a Confluence server path, a script:
    /// nothing the portal has.
    Nowhere,
}

/// The pages of the export, for links between them.
pub(super) struct Pages {
    /// A page's export file name (`12345678.html`) and its page id (`12345678`) → its
    /// file from the pages' folder.
    pub by_name: HashMap<String, String>,
}

impl Pages {
    /// Where `address` leads, read from a page in `export`.
    pub fn target(&self, address: &str, export: &Path) -> Target {
        let address = address.trim();
        let lower = address.to_ascii_lowercase();
        if address.starts_with('#') {
            return Target::Anchor;
        }
        if let Some(id) = page_id_parameter(address) {
            return self
                .by_name
                .get(id)
                .cloned()
                .map_or(Target::Nowhere, Target::Page);
        }
        if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:")
            || lower.starts_with("tel:")
        {
            return Target::Web(address.to_string());
        }
        if lower.contains(':') || address.starts_with('/') || address.is_empty() {
            return Target::Nowhere;
        }
        let path = address.split(['#', '?']).next().unwrap_or("");
        let path = crate::escape::percent_decode(path);
        if path.starts_with("images/icons/") || path.starts_with("images/emoticons/") {
            return Target::Icon;
        }
        let name = path.rsplit('/').next().unwrap_or("");
        if name.to_ascii_lowercase().ends_with(".html") && !path.contains('/') {
            if let Some(page) = self
                .by_name
                .get(name)
                .or_else(|| id_of_file(name).and_then(|id| self.by_name.get(id)))
            {
                return Target::Page(page.clone());
            }
            return Target::Nowhere;
        }
        let rel = PathBuf::from(&path);
        let inside = rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        // A symbolic link in the export (a zip may hold one) is no attachment: followed,
        // `attachments/1/表.docx → ~/.ssh/id_rsa` copied the key into the site to be
        // published.
        let file = std::fs::symlink_metadata(export.join(&rel)).is_ok_and(|m| m.is_file());
        if inside && file && crate::symlinks::link_along(export, &rel).is_none() {
            Target::File(rel)
        } else {
            Target::Nowhere
        }
    }
}

/// The page id of an export file name: `12345678.html` or `页面标题_12345678.html`.
pub(super) fn id_of_file(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".html")?;
    let digits = stem.rsplit('_').next().unwrap_or(stem);
    (digits.len() >= 3 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// The `pageId=` of a Confluence server address (`/pages/viewpage.action?pageId=123`).
fn page_id_parameter(address: &str) -> Option<&str> {
    let query = address.split_once("viewpage.action?")?.1;
    query
        .split(['&', '#'])
        .find_map(|p| p.strip_prefix("pageId="))
        .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages() -> Pages {
        let mut by_name = HashMap::new();
        for key in ["12345678.html", "12345678", "供应商管理_12345678.html"] {
            by_name.insert(key.to_string(), "供应商管理.md".to_string());
        }
        Pages { by_name }
    }

    #[test]
    fn each_kind_of_address_is_told() {
        let here = Path::new("/nonexistent-export");
        let p = pages();
        let page = Target::Page("供应商管理.md".into());
        assert_eq!(p.target("12345678.html", here), page);
        assert_eq!(p.target("12345678.html#风险", here), page);
        assert_eq!(
            p.target(
                "%E4%BE%9B%E5%BA%94%E5%95%86%E7%AE%A1%E7%90%86_12345678.html",
                here
            ),
            page
        );
        assert_eq!(
            p.target("/pages/viewpage.action?pageId=12345678", here),
            page
        );
        assert_eq!(p.target("99999.html", here), Target::Nowhere);
        assert_eq!(p.target("/display/PMO/x", here), Target::Nowhere);
        assert_eq!(p.target("javascript:alert(1)", here), Target::Nowhere);
        assert_eq!(p.target("../../etc/passwd", here), Target::Nowhere);
        assert_eq!(p.target("#top", here), Target::Anchor);
        assert_eq!(
            p.target("images/icons/emoticons/check.svg", here),
            Target::Icon
        );
        assert_eq!(
            p.target("https://example.com/a", here),
            Target::Web("https://example.com/a".into())
        );
    }
}
