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
