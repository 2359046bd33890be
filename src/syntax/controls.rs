//! A control character typed or pasted into a YAML value (a bell from a terminal, Word's
//! vertical tab for a manual line break, an ESC from a log): the reader stops at it as an
//! "unexpected character" and names it by its escape, so the author read "a value starts
//! with `\`" about a value holding no backslash, and the help quoted the escape back.

use super::{line_start, Explained};
use crate::t;

/// The explanation when the YAML reader stopped at a control character on the line at
/// `offset` (or after it): which character, pointed at, and the line without it.
pub(super) fn in_yaml_value(message: &str, text: &str, offset: usize) -> Option<Explained> {
    if !message.starts_with("unexpected character") {
        return None;
    }
    let start = line_start(text, offset);
    let (at, c) = text[start..]
        .char_indices()
        .find(|&(_, c)| is_invisible_control(c))
        .map(|(i, c)| (start + i, c))?;
    let line_from = line_start(text, at);
    let line = text[line_from..].lines().next().unwrap_or("");
    let code = code(c);
    let problem = match field_of(line) {
        Some(field) => t!(
            "the value of `{field}` holds an invisible control character, {code}, where the mark points: YAML allows none in a value, quoted or not",
            field = field,
            code = code
        ),
        None => t!(
            "an invisible control character, {code}, where the mark points: YAML allows none in a value, quoted or not",
            code = code
        ),
    };
    let fixed: String = line.chars().filter(|&c| !is_invisible_control(c)).collect();
    Some(Explained {
        problem,
        help: t!(
            "delete it (it shows as nothing and came with text pasted from another program): `{fixed}`",
            fixed = fixed.trim_end().to_string()
        ),
        at: Some(at),
    })
}

/// The control characters YAML refuses anywhere: C0 but tab, line feed and carriage
/// return, DEL and C1 (U+0085, a next-line mark, YAML reads as a line break).
fn is_invisible_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}')
}

/// `c` as its code point and, for the ones with a common short name, that name: what a
/// search for it, or an editor showing invisible characters, calls it.
fn code(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\u{7}' => " (BEL)",
        '\u{8}' => " (BS)",
        '\u{B}' => " (VT)",
        '\u{C}' => " (FF)",
        '\u{1B}' => " (ESC)",
        '\u{7F}' => " (DEL)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

/// The key of a `key: value` line, when it has one.
fn field_of(line: &str) -> Option<String> {
    let (key, _) = line.split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && !line.starts_with([' ', '\t', '-'])).then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::in_yaml_value;

    #[test]
    fn a_control_character_is_named_pointed_at_and_taken_out_of_the_help() {
        let text = "title: 周\u{7}报\ndate: 2024-07-01\n";
        let e = in_yaml_value("unexpected character: `\\u{7}`", text, 7).unwrap();
        assert_eq!(e.at, Some("title: 周".len()));
        let problem = e.problem.to_string();
        assert!(
            problem.contains("U+0007 (BEL)") && problem.contains("`title`"),
            "{problem}"
        );
        assert!(e.help.to_string().contains("`title: 周报`"), "{}", e.help);
        assert!(in_yaml_value("unexpected character: `@`", "a: @b\n", 3).is_none());
    }
}
