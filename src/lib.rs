//! pmo-portal: a static-site generator for the knowledge portal of a project management
//! office.
//!
//! The pipeline runs one way, each stage a module with a plain-data output:
//! [`config`] → [`content::load`] and [`data::load`] → [`site::link`] →
//! [`derive`] (the derived tables) → [`charts`] → [`search::index`] and [`render`] →
//! [`output`]. Each stage reads what the earlier ones made and never calls a later one
//! (`tests/architecture.rs` holds the order).
//! [`build`] runs it into a staging folder that replaces the output folder only when
//! every stage succeeded; [`check`] runs it all and writes nothing.

mod alloc_stats;
pub(crate) mod audience;
pub(crate) mod blocks;
pub(crate) mod charts;
pub(crate) mod config;
pub(crate) mod content;
pub(crate) mod data;
pub(crate) mod date;
pub(crate) mod derive;
// The types of the crate's own surface: every failure is a list of `Diagnostic`s, every
// message a `Text`, and `t!` (used by main.rs) expands to `$crate::messages`.
pub mod diagnostics;
pub(crate) mod encoding;
pub(crate) mod escape;
pub(crate) mod heap;
// The command modules main.rs drives, each already no wider than what it calls.
pub mod hygiene;
pub(crate) mod i18n;
pub(crate) mod ids;
pub mod import;
pub(crate) mod incremental;
pub(crate) mod kinds;
pub(crate) mod layout;
pub(crate) mod markdown;
pub mod messages;
pub(crate) mod numbers;
pub(crate) mod output;
pub(crate) mod prepared;
pub(crate) mod prose;
pub(crate) mod related;
pub(crate) mod render;
pub mod scaffold;
pub mod schemas;
pub(crate) mod search;
pub mod serve;
pub(crate) mod site;
pub(crate) mod slugs;
pub(crate) mod source;
pub(crate) mod suggest;
pub(crate) mod symlinks;
pub(crate) mod syntax;
pub(crate) mod theme;

// Everything else main.rs, the tests and the examples reach. The modules stay
// crate-private, so rustc reports what nothing uses.
pub use charts::text::text_width;
pub use data::{load as load_tables, Bases};
pub use date::Date;
pub use incremental::{read as read_files, Interrupt, Rebuild, Scope, Settled, Step, Workspace};
pub use kinds::{creatable, Kind};
pub use markdown::render as render_markdown;
pub use output::{Collect, Discard, MARKER};
pub use render::{Progress, Silent};
pub use search::index::{write as write_search_index, MAX_FIELD_BYTES};
pub use search::words::Segmenter;
pub use search::{postings, tokenize};
pub use site::Site;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use config::Config;
use diagnostics::{Diagnostic, Diagnostics, Problem};
use output::{Output, Staging};
use render::{RenderCache, Renderer};
use theme::Theme;

/// What to build and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder (holding `site.toml`).
    pub root: PathBuf,
    /// Where the site goes; `public/` under the root by default.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from site.toml (e.g. for a staging server).
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Replace a non-empty output folder that pmo did not write (never the sources).
    pub force: bool,
    /// Fail on any warning, as on an error (for CI): nothing is written.
    pub deny_warnings: bool,
    /// The audience to build for, on a site that declares `audiences`; `None` builds for
    /// [`Options::default_audience`].
    pub audience: Option<String>,
    /// Which audience a build without `audience` is for.
    pub default_audience: DefaultAudience,
    /// The day to build as of (`--as-of`), over site.toml's `as_of` and today.
    pub as_of: Option<Date>,
}

