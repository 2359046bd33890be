//! The `pmo` command line: parses arguments, runs the library, prints diagnostics.

mod args;
mod progress;
mod report;
mod usage;

use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

use args::{Command, Import, InitLang, Report};
use progress::Bar;
use report::{finish, imported, print_hygiene, print_note, report_one, Verb};

use pmo_portal::messages::{Lang, Text};
use pmo_portal::scaffold;
use pmo_portal::serve::{self, ServeOptions};
use pmo_portal::t;
use pmo_portal::Options;

/// jemalloc rather than the system's malloc: a build makes millions of small, short-lived
/// allocations from two threads (tokens, postings, page parts), where it is 12-16%
/// faster than glibc's at 10k and 100k pages for the same peak memory (docs/performance.md).
/// The `alloc-stats` feature counts allocations with an allocator of its own. Wrapped in
/// `heap::Budgeted`, which bounds what one page's render may take (a site's template can
/// repeat a text by gigabytes where no loop or write of its own is counted).
#[cfg(all(not(target_env = "msvc"), not(feature = "alloc-stats")))]
#[global_allocator]
static GLOBAL: pmo_portal::heap::Budgeted<tikv_jemallocator::Jemalloc> =
    pmo_portal::heap::Budgeted(tikv_jemallocator::Jemalloc);

/// Returns every arena's unused pages to the system now (`pmo_portal::heap`): jemalloc
/// would otherwise keep them for ten seconds of decay, while the next stage grows on top.
#[cfg(all(not(target_env = "msvc"), not(feature = "alloc-stats")))]
fn purge_jemalloc() {
    // `arena.<MALLCTL_ARENAS_ALL>.purge`: every arena at once, a command without a value.
    const PURGE_ALL: &std::ffi::CStr = c"arena.4096.purge";
    // SAFETY: the name is a NUL-terminated string of a control that reads and writes
    // nothing, so both value pointers are null with a length of 0, as jemalloc asks.
    unsafe {
        tikv_jemalloc_sys::mallctl(
            PURGE_ALL.as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            0,
        );
    }
}

/// The language of everything printed: the site's (see `Lang::for_site`).
static LANG: OnceLock<Lang> = OnceLock::new();

fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

/// A message in the reader's language.
fn say(text: Text) -> String {
    text.render(lang())
}

