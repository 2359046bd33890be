//! Text at the start of a YAML value that the parser takes as syntax and drops.
//!
//! YAML reads `&name` at the start of a value as an anchor's name and `!name` as a tag,
//! and neither is part of the value: `title: &重要 服务器宕机` publishes `服务器宕机`,
//! `owner: !important 王芳` publishes `王芳`, `!!binary 5Lqk5LuY` is decoded. The parser
//! accepts them without a word, so the text the author typed vanished from the page
//! (the eighteenth malformed hunt). An anchor that an alias (`*name`) repeats elsewhere
//! is YAML used on purpose and left alone, as are `!!str` and the other core tags,
//! which change nothing of the text.

use super::Explained;
use crate::t;

/// Tags that keep the value as written (`!!str 2024` keeps a number as text).
const CORE_TAGS: &[&str] = &[
    "!", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!seq", "!!map",
];

/// Each anchor no alias repeats and each tag outside [`CORE_TAGS`] starting a value of
/// the YAML `text`, with the line written with that value in quotes.
pub fn dropped_properties(text: &str) -> Vec<Explained> {
    let mut found = Vec::new();
    // The indent of a `|` or `>` block scalar's key while inside its lines: their
    // `&` and `!` are text.
    let mut block_indent: Option<usize> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(block) = block_indent {
            if line.trim().is_empty() || indent > block {
                continue;
            }
            block_indent = None;
        }
        let Some(value_at) = value_start(line, indent) else {
            continue;
        };
        let value = &line[value_at..];
        if value.starts_with(['|', '>']) {
            block_indent = Some(indent);
            continue;
        }
        let starts: Vec<usize> = if value.starts_with(['[', '{']) {
            flow_items(value)
        } else {
            vec![0]
        };
        for item_at in starts {
            let at = value_at + item_at;
            if let Some(e) = dropped(text, line, at) {
                found.push(Explained {
                    at: Some(line_start + at),
                    ..e
                });
            }
        }
    }
    found
}

/// Where the value of `line` starts: after its `- ` markers and its `key: `, if any.
fn value_start(line: &str, indent: usize) -> Option<usize> {
    let mut at = indent;
    let rest = &line[at..];
    if rest.starts_with('#') || rest.is_empty() {
        return None;
    }
    let mut rest = rest;
    while let Some(after) = rest.strip_prefix("- ") {
        let skipped = after.len() - after.trim_start_matches(' ').len();
        at += 2 + skipped;
        rest = &line[at..];
    }
    if !rest.starts_with(['"', '\'', '[', '{', '&', '!', '*']) {
        if let Some(colon) = rest.find(": ") {
            let after = &rest[colon + 2..];
            at += colon + 2 + (after.len() - after.trim_start_matches(' ').len());
        }
    }
    Some(at)
}

/// The starts of the items of a one-line `[a, b]` list or `{a: b}` group `value` (its
/// keys and its values), outside quotes.
fn flow_items(value: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut quote: Option<char> = None;
    let mut next_item = true;
    let mut chars = value.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '[' | '{' | ',' => next_item = true,
            ':' if chars.peek().is_some_and(|&(_, n)| n == ' ') => next_item = true,
            ' ' => {}
            _ => {
                if next_item {
                    starts.push(i);
                }
                next_item = false;
                if matches!(c, '"' | '\'') {
                    quote = Some(c);
                }
            }
        }
    }
    starts
}

/// The problem of the value of `line` at byte `at` (of the line) when it starts with a
/// property YAML drops; `text` is the whole document, searched for aliases.
fn dropped(text: &str, line: &str, at: usize) -> Option<Explained> {
    let value = &line[at..];
    let sigil = value.chars().next().filter(|c| matches!(c, '&' | '!'))?;
    let in_flow = line[..at].contains(['[', '{']);
    let end_of = |s: &str| {
        s.find(|c: char| c.is_whitespace() || (in_flow && matches!(c, ',' | ']' | '}')))
            .unwrap_or(s.len())
    };
    let token = &value[..end_of(value)];
    let after = value[token.len()..].trim_start_matches(' ');
    let empty = after.is_empty()
        || after.starts_with('#')
        || (in_flow && after.starts_with([',', ']', '}']));
    let problem = if sigil == '&' {
        if empty || token.len() == 1 || used_as_alias(text, &token[1..]) {
            return None;
        }
        t!(
            "`{token}` at the start of this value is read by YAML as the name of an anchor and left out of the value",
            token = token
        )
    } else {
        if CORE_TAGS.contains(&token) {
            return None;
        }
        t!(
            "`{token}` at the start of this value is read by YAML as a tag: it is left out of the value, or changes how the value is read",
            token = token
        )
    };
    let item_end = if in_flow {
        at + value.find([',', ']', '}']).unwrap_or(value.len())
    } else {
        at + value.find(" #").unwrap_or(value.len())
    };
    let item = line[at..item_end].trim_end();
    let fixed = format!(
        "{}\"{}\"{}",
        &line[..at],
        item.replace('\\', "\\\\").replace('"', "\\\""),
        &line[at + item.len()..]
    );
    Some(Explained {
        problem,
        help: t!(
            "put the value in double quotes to keep it as written: `{fixed}`",
            fixed = fixed.trim()
        ),
        at: None,
    })
}

/// Whether `*name` stands anywhere in `text` as an alias (after a blank, `[`, `,` or
/// at a line's start), not followed by more of a name.
fn used_as_alias(text: &str, name: &str) -> bool {
    let alias = format!("*{name}");
    text.match_indices(&alias).any(|(i, _)| {
        let before_ok = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '[' | ',' | '{' | ':'));
        let after_ok = text[i + alias.len()..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ']' | '}'));
        before_ok && after_ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(text: &str) -> Vec<usize> {
        dropped_properties(text)
            .into_iter()
            .filter_map(|e| e.at)
            .collect()
    }

    #[test]
    fn a_dropped_anchor_or_tag_is_found_where_it_starts() {
        assert_eq!(places("title: &重要 服务器宕机\n"), [7]);
        assert_eq!(places("a: 1\nowner: !important 王芳\n"), [12]);
        assert_eq!(places("tags: [供应商, &关键 交付]\n"), [18]);
        assert_eq!(places("tags:\n  - 供应商\n  - !!binary 5Lqk\n"), [24]);
        assert_eq!(places("- {项目: &甲 ERP, 金额: 3}\n"), [11]);
    }

    #[test]
    fn yaml_used_on_purpose_and_text_are_left_alone() {
        // An anchor an alias repeats, a core tag, a bare anchor on a mapping.
        assert!(places("owner: &o 王芳\nactions:\n  - owner: *o\n").is_empty());
        assert!(places("title: !!str 2024\n").is_empty());
        assert!(places("base: &b\n  owner: 王芳\n").is_empty());
        // Quoted, inside a block scalar, in the middle of the text, in a comment.
        assert!(places("title: \"&重要 宕机\"\n").is_empty());
        assert!(places("summary: |\n  &重要 宕机\n  !注意\n").is_empty());
        assert!(places("title: 研发 & 测试 !\n# &a b\n").is_empty());
    }

    #[test]
    fn the_help_writes_the_value_in_quotes() {
        let e = dropped_properties("tags: [供应商, &关键 交付]\n");
        assert_eq!(
            e[0].help.to_string(),
            "put the value in double quotes to keep it as written: `tags: [供应商, \"&关键 交付\"]`"
        );
    }
}
