//! Which front matter field or body section each column of a register fills.
//!
//! Registers kept by hand name their columns in many ways (`根本原因`, `Root cause`,
//! `原因分析`); the built-in synonyms cover the common ones and `--map` the rest.

use crate::data::table::{Cell, Table};
use crate::diagnostics::{Diagnostic, Problem};
use crate::messages::Text;
use crate::slugs::fold_full_width;
use crate::suggest::did_you_mean;
use crate::t;

/// What a column becomes in the lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Id,
    Title,
    Date,
    Project,
    Phase,
    Category,
    Impact,
    Severity,
    Status,
    Owner,
    Tags,
    Summary,
    Background,
    RootCause,
    Recommendation,
    Actions,
}

/// Each field with its name (as `--map` and front matter write it) and the header
/// synonyms it is found by, compared after [`normalize`].
const FIELDS: &[(Field, &str, &[&str])] = &[
    (
        Field::Id,
        "id",
        &[
            "编号",
            "经验编号",
            "教训编号",
            "登记号",
            "lessonid",
            "ref",
            "reference",
        ],
    ),
    (
        Field::Title,
        "title",
        &[
            "标题",
            "名称",
            "主题",
            "经验教训",
            "经验教训标题",
            "教训",
            "lesson",
            "lessontitle",
            "name",
            "subject",
        ],
    ),
    (
        Field::Date,
        "date",
        &[
            "日期",
            "登记日期",
            "记录日期",
            "提出日期",
            "发现日期",
            "dateraised",
            "daterecorded",
            "recorded",
        ],
    ),
    (
        Field::Project,
        "project",
        &[
            "项目",
            "项目名称",
            "所属项目",
            "项目编号",
            "项目代码",
            "projectname",
            "projectcode",
        ],
    ),
    (
        Field::Phase,
        "phase",
        &["阶段", "项目阶段", "所处阶段", "stage", "projectphase"],
    ),
    (
        Field::Category,
        "category",
        &[
            "类别",
            "分类",
            "类型",
            "知识领域",
            "type",
            "area",
            "knowledgearea",
        ],
    ),
    (
        Field::Impact,
        "impact",
        &[
            "影响",
            "影响类型",
            "正负面",
            "性质",
            "impacttype",
            "positivenegative",
        ],
    ),
    (
        Field::Severity,
        "severity",
        &[
            "严重程度",
            "严重性",
            "影响程度",
            "等级",
            "级别",
            "优先级",
            "priority",
            "rating",
        ],
    ),
    (
        Field::Status,
        "status",
        &["状态", "处理状态", "当前状态", "state"],
    ),
    (
        Field::Owner,
        "owner",
        &["负责人", "责任人", "跟进人", "responsible", "assignedto"],
    ),
    (
        Field::Tags,
        "tags",
        &["标签", "关键词", "关键字", "tag", "keywords"],
    ),
    (Field::Summary, "summary", &["摘要", "概要", "简述"]),
    (
        Field::Background,
        "background",
        &[
            "描述",
            "背景",
            "描述背景",
            "背景描述",
            "问题描述",
            "情况描述",
            "事件描述",
            "发生了什么",
            "description",
            "whathappened",
            "details",
        ],
    ),
    (
        Field::RootCause,
        "root_cause",
        &[
            "根因",
            "根本原因",
            "原因",
            "原因分析",
            "根因分析",
            "rootcause",
            "cause",
            "causes",
        ],
    ),
    (
        Field::Recommendation,
        "recommendation",
        &[
            "建议",
            "改进建议",
            "建议措施",
            "改进措施",
            "recommendations",
            "suggestion",
        ],
    ),
    (
        Field::Actions,
        "actions",
        &[
            "行动项",
            "行动",
            "后续行动",
            "跟进措施",
            "行动计划",
            "action",
            "actionitems",
            "followup",
            "followupactions",
        ],
    ),
];

impl FieldSet for Field {
    const FIELDS: &'static [(Self, &'static str, &'static [&'static str])] = FIELDS;
}

