//! Charts: specs from Markdown blocks, models built from tables and project metrics, and
//! their SVG drawing (plotters), all at build time so pages need no JavaScript.

pub mod build;
pub mod check;
pub mod drawing;
mod empty_series;
pub mod model;
mod month_gaps;
pub mod over_portfolio;
pub mod palette;
pub mod pinned;
pub mod portfolio;
pub mod project;
mod share_scale;
pub mod svg;
/// Public for the tests, which check label layout with the renderer's own widths.
pub mod text;
mod text_months;
mod totals_row;
mod two_ways;

use crate::t;
use std::collections::HashMap;
use std::sync::OnceLock;

use rayon::prelude::*;

pub use drawing::Drawing;
use svg::ChartError;

use crate::blocks::{self as spec, BlockSpec};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::i18n::I18n;
use crate::site::{IdVec, PageId, Site};
use palette::Palette;

/// Every chart and table block of the site, drawn once before the pages that show them.
/// ("Figures" in this code base are a project's key numbers, never these drawings.)
#[derive(Debug, Default)]
pub struct Drawings {
    /// Per page, the HTML of each ```chart/```table block in order.
    pub blocks: IdVec<PageId, Vec<String>>,
    /// Each project page's charts, when kept (`serve`, which compares and redraws them
    /// after an edit). `None` in a one-shot build: each project's render job draws its own,
    /// so the site's project charts (a dozen SVGs per project) never sit in memory at once.
    pub projects: Option<HashMap<PageId, Vec<Drawing>>>,
    pub dashboard: Vec<Drawing>,
}

/// Renders all charts in parallel. Block specs are checked against the tables here, so a
/// bad column is reported at the block's line. Project pages' charts are drawn here only
/// when `keep_projects`; otherwise their render jobs draw them.
pub fn render_all(
    site: &Site,
    i18n: &I18n,
    keep_projects: bool,
) -> Result<Drawings, Vec<Diagnostic>> {
    let ids: Vec<PageId> = site.pages.ids().collect();
    let marks = OnceLock::new();
    let blocks: Vec<Result<Vec<String>, Vec<Diagnostic>>> = ids
        .into_par_iter()
        .map(|id| page_blocks(site, id, i18n, &marks))
        .collect();
    let projects = keep_projects.then(|| {
        site.projects
            .par_iter()
            .map(|(slug, &id)| (id, project_drawings(site, slug, id, i18n)))
            .collect::<Vec<_>>()
    });
    let dashboard = dashboard_drawings(site, i18n);
    let mut problems = Vec::new();
    let mut drawings = Drawings::default();
    for result in blocks {
        match result {
            Ok(html) => {
                drawings.blocks.push(html);
            }
            Err(p) => {
                problems.extend(p);
                drawings.blocks.push(Vec::new());
            }
        }
    }
    if let Some(projects) = projects {
        let mut kept = HashMap::new();
        for (id, result) in projects {
            match result {
                Ok(f) => {
                    kept.insert(id, f);
                }
                Err(d) => problems.push(d),
            }
        }
        drawings.projects = Some(kept);
    }
    match dashboard {
        Ok(f) => drawings.dashboard = f,
        Err(p) => problems.extend(p),
    }
    if problems.is_empty() {
        Ok(drawings)
    } else {
        Err(problems)
    }
}

/// The series colours of the site's charts: site.toml's `chart_colors`, else the theme's.
fn site_palette(site: &Site) -> Palette {
    Palette::new(&site.config.chart_rgb())
}

/// The charts of one project's page, from its data tables and front matter.
pub fn project_drawings(
    site: &Site,
    slug: &str,
    id: PageId,
    i18n: &I18n,
) -> Result<Vec<Drawing>, Diagnostic> {
    let page = site.page(id);
    let empty = crate::data::ProjectData::default();
    let data = site.project_data.get(slug).unwrap_or(&empty);
    let data_label = i18n.get("chart_data");
    let palette = site_palette(site);
    match page.project() {
        Some(info) => project::charts(info, data, i18n)
            .iter()
            .map(|(chart, table, key)| drawing::draw(chart, table, key, data_label, &palette))
            .collect::<Result<Vec<_>, ChartError>>()
            .map_err(|e| undrawn(e, Drawn::For(&page.path))),
        None => Ok(Vec::new()),
    }
}

