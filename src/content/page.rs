//! One Markdown file after loading: its metadata in plain types, its rendered body, and
//! where it came from (for diagnostics).

use std::path::PathBuf;
use std::sync::Arc;

use crate::content::schema::{
    Basis, Date, Impact, LessonStatus, Phase, ProjectStatus, Rag, ReviewType, Severity,
};
use crate::markdown::Rendered;

/// What a page is, decided by where it lives under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `content/_index.md`.
    Home,
    /// A folder's `_index.md`.
    Section,
    Practice,
    Lesson,
    Project,
    Review,
    Report,
    Page,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::Section => "section",
            Kind::Practice => "practice",
            Kind::Lesson => "lesson",
            Kind::Project => "project",
            Kind::Review => "review",
            Kind::Report => "report",
            Kind::Page => "page",
        }
    }

    /// Lessons and reviews are the dated records that go into the feed.
    pub fn in_feed(self) -> bool {
        matches!(self, Kind::Lesson | Kind::Review)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LessonInfo {
    pub project: String,
    /// Byte offset of the `project` value in the file, for "no such project" errors.
    pub project_at: usize,
    pub phase: Phase,
    pub impact: Impact,
    pub id: Option<String>,
    pub severity: Option<Severity>,
    pub status: Option<LessonStatus>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProjectInfo {
    /// The bundle folder name: what lessons and reviews name in `project:`.
    pub slug: String,
    pub code: Option<String>,
    pub sponsor: Option<String>,
    pub manager: Option<String>,
    pub department: Option<String>,
    pub start: Option<Date>,
    pub finish: Option<Date>,
    pub bac: Option<f64>,
    pub currency: Option<String>,
    /// The basis the front matter declares; `None` follows site.toml.
    pub basis: Option<Basis>,
    pub status: ProjectStatus,
    /// A status set by hand; the computed one is still shown beside it.
    pub rag: Option<Rag>,
    /// Why it was set by hand (required with `rag`).
    pub rag_reason: Option<String>,
    pub phase: Option<Phase>,
}

#[cfg(test)]
impl ProjectInfo {
    /// An active project `p` with a BAC of 1,000 and nothing else, for unit tests.
    pub fn for_tests() -> ProjectInfo {
        ProjectInfo {
            slug: "p".into(),
            code: None,
            sponsor: None,
            manager: None,
            department: None,
            start: None,
            finish: None,
            bac: Some(1000.0),
            currency: None,
            basis: None,
            status: ProjectStatus::Active,
            rag: None,
            rag_reason: None,
            phase: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewInfo {
    pub project: String,
    pub project_at: usize,
    pub review_type: ReviewType,
}

/// The fields only some kinds have.
#[derive(Debug, Clone, PartialEq)]
pub enum Extra {
    None,
    Lesson(LessonInfo),
    Project(Box<ProjectInfo>),
    Review(ReviewInfo),
}

#[derive(Debug, Clone)]
pub struct Page {
    pub kind: Kind,
    /// Path under `content/` with `/` separators, e.g. `lessons/vendor-delay.md`.
    pub rel_path: String,
    /// Path as shown to the user, e.g. `content/lessons/vendor-delay.md`.
    pub path: PathBuf,
    pub source: Arc<str>,
    /// Site-root-relative URL without a leading slash, e.g. `lessons/vendor-delay/`.
    pub url: String,
    pub title: String,
    pub date: Option<Date>,
    pub tags: Vec<String>,
    pub category: Option<String>,
    /// The front matter's summary, or the start of the first paragraph.
    pub summary: String,
    /// The summary was written in the front matter (so it is not a copy of the text
    /// and may be shown above it).
    pub explicit_summary: bool,
    pub owner: Option<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    /// The audience the front matter names (checked against site.toml later), and the
    /// byte offset of the name for errors.
    pub audience: Option<(String, usize)>,
    pub extra: Extra,
    pub body: Rendered,
    /// The parsed ```chart and ```table blocks, in the order of `body.blocks`.
    pub blocks: Vec<crate::blocks::BlockSpec>,
}

impl Page {
    pub fn lesson(&self) -> Option<&LessonInfo> {
        match &self.extra {
            Extra::Lesson(l) => Some(l),
            _ => None,
        }
    }

    pub fn project(&self) -> Option<&ProjectInfo> {
        match &self.extra {
            Extra::Project(p) => Some(p),
            _ => None,
        }
    }

    pub fn review(&self) -> Option<&ReviewInfo> {
        match &self.extra {
            Extra::Review(r) => Some(r),
            _ => None,
        }
    }

    /// The project a lesson or review belongs to (its `project:` field).
    pub fn project_slug(&self) -> Option<&str> {
        match &self.extra {
            Extra::Lesson(l) => Some(&l.project),
            Extra::Review(r) => Some(&r.project),
            Extra::Project(p) => Some(&p.slug),
            Extra::None => None,
        }
    }

    /// The folder the source file is in, relative to `content/` (`` for the top).
    pub fn dir(&self) -> &str {
        self.rel_path.rsplit_once('/').map_or("", |(d, _)| d)
    }

    /// Newest first, then by title: the order of every dated list.
    pub fn cmp_newest(&self, other: &Page) -> std::cmp::Ordering {
        other
            .date
            .cmp(&self.date)
            .then_with(|| self.title.cmp(&other.title))
            .then_with(|| self.rel_path.cmp(&other.rel_path))
    }

    /// By weight (unweighted last), then title: the order of practices in a section.
    pub fn cmp_weight(&self, other: &Page) -> std::cmp::Ordering {
        let w = |p: &Page| p.weight.unwrap_or(i64::MAX);
        w(self)
            .cmp(&w(other))
            .then_with(|| self.title.cmp(&other.title))
            .then_with(|| self.rel_path.cmp(&other.rel_path))
    }
}
