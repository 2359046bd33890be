//! Counting a template's loops. Tera 2 has no limit on the work of a render: nested
//! loops over the pages (`{% for a in pages %}{% for b in pages %}…`) or over
//! `range(end=100000)` ran for days. Each loop's body is given a call that counts its
//! iterations ([`super::budget`]) before Tera reads the template:
//!
//! - `{% for x in xs %}` is followed by `{{ __pmo_loop() }}` (`{{ __pmo_loop() -}}`
//!   after a `-%}`, so the whitespace the author trimmed stays trimmed);
//! - a list comprehension `[x.title for x in xs]` gets `if __pmo_item()` before its `]`,
//!   and one with a condition, `[x for x in xs if c]`, `if __pmo_item() and c` (the
//!   call is always true); the list it makes is measured as a `set`'s value is (below):
//!   `([x.title for x in xs if __pmo_item()]) | __pmo_value`, as a list holding a long
//!   text a hundred thousand times is written out whole in one `{{ }}` or `join`.
//!
//! - the value a `{% set %}` or `{% set_global %}` gives its variable is measured:
//!   `{% set s = a ~ b %}` becomes `{% set s = (a ~ b) | __pmo_value %}`, and a block
//!   `{% set s %}…{% endset %}` gets `| __pmo_value` as its last filter. Twenty-four
//!   `{% set s = s ~ s %}` in a row built a text of gigabytes without a loop.
//!
//! - each `{% component %}`'s body starts with the loop's call too: a component calling
//!   itself four times, twenty levels deep (Tera's limit), made 4^19 calls and no loop.
//!
//! The calls write nothing. Each insertion is remembered, so that a place Tera reports
//! in the text it read is told in the author's own text.

use std::ops::Range;

/// The call that starts each iteration of a `{% for %}` body.
pub const LOOP_CALL: &str = "__pmo_loop";
/// The call in each list comprehension's condition.
pub const ITEM_CALL: &str = "__pmo_item";
/// The filter measuring the value each `{% set %}` gives.
pub const VALUE_FILTER: &str = "__pmo_value";

/// Text added to a template, and the loop it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    /// Where it stands in the text Tera reads, and where it was put in the author's.
    at: usize,
    len: usize,
    written_at: usize,
    /// The loop in the author's text (the `{% for … %}` tag, or the comprehension's
    /// brackets), or the `{% set … %}` tag whose value is measured.
    pub loop_tag: Range<usize>,
}

/// A place in the text Tera read, in the author's text.
#[derive(Debug, PartialEq, Eq)]
pub enum Place<'a> {
    /// A byte offset of the author's text.
    Written(usize),
    /// Inside a call the build added: the loop it counts.
    Added(&'a Insertion),
}

/// Where each text Tera reads came from (see [`instrument`]).
#[derive(Debug, Default, Clone)]
pub struct Insertions(Vec<Insertion>);

impl Insertions {
    /// Offset `at` of the text Tera read, in the author's text.
    pub fn place(&self, at: usize) -> Place<'_> {
        let mut added = 0;
        for insertion in &self.0 {
            if at >= insertion.at + insertion.len {
                added += insertion.len;
            } else if at >= insertion.at {
                return Place::Added(insertion);
            } else {
                break;
            }
        }
        Place::Written(at - added)
    }

    /// `range` of the text Tera read, in the author's text: a range inside an added call
    /// is its loop's.
    pub fn range(&self, range: &Range<usize>) -> Range<usize> {
        let start = match self.place(range.start) {
            Place::Written(at) => at,
            Place::Added(insertion) => return insertion.loop_tag.clone(),
        };
        let end = match self.place(range.end) {
            Place::Written(at) => at,
            Place::Added(insertion) => insertion.written_at,
        };
        start..end.max(start)
    }
}

