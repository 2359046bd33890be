//! Taxonomies: tags, categories and phases, each term with its pages newest first.
//!
//! Terms are grouped by slug, so `PMO` and `pmo` are one term (shown as first written).
//! The fourth classification, by project, needs no taxonomy pages: each project's own
//! page lists its lessons, reviews and related pages.

use std::collections::BTreeMap;

use crate::content::page::Page;
use crate::content::schema::Vocabulary;
use crate::ids::IdVec;
use crate::site::{PageId, Pages};
pub use crate::slugs::term_slug;

#[derive(Debug, Clone)]
pub struct Term {
    /// As written in front matter (for phases, the phase key, localized when shown).
    pub name: String,
    pub slug: String,
    pub pages: Vec<PageId>,
}

/// The taxonomies every site has, by their place in `Site::taxonomies`: code that means
/// one of them names it instead of writing its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Named {
    Tags = 0,
    Categories = 1,
    Phases = 2,
}

impl Named {
    /// In the order of `Site::taxonomies`.
    pub const ALL: [Named; 3] = [Named::Tags, Named::Categories, Named::Phases];
}

pub use crate::ids::TermId;

#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// `tags`, `categories` or `phases`: the URL folder and the i18n key suffix.
    pub key: &'static str,
    /// Terms by name; phases in lifecycle order.
    pub terms: IdVec<TermId, Term>,
}

impl Taxonomy {
    pub fn url(&self) -> String {
        format!("{}/", self.key)
    }

    pub fn term_url(&self, term: &Term) -> String {
        format!("{}/{}/", self.key, term.slug)
    }

    pub fn find(&self, name: &str) -> Option<&Term> {
        let slug = term_slug(name);
        self.terms.iter().find(|t| t.slug == slug)
    }
}

pub fn build(pages: &Pages) -> Vec<Taxonomy> {
    let listed = |p: &&Page| !p.kind.is_index();
    let tags = collect("tags", pages, |p| p.tags.clone(), listed);
    let categories = collect(
        "categories",
        pages,
        |p| p.category.clone().into_iter().collect(),
        listed,
    );
    let mut phases = collect(
        "phases",
        pages,
        |p| {
            p.lesson()
                .map(|l| l.phase.key().to_string())
                .into_iter()
                .collect()
        },
        listed,
    );
    let order = |t: &Term| {
        crate::content::schema::Phase::ALL
            .iter()
            .position(|p| p.key() == t.name)
            .unwrap_or(usize::MAX)
    };
    // Ids are handed out only once the terms are in their final order.
    let mut terms = std::mem::take(&mut phases.terms).into_raw();
    terms.sort_by_key(order);
    phases.terms = IdVec::from_raw(terms);
    // In the order of `Named`.
    vec![tags, categories, phases]
}

fn collect(
    key: &'static str,
    pages: &Pages,
    terms_of: impl Fn(&Page) -> Vec<String>,
    listed: impl Fn(&&Page) -> bool,
) -> Taxonomy {
    let mut by_slug: BTreeMap<String, Term> = BTreeMap::new();
    for (id, page) in pages.iter_enumerated().filter(|(_, p)| listed(p)) {
        let mut seen_here = Vec::new();
        for name in terms_of(page) {
            let name = name.trim().to_string();
            if name.is_empty() {
                continue;
            }
            let slug = term_slug(&name);
            if seen_here.contains(&slug) {
                continue;
            }
            seen_here.push(slug.clone());
            by_slug
                .entry(slug.clone())
                .or_insert_with(|| Term {
                    name,
                    slug,
                    pages: Vec::new(),
                })
                .pages
                .push(id);
        }
    }
    let mut terms: Vec<Term> = by_slug.into_values().collect();
    for term in &mut terms {
        term.pages.sort_by(|&a, &b| pages[a].cmp_newest(&pages[b]));
    }
    Taxonomy {
        key,
        terms: IdVec::from_raw(terms),
    }
}
