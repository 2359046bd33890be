//! The stages before rendering, run once and shared: the sources loaded and parsed
//! ([`Sources`]), then linked, derived and charted for one audience ([`Prepared`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{self, Config};
use crate::diagnostics::{Diagnostic, Diagnostics, Problem};
use crate::options::{DefaultAudience, Options};
use crate::outcome::{guarded, BuildFailure, Stages};
use crate::output::{self, Output};
use crate::render::{RenderCache, Renderer};
use crate::theme::{self, Theme};
use crate::{
    alloc_stats, audience, charts, content, data, derive, heap, hygiene, i18n, markdown, related,
    search, site, t,
};
use crate::{Date, Progress};

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
    /// `related` is still to be found: a one-shot build finds it once the index is
    /// written, so that its lists are not held beside the index's postings.
    pub related_owed: bool,
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

    /// Never inlined: `valgrind --tool=callgrind --dump-before=pmo_portal::pipeline::Laps::mark`
    /// then counts each stage's instructions apart (bench/README.md).
    #[inline(never)]
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
    /// Each audience's site is published in a folder of its own under `base_url`
    /// (`--all-audiences`: `public/internal/` at `…/pmo/internal/`), so its feed, sitemap,
    /// canonical links and 404 page must name that folder: one `base_url` for every
    /// audience sent each one's readers to the same folder.
    pub audience_folders: bool,
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
    let mut config = Config::load_site(root)?;
    if let Some(url) = &options.base_url {
        config::check_base_url(url).map_err(|why| {
            // The flag's value, not site.toml, is wrong: told without "invalid site.toml".
            Diagnostic::error(Problem::Content(why))
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
    // Before the templates and UI strings are read: a file that is another's second name
    // would be quoted in their errors (`i18n/zh-CN.toml` made with `ln ~/.env`).
    let hard_links = crate::hardlinks::check(root, !config.audiences.is_empty(), &config.theme);
    if !hard_links.is_empty() {
        return Err(BuildFailure::from(hard_links));
    }
    let theme = Theme::resolve(root, &config.theme)?;
    if let Some(d) = theme::without_templates(root, &config.theme) {
        let d = match d.path.as_deref() == Some(Path::new(crate::layout::CONFIG_FILE)) {
            true => config.at_key(d, "theme"),
            false => d,
        };
        return Err(d.into());
    }
    // A theme without the language's strings is told at `language` in site.toml.
    let (i18n, missing_strings) =
        i18n::I18n::load(&theme, root, config.language.code()).map_err(|d| {
            let d = if d.location.is_none()
                && d.path.as_deref() == Some(Path::new(crate::layout::CONFIG_FILE))
            {
                config.at_key(d, "language")
            } else {
                d
            };
            // A folder in the strings file's place is warned about: it is why.
            let mut told = theme.warnings().to_vec();
            told.push(d);
            BuildFailure::from(told)
        })?;
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(Diagnostic::error(Problem::Content(t!("there is no content/ folder")))
            .in_file(Path::new("content"))
            .with_help(t!("create content/ with your Markdown files, or run `pmo init DIR` for a starter site"))
            .into());
    }
    laps.mark("config");

    let diagnostics = Diagnostics::default();
    diagnostics.extend(theme.warnings().iter().cloned());
    // Messages follow the home page's language when site.toml names none; the pages
    // follow the default (Chinese): an English portal got 首页 and 搜索门户 unsaid.
    if !config.sets("language")
        && config.language.code() != "en"
        && crate::messages::home_page_language(root) == Some(crate::messages::Lang::En)
    {
        let warning = Diagnostic::warning(Problem::Config(t!(
            "site.toml names no `language`, so the pages' menus, labels and dates are in Chinese (zh-CN, the default), while the home page is written in English"
        )))
        .with_help(t!("add `language = \"en\"` to site.toml for an English portal (or `language = \"zh-CN\"` to keep Chinese and silence this)"));
        diagnostics.push(config.at_key(warning, "language"));
    }
    diagnostics.extend(missing_strings);
    diagnostics.extend(crate::symlinks::source_folders(root));
    let site_static = root.join("static");
    diagnostics.extend(output::normal_form_twins(
        "static",
        theme
            .static_files()
            .iter()
            .filter(|(_, source)| matches!(source, theme::Source::Disk(path) if path.starts_with(&site_static)))
            .map(|(rel, _)| rel.as_str()),
    ));
    let loaded = content::load::load(
        &content_dir,
        root,
        options.drafts,
        keep_sources,
        !config.trust_html,
        &diagnostics,
    );
    if !config.trust_html {
        diagnostics.extend(content::active::check(&content_dir, &loaded.assets));
        diagnostics.extend(crate::render::template_scripts::warnings(&theme, root));
    }
    if !config.audiences.is_empty() {
        diagnostics.extend(
            loaded
                .links
                .iter()
                .map(|rel| crate::symlinks::link_in_audience_site(&Path::new("content").join(rel))),
        );
    }
    let bases = data::Bases::new(&loaded.pages, config.budget.basis);
    let data = data::load(root, &loaded.tables, &bases, &diagnostics);
    diagnostics.extend(data::block_tables_in_folders(root, &data, &loaded.pages));
    let plan = audience::Plan::new(&config, &loaded, &content_dir, &diagnostics);
    if let Some(plan) = &plan {
        diagnostics.extend(plan.unknown_money_tables(root, &config, &data));
    }
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
        audience_folders: false,
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
        let mut config = self.config.clone();
        if let (true, Some(plan), Some(level)) = (self.audience_folders, &self.plan, level) {
            config.base_url = format!("{}{}/", config.base_url, plan.names()[level]);
        }
        let build = level.and_then(|l| self.plan.as_ref().map(|p| p.names()[l].as_str()));
        let taken = static_files
            .values()
            .filter_map(theme::Source::on_disk)
            .chain(self.theme.read_from_disk())
            .chain(data.tables.values().map(|t| t.path.as_path()))
            .filter(|path| !path.starts_with("content"));
        diagnostics.extend(crate::symlinks::into_unpublished(
            &self.root,
            taken,
            &loaded.published(),
            build,
        ));
        let mut site = site::link(config, loaded, data, static_files, &diagnostics);
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
            diagnostics.extend(content::unfilled::headings_only(page));
            diagnostics.extend(content::unfilled::nothing_below(page));
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
        let warnings = with_sanity(&stage_warnings, &site, &self.i18n);
        laps.mark("derive");

        // A chart's error comes with the warnings found so far: one of them is often its
        // cause (a table that is a folder, a column read as text).
        let drawings =
            charts::render_all(&site, &self.i18n, self.keep_sources).map_err(|errors| {
                let mut failure = BuildFailure::from(errors);
                failure.diagnostics.extend(warnings.iter().cloned());
                failure
            })?;
        laps.mark("charts");
        // A one-shot build finds them after the index (see `Prepared::write`).
        let related = if self.keep_sources {
            let related = related::Related::of(&site);
            // The term bags and vectors, before the index stage's postings grow.
            heap::give_back();
            laps.mark("related");
            related
        } else {
            related::Related::default()
        };
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
            related_owed: !self.keep_sources,
        })
    }
}

