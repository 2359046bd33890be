//! The render stage: one job per output page, run in parallel, each rendering one Tera
//! template with a small context and handing the HTML to the [`Output`].

mod alias;
mod budget;
pub mod context;
mod depends;
mod description;
mod feeds;
mod hygiene;
mod instrument;
mod jobs;
mod listings;
mod markup;
mod markup_check;
mod nav;
mod notes;
pub mod policy;
pub mod register;
mod related;
mod sanitize;
mod template_context;
mod template_safe;
pub mod template_scripts;
pub mod templates;
mod tera_tags;
mod tera_words;
mod unclosed_tag;

use crate::messages::Text;
use crate::t;
use std::path::Path;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::charts::Drawings;
use crate::diagnostics::{Diagnostic, Problem};
use crate::i18n::I18n;
use crate::ids::Id;
pub use crate::layout::DASHBOARD_URL;
use crate::output::Output;
use crate::related::Related;
use crate::site::{IdVec, PageId, SectionId, Site};
use crate::theme::Theme;
use context::summary;
pub use depends::{listing, showing, showing_data};
pub use jobs::Job;
use sanitize::{conform, sanitizer};
use templates::Templates;

/// Reports rendering progress to whoever draws it (the CLI's progress bar).
pub trait Progress: Sync {
    fn start(&self, total: usize);
    fn advance(&self);
}

/// No progress display (tests, `check`, small sites).
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: usize) {}
    fn advance(&self) {}
}

/// What rendering keeps between builds: the parsed templates and one summary per page.
/// `serve` holds on to it and refreshes only the summaries of edited pages.
pub struct RenderCache {
    pub templates: Templates,
    /// One summary per page, as a Tera value: cloning it into a list is a pointer copy.
    summaries: IdVec<PageId, Value>,
}

impl RenderCache {
    pub fn new(
        site: &Site,
        theme: &Theme,
        i18n: &I18n,
        root: &Path,
    ) -> Result<RenderCache, Vec<Diagnostic>> {
        let mut cache = RenderCache {
            templates: Self::templates(site, theme, i18n, root)?,
            summaries: IdVec::new(),
        };
        cache.refresh_all(site, i18n);
        Ok(cache)
    }

    /// Parses the theme's templates and sets the globals every page sees.
    pub fn templates(
        site: &Site,
        theme: &Theme,
        i18n: &I18n,
        root: &Path,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let mut templates = Templates::load(theme, root)?;
        let globals = templates.tera.global_context();
        globals.insert(
            "site",
            &SiteInfo {
                title: &site.config.title,
                description: &site.config.description,
                language: site.config.language.code(),
                base_url: &site.config.base_url,
                search: site.config.search,
                money: site.money_shown,
                hygiene: site.config.hygiene.page,
                as_of: site.config.as_of().iso(),
                as_of_display: i18n.date(&site.config.as_of()),
                ev_green: [
                    site.config.thresholds.cpi_green,
                    site.config.thresholds.spi_green,
                ],
                cpi_green: crate::derive::evm::fixed2(site.config.thresholds.cpi_green),
                spi_green: crate::derive::evm::fixed2(site.config.thresholds.spi_green),
            },
        );
        globals.insert("t", i18n.strings());
        // The policy each page states, unless the site trusts its authors' scripts.
        let policy = if site.config.trust_html {
            String::new()
        } else {
            policy::page_policy()
        };
        globals.insert("content_policy", &policy);
        globals.insert(
            "generator",
            &format!("pmo-portal {}", env!("CARGO_PKG_VERSION")),
        );
        Ok(templates)
    }

    /// Recomputes every summary (after the site was linked again).
    pub fn refresh_all(&mut self, site: &Site, i18n: &I18n) {
        let ids: Vec<PageId> = site.pages.ids().collect();
        let shared = context::Shared::default();
        self.summaries = IdVec::from_raw(
            ids.into_par_iter()
                .map(|id| Value::from_serializable(&summary(site, i18n, id, &shared)))
                .collect(),
        );
    }

    /// Recomputes the summary of `id`; says whether it changed.
    pub fn refresh_summary(&mut self, site: &Site, i18n: &I18n, id: PageId) -> bool {
        let fresh = Value::from_serializable(&summary(site, i18n, id, &context::Shared::default()));
        let changed = self.summaries[id] != fresh;
        self.summaries[id] = fresh;
        changed
    }
}

