//! The `pmo` command line: parses arguments, runs the library, prints diagnostics.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use pmo_portal::diagnostics::{self, Diagnostic};
use pmo_portal::incremental::Scope;
use pmo_portal::render::Progress;
use pmo_portal::scaffold::{self, NewKind};
use pmo_portal::serve::{self, Note, ServeOptions};
use pmo_portal::{BuildFailure, BuildReport, Options};

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
    },
    /// Create a new site in DIR that builds at once.
    Init { dir: PathBuf },
    /// Write JSON Schemas of site.toml and of each kind's front matter, for editors.
    Schema {
        /// The folder to write them into.
        #[arg(long, short, default_value = "schemas")]
        output: PathBuf,
    },
    /// Create a new page from its kind's archetype, e.g. `pmo new lesson "供应商延期"`.
    New {
        kind: KindArg,
        title: String,
        /// File name to use instead of one made from the title.
        #[arg(long)]
        slug: Option<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Lesson,
    Practice,
    Project,
    Review,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
            force,
            format,
            deny_warnings,
        } => {
            let options = Options {
                root: cli.root,
                output,
                base_url,
                drafts,
                force,
                deny_warnings,
            };
            let bar = Bar::new();
            let result = pmo_portal::build(&options, &bar);
            bar.finish();
            finish(result, "built", format)
        }
        Command::Serve {
            port,
            bind,
            open,
            allow_hosts,
            drafts,
        } => {
            let mut build = Options::new(cli.root);
            build.drafts = drafts;
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
        } => {
            let mut options = Options::new(cli.root);
            options.drafts = drafts;
            options.deny_warnings = deny_warnings;
            finish(pmo_portal::check(&options), "checked", format)
        }
        Command::Schema { output } => match pmo_portal::schemas::write(&output) {
            Ok(files) => {
                for f in files {
                    println!("  wrote {}", f.display());
                }
                ExitCode::SUCCESS
            }
            Err(d) => report_one(&d),
        },
        Command::Init { dir } => match scaffold::init(&dir) {
            Ok(files) => {
                for f in files {
                    println!("  created {}", dir.join(f).display());
                }
                println!("Next: cd {} && pmo build", dir.display());
                ExitCode::SUCCESS
            }
            Err(d) => report_one(&d),
        },
        Command::New { kind, title, slug } => {
            let kind = match kind {
                KindArg::Lesson => NewKind::Lesson,
                KindArg::Practice => NewKind::Practice,
                KindArg::Project => NewKind::Project,
                KindArg::Review => NewKind::Review,
            };
            match scaffold::new_page(&cli.root, kind, &title, slug.as_deref()) {
                Ok(path) => {
                    println!("created {}", path.display());
                    ExitCode::SUCCESS
                }
                Err(d) => report_one(&d),
            }
        }
    }
}

fn finish(result: Result<BuildReport, BuildFailure>, verb: &str, format: Format) -> ExitCode {
    let show = |d: &Diagnostic| match format {
        Format::Human => print_diagnostic(d),
        Format::Json => println!("{}", d.to_json()),
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
                1 => ", 1 draft left out".to_string(),
                n => format!(", {n} drafts left out"),
            };
            eprintln!(
                "{verb} {} pages ({} files{drafts}) in {} ms [{}]{}",
                report.pages,
                report.files,
                report.elapsed.as_millis(),
                stages.join(", "),
                match report.warnings.len() {
                    0 => String::new(),
                    n => format!(", {n} warning(s)"),
                }
            );
            ExitCode::SUCCESS
        }
        Err(failure) => {
            for d in &failure.diagnostics {
                show(d);
            }
            let errors = failure.errors().count();
            eprintln!("failed: {errors} error(s); nothing was written");
            ExitCode::from(1)
        }
    }
}

/// What `serve` says: one line per rebuild, with the diagnostics of a failed one.
fn print_note(note: Note<'_>) {
    let now = jiff::Zoned::now().strftime("%H:%M:%S");
    match note {
        Note::PortTaken { port } => eprintln!("port {port} is taken; trying {}", port + 1),
        Note::Listening { url } => {
            println!("serving {url}");
            eprintln!("watching for changes; press Ctrl+C to stop");
        }
        Note::Built { rebuild, .. } if rebuild.scope == Scope::Nothing => {}
        Note::Built { rebuild, sources } => {
            for warning in &rebuild.warnings {
                print_diagnostic(warning);
            }
            if sources.is_empty() {
                eprintln!(
                    "{now} built {} files into memory in {} ms",
                    rebuild.changed.len(),
                    rebuild.elapsed.as_millis()
                );
                return;
            }
            let what = match rebuild.scope {
                Scope::Full => "full rebuild".to_string(),
                Scope::Pages(n) => format!("{n} page(s) re-rendered"),
                Scope::Templates(n) => format!("templates: {n} page(s) re-rendered"),
                Scope::Data(n) => format!("data: {n} page(s) re-rendered"),
                Scope::Static => "static files copied".to_string(),
                Scope::Nothing => "nothing to do".to_string(),
            };
            eprintln!(
                "{now} {}{what}, {} file(s) changed, {} removed, in {} ms",
                changed_sources(sources),
                rebuild.changed.len(),
                rebuild.removed.len(),
                rebuild.elapsed.as_millis()
            );
        }
        Note::Failed { failure, sources } => {
            for d in &failure.diagnostics {
                print_diagnostic(d);
            }
            eprintln!(
                "{now} {}build failed: {} error(s); still serving the last good version",
                changed_sources(sources),
                failure.errors().count()
            );
        }
        Note::SearchUpdated { files, elapsed } => {
            eprintln!(
                "{now} search index: {files} file(s) changed in {} ms",
                elapsed.as_millis()
            );
        }
        Note::Trouble(message) => eprintln!("{now} warning: {message}"),
    }
}

fn changed_sources(sources: &[PathBuf]) -> String {
    match sources {
        [] => String::new(),
        [one] => format!("{} → ", one.display()),
        [first, rest @ ..] => format!("{} and {} more → ", first.display(), rest.len()),
    }
}

fn report_one(d: &Diagnostic) -> ExitCode {
    print_diagnostic(d);
    ExitCode::from(1)
}

/// Prints like a compiler: the place, an excerpt with the spot marked, and the fix.
fn print_diagnostic(d: &Diagnostic) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprintln!("{}", diagnostics::render(d, color));
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
