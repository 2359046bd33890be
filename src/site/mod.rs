//! The link stage: from loaded pages to the immutable [`Site`] graph.
//!
//! All relations are computed once here — sections and their order, project ↔ lesson ↔
//! review, taxonomies, resolved links and backlinks — so rendering only reads them. Pages
//! are referred to by index ([`PageId`]); nothing is copied per page.

mod aliases;
mod embeds;
mod links;
mod menu;
mod patch;
mod sections;
mod shared_names;
mod taxonomy;

use crate::ids::Id;
use crate::t;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use embeds::{body as embedded_body, embedders, Embedded};
pub use links::{linked_body, retitles_a_target, LinkIndex, Resolved};
pub use menu::MenuLink;
pub use patch::{same_lists, same_place};
pub use sections::{Section, SectionId};
pub use taxonomy::{Named, Taxonomy, TermId};

use crate::config::Config;
use crate::content::load::Loaded;
use crate::content::page::Page;
use crate::content::schema::{ProjectStatus, ReviewType};
use crate::data::{Data, ProjectData, Table};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Problem};
use crate::kinds::Kind;
use crate::suggest::did_you_mean;

pub use crate::ids::{IdVec, PageId};

/// Every page of the site, by id.
pub type Pages = IdVec<PageId, Page>;

/// What belongs to one project, gathered from every lesson and review that names it.
#[derive(Debug, Default, Clone)]
pub struct ProjectLinks {
    pub lessons: Vec<PageId>,
    pub reviews: Vec<PageId>,
    /// Other pages (reports, practices) tagged with the project's slug.
    pub related: Vec<PageId>,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Sorted by source path, so every list built from it is deterministic.
    pub pages: IdVec<PageId, Page>,
    pub sections: IdVec<SectionId, Section>,
    /// The section each page belongs to (its folder's, or the nearest one above).
    pub page_section: IdVec<PageId, SectionId>,
    /// Per page, per entry of its `body.links`: the resolved target, `None` if broken.
    pub links: IdVec<PageId, Vec<Option<Resolved>>>,
    pub backlinks: IdVec<PageId, Vec<PageId>>,
    pub taxonomies: Vec<Taxonomy>,
    /// Project slug → the project's page.
    pub projects: BTreeMap<String, PageId>,
    pub project_links: HashMap<PageId, ProjectLinks>,
    pub project_data: BTreeMap<String, ProjectData>,
    /// Every data table by name (`departments`, `projects/erp/budget` …).
    pub tables: BTreeMap<String, Table>,
    /// Files under `content/` copied as they are (relative paths).
    pub assets: Vec<String>,
    /// Output path → source file, for `static/` of the theme and of the site.
    pub static_files: BTreeMap<String, crate::theme::Source>,
    pub link_index: LinkIndex,
    /// Whether this build's reader may see amounts (site.toml `[restrict] money`): where
    /// not, the theme leaves out the places that would only say "none".
    pub money_shown: bool,
    /// Drafts left out of the build, for the hygiene checks.
    pub drafts: Vec<crate::content::load::Draft>,
    /// Projects whose closure review only a higher audience sees (see
    /// `Loaded::reviewed_out_of_sight`).
    pub reviewed_out_of_sight: BTreeSet<String>,
    /// What this audience may not see (see `Loaded::out_of_sight`).
    pub out_of_sight: std::collections::HashSet<String>,
    /// The header menu's own links of site.toml, in order.
    pub menu: Vec<MenuLink>,
    /// Pages of each kind, newest first: every page of the lessons register lists a slice
    /// of it, so it is sorted once.
    newest: BTreeMap<Kind, Vec<PageId>>,
}

