//! On a project page: the best lessons of the earlier projects most like it. A project
//! is described by its own tags and text and those of its lessons, the categories of its
//! lessons, and its department; an earlier project is one that is closed, or that
//! started before it. Of the most similar ones, the lessons that fit this project best
//! are shown, a few per project, so one large neighbour does not fill the list.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::AtomicBool;

use rayon::prelude::*;

use super::vectors::{self, Bag, Scratch, Vectors};
use super::{
    rank, stopped, strongest, weighted, Lessons, Match, Why, TEXT_REASON, W_CATEGORY, W_TAGS,
    W_TEXT,
};
use crate::content::schema::{Date, ProjectStatus};
use crate::site::{PageId, Site};

/// Lessons shown on a project page.
pub const PROJECT_LESSONS_SHOWN: usize = 6;
/// Of those, from any one project.
const PER_PROJECT: usize = 3;
/// Similar projects whose lessons are considered.
const SIMILAR_PROJECTS: usize = 3;

/// Weights of a project-to-project score: tags and text cosines, the overlap of their
/// lessons' categories, and one department.
const W_P_TAGS: f32 = 0.35;
const W_P_TEXT: f32 = 0.35;
const W_P_CATEGORIES: f32 = 0.15;
const W_P_DEPARTMENT: f32 = 0.15;
/// The least project score whose lessons are shown.
const MIN_PROJECT: f32 = 0.06;
/// The least fit of a lesson to the project: a similar project's lesson about
/// something else is not shown.
const MIN_FIT: f32 = 0.06;
/// Terms kept per project text (its own and its lessons').
const TEXT_TERMS: usize = 96;

struct Project<'a> {
    id: PageId,
    department: Option<&'a str>,
    closed: bool,
    start: Option<Date>,
    /// Its lessons (numbers in [`Lessons`]).
    lessons: Vec<usize>,
    categories: BTreeSet<&'a str>,
}

impl Project<'_> {
    /// Whether `other` came before this one: closed, or started earlier.
    fn follows(&self, other: &Project) -> bool {
        other.id != self.id
            && (other.closed || matches!((other.start, self.start), (Some(a), Some(b)) if a < b))
    }
}

/// The lessons each project page shows.
pub(super) fn related(
    site: &Site,
    lessons: &Lessons,
    stop: &AtomicBool,
) -> HashMap<PageId, Vec<Match>> {
    let mut of_project: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, l) in lessons.list.iter().enumerate() {
        of_project.entry(l.project).or_default().push(n);
    }
    let list: Vec<Project> = site
        .projects
        .iter()
        .filter_map(|(slug, &id)| {
            let page = site.page(id);
            let info = page.project()?;
            let own = of_project.remove(slug.as_str()).unwrap_or_default();
            Some(Project {
                id,
                department: info.department.as_deref(),
                closed: info.status == ProjectStatus::Closed,
                start: info.start,
                categories: own
                    .iter()
                    .filter_map(|&n| lessons.list[n].category)
                    .collect(),
                lessons: own,
            })
        })
        .collect();
    if list.len() < 2 || stopped(stop) {
        return HashMap::new();
    }
    let (text_bags, tag_bags): (Vec<Bag>, Vec<Bag>) = list
        .par_iter()
        .map(|p| {
            let page = site.page(p.id);
            let text = vectors::text_bag(&weighted(page, &page.body.text.unpack()));
            let tags = vectors::tag_bag(&page.tags);
            let of_lessons = vectors::sum(p.lessons.iter().map(|&n| &lessons.tag_bags[n]));
            let own_text = p.lessons.iter().flat_map(|&n| lessons.text_bags.bag(n));
            (
                vectors::counted(text.into_iter().chain(own_text).collect()),
                vectors::sum([&tags, &of_lessons]),
            )
        })
        .unzip();
    let vectors = Vectors::new(&text_bags, &tag_bags, TEXT_TERMS, (W_P_TAGS, W_P_TEXT));
    let ctx = Scoring {
        lessons,
        list: &list,
        vectors: &vectors,
    };
    (0..list.len())
        .into_par_iter()
        .map_init(Scratch::default, |scratch, p| {
            if stopped(stop) {
                return (list[p].id, Vec::new());
            }
            let near = vectors.nearest(p, 4 * SIMILAR_PROJECTS, scratch, |q| {
                !list[p].follows(&list[q as usize])
            });
            let mut similar: Vec<(usize, f32)> = near
                .into_iter()
                .map(|q| (q as usize, ctx.similarity(p, q as usize)))
                .filter(|&(_, s)| s >= MIN_PROJECT)
                .collect();
            similar.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            similar.truncate(SIMILAR_PROJECTS);
            (
                list[p].id,
                ctx.best_lessons(p, &similar, &tag_bags[p], &text_bags[p]),
            )
        })
        .collect()
}

