//! File names a Windows share cannot hold. A portal is often built on Linux and copied to
//! a Windows file server or IIS, where `con.md`, `aux/` or `plan .pdf ` cannot be created:
//! the copy fails or silently drops the file, far from the author who named it.

use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Problem};
use crate::messages::Text;
use crate::t;

/// Whether `name` (one path component) is a Windows device name — `CON`, `PRN`, `AUX`,
/// `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9` — with or without an extension, in any case.
pub fn is_device_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    let lower = stem.to_ascii_lowercase();
    match lower.as_str() {
        "con" | "prn" | "aux" | "nul" => true,
        _ => {
            let (head, tail) = lower.split_at(lower.len().min(3));
            matches!(head, "com" | "lpt")
                && tail.len() == 1
                && tail.bytes().all(|b| b.is_ascii_digit())
        }
    }
}

/// What is wrong with `name` on Windows, if anything.
fn problem(name: &str) -> Option<Text> {
    if is_device_name(name) {
        return Some(t!(
            "`{name}` is a device name on Windows (CON, PRN, AUX, NUL, COM1–9, LPT1–9): a Windows share cannot hold this file",
            name = name
        ));
    }
    if name.ends_with(['.', ' ']) {
        return Some(
            t!(
                "`{name}` ends in a dot or a space, which Windows drops: a Windows share cannot hold this file as named",
                name = name
            ),
        );
    }
    if let Some(c) = name
        .chars()
        .find(|c| c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*' | '\\'))
    {
        return Some(
            t!(
                "`{name}` holds {c}, which Windows forbids in a file name: a Windows share cannot hold this file",
                name = name,
                c = format!("{c:?}")
            ),
        );
    }
    None
}

/// One warning per file of `paths` (as shown to the author, e.g. `content/lessons/con.md`)
/// that has a component Windows cannot hold, named at that file.
pub fn warnings(paths: impl Iterator<Item = PathBuf>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for path in paths {
        let bad = path
            .components()
            .filter_map(|c| c.as_os_str().to_str())
            .find_map(problem);
        if let Some(what) = bad {
            out.push(
                Diagnostic::warning(Problem::Content(what))
                    .in_file(&path)
                    .with_help(t!(
                        "rename it (and the links to it), e.g. con.md → con-meeting.md"
                    )),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_in_any_case_and_with_any_extension() {
        for name in [
            "CON",
            "con.md",
            "Aux.tar.gz",
            "nul",
            "COM1",
            "lpt9.png",
            "con .md",
        ] {
            assert!(is_device_name(name), "{name}");
        }
        for name in [
            "console",
            "com",
            "com10",
            "lpt",
            "conference.md",
            "icon",
            "coma",
        ] {
            assert!(!is_device_name(name), "{name}");
        }
    }

    #[test]
    fn names_windows_drops_or_forbids() {
        assert!(problem("plan.pdf.").is_some());
        assert!(problem("plan ").is_some());
        assert!(problem("a:b.md").is_some());
        assert!(problem("计划.md").is_none());
        assert!(problem("plan.v2.pdf").is_none());
    }
}
