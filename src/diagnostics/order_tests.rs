use super::*;

/// A workbook's cell warnings carry the cell in their message (they have no line):
/// `里程碑!B2` comes before `里程碑!B10`, as in the sheet, not as in a dictionary.
#[test]
fn cell_references_in_messages_sort_by_row_number() {
    let all = Diagnostics::default();
    for cell in ["B10", "B2", "B11", "B3", "C1"] {
        all.push(
            Diagnostic::warning(Problem::Data(crate::messages::verbatim(format!(
                "里程碑!{cell}：里程碑晚于项目结束日"
            ))))
            .in_file(Path::new("content/projects/dc/milestones.xlsx")),
        );
    }
    let order: Vec<String> = all
        .into_sorted()
        .iter()
        .map(|d| d.problem.to_string())
        .collect();
    let cells: Vec<&str> = order
        .iter()
        .filter_map(|m| m.split('!').nth(1)?.split('：').next())
        .collect();
    assert_eq!(cells, ["B2", "B3", "B10", "B11", "C1"], "{order:?}");
}
