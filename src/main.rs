//! The `pmo` command line: parses arguments, runs the library, prints diagnostics.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use pmo_portal::diagnostics::{self, Diagnostic};
use pmo_portal::hygiene;
use pmo_portal::messages::{Lang, Text, SITE_DEFAULT};
use pmo_portal::scaffold;
use pmo_portal::serve::{self, Note, ServeOptions};
use pmo_portal::t;
use pmo_portal::Kind;
use pmo_portal::Progress;
use pmo_portal::{BuildFailure, BuildReport, Date, Options};
use pmo_portal::{Scope, Step};

#[derive(Parser)]
#[command(
    name = "pmo",
    version,
    about = "Builds the knowledge portal of a project management office"
)]
struct Cli {
    /// The site folder (the one holding site.toml).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (replaced only if the build succeeds).
    Build {
        /// Where to write the site.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Override base_url from site.toml (used in the feed and sitemap).
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Replace the output folder even though pmo did not write it. Never allowed for
        /// the site's own folders.
        #[arg(long)]
        force: bool,
        /// How to print problems: for people, or one JSON object per line on stdout.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings as on errors (for CI); nothing is written.
        #[arg(long)]
        deny_warnings: bool,
        /// Build what this audience may see (one of site.toml's `audiences`; the lowest
        /// by default).
        #[arg(long, value_name = "NAME", conflicts_with = "all_audiences")]
        audience: Option<String>,
        /// Build one complete site per audience, into <output>/<audience>/.
        #[arg(long)]
        all_audiences: bool,
        /// Build as of this day (YYYY-MM-DD): what is overdue is counted against it.
        /// Over site.toml's `as_of`; today by default.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = as_of_date)]
        as_of: Option<Date>,
    },
    /// Serve the site with live reload, rebuilding what each save touches.
    Serve {
        /// The port to listen on; the next free one is used if it is taken.
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Use 0.0.0.0 to let other machines in.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Also answer requests that name this host (e.g. the machine's name on the
        /// intranet); by default only the bound address and localhost are answered.
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_hosts: Vec<String>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Preview what this audience may see (the highest by default).
        #[arg(long, value_name = "NAME")]
        audience: Option<String>,
        /// Build as of this day (YYYY-MM-DD): what is overdue is counted against it.
        /// Over site.toml's `as_of`; today by default.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = as_of_date)]
        as_of: Option<Date>,
    },
    /// Check everything (front matter, links, data, templates) and write nothing.
    Check {
        #[arg(long)]
        drafts: bool,
        /// How to print problems: for people, or one JSON object per line on stdout.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings as on errors (for CI).
        #[arg(long)]
        deny_warnings: bool,
        /// Check this audience's site only (by default every audience's).
        #[arg(long, value_name = "NAME")]
        audience: Option<String>,
        /// Build as of this day (YYYY-MM-DD): what is overdue is counted against it.
        /// Over site.toml's `as_of`; today by default.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = as_of_date)]
        as_of: Option<Date>,
    },
    /// Create a new site in DIR that builds at once.
    Init {
        /// The folder to create the site in: a new or empty one.
        dir: PathBuf,
        /// The language of the site's UI and starter pages (site.toml's `language`).
        #[arg(long, value_enum, default_value_t = InitLang::Zh)]
        lang: InitLang,
    },
    /// Write JSON Schemas of site.toml and of each kind's front matter, for editors.
    Schema {
        /// The folder to write them into.
        #[arg(long, short, default_value = "schemas")]
        output: PathBuf,
    },
    /// Create a new page from its kind's archetype, e.g. `pmo new lesson "供应商延期"`.
    New {
        /// The kind of page; it decides the folder (content/lessons/ …) and the
        /// front matter fields.
        #[arg(value_parser = creatable_kind())]
        kind: Kind,
        /// The page's title, in quotes; the file is named after it unless --slug is given.
        title: String,
        /// File name to use instead of one made from the title.
        #[arg(long)]
        slug: Option<String>,
    },
    /// Bring pages in from other tools, e.g. `pmo import lessons 经验教训登记册.xlsx`.
    Import {
        #[command(subcommand)]
        what: Import,
    },
    /// Reports over the site's content, e.g. `pmo report hygiene --fail-on any`.
    Report {
        #[command(subcommand)]
        what: Report,
    },
}

#[derive(Subcommand)]
enum Report {
    /// List what has gone stale or was never finished, each with its file and owner:
    /// practices past review, lessons without a category, closed projects without a
    /// closure review, projects whose data stopped, pages nothing links to, old drafts.
    Hygiene {
        /// For people, or one JSON document on stdout.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Exit with 1 when a finding of this check is listed (repeatable); `any` for
        /// every check. Without it the exit code is 0 whatever is found.
        #[arg(long = "fail-on", value_name = "CHECK", value_parser = check_names())]
        fail_on: Vec<String>,
        /// Only what this person owes.
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// Judge staleness as of this day (YYYY-MM-DD), over site.toml's `as_of`; today
        /// by default.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = as_of_date)]
        as_of: Option<Date>,
    },
}

/// The check names `--fail-on` takes.
fn check_names() -> clap::builder::PossibleValuesParser {
    let mut names: Vec<&'static str> = hygiene::Check::ALL.iter().map(|c| c.key()).collect();
    names.push("any");
    clap::builder::PossibleValuesParser::new(names)
}

#[derive(Subcommand)]
enum Import {
    /// Write one lesson under content/lessons/ per row of a register (.xlsx, .xls, .ods
    /// or .csv); rows already imported are skipped, nothing is overwritten.
    Lessons {
        /// The register file.
        file: PathBuf,
        /// Read a column the built-in names miss as a field, e.g. --map 经验=recommendation
        /// (repeatable).
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// Show the files and front matter it would write, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// The languages `pmo init` writes a site in.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InitLang {
    /// Simplified Chinese (zh-CN)
    #[value(alias = "zh-CN", alias = "zh-cn")]
    Zh,
    /// English
    En,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

/// The kinds `pmo new` makes, by name, from the kind registry; clap lists them in help
/// and refuses the rest.
fn creatable_kind() -> impl clap::builder::TypedValueParser<Value = Kind> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(pmo_portal::creatable())
        // Every possible value is a registry key, so the lookup cannot miss.
        .map(|key| Kind::of_key(&key).unwrap_or(Kind::Page))
}

/// `--as-of`: a date as front matter writes it, refused with the same explanation.
fn as_of_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(say)
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match &cli.command {
        // Said in the language asked for; else as the reader's, else the site default's.
        Command::Init {
            lang: InitLang::En, ..
        } => Lang::En,
        Command::Init { .. } => Lang::from_env().unwrap_or(SITE_DEFAULT),
        _ => Lang::for_site(&cli.root),
    };
    let _ = LANG.set(lang);
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
                        // The audiences share most pages: each warning is told once.
                        let mut seen = std::collections::HashSet::new();
                        for (_, mut report) in reports {
                            report.warnings.retain(|d| seen.insert(d.to_string()));
                            finish(Ok(report), Verb::Built, format);
                        }
                        ExitCode::SUCCESS
                    }
                    Err(failure) => finish(Err(failure), Verb::Built, format),
                };
            }
            let result = pmo_portal::build(&options, &bar);
            bar.finish();
            finish(result, Verb::Built, format)
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
        Command::Schema { output } => match pmo_portal::schemas::write(&output) {
            Ok(files) => {
                for f in files {
                    println!("  {}", say(t!("wrote {file}", file = &f)));
                }
                ExitCode::SUCCESS
            }
            Err(d) => report_one(&d),
        },
        Command::Init { dir, lang } => match scaffold::init(&dir, lang == InitLang::En) {
            Ok(files) => {
                for f in files {
                    println!("  {}", say(t!("created {file}", file = &dir.join(f))));
                }
                println!(
                    "{}",
                    say(t!("Next: cd {dir} && pmo build", dir = dir.as_path()))
                );
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
        Command::Import {
            what: Import::Lessons { file, map, dry_run },
        } => {
            let options = pmo_portal::import::Options {
                file,
                maps: map,
                dry_run,
            };
            match pmo_portal::import::lessons(&cli.root, &options) {
                Ok(report) => imported(&report),
                Err(d) => report_one(&d),
            }
        }
    }
}

