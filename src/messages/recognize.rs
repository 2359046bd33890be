//! Our own messages found again in a library's error text.
//!
//! A value's `Deserialize` (a date, an amount) can only hand serde a string, so a
//! message made with `t!` reaches the reader rendered in English, inside the TOML, YAML
//! or JSON reader's error: `` `yesterday` is not a date: write it as YYYY-MM-DD `` showed
//! in English on a Chinese site. Matching such a text against the catalog's templates
//! gets the message back, holes and all, to be shown in the reader's language.

use super::{zh_cn, Arg, Text};

/// One part of a template: text to match as it is, or a hole's name.
#[derive(Debug, PartialEq)]
enum Part<'a> {
    Literal(String),
    Hole(&'a str),
}

/// The message `text` renders, when it is one of the catalog's templates with its holes
/// filled (the most specific, by the length of its fixed text, when several fit).
pub fn recognized(text: &str) -> Option<Text> {
    let mut best: Option<(usize, Text)> = None;
    for template in zh_cn().keys() {
        let template: &'static str = template.as_str();
        let Some((fixed, args)) = matched(template, text) else {
            continue;
        };
        if best.as_ref().is_none_or(|(b, _)| fixed > *b) {
            best = Some((fixed, Text::new(template, args)));
        }
    }
    best.map(|(_, t)| t)
}

/// The hole values if `text` is `template` filled in, with the length of the template's
/// fixed text. A template with two holes side by side (no text to tell where one ends)
/// or with too little fixed text to mean anything never matches.
fn matched(template: &'static str, text: &str) -> Option<(usize, Vec<(&'static str, Arg)>)> {
    let parts = parts(template);
    let fixed: usize = parts
        .iter()
        .map(|p| match p {
            Part::Literal(l) => l.chars().count(),
            Part::Hole(_) => 0,
        })
        .sum();
    if fixed < MIN_FIXED || !parts.iter().any(|p| matches!(p, Part::Hole(_))) {
        return (fixed >= MIN_FIXED && parts == [Part::Literal(text.to_string())])
            .then(|| (fixed, Vec::new()));
    }
    let mut args = Vec::new();
    let mut rest = text;
    let mut open: Option<&'static str> = None;
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Hole(name) => {
                if open.is_some() {
                    return None;
                }
                open = Some(name);
            }
            Part::Literal(lit) => {
                let last = i == parts.len() - 1;
                let at = match (open, last) {
                    (None, _) => rest.starts_with(lit.as_str()).then_some(0)?,
                    (Some(_), true) => rest
                        .len()
                        .checked_sub(lit.len())
                        .filter(|&at| rest.is_char_boundary(at) && rest[at..] == **lit)?,
                    (Some(_), false) => rest.find(lit.as_str())?,
                };
                if let Some(name) = open.take() {
                    args.push((name, Arg::Plain(rest[..at].to_string())));
                }
                rest = &rest[at + lit.len()..];
            }
        }
    }
    if let Some(name) = open {
        args.push((name, Arg::Plain(rest.to_string())));
        rest = "";
    }
    rest.is_empty().then_some((fixed, args))
}

/// Fewer fixed characters than this (`{message}`, `{a}: {b}`) would match any text.
const MIN_FIXED: usize = 12;

/// `template` cut into fixed text and holes, as [`super::fill`] reads it (`{{` and `}}`
/// are single braces).
fn parts(template: &'static str) -> Vec<Part<'static>> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    super::fill(template, &mut literal, |name, literal| {
        parts.push(Part::Literal(std::mem::take(literal)));
        parts.push(Part::Hole(name));
    });
    parts.push(Part::Literal(literal));
    parts.retain(|p| !matches!(p, Part::Literal(l) if l.is_empty()));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    #[test]
    fn a_rendered_message_is_found_again_with_its_holes() {
        let text = "`yesterday` is not a date: write it as YYYY-MM-DD, e.g. 2024-03-18";
        let found = recognized(text).unwrap();
        assert_eq!(found.to_string(), text);
        assert_eq!(
            found.render(Lang::ZhCn),
            "`yesterday` 不是日期：请写作 YYYY-MM-DD，例如 2024-03-18"
        );
    }

    #[test]
    fn text_that_is_no_template_is_not_recognized() {
        assert!(recognized("Xlsx error: Zip error: invalid Zip archive").is_none());
        assert!(recognized("").is_none());
        // The fixed text must match whole: a template's text with more around it is not
        // that message.
        assert!(
            recognized("note: `x` is not a date: write it as YYYY-MM-DD, e.g. 2024-03-18")
                .is_none()
        );
    }

    #[test]
    fn holes_side_by_side_never_match() {
        assert!(matched(
            "{a}{b} is long enough to count",
            "xy is long enough to count"
        )
        .is_none());
    }

    #[test]
    fn braces_written_twice_are_single_braces() {
        let (_, args) = matched(
            "a JSON row is written {{\"{key}\": 1}} in this table",
            "a JSON row is written {\"pv\": 1} in this table",
        )
        .unwrap();
        assert_eq!(args, vec![("key", Arg::Plain("pv".to_string()))]);
    }
}
