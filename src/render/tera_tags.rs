//! Where a template's Tera tags are (`{{ … }}`, `{% … %}`, `{# … #}`), for the checks
//! that read a template as HTML: a `>` inside `{% if a > b %}` is no end of an HTML tag,
//! and a `<` inside `{{ "<b>" }}` no start of one.

/// The kind of a Tera tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{{ … }}`: an expression printed.
    Print,
    /// `{% … %}`: a statement.
    Statement,
    /// `{# … #}`: a comment.
    Comment,
}

/// Each Tera tag of `text` in order: its byte range (delimiters included) and kind. A
/// quote inside a print or statement tag holds its closing delimiter (`{{ "%}" }}`);
/// a tag left open runs to the end of the text (Tera refuses it when loading).
pub fn tags(text: &str) -> Vec<(std::ops::Range<usize>, Kind)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = text[i..].find('{').map(|at| i + at) {
        let (kind, close) = match bytes.get(at + 1) {
            Some(b'{') => (Kind::Print, b'}'),
            Some(b'%') => (Kind::Statement, b'%'),
            Some(b'#') => (Kind::Comment, b'#'),
            _ => {
                i = at + 1;
                continue;
            }
        };
        let mut quote = None;
        let mut end = text.len();
        let mut j = at + 2;
        while j < bytes.len() {
            let b = bytes[j];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if kind != Kind::Comment && matches!(b, b'"' | b'\'' | b'`') => {
                    quote = Some(b);
                }
                None if b == close && bytes.get(j + 1) == Some(&b'}') => {
                    end = j + 2;
                    break;
                }
                None => {}
            }
            j += 1;
        }
        found.push((at..end, kind));
        i = end;
    }
    found
}

/// `text` with every Tera tag blanked out byte for byte (so offsets, and so lines and
/// columns, stay those of `text`): what is left is the HTML the template writes around
/// its tags.
pub fn masked(text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (range, _) in tags(text) {
        bytes[range].fill(b' ');
    }
    // Each blanked range starts and ends at an ASCII brace or the text's end, so the
    // characters around it are whole.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::{masked, tags, Kind};

    #[test]
    fn a_comparison_inside_a_tag_is_blanked_with_the_tag() {
        let text = "<div {% if a > b %}onclick=\"x()\"{% endif %}>项目</div>";
        let out = masked(text);
        assert_eq!(out.len(), text.len());
        let blank = |n: usize| " ".repeat(n);
        assert_eq!(
            out,
            format!("<div {}onclick=\"x()\"{}>项目</div>", blank(14), blank(11))
        );
    }

    #[test]
    fn a_quoted_delimiter_does_not_end_a_tag_and_kinds_are_told() {
        let text = "{{ \"}}\" }}中{% set x = '%}' %}{# 注释 }} #}{ 单个";
        let found = tags(text);
        let kinds: Vec<Kind> = found.iter().map(|(_, k)| *k).collect();
        assert_eq!(kinds, vec![Kind::Print, Kind::Statement, Kind::Comment]);
        assert_eq!(&text[found[0].0.clone()], "{{ \"}}\" }}");
        assert_eq!(&text[found[1].0.clone()], "{% set x = '%}' %}");
        assert_eq!(&text[found[2].0.clone()], "{# 注释 }} #}");
        assert!(masked(text).ends_with("{ 单个"));
    }

    #[test]
    fn a_tag_left_open_runs_to_the_end() {
        let found = tags("<p>{{ page.title </p>");
        assert_eq!(found, vec![(3..21, Kind::Print)]);
    }
}
