//! The labels a page shows around its content (its kind, a project page's section and
//! figure labels, card notes, status table rows, chart titles), indexed as body text.

use super::Line;
use crate::content::page::Page;
use crate::derive;
use crate::i18n::I18n;
use crate::site::Site;

/// The labels a page shows around its content: its kind above the title (经验教训), and
/// on a project page its section and figure labels (关键指标, 挣值（EV）, 主要风险 …),
/// the month its figures are as of, the share of the budget spent, CPI and SPI, each milestone's state (已完成, 延期),
/// each month of its status table with its RAG label, and its charts' titles. Body text (as weighty as prose: they are the same on many
/// pages), never quoted nor read for exact text (not in [`super::shown`]): a reader searching
/// 经验教训, 延期 or 挣值 finds the pages that show it.
pub(super) fn labels(site: &Site, page: &Page, i18n: &I18n) -> String {
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
