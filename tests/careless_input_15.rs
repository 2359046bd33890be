//! Careless input that showed a figure as right that was not, or left data out without
//! a word (the fifteenth malformed hunt).

mod common;

use common::xlsx::{workbook, V};
use common::Site;

/// A milestones sheet's header and two rows, the second forecast late.
fn milestone_rows() -> Vec<Vec<V>> {
    vec![
        ["name", "baseline", "forecast"]
            .map(|h| V::S(h.into()))
            .into(),
        vec![V::S("启动会".into()), V::D(45301.0), V::D(45301.0)],
        vec![V::S("上线".into()), V::D(45626.0), V::D(45641.0)],
    ]
}

/// A workbook whose first sheet is empty (a blank `Sheet1` left in front of the data)
/// read as no table at all: the project's milestones vanished from its page and the
/// dashboard's late count without a word, the data on the second sheet read only as
/// `milestones/<sheet>`. It is refused at the workbook, naming the sheet with the data.
#[test]
fn an_empty_first_sheet_in_front_of_the_data_is_refused() {
    let site = Site::fixture("basic");
    site.remove("content/projects/erp/milestones.csv");
    let rows = milestone_rows();
    site.write(
        "content/projects/erp/milestones.xlsx",
        workbook(&[("Sheet1", false, &[], &[]), ("里程碑", false, &rows, &[])]),
    );
    let m = site.build_err();
    assert!(m.contains("milestones.xlsx:1:1:"), "{m}");
    assert!(m.contains("`Sheet1`"), "{m}");
    assert!(m.contains("`里程碑`"), "{m}");
}

/// One risk entered twice under two ids (a register copied together from two meetings)
/// was counted twice in the project's open risks and exposure, and the portfolio's,
/// without a word; the same id twice was already told. It is warned at the second title.
#[test]
fn a_risk_title_listed_twice_under_two_ids_is_warned() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/risks.csv",
        "id,title,probability,impact,owner,status,response\nR1,数据质量,2,3,李娜,closed,清洗\nR2,供应商延期,4,5,张伟,closed,每周检查\nR3,供应商延期,4,5,张伟,closed,同上\n",
    );
    let warnings = site.warnings();
    let twice: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("is already listed at"))
        .collect();
    assert_eq!(twice.len(), 1, "{warnings:#?}");
    assert!(twice[0].contains("risks.csv:4:"), "{}", twice[0]);
    assert!(twice[0].contains("`供应商延期`"), "{}", twice[0]);
    assert!(twice[0].contains("line 3"), "{}", twice[0]);
    // The same id and title twice is told once, as an id used twice.
    site.write(
        "content/projects/erp/risks.csv",
        "id,title,probability,impact,owner,status,response\nR1,数据质量,2,3,李娜,closed,清洗\nR1,数据质量,2,3,李娜,closed,清洗\n",
    );
    let warnings = site.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("is already listed at")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("risk id `R1` is already used")),
        "{warnings:#?}"
    );
}

/// A project marked closed whose tables still say it goes on (a risk open, a milestone
/// with no actual date) was shown closed without a word, its open risk still in the
/// portfolio's exposure and its milestone in the dashboard's late count. Each table is
/// warned at its first such row, naming the project's status.
#[test]
fn a_closed_project_with_open_risks_or_milestones_not_reached_is_warned() {
    // The fixture's ERP is closed, with risk R1 open and 上线 not reached.
    let site = Site::fixture("basic");
    let warnings = site.warnings();
    let closed: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("the project is closed, but"))
        .filter(|w| !w.contains("has earned"))
        .collect();
    assert_eq!(closed.len(), 2, "{warnings:#?}");
    assert!(
        closed.iter().any(|w| w.contains("milestones.csv:3:")
            && w.contains("`上线`")
            && w.contains("status: active")),
        "{closed:#?}"
    );
    assert!(
        closed
            .iter()
            .any(|w| w.contains("risks.csv:2:") && w.contains("`R1`")),
        "{closed:#?}"
    );
    // Its page lists them among the doubts about its data.
    let page = site.read("projects/erp/index.html");
    let notes = &page[page
        .find("class=\"data-notes\"")
        .expect("the doubts listed")..];
    let notes = &notes[..notes.find("</details>").unwrap()];
    assert!(notes.contains("<code>milestones.csv:3</code>"), "{notes}");
    assert!(notes.contains("<code>risks.csv:2</code>"), "{notes}");
    // An active project's open risks are its work in hand.
    site.set_project_field("erp", "status", "active");
    assert!(!site
        .warnings()
        .iter()
        .any(|w| w.contains("the project is closed, but")),);
}

