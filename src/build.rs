//! The commands that run the whole pipeline: `build` into a staging folder swapped in
//! only on success, `build_all` for every audience at once, and `check`, which writes
//! nothing.

use std::path::Path;
use std::time::Instant;

use crate::diagnostics::{Diagnostic, Problem};
use crate::options::Options;
use crate::outcome::{denied, guarded, BuildFailure, BuildReport};
use crate::output::{self, Output, Staging};
use crate::pipeline::{load, Prepared, Sources};
use crate::{render, t, Progress};

/// Builds the site into its output folder. On failure the previous output is untouched.
pub fn build(options: &Options, progress: &dyn Progress) -> Result<BuildReport, BuildFailure> {
    let target = options.output_dir();
    // Before the output folder is looked at: under a root out of reach it is too.
    if !options.root.as_os_str().is_empty() {
        crate::config::reachable(&options.root, Path::new(crate::layout::CONFIG_FILE))?;
    }
    output::guard::check_for(
        &options.root,
        &target,
        options.force,
        options.audience.as_deref(),
        // Unreadable, site.toml is taken to name audiences: the help that deletes nothing.
        &|| crate::config::Config::load_site(&options.root).is_ok_and(|c| c.audiences.is_empty()),
    )?;
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
fn stage<T>(
    target: &Path,
    write: impl FnOnce(&Staging) -> Result<T, BuildFailure>,
) -> Result<(Staging, T), BuildFailure> {
    let staging = Staging::create(target).map_err(|e| {
        if e.kind() == std::io::ErrorKind::WouldBlock {
            return Diagnostic::error(Problem::Output(t!(
                "another pmo build is writing this folder now"
            )))
            .in_file(target)
            .with_help(t!(
                "wait for it to finish (it leaves a complete site), then build again if the sources changed since it started"
            ));
        }
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
    let mut sources = guarded(|| load(options))?;
    sources.audience_folders = true;
    let Some(plan) = &sources.plan else {
        let d = Diagnostic::error(Problem::Config(t!(
            "--all-audiences needs audiences, and site.toml declares none"
        )))
        .with_help(t!("declare them lowest first, e.g. audiences = [\"public\", \"internal\", \"pmo\"], or build without --all-audiences"));
        return Err(sources.config.at_key(d, "audiences").into());
    };
    let base = options.output_dir();
    let names = plan.names().to_vec();
    let build_one = |level: usize, output: &dyn Output| {
        let prepared = sources.prepare_for(Some(level))?;
        finish(
            prepared,
            options,
            output,
            progress,
            started,
            level + 1 == names.len(),
        )
    };
    if output::holds_one_site(&options.root, &base, options.force)? {
        // One site built there before: replaced whole, so that nothing of it stays
        // published beside the audiences' folders, and a failure leaves it as it was.
        let (staging, reports) = stage(&base, |staging| {
            let mut reports = Vec::new();
            for (level, name) in names.iter().enumerate() {
                let folder = output::Subfolder {
                    output: staging,
                    folder: name,
                };
                reports.push((name.clone(), build_one(level, &folder)?));
                staging.mark(name).map_err(|e| output_error(&e, &base))?;
            }
            Ok(reports)
        })?;
        staging
            .commit_unmarked()
            .map_err(|e| output_error(&e, &base))?;
        return Ok(reports);
    }
    for name in &names {
        output::guard::check(&options.root, &base.join(name), options.force, Some(name))?;
    }
    output::check_audience_parent(&base, &names)?;
    std::fs::create_dir_all(&base).map_err(|e| output_error(&e, &base))?;
    let mut done: Vec<(String, Staging, BuildReport)> = Vec::new();
    for (level, name) in names.iter().enumerate() {
        let result = stage(&base.join(name), |staging| build_one(level, staging));
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

fn output_error(e: &std::io::Error, at: &Path) -> BuildFailure {
    Diagnostic::error(Problem::Output(crate::messages::reason(e)))
        .in_file(at)
        .into()
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
    match report {
        Some(mut report) if failed.is_empty() => {
            report.warnings = told_once(std::mem::take(&mut report.warnings));
            report.elapsed = started.elapsed();
            Ok(report)
        }
        _ => Err(BuildFailure::from(told_once(failed))),
    }
}

/// Each problem once, sorted by place: the audiences share most pages, so most problems
/// are found in each audience's site.
fn told_once(all: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    let mut kept: Vec<Diagnostic> = all
        .into_iter()
        .filter(|d| seen.insert((d.is_error(), d.to_string())))
        .collect();
    crate::diagnostics::sort(&mut kept);
    kept
}

/// The warnings of what audience `level` may not see, found in the highest audience's
/// site: a doubtful figure in a budget only `internal` sees is the author's to hear of
/// when building for `public`, as an error there already stops that build. Empty for a
/// site without audiences or a build for the highest.
/// With them, the highest audience and the number of its pages.
fn unseen_warnings(
    sources: &Sources,
    level: Option<usize>,
) -> (Vec<Diagnostic>, Option<(String, usize)>) {
    let (Some(plan), Some(level)) = (&sources.plan, level) else {
        return (Vec::new(), None);
    };
    let highest = plan.names().len() - 1;
    if level == highest {
        return (Vec::new(), None);
    }
    // An error only the highest audience's site has does not stop this build (`pmo check`
    // reports it): its warnings are what is asked for here.
    match sources.prepare_for(Some(highest)) {
        Ok(prepared) => {
            let pages = prepared.site.pages.len();
            let name = plan.names()[highest].clone();
            (prepared.warnings, Some((name, pages)))
        }
        Err(_) => (Vec::new(), None),
    }
}

/// The whole pipeline into `output`.
pub fn run(
    options: &Options,
    output: &dyn Output,
    progress: &dyn Progress,
) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let sources = load(options)?;
    let level = sources.level(options)?;
    let (unseen, highest) = unseen_warnings(&sources, level);
    let mut prepared = sources.prepare(level)?;
    if !unseen.is_empty() {
        let mut all = std::mem::take(&mut prepared.warnings);
        all.extend(unseen);
        prepared.warnings = told_once(all);
    }
    let mut report = finish(prepared, options, output, progress, started, true)?;
    report.left_out = highest
        .map(|(name, pages)| (name, pages.saturating_sub(report.pages)))
        .filter(|(_, pages)| *pages > 0);
    Ok(report)
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
    // A template's error comes with the warnings of the stages before it.
    let (files, stages) = prepared.write(output, progress).map_err(|mut failure| {
        failure
            .diagnostics
            .extend(prepared.warnings.iter().cloned());
        failure
    })?;
    // The templates' HTML is read as the pages are rendered.
    if options.deny_warnings && !prepared.warnings.is_empty() {
        return Err(denied(std::mem::take(&mut prepared.warnings)));
    }
    Ok(BuildReport {
        pages: prepared.site.pages.len(),
        drafts_skipped: prepared.drafts_skipped,
        files,
        warnings: prepared.warnings,
        stages,
        elapsed: started.elapsed(),
        audience: prepared.audience,
        left_out: None,
    })
}