/// The portfolio dashboard's charts, from the derived tables.
pub fn dashboard_drawings(site: &Site, i18n: &I18n) -> Result<Vec<Drawing>, Vec<Diagnostic>> {
    let data_label = i18n.get("chart_data");
    let palette = site_palette(site);
    let results: Vec<Result<Drawing, ChartError>> = portfolio::charts(&site.tables, i18n)
        .par_iter()
        .map(|(chart, table, key)| drawing::draw(chart, table, key, data_label, &palette))
        .collect();
    let mut drawings = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(f) => drawings.push(f),
            // Drawn from the derived tables of every project: the page that shows them.
            Err(e) => problems.push(undrawn(
                e,
                Drawn::For(&std::path::Path::new(crate::layout::DASHBOARD_URL).join("index.html")),
            )),
        }
    }
    if problems.is_empty() {
        Ok(drawings)
    } else {
        Err(problems)
    }
}

/// Where a chart was asked for: a ```chart block's place in its page, or the file of a
/// page whose charts pmo makes itself (a project's page, the dashboard).
enum Drawn<'a> {
    At(Location),
    For(&'a std::path::Path),
}

/// The one way a drawing failure reaches the user, always at a file. Nothing in the
/// user's files causes it, so the help says where to report it.
fn undrawn(e: ChartError, place: Drawn<'_>) -> Diagnostic {
    let d = Diagnostic::error(Problem::Content(t!(
        "cannot draw the chart: {reason}",
        reason = e.message
    )))
    .with_help(t!(
        "the drawing library failed on this chart: this is a bug in pmo, please report it with the chart's data"
    ));
    match place {
        Drawn::At(location) => d.at(location),
        Drawn::For(path) => d.in_file(path),
    }
}

/// The HTML of each of `pages`' chart and table blocks, for `serve` after an edit (the
/// projects' doubt marks found once for all of them).
pub fn blocks_of(site: &Site, pages: &[PageId], i18n: &I18n) -> Vec<(PageId, Blocks)> {
    let marks = OnceLock::new();
    pages
        .iter()
        .map(|&id| (id, page_blocks(site, id, i18n, &marks)))
        .collect()
}

/// A page's blocks drawn, or every problem found drawing them.
pub type Blocks = Result<Vec<String>, Vec<Diagnostic>>;

/// Each project's doubt marks (`derive::doubts::marks`), found when a block over
/// `portfolio` first needs them.
type Marks = OnceLock<HashMap<String, crate::derive::doubts::Mark>>;

/// The table a block names: as written, or one of the page's own project's tables.
pub fn find_table<'a>(site: &'a Site, id: PageId, name: &str) -> Option<&'a crate::data::Table> {
    site.tables.get(name).or_else(|| {
        let page = site.page(id);
        let slug = page.project_slug().map(str::to_string).or_else(|| {
            page.rel_path
                .strip_prefix("projects/")
                .and_then(|r| r.split('/').next())
                .map(str::to_string)
        })?;
        site.tables.get(&format!("projects/{slug}/{name}"))
    })
}

/// A chart summing up (`cumulative = true`) a project's budget that its project says
/// holds running totals (`basis: cumulative`): a block reads the table as written, so
/// each month would add every month before it again — 14 million plotted for an EV of
/// 2 million, without a word.
fn totals_summed_again(
    site: &Site,
    spec: &BlockSpec,
    table: &crate::data::Table,
) -> Option<Diagnostic> {
    let BlockSpec::Chart(c) = spec else {
        return None;
    };
    let slug = table
        .name
        .strip_prefix("projects/")?
        .strip_suffix("/budget")?;
    let info = site.page(*site.projects.get(slug)?).project()?;
    let basis = info.basis.unwrap_or(site.config.budget.basis);
    (c.cumulative && basis == crate::content::schema::Basis::Cumulative).then(|| {
        Diagnostic::error(Problem::Content(t!(
            "`{table}` holds running totals (its project's basis is cumulative): `cumulative = true` would add each month's total to those before it",
            table = &table.name
        )))
        .with_help(t!("remove `cumulative = true`: the table's values already run up month by month"))
    })
}

/// Where `span` of a block's text is in its page: the block's fence for a problem of the
/// block as a whole (an empty span at 0).
fn block_location(
    page: &crate::content::page::Page,
    raw: &crate::markdown::RawBlock,
    span: std::ops::Range<usize>,
) -> Location {
    let start = if span.is_empty() && span.start == 0 {
        raw.fence
    } else {
        raw.offset + span.start
    };
    Location::new(
        &page.path,
        &page.source.text(&page.path),
        start,
        span.len().max(1),
    )
}

