//! The lessons register as a working tool: each lesson's register columns (severity,
//! status, owner, open and overdue actions), the actions table of a lesson page, and
//! the register's data files, which let its filters find a lesson on any of its pages.
//!
//! The data are split into chunks of [`ROWS_PER_CHUNK`] lessons (`lessons/data-N.js`)
//! so that no file grows with the register (a chunk stays near 150–180 KB
//! however many lessons there are), and a reader who never filters loads none of them; a small
//! `lessons/facets.js` names the values each filter offers. They are scripts rather than
//! JSON because a portal opened from a file share cannot `fetch()`. Only the lessons of
//! the build's audience are in them: they are made from the same site as its pages.

use std::io;

use serde::Serialize;
use serde_json::{json, Value};

use crate::content::schema::{
    Action, Impact, LessonMeta, LessonStatus, Phase, Severity, Vocabulary,
};
use crate::date::Date;
use crate::i18n::I18n;
use crate::kinds::Kind;
use crate::output::Output;
use crate::render::context::Keyed;
use crate::site::{Named, Site};

/// Lessons per data file: about 180 KB of the sample portal's Chinese rows, 150 KB of
/// the generated benchmark corpus's.
pub const ROWS_PER_CHUNK: usize = 1000;

/// What the register shows of a lesson beyond its summary.
#[derive(Debug, Serialize)]
pub struct LessonColumns {
    pub id: Option<String>,
    pub severity: Option<Keyed>,
    pub status: Option<Keyed>,
    pub owner: Option<String>,
    pub actions: usize,
    /// Actions still owed (open or in progress).
    pub open_actions: usize,
    /// Owed actions past their due date as of the build's day.
    pub overdue_actions: usize,
}

impl LessonColumns {
    pub fn of(meta: &LessonMeta, i18n: &I18n, as_of: Date) -> LessonColumns {
        let (open, overdue) = crate::content::actions::counts(&meta.actions, as_of);
        LessonColumns {
            id: meta.id.clone(),
            severity: meta.severity.map(|s| Keyed::of(s, i18n, String::new())),
            status: meta.status.map(|s| Keyed::of(s, i18n, String::new())),
            owner: meta.owner.clone(),
            actions: meta.actions.len(),
            open_actions: open,
            overdue_actions: overdue,
        }
    }
}

/// One row of a lesson page's actions table.
#[derive(Debug, Serialize)]
pub struct ActionRow<'a> {
    pub what: &'a str,
    pub owner: Option<&'a str>,
    pub due: String,
    pub due_display: String,
    pub status: Keyed,
    pub done: String,
    pub done_display: String,
    pub overdue: bool,
}

pub fn action_rows<'a>(actions: &'a [Action], i18n: &I18n, as_of: Date) -> Vec<ActionRow<'a>> {
    let iso = |d: Option<Date>| d.map(|d| d.iso()).unwrap_or_default();
    let shown = |d: Option<Date>| d.map(|d| i18n.date(&d)).unwrap_or_default();
    actions
        .iter()
        .map(|a| ActionRow {
            what: &a.what,
            owner: a.owner.as_deref(),
            due: iso(a.due),
            due_display: shown(a.due),
            status: Keyed::of(a.status, i18n, String::new()),
            done: iso(a.done),
            done_display: shown(a.done),
            overdue: a.is_overdue(as_of),
        })
        .collect()
}

/// The register's folder URL (`lessons/`), when the site has a register.
fn register_url(site: &Site) -> Option<&str> {
    let sid = site.section_of_kind(Kind::Lesson)?;
    Some(site.section(sid).url.as_str())
}

/// The number of data chunks of the register.
pub fn chunks(site: &Site) -> usize {
    site.newest(Kind::Lesson).len().div_ceil(ROWS_PER_CHUNK)
}

