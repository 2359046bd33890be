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
pub(crate) mod colour;
pub(crate) mod config;
pub(crate) mod content;
pub(crate) mod data;
pub(crate) mod date;
pub(crate) mod date_forms;
pub(crate) mod date_order;
pub(crate) mod de_clean;
pub(crate) mod derive;
// The types of the crate's own surface: every failure is a list of `Diagnostic`s, every
// message a `Text`, and `t!` (used by bin/pmo) expands to `$crate::messages`.
pub mod diagnostics;
pub(crate) mod encoding;
pub(crate) mod escape;
pub mod heap;
// The command modules bin/pmo drives, each already no wider than what it calls.
pub(crate) mod hardlinks;
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
pub(crate) mod safe_write;
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
pub(crate) mod units;

mod build;
mod options;
mod outcome;
mod pipeline;

// Everything else bin/pmo, the tests and the examples reach. The modules stay
// crate-private, so rustc reports what nothing uses.
pub use charts::text::text_width;
pub use data::{load as load_tables, Bases};
pub use date::Date;
pub use incremental::{read as read_files, Interrupt, Rebuild, Scope, Settled, Step, Workspace};
pub use kinds::{creatable, Kind};
pub use markdown::render as render_markdown;
pub use output::{Collect, Discard, MARKER};
pub use render::policy::{content_security_policy, page_policy, ALIAS_SCRIPT};
pub use render::{Progress, Silent};
pub use search::index::{write as write_search_index, MAX_FIELD_BYTES};
pub use search::words::Segmenter;
pub use search::{postings, tokenize};
pub use site::Site;
pub use suggest::did_you_mean;

pub use build::{build, build_all, check, run};
pub use options::{DefaultAudience, Options};
pub use outcome::{denied, guarded, BuildFailure, BuildReport, Stages};
pub use pipeline::{
    hygiene_report, load, load_keeping_sources, prepare, with_sanity, Prepared, Sources,
};
