//! serde's error messages turned into problems with a fix.

use std::path::Path;
use std::sync::Arc;

use super::explain::date_help;
use crate::content::schema::Fields;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::suggest::did_you_mean;
use crate::t;

/// The field of a `kind` that `field`, an unknown one, is another word for: `budget:`
/// in a project got no "did you mean `bac`" (the eighth walk-through), being too far
/// from it in letters, and a field's Chinese name (`标题:`, `项目经理:`, as a first-time
/// author writes them) none at all (the seventh new-user walk-through). `*` is any kind;
/// a word is taken only for a field its kind has.
pub(super) fn synonym(kind: &str, field: &str) -> Option<&'static str> {
    const SYNONYMS: &[(&str, &str, &[&str])] = &[
        (
            "project",
            "bac",
            &[
                "budget",
                "total_budget",
                "total-budget",
                "totalbudget",
                "budget_at_completion",
                "approved_budget",
                "预算",
                "总预算",
                "预算金额",
                "完工预算",
            ],
        ),
        ("project", "code", &["编号", "项目编号", "项目代码"]),
        ("project", "manager", &["项目经理", "经理"]),
        ("project", "department", &["部门", "所属部门", "承担部门"]),
        ("project", "sponsor", &["发起人", "项目发起人"]),
        (
            "project",
            "start",
            &["开始", "开始日期", "立项日期", "计划开始日期"],
        ),
        (
            "project",
            "finish",
            &["结束", "结束日期", "完成日期", "计划完成日期"],
        ),
        ("project", "currency", &["币种", "货币"]),
        ("lesson", "id", &["编号", "经验编号"]),
        ("review", "type", &["类型", "评审类型"]),
        ("*", "title", &["标题", "名称", "题目"]),
        ("*", "date", &["日期"]),
        ("*", "project", &["项目", "所属项目"]),
        ("*", "phase", &["阶段", "项目阶段"]),
        ("*", "impact", &["影响"]),
        ("*", "severity", &["严重程度"]),
        ("*", "status", &["状态"]),
        ("*", "category", &["类别", "分类"]),
        ("*", "tags", &["标签", "关键词"]),
        // `author` is Hugo's name, as notes moved in from Hugo write it (the eighth
        // walk-through); Hugo's `description` is read as the summary itself.
        ("*", "owner", &["负责人", "责任人", "author"]),
        ("*", "summary", &["摘要", "概要"]),
        ("*", "weight", &["权重", "排序"]),
        ("*", "draft", &["草稿"]),
    ];
    let folded = field.trim().to_lowercase();
    SYNONYMS
        .iter()
        .find(|(k, _, words)| (*k == kind || *k == "*") && words.contains(&folded.as_str()))
        .map(|(_, meant, _)| *meant)
}

