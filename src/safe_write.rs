//! Writing a file into a folder the author owns (imports, `pmo new`, `pmo init`,
//! `pmo schemas`) never through a symbolic link. `pmo import html --force` wrote an
//! attachment through a link standing where it was to go, so the file landed wherever
//! the link pointed (outside the site, over a file of the author's), and a link left
//! dangling at the place was taken for a free place even without `--force`. A link at
//! the file or at any folder between `base` and it is refused, by name.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, Problem};
use crate::messages::Text;
use crate::symlinks::link_along;
use crate::t;

/// Why a write was refused before anything was written: carried inside an
/// [`std::io::Error`] so each writer's message (and [`crate::messages::io_reason`])
/// tells it in the reader's language.
#[derive(Debug)]
pub enum Refused {
    /// The place (relative to the base) is or passes through this symbolic link.
    ThroughLink(PathBuf),
    /// The path leaves its base (`..`, a root or a prefix among its parts).
    LeavesFolder(PathBuf),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason().render(crate::messages::Lang::En))
    }
}

impl std::error::Error for Refused {}

impl Refused {
    pub fn reason(&self) -> Text {
        match self {
            Refused::ThroughLink(link) => t!(
                "{link} is a symbolic link, and pmo never writes through one: the file would land wherever it points",
                link = crate::escape::controls_escaped(&link.display().to_string()).into_owned()
            ),
            Refused::LeavesFolder(rel) => t!(
                "{path} would leave its folder",
                path = crate::escape::controls_escaped(&rel.display().to_string()).into_owned()
            ),
        }
    }
}

/// Whether an existing file at the place is replaced or refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Refuse,
    Replace,
}

/// Writes `bytes` to `base/rel`, making the folders on the way, through no symbolic
/// link (see the module's comment). An existing file is replaced by a new one (a hard
/// link's other names keep the old text) or refused, as `existing` says.
pub fn write(base: &Path, rel: &Path, bytes: &[u8], existing: Existing) -> std::io::Result<()> {
    create(base, rel, existing)?.write_all(bytes)
}

/// [`write`] of the bytes of `source`, read as they are copied (an attachment may be
/// large). The caller opens it: a source it cannot open is told as a read, of its path.
pub fn copy(
    source: &mut std::fs::File,
    base: &Path,
    rel: &Path,
    existing: Existing,
) -> std::io::Result<()> {
    let mut file = create(base, rel, existing)?;
    std::io::copy(source, &mut file).map(|_| ())
}

/// The new file `base/rel`, opened to write, for [`write`] and [`copy`].
fn create(base: &Path, rel: &Path, existing: Existing) -> std::io::Result<std::fs::File> {
    let refused = |why: Refused| std::io::Error::other(why);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(refused(Refused::LeavesFolder(rel.to_path_buf())));
    }
    if let Some(link) = link_along(base, rel) {
        return Err(refused(Refused::ThroughLink(link)));
    }
    // The base is the author's to name (`pmo init new-site`): made if need be.
    if std::fs::symlink_metadata(base).is_err() {
        std::fs::create_dir_all(base)?;
    }
    let mut folder = base.to_path_buf();
    if let Some(parent) = rel.parent() {
        for part in parent.components() {
            folder.push(part);
            match std::fs::create_dir(&folder) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    // Made a link since it was looked at: still never followed.
                    if std::fs::symlink_metadata(&folder).is_ok_and(|m| !m.is_dir()) {
                        return Err(match link_along(base, rel) {
                            Some(link) => refused(Refused::ThroughLink(link)),
                            None => e,
                        });
                    }
                }
                Err(e) => return Err(e),
            }
        }
    }
    let path = base.join(rel);
    if existing == Existing::Replace && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
    {
        std::fs::remove_file(&path)?;
    }
    // `create_new` opens no link, not even one to nothing: a link made meanwhile is
    // refused as a file already there.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match link_along(base, rel) {
            Some(link) => refused(Refused::ThroughLink(link)),
            None => e,
        })
}

/// The reason [`write`] refused, if it did.
pub fn refusal(error: &std::io::Error) -> Option<&Refused> {
    error.get_ref()?.downcast_ref::<Refused>()
}

/// The error for the file `shown` when [`write`] refused it: nothing was written there,
/// which no folder's permissions would mend.
pub fn refused_at(error: &std::io::Error, shown: &Path) -> Option<Diagnostic> {
    let refused = refusal(error)?;
    let help = match refused {
        Refused::ThroughLink(_) => {
            t!("nothing was written there; replace the link with a real folder or file, or remove it, and run the command again")
        }
        Refused::LeavesFolder(_) => t!("nothing was written there; name the file without `..`"),
    };
    Some(
        Diagnostic::error(Problem::Content(refused.reason()))
            .in_file(shown)
            .with_help(help),
    )
}

/// The error for the file `shown` that [`write`] or [`copy`] could not write: its
/// refusal, or the system's reason told as a write with `help` (never "cannot read",
/// which sent the author looking at the file imported from).
pub fn failed_at(error: &std::io::Error, shown: &Path, help: Option<Text>) -> Diagnostic {
    refused_at(error, shown).unwrap_or_else(|| {
        let failed =
            Diagnostic::error(Problem::Write(crate::messages::io_reason(error))).in_file(shown);
        match help {
            Some(help) => failed.with_help(help),
            None => failed,
        }
    })
}
