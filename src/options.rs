//! What to build and how: the options every command hands the pipeline.

use std::path::PathBuf;

use crate::Date;

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
    /// The audience to build for, on a site that declares `audiences`; `None` builds for
    /// [`Options::default_audience`].
    pub audience: Option<String>,
    /// Which audience a build without `audience` is for.
    pub default_audience: DefaultAudience,
    /// The day to build as of (`--as-of`), over site.toml's `as_of` and today.
    pub as_of: Option<Date>,
}

/// The audience of a build that names none, on a site that declares audiences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DefaultAudience {
    /// The lowest: a build published without thinking shows nothing confidential.
    #[default]
    Lowest,
    /// The highest: an author's preview (`serve`) shows every page being written.
    Highest,
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
            audience: None,
            default_audience: DefaultAudience::Lowest,
            as_of: None,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}