/// The audience of a build that names none, on a site that declares audiences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DefaultAudience {
    /// The lowest: a build published without thinking shows nothing confidential.
    #[default]
    Lowest,
    /// The highest: an author's preview (`serve`) shows every page being written.
    Highest,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Options {
        Options {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            force: false,
            deny_warnings: false,
            audience: None,
            default_audience: DefaultAudience::Lowest,
            as_of: None,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// How long each stage took, in order.
pub type Stages = Vec<(&'static str, Duration)>;

/// A successful build: what was made, the warnings, and how long each stage took.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    /// Drafts left out (without `--drafts`).
    pub drafts_skipped: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    pub stages: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
    /// The audience built for, on a site that declares audiences.
    pub audience: Option<String>,
}

/// A failed build: every error found (and the warnings), sorted by file and position.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

impl BuildFailure {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

impl From<Vec<Diagnostic>> for BuildFailure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        BuildFailure { diagnostics }
    }
}

impl From<Diagnostic> for BuildFailure {
    fn from(d: Diagnostic) -> Self {
        BuildFailure {
            diagnostics: vec![d],
        }
    }
}

/// Builds the site into its output folder. On failure the previous output is untouched.
pub fn build(options: &Options, progress: &dyn Progress) -> Result<BuildReport, BuildFailure> {
    let target = options.output_dir();
    output::guard::check(&options.root, &target, options.force)?;
    staged(&target, |staging| run(options, staging, progress))
}

/// Runs `write` into a staging folder that replaces `target` when it succeeds.
fn staged(
    target: &Path,
    write: impl FnOnce(&Staging) -> Result<BuildReport, BuildFailure>,
) -> Result<BuildReport, BuildFailure> {
    let (staging, report) = stage(target, write)?;
    commit(staging, target)?;
    Ok(report)
}

/// Runs `write` into a new staging folder for `target`; on failure the folder goes.
fn stage(
    target: &Path,
    write: impl FnOnce(&Staging) -> Result<BuildReport, BuildFailure>,
) -> Result<(Staging, BuildReport), BuildFailure> {
    let staging = Staging::create(target).map_err(|e| {
        Diagnostic::error(Problem::Output(crate::messages::reason(&e)))
            .in_file(target)
            .with_help(t!(
                "check that the output folder's parent exists and is writable"
            ))
    })?;
    match guarded(|| write(&staging)) {
        Ok(report) => Ok((staging, report)),
        Err(failure) => {
            staging.abort();
            Err(failure)
        }
    }
}

fn commit(staging: Staging, target: &Path) -> Result<(), BuildFailure> {
    staging.commit().map_err(|e| {
        Diagnostic::error(Problem::Output(crate::messages::reason(&e)))
            .in_file(target)
            .with_help(t!("is a program holding files in the output folder open?"))
            .into()
    })
}

/// Builds one complete site per audience into `<output>/<audience>/`, loading and
/// parsing the sources once. Every audience is staged first; only when all succeeded is
/// each folder swapped in, so a reader sees a whole old site or a whole new one, and a
/// failure in any audience changes none.
pub fn build_all(
    options: &Options,
    progress: &dyn Progress,
) -> Result<Vec<(String, BuildReport)>, BuildFailure> {
    let started = Instant::now();
    let sources = guarded(|| load(options))?;
    let Some(plan) = &sources.plan else {
        return Err(Diagnostic::error(Problem::Config(t!(
            "--all-audiences needs audiences, and site.toml declares none"
        )))
        .in_file(Path::new("site.toml"))
        .with_help(t!("declare them lowest first, e.g. audiences = [\"public\", \"internal\", \"pmo\"], or build without --all-audiences"))
        .into());
    };
    let base = options.output_dir();
    let names = plan.names().to_vec();
    for name in &names {
        output::guard::check(&options.root, &base.join(name), options.force)?;
    }
    output::check_audience_parent(&base, &names)?;
    std::fs::create_dir_all(&base).map_err(|e| {
        Diagnostic::error(Problem::Output(crate::messages::reason(&e))).in_file(&base)
    })?;
    let mut done: Vec<(String, Staging, BuildReport)> = Vec::new();
    for (level, name) in names.iter().enumerate() {
        let last = level + 1 == names.len();
        let result = stage(&base.join(name), |staging| {
            let prepared = sources.prepare_for(Some(level))?;
            finish(prepared, options, staging, progress, started, last)
        });
        match result {
            Ok((staging, report)) => done.push((name.clone(), staging, report)),
            Err(failure) => {
                for (_, staging, _) in done {
                    staging.abort();
                }
                return Err(failure);
            }
        }
    }
    let mut reports = Vec::new();
    for (name, staging, report) in done {
        commit(staging, &base.join(&name))?;
        reports.push((name, report));
    }
    Ok(reports)
}

/// Runs every stage, rendering included, and throws the output away. On a site with
/// audiences, each audience's site is checked, and each problem told once.
pub fn check(options: &Options) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let mut sources = guarded(|| load(options))?;
    sources.list_links = true;
    let levels: Vec<Option<usize>> = match (&sources.plan, &options.audience) {
        (Some(plan), None) => (0..plan.names().len()).rev().map(Some).collect(),
        _ => vec![sources.level(options)?],
    };
    if let [level] = levels[..] {
        let discard = output::Discard::default();
        return guarded(|| {
            let prepared = sources.prepare(level)?;
            finish(prepared, options, &discard, &render::Silent, started, true)
        });
    }
    let mut report: Option<BuildReport> = None;
    let mut failed: Vec<Diagnostic> = Vec::new();
    for (n, level) in levels.iter().enumerate() {
        let result = guarded(|| {
            let prepared = sources.prepare_for(*level)?;
            let last = n + 1 == levels.len();
            finish(
                prepared,
                options,
                &output::Discard::default(),
                &render::Silent,
                started,
                last,
            )
        });
        match result {
            Ok(r) => match &mut report {
                Some(first) => first.warnings.extend(r.warnings),
                None => report = Some(r),
            },
            Err(f) => failed.extend(f.diagnostics),
        }
    }
    // The audiences share most pages, so most problems are found in each.
    let once = |all: Vec<Diagnostic>| {
        let mut seen = std::collections::HashSet::new();
        let kept = Diagnostics::default();
        kept.extend(
            all.into_iter()
                .filter(|d| seen.insert((d.is_error(), d.to_string()))),
        );
        kept.into_sorted()
    };
    match report {
        Some(mut report) if failed.is_empty() => {
            report.warnings = once(std::mem::take(&mut report.warnings));
            report.elapsed = started.elapsed();
            Ok(report)
        }
        _ => Err(BuildFailure::from(once(failed))),
    }
}

