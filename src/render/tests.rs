use super::*;

/// An attribute is told by its name outside quotes: a title that reads ` alt=` or
/// ` href=` is text, not the attribute.
#[test]
fn attribute_names_inside_values_do_not_count() {
    let clean = conform(
        &sanitizer()
            .clean("<img src=\"a.png\" title=\"x alt=z\"><a name=\"n\" title=\"see href=y\">锚</a>")
            .to_string(),
    );
    assert!(
        clean.contains("<img src=\"a.png\" title=\"x alt=z\" alt=\"\">"),
        "{clean}"
    );
    assert!(clean.contains("<a title=\"see href=y\">锚</a>"), "{clean}");
}

#[test]
fn sanitized_html_passes_the_checker_where_the_authors_would_not() {
    let html = "<center>中</center><img src=\"a.png\"><a name=\"x\">锚</a>\
                    <a href=\"b/\">链</a><img src=\"c.png\" alt=\"图\"><tt>t</tt>";
    let clean = conform(&sanitizer().clean(html).to_string());
    assert!(
        !clean.contains("<center") && clean.contains('中'),
        "{clean}"
    );
    assert!(!clean.contains("<tt") && clean.contains('t'), "{clean}");
    assert!(clean.contains("<img src=\"a.png\" alt=\"\">"), "{clean}");
    assert!(clean.contains("<img src=\"c.png\" alt=\"图\">"), "{clean}");
    assert!(clean.contains("<a>锚</a>"), "{clean}");
    assert!(
        clean.contains("<a href=\"b/\" rel=\"noopener noreferrer\">链</a>"),
        "{clean}"
    );
}

#[test]
fn root_climbs_one_level_per_segment() {
    assert_eq!(root_of(""), "./");
    assert_eq!(root_of("lessons/"), "../");
    assert_eq!(root_of("practices/risk/register/"), "../../../");
}

#[test]
fn sanitizer_removes_scripts_but_keeps_markdown_output() {
    let html = "<h2 id=\"风险\">风险</h2><script>alert(1)</script><a href=\"javascript:x\">x</a>\
                    <input type=\"checkbox\" checked disabled><td style=\"text-align: center\">c</td>\
                    <img src=x onerror=alert(1)>";
    let clean = sanitizer().clean(html).to_string();
    assert!(!clean.contains("script"), "{clean}");
    assert!(!clean.contains("javascript"), "{clean}");
    assert!(!clean.contains("onerror"), "{clean}");
    assert!(clean.contains("id=\"风险\""), "{clean}");
    assert!(clean.contains("type=\"checkbox\""), "{clean}");
}
