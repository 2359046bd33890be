//! The shapes templates see (documented in docs/templates.md).
//!
//! A page's context holds itself and short summaries of what it lists. Summaries are
//! built once per page as Tera values, whose maps are reference-counted, so a list of a
//! thousand summaries costs a thousand pointer copies rather than a thousand copies.

use serde::Serialize;
use tera::Value;

use crate::content::page::Page;
use crate::content::schema::Vocabulary;
use crate::i18n::I18n;
use crate::kinds::Kind;
use crate::markdown::TocEntry;
use crate::site::{Named, PageId, SectionId, Site};

mod project;
pub use project::{portfolio_trend, project, project_row, ProjectRow, TrendRow};

#[derive(Debug, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct TermRef {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct Keyed {
    pub key: &'static str,
    pub name: String,
    pub url: String,
}

impl Keyed {
    pub fn of<V: Vocabulary>(value: V, i18n: &I18n, url: String) -> Keyed {
        Keyed {
            key: value.key(),
            name: i18n.term(value),
            url,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub kind: &'static str,
    pub kind_name: String,
    pub title: String,
    pub url: String,
    pub date: String,
    pub date_display: String,
    pub summary: String,
    /// The language code of the title and summary where it is not the site's (`en` for an
    /// English lesson on a Chinese portal), so that a list marks them as the page itself
    /// does: a screen reader read an English title in a list with Chinese sounds.
    pub lang: Option<&'static str>,
    /// [`TermRef`]s, [`Keyed`]s and the project's [`Link`], each made once for all the
    /// summaries that hold it (see [`Shared`]).
    pub tags: Vec<Value>,
    pub category: Option<Value>,
    pub phase: Option<Value>,
    pub impact: Option<Value>,
    pub project: Option<Value>,
    /// A lesson's register columns; absent for other kinds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lesson: Option<crate::render::register::LessonColumns>,
}

/// The parts many summaries hold alike (a tag, a category, a phase, an impact, a
/// project's link), each made into a value once and shared by every summary holding
/// it: a value's maps are reference-counted, so the copies are pointers. At 100,000
/// pages each summary made its own, some 350 MiB for the render stage to hold.
#[derive(Default)]
pub struct Shared(std::sync::Mutex<std::collections::HashMap<String, Value>>);

impl Shared {
    /// The value of `part`, made once per distinct part.
    fn value<T: Serialize>(&self, part: T) -> Value {
        // Strings and maps of strings serialize without fail; a kind name keeps two
        // shapes with the same fields apart.
        let key = format!(
            "{}{}",
            std::any::type_name::<T>(),
            serde_json::to_string(&part).unwrap_or_default()
        );
        let mut values = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        values
            .entry(key)
            .or_insert_with(|| Value::from_serializable(&part))
            .clone()
    }
}

pub fn summary(site: &Site, i18n: &I18n, id: PageId, shared: &Shared) -> Summary {
    let page = site.page(id);
    let term = |tax: Named, name: &str| -> Option<TermRef> {
        let taxonomy = site.taxonomy(tax);
        taxonomy.find(name).map(|t| TermRef {
            name: name.to_string(),
            url: taxonomy.term_url(t),
        })
    };
    Summary {
        kind: page.kind.key(),
        kind_name: i18n.get(&format!("kind_{}", page.kind.key())).to_string(),
        title: page.title.clone(),
        url: page.url.clone(),
        date: page.date.map(|d| d.iso()).unwrap_or_default(),
        date_display: page.date.map(|d| i18n.date(&d)).unwrap_or_default(),
        summary: page.summary.clone(),
        lang: own_language(site, id),
        tags: page
            .tags
            .iter()
            .filter_map(|t| term(Named::Tags, t))
            .map(|t| shared.value(t))
            .collect(),
        category: page
            .category
            .as_deref()
            .and_then(|c| term(Named::Categories, c))
            .map(|t| shared.value(t)),
        phase: page.lesson().map(|l| {
            let url = term(Named::Phases, l.phase.key())
                .map(|t| t.url)
                .unwrap_or_default();
            shared.value(Keyed::of(l.phase, i18n, url))
        }),
        impact: page
            .lesson()
            .map(|l| shared.value(Keyed::of(l.impact, i18n, String::new()))),
        project: site.project_of(page).map(|p| {
            shared.value(Link {
                title: site.page(p).title.clone(),
                url: site.page(p).url.clone(),
            })
        }),
        lesson: page
            .lesson()
            .map(|l| crate::render::register::LessonColumns::of(l, i18n, site.config.as_of())),
    }
}

/// The language code of `id`'s own title and text, where it is plainly written in a
/// language other than the site's.
pub fn own_language(site: &Site, id: PageId) -> Option<&'static str> {
    site.page(id)
        .written_in
        .filter(|&l| l != site.config.language)
        .map(crate::config::Language::code)
}

/// Everything a page template needs about the page itself.
#[derive(Debug, Serialize)]
pub struct FullPage<'a> {
    #[serde(flatten)]
    pub summary: Summary,
    /// The front matter's summary, shown above the text; empty when the summary is only
    /// the first paragraph (which the reader is about to see anyway).
    pub lede: &'a str,
    /// The summary as plain text for `<meta name="description">` (see
    /// `render::description`); empty on listings, which the site's description describes.
    pub description: String,
    /// The audience the page is kept for, in a site with audiences, when above the
    /// lowest; the theme marks the page with it.
    pub restricted: Option<&'a str>,
    pub content: String,
    pub toc: &'a [TocEntry],
    pub breadcrumbs: Vec<Link>,
    pub backlinks: Vec<Value>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub permalink: String,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub owner: Option<&'a str>,
    pub source_path: String,
    pub weight: Option<i64>,
    pub lesson_id: Option<&'a str>,
    pub severity: Option<Keyed>,
    pub status: Option<Keyed>,
    pub year: Option<i16>,
    pub review_type: Option<Keyed>,
    /// A practice's `review_by` date, and whether the as-of day is past it.
    pub review_by: Option<ReviewBy>,
    /// The kind's front matter as parsed (`page.meta.<field>` in templates; values of a
    /// fixed vocabulary as written, e.g. `on-hold`): a new front matter field reaches
    /// the templates without a change here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<&'a crate::content::page::Extra>,
}

