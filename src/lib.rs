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

pub(crate) mod blocks;
pub(crate) mod charts;
pub(crate) mod config;
pub(crate) mod content;
pub mod data;
pub(crate) mod date;
pub(crate) mod derive;
pub mod diagnostics;
pub(crate) mod encoding;
pub(crate) mod escape;
pub(crate) mod i18n;
pub mod import;
pub mod incremental;
pub mod kinds;
pub(crate) mod layout;
pub mod markdown;
pub mod messages;
pub(crate) mod numbers;
pub mod output;
pub(crate) mod prepared;
pub(crate) mod prose;
pub mod render;
pub mod scaffold;
pub mod schemas;
pub mod search;
pub mod serve;
pub mod site;
pub(crate) mod slugs;
pub(crate) mod source;
pub(crate) mod suggest;
pub(crate) mod symlinks;
pub(crate) mod theme;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use config::Config;
use diagnostics::{Diagnostic, Diagnostics, Problem};
use output::{Output, Staging};
use render::{Progress, RenderCache, Renderer};
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
    let staging = Staging::create(&target).map_err(|e| {
        Diagnostic::error(Problem::Output(crate::messages::reason(&e)))
            .in_file(&target)
            .with_help(t!(
                "check that the output folder's parent exists and is writable"
            ))
    })?;
    match guarded(|| run(options, &staging, progress)) {
        Ok(report) => {
            staging.commit().map_err(|e| {
                Diagnostic::error(Problem::Output(crate::messages::reason(&e)))
                    .in_file(&target)
                    .with_help(t!("is a program holding files in the output folder open?"))
            })?;
            Ok(report)
        }
        Err(failure) => {
            staging.abort();
            Err(failure)
        }
    }
}

/// Runs every stage, rendering included, and throws the output away.
pub fn check(options: &Options) -> Result<BuildReport, BuildFailure> {
    guarded(|| run(options, &output::Discard::default(), &render::Silent))
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
    let mut prepared = prepare(options)?;
    if options.deny_warnings && !prepared.warnings.is_empty() {
        return Err(denied(std::mem::take(&mut prepared.warnings)));
    }
    // Every check that points into a page's source has run: the index and render
    // stages, the build's largest, can have that memory.
    prepared.site.release_sources();
    // Nor will it rebuild the index: the dictionary can go once the titles are cut.
    prepared.words.for_one_build();
    let (files, stages) = prepared.write(output, progress)?;
    Ok(BuildReport {
        pages: prepared.site.pages.len(),
        drafts_skipped: prepared.drafts_skipped,
        files,
        warnings: prepared.warnings,
        stages,
        elapsed: started.elapsed(),
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
    pub figures: charts::Figures,
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
    pub words: search::words::Words,
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
        self.stages.push((name, self.lap.elapsed()));
        self.lap = Instant::now();
    }
}

/// Runs every stage before rendering: config, load, link and charts.
pub fn prepare(options: &Options) -> Result<Prepared, BuildFailure> {
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
    let loaded = content::load::load(&content_dir, root, options.drafts, &diagnostics);
    let drafts_skipped = loaded.drafts_skipped;
    let bases = data::Bases::new(&loaded.pages, config.budget.basis);
    let data = data::load(root, &loaded.tables, &bases, &diagnostics);
    laps.mark("load");
    let words = search::words::Words::default();
    if config.search && loaded.pages.iter().any(search::documents::has_cjk_headings) {
        // The index stage segments titles with jieba: its dictionary loads while pages are
        // linked, which keeps one core busy, rather than beside loading, which keeps two.
        words.preload();
    }

    let mut site = site::link(config, loaded, data, theme.static_files(), &diagnostics);
    derive::tables::attach(&mut site, &i18n, &diagnostics);
    diagnostics.extend(derive::currency::check(&site));
    laps.mark("link");
    if diagnostics.has_errors() {
        return Err(BuildFailure {
            diagnostics: diagnostics.into_sorted(),
        });
    }
    let stage_warnings = diagnostics.into_sorted();
    let warnings = with_sanity(&stage_warnings, &site);

    let figures = charts::render_all(&site, &i18n).map_err(BuildFailure::from)?;
    laps.mark("charts");
    Ok(Prepared {
        site,
        figures,
        theme,
        i18n,
        root: root.to_path_buf(),
        warnings,
        stage_warnings,
        stages: laps.stages,
        drafts_skipped,
        words,
    })
}

/// `stage_warnings` and the sanity warnings of `site`'s figures, sorted by place.
pub fn with_sanity(stage_warnings: &[Diagnostic], site: &site::Site) -> Vec<Diagnostic> {
    let all = Diagnostics::default();
    all.extend(stage_warnings.iter().cloned());
    all.extend(derive::sanity::check(site));
    all.into_sorted()
}

impl Prepared {
    /// The index and render stages: writes every file of the site to `output`. Returns
    /// the number of files and the timings of all stages.
    pub fn write(
        &self,
        output: &dyn Output,
        progress: &dyn Progress,
    ) -> Result<(usize, Stages), BuildFailure> {
        let cache = RenderCache::new(&self.site, &self.theme, &self.i18n, &self.root)
            .map_err(BuildFailure::from)?;
        self.write_with(&cache, output, progress)
    }

    /// [`Prepared::write`] with templates and summaries already made.
    pub fn write_with(
        &self,
        cache: &RenderCache,
        output: &dyn Output,
        progress: &dyn Progress,
    ) -> Result<(usize, Stages), BuildFailure> {
        let mut laps = Laps::new();
        let index_files = if self.site.config.search {
            let files =
                search::index::write(&self.site, &self.i18n, &self.words, output).map_err(|e| {
                    Diagnostic::error(Problem::Output(crate::messages::reason(&e)))
                        .in_file(Path::new("search"))
                        .with_help(t!(
                            "check that the output folder is writable and its disk has room"
                        ))
                })?;
            laps.mark("index");
            files
        } else {
            0
        };
        let renderer = Renderer::new(&self.site, &self.figures, cache, &self.i18n, &self.root);
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
}