/// Runs `f`, turning a panic into an error report: a panic is a bug in pmo, never the
/// author's fault, and must neither lose the previous site nor end `serve`'s watching.
pub fn guarded<T>(f: impl FnOnce() -> Result<T, BuildFailure>) -> Result<T, BuildFailure> {
    // What `f` touched may be half-updated after a panic; callers drop it (a build its
    // staging folder, serve its workspace), so nothing half-updated is used again.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a build step failed unexpectedly".into());
            Err(Diagnostic::error(Problem::Internal(messages::verbatim(message)))
                .with_help(t!("this is a bug in pmo, not in your files: please report it with the file you changed last. Nothing was written"))
                .into())
        }
    }
}

impl BuildFailure {
    /// Whether the failure is a caught panic rather than problems in the content.
    pub fn is_internal(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| matches!(d.problem, Problem::Internal(_)))
    }
}

/// The whole pipeline into `output`.
pub fn run(
    options: &Options,
    output: &dyn Output,
    progress: &dyn Progress,
) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let prepared = prepare(options)?;
    finish(prepared, options, output, progress, started, true)
}

/// The index and render stages of a prepared site into `output`; `last` when no other
/// audience's build follows (the dictionary can go once used).
fn finish(
    mut prepared: Prepared,
    options: &Options,
    output: &dyn Output,
    progress: &dyn Progress,
    started: Instant,
    last: bool,
) -> Result<BuildReport, BuildFailure> {
    if options.deny_warnings && !prepared.warnings.is_empty() {
        return Err(denied(std::mem::take(&mut prepared.warnings)));
    }
    if last {
        // Nor will it rebuild the index: the dictionary can go once the titles are cut.
        prepared.words.for_one_build();
    }
    let (files, stages) = prepared.write(output, progress)?;
    Ok(BuildReport {
        pages: prepared.site.pages.len(),
        drafts_skipped: prepared.drafts_skipped,
        files,
        warnings: prepared.warnings,
        stages,
        elapsed: started.elapsed(),
        audience: prepared.audience,
    })
}

