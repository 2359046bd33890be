//! Scripts in a site's own templates that the pages' Content-Security-Policy keeps from
//! running (see [`super::policy`]). A theme copied before the policy, or an analytics
//! snippet pasted into `base.html`, lost its script without a word: the build said
//! nothing and the browser's console, which an editor seldom opens, was the only place
//! that told. Each is warned of at its template's line and column, with the fix; so is
//! `| safe` over an author's text, which the sanitizer never sees.

use std::path::Path;
use std::sync::Arc;

use crate::content::active::{attributes, tag_end};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;
use crate::theme::Theme;

/// What a template does that the policy refuses.
#[derive(Debug, PartialEq, Eq)]
enum Refused {
    /// A `<script>` with its code written inside it.
    Inline,
    /// A `<script src>` from another host (`https://`, `//`).
    Elsewhere(String),
    /// An `on…=` handler attribute (`onclick`).
    Handler(String),
    /// A `javascript:` address.
    Address,
    /// `| safe` over a value an author may have written (see [`super::template_safe`]).
    Unescaped(String),
}

/// Warnings for the templates read from disk (the site's `templates/`, a theme folder's)
/// that the policy would keep from running. Called only for a site that does not trust
/// its authors' HTML: one that does states no policy. A template that cannot be read is
/// told when the templates are loaded.
pub fn warnings(theme: &Theme, root: &Path) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (name, source) in theme.templates() {
        let Some(path) = source.on_disk() else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let shown = source.display(root, &format!("templates/{name}"));
        let text: Arc<str> = Arc::from(text);
        for (at, len, refused) in refused(&text) {
            found.push(warning(Location::new(&shown, &text, at, len), &refused));
        }
    }
    found
}

/// `warnings` with those [`warnings`] gave for `theme`'s templates replaced by `fresh`:
/// `pmo serve` reloads an edited template without loading the site again, and an inline
/// script just pasted into it is told then, as one just removed stops being told.
pub fn replace(warnings: &mut Vec<Diagnostic>, theme: &Theme, root: &Path, fresh: Vec<Diagnostic>) {
    let templates: Vec<std::path::PathBuf> = theme
        .templates()
        .filter(|(_, source)| source.on_disk().is_some())
        .map(|(name, source)| source.display(root, &format!("templates/{name}")))
        .collect();
    // No other warning of a build is placed in a template read from disk.
    warnings.retain(|d| d.is_error() || !d.path.as_ref().is_some_and(|p| templates.contains(p)));
    warnings.extend(fresh);
}

/// The warning for `refused` at `at`.
fn warning(at: Location, refused: &Refused) -> Diagnostic {
    let (what, help) = match refused {
        Refused::Inline => (
            t!("this inline `<script>` does not run: the pages' Content-Security-Policy lets scripts run only from the site's own files"),
            t!("move its code into a file under static/js/ and load it with `<script src=\"{{{{ root }}}}js/….js\"></script>`; if every author of this site may run scripts, set `trust_html = true` in site.toml"),
        ),
        Refused::Elsewhere(src) => (
            t!(
                "the script `{src}` does not run: the pages' Content-Security-Policy lets scripts load only from the site's own files",
                src = src
            ),
            t!("save the script under static/js/ and load it from there (`<script src=\"{{{{ root }}}}js/….js\"></script>`)"),
        ),
        Refused::Handler(name) => (
            t!(
                "the `{name}` handler does not run: the pages' Content-Security-Policy runs no handler written in an attribute",
                name = name
            ),
            t!("attach it from a script file under static/js/ (`element.addEventListener(\"click\", …)`)"),
        ),
        Refused::Address => (
            t!("this `javascript:` address does nothing: the pages' Content-Security-Policy runs no script from an address"),
            t!("make it a button and attach its code from a script file under static/js/"),
        ),
        Refused::Unescaped(value) => (
            t!(
                "`{value} | safe` prints an author's text as HTML, unescaped: any author of the site can put markup (a form, a link dressed as a button, a style hiding the page) into every page this template makes, past the sanitizer that guards the page's body",
                value = value
            ),
            t!("remove `| safe`: Tera then escapes the text, which shows as written; only `content` and a chart's `html` are HTML the build has made safe. If every author of this site may write HTML, set `trust_html = true` in site.toml"),
        ),
    };
    Diagnostic::warning(Problem::Content(what))
        .at(at)
        .with_help(help)
}

/// The `type`s of a `<script>` whose text a browser runs (none given is JavaScript);
/// others (`application/ld+json`, `text/template`) are data the policy does not touch.
const SCRIPT_TYPES: &[&str] = &[
    "",
    "module",
    "importmap",
    "speculationrules",
    "text/javascript",
    "application/javascript",
    "text/ecmascript",
    "application/ecmascript",
    "application/x-javascript",
    "text/jscript",
];

