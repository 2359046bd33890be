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