/// Warnings turned into errors by `--deny-warnings`: the same messages, saying why they
/// now stop the build.
pub fn denied(warnings: Vec<Diagnostic>) -> BuildFailure {
    let diagnostics = warnings
        .into_iter()
        .map(|mut d| {
            d.severity = diagnostics::Severity::Error;
            let why = t!("an error because of --deny-warnings");
            d.help = Some(Box::new(match d.help.take() {
                Some(help) => t!("{help} ({why})", help = *help, why = why),
                None => why,
            }));
            d
        })
        .collect();
    BuildFailure { diagnostics }
}

/// A site loaded, linked and charted: everything rendering needs. `serve` keeps one
/// between rebuilds so an edit only redoes what depends on it.
pub struct Prepared {
    pub site: site::Site,
    pub drawings: charts::Drawings,
    /// The lessons each lesson and project page shows as related.
    pub related: related::Related,
    pub theme: Theme,
    pub i18n: i18n::I18n,
    /// The site folder.
    pub root: PathBuf,
    /// Every warning: the stages' and the sanity warnings over the figures.
    pub warnings: Vec<Diagnostic>,
    /// The warnings of loading and linking alone, which only a full build redoes; `serve`
    /// adds fresh sanity warnings to them after each cheaper rebuild.
    pub stage_warnings: Vec<Diagnostic>,
    pub stages: Vec<(&'static str, Duration)>,
    /// Drafts left out (without `--drafts`).
    pub drafts_skipped: usize,
    /// The Chinese dictionary the search index ranks with (loading while pages load).
    pub words: std::sync::Arc<search::words::Words>,
    /// The audience built for, on a site that declares audiences.
    pub audience: Option<String>,
    /// What that audience's build leaves out, for `serve` to filter edited pages with.
    pub view: Option<audience::View>,
}

/// Stage timings, lap by lap.
struct Laps {
    lap: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn new() -> Laps {
        Laps {
            lap: Instant::now(),
            stages: Vec::new(),
        }
    }

