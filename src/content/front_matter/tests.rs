use super::*;
use crate::content::schema::{LessonMeta, PageMeta, ProjectMeta, ReviewMeta};

mod fences;

fn parse_str<T: DeserializeOwned + schemars::JsonSchema>(
    text: &str,
    kind: &'static str,
) -> Result<T, Diagnostic> {
    parse_all(text, kind).map_err(|mut all| all.remove(0))
}

fn parse_all<T: DeserializeOwned + schemars::JsonSchema>(
    text: &str,
    kind: &'static str,
) -> Result<T, Vec<Diagnostic>> {
    let text: Arc<str> = Arc::from(text);
    let path = Path::new("a.md");
    let s = split(path, &text).map_err(|d| vec![d])?;
    parse(path, &text, &s, kind)
}

#[test]
fn several_names_where_one_text_goes_are_shown_as_one() {
    let text = "---\ntitle: x\ndate: 2024-03-18\nproject: erp\nphase: closing\nimpact: positive\nowner: [张三, 李四]\n---\n";
    let d = parse_str::<LessonMeta>(text, "lesson").unwrap_err();
    let help = d.help.map(|h| h.to_string()).unwrap_or_default();
    assert!(help.contains("`owner: 张三、李四`"), "{help}");
}

/// `status: [1, 2]` was told in saphyr's words, "externally tagged enum expected
/// scalar or mapping", in English and without help.
#[test]
fn a_list_where_one_word_of_a_set_goes_is_told_the_words() {
    let text = "---\ntitle: x\ndate: 2024-03-18\nproject: erp\nphase: closing\nimpact: positive\nstatus: [1, 2]\n---\n";
    let d = parse_str::<LessonMeta>(text, "lesson").unwrap_err();
    let told = d.to_string();
    assert!(told.contains("a.md:7:"), "{told}");
    assert!(!told.contains("externally tagged"), "{told}");
    let help = d.help.map(|h| h.to_string()).unwrap_or_default();
    assert!(help.contains("`status: open`"), "{help}");
}

#[test]
fn a_date_typed_another_way_is_told_the_day_it_would_be() {
    for (date, day) in [
        ("2024-3-5", "2024-03-05"),
        ("2024/03/05", "2024-03-05"),
        ("2024年3月5日", "2024-03-05"),
        ("20240305", "2024-03-05"),
    ] {
        let text = format!(
            "---\ntitle: x\ndate: {date}\nproject: erp\nphase: closing\nimpact: positive\n---\n"
        );
        let d = parse_str::<LessonMeta>(&text, "lesson").unwrap_err();
        let help = d.help.map(|h| h.to_string()).unwrap_or_default();
        assert!(
            help.contains(&format!("`{date}` would be {day}")),
            "{date}: {help}"
        );
    }
}

/// A day written year last (`24/03/2024`) or in full-width digits was told the day it
/// would be in the message, and had no help at all (the tenth malformed sweep).
#[test]
fn a_date_written_year_last_or_full_width_has_a_help() {
    for date in ["24/03/2024", "03/04/2024", "２０２４-03-18"] {
        let text = format!(
            "---\ntitle: x\ndate: {date}\nproject: erp\nphase: closing\nimpact: positive\n---\n"
        );
        let d = parse_str::<LessonMeta>(&text, "lesson").unwrap_err();
        let help = d.help.map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains("YYYY-MM-DD"), "{date}: {help}");
    }
}

#[test]
fn a_list_of_items_written_as_a_word_or_a_list_of_words_is_shown_its_shape() {
    for actions in ["actions: 补签合同\n", "actions:\n  - 补签合同\n"] {
        let text = format!(
            "---\ntitle: x\ndate: 2024-03-18\nproject: erp\nphase: closing\nimpact: positive\n{actions}---\n"
        );
        let d = parse_str::<LessonMeta>(&text, "lesson").unwrap_err();
        assert!(
            d.to_string().contains("`actions` takes a list of items"),
            "{actions}: {d}"
        );
        let help = d.help.map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains("- what: …"), "{help}");
    }
}