/// Turns serde's messages into problems with a fix: unknown fields get a "did you mean",
/// missing fields name themselves, bad enum values list the allowed ones.
pub(super) fn classify(
    path: &Path,
    text: &Arc<str>,
    offset: usize,
    message: &str,
    kind: &'static str,
    fields: &Fields,
) -> Diagnostic {
    let known: Vec<&str> = fields.known.iter().map(String::as_str).collect();
    if let Some(field) = between(message, "unknown field `", "`") {
        // A field of a nested mapping (an action of a lesson): serde lists the fields
        // allowed there, which are not the kind's.
        let expected = message
            .split_once("expected ")
            .map_or_else(Vec::new, |(_, list)| listed(list));
        if !expected.is_empty() && expected.iter().any(|f| !known.contains(f)) {
            let help = match did_you_mean(field, &expected) {
                Some(s) => t!(
                    "did you mean `{s}`? (the fields allowed here are: {fields})",
                    s = s,
                    fields = expected.join(", ")
                ),
                None => t!(
                    "the fields allowed here are: {fields}",
                    fields = expected.join(", ")
                ),
            };
            return Diagnostic::error(Problem::UnknownField {
                field: field.to_string(),
                kind,
            })
            .at(Location::new(path, text, offset, field.len()))
            .with_help(help);
        }
        let meant = synonym(kind, field)
            .filter(|s| known.contains(s))
            .or_else(|| did_you_mean(field, &known));
        let help = match meant {
            _ if field == "draft" && kind == "section" => {
                t!("a section's _index.md cannot be a draft (its pages would lose their index): mark the pages in it `draft: true` instead")
            }
            // Hugo's `categories` is a list; pmo's `category` one text, and the list
            // moved over as told (`category = ["Governance"]`) was refused again.
            Some("category") if field.eq_ignore_ascii_case("categories") => t!(
                "write `category`, one category as text, not a list: `category: Governance` (or `category = \"Governance\"` between +++ lines); more words go in `tags`"
            ),
            // Hugo's own address fields: pmo's address is the file's path.
            _ if matches!(field, "slug" | "url") => t!(
                "pmo makes a page's address from its file's path (`content/lessons/vendor-delay.md` is at `/lessons/vendor-delay/`): rename the file to the address wanted, delete this line, and list an old address under `aliases:` so links to it keep working"
            ),
            // Hugo orders lists by weight; the lessons' register is by date, sorted by
            // its reader, so a weight would be ignored while seeming to order.
            _ if field == "weight" && kind == "lesson" => t!(
                "the lessons' register lists lessons newest first by `date`, and its reader sorts it by any column: a lesson takes no `weight` (only practices and sections do); delete the line"
            ),
            _ if field == "lastmod" => t!(
                "pmo keeps no last-modified date: delete the line (a practice's `date` is when it was last reviewed: move the value there if that is what it meant)"
            ),
            Some(s) => t!(
                "did you mean `{s}`? (the fields of a {kind} are: {fields})",
                s = s,
                kind = crate::messages::kind_name(kind),
                fields = known.join(", ")
            ),
            None => t!(
                "the fields of a {kind} are: {fields}",
                kind = crate::messages::kind_name(kind),
                fields = known.join(", ")
            ),
        };
        return Diagnostic::error(Problem::UnknownField {
            field: field.to_string(),
            kind,
        })
        .at(Location::new(path, text, offset, field.len()))
        .with_help(help);
    }
    if let Some(field) = between(message, "missing field `", "`") {
        return Diagnostic::error(Problem::MissingField {
            field: field.to_string(),
            kind,
        })
        .at(Location::new(path, text, offset, 0))
        .with_help(match fields.values(field) {
            Some(words) if !words.is_empty() => t!(
                "add `{field}:` to the front matter, with one of: {values}",
                field = field,
                values = words.join(", ")
            ),
            _ => t!("add `{field}:` to the front matter", field = field),
        });
    }
    if message == "recursion limit exceeded" {
        return nested_too_deep(path, text, offset);
    }
    // A date's own message is made again from its value, so that it can be translated
    // (serde passes it on as English text); `as_of` reads a month as well as a day.
    let as_of = crate::syntax::line_at(text, offset)
        .trim_start()
        .strip_prefix("as_of")
        .is_some_and(|rest| rest.trim_start().starts_with([':', '=']));
    let parse = match as_of {
        true => crate::date::AsOf::parse,
        false => crate::content::schema::Date::parse,
    };
    let detail = message
        .find("` is not a date")
        .and_then(|end| {
            message[..end]
                .rfind('`')
                .map(|start| &message[start + 1..end])
        })
        .and_then(|value| parse(value).err())
        .unwrap_or_else(|| crate::messages::library(message));
    let mut diagnostic = Diagnostic::error(Problem::FrontMatter(detail)).at(Location::new(
        path,
        text,
        offset,
        value_width(text, offset),
    ));
    if let Some(variant) = between(message, "unknown variant `", "`") {
        let options = listed(message.split("expected ").nth(1).unwrap_or(""));
        // A value written as the portal shows it (`phase: 执行`): the word to write.
        let named = crate::theme::words_shown_as(variant, &options);
        // `status: "closed "`: quotes keep a space YAML would drop, and the value was
        // told to be how the portal shows `closed`.
        let spaced: Option<&str> = options
            .iter()
            .copied()
            .find(|o| variant != variant.trim() && o.eq_ignore_ascii_case(variant.trim()));
        diagnostic = diagnostic.with_help(match (did_you_mean(variant, &options), &named[..]) {
            _ if spaced.is_some() => t!(
                "`{variant}` has a space before or after the word, which the quotes keep: write `{s}` (allowed: {options})",
                variant = variant,
                s = spaced.unwrap_or_default(),
                options = options.join(", ")
            ),
            (_, [one]) => t!(
                "`{variant}` is how the portal shows `{s}`: write `{s}` (allowed: {options})",
                variant = variant,
                s = *one,
                options = options.join(", ")
            ),
            (Some(s), _) => t!(
                "did you mean `{s}`? allowed: {options}",
                s = s,
                options = options.join(", ")
            ),
            (None, _) => t!("allowed values: {options}", options = options.join(", ")),
        });
    } else if as_of && message.contains("not a date") && message.contains("write it as") {
        diagnostic = diagnostic.with_help(t!(
            "write the day the page's figures are as of as YYYY-MM-DD (`as_of: 2026-11-30`), or a month as YYYY-MM for its last day (`as_of: 2026-11`)"
        ));
    } else if message.contains("not a date") && message.contains("write it as") {
        diagnostic = diagnostic.with_help(date_help(between(message, "`", "`").unwrap_or("")));
    } else if message.contains("not a date") {
        diagnostic = diagnostic.with_help(t!(
            "the format is right but no such day exists: check the month and the day"
        ));
    } else if message.contains("write the day meant as YYYY-MM-DD")
        || message.contains("write it as YYYY-MM-DD")
        || message.contains("is typed with full-width digits: write it half-width")
    {
        // The message gives the day already (`24/03/2024` would be 2024-03-24): the
        // help says why the way it was written is not read.
        diagnostic = diagnostic.with_help(t!(
            "front matter dates are written year first in half-width digits, YYYY-MM-DD: a day written the other way round reads as two days (03/04/2024 is 3 April in Europe, March 4 in the US)"
        ));
    } else if message.starts_with("non-finite float")
        || message == "floating-point number overflowed"
    {
        // The reader's words name the value, not the field: `bac: 1e400` is told as
        // `bac` out of range, `bac: .nan` as no figure.
        let line = crate::syntax::line_at(text, offset);
        if let Some((field, value)) = line.split_once(':') {
            let (field, value) = (
                field.trim(),
                value.split(" #").next().unwrap_or(value).trim(),
            );
            if fields.shape(field) == crate::content::fields::Shape::Date {
                // `date: .inf` was told as "not a figure", with help on writing numbers.
                diagnostic.problem = Problem::FrontMatter(t!(
                    "`{field}` takes a date, not `{value}`",
                    field = field,
                    value = value
                ));
                return diagnostic.with_help(date_help(value));
            }
            let why = crate::numbers::not_a_figure(value)
                .unwrap_or(crate::numbers::NotAFigure::NotANumber);
            diagnostic.problem =
                Problem::FrontMatter(super::explain::not_a_figure_problem(field, value, why));
        }
        diagnostic = diagnostic.with_help(t!(
            "write the number as digits (`1200000`); `.nan`, `.inf` and exponents past e308 are no figures, and a text is written in quotes"
        ));
    } else if message.contains("invalid boolean") {
        // The reader's "strict mode expects true/false" names its setting, not the field.
        let line = crate::syntax::line_at(text, offset);
        if let Some((field, value)) = line.split_once(':') {
            diagnostic.problem = Problem::FrontMatter(t!(
                "`{field}` takes true or false, not `{value}`",
                field = field.trim(),
                value = value.split(" #").next().unwrap_or(value).trim()
            ));
        }
        diagnostic = diagnostic.with_help(t!("write `true` or `false`: YAML 1.1 words such as yes, no, on and off are not read as booleans here, as they surprise too often"));
    }
    diagnostic
}