    fn mark(&mut self, name: &'static str) {
        alloc_stats::lap(name);
        self.stages.push((name, self.lap.elapsed()));
        self.lap = Instant::now();
    }
}

/// What the builds of every audience share: the configuration, the theme and every
/// page and table, loaded and parsed once.
pub struct Sources {
    pub config: Config,
    pub theme: Theme,
    pub i18n: i18n::I18n,
    pub root: PathBuf,
    pub loaded: content::load::Loaded,
    pub data: data::Data,
    /// Each page's audience, when the site declares audiences.
    pub plan: Option<audience::Plan>,
    /// The problems found so far.
    pub diagnostics: Vec<Diagnostic>,
    pub stages: Vec<(&'static str, Duration)>,
    pub words: std::sync::Arc<search::words::Words>,
    /// Warn of each link into a page the audience may not see (`check`), rather than
    /// of how many there are.
    pub list_links: bool,
    /// Every page's text held in memory, and every project's charts drawn in the charts
    /// stage kept: `serve` points the errors of later edits (a data table that breaks an
    /// unchanged page's chart) into the sources, and compares and redraws the charts. A
    /// one-shot build lets both go (the texts once parsed, read again for a warning; its
    /// render jobs draw the project charts). Set by [`load_keeping_sources`].
    pub keep_sources: bool,
}

/// Runs every stage before rendering: config, load, link and charts.
/// The knowledge hygiene findings, over what the highest audience sees (every page, and
/// the drafts left out of it), with the day they are counted as of.
pub fn hygiene_report(options: &Options) -> Result<(Date, Vec<hygiene::Finding>), BuildFailure> {
    let mut options = options.clone();
    options.default_audience = DefaultAudience::Highest;
    guarded(|| {
        let prepared = prepare(&options)?;
        let as_of = prepared.site.config.as_of();
        Ok((as_of, hygiene::findings(&prepared.site, as_of)))
    })
}

pub fn prepare(options: &Options) -> Result<Prepared, BuildFailure> {
    let sources = load(options)?;
    let level = sources.level(options)?;
    sources.prepare(level)
}

/// The config and load stages: what [`Sources::prepare`] links for one audience, for a
/// one-shot build (each page's text is let go once parsed: see [`source::Source`]).
pub fn load(options: &Options) -> Result<Sources, BuildFailure> {
    load_with(options, false)
}

/// [`load`] for `serve`, which holds every page's text and project's charts (see
/// [`Sources::keep_sources`]).
pub fn load_keeping_sources(options: &Options) -> Result<Sources, BuildFailure> {
    load_with(options, true)
}

fn load_with(options: &Options, keep_sources: bool) -> Result<Sources, BuildFailure> {
    let mut laps = Laps::new();
    let root = options.root.as_path();
    let mut config = Config::load(&root.join("site.toml")).map_err(|mut d| {
        d.path = d.path.map(|p| content::load::display_path(root, &p));
        if let Some(loc) = &mut d.location {
            loc.path = content::load::display_path(root, &loc.path);
        }
        d
    })?;
    if let Some(url) = &options.base_url {
        config::check_base_url(url).map_err(|why| {
            Diagnostic::error(Problem::Config(why))
                .in_file(Path::new("--base-url"))
                .with_help(t!("give the address the portal is published at, e.g. --base-url https://intranet.example.com/pmo/"))
        })?;
        config.base_url = if url.ends_with('/') {
            url.clone()
        } else {
            format!("{url}/")
        };
    }
    // Settled once here, so every page and check of the build counts from one day.
    config.as_of = Some(options.as_of.or(config.as_of).unwrap_or_else(Date::today));
    let theme = Theme::resolve(root, &config.theme)?;
    let i18n = i18n::I18n::load(&theme, root, config.language.code())?;
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(Diagnostic::error(Problem::Content(t!("there is no content/ folder")))
            .in_file(Path::new("content"))
            .with_help(t!("create content/ with your Markdown files, or run `pmo init DIR` for a starter site"))
            .into());
    }
    laps.mark("config");

    let diagnostics = Diagnostics::default();
    let loaded = content::load::load(
        &content_dir,
        root,
        options.drafts,
        keep_sources,
        &diagnostics,
    );
    let bases = data::Bases::new(&loaded.pages, config.budget.basis);
    let data = data::load(root, &loaded.tables, &bases, &diagnostics);
    let plan = audience::Plan::new(&config, &loaded, &content_dir, &diagnostics);
    // Every page's source went as it was parsed, between the pages' own data.
    heap::give_back();
    laps.mark("load");
    let words = search::words::Words::default();
    if config.search && loaded.pages.iter().any(search::documents::has_cjk_headings) {
        // The index stage segments titles with jieba: its dictionary loads while pages are
        // linked, which keeps one core busy, rather than beside loading, which keeps two.
        words.preload();
    }
    Ok(Sources {
        config,
        theme,
        i18n,
        root: root.to_path_buf(),
        loaded,
        data,
        plan,
        diagnostics: diagnostics.into_sorted(),
        stages: laps.stages,
        words: std::sync::Arc::new(words),
        list_links: false,
        keep_sources,
    })
}

impl Sources {
    /// The audience `options` asks for (see [`DefaultAudience`]); `None` when the site
    /// declares none.
    pub fn level(&self, options: &Options) -> Result<Option<usize>, BuildFailure> {
        let Some(plan) = &self.plan else {
            return match &options.audience {
                Some(name) => Err(audience::level_of(&self.config, name)
                    .err()
                    .map(|d| d.in_file(Path::new("--audience")))
                    .into_iter()
                    .collect::<Vec<_>>()
                    .into()),
                None => Ok(None),
            };
        };
        match &options.audience {
            Some(name) => audience::level_of(&self.config, name)
                .map(Some)
                .map_err(|d| d.in_file(Path::new("--audience")).into()),
            None => Ok(Some(match options.default_audience {
                DefaultAudience::Lowest => 0,
                DefaultAudience::Highest => plan.names().len() - 1,
            })),
        }
    }

