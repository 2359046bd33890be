//! The progress bar of a long build.

use std::io::IsTerminal;
use std::sync::OnceLock;

use indicatif::{ProgressBar, ProgressStyle};

use pmo_portal::Progress;

/// A progress bar on the terminal, for builds long enough to want one.
pub(crate) struct Bar(OnceLock<ProgressBar>);

impl Bar {
    pub(crate) fn new() -> Bar {
        Bar(OnceLock::new())
    }

    pub(crate) fn finish(&self) {
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
