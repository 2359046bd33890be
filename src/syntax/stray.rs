//! Characters in a TOML file that look right and are not (see [`stray_character`]).

use super::Explained;
use crate::t;

/// A character on the line at `offset` that TOML cannot read and the author cannot see
/// (a byte order mark, a zero-width or no-break space) or tell from the right one (a
/// full-width `＝`), outside any quotes, in a TOML file named `file` in the message.
/// site.toml told `cpi_green\u{a0}= 0.95` as "takes a number, not `0.95`", and
/// `paginate ＝ 20` as "this line has no `=`" (the eleventh malformed hunt); a site's UI
/// strings file told them as "a key holds characters it may not hold unquoted" (the
/// twelfth). The problem, the line written right, and where the character is.
pub fn stray_character(text: &str, offset: usize, file: &str) -> Option<Explained> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let unquoted = &line[..line.find(['"', '\'']).unwrap_or(line.len())];
    let (at, c) = unquoted.char_indices().find(|&(_, c)| {
        matches!(c, '\u{FF1D}' | '\u{A0}' | '\u{3000}') || crate::slugs::invisible_name(c).is_some()
    })?;
    let fixed: String = line
        .chars()
        .filter_map(|c| match c {
            '\u{FF1D}' => Some('='),
            '\u{A0}' | '\u{3000}' => Some(' '),
            c if crate::slugs::invisible_name(c).is_some() => None,
            c => Some(c),
        })
        .collect();
    let fixed = fixed.trim().to_string();
    let problem = if c == '\u{FF1D}' {
        t!(
            "`＝` is a full-width equals sign, as a Chinese input method types it: {file} reads only `=`",
            file = file
        )
    } else {
        let what = match c {
            '\u{A0}' => t!("a no-break space"),
            '\u{3000}' => t!("a full-width space"),
            c => crate::slugs::invisible_name(c).unwrap_or_else(|| t!("a zero-width space")),
        };
        t!(
            "this line holds {what} (U+{code}), which looks like a space or nothing at all but is no character {file} can read there",
            what = what,
            file = file,
            code = format!("{:04X}", c as u32)
        )
    };
    Some(Explained {
        problem,
        help: t!("retype it as `{fixed}`", fixed = fixed),
        at: Some(start + at),
    })
}
