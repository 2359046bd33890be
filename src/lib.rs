//! pmo-portal: a static-site generator for the knowledge portal of a project management
//! office.
//!
//! The pipeline runs one way, each stage a module with a plain-data output:
//! [`config`] → [`content::load`] → [`site::link`] → [`derive`] → [`render`] → [`output`].
//! [`build`] runs it into a staging folder that replaces the output folder only when
//! every stage succeeded; [`check`] runs it all and writes nothing.

pub mod charts;
pub mod config;
pub mod content;
pub mod data;
pub mod derive;
pub mod diagnostics;
pub mod escape;
pub mod markdown;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod site;
pub mod slugs;
pub mod suggest;
pub mod theme;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use config::Config;
use diagnostics::{Diagnostic, Diagnostics, Problem};
use output::{Output, Staging};
use render::{Progress, Renderer};
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
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Options {
        Options {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// A successful build: what was made, the warnings, and how long each stage took.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
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
    guard_output(&options.root, &target)?;
    let staging = Staging::create(&target).map_err(|e| {
        Diagnostic::error(Problem::Output(e.to_string()))
            .in_file(&target)
            .with_help("check that the output folder's parent exists and is writable")
    })?;
    match run(options, &staging, progress) {
        Ok(report) => {
            staging.commit().map_err(|e| {
                Diagnostic::error(Problem::Output(e.to_string()))
                    .in_file(&target)
                    .with_help("is a program holding files in the output folder open?")
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
    run(options, &Discard, &render::Silent)
}

struct Discard;

impl Output for Discard {
    fn write(&self, _: &str, _: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
}

/// A site read, checked and linked: what the render and index stages work from, and
/// what `pmo serve` can keep between edits.
pub struct Prepared {
    pub site: site::Site,
    pub theme: Theme,
    pub i18n: render::i18n::I18n,
    /// Warnings found so far.
    pub diagnostics: Diagnostics,
}

/// Reads and links the site: every stage before charts, render and index.
pub fn prepare(options: &Options) -> Result<Prepared, BuildFailure> {
    prepare_timed(options, &mut |_| {})
}

fn prepare_timed(
    options: &Options,
    mark: &mut dyn FnMut(&'static str),
) -> Result<Prepared, BuildFailure> {
    let root = options.root.as_path();
    let mut config = Config::load(&root.join("site.toml")).map_err(|mut d| {
        d.path = d.path.map(|p| display(root, &p));
        if let Some(loc) = &mut d.location {
            loc.path = display(root, &loc.path);
        }
        d
    })?;
    if let Some(url) = &options.base_url {
        config.base_url = if url.ends_with('/') {
            url.clone()
        } else {
            format!("{url}/")
        };
    }
    let theme = Theme::resolve(root, &config.theme)?;
    let i18n = render::i18n::I18n::load(&theme, root, config.language.code())?;
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(Diagnostic::error(Problem::Content("there is no content/ folder".into()))
            .in_file(Path::new("content"))
            .with_help("create content/ with your Markdown files, or run `pmo init DIR` for a starter site")
            .into());
    }
    mark("config");

    let diagnostics = Diagnostics::default();
    let loaded = content::load::load(&content_dir, root, options.drafts, &diagnostics);
    let data = data::load(root, &loaded.tables, &diagnostics);
    mark("load");

    let site = site::link(
        config,
        loaded,
        data,
        theme.static_files(),
        &i18n,
        &diagnostics,
    );
    mark("link");
    if diagnostics.has_errors() {
        return Err(BuildFailure {
            diagnostics: diagnostics.into_sorted(),
        });
    }
    Ok(Prepared {
        site,
        theme,
        i18n,
        diagnostics,
    })
}

/// The whole pipeline into `output`.
pub fn run(
    options: &Options,
    output: &dyn Output,
    progress: &dyn Progress,
) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let mut stages = Vec::new();
    let mut lap = Instant::now();
    let mut mark = |name: &'static str, stages: &mut Vec<(&'static str, Duration)>| {
        stages.push((name, lap.elapsed()));
        lap = Instant::now();
    };

    let root = options.root.as_path();
    let Prepared {
        site,
        theme,
        i18n,
        diagnostics,
    } = prepare_timed(options, &mut |name| mark(name, &mut stages))?;

    let figures = charts::render_all(&site, &i18n).map_err(|d| BuildFailure { diagnostics: d })?;
    mark("charts", &mut stages);

    let index_files = if site.config.search {
        let files = search::index::write(&site, &i18n, output)
            .map_err(|e| Diagnostic::error(Problem::Output(format!("search index: {e}"))))?;
        mark("index", &mut stages);
        files
    } else {
        0
    };

    let renderer = Renderer::new(&site, &figures, &theme, i18n, root)
        .map_err(|d| BuildFailure { diagnostics: d })?;
    let files = renderer
        .render_all(output, progress)
        .map_err(|d| BuildFailure { diagnostics: d })?
        + index_files;
    mark("render", &mut stages);

    Ok(BuildReport {
        pages: site.pages.len(),
        files,
        warnings: diagnostics.into_sorted(),
        stages,
        elapsed: started.elapsed(),
    })
}

fn display(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Refuses output folders that would swallow the site itself (`--output .`).
fn guard_output(root: &Path, target: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, target) = (abs(root), abs(target));
    if root.starts_with(&target) || target.join("site.toml").exists() {
        return Err(Diagnostic::error(Problem::Output(format!(
            "refusing to replace {}: it holds the site's sources",
            target.display()
        )))
        .with_help(
            "choose an output folder that holds only generated files, e.g. --output public",
        ));
    }
    Ok(())
}