/// Malformed hunt 8: an item written on one line was told "`actions` takes a list of
/// items", and to write it on lines of its own, which changed nothing.
#[test]
fn a_wrong_field_of_an_item_on_one_line_is_told_by_that_field() {
    for (due, told) in [("2024", "would be"), ("45356", "2024-03-05")] {
        let text = format!(
            "---\ntitle: x\ndate: 2024-03-18\nproject: erp\nphase: closing\nimpact: positive\n\
             actions: [{{what: 补签合同, owner: 张三, due: {due}}}]\n---\n"
        );
        let d = parse_str::<LessonMeta>(&text, "lesson").unwrap_err();
        assert!(d.to_string().contains("`due` takes a date"), "{due}: {d}");
        let help = d.help.map(|h| h.to_string()).unwrap_or_default();
        assert!(
            help.contains(told) || help.contains("YYYY-MM-DD"),
            "{due}: {help}"
        );
    }
}

#[test]
fn every_mistake_of_a_front_matter_is_reported_at_once() {
    let text = "---\ntitle: 供应商延期\ndate: 2024-13-18\nproject: erp\nphase: executon\n\
                impact: bad\ncatgory: 采购\ntags:\n  - a\n  - {b: 1}\nseverity: 高\n---\n";
    let all = parse_all::<LessonMeta>(text, "lesson").unwrap_err();
    let places: Vec<String> = all.iter().filter_map(Diagnostic::position).collect();
    assert_eq!(
        places,
        [
            "a.md:3:7",
            "a.md:5:8",
            "a.md:6:9",
            "a.md:7:1",
            "a.md:10:5",
            "a.md:11:11"
        ],
        "{all:#?}"
    );
    // Blanked fields are not then reported missing; a field truly missing is.
    let text = "---\ntitle: x\ndate: 2024-13-18\nphase: closing\nimpact: positive\n---\n";
    let all = parse_all::<LessonMeta>(text, "lesson").unwrap_err();
    let messages: Vec<String> = all.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(
        messages[1].contains("missing required field `project`"),
        "{messages:#?}"
    );
    let toml = "+++\ntitle = 3\nweight = \"x\"\ndraft = \"no\"\n+++\n";
    let all = parse_all::<PageMeta>(toml, "page").unwrap_err();
    assert_eq!(all.len(), 3, "{all:#?}");
}

#[test]
fn front_matter_below_blank_lines_is_pointed_at() {
    let e = parse_str::<PageMeta>("\n\n---\ntitle: x\n---\n", "page").unwrap_err();
    assert!(e.to_string().contains("a.md:3:1"), "{e}");
    let help = e.help.unwrap().to_string();
    assert!(help.contains("first line"), "{help}");
}

#[test]
fn a_value_of_the_wrong_shape_is_told_in_words_with_an_example() {
    let lesson = |field: &str| {
        let text = format!(
            "---\ntitle: 标题\ndate: 2024-03-18\nproject: erp\nphase: execution\n\
             impact: negative\n{field}\n---\n"
        );
        let e = parse_str::<LessonMeta>(&text, "lesson").unwrap_err();
        (
            e.to_string(),
            e.help.map(|h| h.to_string()).unwrap_or_default(),
        )
    };
    let (message, help) = lesson("tags: RACI");
    assert!(
        message.contains("a.md:7:7: invalid front matter: `tags` takes a list"),
        "{message}"
    );
    assert!(help.contains("`tags: [RACI]`"), "{help}");
    let (message, help) = lesson("category: [a, b]");
    assert!(message.contains("`category` takes one text"), "{message}");
    assert!(help.contains("category:"), "{help}");
    let (message, _) = lesson("title: 重复");
    assert!(message.contains("`title` is written twice"), "{message}");
    assert!(!message.contains("DuplicateKeyPolicy"), "{message}");
    let e = parse_str::<PageMeta>("---\ntitle:\n---\n", "page").unwrap_err();
    assert!(e.to_string().contains("`title` takes one text"), "{e}");
    assert!(!e.to_string().contains("Option<String>"), "{e}");
    let project = "---\ntitle: x\nstatus: active\nbac: 60万\n---\n";
    let e = parse_str::<crate::content::schema::ProjectMeta>(project, "project").unwrap_err();
    assert!(e.to_string().contains("`bac` takes a plain number"), "{e}");
    assert!(e
        .help
        .unwrap()
        .to_string()
        .contains("`60万` would be 600000: write `bac: 600000`"));
    let project = "---\ntitle: x\nstatus: active\nbac: 1e400  # 太大\n---\n";
    let e = parse_str::<crate::content::schema::ProjectMeta>(project, "project").unwrap_err();
    assert!(
        e.to_string()
            .contains("`bac` is out of range: `1e400` is larger than any figure"),
        "{e}"
    );
}

