//! `pmo import lessons`: a register kept in Excel or CSV becomes lessons that build.

mod common;

use std::path::{Path, PathBuf};

use common::xlsx::{xlsx, V};
use common::{pmo, snapshot, stderr, Site};

/// The basic fixture with a second project, so lessons can name either.
fn site() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/mes/index.md",
        "---\ntitle: MES 智能工厂\ncode: PRJ-2024-015\nstatus: active\n---\n\n车间执行系统。\n",
    );
    site
}

/// A register as a PMO keeps it: a title row, group headings over merged cells, the
/// real header below with `描述/背景` merged across two columns, blank rows, dates
/// typed three ways, and the usual mistakes.
fn register() -> Vec<u8> {
    // A row of text cells; the empty ones stay empty.
    let r = |cells: &[&'static str]| {
        cells
            .iter()
            .map(|c| V::S(c.to_string()))
            .collect::<Vec<_>>()
    };
    #[rustfmt::skip]
    let mut rows = vec![
        r(&["2024 年度项目经验教训登记册"]),
        vec![],
        r(&["基本信息", "", "", "", "", "", "", "", "", "", "分析与改进"]),
        r(&["编号", "标题", "日期", "项目", "阶段", "影响", "类别", "严重程度", "状态", "负责人", "描述/背景", "", "根因", "建议", "行动项", "标签"]),
        r(&["LL-2024-101", "接口规格冻结太晚，联调返工两轮", "", "erp", "执行", "负面", "范围管理", "高", "已关闭", "王磊", "ERP 与 MES 的接口规格在联调前一周才冻结。", "", "接口负责人不明确。", "在详细设计关口冻结接口规格。", "为每个接口指定唯一负责人", "接口、联调"]),
        vec![],
        r(&["LL-2024-102", "关键用户全程参与，验收一次通过", "2024/4/2", "MES 智能工厂", "规划阶段", "正面", "干系人管理", "中", "进行中", "李娜", "车间主任在规划阶段即加入项目组。", "", "", "关键用户从规划开始参与。", "", "关键用户"]),
        r(&["LL-2024-103", "测试环境数据不足", "2024年5月6日", "PRJ-2024-015", "测试", "负面"]),
        r(&["LL-2024-104", "上线窗口与财务结账冲突", "2024-06-01", "新零售中台", "收尾", "负面"]),
        vec![],
        r(&["LL-2024-102", "重复登记的一行", "2024-06-03", "erp", "执行", "负面"]),
        r(&["LL-2024-001", "供应商交付延期（已在门户中）", "2024-03-18", "erp", "执行", "负面"]),
        r(&["LL-2024-105", "数据迁移演练三次才达标", "2024-07-15", "erp-upgrade", "监控", "负面", "质量管理", "严重", "打开", "赵强", "第一次演练数据差异率 4%。", "", "清洗规则没有业务确认。", "", "- 清洗规则由业务签字\n- 演练前冻结主数据", "数据迁移"]),
        r(&["LL-2024-106", "收尾评审提前预约财务与审计", "", "ERP 升级", "收尾", "正面", "", "低"]),
    ];
    // A date typed as its serial number in a General cell, and one in a date cell.
    rows[4][2] = V::N(45369.0);
    rows[13][2] = V::D(45444.0);
    xlsx("登记册", &rows, &["A1:P1", "A3:J3", "K3:P3", "K4:L4"])
}

/// A file of the site's sources (`Site::read` reads the built site).
fn source(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap()
}

