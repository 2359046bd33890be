//! The facts a page shows about itself, as indexed in its metadata field: taxonomy terms,
//! its project, people, statuses and RAG in the site's language and as readers type them,
//! and its dates (the dates of other things apart, weighed as body text).

use super::Line;
use crate::content::page::Page;
use crate::content::schema::{Date, LessonStatus, ProjectStatus, Rag};
use crate::derive;
use crate::i18n::I18n;
use crate::search::synonyms;
use crate::site::Site;

/// Everything shown about the page besides its text — taxonomy terms, its project, its
/// register number, people, labels in the site's language, dates, and the summary
/// written in its front matter — as indexed and as shown, made in one pass: the index
/// stage tokenizes the first two and writes the third with the page's first excerpt
/// block ([`super::shown`]), and making them apart recomputed the project's figures.
pub struct Facts {
    /// The metadata field: the page's facts, without the dates of other things than
    /// the page — its actions' due and done days, a practice's review date — which
    /// weigh as body text. They shared the page's own date's weight, and `2026-10-28`
    /// put a lesson with an action done that day, and `2026-11-12` a practice to review
    /// then, above the review and the practice dated that day.
    pub metadata: String,
    /// Those other dates, for the body field.
    pub other_dates: String,
    /// Everything, the other dates in their places among the facts, as the page shows
    /// them: what [`super::shown`] reads.
    pub shown: String,
}

/// The page's [`Facts`]. `as_of` is the day the pages count overdue from
/// (`Config::as_of`, asked once per build: today's date costs a clock and zone read).
pub fn of(site: &Site, page: &Page, i18n: &I18n, as_of: Date) -> Facts {
    // One value a line: spaces inside a Chinese run join it (see `tokenize::scan`), and
    // two tags side by side are not one word.
    let mut out = Lines::default();
    for tag in &page.tags {
        out.add(Some(tag));
    }
    out.add(page.category.as_deref());
    out.add(site.project_of(page).map(|p| site.page(p).title.as_str()));
    out.add(page.owner.as_deref());
    if page.explicit_summary {
        out.add(Some(&page.summary));
    }
    if let Some(date) = page.date {
        out.date(&date, i18n);
    }
    if let Some(l) = page.lesson() {
        out.add(Some(&i18n.term(l.phase)));
        out.add(Some(&i18n.term(l.impact)));
        out.add(l.id.as_deref());
        out.add(l.severity.map(|s| i18n.term(s)).as_deref());
        out.add(l.status.map(|s| i18n.term(s)).as_deref());
        // A status other than closed as readers ask for it ([`synonyms::NOT_CLOSED`]),
        // each a line, as a project's status words.
        if l.status.is_some_and(|s| s != LessonStatus::Closed) {
            for word in synonyms::NOT_CLOSED {
                out.add(Some(word));
            }
        }
        // The actions table: its owners, statuses, 逾期 badges and dates (what is to be
        // done is prose, in the body).
        for a in &l.actions {
            out.add(a.owner.as_deref());
            out.add(Some(&i18n.term(a.status)));
            if a.is_overdue(as_of) {
                out.add(Some(i18n.get("action_overdue")));
            }
            for date in [a.due, a.done].into_iter().flatten() {
                out.other_date(&date, i18n);
            }
        }
    }
    if let Some(date) = page.practice().and_then(|p| p.review_by) {
        out.other_date(&date, i18n);
        // Its 已过复审期 badge, shown once the date is past.
        if date < as_of {
            out.add(Some(i18n.get("review_overdue")));
        }
    }
    if let Some(r) = page.review() {
        out.add(Some(&i18n.term(r.review_type)));
    }
    if let Some(p) = page.project() {
        for text in [&p.code, &p.currency] {
            out.add(text.as_deref());
        }
        // A person with the role the page shows them in, as one line: `项目经理 郑磊` and
        // `发起人 马建军` found the lessons naming them, never the project they lead.
        for (label, text) in [
            ("sponsor", &p.sponsor),
            ("manager", &p.manager),
            ("department", &p.department),
        ] {
            if let Some(text) = text {
                out.add(Some(&format!("{} {text}", i18n.get(label))));
            }
        }
        // Its folder's name, which lessons write in their `project` field: `erp-upgrade`
        // and `CRM rollout` found only the pages mentioning the project.
        out.add(Some(&p.slug));
        // Its status as shown (暂停), and as readers type it (已暂停, on hold:
        // [`synonyms::status_words`]), each a line, as its RAG below.
        let status = i18n.term(p.status);
        out.add(Some(&status));
        for word in synonyms::status_words(p.status) {
            if *word != status.to_lowercase() {
                out.add(Some(word));
            }
        }
        if let (ProjectStatus::Closed, Some(finish)) = (p.status, p.finish) {
            for line in closed_in_year(finish.0.year(), &status) {
                out.add(Some(&line));
            }
        }
        out.add(p.phase.map(|x| i18n.term(x)).as_deref());
        let data = site.project_data.get(&p.slug).cloned().unwrap_or_default();
        let figures = derive::key_figures(p, &data);
        // Its RAG as shown (红), and as readers type it (红灯, red: [`synonyms::RED`]),
        // each a line: 红灯 found the report saying 调为红色 before the red project.
        if let Some(rag) = derive::rag(p, &figures, &site.config.thresholds) {
            out.add(Some(&i18n.term(rag)));
            let words = match rag {
                Rag::Red => synonyms::RED,
                Rag::Amber => synonyms::AMBER,
                Rag::Green => synonyms::GREEN,
            };
            for word in words {
                out.add(Some(word));
            }
        }
        for date in [p.start, p.finish].into_iter().flatten() {
            out.date(&date, i18n);
        }
        out.add(p.bac.map(derive::format_amount).as_deref());
    }
    Facts {
        metadata: out.indexed.0,
        other_dates: out.other.0,
        shown: out.shown.0,
    }
}

