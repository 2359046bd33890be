//! Which sheet of a workbook holds what: a PMO keeps its projects, milestones and risks
//! as three sheets of one file (项目, 里程碑, 风险), found by name, or by `--sheet` when
//! they are named otherwise.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

use super::headers::normalize;
use super::Options;

/// A part of a portfolio workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Projects,
    Milestones,
    Risks,
}

impl Part {
    const ALL: [Part; 3] = [Part::Projects, Part::Milestones, Part::Risks];

    /// The sheet names a part is found by, and its name in `--sheet PART=NAME` first.
    fn names(self) -> &'static [&'static str] {
        match self {
            Part::Projects => &["projects", "项目", "项目清单", "项目列表", "project list"],
            Part::Milestones => &["milestones", "里程碑", "里程碑计划", "milestone plan"],
            Part::Risks => &["risks", "风险", "风险登记册", "风险清单", "risk register"],
        }
    }

    fn is(self, name: &str) -> bool {
        self.names().iter().any(|n| normalize(n) == normalize(name))
    }
}

/// The sheets `--sheet` names, by part; a bare `--sheet NAME` is the command's own part.
#[derive(Debug, Default)]
pub(super) struct Chosen {
    sheets: Vec<(Part, String)>,
}

impl Chosen {
    pub fn parse(args: &[String], own: Part) -> Result<Chosen, Diagnostic> {
        let mut chosen = Chosen::default();
        for arg in args {
            let (part, name) = match arg.split_once('=') {
                Some((part, name)) => match Part::ALL.iter().find(|p| p.is(part)) {
                    Some(p) => (*p, name.trim()),
                    None => {
                        return Err(Diagnostic::error(Problem::Content(t!(
                            "`--sheet {arg}` names no part of the workbook",
                            arg = arg.as_str()
                        )))
                        .in_file(Path::new("--sheet"))
                        .with_help(t!(
                            "write --sheet projects=NAME, --sheet milestones=NAME or --sheet risks=NAME"
                        )))
                    }
                },
                None => (own, arg.trim()),
            };
            chosen.sheets.push((part, name.to_string()));
        }
        Ok(chosen)
    }

    /// The options reading `part` of the workbook `sheets` (its sheets' names): the sheet
    /// `--sheet` names, else the one named as the part is, else (for the command's own
    /// part) the first with a header among those no other part reads. `None` when a
    /// part other than the command's own has no sheet.
    pub fn options(
        &self,
        base: &Options,
        sheets: &[String],
        part: Part,
        own: bool,
    ) -> Option<Options> {
        // A CSV file is one table: the command's own part, never another's as well.
        if sheets.is_empty() && !own {
            return None;
        }
        let given = self
            .sheets
            .iter()
            .find(|(p, _)| *p == part)
            .map(|(_, n)| n.clone());
        let sheet = given.or_else(|| sheets.iter().find(|s| part.is(s)).cloned());
        if sheet.is_none() && !own {
            return None;
        }
        let mut skip: Vec<String> = sheets
            .iter()
            .filter(|s| Part::ALL.iter().any(|p| *p != part && p.is(s)))
            .cloned()
            .collect();
        skip.extend(
            self.sheets
                .iter()
                .filter(|(p, _)| *p != part)
                .map(|(_, n)| n.clone()),
        );
        Some(Options {
            file: base.file.clone(),
            maps: if own { base.maps.clone() } else { Vec::new() },
            dry_run: base.dry_run,
            sheets: Vec::new(),
            sheet,
            skip_sheets: skip,
            date_order: base.date_order,
        })
    }
}

/// The names of a workbook's sheets (none for a CSV file, or one that cannot be read:
/// reading it again tells why).
pub(super) fn sheet_names(file: &Path) -> Vec<String> {
    let workbook = file
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| !e.eq_ignore_ascii_case("csv"));
    if !workbook || !file.is_file() {
        return Vec::new();
    }
    crate::data::read::read_rows(file, file)
        .map(|tables| tables.into_iter().map(|t| t.table.name).collect())
        .unwrap_or_default()
}
