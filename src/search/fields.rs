//! The text of each searchable field of a page: what the page shows, each part in the
//! field whose weight suits it (title > headings > metadata > body).
//!
//! A reader searches for what they saw: the summary under the title, a date as the page
//! prints it or as `2024-03`, a status or RAG label in the site's language, a sponsor's
//! name, a risk in the project's register, a cell of a ```table block. Whatever the
//! templates show is here, taken from the same data the templates are given, never by
//! reading the HTML back.

use crate::charts;
use crate::content::page::Page;
use crate::content::schema::Date;
use crate::derive;
use crate::i18n::I18n;
use crate::markdown::TocEntry;
use crate::site::{PageId, Site};

/// The headings of a page, one a line.
pub fn headings(page: &Page) -> String {
    fn walk(entries: &[TocEntry], out: &mut String) {
        for e in entries {
            out.push_str(&e.title);
            out.push('\n');
            walk(&e.children, out);
        }
    }
    let mut out = String::new();
    walk(&page.body.toc, &mut out);
    out
}

/// Everything shown about the page besides its text: taxonomy terms, its project, its
/// register number, people, labels in the site's language, dates, and the summary
/// written in its front matter.
pub fn metadata(site: &Site, page: &Page, i18n: &I18n) -> String {
    let mut out = Line(page.tags.join(" "));
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
        // The actions table: its owners, statuses and dates (what is to be done is
        // prose, in the body).
        for a in &l.actions {
            out.add(a.owner.as_deref());
            out.add(Some(&i18n.term(a.status)));
            for date in [a.due, a.done].into_iter().flatten() {
                out.date(&date, i18n);
            }
        }
    }
    if let Some(date) = page.practice().and_then(|p| p.review_by) {
        out.date(&date, i18n);
    }
    if let Some(r) = page.review() {
        out.add(Some(&i18n.term(r.review_type)));
    }
    if let Some(p) = page.project() {
        for text in [&p.code, &p.sponsor, &p.manager, &p.department, &p.currency] {
            out.add(text.as_deref());
        }
        out.add(Some(&i18n.term(p.status)));
        out.add(p.phase.map(|x| i18n.term(x)).as_deref());
        let data = site.project_data.get(&p.slug).cloned().unwrap_or_default();
        let figures = derive::key_figures(p, &data);
        out.add(
            derive::rag(p, &figures, &site.config.thresholds)
                .map(|r| i18n.term(r))
                .as_deref(),
        );
        for date in [p.start, p.finish].into_iter().flatten() {
            out.date(&date, i18n);
        }
        out.add(p.bac.map(derive::format_amount).as_deref());
    }
    out.0
}

/// The body: the page's prose, then what it shows beside it ([`beside`]). Excerpts
/// quote only the prose ([`crate::search::documents::blocks`]).
pub fn body(site: &Site, id: PageId, i18n: &I18n) -> String {
    let page = site.page(id);
    let beside = beside(site, id, i18n);
    let figures = labels(site, page, i18n);
    let mut out = page.body.text.unpack();
    out.reserve(beside.len() + figures.len() + 2);
    out.push('\n');
    out.push_str(&beside);
    out.push('\n');
    out.push_str(&figures);
    out
}