impl Site {
    /// Drops every page's plain text, kept for related lessons and the search index: a
    /// one-shot build renders the pages from their HTML alone.
    pub fn release_text(&mut self) {
        for page in &mut self.pages {
            page.body.text = Default::default();
            page.body.aside = String::new();
        }
    }

    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id]
    }

    /// The closure reviews of project page `project`, newest first: a phase-gate review
    /// is no closure (a Gate 3 review listed as an active project's closure review, and
    /// counted as the year a project closed).
    pub fn closure_reviews(&self, project: PageId) -> impl Iterator<Item = PageId> + '_ {
        self.project_links
            .get(&project)
            .into_iter()
            .flat_map(|l| l.reviews.iter().copied())
            .filter(|&r| {
                self.page(r)
                    .review()
                    .is_some_and(|v| v.review_type == ReviewType::Closure)
            })
    }

    /// The page whose source is `rel_path` (relative to `content/`): pages are sorted by
    /// it, so this is a binary search.
    pub fn page_at(&self, rel_path: &str) -> Option<PageId> {
        self.pages
            .as_slice()
            .binary_search_by(|p| p.rel_path.as_str().cmp(rel_path))
            .ok()
            .map(PageId::new)
    }

    pub fn project_of(&self, page: &Page) -> Option<PageId> {
        match page.kind {
            Kind::Lesson | Kind::Review => self.projects.get(page.project_slug()?).copied(),
            _ => None,
        }
    }

    pub fn section(&self, id: SectionId) -> &Section {
        &self.sections[id]
    }

    /// The section whose folder is `dir` (relative to `content/`), if any.
    pub fn section_at(&self, dir: &str) -> Option<SectionId> {
        self.sections.position(|s| s.dir == dir)
    }

    pub fn taxonomy(&self, named: Named) -> &Taxonomy {
        &self.taxonomies[named as usize]
    }

    /// `page`'s category as its term is named (as first written): `PMO` and `pmo` are one
    /// category with one page, so the dashboard's bars and the register's filter count
    /// them as one.
    pub fn category_of<'a>(&'a self, page: &'a Page) -> Option<&'a str> {
        let category = page.category.as_deref()?;
        Some(
            self.taxonomy(Named::Categories)
                .find(category)
                .map_or(category, |t| t.name.as_str()),
        )
    }

    /// Every taxonomy with its name.
    pub fn named_taxonomies(&self) -> impl Iterator<Item = (Named, &Taxonomy)> {
        Named::ALL
            .into_iter()
            .map(|named| (named, self.taxonomy(named)))
    }

    /// The section of `kind`'s standard folder, when the site has one.
    pub fn section_of_kind(&self, kind: Kind) -> Option<SectionId> {
        self.section_at(kind.folder()?)
    }

    /// Pages of `kind`, newest first.
    pub fn newest(&self, kind: Kind) -> &[PageId] {
        self.newest.get(&kind).map_or(&[], Vec::as_slice)
    }
}

/// Builds the site graph. Broken links, unknown projects and URL clashes are reported
/// to `diagnostics`; the graph is still built so every problem is found in one run.
pub fn link(
    config: Config,
    loaded: Loaded,
    data: Data,
    static_files: BTreeMap<String, crate::theme::Source>,
    diagnostics: &Diagnostics,
) -> Site {
    let mut pages = loaded.pages;
    pages.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    let pages: Pages = IdVec::from_raw(pages);
    check_url_clashes(&pages, config.search, diagnostics);
    if !config.trust_html {
        note_dropped_html(&pages, diagnostics);
    }

    let projects: BTreeMap<String, PageId> = pages
        .iter_enumerated()
        .filter_map(|(i, p)| Some((p.project()?.slug.clone(), i)))
        .collect();
    diagnostics.extend(shared_names::check(&pages, &projects));
    let reviewed_out_of_sight: BTreeSet<String> =
        loaded.reviewed_out_of_sight.into_iter().collect();
    let project_links = relate_projects(
        &pages,
        &projects,
        (&loaded.failed, &loaded.drafts, &reviewed_out_of_sight),
        diagnostics,
    );

    let (sections, page_section) = sections::build(&pages);
    diagnostics.extend(sections::clashes(&sections, &pages));
    diagnostics.extend(aliases::clashes(
        &pages,
        &sections,
        &static_files,
        &loaded.assets,
    ));
    diagnostics.extend(aliases::with_base_path(&pages, &config.base_path()));
    let taxonomies = taxonomy::build(&pages);
    let mut project_data = data.projects;
    let as_of = config.as_of();
    for data in project_data.values_mut() {
        data.as_of = Some(as_of);
    }
    let mut site = Site {
        config,
        pages,
        sections,
        page_section,
        links: IdVec::new(),
        backlinks: IdVec::new(),
        taxonomies,
        projects,
        project_links,
        project_data,
        tables: data.tables,
        assets: loaded.assets,
        static_files,
        link_index: LinkIndex::default(),
        money_shown: true,
        drafts: loaded.drafts,
        reviewed_out_of_sight,
        out_of_sight: loaded.out_of_sight.into_iter().collect(),
        menu: Vec::new(),
        newest: BTreeMap::new(),
    };
    site.link_index = LinkIndex::of(&site);
    site.link_index.failed = loaded.failed.into_iter().collect();
    site.link_index.folders = loaded.folders.into_iter().collect();
    site.newest = newest_by_kind(&site.pages);
    let (resolved, problems) = links::resolve_all(&site);
    diagnostics.extend(problems);
    site.backlinks = links::backlinks(&resolved);
    site.links = resolved;
    site.menu = menu::resolve(&site, diagnostics);
    site
}

