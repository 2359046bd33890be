//! What the import needs to know of the site: its projects (a lesson names one) and the
//! ids of the lessons already there (which are never imported again).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::import::headers::normalize;
use crate::messages::Text;
use crate::suggest::did_you_mean;
use crate::t;

/// The few front matter fields read here, leniently: a page with other problems still
/// names its project or holds its id (the build reports the rest).
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
struct Names {
    title: Option<String>,
    code: Option<String>,
    id: Option<String>,
    draft: Option<bool>,
    bac: Option<Amount>,
    currency: Option<String>,
}

/// A `bac` as front matter may hold it: a number, or text such as `3,600,000`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
enum Amount {
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone)]
struct Project {
    slug: String,
    title: String,
    code: Option<String>,
    /// `draft: true`: lessons naming it stop the build until it is published.
    draft: bool,
    /// Its budget and that budget's currency as written (none: the site's), against
    /// which an import's budgets are weighed.
    bac: Option<(f64, Option<String>)>,
}

#[derive(Debug, Default)]
pub struct Site {
    projects: Vec<Project>,
    /// Lowercased ids of the lessons in `content/lessons/`, with their files.
    pub lesson_ids: HashMap<String, PathBuf>,
}

impl Site {
    pub fn load(root: &Path) -> Site {
        let mut site = Site::default();
        let projects = root.join("content/projects");
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&projects)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        dirs.sort();
        for dir in dirs {
            let index = dir.join("index.md");
            if !index.is_file() {
                continue;
            }
            let slug = dir
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            let names = names(&index).unwrap_or_default();
            site.projects.push(Project {
                title: names.title.unwrap_or_else(|| slug.clone()),
                code: names.code,
                draft: names.draft.unwrap_or(false),
                bac: names.bac.and_then(|bac| {
                    let bac = match bac {
                        Amount::Number(n) => n,
                        Amount::Text(t) => crate::numbers::parse_number(&t)?,
                    };
                    Some((
                        bac,
                        names.currency.map(|c| crate::numbers::currency_code(&c)),
                    ))
                }),
                slug,
            });
        }
        let lessons = root.join("content/lessons");
        for entry in walkdir::WalkDir::new(&lessons)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "md") || path.ends_with("_index.md") {
                continue;
            }
            if let Some(id) = names(path).and_then(|n| n.id) {
                let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                site.lesson_ids
                    .entry(id.trim().to_lowercase())
                    .or_insert(rel);
            }
        }
        site
    }

    /// The folder name of the project `value` names, by folder name, title or code
    /// (case, width and punctuation aside); else the help for the error.
    pub fn project(&self, value: &str) -> Result<String, Text> {
        let key = normalize(value);
        let by_folder = self
            .projects
            .iter()
            .find(|p| p.slug == value.trim() || normalize(&p.slug) == key);
        if let Some(project) = by_folder {
            return Ok(project.slug.clone());
        }
        // A title or code two projects share names neither: filing the row under the
        // first met would be a guess shown as a fact.
        let found: Vec<&str> = self
            .projects
            .iter()
            .filter(|p| {
                normalize(&p.title) == key || p.code.as_deref().is_some_and(|c| normalize(c) == key)
            })
            .map(|p| p.slug.as_str())
            .collect();
        match found.as_slice() {
            [one] => return Ok(one.to_string()),
            [_, ..] => return Err(crate::site::shared_name(value, &found)),
            [] => {}
        }
        if self.projects.is_empty() {
            return Err(t!(
                "the site has no projects yet: create the project first (`pmo new project NAME`), then import again"
            ));
        }
        let mut names: Vec<(&str, &Project)> = Vec::new();
        for p in &self.projects {
            names.push((p.slug.as_str(), p));
            names.push((p.title.as_str(), p));
            if let Some(code) = &p.code {
                names.push((code.as_str(), p));
            }
        }
        let words: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
        let close = did_you_mean(value.trim(), &words)
            .and_then(|w| names.iter().find(|(n, _)| *n == w))
            .map(|(_, p)| *p)
            // A short name inside the full title (`CRM` in `CRM 系统推广`) or the reverse.
            .or_else(|| {
                self.projects.iter().find(|p| {
                    let title = normalize(&p.title);
                    !key.is_empty() && (title.contains(&key) || key.contains(&title))
                })
            });
        match close {
            Some(p) => Err(t!(
                "did you mean `{slug}` ({title})? Write a project's folder name, title or code; a new project must be created first",
                slug = &p.slug,
                title = &p.title
            )),
            None => Err(t!(
                "write a project's folder name, title or code ({projects}); a new project must be created first",
                projects = self
                    .projects
                    .iter()
                    .map(|p| p.slug.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

impl Site {
    /// The folder of a project whose code is `code` (case, width and punctuation aside):
    /// a row of a project list naming it is already in the site.
    pub fn with_code(&self, code: &str) -> Option<&str> {
        let key = normalize(code);
        self.projects
            .iter()
            .find(|p| !key.is_empty() && p.code.as_deref().is_some_and(|c| normalize(c) == key))
            .map(|p| p.slug.as_str())
    }

    /// The folder of a project titled `title` (as [`Site::with_code`] compares).
    pub fn titled(&self, title: &str) -> Option<&str> {
        let key = normalize(title);
        self.projects
            .iter()
            .find(|p| !key.is_empty() && normalize(&p.title) == key)
            .map(|p| p.slug.as_str())
    }

    /// A warning at the `draft: true` line of project `slug`, when it is a draft, for the
    /// `count` lessons just imported for it: they were written, and the build then
    /// stopped at each of them (the project is left out), though the import had said
    /// "0 rows with errors" (the fifth new-user walk-through).
    pub fn draft_project(&self, root: &Path, slug: &str, count: usize) -> Option<Diagnostic> {
        self.projects.iter().find(|p| p.slug == slug && p.draft)?;
        let rel = PathBuf::from(format!("content/projects/{slug}/index.md"));
        let text: Arc<str> = Arc::from(std::fs::read_to_string(root.join(&rel)).ok()?);
        let offset = text
            .lines()
            .scan(0, |start, line| {
                let here = *start;
                *start += line.len() + 1;
                Some((here, line))
            })
            .find(|(_, line)| line.starts_with("draft"))
            .map_or(0, |(here, _)| here);
        let len = text[offset..]
            .find(['\r', '\n'])
            .unwrap_or(text.len() - offset);
        Some(
            Diagnostic::warning(Problem::Content(t!(
                "project `{slug}` is a draft: the {count} lesson(s) imported for it stop `pmo build` until it is published",
                slug = slug,
                count = count
            )))
            .at(Location::new(&rel, &text, offset, len))
            .with_help(t!(
                "fill in the project's page, then delete its `draft: true` line (or write `draft: false`); `pmo build --drafts` shows them meanwhile"
            )),
        )
    }
}

fn names(path: &Path) -> Option<Names> {
    let text: Arc<str> = Arc::from(std::fs::read_to_string(path).ok()?);
    let split = crate::content::front_matter::split(path, &text).ok()?;
    crate::content::front_matter::parse::<Names>(path, &text, &split, "page").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site {
            projects: vec![
                Project {
                    slug: "crm-rollout".into(),
                    title: "CRM 系统推广（亚太销售）".into(),
                    code: Some("PRJ-2024-011".into()),
                    draft: false,
                    bac: None,
                },
                Project {
                    slug: "erp-upgrade".into(),
                    title: "ERP 升级".into(),
                    code: None,
                    draft: false,
                    bac: None,
                },
            ],
            lesson_ids: HashMap::new(),
        }
    }

    #[test]
    fn projects_are_found_by_folder_title_or_code() {
        let s = site();
        assert_eq!(s.project("crm-rollout").unwrap(), "crm-rollout");
        assert_eq!(s.project("CRM 系统推广(亚太销售)").unwrap(), "crm-rollout");
        assert_eq!(s.project("prj-2024-011").unwrap(), "crm-rollout");
        assert_eq!(s.project("ERP升级").unwrap(), "erp-upgrade");
        let help = s.project("crm-rolout").unwrap_err().to_string();
        assert!(help.contains("did you mean `crm-rollout`"), "{help}");
        let help = s.project("CRM").unwrap_err().to_string();
        assert!(help.contains("did you mean `crm-rollout`"), "{help}");
        let help = s.project("新项目").unwrap_err().to_string();
        assert!(help.contains("crm-rollout, erp-upgrade"), "{help}");
    }

    #[test]
    fn a_title_or_code_two_projects_share_is_refused_naming_both() {
        let mut s = site();
        s.projects[1].code = Some("prj-2024-011".into());
        s.projects.push(Project {
            slug: "erp-upgrade-2".into(),
            title: "ERP 升级".into(),
            code: None,
            draft: false,
            bac: None,
        });
        for shared in ["PRJ-2024-011", "ERP 升级"] {
            let help = s.project(shared).unwrap_err().to_string();
            assert!(help.contains("is the title or code of"), "{help}");
        }
        let help = s.project("PRJ-2024-011").unwrap_err().to_string();
        assert!(
            help.contains("`crm-rollout`") && help.contains("`erp-upgrade`"),
            "{help}"
        );
        // A folder name is one project whatever the titles.
        assert_eq!(s.project("erp-upgrade").unwrap(), "erp-upgrade");
    }
}

/// A project a milestones or risks row may name: in the site, or just imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    pub folder: String,
    pub title: String,
    pub code: Option<String>,
}

impl Site {
    /// The budgets of the site's projects in `currency` (`usual`: the site's, which a
    /// project naming none is in).
    pub fn budgets(&self, currency: &str, usual: &str) -> Vec<f64> {
        self.projects
            .iter()
            .filter_map(|p| p.bac.as_ref())
            .filter(|(_, own)| own.as_deref().unwrap_or(usual) == currency)
            .map(|(bac, _)| *bac)
            .collect()
    }

    /// The site's projects, as milestones and risks rows name them.
    pub fn known(&self) -> Vec<Known> {
        self.projects
            .iter()
            .map(|p| Known {
                folder: p.slug.clone(),
                title: p.title.clone(),
                code: p.code.clone(),
            })
            .collect()
    }
}