#[derive(Debug, Serialize)]
pub struct ReviewBy {
    pub date: String,
    pub display: String,
    pub past: bool,
}

/// Ancestors of a section, from the home page down to (and without) the section itself.
pub fn breadcrumbs(site: &Site, section: SectionId, i18n: &I18n, include_self: bool) -> Vec<Link> {
    let mut chain = Vec::new();
    let mut at = Some(section);
    while let Some(id) = at {
        chain.push(id);
        at = site.section(id).parent;
    }
    chain.reverse();
    if !include_self {
        chain.pop();
    }
    chain
        .into_iter()
        .map(|id| Link {
            title: section_title(site, id, i18n),
            url: site.section(id).url.clone(),
        })
        .collect()
}

/// A section's title: its `_index.md` title, the UI name of a standard section, or the
/// folder name.
pub fn section_title(site: &Site, id: SectionId, i18n: &I18n) -> String {
    let section = site.section(id);
    if let Some(title) = section
        .index
        .map(|i| &site.page(i).title)
        .filter(|t| !t.is_empty())
    {
        return title.clone();
    }
    match section.dir.as_str() {
        "" => i18n.get("nav_home").to_string(),
        dir if Kind::of_folder(dir).is_some() => i18n.get(&format!("nav_{dir}")).to_string(),
        _ => section.name().to_string(),
    }
}

#[derive(Debug, Serialize)]
pub struct SectionCard {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub count: usize,
}

pub fn section_card(site: &Site, id: SectionId, i18n: &I18n) -> SectionCard {
    let section = site.section(id);
    SectionCard {
        title: section_title(site, id, i18n),
        url: section.url.clone(),
        summary: section
            .index
            .map(|i| site.page(i).summary.clone())
            .unwrap_or_default(),
        count: section.count,
    }
}

#[derive(Debug, Serialize)]
pub struct PageNumber {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Stands for the pages left out between its neighbours ("…"); no number or URL.
    pub gap: bool,
}

#[derive(Debug, Serialize)]
pub struct Paginator {
    pub current: usize,
    pub total: usize,
    pub prev_url: String,
    pub next_url: String,
    pub pages: Vec<PageNumber>,
}

/// URL of page `n` (1-based) of a list whose first page is at `base`.
pub fn paged_url(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

pub fn paginator(base: &str, current: usize, total: usize) -> Paginator {
    let url = |n: usize| paged_url(base, n);
    Paginator {
        current,
        total,
        prev_url: if current > 1 {
            url(current - 1)
        } else {
            String::new()
        },
        next_url: if current < total {
            url(current + 1)
        } else {
            String::new()
        },
        pages: shown_pages(current, total)
            .into_iter()
            .map(|n| match n {
                Some(n) => PageNumber {
                    number: n,
                    url: url(n),
                    current: n == current,
                    gap: false,
                },
                None => PageNumber {
                    number: 0,
                    url: String::new(),
                    current: false,
                    gap: true,
                },
            })
            .collect(),
    }
}

/// The page numbers a paginator links: the first, the last and two either side of the
/// current one, `None` for each run left out. Bounded, so a list of thousands of pages
/// does not carry every number on every one of them (which grew as the square).
fn shown_pages(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut shown = Vec::new();
    let mut last = 0;
    let near = current.saturating_sub(2).max(1)..=(current + 2).min(total);
    for n in [1].into_iter().chain(near).chain([total]) {
        if n <= last || n > total {
            continue;
        }
        if n > last + 1 {
            shown.push(None);
        }
        shown.push(Some(n));
        last = n;
    }
    shown
}

/// The order of kinds in the "linked from" list.
pub fn kind_rank(kind: Kind) -> u8 {
    kind.spec().rank
}

pub fn reading_minutes(page: &Page) -> usize {
    // About 300 Chinese characters or 200 English words a minute; count words as chars.
    page.body.word_count.div_ceil(300).max(1)
}

#[cfg(test)]
mod tests {
    use super::shown_pages;

    #[test]
    fn a_paginator_links_the_ends_and_two_pages_either_side() {
        let n = |v: &[usize]| v.iter().map(|&n| (n != 0).then_some(n)).collect::<Vec<_>>();
        assert_eq!(shown_pages(1, 1), n(&[1]));
        assert_eq!(shown_pages(1, 3), n(&[1, 2, 3]));
        assert_eq!(shown_pages(1, 9), n(&[1, 2, 3, 0, 9]));
        assert_eq!(shown_pages(5, 9), n(&[1, 0, 3, 4, 5, 6, 7, 0, 9]));
        assert_eq!(shown_pages(4, 9), n(&[1, 2, 3, 4, 5, 6, 0, 9]));
        assert_eq!(shown_pages(9, 9), n(&[1, 0, 7, 8, 9]));
        assert_eq!(shown_pages(5000, 10000).len(), 9);
    }
}