/// A required field written with spaces before it (uncommenting `#   impact:` from
/// the scaffold) is named as indented, alone or after another mistake; it was a bare
/// "did not find expected key", or, after a wrong `phase`, "missing `impact`".
#[test]
fn an_indented_field_is_named_as_such() {
    let lesson = |phase: &str| {
        format!(
            "---\ntitle: 标题\ndate: 2024-03-18\nproject: erp\nphase: {phase}   # 必填\n\
             # category: 采购管理\n  impact: negative   # 必填\n---\n"
        )
    };
    let e = parse_all::<LessonMeta>(&lesson("execution"), "lesson").unwrap_err();
    assert_eq!(e.len(), 1, "{e:#?}");
    let message = e[0].to_string();
    assert!(message.contains("a.md:7:3"), "{message}");
    assert!(message.contains("`impact` is indented"), "{message}");
    assert!(
        e[0].help
            .as_ref()
            .unwrap()
            .to_string()
            .contains("remove the spaces before `impact:`"),
        "{:?}",
        e[0].help
    );
    let e = parse_all::<LessonMeta>(&lesson("执行"), "lesson").unwrap_err();
    let help = e[0].help.as_ref().unwrap().to_string();
    assert!(
        help.contains("`执行` is how the portal shows `execution`"),
        "{help}"
    );
    let all: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert!(all.iter().any(|m| m.contains("a.md:5:8")), "{all:#?}");
    assert!(
        all.iter()
            .any(|m| m.contains("a.md:7:3") && m.contains("`impact` is indented")),
        "{all:#?}"
    );
    assert!(!all.iter().any(|m| m.contains("missing")), "{all:#?}");
}

#[test]
fn a_full_width_colon_or_a_missing_space_gets_a_hint() {
    let text = "---\ntitle: 标题\nweight：3\n---\n";
    let e = parse_str::<PageMeta>(text, "page").unwrap_err();
    let help = e.help.as_ref().map(|h| h.to_string()).unwrap_or_default();
    assert!(help.contains("`weight: 3`"), "{e} / {help}");
    let text = "---\ntitle: 标题\nweight:3\n---\n";
    let e = parse_str::<PageMeta>(text, "page").unwrap_err();
    let help = e.help.as_ref().map(|h| h.to_string()).unwrap_or_default();
    assert!(help.contains("`weight: 3`"), "{e} / {help}");
}

#[test]
fn unknown_field_points_at_its_line_with_a_hint() {
    let e = parse_str::<PageMeta>("---\ntitle: 标题\ntitel: x\n---\n", "page").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("error: a.md:3:1: unknown field `titel`"),
        "{e}"
    );
    assert!(e.help.unwrap().to_string().contains("did you mean `title`"));
}

#[test]
fn bad_enum_value_lists_the_allowed_values() {
    let text = "---\ntitle: 供应商延期\ndate: 2024-03-18\nproject: erp\nphase: executon\nimpact: negative\n---\n";
    let e = parse_str::<LessonMeta>(text, "lesson").unwrap_err();
    assert!(e.to_string().contains("a.md:5:8"), "{e}");
    assert!(
        e.help
            .as_ref()
            .unwrap()
            .to_string()
            .contains("did you mean `execution`"),
        "{e} {:?}",
        e.help
    );
}

#[test]
fn bad_date_points_at_the_value() {
    let text = "---\ntitle: x\ndate: 2024-13-01\n---\n";
    let e = parse_str::<PageMeta>(text, "page").unwrap_err();
    assert!(e.to_string().contains("a.md:3:7"), "{e}");
    assert!(e.to_string().contains("not a date"), "{e}");
}

#[test]
fn toml_front_matter_reports_positions_in_the_file() {
    let text = "+++\ntitle = \"x\"\ndate = 2024-02-30\n+++\n";
    let e = parse_str::<PageMeta>(text, "page").unwrap_err();
    assert!(e.to_string().contains("a.md:3:"), "{e}");
    let ok: PageMeta = parse_str("+++\ntitle = \"x\"\ndate = 2024-02-03\n+++\n", "page").unwrap();
    assert_eq!(ok.date.unwrap().iso(), "2024-02-03");
}

#[test]
fn yaml_one_one_booleans_are_rejected() {
    let e = parse_str::<PageMeta>("---\ntitle: x\ndraft: yes\n---\n", "page").unwrap_err();
    assert!(e.to_string().contains("a.md:3:8"), "{e}");
}