/// The labels a page shows around its content: its kind above the title (经验教训), and
/// on a project page its section and figure labels (关键指标, 挣值（EV）, 主要风险 …),
/// the month its figures are as of, the share of the budget spent, CPI and SPI, each milestone's state (已完成, 延期),
/// each month's RAG label and its charts' titles. Body text (as weighty as prose: they are the same on many
/// pages), never quoted nor read for exact text (not in [`shown`]): a reader searching
/// 经验教训, 延期 or 挣值 finds the pages that show it.
fn labels(site: &Site, page: &Page, i18n: &I18n) -> String {
    let mut out = Line(String::new());
    out.add(Some(i18n.get(&format!("kind_{}", page.kind.key()))));
    let Some(p) = page.project() else {
        return out.0;
    };
    let empty = crate::data::ProjectData::default();
    let data = site.project_data.get(&p.slug).unwrap_or(&empty);
    let figures = derive::key_figures(p, data);
    let history = derive::history::project(p.bac, &data.budget, &site.config.thresholds);
    // The labels of the sections and figures the page shows (templates/project.html).
    let mut labels = vec!["key_figures", "milestones", "open_risks"];
    if site.money_shown {
        labels.extend(["bac", "spent_to_date"]);
        labels.extend(figures.ev.map(|_| "ev"));
    }
    labels.extend(figures.cpi.or(figures.spi).map(|_| "earned_value"));
    labels.extend(figures.cpi.map(|_| "cpi"));
    labels.extend(figures.spi.map(|_| "spi"));
    labels.extend((!data.risks.is_empty()).then_some("top_risks"));
    labels.extend((!history.is_empty()).then_some("status_over_time"));
    for key in labels {
        out.add(Some(i18n.get(key)));
    }
    // The month its figures are as of (关键指标 截至 2024-03): `2024-03` and `2024年3月`
    // find the projects reporting then, as they find the pages dated then.
    out.add(figures.last_period.as_deref());
    // Not the amounts spent and earned: hundreds of projects' figures are thousands of
    // distinct numbers (at 10k, 241 bytes more of meta.split, which every query loads),
    // and a reader types a project's budget (indexed above), not its cost to date.
    if site.money_shown {
        if let Some(r) = figures.spent_ratio() {
            let pct = format!("{:.0}", r * 100.0);
            out.add(Some(&i18n.get("spent_pct_of_bac").replace("{pct}", &pct)));
        }
    }
    for index in [figures.cpi, figures.spi].into_iter().flatten() {
        out.add(Some(&crate::derive::evm::format_index(Some(index))));
    }
    for m in &data.milestones {
        if m.actual.is_some() {
            out.add(Some(i18n.get("milestone_done")));
        }
        if derive::is_late(m) {
            out.add(Some(i18n.get("milestone_late")));
        } else if m.actual.is_none() {
            out.add(Some(i18n.get("milestone_on_track")));
        }
    }
    for rag in history.iter().filter_map(|h| h.rag) {
        out.add(Some(&i18n.term(rag)));
    }
    // The charts' titles (风险矩阵（概率 × 影响）, 挣值 S 曲线), as their figures show them.
    let charts = crate::charts::project::charts(p, data, i18n);
    if !charts.is_empty() {
        out.add(Some(i18n.get("project_charts")));
    }
    for (chart, _, _) in &charts {
        out.add(Some(&chart.title));
    }
    out.0
}

/// What a page shows beside its prose: its number tables and link lists, a lesson's
/// actions, a project's milestones and risks, the cells of its ```table blocks.
fn beside(site: &Site, id: PageId, i18n: &I18n) -> String {
    let page = site.page(id);
    let mut out = Line(String::new());
    out.add(Some(&page.body.aside));
    for a in page.lesson().map_or(&[][..], |l| &l.actions) {
        out.add(Some(&a.what));
    }
    if let Some(data) = page.project().and_then(|p| site.project_data.get(&p.slug)) {
        for m in &data.milestones {
            out.add(Some(&m.name));
            for date in [Some(m.baseline), m.forecast, m.actual]
                .into_iter()
                .flatten()
            {
                out.date(&date, i18n);
            }
        }
        for r in &data.risks {
            for text in [&r.id, &r.title, &r.owner, &r.response] {
                out.add(Some(text));
            }
            out.add(Some(&i18n.risk_status(&r.status)));
        }
    }
    for spec in &page.blocks {
        if let crate::blocks::BlockSpec::Table(spec) = spec {
            if let Some(table) = charts::find_table(site, id, &spec.data) {
                let shown = charts::build::table(spec, table);
                for cell in shown.columns.iter().chain(shown.rows.iter().flatten()) {
                    out.add(Some(cell));
                }
            }
        }
    }
    out.0
}

/// Text made of parts, one a line.
struct Line(String);

impl Line {
    fn add(&mut self, text: Option<&str>) {
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            if !self.0.is_empty() {
                self.0.push('\n');
            }
            self.0.push_str(text);
        }
    }

    /// A date as the page prints it, and as `2024-03-18`, `2024-03` and `2024`, so
    /// each is found as typed.
    fn date(&mut self, date: &Date, i18n: &I18n) {
        let iso = date.iso();
        self.add(Some(&i18n.date(date)));
        self.add(Some(&iso));
        self.add(iso.get(..7));
        self.add(iso.get(..4));
    }
}

/// Characters of [`shown`] written with a page's first excerpt block.
const SHOWN_CHARS: usize = 1_500;

/// What the page shows in words besides its prose — the summary written under its
/// title, its link lists and word rows of tables, a project's milestones and risks, the
/// cells of its ```table blocks — without figures and dates, up to [`SHOWN_CHARS`]. The
/// client reads it with the first excerpt block to tell a page that holds a query's
/// exact text from one whose pieces of it only meet elsewhere; it is never quoted.
pub fn shown(site: &Site, id: PageId, i18n: &I18n) -> String {
    let page = site.page(id);
    let mut out = Line(String::new());
    if page.explicit_summary {
        out.add(Some(&page.summary));
    }
    for line in beside(site, id, i18n).lines() {
        if !crate::prose::is_numeric(line) && out.0.len() < SHOWN_CHARS * 3 {
            out.add(Some(line));
        }
    }
    match out.0.char_indices().nth(SHOWN_CHARS) {
        Some((at, _)) => out.0[..at].to_string(),
        None => out.0,
    }
}
