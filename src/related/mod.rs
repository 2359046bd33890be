//! Related lessons: beside each lesson, the lessons of *other* projects most like it; on
//! each project page, the best lessons of the most similar earlier projects. A register
//! nobody reads again is the common failure of lessons learned; this puts the lesson in
//! front of the next project that needs it.
//!
//! Two lessons are alike by their tags (a rare tag shared weighs more than a common one),
//! their text (character pairs and words, as search reads them, weighed by rarity), their
//! category, phase and impact, and their projects' department. Each shown lesson carries
//! the reasons that weighed most, so a reader can judge the match. A match below
//! [`MIN_SCORE`] is not shown: nothing beats noise.
//!
//! The site is already cut to its audience when this runs, so a hidden lesson is never
//! related. The result depends on the pages alone, computed in a fixed order, so two
//! builds agree byte for byte.

mod projects;
mod vectors;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::content::schema::{Impact, Phase};
use crate::site::{PageId, Site};
use vectors::{Bag, Scratch, Sparse, TextBags, Vectors};

/// Lessons shown beside a lesson.
pub const LESSONS_SHOWN: usize = 5;

/// Weights of the parts of a lesson-to-lesson score. Tags and text are cosines in 0–1;
/// the rest count when equal. Tags lead: an author chose them to say what the lesson is
/// about. Text catches what the tags miss (different words for one problem). Category,
/// phase, department and impact alone relate nothing; they order lessons that share
/// tags or text.
const W_TAGS: f32 = 0.45;
const W_TEXT: f32 = 0.35;
const W_CATEGORY: f32 = 0.12;
const W_PHASE: f32 = 0.04;
const W_DEPARTMENT: f32 = 0.03;
const W_IMPACT: f32 = 0.01;

/// The least score shown.
pub const MIN_SCORE: f32 = 0.125;
/// Text that is this similar is named as a reason.
const TEXT_REASON: f32 = 0.08;
/// Terms kept per lesson text: the heaviest say what it is about.
const TEXT_TERMS: usize = 48;
/// How many times a word of the title, and of the summary, counts.
const TITLE_TIMES: u32 = 3;
const SUMMARY_TIMES: u32 = 2;
/// Candidates scored exactly per lesson.
const CANDIDATES: usize = 40;
/// Reasons named per shown lesson: one line.
const REASONS: usize = 3;
/// Tags named in a reason.
const TAGS_NAMED: usize = 3;

/// What each lesson and project page shows.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Related {
    shown: HashMap<PageId, Vec<Match>>,
}

/// A lesson shown, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub lesson: PageId,
    pub score: f32,
    /// The reasons that weighed most, strongest first.
    pub why: Vec<Why>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// On a project page: the similar project the lesson comes from.
    Project(PageId),
    /// Tags both have, rarest first, as the shown lesson spells them.
    Tags(Vec<String>),
    Category(String),
    Phase(Phase),
    Department(String),
    /// Their texts use the same rare words.
    Text,
}

impl Related {
    /// The related lessons of every lesson and project of `site`.
    pub fn of(site: &Site) -> Related {
        // Nothing sets the flag, so the work runs to its end.
        Related::until(site, &AtomicBool::new(false)).unwrap_or_default()
    }

    /// As [`Related::of`], given up (`None`) soon after `stop` is set: `serve` finds
    /// related lessons after the reload, and drops the work when the next save arrives.
    pub fn until(site: &Site, stop: &AtomicBool) -> Option<Related> {
        let lessons = Lessons::new(site, stop);
        let mut shown: HashMap<PageId, Vec<Match>> = lessons.related(stop);
        shown.extend(projects::related(site, &lessons, stop));
        if stopped(stop) {
            return None;
        }
        shown.retain(|_, m| !m.is_empty());
        Some(Related { shown })
    }

    /// Renumbers the pages after pages came and went (`new_id` gives a page's new id,
    /// `None` for a page gone), dropping the matches of gone pages. Returns the pages
    /// whose list lost a match: they no longer show what they showed.
    pub fn renumber(&mut self, new_id: impl Fn(PageId) -> Option<PageId>) -> Vec<PageId> {
        let mut shortened = Vec::new();
        let shown = std::mem::take(&mut self.shown);
        for (page, matches) in shown {
            let Some(page) = new_id(page) else { continue };
            let before = matches.len();
            let matches: Vec<Match> = matches
                .into_iter()
                .filter_map(|mut m| {
                    m.lesson = new_id(m.lesson)?;
                    for why in &mut m.why {
                        if let Why::Project(p) = why {
                            *p = new_id(*p)?;
                        }
                    }
                    Some(m)
                })
                .collect();
            if matches.len() != before {
                shortened.push(page);
            }
            if !matches.is_empty() {
                self.shown.insert(page, matches);
            }
        }
        shortened.sort_unstable();
        shortened
    }