#[test]
fn missing_title_is_named() {
    let e = parse_str::<PageMeta>("---\ntags: [a]\n---\n", "page").unwrap_err();
    assert!(matches!(e.problem, Problem::MissingField { .. }), "{e}");
}

/// `weight: 1e20` was told "takes a number", which it is: a weight past the largest
/// whole number, or with a fraction, is told so, with a weight that works.
#[test]
fn a_weight_too_large_or_not_whole_is_told_so() {
    for (value, said) in [
        ("1e20", "too large"),
        ("99999999999999999999", "too large"),
        ("-1e20", "too small"),
        ("2.5", "whole number"),
    ] {
        let text = format!("---\ntitle: 风险登记册\nweight: {value}\n---\n");
        let e = parse_str::<PageMeta>(&text, "page").unwrap_err();
        let message = e.to_string();
        assert!(message.contains("a.md:3:"), "{message}");
        assert!(message.contains(said), "{value}: {message}");
        assert!(!message.contains("takes a number"), "{value}: {message}");
        let help = e.help.map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains("`weight: 10`"), "{value}: {help}");
    }
}

/// `pmo new` writes required fields as hints to uncomment (`# project: erp`): the field
/// an author forgot to uncomment is pointed at where it stands, not at the first line.
#[test]
fn a_required_field_left_commented_out_is_pointed_at() {
    let text = "---\ntitle: 供应商延期\ndate: 2024-03-18\n# project: erp        # 必填：所属项目\nphase: execution\n#impact: negative\n---\n";
    let e = parse_all::<LessonMeta>(text, "lesson").unwrap_err();
    assert_eq!(e.len(), 2, "{e:#?}");
    let project = e
        .iter()
        .find(|d| d.to_string().contains("`project`"))
        .unwrap();
    assert!(project.to_string().contains("a.md:4:1"), "{project}");
    let help = project.help.as_ref().unwrap().to_string();
    assert!(help.contains("remove the `#`"), "{help}");
    assert!(help.contains("`project: erp`"), "{help}");
    let impact = e
        .iter()
        .find(|d| d.to_string().contains("`impact`"))
        .unwrap();
    assert!(impact.to_string().contains("a.md:6:1"), "{impact}");
    let help = impact.help.as_ref().unwrap().to_string();
    assert!(help.contains("positive, negative"), "{help}");
}

/// A Chinese input method types `：`: on the first field it was told "not written as
/// fields", with "missing `title`" after it, and further down in the parser's English.
/// Either way the mistake is named at the colon, once.
#[test]
fn a_full_width_colon_is_named_at_the_colon_on_any_line() {
    let lesson = "date: 2024-03-18\nproject: erp\nphase: closing\nimpact: positive\n";
    for (text, line_col) in [
        (format!("---\ntitle：供应商延期\n{lesson}---\n"), "a.md:2:6"),
        (
            format!(
                "---\ntitle: 供应商延期\n{}---\n",
                lesson.replace("phase: ", "phase：")
            ),
            "a.md:5:6",
        ),
        (format!("---\ntitle:供应商延期\n{lesson}---\n"), "a.md:2:6"),
        (
            format!("---\ntitle:\u{3000}供应商延期\n{lesson}---\n"),
            "a.md:2:6",
        ),
    ] {
        let e = parse_all::<LessonMeta>(&text, "lesson").unwrap_err();
        assert_eq!(e.len(), 1, "{e:#?}");
        let told = e[0].to_string();
        assert!(told.contains(line_col), "{told}");
        assert!(told.contains("colon"), "{told}");
        if text.contains('\u{3000}') {
            assert!(told.contains("full-width space"), "{told}");
        }
        let help = e[0].help.as_ref().unwrap().to_string();
        assert!(
            help.contains("`title: 供应商延期`") || help.contains("`phase: closing`"),
            "{help}"
        );
    }
}

/// `date: null` (or `~`) was told at the key, column 1, where `date: abc` is told at its
/// value: a null where a value goes is the value's mistake.
#[test]
fn a_null_where_a_value_goes_is_told_at_the_value() {
    for (value, column) in [("null", 7), ("~", 7), ("Null", 7)] {
        let text = format!(
            "---\ntitle: x\ndate: {value}\nproject: erp\nphase: closing\nimpact: positive\n---\n"
        );
        let d = parse_str::<LessonMeta>(&text, "lesson").unwrap_err();
        assert_eq!(
            d.position().as_deref(),
            Some(format!("a.md:3:{column}").as_str()),
            "{value}: {d}"
        );
    }
    // An unknown field is still told at its name.
    let text = "---\ntitle: x\ndate: 2024-03-18\nproject: erp\nphase: closing\nimpact: positive\ncatgory: null\n---\n";
    let d = parse_str::<LessonMeta>(text, "lesson").unwrap_err();
    assert_eq!(d.position().as_deref(), Some("a.md:7:1"), "{d}");
}

