//! Every kind of content page in one table. Code that treats kinds differently asks this
//! table (its folder, template, listing, feed membership, archetype) instead of matching
//! folder names, so adding a kind is an entry here plus its schema, template, i18n strings
//! and archetype (ARCHITECTURE.md, "Adding a kind"). Behaviour that cannot be data (how a
//! kind's front matter is parsed, what its page template is given) stays a `match` on
//! [`Kind`], which the compiler holds complete.

use crate::messages::Text;
use crate::t;

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

/// How the folder of a kind is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// A section page: its child sections and its pages' cards.
    Section,
    /// The lessons register: every lesson, newest first, paginated.
    Register,
    /// The projects table with each project's key figures.
    Projects,
    /// All entries, then one page per year.
    ByYear,
}

/// Where a page of the kind lives in its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// `<folder>/<slug>.md`, at any depth.
    File,
    /// `<folder>/<slug>/index.md`: a bundle whose other files (data tables, notes,
    /// attachments) belong to it.
    Bundle,
}

/// The folder of project bundles, which data tables and bundle files are read from.
pub const PROJECTS: &str = "projects";

/// The tables a project folder's files are read as, by name (`budget.csv`, `risks.xlsx`).
pub const PROJECT_TABLES: [&str; 3] = ["budget", "milestones", "risks"];

/// One row of the registry.
#[derive(Debug)]
pub struct KindSpec {
    pub kind: Kind,
    /// Its name in front matter schemas, archetypes, CSS classes and the `kind_<key>`
    /// i18n string.
    pub key: &'static str,
    /// What messages call it ("closure review" for `review`); a function because a
    /// `Text` is made at run time.
    pub name: fn() -> Text,
    /// The standard folder under `content/` whose pages are of this kind; its section
    /// is titled by the `nav_<folder>` i18n string.
    pub folder: Option<&'static str>,
    pub place: Place,
    /// The template of a page of this kind.
    pub template: &'static str,
    /// How its folder's section is listed.
    pub listing: Listing,
    /// Its pages go into the Atom feed of new records.
    pub in_feed: bool,
    /// Its place in lists that mix kinds ("linked from"): what a reader looks for first.
    pub rank: u8,
    /// `pmo new <key>` makes one from `archetypes/<key>.md`.
    pub creatable: bool,
}

/// The registry, standard folders in the order a PMO reads them (the order of the
/// sections in navigation), then the kinds without a folder of their own.
pub const KINDS: &[KindSpec] = &[
    KindSpec {
        kind: Kind::Practice,
        key: "practice",
        name: || t!("best practice"),
        folder: Some("practices"),
        place: Place::File,
        template: "practice.html",
        listing: Listing::Section,
        in_feed: false,
        rank: 0,
        creatable: true,
    },
    KindSpec {
        kind: Kind::Lesson,
        key: "lesson",
        name: || t!("lesson"),
        folder: Some("lessons"),
        place: Place::File,
        template: "lesson.html",
        listing: Listing::Register,
        in_feed: true,
        rank: 2,
        creatable: true,
    },
    KindSpec {
        kind: Kind::Project,
        key: "project",
        name: || t!("project"),
        folder: Some(PROJECTS),
        place: Place::Bundle,
        template: "project.html",
        listing: Listing::Projects,
        in_feed: false,
        rank: 1,
        creatable: true,
    },
    KindSpec {
        kind: Kind::Review,
        key: "review",
        name: || t!("closure review"),
        folder: Some("reviews"),
        place: Place::File,
        template: "review.html",
        listing: Listing::ByYear,
        in_feed: true,
        rank: 3,
        creatable: true,
    },
    KindSpec {
        kind: Kind::Report,
        key: "report",
        name: || t!("report"),
        folder: Some("reports"),
        place: Place::File,
        template: "page.html",
        listing: Listing::Section,
        in_feed: false,
        rank: 4,
        creatable: true,
    },
    KindSpec {
        kind: Kind::Home,
        key: "home",
        name: || t!("home page"),
        folder: None,
        place: Place::File,
        template: "home.html",
        listing: Listing::Section,
        in_feed: false,
        rank: 5,
        creatable: false,
    },
    KindSpec {
        kind: Kind::Section,
        key: "section",
        name: || t!("section"),
        folder: None,
        place: Place::File,
        template: "section.html",
        listing: Listing::Section,
        in_feed: false,
        rank: 5,
        creatable: false,
    },
    KindSpec {
        kind: Kind::Page,
        key: "page",
        name: || t!("page"),
        folder: None,
        place: Place::File,
        template: "page.html",
        listing: Listing::Section,
        in_feed: false,
        rank: 5,
        creatable: false,
    },
];