/// A closed project's finish year joined to the words for closed, as readers ask for
/// the projects closed that year: `2024年关闭的项目`, `2024年已完成`, `closed in 2024`.
/// The year and the status were apart in the metadata, so each closed project that
/// merely started that year matched as well as those that finished in it, and came
/// first by chance. `status` is the label shown, [`synonyms::CLOSED`] what readers type;
/// a Chinese word is written after the year with and without its 已, an English one
/// before it.
fn closed_in_year(year: i16, status: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |line: String| {
        if !out.contains(&line) {
            out.push(line);
        }
    };
    for word in std::iter::once(status).chain(synonyms::CLOSED.iter().copied()) {
        if word.chars().any(|c| c > '\u{2e80}') {
            push(format!("{year}年{word}"));
            if let Some(bare) = word.strip_prefix('已') {
                push(format!("{year}年{bare}"));
            }
        } else {
            push(format!("{} in {year}", word.to_lowercase()));
        }
    }
    out
}

/// The three texts of [`Facts`] as they are written: what the page shows of itself goes
/// to the metadata and to what is shown alike.
#[derive(Default)]
struct Lines {
    indexed: Line,
    other: Line,
    shown: Line,
}

impl Lines {
    fn add(&mut self, text: Option<&str>) {
        self.indexed.add(text);
        self.shown.add(text);
    }

    fn date(&mut self, date: &Date, i18n: &I18n) {
        self.indexed.date(date, i18n);
        self.shown.date(date, i18n);
    }

    /// A date of another thing than the page: apart from the metadata, its month and
    /// year only if the metadata lacks them too (a page holds each once, see
    /// [`Line::date`]); among the facts where shown.
    fn other_date(&mut self, date: &Date, i18n: &I18n) {
        self.other.date_beside(date, i18n, &self.indexed.0);
        self.shown.date(date, i18n);
    }
}

#[cfg(test)]
mod tests {
    use super::closed_in_year;

    #[test]
    fn a_closed_year_is_written_with_each_word_for_closed() {
        let lines = closed_in_year(2024, "已关闭");
        for want in ["2024年已关闭", "2024年关闭", "2024年完成", "closed in 2024"] {
            assert!(lines.iter().any(|l| l == want), "{want}: {lines:?}");
        }
        // The label shown is one of the readers' words too: written once.
        let shown = lines.iter().filter(|l| *l == "2024年已关闭").count();
        assert_eq!(shown, 1, "{lines:?}");
        // A label in English (an English portal's `Closed`) is lowercased, as queries are.
        assert!(closed_in_year(2023, "Closed").contains(&"closed in 2023".to_string()));
    }
}