/// `type: 收尾` was told only the values allowed, while `phase: 执行` was told it is how
/// the portal shows `execution` (the fifth walk-through): a label shortened (收尾 for
/// 收尾评审) is read as its word too.
#[test]
fn a_value_written_as_its_label_shortened_is_told_the_word_to_write() {
    let text = "---\ntitle: 收尾\ndate: 2024-12-28\nproject: erp\ntype: 收尾\n---\n";
    let e = parse_all::<ReviewMeta>(text, "review").unwrap_err();
    let help = e[0].help.as_ref().unwrap().to_string();
    assert!(help.contains("write `closure`"), "{help}");
}

/// A block holding only a comment is an empty one to YAML: it was told "unexpected end
/// of input", which names no field and no fix.
#[test]
fn a_front_matter_of_only_comments_is_told_the_fields_it_lacks() {
    let text = "---\n# 草稿\n---\n正文\n";
    let all = parse_all::<LessonMeta>(text, "lesson").unwrap_err();
    let told: Vec<String> = all.iter().map(|d| d.to_string()).collect();
    assert!(
        told.iter().all(|d| !d.contains("end of input")),
        "{told:#?}"
    );
    assert!(told[0].contains("a.md:2:1"), "{told:#?}");
    assert!(told[0].contains("`title`"), "{told:#?}");
    assert!(told.iter().any(|d| d.contains("`project`")), "{told:#?}");
    let help = all[0]
        .help
        .as_ref()
        .map(|h| h.to_string())
        .unwrap_or_default();
    assert!(help.contains("add `title:`"), "{help}");
    // A field behind the `#` is still told as written out of reach.
    let hinted = parse_str::<PageMeta>("---\n# title: 采购手册\n---\n", "page").unwrap_err();
    let help = hinted.help.map(|h| h.to_string()).unwrap_or_default();
    assert!(help.contains("`title: 采购手册`"), "{help}");
}

/// Lists nested past the reader's limit were told "recursion limit exceeded", with no
/// field named and no help.
#[test]
fn a_value_nested_past_the_readers_limit_is_told_by_its_field_with_help() {
    let text = format!(
        "---\ntitle: 深\ntags: {}采购{}\n---\n",
        "[".repeat(300),
        "]".repeat(300)
    );
    let d = parse_str::<PageMeta>(&text, "page").unwrap_err();
    let told = d.to_string();
    assert!(told.contains("a.md:3:"), "{told}");
    assert!(!told.contains("recursion"), "{told}");
    assert!(told.contains("`tags`") && told.contains("nested"), "{told}");
    let help = d.help.map(|h| h.to_string()).unwrap_or_default();
    assert!(help.contains("flatten"), "{help}");
}

/// `bac: 3,600,000` was an error while the budget's cells took `3,600,000`, and
/// `budget:` got no "did you mean `bac`" (the eighth walk-through). The spellings a
/// cell takes are taken, what a cell refuses stays refused.
#[test]
fn bac_is_read_as_a_budget_cell_and_its_other_names_are_told() {
    use crate::content::schema::ProjectMeta;
    let bac = |value: &str| {
        let text = format!("---\ntitle: x\nstatus: active\nbac: {value}\n---\n");
        parse_str::<ProjectMeta>(&text, "project").map(|m| m.bac)
    };
    assert_eq!(bac("3,600,000").unwrap(), Some(3_600_000.0));
    assert_eq!(bac("\"¥3,600,000\"").unwrap(), Some(3_600_000.0));
    assert_eq!(bac("\"3 600 000\"").unwrap(), Some(3_600_000.0));
    assert_eq!(bac("3600000").unwrap(), Some(3_600_000.0));
    assert_eq!(bac("1200.5").unwrap(), Some(1200.5));
    assert_eq!(bac("").unwrap(), None);
    for refused in ["1,5", "12,34,567", "60万", "1.200,50"] {
        assert!(bac(refused).is_err(), "{refused}");
    }
    let e = bac("60万").unwrap_err();
    assert!(e.to_string().contains("`bac` takes a plain number"), "{e}");
    let toml = "+++\ntitle = \"x\"\nstatus = \"active\"\nbac = \"3,600,000\"\n+++\n";
    let m = parse_str::<ProjectMeta>(toml, "project").unwrap();
    assert_eq!(m.bac, Some(3_600_000.0));
    for other in ["budget", "total_budget", "预算"] {
        let text = format!("---\ntitle: x\nstatus: active\n{other}: 3600000\n---\n");
        let e = parse_str::<ProjectMeta>(&text, "project").unwrap_err();
        let help = e.help.map(|h| h.to_string()).unwrap_or_default();
        assert!(help.starts_with("did you mean `bac`?"), "{other}: {help}");
    }
}

