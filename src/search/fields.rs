//! The text of each searchable field of a page: what the page shows, each part in the
//! field whose weight suits it (title > headings > metadata > body).
//!
//! A reader searches for what they saw: the summary under the title, a date as the page
//! prints it or as `2024-03`, a status or RAG label in the site's language, a sponsor's
//! name, a risk in the project's register, a cell of a ```table block. Whatever the
//! templates show is here, taken from the same data the templates are given, never by
//! reading the HTML back.

use crate::blocks::BlockSpec;
use crate::charts;
use crate::content::page::Page;
use crate::content::schema::{Date, LessonStatus, ProjectStatus, Rag};
use crate::derive;
use crate::i18n::I18n;
use crate::markdown::TocEntry;
use crate::search::synonyms;
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
/// written in its front matter. `as_of` is the day the pages count overdue from
/// (`Config::as_of`, asked once per build: today's date costs a clock and zone read).
pub fn metadata(site: &Site, page: &Page, i18n: &I18n, as_of: Date) -> String {
    facts(site, page, i18n, as_of, false).0
}

/// The metadata as indexed: the page's facts, and apart from them the dates it shows of
/// other things — its actions' due and done days, a practice's review date — which
/// weigh as body text. They shared the page's own date's weight, and `2026-10-28` put
/// a lesson with an action done that day, and `2026-11-12` a practice to review then,
/// above the review and the practice dated that day.
pub fn metadata_and_other_dates(
    site: &Site,
    page: &Page,
    i18n: &I18n,
    as_of: Date,
) -> (String, String) {
    facts(site, page, i18n, as_of, true)
}

/// [`metadata`], with the dates of other things than the page apart when `split`.
fn facts(site: &Site, page: &Page, i18n: &I18n, as_of: Date, split: bool) -> (String, String) {
    // One value a line: spaces inside a Chinese run join it (see `tokenize::scan`), and
    // two tags side by side are not one word.
    let mut out = Line(String::new());
    let mut other = Line(String::new());
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
                other_date(&mut out, &mut other, split, &date, i18n);
            }
        }
    }
    if let Some(date) = page.practice().and_then(|p| p.review_by) {
        other_date(&mut out, &mut other, split, &date, i18n);
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
    (out.0, other.0)
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

/// A date of another thing than the page: in `other` when `split`, its month and year
/// only if `out` lacks them too (a page holds each once, see [`Line::date`]).
fn other_date(out: &mut Line, other: &mut Line, split: bool, date: &Date, i18n: &I18n) {
    if split {
        other.date_beside(date, i18n, &out.0);
    } else {
        out.date(date, i18n);
    }
}

/// The body: the page's prose, then what it shows beside it ([`beside`]). Excerpts
/// quote only the prose ([`crate::search::documents::blocks`]).
/// `other_dates` (see [`metadata_and_other_dates`]) come right after the prose.
pub fn body(site: &Site, id: PageId, i18n: &I18n, other_dates: &str) -> String {
    let page = site.page(id);
    let beside = beside(site, id, i18n);
    let figures = labels(site, page, i18n);
    let mut out = page.body.text.unpack();
    let dates = super::prose_dates::written_dates(&out).join("\n");
    out.reserve(other_dates.len() + beside.len() + figures.len() + dates.len() + 4);
    out.push('\n');
    out.push_str(other_dates);
    out.push('\n');
    out.push_str(&beside);
    out.push('\n');
    out.push_str(&figures);
    out.push('\n');
    out.push_str(&dates);
    out
}

/// `text` followed by the ISO form of each date it writes in words (see
/// [`super::prose_dates::written_dates`]); borrowed when it writes none, as most titles do.
pub fn with_iso_dates(text: &str) -> std::borrow::Cow<'_, str> {
    let dates = super::prose_dates::written_dates(text);
    if dates.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(format!("{text}\n{}", dates.join("\n")))
}

