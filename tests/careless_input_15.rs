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