//! A risks table's doubtful rows.

use std::collections::HashMap;

use crate::data::Table;
use crate::diagnostics::Diagnostic;
use crate::t;

/// A risks table's doubtful rows: a status one or two typos from `closed` (it counts as
/// open, so the risk stays in every exposure figure while its owner thinks it is closed),
/// and an id an earlier row of the table already has.
pub fn risk_warnings(table: &Table) -> Vec<Diagnostic> {
    // The other words the site shows in its language (`risk_state_*`), and the Chinese
    // it shows them as: a risk so marked is open, and its author knows it.
    // And the words registers commonly write for an open risk (监控, 跟踪中, 已识别):
    // `监控` was doubted while `监控中` was not (the fifth walk-through).
    // And a risk response a register writes as its status (accepted, transferred,
    // escalated: the risk stays, its handling changed): PMBOK's own words, warned of
    // on every row of a register that uses them.
    const OPEN: [&str; 47] = [
        "open",
        "in-progress",
        "in progress",
        "in_progress",
        "mitigated",
        "monitoring",
        "monitor",
        "tracking",
        "active",
        "new",
        "identified",
        "未关闭",
        "打开",
        "开放",
        "开启",
        "处理中",
        "应对中",
        "待处理",
        "已缓解",
        "缓解中",
        "监控中",
        "监控",
        "监视",
        "跟踪",
        "跟踪中",
        "进行中",
        "新建",
        "新增",
        "已识别",
        "识别",
        "持续监控",
        "accepted",
        "accept",
        "transferred",
        "escalated",
        "reopened",
        "watch",
        "watching",
        "已接受",
        "接受",
        "已转移",
        "转移",
        "已上报",
        "上报",
        "已升级",
        "重新打开",
        "观察中",
    ];
    let mut out = Vec::new();
    if let Some(col) = table.column("status") {
        for row in 0..table.rows.len() {
            let status = table.text(row, col);
            let folded = status.trim().to_lowercase();
            if folded.is_empty()
                || crate::data::closes_risk(&folded)
                || OPEN.contains(&folded.as_str())
            {
                continue;
            }
            // Latin letters only: a Chinese status near 已关闭 is as likely to say the
            // opposite (未关闭, 关闭中) as to be a typo.
            let typo = folded.is_ascii()
                && folded.len() >= 4
                && strsim::damerau_levenshtein(&folded, "closed") <= 2;
            if let Some(meant) = typo.then_some("closed") {
                let message = t!(
                    "risk status `{status}` is read as open",
                    status = status.trim()
                );
                out.push(
                    table
                        .warning_at(row, col, message)
                        .with_help(t!(
                            "did you mean `{meant}`? Only closed closes a risk; any other status keeps it in the exposure figures",
                            meant = meant
                        )),
                );
            } else {
                // `done`, `cancelled`: its author thinks it settled, but the
                // risk stays in every exposure figure.
                let message = t!(
                    "risk status `{status}` is none of the usual words, and is read as open",
                    status = status.trim()
                );
                out.push(
                    table
                        .warning_at(row, col, message)
                        .with_help(t!(
                            "write closed for a risk that is over; open, in-progress, mitigated or monitoring keep it in the exposure figures"
                        )),
                );
            }
        }
    }
    if let Some(col) = table.column("id") {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for row in 0..table.rows.len() {
            let id = table.text(row, col);
            let key = id.trim().to_lowercase();
            if key.is_empty() {
                continue;
            }
            if let Some(&first) = seen.get(&key) {
                let message = t!(
                    "risk id `{id}` is already used at {place}",
                    id = id.trim(),
                    place = table.place_name(first, col)
                );
                out.push(
                    table
                        .warning_at(row, col, message)
                        .with_help(t!("give each risk of the project its own id")),
                );
            } else {
                seen.insert(key, row);
            }
        }
    }
    out.extend(titles_used_twice(table));
    out
}

/// A risk title an earlier row already has, under another id (the same id is told
/// already): one risk entered twice, as a register copied from two meetings holds it,
/// counted twice in the project's open risks and exposure and in the portfolio's.
fn titles_used_twice(table: &Table) -> Vec<Diagnostic> {
    let Some(col) = table.column("title") else {
        return Vec::new();
    };
    let id = |row: usize| {
        table
            .column("id")
            .map(|c| table.text(row, c).trim().to_lowercase())
            .unwrap_or_default()
    };
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for row in 0..table.rows.len() {
        let title = table.text(row, col);
        let key = title.trim().to_lowercase();
        if key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some(&earlier) if id(earlier) != id(row) || id(row).is_empty() => {
                let message = t!(
                    "risk `{title}` is already listed at {place}: it is counted twice in the open risks and exposure",
                    title = title.trim(),
                    place = table.place_name(earlier, col)
                );
                out.push(table.warning_at(row, col, message).with_help(t!(
                    "delete the copy, or say in each title how the two risks differ"
                )));
            }
            Some(_) => {}
            None => {
                first.insert(key, row);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A register writing the response as its status (`accepted`, PMBOK's word) had a
    /// warning on every such row: 1,061 of them on the benchmark corpus. Still open.
    #[test]
    fn a_risk_accepted_or_transferred_is_open_and_not_warned_of() {
        let text = "id,title,probability,impact,status\nR1,a,2,2,accepted\nR2,b,2,2,已接受\nR3,c,2,2,Transferred\nR4,d,2,2,已上报\nR5,e,2,2,avoided\n";
        let source: std::sync::Arc<str> = std::sync::Arc::from(text);
        let t = crate::data::read::read_csv(std::path::Path::new("risks.csv"), &source, "risks")
            .unwrap();
        let warnings: Vec<String> = risk_warnings(&t).iter().map(|d| d.to_string()).collect();
        // `avoided` says the risk is gone: its author means closed, and is told.
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("`avoided`"), "{warnings:?}");
        for status in ["accepted", "已接受", "transferred", "已上报"] {
            assert!(!crate::data::closes_risk(status), "{status}");
        }
    }
}