/// Writes `facets.js` and `data-N.js` beside the register's pages. Returns the number of
/// files written.
pub fn write_data(site: &Site, i18n: &I18n, output: &dyn Output) -> io::Result<usize> {
    let Some(base) = register_url(site) else {
        return Ok(0);
    };
    let lessons = site.newest(Kind::Lesson);
    let as_of = site.config.as_of();
    let mut facets = Facets {
        projects: Group::default(),
        phases: Group::of(&Phase::ALL, i18n),
        categories: Group::default(),
        impacts: Group::of(&[Impact::Positive, Impact::Negative], i18n),
        severities: Group::of(
            &[
                Severity::Low,
                Severity::Medium,
                Severity::High,
                Severity::Critical,
            ],
            i18n,
        ),
        statuses: Group::of(
            &[
                LessonStatus::Open,
                LessonStatus::InProgress,
                LessonStatus::Closed,
            ],
            i18n,
        ),
    };
    // Each row is written out as it is made: as JSON values, 70,000 lessons' rows
    // briefly held a quarter of a gigabyte at the end of a 100k build.
    let rows: Vec<String> = lessons
        .iter()
        .filter_map(|&id| {
            let page = site.page(id);
            let lesson = page.lesson()?;
            let (open, overdue) = crate::content::actions::counts(&lesson.actions, as_of);
            let project = site.project_of(page).map(|p| {
                let p = site.page(p);
                facets
                    .projects
                    .index(&lesson.project, || json!([lesson.project, p.title, p.url]))
            });
            let category = site.category_of(page).map(|c| {
                let categories = site.taxonomy(Named::Categories);
                let url = categories
                    .find(c)
                    .map(|t| categories.term_url(t))
                    .unwrap_or_default();
                facets.categories.index(c, || json!([c, c, url]))
            });
            // Every value is seeded, so the entry is never made here.
            let vocab = |list: &mut Group, key: &str| list.index(key, || json!([key]));
            let phase = vocab(&mut facets.phases, lesson.phase.key());
            let impact = vocab(&mut facets.impacts, lesson.impact.key());
            let severity = lesson
                .severity
                .map(|s| vocab(&mut facets.severities, s.key()));
            let status = lesson.status.map(|s| vocab(&mut facets.statuses, s.key()));
            let index = |i: Option<usize>| i.map_or(-1, |i| i as i64);
            Some(
                json!([
                    page.url,
                    lesson.id.as_deref().unwrap_or(""),
                    page.title,
                    lesson.date.iso(),
                    i18n.date(&lesson.date),
                    index(project),
                    phase,
                    index(category),
                    impact,
                    index(severity),
                    index(status),
                    lesson.owner.as_deref().unwrap_or(""),
                    open,
                    overdue,
                    lesson.actions.len()
                ])
                .to_string(),
            )
        })
        .collect();
    let mut written = 0;
    for (n, chunk) in rows.chunks(ROWS_PER_CHUNK).enumerate() {
        let rows = crate::escape::json_in_script(chunk.join(","));
        let text = format!("PmoRegister.chunk({n},[{rows}]);\n");
        let name = crate::layout::REGISTER_CHUNK.nth(n);
        output.write(&format!("{base}{name}"), text.as_bytes())?;
        written += 1;
    }
    let facets = json!({
        "total": rows.len(),
        "chunks": written,
        "project": facets.projects.finish(),
        "phase": facets.phases.finish(),
        "category": facets.categories.finish(),
        "impact": facets.impacts.finish(),
        "severity": facets.severities.finish(),
        "status": facets.statuses.finish(),
    });
    let text = format!(
        "PmoRegister.facets({});\n",
        crate::escape::json_in_script(serde_json::to_string(&facets).map_err(io::Error::other)?)
    );
    output.write(
        &format!("{base}{}", crate::layout::REGISTER_FACETS),
        text.as_bytes(),
    )?;
    Ok(written + 1)
}

/// The values of one filter, numbered in order of first use (or of the vocabulary, for
/// a fixed one); rows hold the number.
#[derive(Default)]
struct Group {
    by_key: std::collections::HashMap<String, usize>,
    entries: Vec<Value>,
    counts: Vec<usize>,
}

impl Group {
    /// A group listing `values` in the vocabulary's order, each counted from zero.
    fn of<V: Vocabulary>(values: &[V], i18n: &I18n) -> Group {
        let mut group = Group::default();
        for &v in values {
            let i = group.index(v.key(), || json!([v.key(), i18n.term(v)]));
            group.counts[i] = 0;
        }
        group
    }

    fn index(&mut self, key: &str, entry: impl FnOnce() -> Value) -> usize {
        let next = self.entries.len();
        let i = *self.by_key.entry(key.to_string()).or_insert(next);
        if i == next {
            self.entries.push(entry());
            self.counts.push(0);
        }
        self.counts[i] += 1;
        i
    }

    /// Each entry with its count appended, in the order rows number them.
    fn finish(self) -> Value {
        Value::Array(
            self.entries
                .into_iter()
                .zip(self.counts)
                .map(|(mut e, n)| {
                    if let Value::Array(items) = &mut e {
                        items.push(json!(n));
                    }
                    e
                })
                .collect(),
        )
    }
}

struct Facets {
    projects: Group,
    phases: Group,
    categories: Group,
    impacts: Group,
    severities: Group,
    statuses: Group,
}
