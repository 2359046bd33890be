//! The `hygiene/` page: the hygiene findings of the site (see [`crate::hygiene`]) by
//! check, and again by owner, so that each person finds what they owe under their name.

use serde::Serialize;

use crate::hygiene::{self, Check, Finding};
use crate::render::Renderer;
use crate::slugs::{slugify, Unique};

/// Rows shown per check: the oldest first, the rest counted. The page stays a summary
/// of bounded size however large the site (`pmo report hygiene` lists every finding).
pub const ROWS_PER_CHECK: usize = 100;
/// Findings shown under each owner's name, the oldest first, the rest counted.
pub const ROWS_PER_OWNER: usize = 10;

#[derive(Serialize)]
pub struct Hygiene {
    pub total: usize,
    pub checks: Vec<CheckGroup>,
    pub owners: Vec<OwnerGroup>,
}

/// One check's findings (empty groups are kept: "0" says the check ran).
#[derive(Serialize)]
pub struct CheckGroup {
    /// The check's name (`overdue-actions`); its label is `t.hygiene_<key with _>`.
    pub key: &'static str,
    pub count: usize,
    pub findings: Vec<Row>,
    /// Findings of the check not shown (past [`ROWS_PER_CHECK`]).
    pub more: usize,
}

#[derive(Serialize)]
pub struct OwnerGroup {
    /// Empty for findings nobody owns.
    pub name: String,
    /// The group's fragment id (`owner-周静怡`), to link to one person's list.
    pub anchor: String,
    pub count: usize,
    pub findings: Vec<Row>,
    /// Findings of the owner not shown (past [`ROWS_PER_OWNER`]).
    pub more: usize,
}

#[derive(Serialize)]
pub struct Row {
    pub check: &'static str,
    pub title: String,
    /// The page's URL; empty for a draft, which is not published.
    pub url: String,
    pub file: String,
    pub owner: String,
    pub since: String,
    pub since_display: String,
    pub days: i64,
    pub note: String,
}

fn row(r: &Renderer, f: &Finding) -> Row {
    Row {
        check: f.check.key(),
        title: f.title.clone(),
        url: f.url.clone().unwrap_or_default(),
        file: f.file.clone(),
        owner: f.owner.clone().unwrap_or_default(),
        since: f.since.map(|d| d.iso()).unwrap_or_default(),
        since_display: f.since.map(|d| r.i18n.date(&d)).unwrap_or_default(),
        days: f.days.unwrap_or(0),
        note: f.note.clone().unwrap_or_default(),
    }
}

pub fn context(r: &Renderer) -> Hygiene {
    let site = r.site;
    let findings = hygiene::findings(site, site.config.as_of());
    let checks = Check::ALL
        .iter()
        .map(|&check| {
            let of_check: Vec<&Finding> = findings.iter().filter(|f| f.check == check).collect();
            let rows: Vec<Row> = of_check
                .iter()
                .take(ROWS_PER_CHECK)
                .map(|f| row(r, f))
                .collect();
            CheckGroup {
                key: check.key(),
                count: of_check.len(),
                more: of_check.len() - rows.len(),
                findings: rows,
            }
        })
        .collect();
    let mut anchors = Unique::default();
    let owners = hygiene::by_owner(&findings)
        .into_iter()
        .map(|(name, list)| OwnerGroup {
            name: name.unwrap_or_default().to_string(),
            anchor: anchors.claim(format!(
                "owner-{}",
                slugify(name.unwrap_or("none"), "owner")
            )),
            count: list.len(),
            more: list.len().saturating_sub(ROWS_PER_OWNER),
            findings: list
                .into_iter()
                .take(ROWS_PER_OWNER)
                .map(|f| row(r, f))
                .collect(),
        })
        .collect();
    Hygiene {
        total: findings.len(),
        checks,
        owners,
    }
}
