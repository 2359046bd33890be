use super::*;

#[test]
fn the_report_header_counts_columns_in_characters() {
    let source: Arc<str> = Arc::from("title: x\nowner: 张三 李四: 王五\n");
    let at = source.find(": 王").unwrap();
    let d = Diagnostic::error(Problem::Content(t!("here"))).at(Location::new(
        Path::new("a.md"),
        &source,
        at,
        1,
    ));
    let report = render(&d, Lang::En, false);
    assert!(report.contains("[a.md:2:13]"), "{report}");
    assert_eq!(d.position().as_deref(), Some("a.md:2:13"));
    let json = d.to_json(Lang::En);
    assert_eq!(json["file"], "a.md");
    assert_eq!(
        (json["line"].as_u64(), json["column"].as_u64()),
        (Some(2), Some(13))
    );
    assert_eq!(json["end"]["column"].as_u64(), Some(14));
    assert_eq!(json["severity"], "error");
    assert!(json["help"].is_null());
}