/// The error of a block [`check::check`] refused: at the table's cell when a cell is at
/// fault (the chart named, by its page and line), else at the block's field. A derived
/// table's cells are the build's own, and have no file to mend.
fn refused(
    e: check::Refusal,
    table: &crate::data::Table,
    at: impl Fn(std::ops::Range<usize>) -> Location,
) -> Diagnostic {
    let chart = at(e.error.span.clone());
    match (e.cell, e.header) {
        (Some((row, col)), _) if !crate::derive::tables::is_derived(table) => {
            let expected = t!(
                "a number: the chart at {page} line {line} draws this column",
                page = crate::diagnostics::shown(&chart.path),
                line = chart.line_col().0
            );
            table.bad_cell(row, col, expected, e.error.help)
        }
        (_, Some(col)) => {
            let value = table.columns.get(col).map_or("", |c| c.trim());
            let d = Diagnostic::error(Problem::Data(t!(
                "the header of {path} holds `{value}`, a number, where a column's name goes: the chart at {page} line {line} names a column the file lacks",
                path = crate::diagnostics::shown(&table.path),
                value = value,
                page = crate::diagnostics::shown(&chart.path),
                line = chart.line_col().0
            )))
            .with_help(t!(
                "the first row of the file names the columns: write the names there (was the header row deleted, or moved below a row of data?); {detail}",
                detail = e.error.message
            ));
            crate::data::columns::at_header(table, value, d)
        }
        _ => Diagnostic::error(Problem::Content(e.error.message))
            .at(chart)
            .with_help(e.error.help),
    }
}

/// The warnings of every page's chart and table blocks that draw (see
/// [`check::warnings`]). Worked out from the site as it stands, as the sanity warnings
/// are, so `serve` tells them again after each edit; a block with an error is left to
/// the chart stage, which refuses it.
pub fn block_warnings(site: &Site, i18n: &I18n) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut gaps_told = std::collections::HashSet::new();
    let mut empty_told = std::collections::HashSet::new();
    for id in site.pages.ids() {
        let page = site.page(id);
        if page.blocks.is_empty() {
            continue;
        }
        let tables = pinned::PageTables::of(site, id, i18n);
        for (raw, spec) in page.body.blocks.iter().zip(&page.blocks) {
            let Some(table) = tables.get(spec.data()) else {
                continue;
            };
            if check::check(spec, table, &raw.text).is_err() {
                continue;
            }
            for w in check::warnings(spec, table, &raw.text) {
                out.push(
                    Diagnostic::warning(Problem::Content(w.message))
                        .at(block_location(page, raw, w.span))
                        .with_help(w.help),
                );
            }
            if let BlockSpec::Chart(c) = spec {
                // Told at the table, once however many charts draw it.
                let line = block_location(page, raw, 0..0).line_col().0;
                for (row, w) in month_gaps::warnings(c, table, &page.path, line) {
                    if gaps_told.insert((table.path.clone(), row)) {
                        out.push(w);
                    }
                }
                for (col, w) in empty_series::warnings(c, table, &page.path, line) {
                    if empty_told.insert((table.path.clone(), col)) {
                        out.push(w);
                    }
                }
            }
        }
    }
    out
}

/// The most cells a page's ```table blocks may show together: 600 blocks over one
/// 5,000-row table took 73 s and 937 MB to write a 205 MB page (the fifth security
/// hunt). A register of every lesson at 10,000 pages is some 50,000 cells.
pub const MAX_TABLE_CELLS: usize = 200_000;

