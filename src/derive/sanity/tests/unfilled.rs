//! Columns left unfilled, and milestone dates that are no project's days.

use super::*;

/// An AC column of zeros beside reported EV showed "Spent to date 0, 0% of budget" and
/// CPI, EAC and VAC as "—" without a word, while AC of 1,000 a month was doubted as
/// another unit (the eighth malformed hunt).
#[test]
fn a_cost_column_of_zeros_beside_earned_value_is_doubted_at_its_first_cell() {
    let rows = "2026-08,100000,95000,0\n2026-09,120000,110000,0\n2026-10,100000,95000,0\n";
    let w = warnings(
        &info(320_000.0, ProjectStatus::Active),
        &format!("period,pv,ev,ac\n{rows}"),
        None,
    );
    let found: Vec<&String> = w.iter().filter(|w| w.contains("no cost at all")).collect();
    assert_eq!(found.len(), 1, "{w:?}");
    assert!(found[0].contains("budget.csv:2:"), "{w:?}");
    assert!(
        found[0].contains(
            "AC is 0 in every period, while EV is reported in 3 periods (adding up to 300,000)"
        ),
        "{w:?}"
    );
    assert!(found[0].contains("leave the cells empty"), "{w:?}");
    // The other way round: cost month after month, never a value earned.
    let rows = "2026-08,100000,0,98000\n2026-09,120000,0,118000\n2026-10,100000,0,99000\n";
    let w = warnings(
        &info(320_000.0, ProjectStatus::Active),
        &format!("period,pv,ev,ac\n{rows}"),
        None,
    );
    let found: Vec<&String> = w
        .iter()
        .filter(|w| w.contains("EV is 0 in every period"))
        .collect();
    assert_eq!(found.len(), 1, "{w:?}");
    assert!(found[0].contains("budget.csv:2:"), "{w:?}");
}

/// A project just begun is not doubted: a plan alone, or a first month of nothing.
#[test]
fn a_project_just_begun_is_not_doubted_for_its_empty_or_zero_columns() {
    for rows in [
        "2026-10,100000,,\n2026-11,120000,,\n2026-12,100000,,\n",
        "2026-10,100000,0,0\n2026-11,120000,,\n2026-12,100000,,\n",
        "2026-10,100000,5000,0\n2026-11,120000,,\n2026-12,100000,,\n",
        "2026-10,100000,0,40000\n2026-11,120000,0,90000\n2026-12,100000,,\n",
    ] {
        let w = warnings(
            &info(320_000.0, ProjectStatus::Active),
            &format!("period,pv,ev,ac\n{rows}"),
            None,
        );
        assert!(
            !w.iter().any(|w| w.contains("in every period")),
            "{rows}: {w:?}"
        );
    }
}

/// A baseline of 1900-01-01 (Excel's day 0, a date cell left empty) counted as a real
/// plan: one more late milestone, slipped some 46,000 days, and no word (the eighth
/// malformed hunt). A baseline or forecast before the start is doubted as an actual is.
#[test]
fn a_plan_before_the_start_or_on_excels_day_zero_is_doubted_at_its_cell() {
    let w = warnings(
        &info(1000.0, ProjectStatus::Active),
        "period,pv,ev,ac\n2024-01,1000,,\n",
        Some(
            "name,baseline,forecast,actual\n需求确认,1900-01-01,,\n\
             系统上线,2023-11-30,2024-03-01,\n验收,2024-06-01,2023-12-01,\n\
             培训,2024-06-01,,\n",
        ),
    );
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(w[0].contains("milestones.csv:2:6"), "{w:?}");
    assert!(
        w[0].contains("baseline of milestone `需求确认` is 1900-01-01")
            && w[0].contains("before 1950"),
        "{w:?}"
    );
    assert!(w[1].contains("milestones.csv:3:6"), "{w:?}");
    assert!(
        w[1].contains(
            "milestone `系统上线` is planned (baseline) for 2023-11-30, before the project started (2024-01-08)"
        ),
        "{w:?}"
    );
    assert!(w[2].contains("milestones.csv:4:15"), "{w:?}");
    assert!(w[2].contains("(forecast) for 2023-12-01"), "{w:?}");
}

/// Hunt 9: a finance sheet filled with zeros to the year's end made November and
/// December look reported, the SPI fall from 0.97 to 0.90 and the status turn amber,
/// without a word. Told once, at the first such cell; zeros between months reporting
/// amounts are months of nothing done, and stay unsaid.
#[test]
fn months_to_come_written_as_zeros_are_told_once_at_the_first() {
    let rows = "2026-08,160000,158000,161000\n2026-09,170000,160000,166000\n\
                2026-10,160000,150000,158000\n2026-11,168000,0,0\n2026-12,120000,0,0\n";
    let w = warnings(
        &info(778_000.0, ProjectStatus::Active),
        &format!("period,pv,ev,ac\n{rows}"),
        None,
    );
    let found: Vec<&String> = w
        .iter()
        .filter(|w| w.contains("months not yet reported"))
        .collect();
    assert_eq!(found.len(), 1, "{w:?}");
    assert!(found[0].contains("budget.csv:5:"), "{w:?}");
    assert!(
        found[0].contains("EV of 2026-11 is 0, and no month after it reports an amount (2 month(s) written as 0, to 2026-12)"),
        "{w:?}"
    );
    assert!(found[0].contains("rather than 0"), "{w:?}");
    let rows = "2026-08,160000,158000,161000\n2026-09,170000,0,0\n2026-10,160000,150000,158000\n";
    let w = warnings(
        &info(490_000.0, ProjectStatus::Active),
        &format!("period,pv,ev,ac\n{rows}"),
        None,
    );
    assert!(!w.iter().any(|w| w.contains("not yet reported")), "{w:?}");
}

/// A sheet whose EV and AC are 0 in every month (a template's formulas, nothing typed in
/// yet) showed three months of nothing earned: SPI 0.00 and red, as measured. A project
/// that spends nothing for months is not reporting yet; one first month of 0 is a
/// project just begun and stays unsaid (above).
#[test]
fn every_month_written_as_zeros_is_told_as_not_yet_reported() {
    let rows = "2026-09,100000,0,0\n2026-10,100000,0,0\n2026-11,100000,0,0\n2026-12,100000,,\n";
    let w = warnings(
        &info(400_000.0, ProjectStatus::Active),
        &format!("period,pv,ev,ac\n{rows}"),
        None,
    );
    let found: Vec<&String> = w
        .iter()
        .filter(|w| w.contains("months not yet reported"))
        .collect();
    assert_eq!(found.len(), 1, "{w:?}");
    assert!(found[0].contains("budget.csv:2:"), "{w:?}");
    assert!(
        found[0]
            .contains("EV and AC are 0 in every month written (3 month(s), 2026-09 to 2026-11)"),
        "{w:?}"
    );
    assert!(found[0].contains("rather than 0"), "{w:?}");
}