/// The labels a page shows around its content: its kind above the title (经验教训), and
/// on a project page its section and figure labels (关键指标, 挣值（EV）, 主要风险 …),
/// the month its figures are as of, the share of the budget spent, CPI and SPI, each milestone's state (已完成, 延期),
/// each month of its status table with its RAG label, and its charts' titles. Body text (as weighty as prose: they are the same on many
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
    let history = derive::history::project(p.bac, &derive::measured(data), &site.config.thresholds);
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
    // The cards' values (`6 / 9` milestones done, `16 / 20` risks open) and the notes
    // under them (已完成 3 / 共 10, 2 个延期, 共 9 项风险),
    // as the cards print them: `9 项风险` finds the projects that show it.
    let note = |key: &str, counts: &[(&str, usize)]| {
        counts
            .iter()
            .fold(i18n.get(key).to_string(), |text, (slot, n)| {
                text.replace(slot, &n.to_string())
            })
    };
    // A card with none to count shows "—" (templates/project.html).
    let of = |n: usize, total: usize| (total > 0).then(|| format!("{n} / {total}"));
    out.add(of(figures.milestones_done, figures.milestones_total).as_deref());
    out.add(of(figures.risks_open, figures.risks_total).as_deref());
    if figures.milestones_total > 0 {
        out.add(Some(&note(
            "milestones_done_of_total",
            &[
                ("{done}", figures.milestones_done),
                ("{total}", figures.milestones_total),
            ],
        )));
    }
    // Delayed (2 个延期) and finished late (3 个延期完成), as the card notes them.
    for (n, key) in [
        (figures.milestones_late, "milestones_late"),
        (figures.milestones_finished_late, "milestones_finished_late"),
    ] {
        if n > 0 {
            let form = if n == 1 { "one" } else { "other" };
            out.add(Some(&note(&format!("{key}_{form}"), &[("{count}", n)])));
        }
    }
    if figures.risks_total > 0 {
        out.add(Some(&note(
            "risks_of_total",
            &[("{total}", figures.risks_total)],
        )));
    }
    // The month its figures are as of (关键指标 截至 2024-03): `2024-03` and `2024年3月`
    // find the projects reporting then, as they find the pages dated then.
    out.add(figures.last_period.as_deref());
    if site.money_shown {
        money_figures(&mut out, p, &figures, i18n);
    }
    for index in [figures.cpi, figures.spi].into_iter().flatten() {
        out.add(Some(&crate::derive::evm::format_index(Some(index))));
    }
    for m in &data.milestones {
        if m.actual.is_some() {
            out.add(Some(i18n.get("milestone_done")));
        }
        if derive::finished_late(m) {
            out.add(Some(i18n.get("milestone_finished_late")));
        }
        if derive::is_late(m, data.as_of) {
            out.add(Some(i18n.get("milestone_late")));
        } else if m.actual.is_none() {
            out.add(Some(i18n.get("milestone_on_track")));
        }
    }
    // The notes under the risk and status tables, as the page prints them.
    if data.risks.len() > derive::RISKS_SHOWN {
        out.add(Some(
            &i18n
                .get("showing_top_n")
                .replace("{n}", &derive::RISKS_SHOWN.to_string())
                .replace("{total}", &data.risks.len().to_string()),
        ));
    }
    // The rows of its status table, as many as it shows: each month, its RAG label.
    let shown = history.len().saturating_sub(derive::SHOWN_PERIODS);
    for h in &history[shown..] {
        out.add(Some(&h.period));
        out.add(h.rag.map(|r| i18n.term(r)).as_deref());
    }
    if !history.is_empty() {
        out.add(Some(i18n.get("status_over_time_note")));
    }
    for total in [history.len(), data.budget.len()] {
        if total > derive::SHOWN_PERIODS {
            out.add(Some(
                &i18n
                    .get("latest_periods_shown")
                    .replace("{shown}", &derive::SHOWN_PERIODS.to_string())
                    .replace("{total}", &total.to_string()),
            ));
        }
    }
    // The charts' titles (风险矩阵（概率 × 影响）, 挣值 S 曲线), as their figures show them.
    let charts = crate::charts::project::charts(p, data, i18n);
    if !charts.is_empty() {
        out.add(Some(i18n.get("project_charts")));
    }
    // Their axis titles and legends too (偏差（天）, 计划价值): not their categories and
    // points, which are the months, milestones and amounts indexed above.
    // The risk matrix's rows and columns (概率 5, 影响 1) too.
    for (chart, _, _) in &charts {
        out.add(Some(&chart.title));
        out.add(Some(&chart.x_label));
        out.add(Some(&chart.y_label));
        for series in &chart.series {
            out.add(Some(&series.name));
        }
        for label in chart
            .heatmap
            .iter()
            .flat_map(|h| h.rows.iter().chain(&h.cols))
        {
            out.add(Some(label));
        }
    }
    out.0
}