fn write_register(site: &Site, name: &str, bytes: &[u8]) -> PathBuf {
    let path = site.root().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn import(site: &Site, file: &Path, extra: &[&str]) -> std::process::Output {
    let root = site.root().to_str().unwrap().to_string();
    let mut args = vec![
        "--root",
        root.as_str(),
        "import",
        "lessons",
        file.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    pmo(&args)
}

#[test]
fn a_chinese_register_workbook_imports_row_by_row_and_a_second_import_changes_nothing() {
    let site = site();
    let file = write_register(&site, "经验教训登记册.xlsx", &register());
    let out = import(&site, &file, &[]);
    let err = stderr(&out);
    // The bad rows fail the command, but the good ones are written.
    assert_eq!(out.status.code(), Some(1), "{err}");

    // A phase outside the vocabulary, at its cell, with the allowed values.
    assert!(err.contains("登记册!E8: column `阶段` holds `测试`, expected one of initiation, planning, execution, monitoring, closing"), "{err}");
    assert!(err.contains("execution (执行"), "{err}");
    // A project the site does not have is never invented.
    assert!(
        err.contains("登记册!D9: column `项目` holds `新零售中台`, which names no project"),
        "{err}"
    );
    // A close name gets a suggestion.
    assert!(err.contains("登记册!D13"), "{err}");
    assert!(err.contains("did you mean `erp`"), "{err}");
    // The same id twice in the register.
    assert!(err.contains("登记册!A11: this row would be content/lessons/ll-2024-102.md again, like the row at 登记册!A7"), "{err}");
    // A lesson already in the site is skipped, not overwritten.
    assert!(err.contains("登记册!A12: skipped: the lesson with id `LL-2024-001` is already in content/lessons/vendor-delay.md"), "{err}");
    // The nameless half of the merged header holds nothing, so nothing is said of it.
    assert!(!err.contains("has no header"), "{err}");
    assert!(err.contains("imported 3 lesson(s) into content/lessons/; 1 already in the site, 4 row(s) with errors"), "{err}");

    let first = source(&site, "content/lessons/ll-2024-101.md");
    assert!(first.starts_with("---\ntitle: 接口规格冻结太晚，联调返工两轮\ndate: 2024-03-18\nproject: erp\nphase: execution\ncategory: 范围管理\nimpact: negative\ntags: [接口, 联调]\nid: LL-2024-101\nowner: 王磊\nseverity: high\nstatus: closed\n---\n"), "{first}");
    assert!(
        first.contains("\n## 背景\n\nERP 与 MES 的接口规格在联调前一周才冻结。\n"),
        "{first}"
    );
    assert!(
        first.contains("\n## 根因\n\n接口负责人不明确。\n"),
        "{first}"
    );
    assert!(
        first.contains("\n## 建议\n\n在详细设计关口冻结接口规格。\n"),
        "{first}"
    );
    assert!(
        first.contains("\n## 行动项\n\n为每个接口指定唯一负责人\n"),
        "{first}"
    );
    let second = source(&site, "content/lessons/ll-2024-102.md");
    // Text date, project by title, a suffixed phase.
    assert!(
        second.contains("date: 2024-04-02\nproject: mes\nphase: planning\n"),
        "{second}"
    );
    assert!(second.contains("impact: positive\n"), "{second}");
    assert!(second.contains("status: in-progress\n"), "{second}");
    assert!(!second.contains("## 根因"), "{second}");
    // A date typed into a date-formatted cell; the project by its title.
    let third = source(&site, "content/lessons/ll-2024-106.md");
    assert!(
        third.contains("date: 2024-06-01\nproject: erp\nphase: closing\n"),
        "{third}"
    );
    for absent in ["ll-2024-103", "ll-2024-104", "ll-2024-105"] {
        assert!(
            !site
                .root()
                .join(format!("content/lessons/{absent}.md"))
                .exists(),
            "{absent}"
        );
    }
    // The vendor lesson already there is untouched.
    assert!(source(&site, "content/lessons/vendor-delay.md").contains("供应商接口延期三周"));

    // What was imported builds, its front matter read by the build itself.
    let report = site.build_ok();
    // Only LL-2024-106, a row with nothing but its fields, is told it is its title
    // alone (at its closing fence), as an author's empty page is.
    let about_imported: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| !w.to_string().contains("published as its title alone"))
        .filter_map(|w| w.position())
        .filter(|p| p.contains("ll-2024"))
        .collect();
    assert!(about_imported.is_empty(), "{about_imported:?}");
    assert!(report
        .warnings
        .iter()
        .any(|w| w.position().as_deref() == Some("content/lessons/ll-2024-106.md:9:1")));
    let page = site.read("lessons/ll-2024-101/index.html");
    assert!(page.contains("接口规格冻结太晚"), "{page}");

    // Importing the same register again writes nothing and changes nothing.
    let before = snapshot(&site.root().join("content"));
    let again = import(&site, &file, &[]);
    let err = stderr(&again);
    assert_eq!(snapshot(&site.root().join("content")), before);
    assert!(err.contains("imported 0 lesson(s) into content/lessons/; 5 already in the site, 3 row(s) with errors"), "{err}");
    assert!(err.contains("skipped: the lesson with id `LL-2024-101` is already in content/lessons/ll-2024-101.md"), "{err}");
}

#[test]
fn a_csv_register_in_english_imports_with_a_map_and_errors_at_line_and_column() {
    let site = site();
    let toml = source(&site, "site.toml").replace("language = \"zh-CN\"", "language = \"en\"");
    site.write("site.toml", toml);
    let csv = "Lessons learned register,,,,,,,\n\
               ,,,,,,,\n\
               Title,Date,Project,Stage,Impact,Severity,Lessons,Root cause\n\
               Vendor SLA had no penalty clause,05/03/2024,erp,Execution,Negative,High,Add penalties to every SLA,Procurement template\n\
               Daily stand-up with the vendor,2024-04-02,PRJ-2024-015,Executing phase,neutral,,Keep it,\n\
               Early data profiling,2024-05-06,mes,Planning,Positive,Medium,\"Profile data early, before design\",\n";
    let file = write_register(&site, "register.csv", csv.as_bytes());
    let out = import(
        &site,
        &file,
        &["--map", "Lessons=recommendation", "--map", "Reviewer=owner"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // Line:column of the bad cells.
    assert!(err.contains("register.csv:4:"), "{err}");
    assert!(
        err.contains("column `Date` holds `05/03/2024`, expected a date"),
        "{err}"
    );
    // Day first or month first: both days are named, neither is taken.
    assert!(
        err.contains("could be 2024-03-05 (day first")
            && err.contains("or 2024-05-03 (month first"),
        "{err}"
    );
    assert!(err.contains("register.csv:5:"), "{err}");
    assert!(
        err.contains("column `Impact` holds `neutral`, expected one of positive, negative"),
        "{err}"
    );
    assert!(err.contains("imported 1 lesson(s)"), "{err}");
    // A map naming a column the register lacks is said, not silently ignored.
    assert!(
        err.contains("--map names the column `Reviewer`, which the header row does not have"),
        "{err}"
    );
    let text = source(&site, "content/lessons/early-data-profiling.md");
    assert!(text.starts_with("---\ntitle: Early data profiling\ndate: 2024-05-06\nproject: mes\nphase: planning\nimpact: positive\nseverity: medium\n---\n"), "{text}");
    assert!(
        text.contains("\n## Recommendations\n\nProfile data early, before design\n"),
        "{text}"
    );
    site.build_ok();
}

/// A register's date in a shape `pmo import` reads but naming no day (`2024-02-30`,
/// `2024/4/31`) is told the day does not exist; its help listed the very shapes it was
/// written in.
#[test]
fn a_register_date_that_does_not_exist_is_told_so() {
    let site = site();
    let toml = source(&site, "site.toml").replace("language = \"zh-CN\"", "language = \"en\"");
    site.write("site.toml", toml);
    let csv = "标题,日期,项目,阶段,影响\n\
               月末结账延误,2024-02-30,erp,执行,负面\n\
               四月验收,2024/4/31,erp,执行,负面\n";
    let file = write_register(&site, "register.csv", csv.as_bytes());
    let err = stderr(&import(&site, &file, &[]));
    assert!(
        err.contains("`2024-02-30` is not a date: 2024-02 has days 01 to 29"),
        "{err}"
    );
    assert!(
        err.contains("`2024-04-31` is not a date: 2024-04 has days 01 to 30"),
        "{err}"
    );
    assert!(
        !err.contains("write dates as 2024-03-18, 2024/3/18"),
        "{err}"
    );
}

/// A Chinese value with one character mistyped (`执形` for 执行) was offered nothing,
/// while `exectuion` was offered execution (the new-user walk-through).
#[test]
fn a_chinese_value_one_character_off_is_offered_the_word_meant() {
    let site = site();
    let csv = "标题,日期,项目,阶段,影响\n月末结账延误,2024-03-01,erp,执形,负面\n";
    let file = write_register(&site, "typo.csv", csv.as_bytes());
    let err = stderr(&import(&site, &file, &["--dry-run"]));
    assert!(err.contains("did you mean `执行` (execution)?"), "{err}");
}

/// An English value one letter off (`Negativ`) was offered "did you mean `negative`
/// (negative)?": the value in brackets is said only when the word meant is another.
#[test]
fn an_english_value_one_letter_off_is_offered_it_once() {
    let site = site();
    let csv = "Title,Date,Project,Phase,Impact\nLate close,2024-03-01,erp,execution,Negativ\n";
    let file = write_register(&site, "typo.csv", csv.as_bytes());
    let err = stderr(&import(&site, &file, &["--dry-run"]));
    assert!(err.contains("did you mean `negative`? Accepted:"), "{err}");
    assert!(!err.contains("(negative)?"), "{err}");
}

/// Excel in many locales saves CSV with semicolons (or tabs): such a register was told
/// it had no header row although its header was right (the new-user walk-through).
#[test]
fn a_register_saved_with_semicolons_or_tabs_imports() {
    for (name, sep) in [("semi.csv", ";"), ("tabs.csv", "\t")] {
        let site = site();
        let csv = format!(
            "标题{sep}日期{sep}项目{sep}阶段{sep}影响{sep}建议\n\
             月末结账延误{sep}2024-03-01{sep}erp{sep}执行{sep}负面{sep}提前锁定窗口, 并预留缓冲\n"
        );
        let file = write_register(&site, name, csv.as_bytes());
        let out = import(&site, &file, &[]);
        let err = stderr(&out);
        assert!(out.status.success(), "{name}: {err}");
        let text = source(&site, "content/lessons/月末结账延误.md");
        assert!(text.contains("\nimpact: negative\n"), "{name}: {text}");
        // A comma inside a field is the field's own.
        assert!(text.contains("提前锁定窗口, 并预留缓冲"), "{name}: {text}");
        // A bad cell is told at its column: it was placed as though fields were
        // separated by commas (`3:51` for column 14, the fifth malformed hunt).
        let bad = format!("标题{sep}日期{sep}项目{sep}阶段{sep}影响\n二次延误{sep}2024-03-01{sep}erp{sep}执形{sep}负面\n");
        let file = write_register(&site, &format!("bad-{name}"), bad.as_bytes());
        let err = stderr(&import(&site, &file, &["--dry-run"]));
        let column = "二次延误".chars().count() + "2024-03-01".len() + "erp".len() + 4;
        assert!(
            err.contains(&format!("bad-{name}:2:{column}")),
            "{name}: {err}"
        );
    }
}

#[test]
fn a_dry_run_shows_the_files_and_front_matter_and_writes_nothing() {
    let site = site();
    let file = write_register(&site, "经验教训登记册.xlsx", &register());
    let before = snapshot(&site.root().join("content"));
    let out = import(&site, &file, &["--dry-run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let err = stderr(&out);
    assert_eq!(snapshot(&site.root().join("content")), before);
    assert!(
        stdout.contains("would write content/lessons/ll-2024-101.md (from 登记册!A5)"),
        "{stdout}"
    );
    assert!(stdout.contains("phase: execution\n"), "{stdout}");
    assert!(
        stdout.contains("would write content/lessons/ll-2024-102.md"),
        "{stdout}"
    );
    assert!(err.contains("dry run: would import 3 lesson(s); 1 already in the site, 4 row(s) with errors; nothing was written"), "{err}");

    // A Chinese site is told in Chinese.
    let root = site.root().to_str().unwrap();
    let out = common::pmo_in(
        "",
        &[
            "--root",
            root,
            "import",
            "lessons",
            file.to_str().unwrap(),
            "--dry-run",
        ],
    );
    let err = stderr(&out);
    assert!(
        err.contains("数据有误：登记册!E8：`阶段` 列的值是 `测试`"),
        "{err}"
    );
    assert!(
        err.contains("试运行：将导入 3 条经验教训；1 条已在站点中，4 行有错误；没有写入任何文件"),
        "{err}"
    );
    assert_eq!(snapshot(&site.root().join("content")), before);
}

#[test]
fn a_register_without_a_header_row_is_refused_with_the_names_to_use() {
    let site = site();
    let file = write_register(&site, "notes.csv", "a,b,c\n1,2,3\n".as_bytes());
    let out = import(&site, &file, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("found no header row"), "{err}");
    assert!(err.contains("--map COLUMN=FIELD"), "{err}");
    let out = import(&site, &file, &["--map", "a=titel"]);
    assert!(
        stderr(&out).contains("did you mean `title`?"),
        "{}",
        stderr(&out)
    );
}

/// A two-row header as registers are often drawn: group headings over their columns and
/// the other headings merged down over both rows. Data tables refuse a range merged over
/// rows; the importer reads such a header as one.
#[test]
fn a_header_merged_down_over_two_rows_imports() {
    let site = site();
    let r = |cells: &[&'static str]| {
        cells
            .iter()
            .map(|c| V::S(c.to_string()))
            .collect::<Vec<_>>()
    };
    #[rustfmt::skip]
    let rows = vec![
        r(&["编号", "标题", "日期", "项目", "阶段", "影响", "分析与改进", ""]),
        r(&["", "", "", "", "", "", "根因", "建议"]),
        r(&["LL-2024-201", "接口规格冻结太晚", "2024-05-06", "erp", "执行", "负面", "接口负责人不明确。", "在详细设计关口冻结接口规格。"]),
    ];
    let merged = [
        "A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:F2", "G1:H1",
    ];
    let file = write_register(&site, "两行表头.xlsx", &xlsx("登记册", &rows, &merged));
    let out = import(&site, &file, &["--dry-run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("would write content/lessons/ll-2024-201.md"),
        "{stdout}\n{}",
        stderr(&out)
    );
}

/// A register's free-text cells are text: a cell holding a code fence, a heading, a line
/// under a line (a Markdown heading), HTML or an entity is shown as typed, in its own
/// section, even on a site that trusts its authors' raw HTML. Before, a cell's ``` swallowed
/// every later section into a code block, and a cell's `<script>` ran.
#[test]
fn register_cells_are_written_as_text_not_markdown_or_html() {
    let site = site();
    let toml = source(&site, "site.toml") + "trust_html = true\n";
    site.write("site.toml", toml);
    let background = "接口清单：\n```\n~~~\n# 不是标题\n合计\n---\n<script>alert(1)</script> <img src=x onerror=alert(2)>\n&lt;b&gt; `代码` R&D";
    let mut csv = String::from("编号,标题,日期,项目,阶段,影响,描述,根因,建议\n");
    csv.push_str(&format!(
        "LL-9001,单元格里的标记,2024-03-05,erp,执行,负面,\"{}\",根因文字,\"- 第一条\n- 第二条\"\n",
        background.replace('"', "\"\"")
    ));
    let file = write_register(&site, "register.csv", csv.as_bytes());
    let out = import(&site, &file, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    site.build_ok();
    let page = site.read("lessons/ll-9001/index.html");
    let main = &page[page.find("<main").unwrap()..page.find("</main>").unwrap()];
    for heading in ["背景", "根因", "建议"] {
        assert!(
            main.contains(&format!(">{heading}</h2>")) || main.contains(&format!(">{heading}<a")),
            "the section {heading} is not a heading of its own:\n{main}"
        );
    }
    assert!(
        !main.contains("<pre"),
        "a cell opened a code block:\n{main}"
    );
    assert_eq!(
        main.matches("<h1").count(),
        1,
        "a cell made a heading:\n{main}"
    );
    // The table of contents' heading, then one per section.
    assert_eq!(
        main.matches("<h2").count(),
        4,
        "a cell made a heading:\n{main}"
    );
    assert!(
        !main.contains("<script"),
        "a cell's script is in the page:\n{main}"
    );
    assert!(
        !main.contains("<img"),
        "a cell's tag is in the page:\n{main}"
    );
    assert!(
        main.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{main}"
    );
    assert!(
        main.contains("&amp;lt;b&amp;gt;"),
        "an entity was read:\n{main}"
    );
    assert!(main.contains("`代码`"), "{main}");
    assert!(main.contains("R&amp;D"), "{main}");
    assert!(
        main.contains("<li>第一条</li>"),
        "a list stays a list:\n{main}"
    );
}

/// A project made with `pmo new project` starts as a draft. Lessons imported for it
/// were written with "0 row(s) with errors", and the next build stopped at each one:
/// the import says so, at the project's `draft: true` line (the fifth walk-through).
#[test]
fn lessons_imported_for_a_draft_project_are_warned_of_at_its_draft_line() {
    let site = site();
    site.write(
        "content/projects/mes/index.md",
        "---\ntitle: MES 智能工厂\nstatus: active\ndraft: true\n---\n\n车间执行系统。\n",
    );
    let csv = "Title,Date,Project,Phase,Impact\n\
               Vendor SLA had no penalty clause,2024-03-05,MES 智能工厂,Execution,Negative\n\
               Early data profiling,2024-05-06,mes,Planning,Positive\n\
               Daily stand-up,2024-05-07,erp,Execution,Positive\n";
    let file = write_register(&site, "register.csv", csv.as_bytes());
    let out = import(&site, &file, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("project `mes` is a draft: the 2 lesson(s) imported for it stop `pmo build` until it is published"),
        "{err}"
    );
    assert!(err.contains("content/projects/mes/index.md:4:1"), "{err}");
    assert!(!err.contains("project `erp` is a draft"), "{err}");
    assert!(err.contains("imported 3 lesson(s)"), "{err}");
}

/// A cell's lines typed one under another (Alt+Enter in Excel) were joined by Markdown
/// into one line, with a space between the Chinese halves (`延迟交付 导致滑移`): they
/// show on lines of their own, and a list in a cell stays a list.
#[test]
fn a_cells_line_breaks_show_as_typed_on_the_lesson_page() {
    let site = site();
    let csv = "标题,日期,项目,阶段,影响,描述,建议\n\
               供应商延迟交付,2024-03-05,erp,执行,负面,\"供应商延迟交付\n导致里程碑滑移\",\"- 合同写明罚则\n- 每周跟踪\"\n";
    let file = write_register(&site, "register.csv", csv.as_bytes());
    let out = import(&site, &file, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    site.build_ok();
    let html = site.read("lessons/供应商延迟交付/index.html");
    assert!(html.contains("供应商延迟交付<br"), "{html}");
    assert!(!html.contains("供应商延迟交付\n导致"), "{html}");
    assert!(html.contains("<li>合同写明罚则</li>"), "{html}");
}

/// A header one character off a known name (`根本原困` for 根本原因) was left out with
/// only "not imported"; a year typed `2204` was a lesson dated two centuries ahead.
#[test]
fn a_header_one_character_off_is_offered_the_name_and_a_far_year_is_refused() {
    let site = site();
    let csv = "标题,日期,项目,阶段,影响,根本原困\n\
               月末结账延误,2204-03-01,erp,执行,负面,结账窗口太短\n";
    let file = write_register(&site, "typo-header.csv", csv.as_bytes());
    let err = stderr(&import(&site, &file, &["--dry-run"]));
    assert!(err.contains("column `根本原困` is not imported"), "{err}");
    assert!(
        err.contains("did you mean `根本原因` (root_cause)? Rename the column, or map it with --map `根本原困=root_cause`"),
        "{err}"
    );
    assert!(err.contains("column `日期` holds `2204-03-01`"), "{err}");
    assert!(err.contains("the year 2204 is outside 1900–2099"), "{err}");
}
