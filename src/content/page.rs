//! One Markdown file after loading: its metadata in plain types, its rendered body, and
//! where it came from (for diagnostics).

use std::path::PathBuf;

use crate::content::schema::{Date, LessonMeta, PracticeMeta, ProjectMeta, ReviewMeta};
use crate::markdown::Rendered;
use crate::source::Source;

use crate::kinds::Kind;

/// A lesson's front matter exactly as parsed (read its fields through `Deref`), and where
/// its `project` value sits in the file, for "no such project" errors. The typed front
/// matter is kept whole, not copied field by field, so a new field in [`LessonMeta`] is
/// at once on the page (and in templates as `page.meta`).
#[derive(Debug, Clone, PartialEq)]
pub struct LessonInfo {
    pub meta: LessonMeta,
    /// Byte offset of the `project` value in the file.
    pub project_at: usize,
}

/// A project's front matter as parsed, and its bundle folder name: what lessons and
/// reviews name in `project:`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectInfo {
    pub meta: ProjectMeta,
    pub slug: String,
}

/// A review's front matter as parsed, and where its `project` value sits in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewInfo {
    pub meta: ReviewMeta,
    pub project_at: usize,
}

macro_rules! reads_as_its_front_matter {
    ($info:ty, $meta:ty) => {
        impl std::ops::Deref for $info {
            type Target = $meta;
            fn deref(&self) -> &$meta {
                &self.meta
            }
        }

        /// Templates see the front matter as written, nothing else.
        impl serde::Serialize for $info {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.meta.serialize(s)
            }
        }
    };
}
reads_as_its_front_matter!(LessonInfo, LessonMeta);
reads_as_its_front_matter!(ProjectInfo, ProjectMeta);
reads_as_its_front_matter!(ReviewInfo, ReviewMeta);

#[cfg(test)]
impl ProjectInfo {
    /// An active project `p` with a BAC of 1,000 and nothing else, for unit tests.
    pub fn for_tests() -> ProjectInfo {
        let meta = "title = \"p\"\nbac = 1000.0\nstatus = \"active\"\n";
        ProjectInfo {
            // A literal that the schema accepts: the test fails loudly if it changes.
            meta: toml::from_str(meta).unwrap(),
            slug: "p".into(),
        }
    }
}

/// The fields only some kinds have: each kind's front matter as parsed. Templates see it
/// as `page.meta`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Extra {
    None,
    Practice(Box<PracticeMeta>),
    // Boxed, each kind's fields: a page is as large as its largest kind, and at
    // 100,000 pages the lessons' and reviews' fields inline made every page 824 bytes.
    Lesson(Box<LessonInfo>),
    Project(Box<ProjectInfo>),
    Review(Box<ReviewInfo>),
}

#[derive(Debug, Clone)]
pub struct Page {
    pub kind: Kind,
    /// Path under `content/` with `/` separators, e.g. `lessons/vendor-delay.md`.
    pub rel_path: String,
    /// Path as shown to the user, e.g. `content/lessons/vendor-delay.md`.
    pub path: PathBuf,
    /// The file's text, for diagnostics after loading: see [`Source`].
    pub source: Source,
    /// Site-root-relative URL without a leading slash, e.g. `lessons/vendor-delay/`.
    pub url: String,
    pub title: String,
    pub date: Option<Date>,
    /// The day the page's blocks are as of (`as_of:` on a report, another page or a
    /// review), when pinned; else the site's day.
    pub as_of: Option<Date>,
    pub tags: Vec<String>,
    pub category: Option<String>,
    /// The front matter's summary, or the start of the first paragraph.
    pub summary: String,
    /// The summary was written in the front matter (so it is not a copy of the text
    /// and may be shown above it).
    pub explicit_summary: bool,
    /// The language the title and text are written in, when plainly one (see
    /// [`crate::content::language`]): the theme marks them where it differs from the
    /// site's.
    pub written_in: Option<crate::config::Language>,
    pub owner: Option<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    /// The audience the front matter names (checked against site.toml later), and the
    /// byte offset of the name for errors.
    pub audience: Option<(String, usize)>,
    /// The audience this page is kept for when above the lowest, set by the audience
    /// view: the theme marks such a page, so a reader of a higher audience's site sees
    /// it is not to be passed on (as a wiki marks a restricted page).
    pub restricted: Option<String>,
    /// The page's old addresses (`aliases:`), each answered with a redirect to it.
    pub aliases: Vec<crate::content::aliases::Alias>,
    pub extra: Extra,
    pub body: Rendered,
    /// The parsed ```chart and ```table blocks, in the order of `body.blocks`.
    pub blocks: Vec<crate::blocks::BlockSpec>,
}

impl Page {
    pub fn lesson(&self) -> Option<&LessonInfo> {
        match &self.extra {
            Extra::Lesson(l) => Some(l.as_ref()),
            _ => None,
        }
    }

    pub fn practice(&self) -> Option<&PracticeMeta> {
        match &self.extra {
            Extra::Practice(p) => Some(p),
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
            Extra::Review(r) => Some(r.as_ref()),
            _ => None,
        }
    }

    /// The project a lesson or review belongs to (its `project:` field).
    pub fn project_slug(&self) -> Option<&str> {
        match &self.extra {
            Extra::Lesson(l) => Some(&l.project),
            Extra::Review(r) => Some(&r.project),
            Extra::Project(p) => Some(&p.slug),
            Extra::Practice(_) | Extra::None => None,
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
