//! Malformed sites the eighteenth hunt found mishandled: a front matter value whose
//! start YAML reads as syntax of its own (a tag, an anchor) and a value of full-width
//! spaces told at the wrong line.

mod common;

use common::{failing, Site};

/// A lesson of the basic fixture with `field_lines` in place of its title line.
fn lesson(title_line: &str) -> String {
    format!(
        "---\n{title_line}\ndate: 2024-05-06\nproject: erp\nphase: execution\ncategory: 采购管理\nimpact: negative\n---\n\n供应商延期交付，关键路径后移两周。\n"
    )
}

/// `title: &重要 服务器宕机` and `category: !important 采购管理` built without a word:
/// YAML reads `&重要` as an anchor's name and `!important` as a tag, and leaves both
/// out of the value, so the page was published as `服务器宕机`. Each is an error at the
/// `&` or `!`, naming what was dropped, with the line written in quotes.
#[test]
fn an_anchor_or_tag_at_the_start_of_a_value_is_not_dropped_without_a_word() {
    let m = failing(
        "content/lessons/宕机.md",
        lesson("title: &重要 服务器宕机导致里程碑延期"),
    );
    assert!(m.contains("宕机.md:2:8:"), "{m}");
    assert!(m.contains("`&重要`") && m.contains("anchor"), "{m}");
    assert!(
        m.contains(r#"`title: "&重要 服务器宕机导致里程碑延期"`"#),
        "{m}"
    );

    let m = failing(
        "content/lessons/宕机.md",
        lesson("title: 服务器宕机导致里程碑延期\nowner: !important 王芳"),
    );
    assert!(m.contains("宕机.md:3:8:"), "{m}");
    assert!(m.contains("`!important`") && m.contains("tag"), "{m}");
    assert!(m.contains(r#"`owner: "!important 王芳"`"#), "{m}");

    // In a list, on an item's own line or in brackets.
    let m = failing(
        "content/lessons/宕机.md",
        lesson("title: 服务器宕机导致里程碑延期\ntags: [供应商, &关键 交付]"),
    );
    assert!(m.contains("宕机.md:3:13:"), "{m}");
    let m = failing(
        "content/lessons/宕机.md",
        lesson("title: 服务器宕机导致里程碑延期\ntags:\n  - 供应商\n  - !!binary 5Lqk5LuY"),
    );
    assert!(m.contains("宕机.md:5:5:"), "{m}");
    assert!(m.contains("`!!binary`"), "{m}");
}

/// `title: !紧急 服务器宕机`: a tag of Chinese characters, which YAML's scanner refuses,
/// was told in the parser's English ("while scanning a tag, did not find expected
/// whitespace or line break") with no help, on a Chinese site too.
#[test]
fn a_value_starting_with_an_exclamation_mark_is_told_in_words() {
    let m = failing(
        "content/lessons/宕机.md",
        lesson("title: !紧急 服务器宕机导致里程碑延期"),
    );
    assert!(!m.contains("while scanning"), "{m}");
    assert!(m.contains("宕机.md:2:8:"), "{m}");
    assert!(m.contains("starts with `!`"), "{m}");
    assert!(
        m.contains(r#"`title: "!紧急 服务器宕机导致里程碑延期"`"#),
        "{m}"
    );
}

/// What YAML means by them still builds: an anchor a later alias repeats, a merge key,
/// and `!!str` keeping a number as text.
#[test]
fn anchors_that_are_used_and_the_str_tag_still_build() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/宕机.md",
        lesson("title: !!str 2024\nowner: &负责人 王芳\nactions:\n  - what: 补签供货合同\n    owner: *负责人\n    due: 2024-06-30\n    status: open"),
    );
    site.build_ok();
    let page = site.read("lessons/宕机/index.html");
    assert!(page.contains("<title>2024"), "{page}");
    assert!(page.contains("王芳"), "{page}");
}

/// `title: 　　` (two full-width spaces, as a Chinese input method types them) was
/// told as an empty title at the line below it, `date:`: the value's start was found
/// by trimming every Unicode space, the line break included.
#[test]
fn a_value_of_full_width_spaces_is_told_at_its_own_line() {
    let m = failing("content/lessons/宕机.md", lesson("title: \u{3000}\u{3000}"));
    assert!(m.contains("宕机.md:2:8:"), "{m}");
    assert!(m.contains("title is empty"), "{m}");
}

/// A code block whose closing fence was forgotten ran to the end of the page: the
/// headings and paragraphs after it were published as code, and the build said nothing.
/// It is a warning at the opening fence; a closed block, and one closed by a longer
/// fence, are not.
#[test]
fn a_code_block_never_closed_is_a_warning_at_its_fence() {
    let site = Site::fixture("basic");
    site.write(
        "content/practices/周报.md",
        "---\ntitle: 项目周报模板\n---\n\n示例：\n\n```text\n本周进展：完成接口联调\n\n## 下周计划\n\n上线前完成压力测试。\n",
    );
    let warnings = site.warnings();
    let told: Vec<&String> = warnings.iter().filter(|w| w.contains("周报.md")).collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    assert!(told[0].contains("周报.md:7:1:"), "{told:?}");
    assert!(told[0].contains("never closed"), "{told:?}");
    // The fence to type, not a fence wrapped in the backticks that quote code.
    assert!(told[0].contains("a line of ``` of its own"), "{told:?}");

    site.write(
        "content/practices/周报.md",
        "---\ntitle: 项目周报模板\n---\n\n````text\n本周进展\n```\n````\n\n## 下周计划\n",
    );
    let warnings = site.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("周报.md")),
        "{warnings:#?}"
    );
}

/// `audiences = ["public", "internal", "Public"]` built: `--all-audiences` writes a
/// folder for each, and a Windows share or a Mac takes `public/` and `Public/` for one
/// folder, so one audience's site would land in the other's. Names differing only in
/// case are an error at the second.
#[test]
fn audiences_differing_only_in_case_are_refused() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("audiences = [\"public\", \"internal\", \"Public\"]\n{config}"),
    );
    let m = site.build_err();
    assert!(m.contains("site.toml:1:37:"), "{m}");
    assert!(m.contains("`Public`") && m.contains("`public`"), "{m}");
}

/// `weight: -99999999999999999999` was told "too large: past the largest whole number";
/// it is too small, below the smallest.
#[test]
fn a_weight_below_the_smallest_whole_number_is_told_too_small() {
    let m = failing(
        "content/practices/周报.md",
        "---\ntitle: 项目周报模板\nweight: -99999999999999999999\n---\n\n每周五提交。\n",
    );
    assert!(m.contains("周报.md:3:9:"), "{m}");
    assert!(m.contains("too small") && !m.contains("too large"), "{m}");
}

/// The same in a YAML data table: `&甲` at the start of a cell was left out of it, and
/// the row published as `CRM 推广` without a word.
#[test]
fn an_anchor_in_a_yaml_table_cell_is_not_dropped_without_a_word() {
    let m = failing(
        "data/费用.yaml",
        "- {项目: ERP升级, 金额: 3}\n- {项目: &甲 CRM 推广, 金额: 4}\n",
    );
    assert!(m.contains("费用.yaml:2:8:"), "{m}");
    assert!(m.contains("`&甲`") && m.contains("anchor"), "{m}");
}
