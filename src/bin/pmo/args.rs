//! The command line's arguments, as clap parses them: each command, its options and
//! the values it accepts (which clap lists in `--help` and refuses otherwise).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::say;
use pmo_portal::hygiene;
use pmo_portal::{Date, Kind};

// Each command's `--help` ends with examples a user can run as written in a site made
// by `pmo init` (tests/walk14.rs runs those that need no file of their own). Kept in
// English with Latin names: the help is English whatever the site's language.
const EXAMPLES_BUILD: &str = "Examples:
  pmo build
  pmo build --deny-warnings
  pmo build --output ../www --base-url https://intranet.example.com/pmo/";
const EXAMPLES_SERVE: &str = "Examples:
  pmo serve
  pmo serve --drafts --open
  pmo serve --bind 0.0.0.0 --allow-host pmo-preview";
const EXAMPLES_CHECK: &str = "Examples:
  pmo check
  pmo check --deny-warnings --format json";
const EXAMPLES_INIT: &str = "Examples:
  pmo init pmo-portal
  pmo init --lang en pmo-portal";
const EXAMPLES_SCHEMA: &str = "Examples:
  pmo schema";
const EXAMPLES_NEW: &str = "Examples:
  pmo new project \"ERP upgrade\" --slug erp-upgrade
  pmo new lesson \"Vendor delay slipped a milestone\"
  pmo new review \"ERP upgrade closure review\"";
const EXAMPLES_HYGIENE: &str = "Examples:
  pmo report hygiene
  pmo report hygiene --fail-on overdue-actions --format json";
const EXAMPLES_LESSONS: &str = "Examples:
  pmo import lessons register.xlsx --dry-run
  pmo import lessons register.csv --map \"Key learning=recommendation\"";
const EXAMPLES_PROJECTS: &str = "Examples:
  pmo import projects projects-2026.xlsx --dry-run
  pmo import projects projects-2026.xlsx --sheet milestones=Schedule";
const EXAMPLES_MILESTONES: &str = "Examples:
  pmo import milestones milestones.xlsx --dry-run";
const EXAMPLES_RISKS: &str = "Examples:
  pmo import risks risk-register.xlsx --sheet Risks --dry-run";
const EXAMPLES_HTML: &str = "Examples:
  pmo import html ~/Downloads/PMO-export --dry-run
  pmo import html ~/Downloads/PMO-export --into kb";

#[derive(Parser)]
#[command(
    name = "pmo",
    version,
    about = "Builds the knowledge portal of a project management office",
    after_help = "Getting started:
  pmo init pmo-portal
  cd pmo-portal
  pmo build
  pmo serve

Each command's options and examples: pmo help COMMAND (pmo help import html)"
)]
pub(crate) struct Cli {
    /// The site folder (the one holding site.toml); exit code 3 when it does not exist
    /// or cannot be read.
    #[arg(long, global = true, default_value = ".")]
    pub(crate) root: PathBuf,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Build the site into public/ (replaced only if the build succeeds).
    #[command(after_help = EXAMPLES_BUILD)]
    Build {
        /// Where to write the site [default: public/ in the site folder]
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
        /// It takes the place of site.toml's `as_of`; today by default.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = as_of_date)]
        as_of: Option<Date>,
    },
    /// Serve the site with live reload, rebuilding what each save touches.
    #[command(after_help = EXAMPLES_SERVE)]
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
        /// It takes the place of site.toml's `as_of`; today by default.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = as_of_date)]
        as_of: Option<Date>,
    },
    /// Check everything (front matter, links, data, templates) and write nothing.
    #[command(after_help = EXAMPLES_CHECK)]
    Check {
        /// Check pages marked `draft: true` as published ones: their problems are errors,
        /// not warnings.
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
        /// Check as of this day (YYYY-MM-DD): what is overdue is counted against it.
        /// It takes the place of site.toml's `as_of`; today by default.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = as_of_date)]
        as_of: Option<Date>,
    },
    /// Create a new site in DIR that builds at once.
    #[command(after_help = EXAMPLES_INIT)]
    Init {
        /// The folder to create the site in: a new or empty one. Without it, `--root`
        /// (the current folder by default).
        dir: Option<PathBuf>,
        /// The language of the site's UI and starter pages (site.toml's `language`).
        #[arg(long, value_enum, ignore_case = true, default_value_t = InitLang::Zh)]
        lang: InitLang,
    },
    /// Write JSON Schemas of site.toml and of each kind's front matter, for editors.
    #[command(after_help = EXAMPLES_SCHEMA)]
    Schema {
        /// The folder to write them into [default: schemas/ in the site folder]
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Create a new page from its kind's archetype, e.g. `pmo new lesson "Vendor delay"`.
    #[command(after_help = EXAMPLES_NEW)]
    New {
        /// The kind of page; it decides the folder (content/lessons/ …) and the
        /// front matter fields.
        #[arg(value_parser = creatable_kind())]
        kind: Kind,
        /// The page's title, in quotes; the file is named after it unless --slug is given.
        /// A title a page of this kind already has is refused.
        title: String,
        /// File name to use instead of one made from the title.
        #[arg(long)]
        slug: Option<String>,
    },
    /// Bring pages in from other tools, e.g. `pmo import lessons register.xlsx`.
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
pub(crate) enum Report {
    /// List what has gone stale or was never finished, each with its file and owner:
    /// overdue actions, practices past review, lessons without a category or without
    /// actions, closed projects without a closure review, projects whose data stopped,
    /// pages nothing links to, old drafts.
    #[command(after_help = EXAMPLES_HYGIENE)]
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
        /// Judge staleness as of this day (YYYY-MM-DD), in place of site.toml's `as_of`;
        /// today by default.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = as_of_date)]
        as_of: Option<Date>,
    },
}