/// The amounts of a project's key figures as its cards print them (`18,587,722 CNY`,
/// `占预算 126% · 挣值（EV） 15,170,907`, EAC, VAC, `103%`): a reader who copies a figure
/// off the page finds the page. Some 1,500 distinct numbers at 10k pages, in shards
/// only number queries load.
fn money_figures(
    out: &mut Line,
    p: &crate::content::page::ProjectInfo,
    figures: &derive::KeyFigures,
    i18n: &I18n,
) {
    let currency = p.currency.as_deref().unwrap_or_default();
    let with_unit = |amount: f64| format!("{} {currency}", derive::format_amount(amount));
    out.add(figures.spent.map(with_unit).as_deref());
    let pct = figures.spent_ratio().map(|r| {
        i18n.get("spent_pct_of_bac")
            .replace("{pct}", &format!("{:.0}", r * 100.0))
    });
    let ev = figures
        .ev
        .map(|ev| format!("{} {}", i18n.get("ev"), derive::format_amount(ev)));
    let note: Vec<String> = pct.into_iter().chain(ev).collect();
    out.add(Some(&note.join(" · ")));
    if let Some(latest) = &figures.latest {
        out.add(latest.eac.map(with_unit).as_deref());
        out.add(latest.vac.map(with_unit).as_deref());
        out.add(
            latest
                .percent_complete
                .map(derive::evm::format_percent)
                .as_deref(),
        );
    }
}

