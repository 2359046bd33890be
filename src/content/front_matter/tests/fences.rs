//! Where front matter starts and ends: its fences, a second block, a fence between
//! fields.

use super::*;

#[test]
fn a_second_front_matter_block_is_refused_and_a_rule_is_not() {
    let text = "---\ntitle: 点\n---\n\n---\ntitle: 又\ndate: 2024-01-01\n---\n正文\n";
    let d = parse_str::<PageMeta>(text, "page").unwrap_err();
    assert!(d.to_string().contains("a.md:5:1"), "{d}");
    assert!(d.to_string().contains("second front matter block"), "{d}");
    let rule = "---\ntitle: 点\n---\n\n---\n\n注意：这是正文。\n\n---\n";
    assert!(parse_str::<PageMeta>(rule, "page").is_ok());
}

/// A second block of fields none of which the kind knows (pandoc reads every YAML
/// block of a file, so a front matter closed by `...` invites one) was published as a
/// rule and a heading; a line of text between two rules, or one `key: value` line
/// (a setext heading), is still text.
#[test]
fn a_second_block_of_unknown_fields_is_refused() {
    for close in ["...", "---"] {
        let text = format!(
            "---\ntitle: 点\n{close}\n---\nowner_team: 财务部\nreviewed: 2024-01-01\n---\n正文\n"
        );
        let d = parse_str::<PageMeta>(&text, "page").unwrap_err();
        assert!(d.to_string().contains("a.md:4:1"), "{d}");
        assert!(d.to_string().contains("second front matter block"), "{d}");
        assert!(d.help.is_some(), "{d}");
    }
    let toml = "+++\ntitle = \"点\"\n+++\n+++\nowner_team = \"财务部\"\nteam_size = 4\n+++\n";
    let d = parse_str::<PageMeta>(toml, "page").unwrap_err();
    assert!(d.to_string().contains("a.md:4:1"), "{d}");
    for text in [
        "---\ntitle: 点\n...\n---\nNote: 见下文\n---\n",
        "---\ntitle: 点\n---\n---\n详见 http://example.com/a:b\nvia: 邮件\n---\n",
    ] {
        assert!(parse_str::<PageMeta>(text, "page").is_ok(), "{text}");
    }
}

#[test]
fn a_fence_of_more_than_three_dashes_is_told_its_length() {
    for (text, fence) in [
        ("----\ntitle: 点\n----\n\n正文\n", "----"),
        ("++++\ntitle = \"点\"\n++++\n", "++++"),
    ] {
        let d = parse_str::<PageMeta>(text, "page").unwrap_err();
        assert!(
            d.to_string()
                .contains(&format!("the front matter fence is `{fence}`")),
            "{d}"
        );
        assert!(d.to_string().starts_with("error: a.md:1:1"), "{d}");
    }
}

#[test]
fn splits_yaml_and_toml() {
    let text: Arc<str> = Arc::from("---\ntitle: x\n---\nbody\n");
    let s = split(Path::new("a.md"), &text).unwrap();
    assert_eq!(s.format, Format::Yaml);
    assert_eq!(&text[s.front.clone()], "title: x\n");
    assert_eq!(&text[s.body.clone()], "body\n");
    let text: Arc<str> = Arc::from("+++\ntitle = \"x\"\n+++");
    let s = split(Path::new("a.md"), &text).unwrap();
    assert_eq!(s.format, Format::Toml);
    assert_eq!(&text[s.body.clone()], "");
}

#[test]
fn an_opening_fence_may_end_in_spaces_like_the_closing_one() {
    let text: Arc<str> = Arc::from("--- \ntitle: x\n---  \nbody\n");
    let s = split(Path::new("a.md"), &text).unwrap();
    assert_eq!(&text[s.front.clone()], "title: x\n");
    assert_eq!(&text[s.body.clone()], "body\n");
    let text: Arc<str> = Arc::from("+++\t\ntitle = \"x\"\n+++\n");
    assert_eq!(
        split(Path::new("a.md"), &text).unwrap().format,
        Format::Toml
    );
}

#[test]
fn toml_between_dashes_and_yaml_between_pluses_are_named() {
    let e = parse_all::<PageMeta>("---\ntitle = \"标题\"\nweight = 2\n---\n", "page").unwrap_err();
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(e[0].to_string().contains("a.md:2:1"), "{}", e[0]);
    let help = e[0].help.as_ref().unwrap().to_string();
    assert!(help.contains("+++"), "{help}");
    let e = parse_all::<PageMeta>("+++\ntitle: 标题\n+++\n", "page").unwrap_err();
    assert_eq!(e.len(), 1, "{e:#?}");
    let help = e[0].help.as_ref().unwrap().to_string();
    assert!(help.contains("---"), "{help}");
}

#[test]
fn unclosed_and_missing_front_matter_are_errors() {
    let e = parse_str::<PageMeta>("---\ntitle: x\nbody", "page").unwrap_err();
    assert!(matches!(e.problem, Problem::UnclosedFrontMatter { .. }));
    let e = parse_str::<PageMeta>("", "page").unwrap_err();
    assert!(e.to_string().contains("a.md:1:1"));
}

/// YAML ends a document with `...` as well as `---`, and editors and exporters that
/// write YAML (pandoc among them) close front matter so: it was called unclosed.
#[test]
fn yaml_front_matter_may_close_with_dots() {
    let text: Arc<str> = Arc::from("---\ntitle: 周报\n...\n\n本周进展。\n");
    let s = split(Path::new("a.md"), &text).unwrap();
    assert_eq!(&text[s.body.clone()], "\n本周进展。\n");
    let meta: PageMeta = parse_all(&text, "page").unwrap();
    assert_eq!(meta.title, "周报");
    // Only YAML's: `...` ends no TOML front matter, nor does an indented one.
    let e = parse_str::<PageMeta>("+++\ntitle = \"周报\"\n...\n", "page").unwrap_err();
    assert!(matches!(e.problem, Problem::UnclosedFrontMatter { .. }));
    let e = parse_str::<PageMeta>("---\ntitle: 周报\n  ...\n", "page").unwrap_err();
    assert!(matches!(e.problem, Problem::UnclosedFrontMatter { .. }));
}

/// A `---` (or YAML's `...`) between two fields ends the front matter there: the
/// fields below it were published as the page's text, a heading reading
/// `severity: medium`, and a lesson lost its status without a word (twelfth malformed
/// hunt); a project was told `status` was missing, though it was written.
#[test]
fn a_fence_between_fields_is_told_at_the_fence() {
    for fence in ["---", "..."] {
        let text = format!("---\ntitle: x\ndate: 2024-03-18\nproject: erp\nphase: closing\nimpact: positive\n{fence}\nseverity: medium\nstatus: closed\n---\n\n## 背景\n");
        let d = parse_str::<LessonMeta>(&text, "lesson").unwrap_err();
        let told = d.to_string();
        assert!(told.contains("a.md:7:1"), "{told}");
        assert!(told.contains("`severity`"), "{told}");
        let help = d.help.map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains(&format!("delete this `{fence}`")), "{help}");
    }
    // A body that opens with a line like a field and no fence below it is text.
    let prose = "---\ntitle: x\n---\ntitle: 第二部分，见下文。\n\n正文\n\n---\n";
    assert!(parse_str::<PageMeta>(prose, "page").is_ok());
}
