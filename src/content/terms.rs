//! A page's tags and category as terms: each names a page of its own, so a term must be
//! one a reader looks up by. A list typed the way Chinese lists are written (`风险，进度`,
//! `风险、进度`, `风险；进度`) is one YAML item, and would silently make one term that
//! nobody meant, with a page of its own.

use std::path::Path;
use std::sync::Arc;

use crate::content::front_matter::Split;
use crate::content::page::Page;
use crate::content::page_file::field_offset;
use crate::diagnostics::Problem;
use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Text;
use crate::t;

/// A tag written twice on one page, in another case or width (`RACI`, `raci`,
/// `ＲＡＣＩ`), is one term with one page: shown once, as first written.
pub fn drop_repeated_tags(tags: &mut Vec<String>) {
    if tags.len() < 2 {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| seen.insert(crate::slugs::slugify(t, "term")));
}

/// A tag or category as shown and counted: without the invisible characters text
/// pasted from Word or the web carries, nor spaces of any width around it. Full-width
/// marks are kept, for [`check_terms`] to tell a list typed with `，`; one with nothing
/// else is kept as written, for it to refuse.
pub fn tidy(term: &str) -> String {
    let kept: String = term
        .chars()
        .filter(|&c| c.is_whitespace() || !crate::slugs::is_blank(c.encode_utf8(&mut [0; 4])))
        .collect();
    match kept.trim() {
        "" => term.to_string(),
        tidied => tidied.to_string(),
    }
}

/// The most tags a page may have. Each tag's page lists the pages holding it with all
/// their tags, so one page's tags cost their square in output: 5,000 tags wrote 1.5 GB,
/// 20,000 wrote 23 GB (the fourth security hunt). Real pages have a handful.
pub const MAX_TAGS: usize = 50;

/// The marks that separate items in a list as people write it, none of which
/// separates YAML list items: the full-width comma of a Chinese input method, the
/// enumeration comma `、` of Chinese lists, and semicolons of either width.
const SEPARATORS: [char; 4] = ['，', '、', '；', ';'];

/// The first separator `term` holds. A half-width `;` separates only where a list
/// would put it — before a space or beside a Chinese character (`risk; cost`, `风险;进度`) —
/// not inside an entity or an address (`&lt;`, `0;url=…`), which a tag may quote.
fn separator_in(term: &str) -> Option<char> {
    let chars: Vec<char> = term.chars().collect();
    chars.iter().enumerate().find_map(|(i, &c)| {
        let separates = if c == ';' {
            let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let after = chars.get(i + 1).copied();
            after.is_some_and(char::is_whitespace)
                || before.is_some_and(crate::markdown::is_cjk)
                || after.is_some_and(crate::markdown::is_cjk)
        } else {
            SEPARATORS.contains(&c)
        };
        separates.then_some(c)
    })
}

/// The mark `separator` by its name, for a message.
fn named(separator: char) -> Text {
    match separator {
        '、' => t!("an enumeration comma `、`"),
        '；' => t!("a full-width semicolon `；`"),
        ';' => t!("a semicolon `;`"),
        _ => t!("a full-width comma `，`"),
    }
}

