//! Where a template's unclosed `{% if %}` (or `for`, `block` …) is. Tera reports a
//! missing `{% endif %}` where it gives up: at the next end tag it did not expect (an
//! `{% endblock %}` lines below), as an unknown tag. The tag left open is what the
//! author must find.

/// The tags that open a body closed by `end<name>`.
const OPENERS: &[&str] = &["if", "for", "block", "macro", "filter", "raw", "set"];

/// A tag left open before `offset` in `text`, when the end tag at `offset` does not close
/// it: its byte offset, length and name (`if`). `None` when every tag before `offset`
/// is closed, or the innermost open one is the one the end tag closes.
pub fn left_open(text: &str, offset: usize) -> Option<(usize, usize, String)> {
    let mut open: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    let offset = offset.min(text.len());
    while let Some(found) = text
        .get(i..offset)
        .and_then(|t| t.find("{%"))
        .map(|at| i + at)
    {
        let Some(close) = text[found + 2..].find("%}").map(|e| found + 2 + e + 2) else {
            break;
        };
        let inner = text[found + 2..close - 2]
            .trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        let mut words = inner.split_whitespace();
        let name = words.next().unwrap_or("");
        if let Some(closed) = name.strip_prefix("end") {
            if open.last().is_some_and(|(_, _, n)| n == closed) {
                open.pop();
            }
        } else if name == "raw" {
            // Nothing inside `{% raw %}` is a tag.
            match text[close..].find("endraw") {
                Some(e) => {
                    i = close + e;
                    continue;
                }
                None => return Some((found, close - found, name.to_string())),
            }
        } else if OPENERS.contains(&name) && !(name == "set" && inner.contains('=')) {
            open.push((found, close - found, name.to_string()));
        }
        i = close;
    }
    let at_end = text
        .get(offset..)?
        .trim_start_matches(['{', '%', '-', '+', ' ']);
    let closing: String = at_end
        .strip_prefix("end")?
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    open.pop().filter(|(_, _, name)| *name != closing)
}

#[cfg(test)]
mod tests {
    use super::left_open;

    #[test]
    fn the_if_left_open_is_found_not_the_endblock() {
        let t = "{% block content %}\n{% if a %}\n<p>x</p>\n{% for t in tags %}{{ t }}{% endfor %}\n{% endblock content %}";
        let end = t.find("{% endblock").unwrap();
        let (at, len, name) = left_open(t, end + 3).unwrap();
        assert_eq!(&t[at..at + len], "{% if a %}");
        assert_eq!(name, "if");
    }

    #[test]
    fn closed_tags_and_assignments_leave_nothing_open() {
        let t = "{% block b %}{% set x = 1 %}{% if a %}y{% else %}z{% endif %}{% endblock b %}{% endfor %}";
        let end = t.rfind("{% endfor").unwrap();
        assert_eq!(left_open(t, end), None);
        let t = "{%- block b -%}{% raw %}{% if %}{% endraw %}{%- endblock b %}";
        assert_eq!(left_open(t, t.rfind("{%- endblock").unwrap()), None);
        // Broken tags are no panic.
        for t in ["{%}", "{%", "{% if", "{%%}{% endif %}", "{% raw %}"] {
            let _ = left_open(t, t.len());
        }
    }

    #[test]
    fn the_innermost_open_tag_is_named() {
        let t = "{% block b %}{% for x in y %}{% if x %}{{ x }}{% endfor %}";
        let end = t.rfind("{% endfor").unwrap();
        let (_, _, name) = left_open(t, end).unwrap();
        assert_eq!(name, "if");
    }
}