/// Everything shared by all render jobs.
pub struct Renderer<'a> {
    site: &'a Site,
    drawings: &'a Drawings,
    related: &'a Related,
    templates: &'a Templates,
    i18n: &'a I18n,
    summaries: &'a IdVec<PageId, Value>,
    root: &'a Path,
    /// Per section, each practice's previous and next practice: made once, when the
    /// section's first practice is rendered. Looking them up per page read the whole
    /// section for each of its practices (30,000 × 30,000 at 100,000 pages).
    neighbours: IdVec<SectionId, OnceLock<jobs::Neighbours>>,
    /// Reviews by year, made once for all of the archive's pages.
    review_years: OnceLock<std::collections::BTreeMap<i16, Vec<PageId>>>,
    /// Each project's doubts about its figures, found when the first project is rendered.
    data_notes: OnceLock<std::collections::HashMap<String, Vec<notes::DataNote>>>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        drawings: &'a Drawings,
        related: &'a Related,
        cache: &'a RenderCache,
        i18n: &'a I18n,
        root: &'a Path,
    ) -> Renderer<'a> {
        Renderer {
            site,
            drawings,
            related,
            templates: &cache.templates,
            i18n,
            summaries: &cache.summaries,
            root,
            neighbours: IdVec::from_raw(site.sections.iter().map(|_| OnceLock::new()).collect()),
            review_years: OnceLock::new(),
            data_notes: OnceLock::new(),
        }
    }

    /// The doubts about project `slug`'s figures its page lists (see `notes`).
    fn data_notes(&self, slug: &str) -> &[notes::DataNote] {
        self.data_notes
            .get_or_init(|| notes::by_project(self.site))
            .get(slug)
            .map_or(&[], Vec::as_slice)
    }

    /// How many doubts the build has about project `id`'s figures (0 for other pages).
    fn doubts(&self, id: PageId) -> usize {
        self.site.page(id).project().map_or(0, |info| {
            let notes = self.data_notes(&info.slug);
            notes.iter().filter(|n| n.marks).count()
        })
    }

    /// [`context::project_row`] with its doubts counted, but for the note that its
    /// figures stopped, which the row marks on its own ("data stopped").
    fn project_row(&self, id: PageId) -> Option<context::ProjectRow> {
        let mut row = context::project_row(self.site, self.i18n, id)?;
        row.doubts = crate::derive::doubts::Mark::of(row.stale, self.doubts(id)).others;
        Some(row)
    }

    fn neighbours(&self, section: SectionId) -> &jobs::Neighbours {
        self.neighbours[section].get_or_init(|| jobs::neighbours(self.site, section))
    }

    fn review_years(&self) -> &std::collections::BTreeMap<i16, Vec<PageId>> {
        self.review_years
            .get_or_init(|| jobs::review_years(self.site))
    }

    /// Every job of the site, in plan order.
    pub fn plan(&self) -> Vec<Job> {
        let has_search =
            self.site.config.search && self.templates.tera.contains_template("search.html");
        jobs::plan(self.site, has_search)
    }

    /// Renders every job and writes the result. Returns the number of files written and
    /// the warnings about the HTML of one page of each template ([`markup_check`]).
    pub fn render_all(
        &self,
        output: &dyn Output,
        progress: &dyn Progress,
    ) -> Result<(usize, Vec<Diagnostic>), Vec<Diagnostic>> {
        let jobs = self.plan();
        let clashes = jobs::clashes(self.site, &jobs);
        if !clashes.is_empty() {
            return Err(clashes);
        }
        progress.start(jobs.len());
        let sample = markup_check::Sample::pick(self.site, &jobs);
        self.render_each(&jobs, output, progress, &sample)?;
        let extra = self.write_feeds(output)? + self.write_register_data(output)?;
        let statics = self.copy_files(output)?;
        Ok((
            jobs.len() + extra + statics,
            sample.warnings(self.templates),
        ))
    }

    /// The warnings about the HTML of one page of each template, rendering those pages
    /// alone and writing nothing: `serve` renders only the pages an edited template
    /// makes, but a saved partial or `base.html` can break any template's pages. A page
    /// that fails to render is passed over here; the rebuild reports it.
    pub fn markup_warnings(&self) -> Vec<Diagnostic> {
        let jobs = self.plan();
        let sample = markup_check::Sample::pick(self.site, &jobs);
        sample.picked().par_iter().for_each(|&i| {
            if let Ok((path, html)) = self.render_job(&jobs[i]) {
                sample.read(i, &path, &html);
            }
        });
        sample.warnings(self.templates)
    }

    /// Renders `jobs` only (for `serve`'s rebuilds). Every failing job is reported.
    pub fn render_jobs(&self, jobs: &[Job], output: &dyn Output) -> Result<(), Vec<Diagnostic>> {
        self.render_each(jobs, output, &Silent, &markup_check::Sample::none())
    }

    fn render_each(
        &self,
        jobs: &[Job],
        output: &dyn Output,
        progress: &dyn Progress,
        sample: &markup_check::Sample,
    ) -> Result<(), Vec<Diagnostic>> {
        let mut problems: Vec<Diagnostic> = jobs
            .par_iter()
            .enumerate()
            .filter_map(|(i, job)| {
                let result = self.render_job(job).and_then(|(path, html)| {
                    sample.read(i, &path, &html);
                    output
                        .write(&path, html.as_bytes())
                        .map_err(|e| Diagnostic::unwritable(&path, &e))
                });
                progress.advance();
                result.err()
            })
            .collect();
        // The same template error would otherwise be reported once per page.
        problems.sort_by_key(|d| (d.position(), d.problem.to_string()));
        problems.dedup_by_key(|d| (d.position(), d.problem.to_string()));
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// The Atom feed again if it shows any of `pages`.
    pub fn write_feed_of(
        &self,
        pages: &[PageId],
        output: &dyn Output,
    ) -> Result<(), Vec<Diagnostic>> {
        let entries = feeds::entries(self.site);
        // An entry shows the pages it embeds too.
        let shown = |p: &PageId| {
            entries.contains(p)
                || crate::site::embedders(self.site, *p)
                    .iter()
                    .any(|e| entries.contains(e))
        };
        if !pages.iter().any(shown) {
            return Ok(());
        }
        feeds::write_atom(self.site, self.i18n, output)
            .map_err(|e| vec![Diagnostic::unwritable("feed.xml", &e)])
    }

    /// The lessons register's data files (see [`register`]).
    pub fn write_register_data(&self, output: &dyn Output) -> Result<usize, Vec<Diagnostic>> {
        register::write_data(self.site, self.i18n, output)
            .map_err(|e| vec![Diagnostic::unwritable("lessons/facets.js", &e)])
    }

    /// The Atom feed, sitemap and robots.txt.
    pub fn write_feeds(&self, output: &dyn Output) -> Result<usize, Vec<Diagnostic>> {
        feeds::write_all(self.site, self.i18n, output)
            .map_err(|e| vec![Diagnostic::unwritable("sitemap.xml", &e)])
    }

    fn render_job(&self, job: &Job) -> Result<(String, String), Diagnostic> {
        let url = job.url(self.site);
        if let Job::Alias(id, n) = job {
            return Ok((
                job.output_path(&url),
                alias::html(self.site, self.i18n, *id, *n),
            ));
        }
        let (template, mut ctx) = self.job_context(job)?;
        let root = root_for(&url, job, &self.site.config.base_path());
        // The 404 page's address is empty, as the home page's: the menu marked it Home.
        let here = match job {
            Job::NotFound => "404.html",
            _ => &url,
        };
        ctx.insert("menu", &self.menu(here, &root));
        ctx.insert("root", &root);
        ctx.insert("template", template);
        ctx.insert("nav", &self.nav(here));
        let html = budget::render(&self.templates.tera, template, &ctx).map_err(|failure| {
            let page = job
                .source_page(self.site)
                .map(|id| self.site.page(id).path.as_path());
            match failure {
                budget::Failure::Spent(spent, error) => {
                    let shown = page.map_or_else(|| format!("/{url}"), |p| p.display().to_string());
                    self.templates
                        .spent(spent, error.as_ref(), &shown, template)
                }
                budget::Failure::Tera(e) => {
                    self.templates.render_diagnostic(&e, page, template, &ctx)
                }
            }
        })?;
        Ok((job.output_path(&url), html))
    }

    /// The page's body HTML with its links made relative to the page and, unless the
    /// site trusts its authors, raw HTML sanitized.
    fn body_html(&self, id: PageId) -> String {
        let page = self.site.page(id);
        let root = root_of(&page.url);
        let crate::site::Embedded { html, pages } =
            crate::site::embedded_body(self.site, id, &root);
        // An embedded page's raw HTML is as untrusted as the page's own.
        let raw =
            page.body.has_raw_html || pages.iter().any(|&p| self.site.page(p).body.has_raw_html);
        let html = if raw && !self.site.config.trust_html {
            conform(&sanitizer().clean(&html).to_string())
        } else {
            html
        };
        let mut html = crate::markdown::callout_titles(&html, |k| self.i18n.callout_title(k));
        // Drawings are our own trusted SVG and tables: put in after sanitizing.
        if let Some(blocks) = self.drawings.blocks.get(id) {
            for (n, figure) in blocks.iter().enumerate() {
                html = html.replacen(&crate::markdown::block_marker(n), figure, 1);
            }
        }
        // Each embedded page's blocks, drawn from its own data, in its own markers.
        let mut done = std::collections::HashSet::new();
        for p in pages.into_iter().filter(|p| done.insert(*p)) {
            for (n, figure) in self
                .drawings
                .blocks
                .get(p)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let marker = crate::markdown::embedded_block_marker(p.index(), n);
                html = html.replace(&marker, figure);
            }
        }
        html
    }

    fn summaries(&self, ids: &[PageId]) -> Value {
        Value::from(
            ids.iter()
                .map(|&i| self.summaries[i].clone())
                .collect::<Vec<_>>(),
        )
    }

    /// Copies static files (theme, then site) and content attachments.
    pub fn copy_files(&self, output: &dyn Output) -> Result<usize, Vec<Diagnostic>> {
        let content = self.root.join("content");
        // Each file with where it comes from, for messages.
        let statics: Vec<(String, std::path::PathBuf, Result<Vec<u8>, Text>)> = self
            .site
            .static_files
            .par_iter()
            .map(|(rel, source)| {
                (
                    rel.clone(),
                    source.display(self.root, &format!("static/{rel}")),
                    source
                        .read()
                        .map(|b| b.into_owned())
                        .map_err(|e| crate::messages::io_reason(&e)),
                )
            })
            .chain(self.site.assets.par_iter().map(|rel| {
                (
                    rel.clone(),
                    std::path::Path::new("content").join(rel),
                    std::fs::read(content.join(rel)).map_err(|e| crate::messages::io_reason(&e)),
                )
            }))
            .collect();
        let mut problems = Vec::new();
        for (rel, from, bytes) in &statics {
            let written = match bytes {
                Ok(b) => output.write(rel, b),
                Err(e) => {
                    problems.push(Diagnostic::error(Problem::Io(e.clone())).in_file(from));
                    continue;
                }
            };
            match written {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => problems.push(
                    Diagnostic::error(Problem::Output(t!(
                        "this file would replace the page the build writes at /{rel}",
                        rel = rel
                    )))
                    .at_file_start(from)
                    .with_help(t!(
                        "rename or move the file: pages, lists and feeds own their paths"
                    )),
                ),
                Err(e) => problems.push(
                    Diagnostic::error(Problem::Output(t!("{rel}: {e}", rel = rel, e = e)))
                        .at_file_start(from),
                ),
                Ok(()) => {}
            }
        }
        if problems.is_empty() {
            Ok(statics.len())
        } else {
            Err(problems)
        }
    }

    fn job_context(&self, job: &Job) -> Result<(&'static str, Context), Diagnostic> {
        template_context::context(self, job)
    }
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    /// Whether the search index is built (and so whether to show the search box).
    search: bool,
    /// Whether this build's reader may see amounts (BAC, spending, earned value).
    money: bool,
    /// Whether the site has the `hygiene/` page (for the footer's link).
    hygiene: bool,
    /// The day the site is built as of (`YYYY-MM-DD`), and as the site writes dates:
    /// pages that count overdue actions say which day they count from.
    as_of: String,
    as_of_display: String,
    /// The green thresholds of CPI and SPI (`[thresholds]`): an index below its own is
    /// marked ▼ (`partials/ev_index.html`), as the RAG status counts it.
    ev_green: [f64; 2],
    /// The same, as the notes under the tables print them (`0.95`).
    cpi_green: String,
    spi_green: String,
}

/// `../../` for `lessons/x/`: the way back to the site root from a page's URL.
pub fn root_of(url: &str) -> String {
    let depth = url.split('/').filter(|s| !s.is_empty()).count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// 404 pages are shown at whatever URL was missing, so they use the absolute base path.
fn root_for(url: &str, job: &Job, base_path: &str) -> String {
    match job {
        Job::NotFound => base_path.to_string(),
        _ => root_of(url),
    }
}

#[cfg(test)]
mod tests;