/// A budget row for a quarter, a half year or a fiscal year among months was refused
/// with "write months as YYYY-MM" alone: its author was left to guess that the row must
/// be split, and into which months. The help names them.
#[test]
fn a_budget_period_of_several_months_is_told_the_months_it_spans() {
    for (period, months) in [
        ("2024-Q1", "2024-01 to 2024-03"),
        ("Q3 2024", "2024-07 to 2024-09"),
        ("2024 H2", "2024-07 to 2024-12"),
        ("FY24", "the months of 2024"),
    ] {
        let site = Site::fixture("basic");
        site.write(
            "content/projects/erp/budget.csv",
            format!("period,pv,ev,ac\n2023-12,1000000,900000,1000000\n{period},1000000,1000000,1100000\n"),
        );
        let m = site.build_err();
        assert!(m.contains("budget.csv:3:1:"), "{m}");
        assert!(m.contains(months), "{period}: {m}");
        assert!(m.contains("not a month"), "{period}: {m}");
    }
}

/// A totals row left at the bottom of a milestones or risks table (`合计`, `Total`,
/// with its other cells empty) was refused as "column `baseline` is empty on this row /
/// this column may not be empty": its author filled the cell in, and the row would
/// have counted as one more milestone. The help says it is a totals row, to delete.
#[test]
fn a_totals_row_in_a_milestones_or_risks_table_is_told_as_such() {
    for (file, text) in [
        (
            "milestones.csv",
            "name,baseline,forecast,actual\n启动会,2024-01-10,,2024-01-10\n合计,,,\n",
        ),
        (
            "risks.csv",
            "id,title,probability,impact,owner,status,response\nR1,数据质量,2,3,李娜,closed,清洗\nTotal,,,,,,\n",
        ),
    ] {
        let site = Site::fixture("basic");
        site.write(&format!("content/projects/erp/{file}"), text);
        let m = site.build_err();
        assert!(m.contains(&format!("{file}:3:")), "{m}");
        assert!(m.contains("looks like a totals row"), "{file}: {m}");
    }
}

/// A budget workbook with a sheet of notes in front (填表说明) was refused with "the
/// header has no column `period`", though the columns are there, on the next sheet:
/// nothing said a workbook's table is its first sheet. The error names the sheet that
/// holds the columns, and the help how to move it first.
#[test]
fn a_sheet_of_notes_in_front_of_the_data_names_the_sheet_holding_it() {
    let site = Site::fixture("basic");
    site.remove("content/projects/erp/budget.csv");
    let notes = [vec![V::S("金额单位：元".into())]];
    let budget = [
        ["period", "pv", "ev", "ac"].map(|h| V::S(h.into())).into(),
        vec![
            V::S("2024-01".into()),
            V::N(1000.0),
            V::N(900.0),
            V::N(1000.0),
        ],
    ];
    site.write(
        "content/projects/erp/budget.xlsx",
        workbook(&[
            ("填表说明", false, &notes, &[]),
            ("预算", false, &budget, &[]),
        ]),
    );
    let m = site.build_err();
    assert!(m.contains("budget.xlsx:1:1:"), "{m}");
    assert!(m.contains("`预算`"), "{m}");
    assert!(m.contains("first sheet"), "{m}");
}