    /// Links, derives and charts what audience `level` may see (everything for `None`),
    /// leaving `self` for the next audience.
    pub fn prepare_for(&self, level: Option<usize>) -> Result<Prepared, BuildFailure> {
        let mut static_files = self.theme.static_files();
        let diagnostics = Diagnostics::default();
        diagnostics.extend(self.diagnostics.iter().cloned());
        let (loaded, data, view) = match (&self.plan, level) {
            (Some(plan), Some(level)) => {
                let (loaded, data, view) = plan.view(
                    &self.loaded,
                    &self.data,
                    level,
                    &mut static_files,
                    self.list_links,
                    &diagnostics,
                );
                (loaded, data, Some(view))
            }
            _ => (self.loaded.clone(), self.data.clone(), None),
        };
        self.link(level, loaded, data, static_files, diagnostics, view)
    }

    /// [`Sources::prepare_for`] for the last (or only) audience built: nothing is copied.
    pub fn prepare(mut self, level: Option<usize>) -> Result<Prepared, BuildFailure> {
        if let (Some(_), Some(_)) = (&self.plan, level) {
            return self.prepare_for(level);
        }
        let static_files = self.theme.static_files();
        let diagnostics = Diagnostics::default();
        diagnostics.extend(std::mem::take(&mut self.diagnostics));
        let loaded = std::mem::take(&mut self.loaded);
        let data = std::mem::take(&mut self.data);
        self.link(level, loaded, data, static_files, diagnostics, None)
    }

    fn link(
        &self,
        level: Option<usize>,
        loaded: content::load::Loaded,
        data: data::Data,
        static_files: std::collections::BTreeMap<String, theme::Source>,
        diagnostics: Diagnostics,
        view: Option<audience::View>,
    ) -> Result<Prepared, BuildFailure> {
        let mut laps = Laps::new();
        let drafts_skipped = loaded.drafts_skipped;
        let mut site = site::link(
            self.config.clone(),
            loaded,
            data,
            static_files,
            &diagnostics,
        );
        laps.mark("link");
        diagnostics.extend(output::case_clashes(
            site.static_files
                .keys()
                .map(|rel| (rel.as_str(), Path::new("static").join(rel)))
                .chain(
                    site.assets
                        .iter()
                        .map(|rel| (rel.as_str(), Path::new("content").join(rel))),
                ),
        ));
        for page in &site.pages {
            diagnostics.extend(markdown::unclosed_warnings(
                &page.path,
                &page.source,
                &page.body,
            ));
        }
        // File names a Windows share cannot hold, named at the file.
        diagnostics.extend(output::portable::warnings(
            site.pages
                .iter()
                .map(|p| p.path.clone())
                .chain(
                    site.static_files
                        .keys()
                        .map(|rel| Path::new("static").join(rel)),
                )
                .chain(
                    site.assets
                        .iter()
                        .chain(site.tables.keys())
                        .map(|rel| Path::new("content").join(rel)),
                ),
        ));
        site.money_shown = !view.as_ref().is_some_and(audience::View::money_hidden);
        derive::tables::attach(&mut site, &self.i18n, &diagnostics);
        diagnostics.extend(derive::currency::check(&site));
        if diagnostics.has_errors() {
            return Err(BuildFailure {
                diagnostics: diagnostics.into_sorted(),
            });
        }
        let stage_warnings = diagnostics.into_sorted();
        let warnings = with_sanity(&stage_warnings, &site);
        laps.mark("derive");

        let drawings =
            charts::render_all(&site, &self.i18n, self.keep_sources).map_err(BuildFailure::from)?;
        laps.mark("charts");
        let related = related::Related::of(&site);
        // The term bags and vectors, before the index stage's postings grow.
        heap::give_back();
        laps.mark("related");
        let mut stages = self.stages.clone();
        stages.extend(laps.stages);
        Ok(Prepared {
            site,
            drawings,
            related,
            theme: self.theme.clone(),
            i18n: self.i18n.clone(),
            root: self.root.clone(),
            warnings,
            stage_warnings,
            stages,
            drafts_skipped,
            words: std::sync::Arc::clone(&self.words),
            audience: level.and_then(|l| self.plan.as_ref().map(|p| p.names()[l].clone())),
            view,
        })
    }
}

/// `stage_warnings`, the sanity warnings of `site`'s figures and those of its chart and
/// table blocks, sorted by place.
pub fn with_sanity(stage_warnings: &[Diagnostic], site: &site::Site) -> Vec<Diagnostic> {
    let all = Diagnostics::default();
    all.extend(stage_warnings.iter().cloned());
    all.extend(derive::sanity::check(site));
    all.extend(charts::block_warnings(site));
    all.into_sorted()
}

impl Prepared {
    /// The index and render stages of a one-shot build: writes every file of the site to
    /// `output`. Returns the number of files and the timings of all stages.
    ///
    /// The stages are run so that the largest data of each are never in memory together:
    /// the pages' search text goes once indexed (related lessons were found before), and
    /// the summaries render lists pages by are made only after the index is written.
    pub fn write(
        &mut self,
        output: &dyn Output,
        progress: &dyn Progress,
    ) -> Result<(usize, Stages), BuildFailure> {
        let mut laps = Laps::new();
        let index_files = self.index(output, &mut laps)?;
        self.site.release_text();
        // The postings and the search text, before the render stage's pages.
        heap::give_back();
        let cache = RenderCache::new(&self.site, &self.theme, &self.i18n, &self.root)
            .map_err(BuildFailure::from)?;
        self.render(&cache, output, progress, index_files, laps)
    }

