//! A table in a project's folder that is headed like one of the project's own tables
//! but named otherwise: finance's `二期厂房扩建_EV月报_万元.xlsx` beside `index.md` was read
//! as a table of the author's own, and the project showed its BAC and no budget figures
//! without a word (the eighth walk-through). Only the header is looked at, which the
//! build has read anyway.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::data::columns::{at_header, reads_as};
use crate::data::Table;
use crate::diagnostics::{Diagnostic, Problem};
use crate::kinds::{PROJECTS, PROJECT_TABLES};
use crate::t;

/// The column each project table is known by: a header holding it and two more of the
/// table's columns is taken for that table.
const KEY_COLUMNS: [(&str, &str); 3] = [
    ("budget", "period"),
    ("milestones", "name"),
    ("risks", "title"),
];

/// A warning at each table file of a project's folder, not named for one of its tables,
/// whose header is that of a table the project lacks.
pub fn misnamed(tables: &BTreeMap<String, Table>) -> Vec<Diagnostic> {
    let mut told: BTreeSet<PathBuf> = BTreeSet::new();
    let mut out = Vec::new();
    for (name, table) in tables {
        let parts: Vec<&str> = name.split('/').collect();
        let [PROJECTS, slug, stem, ..] = parts.as_slice() else {
            continue;
        };
        // The project's own tables, and their slips (`Budget.csv`, `budgets.csv`), told
        // when the files are found.
        let folded = stem.to_lowercase();
        if PROJECT_TABLES
            .iter()
            .any(|t| folded == *t || folded == t.trim_end_matches('s') || folded == format!("{t}s"))
        {
            continue;
        }
        let Some((kind, columns)) = looks_like(table) else {
            continue;
        };
        if tables.contains_key(&format!("{PROJECTS}/{slug}/{kind}"))
            || !told.insert(table.path.clone())
        {
            continue;
        }
        let file = table
            .path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ext = table
            .path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let message = t!(
            "`{file}` is headed like the project's {kind} table ({columns}), but pmo reads a project's {kind} only from `{kind}.csv` (or .xlsx, .xls, .ods, .json, .toml, .yaml): the project shows none of it",
            file = file.as_str(),
            kind = kind,
            columns = columns
                .iter()
                .map(|c| format!("`{}`", c.trim()))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let help = t!(
            "rename it `{right}` so the project's page and the portfolio read it; if it is a table of your own, this warning can be ignored",
            right = format!("{kind}.{ext}")
        );
        let d = Diagnostic::warning(Problem::Content(message));
        out.push(at_header(table, columns[0], d).with_help(help));
    }
    out
}

/// The project table `table`'s header is that of, and the headers that say so (its key
/// column first).
fn looks_like(table: &Table) -> Option<(&'static str, Vec<&str>)> {
    KEY_COLUMNS.iter().find_map(|&(kind, key)| {
        let mut seen: Vec<&str> = Vec::new();
        let mut headers: Vec<&str> = Vec::new();
        for header in &table.columns {
            if let Some(column) = reads_as(kind, header).filter(|c| !seen.contains(c)) {
                seen.push(column);
                headers.push(header.as_str());
            }
        }
        let at = seen.iter().position(|c| *c == key)?;
        if seen.len() < 3 {
            return None;
        }
        headers.swap(0, at);
        Some((kind, headers))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(files: &[(&str, &str)]) -> BTreeMap<String, Table> {
        files
            .iter()
            .map(|(name, text)| {
                let path = PathBuf::from(format!("content/{name}.csv"));
                let source: std::sync::Arc<str> = std::sync::Arc::from(*text);
                let t = crate::data::read::read_csv(&path, &source, name).unwrap();
                (name.to_string(), t)
            })
            .collect()
    }

    #[test]
    fn a_table_headed_like_a_budget_under_another_name_is_told_at_its_header() {
        let t = tables(&[
            (
                "projects/二期厂房扩建/二期厂房扩建_EV月报_万元",
                "月份,计划值（万元）,挣值（万元）,实际成本（万元）\n2026-01,100,90,95\n",
            ),
            (
                "projects/二期厂房扩建/会议纪要",
                "日期,议题\n2026-01-05,开工\n",
            ),
        ]);
        let w: Vec<String> = misnamed(&t).iter().map(ToString::to_string).collect();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with(
                "warning: content/projects/二期厂房扩建/二期厂房扩建_EV月报_万元.csv:1:1:"
            ),
            "{w:?}"
        );
        assert!(
            w[0].contains("headed like the project's budget table (`月份`, `计划值（万元）`"),
            "{w:?}"
        );
        assert!(w[0].contains("rename it `budget.csv`"), "{w:?}");
    }

    #[test]
    fn a_project_with_its_own_table_or_a_header_of_few_columns_is_not_told() {
        let t = tables(&[
            ("projects/mes/budget", "period,pv,ev,ac\n2026-01,1,1,1\n"),
            ("projects/mes/EV月报", "period,pv,ev,ac\n2026-01,1,1,1\n"),
            (
                "projects/mes/里程碑计划",
                "里程碑,基线日期,实际日期\n上线,2026-03-01,\n",
            ),
            ("projects/mes/月度", "月份,计划值\n2026-01,1\n"),
            ("projects/mes/budgets", "period,pv,ev,ac\n2026-01,1,1,1\n"),
        ]);
        let w: Vec<String> = misnamed(&t).iter().map(ToString::to_string).collect();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains("里程碑计划.csv") && w[0].contains("milestones"),
            "{w:?}"
        );
    }
}