/// The help for a title or code that several projects have (`folders`): each is named,
/// none chosen.
/// The projects whose code or title `name` is a slip of (`PRJ-2024-02` for
/// `PRJ-2024-002`): a list of folder names said nothing of codes, so the author could not
/// tell which was meant. Several as close as each other are all named, none picked.
fn near_misses(
    name: &str,
    projects: &BTreeMap<String, PageId>,
    pages: &Pages,
) -> Option<crate::messages::Text> {
    // (a code or title, its folder, the code, the title)
    let mut names: Vec<(&str, &str, Option<&str>, &str)> = Vec::new();
    for (folder, &p) in projects {
        let Some(info) = pages[p].project() else {
            continue;
        };
        let title = pages[p].title.as_str();
        let code = info.code.as_deref();
        names.extend(code.map(|c| (c, folder.as_str(), code, title)));
        names.push((title, folder, code, title));
    }
    let known: Vec<&str> = names.iter().map(|(n, ..)| *n).collect();
    let mut meant: Vec<(&str, Option<&str>, &str)> = Vec::new();
    for near in crate::suggest::equally_close(name.trim(), &known) {
        for &(_, folder, code, title) in names.iter().filter(|(n, ..)| *n == near) {
            if !meant.iter().any(|(f, ..)| *f == folder) {
                meant.push((folder, code, title));
            }
        }
    }
    let what = |code: Option<&str>, title: &str| match code {
        Some(code) => t!("code {code}, {title}", code = code, title = title),
        None => t!("title {title}", title = title),
    };
    match meant.as_slice() {
        [] => None,
        [(folder, code, title)] => Some(t!(
            "`{name}` is no project's folder or code: did you mean `{folder}` ({what})? write `project: {folder}` (a project is named by its folder under content/projects/)",
            name = name.trim(),
            folder = *folder,
            what = what(*code, title)
        )),
        several => Some(t!(
            "`{name}` is closest to more than one project: {projects}; write `project:` with the folder of the one meant",
            name = name.trim(),
            // Codes and titles only, the authors' own words: no translation needed.
            projects = several
                .iter()
                .map(|(folder, code, title)| match code {
                    Some(code) => format!("`{folder}` ({code}, {title})"),
                    None => format!("`{folder}` ({title})"),
                })
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

pub fn shared_name(name: &str, folders: &[&str]) -> crate::messages::Text {
    t!(
        "`{name}` is the title or code of more than one project ({projects}): write the folder name of the one meant (a project is named by its folder under content/projects/)",
        name = name.trim(),
        projects = folders
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn newest_by_kind(pages: &Pages) -> BTreeMap<Kind, Vec<PageId>> {
    let mut by_kind: BTreeMap<Kind, Vec<PageId>> = BTreeMap::new();
    for (id, page) in pages.iter_enumerated() {
        by_kind.entry(page.kind).or_default().push(id);
    }
    for ids in by_kind.values_mut() {
        ids.sort_by(|&a, &b| pages[a].cmp_newest(&pages[b]));
    }
    by_kind
}

/// Raw `<style>`, `<script>` … elements vanish with their content when the page is
/// sanitized: the author hears about it rather than finding text or styling gone.
fn note_dropped_html(pages: &Pages, diagnostics: &Diagnostics) {
    // A page's text is read again (from disk, in a one-shot build) only for a page
    // with something to tell.
    for page in pages.iter().filter(|p| p.body.sanitized_anything()) {
        let text = page.source.text(&page.path);
        diagnostics.extend(crate::markdown::sanitizer_warnings(
            &page.body, &page.path, &text,
        ));
    }
}

/// Pages that would share an address with another page, or with the portal's own pages
/// (`search` is the portal's only when the site has search).
fn check_url_clashes(pages: &Pages, search: bool, diagnostics: &Diagnostics) {
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    for page in pages {
        let top = page.url.split('/').next().unwrap_or("");
        if crate::layout::GENERATED_FOLDERS.contains(&top) && (search || top != "search") {
            let in_folder = page.rel_path.starts_with(&format!("{top}/"));
            diagnostics.push(
                Diagnostic::error(Problem::Content(t!(
                    "this page's address /{url} lies under /{folder}/, which the portal writes itself (its tags, categories, phases, search, dashboard and hygiene pages)",
                    url = &page.url,
                    folder = top
                )))
                .at_file_start(&page.path)
                .with_help(if in_folder {
                    t!(
                        "rename the folder `content/{folder}/` (e.g. `content/{folder}-guide/`): a page's address is its path under content/",
                        folder = top
                    )
                } else {
                    t!("rename the file (e.g. `{name}` to `{name}-guide`): a page's address is its path under content/", name = top)
                }),
            );
            continue;
        }
        // Paths alike but for their Unicode form are told by `output::twins`; a page at
        // a folder's list (`index.md` beside `_index.md`) by `sections::clashes`, with
        // the help that fits: one error, not that and "rename one of the files".
        let told_elsewhere = |first: &Page| {
            crate::slugs::nfc(&first.rel_path) == crate::slugs::nfc(&page.rel_path)
                || first.kind.is_index() != page.kind.is_index()
        };
        if let Some(first) = seen
            .insert(&page.url, page)
            .filter(|first| !told_elsewhere(first))
        {
            diagnostics.push(
                Diagnostic::error(Problem::Content(t!(
                    "this page and {other} both want the URL /{url}",
                    other = &first.path,
                    url = &page.url
                )))
                .at_file_start(&page.path)
                .with_help(t!("rename one of the files (names are compared after lowercasing and turning spaces into dashes)")),
            );
        }
    }
}

/// Files each lesson and review under its project; names that match no project folder
/// are errors, closed projects without a closure review are warnings.
/// The warning for a closure review dated before its project started: a year typed
/// wrong (`2020-12-28` for 2024) filed the project on the dashboard as closed in 2020.
fn closed_before_start(project: &Page, review: &Page) -> Option<Diagnostic> {
    let start = project.project()?.start?;
    let date = review.date?;
    (date < start).then(|| {
        Diagnostic::warning(Problem::Content(t!(
            "the closure review is dated {date}, before its project `{project}` started ({start}): the dashboard counts the project as closed in {year}",
            date = date.iso(),
            project = project.project().map_or("", |p| p.slug.as_str()),
            start = start.iso(),
            year = date.year()
        )))
        .at(shared_names::at_field(review, "date"))
        .with_help(t!("check the year of `date:` here, and `start:` in the project's index.md"))
    })
}

fn relate_projects(
    pages: &Pages,
    projects: &BTreeMap<String, PageId>,
    (failed, drafts, reviewed_out_of_sight): (
        &[String],
        &[crate::content::load::Draft],
        &BTreeSet<String>,
    ),
    diagnostics: &Diagnostics,
) -> HashMap<PageId, ProjectLinks> {
    let mut links: HashMap<PageId, ProjectLinks> = projects
        .values()
        .map(|&id| (id, ProjectLinks::default()))
        .collect();
    let slugs: Vec<&str> = projects.keys().map(String::as_str).collect();
    for (id, page) in pages.iter_enumerated() {
        let (slug, at) = match (page.lesson(), page.review()) {
            (Some(l), _) => (&l.project, l.project_at),
            (_, Some(r)) => (&r.project, r.project_at),
            _ => {
                for tag in &page.tags {
                    if let Some(&p) = projects.get(tag) {
                        links.entry(p).or_default().related.push(id);
                    }
                }
                continue;
            }
        };
        let Some(&project) = projects.get(slug) else {
            if failed.contains(&format!("projects/{slug}/index.md")) {
                // Its index.md failed to load and was reported: one cause, one error.
                continue;
            }
            let at_slug =
                || Location::new(&page.path, &page.source.text(&page.path), at, slug.len());
            // A project still a draft is there, only left out of this build.
            let index = format!("content/projects/{slug}/index.md");
            if drafts.iter().any(|d| d.path == index) {
                diagnostics.push(
                    Diagnostic::error(Problem::Content(t!(
                        "`project: {name}` names a project that is a draft: {index} says `draft: true`, so it is left out of this build",
                        name = slug.as_str(),
                        index = index.as_str()
                    )))
                    .at(at_slug())
                    .with_help(t!("publish the project (`draft: false`), mark this page a draft too, or preview both with --drafts")),
                );
                continue;
            }
            // Named as people know it, by its title or code: the folder it is, or the
            // folders, when projects share it (never one of them as if it were alone).
            let known_as: Vec<&str> = projects
                .iter()
                .filter(|(_, &p)| {
                    let same = |a: &str| shared_names::key(a) == shared_names::key(slug);
                    pages[p].project().is_some_and(|info| {
                        same(&pages[p].title) || info.code.as_deref().is_some_and(same)
                    })
                })
                .map(|(folder, _)| folder.as_str())
                .collect();
            // The folder in other capitals (`ERP`, `CRM-Rollout`) scores too low to be
            // suggested as typed.
            let meant =
                did_you_mean(slug, &slugs).or_else(|| did_you_mean(&slug.to_lowercase(), &slugs));
            let help = match (known_as.as_slice(), meant) {
                ([folder], _) => t!(
                    "`{name}` is the title or code of project `{folder}`: write `project: {folder}` (a project is named by its folder under content/projects/)",
                    name = slug.as_str(),
                    folder = *folder
                ),
                ([_, ..], _) => shared_name(slug, &known_as),
                ([], Some(s)) => t!(
                    "did you mean `{s}`? Projects are the folders under content/projects/",
                    s = s
                ),
                // The starter's project deleted to make room for the PMO's own: a
                // list of none said nothing.
                ([], None) if slugs.is_empty() => t!(
                    "the site has no project yet: `pmo new project \"Title\" --slug {slug}` makes this one, in content/projects/{slug}/",
                    slug = slug.as_str()
                ),
                ([], None) => near_misses(slug, projects, pages).unwrap_or_else(|| {
                    t!("known projects: {projects}", projects = slugs.join(", "))
                }),
            };
            diagnostics.push(
                Diagnostic::error(Problem::UnknownProject(slug.clone()))
                    .at(at_slug())
                    .with_help(help),
            );
            continue;
        };
        let entry = links.entry(project).or_default();
        match page.kind {
            Kind::Lesson => entry.lessons.push(id),
            _ => entry.reviews.push(id),
        }
    }
    for (&project, rel) in links.iter_mut() {
        rel.lessons.sort_by(|&a, &b| pages[a].cmp_newest(&pages[b]));
        rel.reviews.sort_by(|&a, &b| pages[a].cmp_newest(&pages[b]));
        rel.related.sort_by(|&a, &b| pages[a].cmp_newest(&pages[b]));
        let page = &pages[project];
        let closed = page.project().is_some_and(|p| {
            p.status == ProjectStatus::Closed && !reviewed_out_of_sight.contains(&p.slug)
        });
        let closure = |&r: &PageId| {
            pages[r]
                .review()
                .is_some_and(|v| v.review_type == ReviewType::Closure)
        };
        diagnostics.extend(
            rel.reviews
                .iter()
                .filter(|r| closure(r))
                .filter_map(|&r| closed_before_start(page, &pages[r])),
        );
        if closed && !rel.reviews.iter().any(closure) {
            diagnostics.push(
                Diagnostic::warning(Problem::Content(t!(
                    "project `{project}` is closed but has no closure review",
                    project = page.project().map_or("", |p| p.slug.as_str())
                )))
                .at(shared_names::at_field(page, "status"))
                .with_help(t!("add content/reviews/<name>.md with `project:` set to this project (`pmo new review \"Title\"`)")),
            );
        }
    }
    links
}