impl Kind {
    pub fn spec(self) -> &'static KindSpec {
        // Every variant has a row: `every_kind_has_one_row` holds it.
        KINDS
            .iter()
            .find(|s| s.kind == self)
            .unwrap_or(&KINDS[KINDS.len() - 1])
    }

    pub fn key(self) -> &'static str {
        self.spec().key
    }

    pub fn in_feed(self) -> bool {
        self.spec().in_feed
    }

    /// Home pages and section `_index.md` files introduce listings rather than being
    /// listed themselves.
    pub fn is_index(self) -> bool {
        matches!(self, Kind::Home | Kind::Section)
    }

    /// The kind whose standard folder is `folder` (a top-level folder of `content/`).
    pub fn of_folder(folder: &str) -> Option<Kind> {
        KINDS
            .iter()
            .find(|s| s.folder == Some(folder))
            .map(|s| s.kind)
    }

    /// The kind named `key` (`lesson`, `project` …).
    pub fn of_key(key: &str) -> Option<Kind> {
        KINDS.iter().find(|s| s.key == key).map(|s| s.kind)
    }

    /// Its standard folder; every kind `pmo new` makes has one.
    pub fn folder(self) -> Option<&'static str> {
        self.spec().folder
    }

    /// Where `pmo new` writes a page of this kind with this slug, under the site root.
    pub fn new_path(self, slug: &str) -> Option<String> {
        let spec = self.spec();
        let folder = spec.folder.filter(|_| spec.creatable)?;
        Some(match spec.place {
            Place::File => format!("content/{folder}/{slug}.md"),
            Place::Bundle => format!("content/{folder}/{slug}/index.md"),
        })
    }
}

/// The kinds `pmo new` can make, by key.
pub fn creatable() -> impl Iterator<Item = &'static str> {
    KINDS.iter().filter(|s| s.creatable).map(|s| s.key)
}

/// The standard folders, in reading order.
pub fn standard_folders() -> impl Iterator<Item = &'static str> {
    KINDS.iter().filter_map(|s| s.folder)
}

/// The kind of the page at `rel` (relative to `content/`, `/`-separated).
pub fn kind_of(rel: &str) -> Kind {
    let parts: Vec<&str> = rel.split('/').collect();
    let file = parts[parts.len() - 1];
    if rel == "_index.md" {
        return Kind::Home;
    }
    if file == "_index.md" {
        return Kind::Section;
    }
    match Kind::of_folder(parts[0]).map(|k| (k, k.spec().place)) {
        Some((kind, Place::File)) => kind,
        Some((kind, Place::Bundle)) if parts.len() == 3 && file == "index.md" => kind,
        _ => Kind::Page,
    }
}

/// The folder whose section lists the page in `dir`: its own folder, except that
/// everything inside a bundle (`projects/<slug>/…`) belongs to the bundle kind's folder.
pub fn section_dir(dir: &str) -> &str {
    let top = dir.split('/').next().unwrap_or("");
    match Kind::of_folder(top) {
        Some(kind) if kind.spec().place == Place::Bundle && dir.len() > top.len() => top,
        _ => dir,
    }
}

