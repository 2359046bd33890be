//! `| safe` over an author's text in a site's own template. Tera escapes every value it
//! prints; `safe` turns that off. Over `page.content` (HTML the build sanitized) or a
//! chart's `html` (drawn by the build) it is what the theme does, but over a page's
//! title, summary or a front matter field it lets any author of the site put markup —
//! a form posting elsewhere, a link dressed as a button, a style hiding the page — into
//! every page the template makes, past the sanitizer that guards the body. A site that
//! trusts its authors' HTML is not warned.

use super::tera_tags::{tags, Kind};

/// The roots of values the site's admin or the build write, not a page's author: the
/// theme's strings, site.toml's fields, the page's path to the root and its policy.
const TRUSTED_ROOTS: &[&str] = &[
    "t",
    "site",
    "root",
    "generator",
    "template",
    "content_policy",
];

/// The last names of values that are HTML the build made safe: a page's sanitized body
/// and a chart's drawing.
const MADE_SAFE: &[&str] = &["content", "html"];

/// Each `| safe` of `text` over a value an author may have written: the byte offset and
/// length of the filtered expression, and the expression.
pub fn unescaped(text: &str) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    for (range, kind) in tags(text) {
        if kind == Kind::Comment {
            continue;
        }
        let inner_from = range.start + 2;
        let inner_to = range.end.saturating_sub(2).max(inner_from);
        let Some(inner) = text.get(inner_from..inner_to) else {
            continue;
        };
        let (base_from, base) = match kind {
            Kind::Statement => match statement_value(inner) {
                Some(v) => v,
                None => continue,
            },
            _ => (0, inner),
        };
        let pipes = pipes(base);
        let Some(&first) = pipes.first() else {
            continue;
        };
        let marked_safe = pipes.iter().any(|&p| {
            let filter = base[p + 1..].trim_start();
            filter
                .strip_prefix("safe")
                .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
        });
        let value = base[..first].trim();
        if !marked_safe || trusted(value) {
            continue;
        }
        let lead = base[..first].len() - base[..first].trim_start().len();
        found.push((
            inner_from + base_from + lead,
            value.len(),
            value.to_string(),
        ));
    }
    found
}

/// The value a statement filters: what follows `=` in `set`/`set_global`; others print
/// nothing of their own.
fn statement_value(inner: &str) -> Option<(usize, &str)> {
    let trimmed = inner.trim_start_matches(['-', ' ', '\t', '\n']);
    if !(trimmed.starts_with("set ") || trimmed.starts_with("set_global ")) {
        return None;
    }
    let eq = inner.find('=')?;
    Some((eq + 1, &inner[eq + 1..]))
}

/// Where `|` stands in `expr` outside quotes and brackets, the `||` of no Tera
/// expression aside.
fn pipes(expr: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut quote = None;
    let mut depth = 0usize;
    for (i, b) in expr.bytes().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'' | b'`') => quote = Some(b),
            (None, b'(' | b'[') => depth += 1,
            (None, b')' | b']') => depth = depth.saturating_sub(1),
            (None, b'|') if depth == 0 => found.push(i),
            _ => {}
        }
    }
    found
}

/// Whether every part of `value` (joined by `~`) is a literal, a call (a macro escapes
/// what it prints itself), a value of the site's admin or HTML the build made safe.
fn trusted(value: &str) -> bool {
    value.split('~').all(|part| {
        let part = part.trim().trim_start_matches('(').trim_end_matches(')');
        if part.is_empty()
            || part.starts_with(['"', '\'', '`'])
            || part.starts_with(|c: char| c.is_ascii_digit())
            || part.contains('(')
        {
            return true;
        }
        let names: Vec<&str> = part
            .split(['.', '[', ']', '"', '\''])
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        let root = names.first().copied().unwrap_or("");
        let last = names.last().copied().unwrap_or("");
        TRUSTED_ROOTS.contains(&root) || (names.len() > 1 && MADE_SAFE.contains(&last))
    })
}

#[cfg(test)]
mod tests {
    use super::unescaped;

    fn values(text: &str) -> Vec<String> {
        unescaped(text).into_iter().map(|(_, _, v)| v).collect()
    }

    #[test]
    fn an_authors_field_marked_safe_is_found_where_written() {
        let text = "<h1>{{ page.title | safe }}</h1>\n<p>{{ p.summary|upper|safe }}</p>\
                    {% set lede = page.meta.root_cause | safe %}{{ page.title ~ \"<b>\" | safe }}";
        let found = unescaped(text);
        assert_eq!(
            values(text),
            vec![
                "page.title",
                "p.summary",
                "page.meta.root_cause",
                "page.title ~ \"<b>\""
            ]
        );
        assert_eq!(&text[found[0].0..found[0].0 + found[0].1], "page.title");
    }

    #[test]
    fn the_builds_own_html_and_the_admins_values_are_left_alone() {
        let text = "{{ page.content | safe }}{{ chart.html | safe }}{{ doc.content|safe }}\
                    {{ content_policy | safe }}{{ t.footer_note | safe }}{{ site.title | safe }}\
                    {{ \"<br>\" | safe }}{{ macros::card(page=p) | safe }}{{ page.title }}\
                    {{ page.title | safeish }}{# {{ page.title | safe }} #}\
                    {{ page.title | replace(from=\"|\", to=\"/\") }}";
        assert_eq!(values(text), Vec::<String>::new());
    }
}