/// A reader that stops early (`pmo report hygiene | head`) closes the pipe: the command
/// then ends quietly, as other command-line tools do, instead of panicking in
/// `println!`. Not for serve, whose browsers close connections all the time.
#[cfg(target_os = "linux")]
fn end_quietly_on_a_closed_pipe() {
    // SAFETY: restores the signal's default disposition before any thread is started;
    // no handler runs Rust code.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(target_os = "linux"))]
fn end_quietly_on_a_closed_pipe() {}

fn main() -> ExitCode {
    #[cfg(all(not(target_env = "msvc"), not(feature = "alloc-stats")))]
    pmo_portal::heap::use_release(purge_jemalloc);
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Settled before parsing, so that a mistake in the arguments, and a value parser's
    // reason, are told in it.
    let _ = LANG.set(usage::language(&args));
    let cli = usage::parse(args, lang());
    if !matches!(cli.command, Command::Serve { .. }) {
        end_quietly_on_a_closed_pipe();
    }
    match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
            force,
            format,
            deny_warnings,
            audience,
            all_audiences,
            as_of,
        } => {
            let mut options = Options::new(cli.root);
            options.as_of = as_of;
            options.output = output;
            options.base_url = base_url;
            options.drafts = drafts;
            options.force = force;
            options.deny_warnings = deny_warnings;
            options.audience = audience;
            let bar = Bar::new();
            if all_audiences {
                let result = pmo_portal::build_all(&options, &bar);
                bar.finish();
                return match result {
                    Ok(reports) => {
                        let lowest = reports.first().map(|(name, _)| name.clone());
                        // The audiences share most pages: each warning is told once.
                        let mut seen = std::collections::HashSet::new();
                        for (_, mut report) in reports {
                            report.warnings.retain(|d| seen.insert(d.to_string()));
                            finish(Ok(report), Verb::Built, format);
                        }
                        report::tell_where(&options.output_dir(), lowest.as_deref());
                        ExitCode::SUCCESS
                    }
                    Err(failure) => finish(Err(failure), Verb::Built, format),
                };
            }
            let result = pmo_portal::build(&options, &bar);
            bar.finish();
            let built = result.is_ok();
            // Built for the lowest audience by default: say what it leaves out.
            let left_out = match (&result, &options.audience) {
                (Ok(report), None) => report.left_out.clone().zip(report.audience.clone()),
                _ => None,
            };
            let code = finish(result, Verb::Built, format);
            if built {
                report::tell_where(&options.output_dir(), None);
            }
            if let Some(((highest, pages), audience)) = left_out {
                report::tell_left_out(&audience, &highest, pages);
            }
            code
        }
        Command::Serve {
            port,
            bind,
            open,
            allow_hosts,
            drafts,
            audience,
            as_of,
        } => {
            let mut build = Options::new(cli.root);
            build.as_of = as_of;
            build.drafts = drafts;
            build.audience = audience;
            build.default_audience = pmo_portal::DefaultAudience::Highest;
            let options = ServeOptions {
                build,
                bind,
                port,
                open,
                allow_hosts,
            };
            match serve::serve(options, Arc::new(print_note)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => report_one(&d),
            }
        }
        Command::Check {
            drafts,
            format,
            deny_warnings,
            audience,
            as_of,
        } => {
            let mut options = Options::new(cli.root);
            options.as_of = as_of;
            options.drafts = drafts;
            options.deny_warnings = deny_warnings;
            options.audience = audience;
            finish(pmo_portal::check(&options), Verb::Checked, format)
        }
        Command::Schema { output } => match pmo_portal::schemas::write(
            // Beside site.toml, whose `#:schema ./schemas/…` line finds them there.
            &output.unwrap_or_else(|| match cli.root.as_os_str() {
                r if r == "." => "schemas".into(),
                _ => cli.root.join("schemas"),
            }),
        ) {
            Ok(files) => {
                for f in files {
                    println!("  {}", say(t!("wrote {file}", file = &f)));
                }
                ExitCode::SUCCESS
            }
            Err(d) => report_one(&d),
        },
        Command::Init { dir, lang } => match scaffold::init_folder(dir.as_deref(), &cli.root)
            .and_then(|dir| Ok((scaffold::init(&dir, lang == InitLang::En)?, dir)))
        {
            Ok((files, dir)) => {
                for f in files {
                    println!("  {}", say(t!("created {file}", file = &dir.join(f))));
                }
                let next = if dir.as_os_str() == "." || dir.as_os_str().is_empty() {
                    t!("Next: pmo build")
                } else {
                    t!("Next: cd {dir} && pmo build", dir = dir.as_path())
                };
                println!("{}", say(next));
                ExitCode::SUCCESS
            }
            Err(d) => report_one(&d),
        },
        Command::New { kind, title, slug } => {
            match scaffold::new_page(&cli.root, kind, &title, slug.as_deref()) {
                Ok(path) => {
                    println!("{}", say(t!("created {file}", file = &path)));
                    ExitCode::SUCCESS
                }
                Err(d) => report_one(&d),
            }
        }
        Command::Report {
            what:
                Report::Hygiene {
                    format,
                    fail_on,
                    owner,
                    as_of,
                },
        } => {
            let mut options = Options::new(cli.root);
            options.as_of = as_of;
            match pmo_portal::hygiene_report(&options) {
                Ok((as_of, mut findings)) => {
                    if let Some(owner) = &owner {
                        let meant = pmo_portal::hygiene::owners_meant(owner, &findings);
                        if !meant.is_empty() {
                            // A typo would print an empty report and pass a CI check.
                            let meant = meant
                                .iter()
                                .map(|m| format!("`{m}`"))
                                .collect::<Vec<_>>()
                                .join(", ");
                            eprintln!(
                                "{}",
                                say(t!(
                                    "no finding is owned by `{owner}`; did you mean {meant}? (--owner takes the whole name as the pages write it)",
                                    owner = owner.as_str(),
                                    meant = meant.as_str()
                                ))
                            );
                            return ExitCode::from(2);
                        }
                        findings.retain(|f| f.owner.as_deref() == Some(owner.as_str()));
                    }
                    print_hygiene(&findings, as_of, format);
                    let failing = findings
                        .iter()
                        .any(|f| fail_on.iter().any(|c| c == "any" || c == f.check.key()));
                    if failing {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(failure) => finish(Err(failure), Verb::Checked, format),
            }
        }
        Command::Import { what } => {
            use pmo_portal::import;
            let (run, file, map, sheets, dry_run, date_order): (fn(&_, &_) -> _, _, _, _, _, _) =
                match what {
                    Import::Lessons {
                        file,
                        map,
                        dry_run,
                        date_order,
                    } => (import::lessons, file, map, Vec::new(), dry_run, date_order),
                    Import::Projects {
                        file,
                        map,
                        sheet,
                        dry_run,
                        date_order,
                    } => (import::projects, file, map, sheet, dry_run, date_order),
                    Import::Milestones(t) => (
                        import::milestones,
                        t.file,
                        t.map,
                        t.sheet,
                        t.dry_run,
                        t.date_order,
                    ),
                    Import::Html {
                        dir,
                        into,
                        kind,
                        force,
                        dry_run,
                    } => {
                        let options = import::HtmlOptions {
                            dir,
                            into,
                            kind: if kind == "practice" {
                                import::PageKind::Practice
                            } else {
                                import::PageKind::Page
                            },
                            force,
                            dry_run,
                        };
                        return match import::html(&cli.root, &options) {
                            Ok(report) => imported(&report),
                            Err(d) => report_one(&d),
                        };
                    }
                    Import::Risks(t) => (
                        import::risks,
                        t.file,
                        t.map,
                        t.sheet,
                        t.dry_run,
                        t.date_order,
                    ),
                };
            let options = import::Options {
                file,
                maps: map,
                dry_run,
                sheets,
                // clap took only the three keys.
                date_order: date_order.as_deref().and_then(import::DateOrder::from_key),
                ..Default::default()
            };
            match run(&cli.root, &options) {
                Ok(report) => imported(&report),
                Err(d) => report_one(&d),
            }
        }
    }
}