/// Prints an import: each file (with its front matter in a dry run), the problems of
/// the rows, and a summary line.
fn imported(report: &pmo_portal::import::Report) -> ExitCode {
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
    let summary = if report.dry_run {
        t!(
            "dry run: would import {count} lesson(s); {skipped} already in the site, {failed} row(s) with errors; nothing was written",
            count = report.planned.len(),
            skipped = report.skipped,
            failed = report.failed
        )
    } else {
        t!(
            "imported {count} lesson(s) into content/lessons/; {skipped} already in the site, {failed} row(s) with errors",
            count = report.planned.len(),
            skipped = report.skipped,
            failed = report.failed
        )
    };
    eprintln!("{}", say(summary));
    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints hygiene findings grouped by check (or as one JSON document).
fn print_hygiene(findings: &[hygiene::Finding], as_of: Date, format: Format) {
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

enum Verb {
    Built,
    Checked,
}

fn finish(result: Result<BuildReport, BuildFailure>, verb: Verb, format: Format) -> ExitCode {
    let show = |d: &Diagnostic| match format {
        Format::Human => print_diagnostic(d),
        Format::Json => println!("{}", d.to_json(lang())),
    };
    match result {
        Ok(report) => {
            for warning in &report.warnings {
                show(warning);
            }
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
                n => say(t!(", {count} warning(s)", count = n)),
            };
            let verb = match (verb, &report.audience) {
                (Verb::Built, None) => t!("built"),
                (Verb::Built, Some(a)) => t!("built `{audience}`:", audience = a),
                (Verb::Checked, _) => t!("checked"),
            };
            eprintln!(
                "{}",
                say(t!(
                    "{verb} {pages} pages ({files} files{drafts}) in {ms} ms [{stages}]{warnings}",
                    verb = verb,
                    pages = report.pages,
                    files = report.files,
                    drafts = drafts,
                    ms = report.elapsed.as_millis() as u64,
                    stages = stages.join(", "),
                    warnings = warnings
                ))
            );
            ExitCode::SUCCESS
        }
        Err(failure) => {
            for d in &failure.diagnostics {
                show(d);
            }
            let errors = failure.errors().count();
            eprintln!(
                "{}",
                say(t!(
                    "failed: {count} error(s); nothing was written",
                    count = errors
                ))
            );
            ExitCode::from(1)
        }
    }
}

/// What `serve` says: one line per rebuild, with the diagnostics of a failed one.
fn print_note(note: Note<'_>) {
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
        Note::Listening { url } => {
            println!("{}", say(t!("serving {url}", url = url)));
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
        Note::Failed { failure, sources } => {
            for d in &failure.diagnostics {
                print_diagnostic(d);
            }
            eprintln!(
                "{now} {}",
                say(t!(
                    "{sources}build failed: {count} error(s); still serving the last good version",
                    sources = changed_sources(sources),
                    count = failure.errors().count()
                ))
            );
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

fn changed_sources(sources: &[PathBuf]) -> String {
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

fn report_one(d: &Diagnostic) -> ExitCode {
    print_diagnostic(d);
    ExitCode::from(1)
}

/// Prints like a compiler: the place, an excerpt with the spot marked, and the fix.
/// Prints the warnings `serve` has not printed last time: at 100,000 pages a site may
/// have hundreds, which would scroll by again after every save.
fn print_warnings(warnings: &[Diagnostic]) {
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

fn print_diagnostic(d: &Diagnostic) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprintln!("{}", diagnostics::render(d, lang(), color));
}

/// A progress bar on the terminal, for builds long enough to want one.
struct Bar(OnceLock<ProgressBar>);

impl Bar {
    fn new() -> Bar {
        Bar(OnceLock::new())
    }

    fn finish(&self) {
        if let Some(bar) = self.0.get() {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        if total < 2000 || !std::io::stderr().is_terminal() {
            return;
        }
        let style = ProgressStyle::with_template("rendering {bar:40} {pos}/{len} pages")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        let _ = self.0.set(ProgressBar::new(total as u64).with_style(style));
    }

    fn advance(&self) {
        if let Some(bar) = self.0.get() {
            bar.inc(1);
        }
    }
}