    /// [`Prepared::write`] with templates and summaries already made, keeping every
    /// page's text (`serve` indexes the site again after each edit).
    pub fn write_with(
        &self,
        cache: &RenderCache,
        output: &dyn Output,
        progress: &dyn Progress,
    ) -> Result<(usize, Stages), BuildFailure> {
        let mut laps = Laps::new();
        let index_files = self.index(output, &mut laps)?;
        self.render(cache, output, progress, index_files, laps)
    }

    /// The search index, when the site has search. Returns the number of files written.
    fn index(&self, output: &dyn Output, laps: &mut Laps) -> Result<usize, BuildFailure> {
        if !self.site.config.search {
            return Ok(0);
        }
        let files = search::index::write(&self.site, &self.i18n, &self.words, output)?;
        laps.mark("index");
        Ok(files)
    }

    /// Renders every page; returns all files written, the index's included, and the
    /// timings of every stage.
    fn render(
        &self,
        cache: &RenderCache,
        output: &dyn Output,
        progress: &dyn Progress,
        index_files: usize,
        mut laps: Laps,
    ) -> Result<(usize, Stages), BuildFailure> {
        let renderer = Renderer::new(
            &self.site,
            &self.drawings,
            &self.related,
            cache,
            &self.i18n,
            &self.root,
        );
        let files = renderer
            .render_all(output, progress)
            .map_err(BuildFailure::from)?
            + index_files;
        laps.mark("render");
        let mut stages = self.stages.clone();
        stages.extend(laps.stages);
        Ok((files, stages))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_report() {
        let failure = guarded::<()>(|| panic!("index out of range")).unwrap_err();
        assert!(failure.is_internal());
        let text = failure.diagnostics[0].to_string();
        assert!(
            text.contains("internal error: index out of range"),
            "{text}"
        );
        let failure = guarded::<()>(|| {
            Err(Diagnostic::error(Problem::Content(messages::verbatim("x"))).into())
        });
        assert!(!failure.unwrap_err().is_internal());
    }

    #[test]
    fn a_search_index_file_that_cannot_be_written_is_named() {
        let prepared = prepare(&Options::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        // Claimed already, so the index's own write of it fails.
        let output = output::Collect::default();
        output.write("search/meta.js", b"").unwrap();
        let failure =
            search::index::write(&prepared.site, &prepared.i18n, &prepared.words, &output)
                .unwrap_err();
        assert_eq!(failure.path.as_deref(), Some(Path::new("search/meta.js")));
    }
}