    /// What page `id` shows, best first (nothing for pages other than lessons and
    /// projects).
    pub fn of_page(&self, id: PageId) -> &[Match] {
        self.shown.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The pages whose related lessons read differently in `self` than in `before`,
    /// `edited` pages being shown differently wherever they are listed: what to render
    /// again after an edit.
    pub fn changed_since(&self, before: &Related, edited: &[PageId]) -> Vec<PageId> {
        let mut pages: Vec<PageId> = self
            .shown
            .keys()
            .chain(before.shown.keys())
            .copied()
            .filter(|id| {
                let now = self.of_page(*id);
                !shown_alike(now, before.of_page(*id))
                    || now.iter().any(|m| edited.contains(&m.lesson))
            })
            .collect();
        pages.sort_unstable();
        pages.dedup();
        pages
    }
}

/// Whether two lists read the same on the page: the same lessons for the same reasons.
/// Scores are not shown, and any edit moves them a little (a word's rarity is counted
/// over every lesson), so comparing them would render thousands of pages for nothing.
fn shown_alike(a: &[Match], b: &[Match]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.lesson == y.lesson && x.why == y.why)
}

fn stopped(stop: &AtomicBool) -> bool {
    stop.load(Ordering::Relaxed)
}

/// One lesson as the scoring sees it.
struct Lesson<'a> {
    id: PageId,
    project: &'a str,
    department: Option<&'a str>,
    category: Option<&'a str>,
    phase: Phase,
    impact: Impact,
    tags: &'a [String],
}

/// Every lesson of the site, with its tag and text vectors and the index to find its
/// neighbours.
pub(crate) struct Lessons<'a> {
    site: &'a Site,
    list: Vec<Lesson<'a>>,
    text_bags: TextBags,
    tag_bags: Vec<Bag>,
    vectors: Vectors,
}

impl<'a> Lessons<'a> {
    fn new(site: &'a Site, stop: &AtomicBool) -> Lessons<'a> {
        let list: Vec<Lesson> = site
            .pages
            .iter_enumerated()
            .filter_map(|(id, page)| {
                let lesson = page.lesson()?;
                let department = site
                    .projects
                    .get(&lesson.project)
                    .and_then(|&p| site.page(p).project())
                    .and_then(|p| p.department.as_deref());
                Some(Lesson {
                    id,
                    project: &lesson.project,
                    department,
                    category: page.category.as_deref(),
                    phase: lesson.phase,
                    impact: lesson.impact,
                    tags: &page.tags,
                })
            })
            .collect();
        let text_bags = TextBags::new(list.len(), |n| {
            if stopped(stop) {
                return Bag::default();
            }
            let page = site.page(list[n].id);
            vectors::text_bag(&weighted(page, &page.body.text.unpack()))
        });
        let tag_bags: Vec<Bag> = list.iter().map(|l| vectors::tag_bag(l.tags)).collect();
        let vectors = Vectors::of_packed(&text_bags, &tag_bags, TEXT_TERMS, (W_TAGS, W_TEXT));
        Lessons {
            site,
            list,
            text_bags,
            tag_bags,
            vectors,
        }
    }

    /// Each lesson's best matches from other projects.
    fn related(&self, stop: &AtomicBool) -> HashMap<PageId, Vec<Match>> {
        (0..self.list.len())
            .into_par_iter()
            .map_init(Scratch::default, |scratch, a| {
                if stopped(stop) {
                    return (self.list[a].id, Vec::new());
                }
                let own = self.list[a].project;
                let near = self.vectors.nearest(a, CANDIDATES, scratch, |b| {
                    self.list[b as usize].project == own
                });
                let mut found: Vec<Match> = near
                    .into_iter()
                    .filter_map(|b| self.matched(a, b as usize))
                    .collect();
                rank(self.site, &mut found);
                found.truncate(LESSONS_SHOWN);
                (self.list[a].id, found)
            })
            .collect()
    }

    /// Lesson `b` as a match for lesson `a`, if it scores enough.
    fn matched(&self, a: usize, b: usize) -> Option<Match> {
        let (x, y) = (&self.list[a], &self.list[b]);
        let v = &self.vectors;
        let tags = v.tags[a].dot(&v.tags[b]);
        let text = v.text[a].dot(&v.text[b]);
        if tags <= 0.0 && text < TEXT_REASON {
            return None;
        }
        let same = |p: bool, w: f32| if p { w } else { 0.0 };
        let category = x.category.is_some() && x.category == y.category;
        let department = x.department.is_some() && x.department == y.department;
        let score = W_TAGS * tags
            + W_TEXT * text
            + same(category, W_CATEGORY)
            + same(x.phase == y.phase, W_PHASE)
            + same(department, W_DEPARTMENT)
            + same(x.impact == y.impact, W_IMPACT);
        if score < MIN_SCORE {
            return None;
        }
        let mut why: Vec<(f32, Why)> = Vec::new();
        if tags > 0.0 {
            why.push((W_TAGS * tags, Why::Tags(self.shared_tags(&v.tags[a], b))));
        }
        if let (true, Some(c)) = (category, y.category) {
            why.push((W_CATEGORY, Why::Category(c.to_string())));
        }
        if text >= TEXT_REASON {
            why.push((W_TEXT * text, Why::Text));
        }
        if x.phase == y.phase {
            why.push((W_PHASE, Why::Phase(y.phase)));
        }
        if let (true, Some(d)) = (department, y.department) {
            why.push((W_DEPARTMENT, Why::Department(d.to_string())));
        }
        Some(Match {
            lesson: y.id,
            score,
            why: strongest(why),
        })
    }

    /// The tags of lesson `b` that `tags` holds too, rarest first, as `b` spells them.
    fn shared_tags(&self, tags: &Sparse, b: usize) -> Vec<String> {
        let mut shared: Vec<(f32, &String)> = self.list[b]
            .tags
            .iter()
            .filter_map(|t| {
                let key = vectors::tag_key(t);
                let held = tags.0.binary_search_by_key(&key, |&(k, _)| k).is_ok();
                held.then(|| (self.vectors.tag_rarity.weight(key), t))
            })
            .collect();
        shared.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(y.1)));
        shared.dedup_by(|x, y| vectors::tag_key(x.1) == vectors::tag_key(y.1));
        shared
            .into_iter()
            .take(TAGS_NAMED)
            .map(|(_, t)| t.clone())
            .collect()
    }
}