/// `text` with every loop counted (and, with `values`, every value set measured), and
/// where the counting calls were put. Text that is not a template's (an unclosed tag, a
/// string left open) is left as it is: Tera reports it, at the author's place.
pub fn instrument(text: &str, values: bool) -> (String, Insertions) {
    let mut out = String::with_capacity(text.len() + 64);
    let mut insertions = Vec::new();
    // Additions go at offsets of `text`: (offset, text added, the loop).
    let mut adds: Vec<(usize, String, Range<usize>)> = Vec::new();
    let mut i = 0;
    while let Some(found) = text[i..].find('{').map(|f| i + f) {
        let rest = &text[found..];
        if rest.starts_with("{#") {
            match rest.find("#}") {
                Some(end) => i = found + end + 2,
                None => break,
            }
        } else if rest.starts_with("{%") || rest.starts_with("{{") {
            let closing = if rest.starts_with("{%") { "%}" } else { "}}" };
            let inner_start = found + 2 + usize::from(rest[2..].starts_with('-'));
            let Some(tag) = scan(text, inner_start, closing) else {
                break;
            };
            let first = tag.tokens.first().map(|t| &text[t.range.clone()]);
            if closing == "%}" && first == Some("raw") && tag.tokens.len() == 1 {
                match end_of_raw(text, tag.end) {
                    Some(end) => {
                        i = end;
                        continue;
                    }
                    None => break,
                }
            }
            // A component's body counts as a loop's: one calling itself several times
            // multiplies its calls at each level, with no loop among them.
            if closing == "%}" && matches!(first, Some("for" | "component")) {
                let call = if tag.trims_after {
                    format!("{{{{ {LOOP_CALL}() -}}}}")
                } else {
                    format!("{{{{ {LOOP_CALL}() }}}}")
                };
                adds.push((tag.end, call, found..tag.end));
            }
            // A comprehension's own measure first: its closing call is then inside a
            // `set`'s that ends at the same place.
            let skip = usize::from(closing == "%}");
            comprehensions(text, &tag.tokens, skip, values, &mut adds);
            if values && closing == "%}" && matches!(first, Some("set" | "set_global")) {
                measured_set(text, &tag.tokens, found..tag.end, &mut adds);
            }
            i = tag.end;
        } else {
            i = found + 1;
        }
    }
    adds.sort_by_key(|(at, _, _)| *at);
    let mut from = 0;
    for (at, added, loop_tag) in adds {
        out.push_str(&text[from..at]);
        insertions.push(Insertion {
            at: out.len(),
            len: added.len(),
            written_at: at,
            loop_tag,
        });
        out.push_str(&added);
        from = at;
    }
    out.push_str(&text[from..]);
    (out, Insertions(insertions))
}

#[derive(Debug)]
struct Token {
    range: Range<usize>,
    kind: Kind,
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Kind {
    Word,
    Open(u8),
    Close(u8),
    Dot,
    Other,
}

/// A `{% … %}` or `{{ … }}` read as Tera's lexer reads it: its tokens, where it ends,
/// and whether it ends trimming the whitespace after it (`-%}`).
struct Tag {
    tokens: Vec<Token>,
    end: usize,
    trims_after: bool,
}

/// The tag whose inside starts at `start`, up to `closing` (`%}` or `}}`) met where a
/// token could start, as Tera's lexer finds it; `None` when it never ends.
fn scan(text: &str, start: usize, closing: &str) -> Option<Tag> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = start;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let rest = text.get(i..)?;
        if rest.is_empty() {
            return None;
        }
        if rest.starts_with('-') && rest[1..].starts_with(closing) {
            return Some(Tag {
                tokens,
                end: i + 3,
                trims_after: true,
            });
        }
        if rest.starts_with(closing) {
            return Some(Tag {
                tokens,
                end: i + 2,
                trims_after: false,
            });
        }
        let c = bytes[i];
        let (len, kind) = match c {
            b'"' | b'\'' | b'`' => (string_len(&bytes[i..])?, Kind::Other),
            b'(' | b'[' | b'{' => (1, Kind::Open(c)),
            b')' | b']' | b'}' => (1, Kind::Close(c)),
            b'.' => (1, Kind::Dot),
            c if c == b'_' || c.is_ascii_alphanumeric() => (
                rest.bytes()
                    .take_while(|b| *b == b'_' || b.is_ascii_alphanumeric())
                    .count(),
                Kind::Word,
            ),
            _ => (rest.chars().next().map_or(1, char::len_utf8), Kind::Other),
        };
        tokens.push(Token {
            range: i..i + len,
            kind,
        });
        i += len;
    }
}

/// The filter measuring the value of the `{% set %}` tag `tokens` (at `tag` in `text`):
/// around the expression after `=`, or last of a block set's filters. A tag of any
/// other shape is Tera's to report, and left as it is.
fn measured_set(
    text: &str,
    tokens: &[Token],
    tag: Range<usize>,
    adds: &mut Vec<(usize, String, Range<usize>)>,
) {
    let word = |n: usize| tokens.get(n).map(|t| &text[t.range.clone()]);
    let (Some(name), Some(last)) = (tokens.get(1), tokens.last()) else {
        return;
    };
    if name.kind != Kind::Word {
        return;
    }
    match (word(2), word(3)) {
        (Some("="), Some(next)) if next != "=" => {
            adds.push((tokens[3].range.start, "(".to_string(), tag.clone()));
            adds.push((last.range.end, format!(") | {VALUE_FILTER}"), tag));
        }
        (None | Some("|"), _) => {
            adds.push((last.range.end, format!(" | {VALUE_FILTER}"), tag));
        }
        _ => {}
    }
}