fn page_blocks(
    site: &Site,
    id: PageId,
    i18n: &I18n,
    marks: &Marks,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let data_label = i18n.get("chart_data");
    let tables = pinned::PageTables::of(site, id, i18n);
    // A pinned page's marks are counted from its own day, once for its blocks.
    let pinned_marks = OnceLock::new();
    let marks = || match tables.day() {
        Some(day) => pinned_marks.get_or_init(|| crate::derive::doubts::marks_on(site, Some(day))),
        None => marks.get_or_init(|| crate::derive::doubts::marks(site)),
    };
    // Said under each block whose figures are of the page's day.
    let as_of_note = |name: &str| {
        tables.pinned(name).map(|day| {
            format!(
                "<p class=\"table-note as-of\">{}</p>",
                crate::escape::xml(&i18n.get("blocks_as_of").replace("{date}", &i18n.date(&day)))
            )
        })
    };
    let page = site.page(id);
    let mut table_cells = 0usize;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let palette = site_palette(site);
    for (n, (raw, spec)) in page.body.blocks.iter().zip(&page.blocks).enumerate() {
        let at = |span: std::ops::Range<usize>| block_location(page, raw, span);
        let name = match spec {
            BlockSpec::Chart(c) => &c.data,
            BlockSpec::Table(t) => &t.data,
        };
        let Some(table) = tables.get(name) else {
            let names: Vec<&str> = site.tables.keys().map(String::as_str).collect();
            // `data = "data/costs.csv"`: the file, where the table is named without its
            // folder and extension.
            let bare = name.strip_prefix("data/").unwrap_or(name);
            let bare = match bare.rsplit_once('.') {
                Some((stem, _)) if crate::layout::is_table(bare) => stem,
                _ => bare,
            };
            let help = match crate::suggest::did_you_mean(name, &names) {
                _ if bare != name && tables.get(bare).is_some() => t!(
                    "write `data = \"{bare}\"`: a table is named by its file's name, without `data/` and the extension",
                    bare = bare
                ),
                Some(s) => t!("did you mean `{s}`?", s = s),
                None => t!("tables are files under data/ (by file name without extension), a project's tables (projects/<slug>/budget …), or the derived `portfolio`, `lessons` and `risks`"),
            };
            problems.push(
                Diagnostic::error(Problem::Content(t!("no table named `{name}`", name = name)))
                    .at(at(spec::field_span(&raw.text, "data")))
                    .with_help(help),
            );
            continue;
        };
        if let Err(e) = check::check(spec, table, &raw.text) {
            problems.push(refused(e, table, at));
            continue;
        }
        if let Some(d) = totals_summed_again(site, spec, table) {
            problems.push(d.at(at(spec::field_span(&raw.text, "cumulative"))));
            continue;
        }
        // Only a block over `portfolio` asks for the marks (the whole site's warnings).
        let portfolio = crate::derive::tables::is_portfolio(table);
        let html = match spec {
            BlockSpec::Chart(c) => {
                if let Err(why) = build::check_size(c, table) {
                    problems.push(
                        Diagnostic::error(Problem::Content(why))
                            .at(at(0..0))
                            .with_help(t!("select fewer rows (`filter`), group them (`aggregate`), or split the chart in several")),
                    );
                    continue;
                }
                let money = over_portfolio::money(site, table);
                let (chart, data) =
                    build::chart(&over_portfolio::chart_spec(c, money.as_ref(), i18n), table);
                match drawing::draw(
                    &chart,
                    &data,
                    &format!("chart-{}", n + 1),
                    data_label,
                    &palette,
                ) {
                    Ok(f) => {
                        let doubted = portfolio
                            .then(|| over_portfolio::chart_note(c, table, marks(), i18n))
                            .flatten();
                        let notes: String = doubted
                            .iter()
                            .chain(&as_of_note(name))
                            .map(String::as_str)
                            .collect();
                        // Inside the figure, under its data table.
                        match f.html.strip_suffix("</figure>") {
                            Some(open) if !notes.is_empty() => format!("{open}{notes}</figure>"),
                            _ => f.html,
                        }
                    }
                    Err(e) => {
                        problems.push(undrawn(e, Drawn::At(at(0..0))));
                        continue;
                    }
                }
            }
            BlockSpec::Table(t) => {
                let money = over_portfolio::money(site, table);
                let data = over_portfolio::table(t, table, money.as_ref(), i18n);
                let cells = data.rows.len().saturating_mul(data.columns.len().max(1));
                table_cells = table_cells.saturating_add(cells);
                if table_cells > MAX_TABLE_CELLS {
                    problems.push(
                        Diagnostic::error(Problem::Content(t!(
                            "this page's table blocks would show {cells} cells by this one; a page may show at most {max}",
                            cells = table_cells,
                            max = MAX_TABLE_CELLS
                        )))
                        .at(at(0..0))
                        .with_help(t!("select fewer rows (`filter`, `limit`) or columns (`columns`), or show the table on a page of its own")),
                    );
                    break;
                }
                let html = drawing::marked_table_html(
                    &data,
                    t.title.as_deref().unwrap_or(""),
                    "data-table",
                    &if portfolio {
                        over_portfolio::table_marks(t, table, marks(), i18n)
                    } else {
                        HashMap::new()
                    },
                );
                match as_of_note(name) {
                    Some(note) => format!("{html}{note}"),
                    None => html,
                }
            }
        };
        out.push(html);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_drawing_failure_is_told_at_the_block_or_the_file_that_asked_for_it() {
        let failed = || ChartError {
            message: "backend error".into(),
        };
        let source: std::sync::Arc<str> =
            "---\ntitle: 进度\n---\n```chart\ntype = \"pie\"\n```\n".into();
        let fence = source.find("```chart").unwrap_or_default();
        let block = Location::new(Path::new("content/reports/进度.md"), &source, fence, 1);
        let d = undrawn(failed(), Drawn::At(block));
        assert_eq!(d.position().as_deref(), Some("content/reports/进度.md:4:1"));
        assert!(
            d.to_string()
                .contains("cannot draw the chart: backend error"),
            "{d}"
        );
        let d = undrawn(failed(), Drawn::For(Path::new("dashboard/index.html")));
        assert_eq!(d.path.as_deref(), Some(Path::new("dashboard/index.html")));
    }
}
