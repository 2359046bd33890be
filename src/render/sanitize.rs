//! The sanitizer for an author's raw HTML and the touch-ups that keep its output valid:
//! kept apart from the render stage's driver, which only calls [`sanitizer`] and
//! [`conform`] on a page that holds raw HTML.

use std::sync::OnceLock;

/// The HTML sanitizer for untrusted raw HTML: ammonia's safe defaults plus what our own
/// Markdown output needs (heading ids and anchors, task-list checkboxes, footnotes, table
/// alignment).
pub(super) fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // Obsolete elements fail the HTML checker: their text is kept, the tag dropped.
        b.rm_tags(["acronym", "center", "strike", "tt"]);
        b.add_tags(["input"])
            .add_generic_attributes(["id", "class", "aria-hidden"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            // A task list's box, and nothing else: `<input type="submit">` lost its
            // type and stood in the page as a text box, one a page could label
            // "password" (the twenty-first hunt). Every input is a box no reader ticks.
            .set_tag_attribute_value("input", "type", "checkbox")
            .set_tag_attribute_value("input", "disabled", "")
            // `data-address`: an external address as written, which print shows after
            // the link (see `markdown::links`). One an author forges is what the paper
            // says, as text beside the link would: a reader of the paper goes there.
            .add_tag_attributes("a", ["tabindex", "data-address"])
            .add_tag_attributes("aside", ["role"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                ("input", "type") if value != "checkbox" => None,
                // A callout's box is a note to assistive technology; no other role.
                ("aside", "role") if value != "note" => None,
                // Shown to no reader, and kept whatever its scheme (`javascript:`).
                (_, "cite") => None,
                // `//host/x` (or `\\host/x`): an image from any host, a link that leaves
                // unsaid; a Markdown link so written is an error (see `raw::leaves_unsaid`).
                (_, "href" | "src" | "poster" | "action" | "formaction" | "longdesc")
                    if crate::markdown::leaves_unsaid(&crate::escape::followed_address(value)) =>
                {
                    None
                }
                // An id the theme's own elements or scripts go by (`register-table`,
                // `search-app`, `PmoSearch`): the author's element, first on the page,
                // took the theme's place and its scripts failed. Renamed as a heading
                // of that id is.
                (_, "id") if clobbers(value) => Some(format!("{value}-1").into()),
                // Heading anchors leave the tab order; no page may reorder it.
                ("a", "tabindex") if value != "-1" => None,
                // A table cell's alignment, as Markdown writes it, and nothing else: a
                // style starting `text-align:` went on to load images from any host
                // (`background:url(https://…)`) or lay the cell over the page.
                ("th" | "td", "style") if !is_alignment(value) => None,
                _ => Some(value.into()),
            });
        b
    })
}

/// Whether a table cell's `style` only aligns its text (`text-align: left`, as Markdown
/// writes it, or `text-align:center;` by hand).
fn is_alignment(style: &str) -> bool {
    let plain: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        plain.trim_end_matches(';'),
        "text-align:left" | "text-align:center" | "text-align:right"
    )
}

/// Whether a raw `id` would take the place of an element or script name the theme relies
/// on ([`crate::slugs::takes_theme_place`]), or might in another case (`pmoSearch`): raw
/// HTML has no anchors a reader links to, so any `pmo` start is renamed.
fn clobbers(id: &str) -> bool {
    crate::slugs::takes_theme_place(id)
        || id
            .trim_start_matches('_')
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case("pmo"))
}

/// Sanitized HTML made valid where the author's was not: an image without `alt` gets
/// an empty one (the checker requires it; the author gave no text), and an anchor
/// without `href` (`<a name>`) loses the `rel` the sanitizer gives every `<a>`, which
/// only a link may carry.
pub(super) fn conform(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        // The sanitizer escapes `>` inside attribute values, so the first one ends the tag.
        let end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..end];
        if tag.starts_with("<img ") && !has_attribute(tag, "alt") {
            let close = if tag.ends_with("/>") {
                end - 2
            } else {
                end - 1
            };
            out.push_str(tag[..close].trim_end());
            out.push_str(" alt=\"\"");
            out.push_str(&tag[close..]);
        } else if (tag.starts_with("<a ") || tag == "<a>") && !has_attribute(tag, "href") {
            out.push_str(&tag.replace(" rel=\"noopener noreferrer\"", ""));
        } else {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Whether a serialized start tag has attribute `name`. Values are always in double
/// quotes with `"` escaped inside, so what lies between quotes is a value, never a name.
fn has_attribute(tag: &str, name: &str) -> bool {
    let written = format!(" {name}=");
    tag.split('"')
        .step_by(2)
        .any(|outside| outside.contains(&written))
}
