//! A site's own template whose mistake shows up in a template of the built-in theme is
//! told in the site's file, at the line to change: the built-in ones are nowhere on disk.

mod common;

use common::{failing, Site};

const BUILTIN_PRACTICE: &str = include_str!("../themes/default/templates/practice.html");

/// A practice template copied from the theme with `page.kind_name` mistyped: the
/// built-in partial printing `eyebrow` was blamed, a file the author does not have.
#[test]
fn a_value_set_wrong_in_a_copied_template_is_told_where_it_is_set() {
    let copied = BUILTIN_PRACTICE.replace("page.kind_name", "page.kind_label");
    let line = copied
        .lines()
        .position(|l| l.contains("kind_label"))
        .unwrap()
        + 1;
    let column = copied.lines().nth(line - 1).unwrap().find("page.").unwrap() + 1;
    let m = failing("templates/practice.html", &copied);
    assert!(
        m.contains(&format!("templates/practice.html:{line}:{column}:")),
        "{m}"
    );
    assert!(m.contains("did you mean `kind_name`?"), "{m}");
    assert!(m.contains("`eyebrow`"), "{m}");
    assert!(
        !m.contains("<built-in theme>/templates/partials/document.html:"),
        "{m}"
    );
}

/// The `set` taken out of the copy: the include that needs it is named, in the site's
/// file, with the variable to set.
#[test]
fn a_value_no_longer_set_is_told_at_the_include_that_needs_it() {
    let copied: String = BUILTIN_PRACTICE
        .lines()
        .filter(|l| !l.contains("set eyebrow"))
        .map(|l| format!("{l}\n"))
        .collect();
    let line = copied
        .lines()
        .position(|l| l.contains("partials/document.html"))
        .unwrap()
        + 1;
    let m = failing("templates/practice.html", &copied);
    assert!(
        m.contains(&format!("templates/practice.html:{line}:")),
        "{m}"
    );
    assert!(m.contains("`eyebrow`"), "{m}");
    assert!(m.contains("partials/document.html"), "{m}");
    assert!(
        !m.contains("<built-in theme>/templates/partials/document.html:"),
        "{m}"
    );
}

/// A site's base.html without the blocks the built-in pages fill gave one error per
/// block of each built-in page (23 of them), every one in a file not on disk.
#[test]
fn a_base_without_the_themes_blocks_is_one_error_in_it() {
    let site = Site::fixture("basic");
    site.write(
        "templates/base.html",
        "<!doctype html>\n<html><body>\n{% block content %}{% endblock content %}\n</body></html>\n",
    );
    let m = site.build_err();
    let errors: Vec<&str> = m.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{m}");
    assert!(m.contains("templates/base.html:1:1:"), "{m}");
    assert!(m.contains("`title`") && m.contains("`head`"), "{m}");
    assert!(!m.contains("`content`"), "{m}");
    assert!(!m.contains("<built-in theme>"), "{m}");
    assert!(m.contains("{% block title %}{% endblock title %}"), "{m}");
}

/// Tera 1's `{% import "macros.html" as m %}` above `{% extends %}` was "a tag Tera does
/// not know here": it says what pmo's templates have instead, and that `extends` comes
/// first.
#[test]
fn an_import_of_macros_says_what_to_write_instead() {
    let m = failing(
        "templates/practice.html",
        "{% import \"macros.html\" as m %}\n{% extends \"base.html\" %}\n{% block content %}{{ page.title }}{% endblock content %}\n",
    );
    assert!(m.contains("templates/practice.html:1:4:"), "{m}");
    assert!(m.contains("`{% import %}`"), "{m}");
    assert!(m.contains("component"), "{m}");
    assert!(
        m.contains("`{% extends %}` must be the template's first tag"),
        "{m}"
    );
    // A misspelt tag is named, with the one meant.
    let m = failing(
        "templates/practice.html",
        "{% extends \"base.html\" %}\n{% block content %}{% incldue \"partials/toc.html\" %}{% endblock content %}\n",
    );
    assert!(m.contains("templates/practice.html:2:23:"), "{m}");
    assert!(m.contains("`incldue`") && m.contains("`include`"), "{m}");
}

/// In Chinese, the same messages (no English left from Tera).
#[test]
fn the_traced_messages_are_in_the_sites_language() {
    let site = Site::fixture("basic");
    site.write(
        "templates/practice.html",
        BUILTIN_PRACTICE.replace("page.kind_name", "page.kind_label"),
    );
    let failure = site.build().unwrap_err();
    let zh = failure.diagnostics[0]
        .message()
        .render(pmo_portal::messages::Lang::ZhCn);
    assert!(zh.contains("kind_name") && zh.contains("eyebrow"), "{zh}");
    assert!(!zh.contains(" is set "), "{zh}");
}