/// A field written twice is told so whatever its value: a second `bac` line was told
/// "`bac` takes a plain number", "`480000` would be 480000".
#[test]
fn a_number_field_written_twice_is_told_as_written_twice() {
    let text = "---\ntitle: x\nstart: 2024-01-08\nfinish: 2024-12-20\nbac: 4800000\nbac: 480000\nstatus: active\n---\n";
    let d = parse_str::<ProjectMeta>(text, "project").unwrap_err();
    let told = d.to_string();
    assert!(told.contains("a.md:6:1"), "{told}");
    assert!(told.contains("`bac` is written twice"), "{told}");
}

/// A first-time author writes the fields' Chinese names (`标题:`, `日期:`, `项目经理:`):
/// each was told "unknown field" with the kind's whole list and no word of which was
/// meant, and `标题` was told a second time as `title` missing. The field meant is
/// named, and a required field written under its Chinese name is not told missing too.
#[test]
fn a_field_written_by_its_chinese_name_is_told_the_field_once() {
    use crate::content::schema::{LessonMeta, ProjectMeta};
    let text = "---\n标题: ERP 升级\n项目经理: 李强\n开始日期: 2026-03-05\nstatus: active\n---\n";
    let all = parse_all::<ProjectMeta>(text, "project").unwrap_err();
    let told = crate::diagnostics::told_with_help(&all);
    assert_eq!(told.len(), 3, "{told:#?}");
    for (written, meant) in [
        ("标题", "title"),
        ("项目经理", "manager"),
        ("开始日期", "start"),
    ] {
        assert!(
            told.iter()
                .any(|t| t.contains(&format!("unknown field `{written}`"))
                    && t.contains(&format!("did you mean `{meant}`?"))),
            "{written}: {told:#?}"
        );
    }
    assert!(!told.iter().any(|t| t.contains("missing")), "{told:#?}");
    let lesson =
        "---\ntitle: x\n日期: 2024-03-05\n项目: erp\nphase: closing\nimpact: negative\n---\n";
    let all = parse_all::<LessonMeta>(lesson, "lesson").unwrap_err();
    let helps: Vec<String> = all
        .iter()
        .filter_map(|d| d.help.as_ref().map(ToString::to_string))
        .collect();
    assert_eq!(all.len(), 2, "{helps:#?}");
    assert!(
        helps.iter().any(|h| h.starts_with("did you mean `date`?")),
        "{helps:#?}"
    );
    assert!(
        helps
            .iter()
            .any(|h| h.starts_with("did you mean `project`?")),
        "{helps:#?}"
    );
}

/// Notes moved in from Hugo write its names in TOML front matter: `author` was told only
/// the kind's list of fields; `categories` was told `category`, and the list moved over
/// refused again. `description` is read as the summary (the eleventh walk-through).
#[test]
fn hugo_names_in_toml_front_matter_are_told_the_field_meant() {
    let text = "+++\ntitle = \"Stage gates\"\ndescription = \"How we run gates\"\nauthor = \"Sophie\"\ncategories = [\"治理\"]\n+++\n";
    let all = parse_all::<crate::content::schema::PracticeMeta>(text, "practice").unwrap_err();
    let told = crate::diagnostics::told_with_help(&all);
    assert_eq!(told.len(), 2, "{told:#?}");
    // Hugo's list of categories: pmo's `category` is one text.
    assert!(
        told[1].contains("a.md:5:1")
            && told[1].contains("one category as text, not a list")
            && told[1].contains("`category = \"Governance\"` between +++ lines"),
        "{told:#?}"
    );
    assert!(
        told[0].contains("a.md:4:1") && told[0].contains("did you mean `owner`?"),
        "{told:#?}"
    );
}