struct Scoring<'a, 'b> {
    lessons: &'a Lessons<'b>,
    list: &'a [Project<'b>],
    vectors: &'a Vectors,
}

impl Scoring<'_, '_> {
    fn similarity(&self, p: usize, q: usize) -> f32 {
        let (a, b) = (&self.list[p], &self.list[q]);
        let union = a.categories.union(&b.categories).count();
        let categories = match union {
            0 => 0.0,
            n => a.categories.intersection(&b.categories).count() as f32 / n as f32,
        };
        let v = self.vectors;
        W_P_TAGS * v.tags[p].dot(&v.tags[q])
            + W_P_TEXT * v.text[p].dot(&v.text[q])
            + W_P_CATEGORIES * categories
            + if same_department(a, b) {
                W_P_DEPARTMENT
            } else {
                0.0
            }
    }

    /// The lessons of the `similar` projects that fit project `p` (whose tags and text
    /// are `tag_bag` and `text_bag`) best.
    fn best_lessons(
        &self,
        p: usize,
        similar: &[(usize, f32)],
        tag_bag: &Bag,
        text_bag: &Bag,
    ) -> Vec<Match> {
        let lessons = self.lessons;
        // This project as a lesson would be: weighed like the lessons it is compared with.
        let tags = lessons
            .vectors
            .tag_rarity
            .vector(tag_bag.iter().copied(), usize::MAX);
        let text = lessons
            .vectors
            .text_rarity
            .vector(text_bag.iter().copied(), TEXT_TERMS);
        let project = &self.list[p];
        let mut found: Vec<Match> = Vec::new();
        for &(q, similarity) in similar {
            let other = &self.list[q];
            for &n in &other.lessons {
                let lesson = &lessons.list[n];
                let by_tags = W_TAGS * tags.dot(&lessons.vectors.tags[n]);
                let by_text = W_TEXT * text.dot(&lessons.vectors.text[n]);
                let category = lesson.category.filter(|c| project.categories.contains(c));
                let fit = by_tags + by_text + if category.is_some() { W_CATEGORY } else { 0.0 };
                // As between lessons, a category alone relates nothing.
                if fit < MIN_FIT || (by_tags <= 0.0 && by_text < W_TEXT * TEXT_REASON) {
                    continue;
                }
                let mut why: Vec<(f32, Why)> = Vec::new();
                if by_tags > 0.0 {
                    why.push((by_tags, Why::Tags(lessons.shared_tags(&tags, n))));
                }
                if same_department(project, other) {
                    let d = other.department.unwrap_or_default().to_string();
                    why.push((W_P_DEPARTMENT, Why::Department(d)));
                }
                if let Some(c) = category {
                    why.push((W_CATEGORY, Why::Category(c.to_string())));
                }
                if by_text >= W_TEXT * TEXT_REASON {
                    why.push((by_text, Why::Text));
                }
                let mut reasons = vec![Why::Project(other.id)];
                reasons.extend(strongest(why).into_iter().take(2));
                found.push(Match {
                    lesson: lesson.id,
                    score: similarity + fit,
                    why: reasons,
                });
            }
        }
        rank(lessons.site, &mut found);
        let mut per: HashMap<PageId, usize> = HashMap::new();
        found
            .into_iter()
            .filter(|m| {
                let project = lessons.site.project_of(lessons.site.page(m.lesson));
                let n = per.entry(project.unwrap_or(m.lesson)).or_default();
                *n += 1;
                *n <= PER_PROJECT
            })
            .take(PROJECT_LESSONS_SHOWN)
            .collect()
    }
}

fn same_department(a: &Project, b: &Project) -> bool {
    a.department.is_some() && a.department == b.department
}
