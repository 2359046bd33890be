//! How a build ends: a report of what was made, or every error found, with the
//! warnings either way; a panic inside a stage becomes an error report too.

use std::time::Duration;

use crate::diagnostics::{self, Diagnostic, Problem};
use crate::markdown::spill::SpillLost;
use crate::{messages, t};

/// How long each stage took, in order.
pub type Stages = Vec<(&'static str, Duration)>;

/// A successful build: what was made, the warnings, and how long each stage took.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    /// Drafts left out (without `--drafts`).
    pub drafts_skipped: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    pub stages: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
    /// The audience built for, on a site that declares audiences.
    pub audience: Option<String>,
    /// For a build of one audience below the highest: the highest audience and how many
    /// of its pages this site leaves out, so that a first `pmo build` on a site with
    /// audiences says where the managers' page went.
    pub left_out: Option<(String, usize)>,
}

/// A failed build: every error found (and the warnings), sorted by file and position.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

impl BuildFailure {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

impl From<Vec<Diagnostic>> for BuildFailure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        BuildFailure { diagnostics }
    }
}

impl From<Diagnostic> for BuildFailure {
    fn from(d: Diagnostic) -> Self {
        BuildFailure {
            diagnostics: vec![d],
        }
    }
}

/// Runs `f`, turning a panic into an error report: a panic is a bug in pmo, never the
/// author's fault, and must neither lose the previous site nor end `serve`'s watching.
pub fn guarded<T>(f: impl FnOnce() -> Result<T, BuildFailure>) -> Result<T, BuildFailure> {
    // What `f` touched may be half-updated after a panic; callers drop it (a build its
    // staging folder, serve its workspace), so nothing half-updated is used again.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            if let Some(SpillLost(error)) = payload.downcast_ref::<SpillLost>() {
                return Err(Diagnostic::error(Problem::Io(messages::reason(error)))
                    .in_file(&std::env::temp_dir())
                    .with_help(t!("page text set aside in the temporary folder could not be read back: its disk failed or was changed during the build. Free or repair it, or set TMPDIR to a folder on another disk, and build again. Nothing was written"))
                    .into());
            }
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a build step failed unexpectedly".into());
            Err(Diagnostic::error(Problem::Internal(messages::verbatim(message)))
                .with_help(t!("this is a bug in pmo, not in your files: please report it with the file you changed last. Nothing was written"))
                .into())
        }
    }
}

impl BuildFailure {
    /// Whether the failure is a caught panic rather than problems in the content.
    pub fn is_internal(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| matches!(d.problem, Problem::Internal(_)))
    }
}

/// Warnings turned into errors by `--deny-warnings`: the same messages, saying why they
/// now stop the build.
pub fn denied(warnings: Vec<Diagnostic>) -> BuildFailure {
    let diagnostics = warnings
        .into_iter()
        .map(|mut d| {
            d.severity = diagnostics::Severity::Error;
            let why = t!("an error because of --deny-warnings");
            d.help = Some(Box::new(match d.help.take() {
                Some(help) => t!("{help} ({why})", help = *help, why = why),
                None => why,
            }));
            d
        })
        .collect();
    BuildFailure { diagnostics }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spilled_text_lost_to_the_disk_is_the_disks_fault_not_a_bug() {
        let failure = guarded::<()>(|| {
            std::panic::panic_any(SpillLost(std::io::Error::other("Input/output error")))
        })
        .unwrap_err();
        assert!(!failure.is_internal());
        let d = &failure.diagnostics[0];
        let text = format!(
            "{d} {}",
            d.help.as_ref().map(|h| h.to_string()).unwrap_or_default()
        );
        assert!(text.contains("Input/output error"), "{text}");
        assert!(text.contains("TMPDIR") && !text.contains("bug"), "{text}");
        assert_eq!(d.path.as_deref(), Some(std::env::temp_dir().as_path()));
    }

    #[test]
    fn a_panic_becomes_an_internal_error_report() {
        let failure = guarded::<()>(|| panic!("index out of range")).unwrap_err();
        assert!(failure.is_internal());
        let text = failure.diagnostics[0].to_string();
        assert!(
            text.contains("internal error: index out of range"),
            "{text}"
        );
        let failure = guarded::<()>(|| {
            Err(Diagnostic::error(Problem::Content(messages::verbatim("x"))).into())
        });
        assert!(!failure.unwrap_err().is_internal());
    }
}