/// The check names `--fail-on` takes.
pub(crate) fn check_names() -> clap::builder::PossibleValuesParser {
    let mut names: Vec<&'static str> = hygiene::Check::ALL.iter().map(|c| c.key()).collect();
    names.push("any");
    clap::builder::PossibleValuesParser::new(names)
}

#[derive(Subcommand)]
pub(crate) enum Import {
    /// Write one lesson under content/lessons/ per row of a register (.xlsx, .xls, .ods
    /// or .csv); rows already imported are skipped, nothing is overwritten.
    #[command(after_help = EXAMPLES_LESSONS)]
    Lessons {
        /// The register file.
        file: PathBuf,
        /// Read a column the built-in names miss as a field, e.g. --map "Key
        /// learning=recommendation" (repeatable).
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// Show the files and front matter it would write, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// How the register writes a date with the year last, 03/05/2026: dmy (3 May),
        /// mdy (March 5) or ymd (never so); over site.toml's date_order.
        #[arg(long = "date-order", value_name = "ORDER", value_parser = ["dmy", "mdy", "ymd"])]
        date_order: Option<String>,
    },
    /// Write one project folder under content/projects/ per row of a list of projects
    /// (.xlsx, .xls, .ods or .csv), e.g. finance's export; projects already in the site
    /// (by folder, code, or title) are skipped, nothing is overwritten.
    #[command(after_help = EXAMPLES_PROJECTS)]
    Projects {
        /// The list of projects; a workbook's sheets named 里程碑 (Milestones) and 风险
        /// (Risks) become the projects' milestones.csv and risks.csv.
        file: PathBuf,
        /// Read a column the built-in names miss as a field, e.g. --map "立项编号=code"
        /// (repeatable).
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// The sheet holding the projects, or a part's: --sheet 2026清单, --sheet
        /// milestones=节点计划, --sheet risks=风险台账 (repeatable).
        #[arg(long = "sheet", value_name = "[PART=]NAME")]
        sheet: Vec<String>,
        /// Show the files and front matter it would write, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// How the register writes a date with the year last, 03/05/2026: dmy (3 May),
        /// mdy (March 5) or ymd (never so); over site.toml's date_order.
        #[arg(long = "date-order", value_name = "ORDER", value_parser = ["dmy", "mdy", "ymd"])]
        date_order: Option<String>,
    },
    /// Write each project's milestones.csv from a sheet of milestones (.xlsx, .xls, .ods
    /// or .csv) whose rows name their project by code or title; a project that has a
    /// milestones table is skipped, nothing is overwritten.
    #[command(after_help = EXAMPLES_MILESTONES)]
    Milestones(TableImport),
    /// Write each project's risks.csv from a risk register (.xlsx, .xls, .ods or .csv)
    /// whose rows name their project by code or title; a project that has a risks table
    /// is skipped, nothing is overwritten.
    #[command(after_help = EXAMPLES_RISKS)]
    Risks(TableImport),
    /// Write the pages of a Confluence space exported as HTML (the folder holding its
    /// index.html) as Markdown pages with their attachments, links between them
    /// rewritten; nothing is written if a file it would write is there already.
    #[command(after_help = EXAMPLES_HTML)]
    Html {
        /// The export's folder, unzipped.
        dir: PathBuf,
        /// The folder under content/ to write into (under content/practices/ with
        /// --kind practice); the space's name by default.
        #[arg(long, value_name = "FOLDER")]
        into: Option<String>,
        /// What the pages become: plain pages (page) or the PMO's practices (practice).
        #[arg(long, value_name = "KIND", value_parser = ["page", "practice"], default_value = "page")]
        kind: String,
        /// Overwrite files the import would write that are there already.
        #[arg(long)]
        force: bool,
        /// Show the files and front matter it would write, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// What `pmo import milestones` and `pmo import risks` take.
#[derive(clap::Args)]
pub(crate) struct TableImport {
    /// The sheet's file.
    pub file: PathBuf,
    /// Read a column the built-in names miss as a field, e.g. --map "节点=name"
    /// (repeatable).
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// The sheet to read, when the workbook has several: --sheet 风险台账.
    #[arg(long = "sheet", value_name = "NAME")]
    pub sheet: Vec<String>,
    /// Show the files it would write and their rows, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// How the register writes a date with the year last, 03/05/2026: dmy (3 May),
    /// mdy (March 5) or ymd (never so); over site.toml's date_order.
    #[arg(long = "date-order", value_name = "ORDER", value_parser = ["dmy", "mdy", "ymd"])]
    pub date_order: Option<String>,
}

/// The languages `pmo init` writes a site in.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InitLang {
    /// Simplified Chinese (zh-CN)
    #[value(alias = "zh-CN", alias = "zh-cn")]
    Zh,
    /// English
    En,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
}

/// The kinds `pmo new` makes, by name, from the kind registry; clap lists them in help
/// and refuses the rest.
pub(crate) fn creatable_kind() -> impl clap::builder::TypedValueParser<Value = Kind> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(pmo_portal::creatable())
        // Every possible value is a registry key, so the lookup cannot miss.
        .map(|key| Kind::of_key(&key).unwrap_or(Kind::Page))
}

/// `--as-of`: a date as front matter writes it, refused with the same explanation.
pub(crate) fn as_of_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(say)
}