/// The folder whose section lists the page at `rel_path` (from `content/`): as
/// [`section_dir`], except that a page written as a folder's `index.md` with its images
/// beside it (Hugo's page bundle, `practices/stage-gates/index.md`) is listed in the
/// folder above, as a page of its own at the folder's address: taken for the folder's
/// list, it was refused as taking that list's address (the eighth walk-through).
pub fn page_section_dir(rel_path: &str) -> &str {
    let (dir, file) = rel_path.rsplit_once('/').unwrap_or(("", rel_path));
    let own = section_dir(dir);
    if file == "index.md" && own == dir && !dir.is_empty() {
        dir.rsplit_once('/').map_or("", |(up, _)| up)
    } else {
        own
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_bundle_is_listed_in_the_folder_above() {
        assert_eq!(
            page_section_dir("practices/stage-gates/index.md"),
            "practices"
        );
        assert_eq!(page_section_dir("stage-gates/index.md"), "");
        assert_eq!(page_section_dir("practices/a/_index.md"), "practices/a");
        assert_eq!(page_section_dir("practices/a/b.md"), "practices/a");
        assert_eq!(page_section_dir("projects/erp/index.md"), "projects");
        assert_eq!(page_section_dir("projects/erp/notes/index.md"), "projects");
        assert_eq!(page_section_dir("index.md"), "");
    }

    const ALL: [Kind; 8] = [
        Kind::Home,
        Kind::Section,
        Kind::Practice,
        Kind::Lesson,
        Kind::Project,
        Kind::Review,
        Kind::Report,
        Kind::Page,
    ];

    #[test]
    fn every_kind_has_one_row() {
        for kind in ALL {
            assert_eq!(
                KINDS.iter().filter(|s| s.kind == kind).count(),
                1,
                "{kind:?}"
            );
            assert_eq!(kind.spec().kind, kind);
            assert_eq!(Kind::of_key(kind.key()), Some(kind));
        }
        assert_eq!(KINDS.len(), ALL.len());
    }

    #[test]
    fn folders_and_keys_are_unique_and_creatable_kinds_have_a_folder() {
        let folders: Vec<_> = standard_folders().collect();
        let mut unique = folders.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), folders.len());
        for key in creatable() {
            let kind = Kind::of_key(key).unwrap();
            assert!(kind.new_path("x").is_some(), "{key}");
        }
    }

    #[test]
    fn kinds_follow_from_where_the_file_is() {
        let cases = [
            ("_index.md", Kind::Home),
            ("practices/_index.md", Kind::Section),
            ("practices/risk/register.md", Kind::Practice),
            ("lessons/a.md", Kind::Lesson),
            ("projects/erp/index.md", Kind::Project),
            ("projects/erp/notes.md", Kind::Page),
            ("projects/index.md", Kind::Page),
            ("reviews/x.md", Kind::Review),
            ("reports/m.md", Kind::Report),
            ("about.md", Kind::Page),
        ];
        for (rel, kind) in cases {
            assert_eq!(kind_of(rel), kind, "{rel}");
        }
    }

    #[test]
    fn bundle_files_belong_to_the_bundle_folder() {
        assert_eq!(section_dir("projects/erp"), "projects");
        assert_eq!(section_dir("projects/erp/notes"), "projects");
        assert_eq!(section_dir("projects"), "projects");
        assert_eq!(section_dir("practices/risk"), "practices/risk");
        assert_eq!(section_dir(""), "");
        assert_eq!(section_dir("projectsx/a"), "projectsx/a");
    }

    #[test]
    fn new_pages_go_where_their_kind_is_read_from() {
        for key in creatable() {
            let kind = Kind::of_key(key).unwrap();
            let path = kind.new_path("slug").unwrap();
            let rel = path.strip_prefix("content/").unwrap();
            assert_eq!(kind_of(rel), kind, "{path}");
        }
    }
}