/// The length of the string literal `bytes` starts with, quotes included, as Tera's
/// lexer reads one (a backslash escapes the next byte); `None` when it is never closed.
fn string_len(bytes: &[u8]) -> Option<usize> {
    let quote = bytes[0];
    let mut escaped = false;
    for (n, &b) in bytes.iter().enumerate().skip(1) {
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == quote {
            return Some(n + 1);
        }
    }
    None
}

/// The end of the `{% endraw %}` after a `{% raw %}` ending at `from`: nothing between
/// them is a tag.
fn end_of_raw(text: &str, from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(found) = text[i..].find("{%").map(|f| i + f) {
        let inner = found + 2 + usize::from(text[found + 2..].starts_with('-'));
        let words = text[inner..].trim_start();
        if let Some(after) = words.strip_prefix("endraw") {
            let after = after.trim_start();
            if after.starts_with("%}") || after.starts_with("-%}") {
                let end = text.len() - after.len();
                return Some(end + if after.starts_with('-') { 3 } else { 2 });
            }
        }
        i = found + 2;
    }
    None
}

/// The counting call added to each list comprehension among `tokens` (`[… for x in …]`):
/// a `for` directly inside square brackets. `skip` tokens at the start are the tag's
/// name (`for` of `{% for %}` is no comprehension).
fn comprehensions(
    text: &str,
    tokens: &[Token],
    skip: usize,
    values: bool,
    adds: &mut Vec<(usize, String, Range<usize>)>,
) {
    // The open brackets, with the token index of each.
    let mut open: Vec<(u8, usize)> = Vec::new();
    for (n, token) in tokens.iter().enumerate().skip(skip) {
        match token.kind {
            Kind::Open(c) => open.push((c, n)),
            Kind::Close(_) => {
                open.pop();
            }
            Kind::Word if &text[token.range.clone()] == "for" => {
                let Some(&(b'[', start)) = open.last() else {
                    continue;
                };
                let after_dot = n > 0 && tokens[n - 1].kind == Kind::Dot;
                if after_dot {
                    continue;
                }
                if let Some((at, call)) = condition(text, &tokens[n + 1..]) {
                    let first = tokens[start].range.start;
                    let close = close_of(&tokens[n + 1..]);
                    let last = close.map_or(token.range.end, |t| t.range.end);
                    adds.push((at, call, first..last));
                    if values && close.is_some() {
                        adds.push((first, "(".to_string(), first..last));
                        adds.push((last, format!(") | {VALUE_FILTER}"), first..last));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Where the comprehension whose tokens follow its `for` gets its call, and the call:
/// after its condition's `if`, or before its closing `]`.
fn condition(text: &str, tokens: &[Token]) -> Option<(usize, String)> {
    let mut depth = 0usize;
    let mut seen_in = false;
    for token in tokens {
        match token.kind {
            Kind::Open(_) => depth += 1,
            Kind::Close(_) if depth == 0 => {
                return seen_in.then(|| (token.range.start, format!(" if {ITEM_CALL}()")));
            }
            Kind::Close(_) => depth -= 1,
            Kind::Word if depth == 0 => match &text[token.range.clone()] {
                "in" => seen_in = true,
                "if" if seen_in => {
                    return Some((token.range.end, format!(" {ITEM_CALL}() and")));
                }
                _ => {}
            },
            _ => {}
        }
    }
    None
}

/// The `]` closing the comprehension whose tokens after `for` are `tokens`.
fn close_of(tokens: &[Token]) -> Option<&Token> {
    let mut depth = 0usize;
    for token in tokens {
        match token.kind {
            Kind::Open(_) => depth += 1,
            Kind::Close(_) if depth == 0 => return Some(token),
            Kind::Close(_) => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(text: &str) -> String {
        instrument(text, true).0
    }

    #[test]
    fn each_for_body_starts_with_a_count() {
        assert_eq!(
            rewritten("<ul>{% for p in pages %}<li>{{ p.title }}</li>{% endfor %}</ul>"),
            "<ul>{% for p in pages %}{{ __pmo_loop() }}<li>{{ p.title }}</li>{% endfor %}</ul>"
        );
        // Whitespace trimmed after the tag stays trimmed.
        assert_eq!(
            rewritten("{%- for k, v in page -%}\n  {{ k }}{% endfor %}"),
            "{%- for k, v in page -%}{{ __pmo_loop() -}}\n  {{ k }}{% endfor %}"
        );
    }

    /// The built-in theme's templates have their loops counted but their values not
    /// measured (see `Templates::load`): the measure is for the site's own.
    #[test]
    fn without_values_only_loops_are_counted() {
        let text = "{% set s = a ~ b %}{% set t %}x{% endset %}{{ [p.title for p in pages] }}";
        assert_eq!(
            instrument(text, false).0,
            "{% set s = a ~ b %}{% set t %}x{% endset %}{{ [p.title for p in pages if __pmo_item()] }}"
        );
        assert!(rewritten(text).contains("(a ~ b) | __pmo_value"));
    }

    #[test]
    fn comprehensions_count_their_items() {
        assert_eq!(
            rewritten("{{ [p.title for p in pages] }}"),
            "{{ ([p.title for p in pages if __pmo_item()]) | __pmo_value }}"
        );
        assert_eq!(
            rewritten("{% set t = [p for p in pages if p.tags | length > 0] %}"),
            "{% set t = (([p for p in pages if __pmo_item() and p.tags | length > 0]) | __pmo_value) | __pmo_value %}"
        );
        // Brackets inside the iterable; a `for` that is a field, in a map or in a string.
        assert_eq!(
            rewritten("{{ [x for x in a[1:3]] }}"),
            "{{ ([x for x in a[1:3] if __pmo_item()]) | __pmo_value }}"
        );
        for unchanged in [
            "{{ [page.for, 1] }}",
            "{{ {for: 1} }}",
            "{{ [\"for x in y\"] }}",
            "{{ f(for=1) }}",
        ] {
            assert_eq!(rewritten(unchanged), unchanged);
        }
    }

    #[test]
    fn set_values_are_measured() {
        assert_eq!(
            rewritten("{% set s = s ~ s %}{%- set_global t = [1, 2] | length -%}"),
            "{% set s = (s ~ s) | __pmo_value %}{%- set_global t = ([1, 2] | length) | __pmo_value -%}"
        );
        assert_eq!(
            rewritten("{% set s %}a{% endset %}{% set t | upper %}b{% endset %}"),
            "{% set s | __pmo_value %}a{% endset %}{% set t | upper | __pmo_value %}b{% endset %}"
        );
        // Broken tags are Tera's to report.
        for unchanged in [
            "{% set %}",
            "{% set = 1 %}",
            "{% set s = %}",
            "{% set s == 1 %}",
        ] {
            assert_eq!(rewritten(unchanged), unchanged);
        }
    }

    #[test]
    fn raw_blocks_comments_and_strings_are_left_alone() {
        for unchanged in [
            "{% raw %}{% for x in y %}{% endraw %}",
            "{#- {% for x in y %} -#}",
            "{{ \"{% for x in y %}\" }}",
            "{% if a == \"%}\" %}{% endif %}",
            // Broken text is Tera's to report.
            "{% for x in y",
            "{{ [x for x in \"y ]",
            "{% raw %}{% for x in y %}",
            "{{",
            "{%",
            "{",
        ] {
            assert_eq!(rewritten(unchanged), unchanged);
        }
        assert_eq!(
            rewritten("{%- raw -%}{{ x }}{%- endraw -%}{% for a in b %}"),
            "{%- raw -%}{{ x }}{%- endraw -%}{% for a in b %}{{ __pmo_loop() }}"
        );
    }

    #[test]
    fn places_in_the_rewritten_text_are_told_in_the_authors() {
        let text = "{% for a in b %}x{{ c.d }}\n{% for e in f %}{{ g }}{% endfor %}{% endfor %}";
        let (tera_reads, insertions) = instrument(text, true);
        let g = tera_reads.find("{{ g }}").unwrap();
        assert_eq!(
            insertions.place(g),
            Place::Written(text.find("{{ g }}").unwrap())
        );
        let d = tera_reads.find("c.d").unwrap();
        assert_eq!(insertions.range(&(d..d + 3)), {
            let at = text.find("c.d").unwrap();
            at..at + 3
        });
        // Inside the second loop's call: that loop's tag.
        let call = tera_reads.rfind("__pmo_loop").unwrap();
        let second = text.find("{% for e").unwrap();
        assert_eq!(
            insertions.range(&(call..call + 10)),
            second..second + "{% for e in f %}".len()
        );
    }
}