/// A page's text for its bag, `body` being its text unpacked: the title and summary say
/// what it is about, and count more per word than the body.
fn weighted<'a>(page: &'a crate::content::page::Page, body: &'a str) -> [(&'a str, u32); 3] {
    [
        (&page.title, TITLE_TIMES),
        (&page.summary, SUMMARY_TIMES),
        (body, 1),
    ]
}

/// The reasons that weighed most, strongest first (ties in the order given).
fn strongest(mut why: Vec<(f32, Why)>) -> Vec<Why> {
    why.sort_by(|x, y| y.0.total_cmp(&x.0));
    why.into_iter().take(REASONS).map(|(_, w)| w).collect()
}

/// Best first; equal scores newest first, then by file: the same order every build.
fn rank(site: &Site, found: &mut [Match]) {
    found.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| site.pages[x.lesson].cmp_newest(&site.pages[y.lesson]))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::Id;

    fn shown(matches: &[(u32, u32, f32)]) -> Related {
        let mut shown: HashMap<PageId, Vec<Match>> = HashMap::new();
        for &(page, lesson, score) in matches {
            shown
                .entry(PageId::new(page as usize))
                .or_default()
                .push(Match {
                    lesson: PageId::new(lesson as usize),
                    score,
                    why: vec![Why::Text],
                });
        }
        Related { shown }
    }

    #[test]
    fn scores_alone_do_not_make_a_page_render_again() {
        let before = shown(&[(0, 1, 0.5), (1, 0, 0.5), (2, 0, 0.3)]);
        let after = shown(&[(0, 1, 0.51), (1, 0, 0.49), (2, 1, 0.3)]);
        assert_eq!(
            after.changed_since(&before, &[]),
            [PageId::new(2)],
            "only the page whose list names another lesson"
        );
        // A page listing an edited lesson shows its new summary.
        assert_eq!(
            after.changed_since(&before, &[PageId::new(1)]),
            [PageId::new(0), PageId::new(2)]
        );
    }

    #[test]
    fn renumbering_follows_the_pages_and_drops_those_gone() {
        // Page 1 is gone; pages 2 and 3 become 1 and 2.
        let mut related = shown(&[(0, 1, 0.5), (0, 2, 0.4), (1, 0, 0.5), (3, 0, 0.2)]);
        let shortened = related.renumber(|id| match id.index() {
            0 => Some(PageId::new(0)),
            1 => None,
            n => Some(PageId::new(n - 1)),
        });
        assert_eq!(shortened, [PageId::new(0)]);
        let lessons = |page: usize| -> Vec<usize> {
            related
                .of_page(PageId::new(page))
                .iter()
                .map(|m| m.lesson.index())
                .collect()
        };
        assert_eq!(lessons(0), [1]);
        assert_eq!(lessons(2), [0]);
        assert!(lessons(1).is_empty(), "nothing of the page gone is kept");
    }

    #[test]
    fn a_set_stop_flag_gives_the_work_up() {
        let config =
            crate::config::Config::parse(std::path::Path::new("site.toml"), "title = \"门户\"\n");
        let site = crate::site::link(
            config.unwrap(),
            Default::default(),
            Default::default(),
            Default::default(),
            &crate::diagnostics::Diagnostics::default(),
        );
        let stop = AtomicBool::new(true);
        assert!(Related::until(&site, &stop).is_none());
        assert!(Related::until(&site, &AtomicBool::new(false)).is_some());
    }
}
