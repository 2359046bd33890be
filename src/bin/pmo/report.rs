//! What the command line prints: diagnostics as a compiler does (or one JSON line
//! each), the summary of a build, an import or a hygiene report, and `serve`'s notes.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::args::Format;
use crate::{lang, say};
use pmo_portal::diagnostics::{self, Diagnostic};
use pmo_portal::hygiene;
use pmo_portal::serve::Note;
use pmo_portal::t;
use pmo_portal::{BuildFailure, BuildReport, Date};
use pmo_portal::{Scope, Step};

/// Prints an import: each file (with its front matter in a dry run), the problems of
/// the rows, and a summary line.
pub(crate) fn imported(report: &pmo_portal::import::Report) -> ExitCode {
    summed(report);
    for part in &report.also {
        summed(part);
    }
    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints one part of an import (the projects, or their milestones or risks) with its
/// summary line.
fn summed(report: &pmo_portal::import::Report) {
    for planned in &report.planned {
        let file = planned.path.as_path();
        if report.dry_run {
            println!(
                "{}",
                say(t!(
                    "would write {file} (from {place})",
                    file = file,
                    place = &planned.place
                ))
            );
            println!("{}", planned.front_matter);
        } else {
            println!("  {}", say(t!("wrote {file}", file = file)));
        }
    }
    for d in &report.diagnostics {
        print_diagnostic(d);
    }
    use pmo_portal::import::Imported;
    let (count, skipped, failed) = (report.planned.len(), report.skipped, report.failed);
    let summary = match (report.what, report.dry_run) {
        (Imported::Lessons, true) => t!(
            "dry run: would import {count} lesson(s); {skipped} already in the site, {failed} row(s) with errors; nothing was written",
            count = count,
            skipped = skipped,
            failed = failed
        ),
        (Imported::Lessons, false) => t!(
            "imported {count} lesson(s) into content/lessons/; {skipped} already in the site, {failed} row(s) with errors",
            count = count,
            skipped = skipped,
            failed = failed
        ),
        (Imported::Projects, true) => t!(
            "dry run: would import {count} project(s); {skipped} already in the site, {failed} row(s) with errors; nothing was written",
            count = count,
            skipped = skipped,
            failed = failed
        ),
        (Imported::Projects, false) => t!(
            "imported {count} project(s) into content/projects/; {skipped} already in the site, {failed} row(s) with errors",
            count = count,
            skipped = skipped,
            failed = failed
        ),
        (Imported::Milestones, true) => t!(
            "dry run: would write {count} milestones table(s); {skipped} project(s) have one already, {failed} row(s) with errors; nothing was written",
            count = count,
            skipped = skipped,
            failed = failed
        ),
        (Imported::Milestones, false) => t!(
            "wrote {count} milestones table(s) into content/projects/; {skipped} project(s) have one already, {failed} row(s) with errors",
            count = count,
            skipped = skipped,
            failed = failed
        ),
        (Imported::Pages, true) => t!(
            "dry run: would import {count} page(s) into {folder}; {failed} page(s) with errors; nothing was written",
            count = count,
            folder = report.into.as_deref().unwrap_or(std::path::Path::new("content")),
            failed = failed
        ),
        (Imported::Pages, false) => t!(
            "imported {count} page(s) into {folder}; {failed} page(s) with errors",
            count = count,
            folder = report.into.as_deref().unwrap_or(std::path::Path::new("content")),
            failed = failed
        ),
        (Imported::Risks, true) => t!(
            "dry run: would write {count} risks table(s); {skipped} project(s) have one already, {failed} row(s) with errors; nothing was written",
            count = count,
            skipped = skipped,
            failed = failed
        ),
        (Imported::Risks, false) => t!(
            "wrote {count} risks table(s) into content/projects/; {skipped} project(s) have one already, {failed} row(s) with errors",
            count = count,
            skipped = skipped,
            failed = failed
        ),
    };
    eprintln!("{}", say(summary));
}

/// Prints hygiene findings grouped by check (or as one JSON document).
pub(crate) fn print_hygiene(findings: &[hygiene::Finding], as_of: Date, format: Format) {
    if format == Format::Json {
        let doc = serde_json::json!({ "as_of": as_of.iso(), "findings": findings });
        println!("{doc}");
        return;
    }
    println!(
        "{}",
        say(t!(
            "Knowledge hygiene as of {date}: {count} finding(s)",
            date = as_of.iso().as_str(),
            count = findings.len()
        ))
    );
    for check in hygiene::Check::ALL {
        let of_check: Vec<&hygiene::Finding> =
            findings.iter().filter(|f| f.check == check).collect();
        if of_check.is_empty() {
            continue;
        }
        println!("\n{}", say(hygiene::report::heading(check, of_check.len())));
        for f in of_check {
            println!(
                "  {}  {}  · {} · {}",
                f.file,
                f.title,
                say(hygiene::report::owner(f)),
                say(hygiene::report::detail(f))
            );
        }
    }
}

pub(crate) enum Verb {
    Built,
    Checked,
}

pub(crate) fn finish(
    result: Result<BuildReport, BuildFailure>,
    verb: Verb,
    format: Format,
) -> ExitCode {
    match result {
        Ok(report) => {
            show_folded(&report.warnings, format);
            let stages: Vec<String> = report
                .stages
                .iter()
                .map(|(name, d)| format!("{name} {} ms", d.as_millis()))
                .collect();
            let drafts = match report.drafts_skipped {
                0 => String::new(),
                1 => say(t!(", 1 draft left out")),
                n => say(t!(", {count} drafts left out", count = n)),
            };
            let warnings = match report.warnings.len() {
                0 => String::new(),
                1 => say(t!(", 1 warning")),
                n => say(t!(", {count} warnings", count = n)),
            };
            // A bare "94 files" left a user asking which: the count is of the files a
            // build writes from the pages (listings, feeds, stylesheets, search index).
            let files = match verb {
                Verb::Built => t!(
                    "{count} files written with the listings, feeds, stylesheets and search index",
                    count = report.files
                ),
                Verb::Checked => t!(
                    "{count} files a build would write with the listings, feeds, stylesheets and search index",
                    count = report.files
                ),
            };
            let verb = match (verb, &report.audience) {
                (Verb::Built, None) => t!("built"),
                (Verb::Built, Some(a)) => t!("built `{audience}`:", audience = a),
                (Verb::Checked, _) => t!("checked"),
            };
            eprintln!(
                "{}",
                say(t!(
                    "{verb} {pages} pages ({files}{drafts}) in {ms} ms [{stages}]{warnings}",
                    verb = verb,
                    pages = report.pages,
                    files = say(files),
                    drafts = drafts,
                    ms = report.elapsed.as_millis() as u64,
                    stages = stages.join(", "),
                    warnings = warnings
                ))
            );
            ExitCode::SUCCESS
        }
        Err(failure) => {
            show_folded(&failure.diagnostics, format);
            let errors = failure.errors().count();
            // `check` never writes: saying nothing was written would suggest it might.
            let summary = match verb {
                Verb::Checked => t!("failed: {count} error(s)", count = errors),
                _ => t!(
                    "failed: {count} error(s); nothing was written",
                    count = errors
                ),
            };
            eprintln!("{}", say(summary));
            exit_code(&failure.diagnostics)
        }
    }
}

/// The exit code of a command that failed with `diagnostics`: 3 when the site's folder
/// could not be reached (a share not connected: try again later), else 1 (something in
/// the site to mend). The README's table of exit codes lists them.
fn exit_code(diagnostics: &[Diagnostic]) -> ExitCode {
    let unreachable = diagnostics
        .iter()
        .any(|d| matches!(d.problem, pmo_portal::diagnostics::Problem::Unreachable(_)));
    ExitCode::from(if unreachable { 3 } else { 1 })
}

/// After a build, where the site went and the page to open: the summary counts pages
/// but a new user did not know to look in `public/`. `lowest` is the audience whose
/// site to open after `--all-audiences`, one folder per audience.
pub(crate) fn tell_where(output: &std::path::Path, lowest: Option<&str>) {
    let dir = output.strip_prefix(".").unwrap_or(output);
    let message = match lowest {
        None => t!(
            "the site is in {dir}/: open {index} in a browser, or copy the folder to a web server",
            dir = dir,
            index = &dir.join("index.html")
        ),
        Some(audience) => t!(
            "the sites are in {dir}/, one folder per audience: open {index} in a browser",
            dir = dir,
            index = &dir.join(audience).join("index.html")
        ),
    };
    eprintln!("{}", say(message));
}

/// After a build of the lowest audience by default, on a site with audiences: how many
/// pages only higher audiences see, and how to build their sites. A new user's page for
/// managers (`audience: managers`) was nowhere in `public/`, and nothing said why.
pub(crate) fn tell_left_out(audience: &str, highest: &str, pages: usize) {
    eprintln!(
        "{}",
        say(t!(
            "this is the site `{audience}` may see, the lowest audience: {pages} page(s) that `{highest}` may see are not in it. `pmo build --all-audiences` builds one site per audience, `pmo build --audience {highest}` the site of one",
            audience = audience,
            pages = pages,
            highest = highest
        ))
    );
}

/// What `serve` says: one line per rebuild, with the diagnostics of a failed one.
pub(crate) fn print_note(note: Note<'_>) {
    let now = jiff::Zoned::now().strftime("%H:%M:%S");
    match note {
        Note::PortTaken { port } => eprintln!(
            "{}",
            say(t!(
                "port {port} is taken; trying {next}",
                port = u32::from(port),
                next = u32::from(port) + 1
            ))
        ),
        Note::Listening { url, others } => {
            println!("{}", say(t!("serving {url}", url = url)));
            if let Some(others) = others {
                eprintln!(
                    "{}",
                    say(t!(
                        "other machines open {url} (to reach it by the machine's name, add --allow-host NAME)",
                        url = others
                    ))
                );
            }
            eprintln!("{}", say(t!("watching for changes; press Ctrl+C to stop")));
        }
        Note::Built { rebuild, .. } if rebuild.scope == Scope::Nothing => {}
        Note::Built { rebuild, sources } => {
            if let Some(warnings) = &rebuild.warnings {
                print_warnings(warnings);
            }
            if sources.is_empty() {
                eprintln!(
                    "{now} {}",
                    say(t!(
                        "built {count} files into memory in {ms} ms",
                        count = rebuild.changed.len(),
                        ms = rebuild.elapsed.as_millis() as u64
                    ))
                );
                return;
            }
            let what = match rebuild.scope {
                Scope::Full => t!("full rebuild"),
                Scope::Pages(n) => t!("{count} page(s) re-rendered", count = n),
                Scope::Templates(n) => t!("templates: {count} page(s) re-rendered", count = n),
                Scope::Data(n) => t!("data: {count} page(s) re-rendered", count = n),
                Scope::Static => t!("static files copied"),
                Scope::Nothing => t!("nothing to do"),
            };
            eprintln!(
                "{now} {}",
                say(t!(
                    "{sources}{what}, {changed} file(s) changed, {removed} removed, in {ms} ms",
                    sources = changed_sources(sources),
                    what = what,
                    changed = rebuild.changed.len(),
                    removed = rebuild.removed.len(),
                    ms = rebuild.elapsed.as_millis() as u64
                ))
            );
        }
        Note::Failed {
            failure,
            sources,
            served,
        } => {
            for d in &failure.diagnostics {
                print_diagnostic(d);
            }
            let line = if served {
                t!(
                    "{sources}build failed: {count} error(s); still serving the last good version",
                    sources = changed_sources(sources),
                    count = failure.errors().count()
                )
            } else {
                t!(
                    "{sources}build failed: {count} error(s); nothing is served until a build succeeds (the browser shows the errors)",
                    sources = changed_sources(sources),
                    count = failure.errors().count()
                )
            };
            eprintln!("{now} {}", say(line));
        }
        Note::Settled { settled } => {
            if let Some(warnings) = &settled.warnings {
                print_warnings(warnings);
            }
            let ms = settled.elapsed.as_millis() as u64;
            let files = settled.changed.len() + settled.removed.len();
            let line = match settled.step {
                Step::Register => t!(
                    "lessons register data: {count} file(s) changed in {ms} ms",
                    count = files,
                    ms = ms
                ),
                Step::Checks => t!(
                    "hygiene page and sanity checks: {count} file(s) changed in {ms} ms",
                    count = files,
                    ms = ms
                ),
                Step::Related => t!("related lessons found again in {ms} ms", ms = ms),
                Step::Pages(n) => t!(
                    "related lessons: {pages} page(s) re-rendered, {count} file(s) changed in {ms} ms",
                    pages = n,
                    count = files,
                    ms = ms
                ),
                Step::Search => t!(
                    "search index: {count} file(s) changed in {ms} ms",
                    count = files,
                    ms = ms
                ),
            };
            eprintln!("{now} {}", say(line));
        }
        Note::Trouble(message) => {
            eprintln!("{now} {}", say(t!("warning: {message}", message = message)))
        }
    }
}

pub(crate) fn changed_sources(sources: &[PathBuf]) -> String {
    match sources {
        [] => String::new(),
        [one] => format!("{} → ", one.display()),
        [first, rest @ ..] => say(t!(
            "{first} and {count} more → ",
            first = first.as_path(),
            count = rest.len()
        )),
    }
}

pub(crate) fn report_one(d: &Diagnostic) -> ExitCode {
    print_diagnostic(d);
    exit_code(std::slice::from_ref(d))
}

/// Prints like a compiler: the place, an excerpt with the spot marked, and the fix.
/// Prints the warnings `serve` has not printed last time: at 100,000 pages a site may
/// have hundreds, which would scroll by again after every save.
pub(crate) fn print_warnings(warnings: &[Diagnostic]) {
    static LAST: std::sync::Mutex<BTreeSet<String>> = std::sync::Mutex::new(BTreeSet::new());
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    let mut now = BTreeSet::new();
    let mut unchanged = 0;
    for warning in warnings {
        let text = diagnostics::render(warning, lang(), false);
        if last.contains(&text) {
            unchanged += 1;
        } else {
            print_diagnostic(warning);
        }
        now.insert(text);
    }
    if unchanged > 0 {
        eprintln!(
            "{}",
            say(t!(
                "{count} warning(s) as before, not shown again",
                count = unchanged
            ))
        );
    }
    *last = now;
}

/// Prints `diagnostics`: every one as a JSON line, or for a reader the first few of
/// each message whole and the rest folded into a line naming their places
/// ([`diagnostics::folded`]).
///
/// With nothing to tell, the JSON form is no line at all: the output is a stream of
/// JSON objects (JSON Lines), and a `[]` there would break a reader filtering the
/// objects by field (`jq 'select(.severity == "error")'`).
fn show_folded(diagnostics: &[Diagnostic], format: Format) {
    if format == Format::Json {
        for d in diagnostics {
            println!("{}", d.to_json(lang()));
        }
        return;
    }
    let (whole, folds) = diagnostics::folded(diagnostics, lang());
    for d in whole {
        print_diagnostic(d);
    }
    for fold in folds {
        eprintln!("  … {}\n", say(fold));
    }
}

pub(crate) fn print_diagnostic(d: &Diagnostic) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprintln!("{}", diagnostics::render(d, lang(), color));
}