/// The columns one kind of import reads: each field with its name (as `--map` and the
/// front matter write it) and the header synonyms it is found by. The lessons' and the
/// projects' share the header search, `--map` and the column warnings, but not their
/// names: `项目名称` is a lesson's project and a project's title.
pub trait FieldSet: Copy + Eq + Ord + std::fmt::Debug + 'static {
    const FIELDS: &'static [(Self, &'static str, &'static [&'static str])];
    /// Fields holding amounts: a header naming one with its unit after it (`预算（元）`,
    /// `BAC (CNY)`, `预算（万元）`) is still that field, for the import to read the unit.
    const AMOUNTS: &'static [Self] = &[];

    fn name(self) -> &'static str {
        Self::FIELDS
            .iter()
            .find(|(f, ..)| *f == self)
            .map_or("", |(_, name, _)| name)
    }

    /// The field a header (or a `--map` target) names, by field name or synonym.
    fn of_header(header: &str) -> Option<Self> {
        let exact = |header: &str| {
            let key = normalize(header);
            if key.is_empty() {
                return None;
            }
            Self::FIELDS.iter().find_map(|(field, name, synonyms)| {
                (normalize(name) == key || synonyms.iter().any(|s| normalize(s) == key))
                    .then_some(*field)
            })
        };
        exact(header).or_else(|| {
            let (base, _) = crate::units::unit_of(header)?;
            exact(base).filter(|f| Self::AMOUNTS.contains(f))
        })
    }

    fn names() -> Vec<&'static str> {
        Self::FIELDS.iter().map(|(_, name, _)| *name).collect()
    }

    /// The header names closest to `header`, for "did you mean": the field's name or
    /// synonym a header one slip away stands for, with that field.
    fn near(header: &str) -> Option<(&'static str, Self)> {
        // `序号` is a character off `编号`, but a list's running number is no code:
        // read as one, every project's code would be 1, 2, 3.
        if is_row_number(header) {
            return None;
        }
        let words: Vec<&'static str> = Self::FIELDS
            .iter()
            .flat_map(|(_, name, synonyms)| std::iter::once(*name).chain(synonyms.iter().copied()))
            .collect();
        let word = did_you_mean(header.trim(), &words)?;
        let field = Self::FIELDS
            .iter()
            .find(|(_, name, synonyms)| *name == word || synonyms.contains(&word))?
            .0;
        Some((word, field))
    }
}

/// Case, width, spaces and punctuation left out: `Root Cause`, `root_cause` and
/// `ＲＯＯＴ ＣＡＵＳＥ` are one header.
pub fn normalize(text: &str) -> String {
    text.chars()
        .map(fold_full_width)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A column that numbers the list's rows (`序号`, `No.`), as Chinese lists in Excel
/// and WPS begin: no field of a page, and no near miss of one.
pub fn is_row_number(header: &str) -> bool {
    header.trim() == "#"
        || matches!(
            normalize(header).as_str(),
            "序号" | "行号" | "no" | "nr" | "sn" | "sno" | "rowno"
        )
}

/// `--map 列名=field`, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping<F> {
    pub column: String,
    pub field: F,
}

/// Reads one `--map` argument; a field that does not exist is named with the closest.
pub fn parse_map<F: FieldSet>(arg: &str) -> Result<Mapping<F>, Diagnostic> {
    let fail = |message: Text, help: Text| {
        Diagnostic::error(Problem::Content(message))
            .in_file(std::path::Path::new("--map"))
            .with_help(help)
    };
    let fields = F::names().join(", ");
    let Some((column, field)) = arg.rsplit_once('=') else {
        return Err(fail(
            t!("`--map {arg}` names no field", arg = arg),
            t!(
                "write --map COLUMN=FIELD, e.g. --map \"Key learning=recommendation\"; the fields are {fields}",
                fields = &fields
            ),
        ));
    };
    let column = column.trim();
    if normalize(column).is_empty() {
        return Err(fail(
            t!("`--map {arg}` names no column", arg = arg),
            t!("write the column's header before the `=`, e.g. --map \"Key learning=recommendation\""),
        ));
    }
    match F::of_header(field) {
        Some(field) => Ok(Mapping {
            column: column.to_string(),
            field,
        }),
        None => {
            let help = match did_you_mean(field.trim(), &F::names()) {
                Some(close) => t!(
                    "did you mean `{close}`? The fields are {fields}",
                    close = close,
                    fields = &fields
                ),
                None => t!("the fields are {fields}", fields = &fields),
            };
            Err(fail(
                t!(
                    "`--map {arg}`: there is no field `{field}`",
                    arg = arg,
                    field = field.trim()
                ),
                help,
            ))
        }
    }
}

