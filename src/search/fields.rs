//! The text of each searchable field of a page: what the page shows, each part in the
//! field whose weight suits it (title > headings > metadata > body).
//!
//! A reader searches for what they saw: the summary under the title, a date as the page
//! prints it or as `2024-03`, a status or RAG label in the site's language, a sponsor's
//! name, a risk in the project's register, a cell of a ```table block. Whatever the
//! templates show is here, taken from the same data the templates are given, never by
//! reading the HTML back.

pub mod facts;
mod labels;

use labels::labels;

use crate::blocks::BlockSpec;
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

/// The body: the page's prose, then what it shows beside it (`beside`, see [`beside`]).
/// Excerpts quote only the prose ([`crate::search::documents::blocks`]).
/// `other_dates` (see [`facts::Facts::other_dates`]) come right after the prose.
pub fn body(site: &Site, page: &Page, i18n: &I18n, other_dates: &str, beside: &str) -> String {
    let figures = labels(site, page, i18n);
    let mut out = page.body.text.unpack();
    let dates = super::prose_dates::written_dates(&out).join("\n");
    out.reserve(other_dates.len() + beside.len() + figures.len() + dates.len() + 4);
    out.push('\n');
    out.push_str(other_dates);
    out.push('\n');
    out.push_str(beside);
    out.push('\n');
    out.push_str(&figures);
    out.push('\n');
    out.push_str(&dates);
    out
}

/// The English words of a page's own address (`lessons/hr-key-developer-resignation/`:
/// `hr key developer resignation`): writers name a Chinese page in English there, and
/// readers type those words. Only words of letters count, and not the words of the
/// folders above it (`lesson` of `lessons/lesson-00042/` would be every lesson's word);
/// numbers in an address are a file's running number, not what the page is about.
/// Nor a word a synonym group holds (`covered`): a query of it is widened to the
/// group's words the page's text says, and the address's word found pages the text does
/// not speak of (`risk` of `vendor-no-risk` for `供应商延期风险` widened to `供应商延期
/// risk`) and put an address's `vendor delay` among the pages holding the phrase.
pub fn address_words(url: &str, covered: impl Fn(&str) -> bool) -> String {
    let mut segments = url.split('/').filter(|s| !s.is_empty());
    let Some(own) = segments.next_back() else {
        return String::new();
    };
    let folders: Vec<&str> = segments.flat_map(|s| s.split(['-', '_', '.'])).collect();
    let is_folder = |w: &str| {
        folders.iter().any(|f| {
            f.eq_ignore_ascii_case(w)
                || f.strip_suffix('s')
                    .is_some_and(|f| f.eq_ignore_ascii_case(w))
                || w.strip_suffix('s')
                    .is_some_and(|w| f.eq_ignore_ascii_case(w))
        })
    };
    let mut out = String::new();
    for word in own.split(['-', '_', '.']) {
        if word.len() >= 2
            && word.bytes().all(|b| b.is_ascii_alphabetic())
            && !is_folder(word)
            && !covered(&word.to_ascii_lowercase())
        {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
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

/// What a page shows beside its prose: its number tables and link lists, a lesson's
/// actions, a project's milestones and the risks it lists, the cells of its ```table
/// blocks and the words of its ```chart blocks ([`charts::model::Chart::labels`]).
/// Made once a page: the body field and [`shown`] read it.
pub fn beside(site: &Site, id: PageId, i18n: &I18n) -> String {
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
#[derive(Default)]
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
/// a results page's download. `facts` is [`facts::Facts::shown`] and `beside` [`beside`], as
/// the postings pass made them.
pub fn shown(page: &Page, facts: &str, beside: &str, read: &[&str]) -> String {
    let mut out = Line(String::new());
    // The metadata holds the summary too (when written). A value of one Latin word
    // (`quality`) is left out too: a query of one word has no parts to find together.
    // A code (PRJ-2025-006, LL-2026-003) and a day (2026-10-28) are kept, though
    // figures: a page found by one quotes the line holding it, not its opening.
    for line in facts.lines() {
        let one_word = line.bytes().all(|b| b.is_ascii_alphanumeric());
        let words = !one_word && (!crate::prose::is_numeric(line) || is_year_phrase(line));
        if (words || is_code_or_day(line)) && !read.iter().any(|r| r.contains(line)) {
            out.add(Some(line));
        }
    }
    // The link lists and tables of the page (its `aside`, first in `beside`) between two
    // marks: a page found by its owner or a risk quotes that line as its excerpt, one
    // found by a linked page's title or a table's row quotes its prose (search-excerpts.js).
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
        _ => beside,
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

/// Whether a metadata line is a year joined to a Chinese word (`2024年完成`, as
/// [`closed_in_year`] writes), which a reader types as it is: its four digits outnumber
/// its three characters, so it was left out as a figure, the client could not find the
/// text it searched for in the page, and the project that only started that year (its
/// 2024 and another year's 年完成 apart) tied with those closed in it.
fn is_year_phrase(line: &str) -> bool {
    let (Some(year), Some(rest)) = (line.get(..4), line.get(4..)) else {
        return false;
    };
    let word = rest.strip_prefix('年').unwrap_or("");
    year.bytes().all(|b| b.is_ascii_digit())
        && word.chars().count() >= 2
        && word.chars().all(crate::markdown::is_cjk)
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
    use super::{address_words, is_code_or_day, is_year_phrase};

    #[test]
    fn an_address_gives_its_own_words_not_its_folders_nor_numbers() {
        let none = |_: &str| false;
        assert_eq!(
            address_words("/lessons/hr-key-developer-resignation/", none),
            "hr key developer resignation"
        );
        assert_eq!(address_words("/lessons/lesson-00042/", none), "");
        assert_eq!(
            address_words("/reviews/mes-gate-3-review/", none),
            "mes gate"
        );
        assert_eq!(address_words("/", none), "");
        assert_eq!(address_words("/报告/月报-2026/", none), "");
        let synonym = |w: &str| w == "risk";
        assert_eq!(
            address_words("/practices/vendor-no-Risk/", synonym),
            "vendor no"
        );
    }

    #[test]
    fn a_year_joined_to_a_word_is_a_phrase_not_a_figure() {
        assert!(is_year_phrase("2024年完成"));
        assert!(is_year_phrase("2024年已关闭"));
        for figure in [
            "2024年",
            "2024年3",
            "2024",
            "5,408,000 元",
            "共 9 项风险",
            "20245年完成",
            "年年年",
        ] {
            assert!(!is_year_phrase(figure), "{figure}");
        }
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