/// What a page shows beside its prose: its number tables and link lists, a lesson's
/// actions, a project's milestones and the risks it lists, the cells of its ```table
/// blocks and the words of its ```chart blocks ([`charts::model::Chart::labels`]).
fn beside(site: &Site, id: PageId, i18n: &I18n) -> String {
    let page = site.page(id);
    let mut out = Line(String::new());
    out.add(Some(&page.body.aside));
    for a in page.lesson().map_or(&[][..], |l| &l.actions) {
        out.add(Some(&a.what));
    }
    // Why the status was set by hand, shown in the facts beside it.
    if let Some(p) = page.project().filter(|p| p.rag.is_some()) {
        out.add(p.rag_reason.as_deref());
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
        // The risks the page lists, not those its table leaves out.
        let risks = derive::risks_by_exposure(&data.risks);
        for r in risks.into_iter().take(derive::RISKS_SHOWN) {
            for text in [&r.id, &r.title, &r.owner, &r.response] {
                out.add(Some(text));
            }
            out.add(Some(&i18n.risk_status(&r.status)));
        }
    }
    // The tables as the page's blocks show them: a page pinned to a day indexes its
    // figures of that day, as it shows them.
    let tables = charts::pinned::PageTables::of(site, id, i18n);
    for (raw, spec) in page.body.blocks.iter().zip(&page.blocks) {
        let Some(table) = tables.get(spec.data()) else {
            continue;
        };
        match spec {
            BlockSpec::Table(spec) => {
                let money = charts::over_portfolio::money(site, table);
                let shown = charts::over_portfolio::table(spec, table, money.as_ref(), i18n);
                for cell in shown.columns.iter().chain(shown.rows.iter().flatten()) {
                    out.add(Some(cell));
                }
            }
            // A chart the chart stage draws (one it refuses fails the build).
            BlockSpec::Chart(chart) => {
                if charts::check::check(spec, table, &raw.text).is_ok()
                    && charts::build::check_size(chart, table).is_ok()
                {
                    let money = charts::over_portfolio::money(site, table);
                    let chart = charts::over_portfolio::chart_spec(chart, money.as_ref(), i18n);
                    for label in charts::build::chart(&chart, table).0.labels() {
                        out.add(Some(label));
                    }
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
    /// each is found as typed. Its month and year once a page: a lesson with five
    /// actions due in October held 2026-10 six times and outranked the report whose
    /// title is that month.
    fn date(&mut self, date: &Date, i18n: &I18n) {
        self.date_beside(date, i18n, "");
    }

    /// [`Line::date`], its month and year left out when `beside` holds them too.
    fn date_beside(&mut self, date: &Date, i18n: &I18n, beside: &str) {
        let iso = date.iso();
        self.add(Some(&i18n.date(date)));
        self.add(Some(&iso));
        for period in [iso.get(..7), iso.get(..4)].into_iter().flatten() {
            if !self
                .0
                .lines()
                .chain(beside.lines())
                .any(|line| line == period)
            {
                self.add(Some(period));
            }
        }
    }
}

/// The line before and after the link lists and tables in [`shown`] (`ASIDE` in
/// search-excerpts.js): a control character no query holds.
const ASIDE_MARK: &str = "\u{1f}";

/// Characters of [`shown`] written with a page's first excerpt block.
const SHOWN_CHARS: usize = 1_500;

/// What the page shows in words besides its prose — the summary written under its
/// title, the words of its metadata (阶段关口评审, its tags, people, statuses), its link
/// lists and word rows of tables, a project's milestones and risks, the cells of its
/// ```table blocks — without figures and dates, up to [`SHOWN_CHARS`]. The client reads
/// it with the first excerpt block (`read`: the title and that block's prose) to tell a
/// page that holds a query's exact text from one whose pieces of it only meet
/// elsewhere, and quotes it for a page whose prose lacks the query, but for its link
/// lists and tables (between two [`ASIDE_MARK`] lines). A metadata value `read` already holds (a lesson's
/// project, named in its first sentence) is left out: every result's first block is in
/// a results page's download.
pub fn shown(site: &Site, id: PageId, i18n: &I18n, as_of: Date, read: &[&str]) -> String {
    let page = site.page(id);
    let mut out = Line(String::new());
    // The metadata holds the summary too (when written). A value of one Latin word
    // (`quality`) is left out too: a query of one word has no parts to find together.
    // A code (PRJ-2025-006, LL-2026-003) and a day (2026-10-28) are kept, though
    // figures: a page found by one quotes the line holding it, not its opening.
    for line in metadata(site, page, i18n, as_of).lines() {
        let one_word = line.bytes().all(|b| b.is_ascii_alphanumeric());
        let words = !one_word && !crate::prose::is_numeric(line);
        if (words || is_code_or_day(line)) && !read.iter().any(|r| r.contains(line)) {
            out.add(Some(line));
        }
    }
    // The link lists and tables of the page (its `aside`, first in `beside`) between two
    // marks: a page found by its owner or a risk quotes that line as its excerpt, one
    // found by a linked page's title or a table's row quotes its prose (search-excerpts.js).
    let beside = beside(site, id, i18n);
    let aside = page.body.aside.trim_end_matches('\n');
    let rest = match beside.strip_prefix(aside) {
        Some(rest) if !aside.is_empty() => {
            out.add(Some(ASIDE_MARK));
            for line in aside.lines() {
                if !crate::prose::is_numeric(line) && out.0.len() < SHOWN_CHARS * 3 {
                    out.add(Some(line));
                }
            }
            out.add(Some(ASIDE_MARK));
            rest
        }
        _ => beside.as_str(),
    };
    for line in rest.lines() {
        if !crate::prose::is_numeric(line) && out.0.len() < SHOWN_CHARS * 3 {
            out.add(Some(line));
        }
    }
    match out.0.char_indices().nth(SHOWN_CHARS) {
        Some((at, _)) => out.0[..at].to_string(),
        None => out.0,
    }
}

/// Whether a metadata line is a code (letters and digits joined by `-`, `_` or `.`,
/// both present: `PRJ-2025-006`) or a whole day as `2026-10-28` — not a month, a year
/// or an amount, which would find every page of that month or that figure.
fn is_code_or_day(line: &str) -> bool {
    let joined = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if line.is_empty() || line.len() > 40 || !line.chars().all(joined) {
        return false;
    }
    let letters = line.bytes().any(|b| b.is_ascii_alphabetic());
    let digits = line.bytes().any(|b| b.is_ascii_digit());
    let day = line.len() == 10
        && line.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    (letters && digits) || day
}

#[cfg(test)]
mod tests {
    use super::{closed_in_year, is_code_or_day};

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

    #[test]
    fn codes_and_days_are_told_from_amounts_months_and_years() {
        for yes in ["PRJ-2025-006", "LL-2026-003", "2026-10-28", "v2.1"] {
            assert!(is_code_or_day(yes), "{yes}");
        }
        for no in [
            "2026-10",
            "2026",
            "1,200,000",
            "0.95",
            "PRJ 2025",
            "",
            "quality-plan",
        ] {
            assert!(!is_code_or_day(no), "{no}");
        }
    }
}