/// The field of a header cell: a `--map` for it wins over the synonyms.
pub fn field_of<F: FieldSet>(header: &str, maps: &[Mapping<F>]) -> Option<F> {
    let key = normalize(header);
    if key.is_empty() {
        return None;
    }
    maps.iter()
        .rev()
        .find(|m| normalize(&m.column) == key)
        .map(|m| m.field)
        .or_else(|| F::of_header(header))
}

/// The fewest distinct fields a row must name to be taken for the header: a title row
/// or a note above the table names one at most.
pub const HEADER_MIN_FIELDS: usize = 3;

/// The header found in a table of raw rows: where it is, each column's field (the
/// first column naming a field keeps it) and each column's name.
#[derive(Debug, Clone, PartialEq)]
pub struct Header<F> {
    /// Its first row.
    pub row: usize,
    /// Its rows: 2 when headings are grouped (`分析与改进` over `根因`, `建议`) and the
    /// ungrouped ones are merged down over both rows.
    pub rows: usize,
    pub fields: Vec<Option<F>>,
    pub names: Vec<String>,
}

/// The first row naming at least [`HEADER_MIN_FIELDS`] fields, with the row under it
/// when that row holds only headings (the second row of a two-level header).
pub fn find_header<F: FieldSet>(table: &Table, maps: &[Mapping<F>]) -> Option<Header<F>> {
    let fields_of = |cells: &[Cell]| -> Vec<Option<F>> {
        cells
            .iter()
            .map(|cell| match cell {
                Cell::Text(text) => field_of(text, maps),
                _ => None,
            })
            .collect()
    };
    let row = table.rows.iter().position(|cells| {
        let mut distinct: Vec<F> = fields_of(cells).into_iter().flatten().collect();
        distinct.sort();
        distinct.dedup();
        distinct.len() >= HEADER_MIN_FIELDS
    })?;
    let top = &table.rows[row];
    let mut fields = fields_of(top);
    let mut names: Vec<String> = top.iter().map(Cell::display).collect();
    let below = table
        .rows
        .get(row + 1)
        .map(|cells| (cells, fields_of(cells)));
    let mut rows = 1;
    if let Some((cells, below_fields)) = below {
        let only_headings = cells
            .iter()
            .zip(&below_fields)
            .all(|(cell, field)| *cell == Cell::Empty || field.is_some());
        let fills_gaps = below_fields
            .iter()
            .enumerate()
            .any(|(col, f)| f.is_some() && fields.get(col).copied().flatten().is_none());
        if only_headings && fills_gaps {
            rows = 2;
            for (col, field) in below_fields.into_iter().enumerate() {
                if field.is_some() && fields.get(col).copied().flatten().is_none() {
                    if col >= fields.len() {
                        fields.resize(col + 1, None);
                        names.resize(col + 1, String::new());
                    }
                    fields[col] = field;
                    names[col] = cells[col].display();
                }
            }
        }
    }
    // A field named twice is filled by its first column.
    let mut seen = Vec::new();
    for field in &mut fields {
        if let Some(f) = *field {
            if seen.contains(&f) {
                *field = None;
            } else {
                seen.push(f);
            }
        }
    }
    Some(Header {
        row,
        rows,
        fields,
        names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_running_number_is_no_near_miss_of_a_code() {
        assert!(is_row_number("序号") && is_row_number(" No. ") && is_row_number("#"));
        assert!(!is_row_number("编号") && !is_row_number("") && !is_row_number("项目序号说明"));
    }
    use std::path::Path;
    use std::sync::Arc;

    fn table(rows: &[&[&str]]) -> Table {
        let rows: Vec<Vec<Cell>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| match *c {
                        "" => Cell::Empty,
                        c => Cell::Text(c.to_string()),
                    })
                    .collect()
            })
            .collect();
        let places = rows.iter().map(|_| Vec::new()).collect();
        Table::from_text(
            "t",
            Path::new("t.csv"),
            &Arc::from(""),
            Vec::new(),
            rows,
            places,
        )
    }

    #[test]
    fn chinese_and_english_headers_name_the_same_fields() {
        assert_eq!(Field::of_header("编号"), Some(Field::Id));
        assert_eq!(Field::of_header(" ID "), Some(Field::Id));
        assert_eq!(Field::of_header("Root Cause"), Some(Field::RootCause));
        assert_eq!(Field::of_header("根本原因"), Some(Field::RootCause));
        assert_eq!(Field::of_header("描述/背景"), Some(Field::Background));
        assert_eq!(Field::of_header("严重程度"), Some(Field::Severity));
        assert_eq!(Field::of_header("行动项"), Some(Field::Actions));
        assert_eq!(Field::of_header("ＴＩＴＬＥ"), Some(Field::Title));
        assert_eq!(Field::of_header("备注"), None);
        assert_eq!(Field::of_header(""), None);
    }

    #[test]
    fn a_map_wins_over_the_synonyms_and_names_fields_by_name_or_synonym() {
        let maps: [Mapping<Field>; 2] = [
            parse_map("经验=recommendation").unwrap(),
            parse_map("类型=标签").unwrap(),
        ];
        assert_eq!(field_of("经验", &maps), Some(Field::Recommendation));
        assert_eq!(field_of("类型", &maps), Some(Field::Tags));
        assert_eq!(field_of("类别", &maps), Some(Field::Category));
        let e = parse_map::<Field>("经验=recomendation")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no field `recomendation`"), "{e}");
        assert!(parse_map::<Field>("no-equals").is_err());
        assert!(parse_map::<Field>("=title").is_err());
    }

    #[test]
    fn the_header_is_the_first_row_naming_three_fields() {
        let t = table(&[
            &["2024 年经验教训登记册", "", "", ""],
            &["基本信息", "", "分析", ""],
            &["编号", "标题", "标题", "备注"],
            &["编号", "标题", "日期", "备注"],
            &["LL-1", "x", "2024-03-18", ""],
        ]);
        let header = find_header::<Field>(&t, &[]).unwrap();
        assert_eq!((header.row, header.rows), (3, 1));
        assert_eq!(
            header.fields,
            [Some(Field::Id), Some(Field::Title), Some(Field::Date), None]
        );
        assert_eq!(find_header::<Field>(&table(&[&["a", "b", "c"]]), &[]), None);
    }

    #[test]
    fn a_two_level_header_takes_the_headings_under_its_groups() {
        // 编号, 标题, 日期 merged down over two rows; 根因 and 建议 under 分析.
        let t = table(&[
            &["编号", "标题", "日期", "分析", ""],
            &["", "", "", "根因", "建议"],
            &["LL-1", "x", "2024-03-18", "a", "b"],
        ]);
        let header = find_header::<Field>(&t, &[]).unwrap();
        assert_eq!((header.row, header.rows), (0, 2));
        assert_eq!(
            header.fields,
            [
                Some(Field::Id),
                Some(Field::Title),
                Some(Field::Date),
                Some(Field::RootCause),
                Some(Field::Recommendation)
            ]
        );
        assert_eq!(header.names[3], "根因");
        // A first data row is not taken for headings.
        let t = table(&[
            &["编号", "标题", "日期", "描述"],
            &["LL-1", "x", "2024-03-18", ""],
        ]);
        assert_eq!(find_header::<Field>(&t, &[]).unwrap().rows, 1);
    }
}