/// Lists or fields nested past the YAML reader's limit: its own words name neither the
/// field nor a way out. No front matter field nests past a list of fields (a lesson's
/// `actions`), so the value is flattened, or its data kept in a table under `data/`.
fn nested_too_deep(path: &Path, text: &Arc<str>, offset: usize) -> Diagnostic {
    // The top-level field the value is under, not the nested key the reader stopped at.
    let field = super::field_block(text, offset).map(|(field, _)| field);
    let problem = match field {
        Some(field) => t!(
            "`{field}` is nested too deeply: the YAML reader stops at {max} levels of lists and fields",
            field = field,
            max = NESTING_LIMIT
        ),
        None => t!(
            "the front matter is nested too deeply: the YAML reader stops at {max} levels of lists and fields",
            max = NESTING_LIMIT
        ),
    };
    Diagnostic::error(Problem::FrontMatter(problem))
        .at(Location::new(path, text, offset, 1))
        .with_help(t!("flatten the value: a field holds a text, a number, a date or a list of them (`tags: [procurement, contracts]`), and a lesson's `actions` a list of fields; no field takes lists within lists. Keep deeper data in a table under `data/`"))
}

/// How deep the YAML reader (granit-parser, under serde-saphyr) nests lists and
/// mappings before it gives up: its `flow_nesting_limit` and `block_nesting_limit`.
const NESTING_LIMIT: usize = 255;

/// The names serde lists after "expected" (`one of a, b or c`, with or without
/// backquotes).
fn listed(allowed: &str) -> Vec<&str> {
    let allowed = allowed.strip_prefix("one of ").unwrap_or(allowed);
    allowed
        .split([',', ' '])
        .map(|s| s.trim_matches('`'))
        .filter(|s| !s.is_empty() && *s != "or")
        .collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// The width of the value written at `offset` (to the end of its line, before a comment),
/// to underline all of `2024-13-01` rather than its first character; at least 1.
fn value_width(text: &str, offset: usize) -> usize {
    let line = text
        .get(offset..)
        .and_then(|rest| rest.split('\n').next())
        .unwrap_or("");
    let value = line.split(" #").next().unwrap_or("").trim_end();
    value.len().max(1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_value_is_underlined_whole_without_its_comment() {
        let text = "date: 2024-13-01   # 必填\nx: 1";
        assert_eq!(super::value_width(text, 6), "2024-13-01".len());
        assert_eq!(super::value_width("a: \n", 3), 1);
        assert_eq!(super::value_width("a: 1", 99), 1);
    }
}
