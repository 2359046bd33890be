//! File names a Windows share cannot hold. A portal is often built on Linux and copied to
//! a Windows file server or IIS, where `con.md`, `aux/` or `plan .pdf ` cannot be created:
//! the copy fails or silently drops the file, far from the author who named it.

use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Problem};
use crate::messages::Text;
use crate::t;

/// The most bytes one file or folder name may have: Linux and macOS take 255 bytes, and
/// Windows 255 UTF-16 units, which a name in Chinese (three bytes a character) never
/// reaches first. A tag or an alias of an author's that makes a longer one failed the
/// whole build where its folder was written, naming no page.
pub const MAX_NAME_BYTES: usize = 255;

/// Whether `name` (one path component) is a Windows device name — `CON`, `PRN`, `AUX`,
/// `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9` — with or without an extension, in any case.
pub fn is_device_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    let lower = stem.to_ascii_lowercase();
    match lower.as_str() {
        "con" | "prn" | "aux" | "nul" => true,
        // By bytes: `ai应用` has no character boundary at byte 3 (a tag so named panicked).
        _ => match lower.as_bytes() {
            [a, b, c, digit] => matches!(&[*a, *b, *c], b"com" | b"lpt") && digit.is_ascii_digit(),
            _ => false,
        },
    }
}

/// `name` as a message shows it: a control character (a line break typed into a file
/// name) escaped, so the message stays on its lines.
fn shown(name: &str) -> String {
    crate::escape::controls_escaped(name).into_owned()
}

/// `name` with what reads as a path but is not one made plain: a character drawn like
/// `/` or `\` (U+2215 `∕`, U+2044 `⁄`, U+FF0F `／`, U+29F8 `⧸` …) becomes `-`, and one
/// drawn like a dot run (U+2024 `․`, U+2025 `‥`, U+FE52 `﹒`, U+FF0E `．`) becomes `_`,
/// never `.`: `․․` made `..` would be the folder above. An attachment named
/// `․․∕․․∕evil.txt` was written so, beside its page, and listed as if it had climbed
/// out; and a name of one such character stood in a listing as `..`.
pub fn without_look_alikes(name: &str) -> std::borrow::Cow<'_, str> {
    let slash = |c: char| {
        matches!(
            c,
            '\u{2215}'
                | '\u{2044}'
                | '\u{FF0F}'
                | '\u{29F8}'
                | '\u{2216}'
                | '\u{29F9}'
                | '\u{FF3C}'
        )
    };
    let dot = |c: char| matches!(c, '\u{2024}' | '\u{2025}' | '\u{FE52}' | '\u{FF0E}');
    if !name.chars().any(|c| slash(c) || dot(c)) {
        return std::borrow::Cow::Borrowed(name);
    }
    std::borrow::Cow::Owned(
        name.chars()
            .map(|c| match c {
                c if slash(c) => '-',
                c if dot(c) => '_',
                c => c,
            })
            .collect(),
    )
}

/// A name Windows can hold, near `name`: a device name gets `-1` after its stem, a
/// forbidden character becomes `-`, a trailing dot or space goes.
pub fn portable_name(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| if forbidden(c) { '-' } else { c })
        .collect();
    let trimmed = replaced.trim_end_matches(['.', ' ']);
    if is_device_name(trimmed) {
        match trimmed.split_once('.') {
            Some((stem, ext)) => format!("{}-1.{ext}", stem.trim_end()),
            None => format!("{}-1", trimmed.trim_end()),
        }
    } else {
        trimmed.to_string()
    }
}

fn forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*' | '\\')
}

/// What is wrong with `name` on Windows, if anything.
fn problem(name: &str) -> Option<Text> {
    let raw = name;
    let name = &shown(raw);
    if is_device_name(raw) {
        return Some(t!(
            "`{name}` is a device name on Windows (CON, PRN, AUX, NUL, COM1–9, LPT1–9): a Windows share cannot hold this file",
            name = name
        ));
    }
    if raw.ends_with(['.', ' ']) {
        return Some(
            t!(
                "`{name}` ends in a dot or a space, which Windows drops: a Windows share cannot hold this file as named",
                name = name
            ),
        );
    }
    if let Some(c) = raw.chars().find(|&c| forbidden(c)) {
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

/// What is wrong with `name` (one path component) on Windows, and a name near it that
/// Windows can hold; `None` when Windows holds it as it is.
pub fn name_problem(name: &str) -> Option<(Text, String)> {
    problem(name).map(|what| (what, portable_name(name)))
}

/// One warning per file of `paths` (as shown to the author, e.g. `content/lessons/con.md`)
/// that has a component Windows cannot hold, named at that file.
pub fn warnings(paths: impl Iterator<Item = PathBuf>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for path in paths {
        let bad = path
            .components()
            .filter_map(|c| c.as_os_str().to_str())
            .find_map(|name| problem(name).map(|what| (name, what)));
        if let Some((name, what)) = bad {
            out.push(
                Diagnostic::warning(Problem::Content(what))
                    .in_file(&path)
                    .with_help(t!(
                        "rename it (and the links to it), e.g. {name} → {fixed}",
                        name = shown(name),
                        fixed = portable_name(name)
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
            // A character across byte 3 (security hunt 6: a tag `AI应用` panicked).
            "ai应用",
            "5月周报.md",
            "Q1复盘",
            "a∕x.md",
        ] {
            assert!(!is_device_name(name), "{name}");
        }
    }

    #[test]
    fn the_help_suggests_a_name_for_the_file_itself() {
        let help = |path: &str| {
            let w = warnings(std::iter::once(PathBuf::from(path)));
            let d = &w[0];
            (d.problem.to_string(), d.help.as_ref().unwrap().to_string())
        };
        let (_, h) = help("content/lessons/con.md");
        assert!(h.contains("con.md → con-1.md"), "{h}");
        let (p, h) = help("content/lessons/new\nline.md");
        // A control character is shown escaped, not as a line break in the message.
        assert!(!p.contains('\n') && p.contains("new\\nline.md"), "{p}");
        assert!(
            p.contains("'\\n'"),
            "the character named is the line break: {p}"
        );
        assert!(h.contains("new-line.md"), "{h}");
        let (_, h) = help("content/reports/计划 v2?.pdf");
        assert!(h.contains("计划 v2-.pdf"), "{h}");
        let (_, h) = help("content/reports/plan.pdf.");
        assert!(h.contains("plan.pdf"), "{h}");
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