/// `stage_warnings`, the sanity warnings of `site`'s figures and those of its chart and
/// table blocks, sorted by place.
pub fn with_sanity(
    stage_warnings: &[Diagnostic],
    site: &site::Site,
    i18n: &i18n::I18n,
) -> Vec<Diagnostic> {
    let mut all = stage_warnings.to_vec();
    all.extend(derive::sanity::check(site));
    all.extend(charts::block_warnings(site, i18n));
    crate::diagnostics::sort(&mut all);
    all
}

impl Prepared {
    /// The index and render stages of a one-shot build: writes every file of the site to
    /// `output`. Returns the number of files and the timings of all stages.
    ///
    /// The stages are run so that the largest data of each are never in memory together:
    /// related lessons are found once the index's postings are gone (at 100,000 pages
    /// their lists held 49 MiB beside the postings, at the build's peak), the pages'
    /// search text goes after both, and the summaries render lists pages by are made
    /// only after the index is written.
    pub fn write(
        &mut self,
        output: &dyn Output,
        progress: &dyn Progress,
    ) -> Result<(usize, Stages), BuildFailure> {
        let mut laps = Laps::new();
        let index_files = self.index(output, &mut laps)?;
        if std::mem::take(&mut self.related_owed) {
            heap::give_back();
            self.related = related::Related::of(&self.site);
            laps.mark("related");
        }
        self.site.release_text();
        // The postings and the search text, before the render stage's pages.
        heap::give_back();
        let cache = RenderCache::new(&self.site, &self.theme, &self.i18n, &self.root)
            .map_err(BuildFailure::from)?;
        let (files, stages, markup) = self.render(&cache, output, progress, index_files, laps)?;
        self.warnings.extend(markup);
        Ok((files, stages))
    }

    /// [`Prepared::write`] with templates and summaries already made, keeping every
    /// page's text (`serve` indexes the site again after each edit). Returns the warnings
    /// about the templates' HTML apart: `serve` replaces them when a template is saved.
    pub fn write_with(
        &self,
        cache: &RenderCache,
        output: &dyn Output,
        progress: &dyn Progress,
    ) -> Result<(usize, Stages, Vec<Diagnostic>), BuildFailure> {
        let mut laps = Laps::new();
        // Only `serve` writes so, and it loads keeping sources: related lessons were found.
        debug_assert!(
            !self.related_owed,
            "write_with on a site prepared for one build"
        );
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

    /// Renders every page; returns all files written, the index's included, the
    /// timings of every stage and the warnings about the templates' HTML.
    fn render(
        &self,
        cache: &RenderCache,
        output: &dyn Output,
        progress: &dyn Progress,
        index_files: usize,
        mut laps: Laps,
    ) -> Result<(usize, Stages, Vec<Diagnostic>), BuildFailure> {
        let renderer = Renderer::new(
            &self.site,
            &self.drawings,
            &self.related,
            cache,
            &self.i18n,
            &self.root,
        );
        let (files, markup) = renderer
            .render_all(output, progress)
            .map_err(BuildFailure::from)?;
        let files = files + index_files;
        let site_static = self.root.join("static");
        let authored: std::collections::HashMap<&str, PathBuf> = self
            .site
            .assets
            .iter()
            .map(|rel| (rel.as_str(), Path::new("content").join(rel)))
            .chain(
                self.site
                    .static_files
                    .iter()
                    .filter(|(_, source)| {
                        matches!(source, theme::Source::Disk(path) if path.starts_with(&site_static))
                    })
                    .map(|(rel, _)| (rel.as_str(), Path::new("static").join(rel))),
            )
            .collect();
        let mut clashes = output::built_case_clashes(&output.written(), &authored);
        if self.site.config.search {
            clashes.extend(output::in_search_folder(&authored));
        }
        if !clashes.is_empty() {
            return Err(clashes.into());
        }
        laps.mark("render");
        let mut stages = self.stages.clone();
        stages.extend(laps.stages);
        Ok((files, stages, markup))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
