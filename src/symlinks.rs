//! Symbolic links among the sources. A `budget.csv` or a page that is a link used to be
//! skipped without a word, so the project lost its budget or the page vanished. A link
//! that stays inside the site is followed like the file it points to; one that leaves
//! the site (or points nowhere) is an error, since the build would depend on a file
//! nobody sees in the site folder.

use crate::messages::Text;
use crate::t;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Problem};

/// Whether the link at `link` (shown as `shown`) is a file to read: `Ok(true)` when it
/// points to a file inside `root`, `Ok(false)` when to a folder, and an error when it
/// points outside the site or nowhere.
pub fn follow(root: &Path, link: &Path, shown: &Path) -> Result<bool, Diagnostic> {
    let error = |message: Text, help: Text| {
        Diagnostic::error(Problem::Content(message))
            .in_file(shown)
            .with_help(help)
    };
    let target =
        std::fs::canonicalize(link).map_err(|e| {
            error(
            t!("this symbolic link points to nothing that can be read ({e})", e = e),
            t!("point the link at an existing file inside the site, or replace it with the file"),
        )
        })?;
    if !target.is_file() {
        return Ok(false);
    }
    let inside = std::fs::canonicalize(root).is_ok_and(|root| target.starts_with(root));
    if !inside {
        return Err(error(
            t!(
                "this symbolic link points outside the site, to {target}",
                target = &target
            ),
            t!("copy the file into the site (a link may only point to a file inside the site folder)"),
        ));
    }
    Ok(true)
}