/// `term` cut at every separator, each part trimmed, empty parts left out.
fn parts(term: &str) -> Vec<&str> {
    term.split(SEPARATORS)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A tag or category needs a letter or digit: its page's address is made of them, and
/// terms without any (`..`, `#`, an empty one) would all share one page. A term holding
/// a separator was meant as several.
pub fn check_terms(
    path: &Path,
    text: &Arc<str>,
    split: &Split,
    page: &Page,
) -> Result<(), Vec<Diagnostic>> {
    let has_name = |name: &str| name.chars().any(char::is_alphanumeric);
    let bad = page
        .tags
        .iter()
        .find(|t| !has_name(t))
        .map(|t| ("tags", t!("tag"), t))
        .or_else(|| {
            page.category
                .as_ref()
                .filter(|c| !has_name(c))
                .map(|c| ("category", t!("category"), c))
        });
    let at = |field: &str| Location::new(path, text, field_offset(text, split, field), field.len());
    if page.tags.len() > MAX_TAGS {
        return Err(vec![Diagnostic::error(Problem::Content(t!(
            "the page has {count} tags; a page may have at most {max}",
            count = page.tags.len(),
            max = MAX_TAGS
        )))
        .at(at("tags"))
        .with_help(t!("keep the few tags a reader would look the page up by; a list of keywords belongs in the page's text, where search finds it"))]);
    }
    // `[RACI，启动]`: a Chinese input method's comma does not separate YAML list items,
    // so the two tags would silently be one.
    if let Some(joined) = page.tags.iter().find(|t| separator_in(t).is_some()) {
        return Err(vec![joined_tag(
            joined,
            tag_at(text, split, joined).map_or_else(
                || at("tags"),
                |o| Location::new(path, text, o, joined.len()),
            ),
        )]);
    }
    if let Some(category) = page.category.as_ref().filter(|c| separator_in(c).is_some()) {
        return Err(vec![joined_category(category, at("category"))]);
    }
    if let Some(long) = too_long(page, at) {
        return Err(vec![long]);
    }
    let Some((field, what, name)) = bad else {
        return Ok(());
    };
    Err(vec![Diagnostic::error(Problem::Content(t!(
        "the {what} `{name}` has no letter or digit",
        what = what.clone(),
        name = name
    )))
    .at(at(field))
    .with_help(t!(
        "a {what} is named by at least one letter or digit, which make its page's address: write it out, or remove it",
        what = what
    ))])
}

/// The error for a tag or category whose page's folder (`tags/<slug>/`) would be a name
/// longer than a file system takes, at its field: the build could not write it, and
/// failed at the folder without naming the page.
fn too_long(page: &Page, at: impl Fn(&str) -> Location) -> Option<Diagnostic> {
    let bytes = |name: &str| crate::slugs::term_slug(name).len();
    let max = crate::output::portable::MAX_NAME_BYTES;
    let (field, what, name) = page
        .tags
        .iter()
        .find(|t| bytes(t) > max)
        .map(|t| ("tags", t!("tag"), t))
        .or_else(|| {
            page.category
                .as_ref()
                .filter(|c| bytes(c) > max)
                .map(|c| ("category", t!("category"), c))
        })?;
    Some(
        Diagnostic::error(Problem::Content(t!(
            "the {what} `{name}` makes a folder name of {bytes} bytes for its page; a file system takes at most {max}",
            what = what.clone(),
            name = name,
            bytes = bytes(name),
            max = max
        )))
        .at(at(field))
        .with_help(t!(
            "shorten the {what} to the few words a reader would look pages up by; a longer text belongs in the page's summary or body",
            what = what
        )),
    )
}

/// Where `tag` is written among the tags, as typed: a tag on a line of its own below
/// `tags:` (`  - 进度，沟通`) was underlined at `tags:`, its whole list in between.
fn tag_at(text: &str, split: &Split, tag: &str) -> Option<usize> {
    let from = field_offset(text, split, "tags");
    let front = text.get(from..split.front.end)?;
    front.find(tag).map(|i| from + i)
}

/// The error for a tag holding a separator, meant as several.
fn joined_tag(joined: &str, at: Location) -> Diagnostic {
    let parts = parts(joined);
    Diagnostic::error(Problem::Content(t!(
        "the tag `{name}` holds {mark}, so it is one tag, not {count}",
        name = joined,
        mark = named(separator_in(joined).unwrap_or('，')),
        count = parts.len()
    )))
    .at(at)
    .with_help(t!(
        "separate tags with a half-width comma: [{tags}]",
        tags = parts.join(", ")
    ))
}

/// The error for a category holding a separator: a page has one category.
fn joined_category(joined: &str, at: Location) -> Diagnostic {
    let parts = parts(joined);
    Diagnostic::error(Problem::Content(t!(
        "the category `{name}` holds {mark}: a page has one category, and this one would be named `{name}`",
        name = joined,
        mark = named(separator_in(joined).unwrap_or('，'))
    )))
    .at(at)
    .with_help(t!(
        "keep the one the page belongs under, `category: {first}`, and put the others in `tags: [{tags}]`",
        first = parts.first().copied().unwrap_or_default(),
        tags = parts.get(1..).unwrap_or_default().join(", ")
    ))
}

/// [`joined_tag`] for a front matter that could not be read into a page: the tags as
/// written on the `tags: [...]` line.
pub fn raw_joined_tag(path: &Path, text: &Arc<str>, split: &Split) -> Option<Diagnostic> {
    let front = &text[split.front.clone()];
    let line = front
        .lines()
        .find_map(|l| l.strip_prefix("tags:"))?
        .trim_start();
    // The list up to its first `]`: a comment after it (`tags: []  # 如 [供应商，延期]`,
    // as `pmo new` writes hints) is no tag.
    let list = line.strip_prefix('[')?;
    let list = &list[..list.find(']')?];
    let joined = list
        .split(',')
        .map(|t| t.trim().trim_matches(['"', '\'']))
        .find(|t| separator_in(t).is_some())?;
    let at = tag_at(text, split, joined).map_or_else(
        || Location::new(path, text, field_offset(text, split, "tags"), "tags".len()),
        |o| Location::new(path, text, o, joined.len()),
    );
    Some(joined_tag(joined, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_is_cut_at_every_mark_a_list_is_written_with() {
        assert_eq!(
            parts("风险、进度；成本;质量，范围"),
            ["风险", "进度", "成本", "质量", "范围"]
        );
        assert_eq!(parts("RACI，"), ["RACI"]);
        assert_eq!(separator_in("R&D"), None);
    }

    /// The injection tests' tags quote entities and addresses: refused as lists, the
    /// hostile pages never built.
    #[test]
    fn a_half_width_semicolon_separates_only_as_a_list_writes_it() {
        for list in ["风险;进度", "risk; cost", "成本 ;质量"] {
            assert_eq!(separator_in(list), Some(';'), "{list}");
        }
        for one in ["&lt;script&gt;", "0;url=javascript:x", "a;b"] {
            assert_eq!(separator_in(one), None, "{one}");
        }
        assert_eq!(separator_in("风险、进度"), Some('、'));
    }

    #[test]
    fn a_tag_repeated_in_another_case_or_width_is_kept_once() {
        let mut tags: Vec<String> = ["RACI", "启动", "raci", "ＲＡＣＩ", "Raci "]
            .map(String::from)
            .to_vec();
        drop_repeated_tags(&mut tags);
        assert_eq!(tags, ["RACI", "启动"]);
    }
}