/// Each place of a template's `text` the policy refuses: byte offset, length and what.
/// The template is read as HTML with its Tera tags blanked out (a `>` in
/// `{% if a > b %}` ends no HTML tag, so the handler after it is still seen), its values
/// as written; HTML comments are passed over, as is the text inside a `<script>` (a
/// string there may spell a tag).
fn refused(text: &str) -> Vec<(usize, usize, Refused)> {
    let html = super::tera_tags::masked(text);
    let bytes = html.as_bytes();
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(next) = html[i..].find('<').map(|at| i + at) {
        let rest = &html[next..];
        if let Some(after) = rest.strip_prefix("<!--") {
            i = next + 4 + after.find("-->").map_or(after.len(), |e| e + 3);
            continue;
        }
        let starts_tag = rest.len() > 1 && bytes[next + 1].is_ascii_alphabetic();
        if !starts_tag {
            i = next + 1;
            continue;
        }
        let end = tag_end(bytes, next + 1);
        let tag = &html[next..end];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        // Each attribute's value as the template writes it, Tera tags and all.
        let attrs: Vec<(usize, usize, &str, &str)> = attributes(tag)
            .into_iter()
            .map(|(offset, attr_end, attr, value)| {
                // A value is a slice of `tag`, but for the empty one of an attribute
                // written without a value.
                let within = (value.as_ptr() as usize).checked_sub(tag.as_ptr() as usize);
                let written = match within {
                    Some(at) if !value.is_empty() => {
                        let from = next + at;
                        text.get(from..from + value.len()).unwrap_or(value)
                    }
                    _ => value,
                };
                (offset, attr_end, attr, written)
            })
            .collect();
        for (offset, attr_end, attr, value) in &attrs {
            let attr = attr.to_ascii_lowercase();
            let address = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if attr.starts_with("on") && attr.len() > 2 {
                found.push((next + offset, attr_end - offset, Refused::Handler(attr)));
            } else if address.starts_with("javascript:") {
                found.push((next + offset, attr_end - offset, Refused::Address));
            }
        }
        i = end.max(next + 1);
        if name != "script" {
            continue;
        }
        let value_of = |wanted: &str| {
            attrs
                .iter()
                .find(|(_, _, a, _)| a.eq_ignore_ascii_case(wanted))
                .map(|(offset, end, _, v)| (*offset, *end, v.trim()))
        };
        match value_of("src") {
            Some((offset, end, src)) => {
                let lower_src = src.to_ascii_lowercase();
                let elsewhere = ["http:", "https:", "//", "\\\\"]
                    .iter()
                    .any(|p| lower_src.starts_with(p));
                if elsewhere {
                    found.push((
                        next + offset,
                        end - offset,
                        Refused::Elsewhere(src.to_string()),
                    ));
                }
            }
            None => {
                let kind =
                    value_of("type").map_or(String::new(), |(_, _, v)| v.to_ascii_lowercase());
                let body_end = lower[end..]
                    .find("</script")
                    .map_or(text.len(), |e| end + e);
                let has_code = !text[end..body_end].trim().is_empty();
                if has_code && SCRIPT_TYPES.contains(&kind.as_str()) {
                    found.push((next, name.len() + 1, Refused::Inline));
                }
            }
        }
        // The script's own text holds no tags.
        i = lower[i..].find("</script").map_or(text.len(), |e| i + e);
    }
    found.extend(
        super::template_safe::unescaped(text)
            .into_iter()
            .map(|(at, len, value)| (at, len, Refused::Unescaped(value))),
    );
    found.sort_by_key(|(at, _, _)| *at);
    found
}

#[cfg(test)]
mod tests {
    use super::{refused, Refused};

    fn kinds(text: &str) -> Vec<Refused> {
        refused(text).into_iter().map(|(_, _, r)| r).collect()
    }

    #[test]
    fn an_inline_script_and_a_handler_are_found_where_written() {
        let text = "<p>页脚</p>\n<script>\n  gtag('config', 'x');\n</script>\n<button onclick=\"go()\">去</button>";
        let found = refused(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(&text[found[0].0..found[0].0 + found[0].1], "<script");
        assert_eq!(found[0].2, Refused::Inline);
        assert_eq!(
            &text[found[1].0..found[1].0 + found[1].1],
            "onclick=\"go()\""
        );
    }

    #[test]
    fn the_sites_own_script_files_and_data_blocks_are_left_alone() {
        let text = "<script src=\"{{ root }}js/site.js\"></script>\
            <script type=\"application/ld+json\">{\"@type\": \"Organization\"}</script>\
            <script src=\"{{ root }}js/a.js\">\n</script>\
            <a href=\"{{ root }}about/\">关于</a><option>x</option>";
        assert_eq!(kinds(text), Vec::<Refused>::new());
    }

    #[test]
    fn scripts_in_comments_and_inside_a_script_are_not_tags() {
        let text = "{# <script>old()</script> #}<!-- <b onclick=x> -->\
            <script src=\"{{ root }}js/x.js\"></script>";
        assert_eq!(kinds(text), Vec::<Refused>::new());
    }

    /// A `>` inside a Tera tag within an HTML tag ended the tag there: the handler after
    /// it was read as text and not warned of.
    #[test]
    fn a_comparison_inside_a_tera_tag_does_not_end_the_html_tag() {
        let text = "<div {% if a > b %}onclick=\"x()\"{% endif %}>项目</div>\n\
            <a {% if n >= 1 %}class=\"多\"{% endif %} href=\"javascript:go({{ n }})\">去</a>\n\
            <p title=\"{{ \"<b onclick=y>\" }}\">安全</p><input disabled {% if a > 1 %}checked{% endif %}>";
        let found = refused(text);
        assert_eq!(
            found.iter().map(|(_, _, r)| r).collect::<Vec<_>>(),
            vec![&Refused::Handler("onclick".into()), &Refused::Address],
            "{found:?}"
        );
        assert_eq!(
            &text[found[1].0..found[1].0 + found[1].1],
            "href=\"javascript:go({{ n }})\""
        );
    }

    #[test]
    fn a_script_from_another_host_and_a_script_address_are_found() {
        let text = "<SCRIPT SRC=\"https://cdn.example.com/x.js\"></SCRIPT>\
            <script type=\"module\">import x from './x.js'</script>\
            <a href=\" JavaScript:void(0)\">点</a>";
        assert_eq!(
            kinds(text),
            vec![
                Refused::Elsewhere("https://cdn.example.com/x.js".into()),
                Refused::Inline,
                Refused::Address
            ]
        );
    }
}
