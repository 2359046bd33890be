//! One test per class of bad input: each must end in a message naming the file, line
//! and column and saying what to do — never a panic, never a half-written site.

mod common;

use common::{failing, Site};

const LESSON_HEAD: &str =
    "---\ntitle: 测试\ndate: 2024-03-18\nproject: erp\nphase: execution\nimpact: negative\n";

#[test]
fn malformed_yaml() {
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}tags: [a, b\n---\n"),
    );
    assert!(
        m.contains("content/lessons/bad.md:7:7: invalid front matter: unclosed bracket"),
        "{m}"
    );
}

#[test]
fn unknown_field_with_suggestion() {
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}catgory: 采购\n---\n"),
    );
    assert!(
        m.contains("content/lessons/bad.md:7:1: unknown field `catgory`"),
        "{m}"
    );
    assert!(m.contains("did you mean `category`"), "{m}");
}

#[test]
fn wrong_type() {
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}tags: {{a: 1}}\n---\n"),
    );
    assert!(m.contains("content/lessons/bad.md:7:"), "{m}");
}

#[test]
fn bad_date() {
    let m = failing(
        "content/lessons/bad.md",
        "---\ntitle: 测试\ndate: 2024-02-30\nproject: erp\nphase: execution\nimpact: negative\n---\n",
    );
    assert!(m.contains("content/lessons/bad.md:3:7"), "{m}");
    assert!(m.contains("not a date"), "{m}");
}

#[test]
fn bad_enum_value() {
    let m = failing(
        "content/lessons/bad.md",
        "---\ntitle: 测试\ndate: 2024-03-18\nproject: erp\nphase: execution\nimpact: neutral\n---\n",
    );
    assert!(m.contains("content/lessons/bad.md:6:9"), "{m}");
    assert!(m.contains("positive") && m.contains("negative"), "{m}");
}

#[test]
fn missing_required_field() {
    let m = failing(
        "content/lessons/bad.md",
        "---\ntitle: 测试\ndate: 2024-03-18\n---\n",
    );
    assert!(m.contains("content/lessons/bad.md:"), "{m}");
    assert!(m.contains("missing required field `project`"), "{m}");
}

/// A required field left as the scaffold's hint (`# phase: execution`) was told to remove
/// the `#` and then "add `phase:` to the front matter", which the line contradicts (the
/// new-user walk-through): the values it takes follow instead.
#[test]
fn a_required_field_left_as_a_hint_is_not_told_to_be_added() {
    let m = failing(
        "content/lessons/bad.md",
        "---\ntitle: 供应商延期\ndate: 2024-03-18\nproject: erp\n# phase: execution   # required\nimpact: negative\n---\n\n正文。\n",
    );
    assert!(m.contains("bad.md:5:1"), "{m}");
    assert!(m.contains("remove the `#` at the start of the line"), "{m}");
    assert!(
        m.contains("it takes one of: initiation, planning, execution, monitoring, closing"),
        "{m}"
    );
    assert!(!m.contains("add `phase:`"), "{m}");
}

/// A missing field of a fixed vocabulary is told its words, so the author need not look
/// them up (the scaffold's hint line may have been deleted).
#[test]
fn a_missing_field_of_a_fixed_vocabulary_is_told_its_words() {
    let m = failing(
        "content/lessons/bad.md",
        "---\ntitle: 供应商延期\ndate: 2024-03-18\nproject: erp\n---\n",
    );
    assert!(
        m.contains("add `phase:` to the front matter, with one of: initiation, planning, execution, monitoring, closing"),
        "{m}"
    );
    assert!(
        m.contains("add `impact:` to the front matter, with one of: positive, negative"),
        "{m}"
    );
}

#[test]
fn unknown_project() {
    let m = failing(
        "content/lessons/bad.md",
        "---\ntitle: 测试\ndate: 2024-03-18\nproject: erp-upgrade\nphase: execution\nimpact: negative\n---\n",
    );
    assert!(m.contains("content/lessons/bad.md:4:10"), "{m}");
    assert!(m.contains("did you mean `erp`"), "{m}");
}

/// A lesson naming its project by the title or code people know it by (`ERP 升级`,
/// `PRJ-2024-007`) is told which folder that is; the help listed the folders alone.
#[test]
fn a_project_named_by_its_title_or_code_is_told_its_folder() {
    for name in ["ERP 升级", "prj-2024-007"] {
        let m = failing(
            "content/lessons/bad.md",
            format!("---\ntitle: 测试\ndate: 2024-03-18\nproject: {name}\nphase: execution\nimpact: negative\n---\n"),
        );
        assert!(m.contains("content/lessons/bad.md:4:10"), "{m}");
        assert!(
            m.contains(&format!(
                "`{name}` is the title or code of project `erp`: write `project: erp`"
            )),
            "{m}"
        );
    }
}

#[test]
fn broken_link() {
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}---\n\n正文\n\n见[登记册](../practices/risk/registr.md)。\n"),
    );
    assert!(
        m.contains("content/lessons/bad.md:11:2: broken link `../practices/risk/registr.md`"),
        "{m}"
    );
    assert!(m.contains("register.md"), "suggestion: {m}");
}

/// A one-shot build lets each page's text go once parsed and reads the file again to
/// point at a later stage's finding: the place must be the one an editor shows, BOM and
/// Windows line endings included, with the line quoted.
#[test]
fn a_link_error_found_after_loading_is_placed_in_a_crlf_file_with_a_bom() {
    let text = format!("{LESSON_HEAD}---\n\n正文\n\n见[登记册](../practices/risk/registr.md)。\n");
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/bad.md",
        format!("\u{feff}{}", text.replace('\n', "\r\n")),
    );
    let failure = site.build().unwrap_err();
    let m = common::messages(&failure);
    assert!(
        m.contains("content/lessons/bad.md:11:2: broken link `../practices/risk/registr.md`"),
        "{m}"
    );
    // The text the report quotes the line from is the file's, as loading read it.
    let at = failure.diagnostics[0].location.as_ref().unwrap();
    assert!(
        at.source[at.offset..].starts_with("[登记册](../practices/risk/registr.md)。\n"),
        "{:?}",
        &at.source[at.offset..]
    );
}

/// A link with the right file name and the wrong folder — the most common broken link,
/// written as if the target sat beside the page — is told the path that works from this
/// page; only same-folder names used to be offered, so it got no help, or the linking
/// page itself as a "did you mean".
#[test]
fn a_link_to_a_file_in_another_folder_is_told_the_path_from_here() {
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}---\n\n见[登记册](register.md)和[应对](risk/response.md)。\n"),
    );
    assert!(
        m.contains("content/practices/risk/register.md exists: from this page, link it as `../practices/risk/register.md`"),
        "{m}"
    );
    assert!(
        m.contains("link it as `../practices/risk/response.md`"),
        "{m}"
    );
    let m = failing(
        "content/practices/risk/bad.md",
        "---\ntitle: 测试\n---\n\n[x](bda.md)\n",
    );
    assert!(
        !m.contains("did you mean content/practices/risk/bad.md"),
        "{m}"
    );
}

/// A first-time author links a page by its title (`[风险应对策略](风险应对策略.md)`, or
/// without `.md`) and an image by its bare name while the file sits in `static/images/`:
/// both were told only where pages and attachments go, which she had not done wrong
/// in her eyes. The page with that title, and the file of that name, are named with the
/// link to write.
#[test]
fn a_link_by_a_pages_title_or_to_a_file_in_another_folder_names_it() {
    let site = Site::fixture("basic");
    site.write("static/images/甘特图.png", b"\x89PNG");
    site.write(
        "content/lessons/bad.md",
        format!(
            "{LESSON_HEAD}---\n\n见[应对](风险应对策略.md)和[登记册](风险登记册的维护)。\n\n![甘特图](甘特图.png)\n"
        ),
    );
    let m = site.build_err();
    assert!(
        m.contains("bad.md:9:2")
            && m.contains("content/practices/risk/response.md is titled 风险应对策略: a link names a page by its file, so link it as `../practices/risk/response.md`"),
        "{m}"
    );
    assert!(
        m.contains("content/practices/risk/register.md is titled 风险登记册的维护: a link names a page by its file, so link it as `../practices/risk/register.md`"),
        "{m}"
    );
    assert!(
        m.contains("bad.md:11:1")
            && m.contains("static/images/甘特图.png exists: link it as `/images/甘特图.png`"),
        "{m}"
    );
}

/// A page moved into a sub-folder (`lessons/2023/`) and linked from another folder at
/// its old place was offered a different page whose name looked alike
/// (`erp-benefit-baseline.md` for `erp-interface-vendor-delay.md`): following the help
/// built cleanly, with the link on the wrong lesson. The same file name, or the same
/// address, anywhere in content/ comes first.
#[test]
fn a_moved_page_is_found_by_its_name_before_any_look_alike() {
    let site = Site::fixture("basic");
    let moved =
        std::fs::read_to_string(site.root().join("content/lessons/vendor-delay.md")).unwrap();
    site.remove("content/lessons/vendor-delay.md");
    site.write("content/lessons/2023/vendor-delay.md", moved);
    site.write(
        "content/lessons/vendor-delays.md",
        format!("{LESSON_HEAD}---\n\n相似的名字。\n"),
    );
    site.write(
        "content/practices/risk/bad.md",
        "---\ntitle: 测试\n---\n\n[x](../../lessons/vendor-delay.md) [y](../../lessons/Vendor_Delay.md)\n",
    );
    let m = site.build_err();
    let told = "content/lessons/2023/vendor-delay.md exists: from this page, link it as `../../lessons/2023/vendor-delay.md`";
    // Both links of bad.md, the second by the address its name makes.
    assert_eq!(m.matches(told).count(), 2, "{m}");
    assert!(!m.contains("vendor-delays.md`"), "{m}");
}

/// An image or attachment linked with other upper and lower case than its file
/// (`流程.PNG` for `流程.png`), as Windows and macOS forgive and a web server does not, was
/// told only where attachments go; it is told the name the file has.
#[test]
fn an_attachment_linked_in_the_wrong_case_is_told_its_name() {
    let site = Site::fixture("basic");
    site.write("content/lessons/图片/流程图.png", b"\x89PNG");
    site.write(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}---\n\n![流程](图片/流程图.PNG)\n"),
    );
    let m = site.build_err();
    assert!(m.contains("bad.md:9:1"), "{m}");
    assert!(m.contains("write `图片/流程图.png`"), "{m}");
    assert!(m.contains("case"), "{m}");
    // A folder in the wrong case, under static/: the whole address, as the author wrote it.
    site.write("static/Files/模板.xlsx", b"PK");
    site.write(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}---\n\n[模板](/files/模板.XLSX)\n"),
    );
    let m = site.build_err();
    assert!(m.contains("write `/Files/模板.xlsx`"), "{m}");
}

/// "Did you mean" compared whole paths, so the shared folder made any name look close:
/// `nope.md` beside `_index.md` was asked "did you mean content/lessons/_index.md?". Only
/// file names are compared now.
#[test]
fn a_link_is_offered_only_a_file_name_close_to_its_own() {
    let m = failing(
        "content/practices/risk/bad.md",
        "---\ntitle: 测试\n---\n\n[x](nope.md)\n",
    );
    assert!(!m.contains("did you mean"), "{m}");
    let m = failing(
        "content/practices/risk/bad.md",
        "---\ntitle: 测试\n---\n\n[x](registr.md)\n",
    );
    assert!(
        m.contains("did you mean `register.md` (content/practices/risk/register.md)"),
        "{m}"
    );
    // From another folder, the suggestion is the link to write from there: pasting the
    // content/ path in failed again (the new-user walk-through).
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}---\n\n[x](../practices/risk/registr.md)\n"),
    );
    assert!(
        m.contains(
            "did you mean `../practices/risk/register.md` (content/practices/risk/register.md)"
        ),
        "{m}"
    );
    // A folder misspelt: its folder holds nothing to compare with (the third walk-through).
    let m = failing(
        "content/about2.md",
        "---\ntitle: 测试\n---\n\n[x](practice/_index.md)\n",
    );
    assert!(
        m.contains("did you mean `practices/_index.md` (content/practices/_index.md)"),
        "{m}"
    );
}

/// A link written `//intranet.example.com/x` (an address without its scheme, as some
/// editors copy them) was told "there is no file content//intranet…"; it is told to
/// write the whole address.
#[test]
fn a_link_without_its_scheme_is_told_to_write_the_whole_address() {
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}---\n\n见[制度](//intranet.example.com/rules/)。\n"),
    );
    assert!(m.contains("content/lessons/bad.md:9:2"), "{m}");
    assert!(
        m.contains("write the whole address, e.g. https://intranet.example.com/rules/"),
        "{m}"
    );
}

#[test]
fn broken_anchor() {
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}---\n[x](../practices/risk/register.md#no-such)\n"),
    );
    assert!(m.contains("content/lessons/bad.md:8:1"), "{m}");
    assert!(m.contains("no heading with the id `no-such`"), "{m}");
}

#[test]
fn link_escaping_the_site() {
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}---\n[x](../../../etc/passwd.md)\n"),
    );
    assert!(m.contains("content/lessons/bad.md:8:1"), "{m}");
    assert!(m.contains("leaves the content folder"), "{m}");
}

#[test]
fn javascript_link() {
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}---\n\n[x](javascript:alert(1))\n"),
    );
    assert!(m.contains("content/lessons/bad.md:9:1: unsafe link"), "{m}");
}

#[test]
fn csv_cell_that_is_not_a_number() {
    let m = failing(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,100,90,100\n2024-02,100,abc,90\n",
    );
    assert!(m.contains("content/projects/erp/budget.csv:3:13"), "{m}");
    assert!(
        m.contains("column `ev` holds `abc`, expected a number"),
        "{m}"
    );
}

#[test]
fn csv_with_a_short_row() {
    let m = failing(
        "content/projects/erp/risks.csv",
        "id,title,probability,impact,owner,status,response\nR1,x,3\n",
    );
    assert!(m.contains("content/projects/erp/risks.csv:2:1"), "{m}");
    // In words, not the CSV library's "record 1 (line: 2, byte: 50)".
    assert!(
        m.contains("line 2 has 3 fields, but the header has 7"),
        "{m}"
    );
    assert!(!m.contains("CSV error"), "{m}");
}

#[test]
fn a_csv_separated_by_semicolons_is_read_with_the_decimal_commas_excel_writes_there() {
    // A German Excel's "CSV UTF-8 (Comma delimited)": semicolons, decimal commas, dots
    // between thousands and the euro sign; the project is in CNY in the fixture, so no
    // sign may be read as its currency either: the figures alone are checked.
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/budget.csv",
        "period;pv;ev;ac\n2024-01;1.000.000,00 €;950.000,50 €;1.100.000,00 €\n2024-02;1.000.000,00 €;;\n",
    );
    site.build_ok();
    let page = site.read("projects/erp/index.html");
    assert!(page.contains("1,100,000"), "AC read as written");
    assert!(
        !page.contains(">1,100<"),
        "never a thousand times too small"
    );
}

/// A WBS column of the author's own (`1.1`, `1.2`) decided the whole file's decimal
/// mark: every right `50.000,00` beside it was refused (the seventh malformed hunt). A
/// column of points speaks for itself only.
#[test]
fn a_column_of_decimal_points_does_not_decide_the_amounts_beside_it() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/budget.csv",
        "wbs;period;pv;ev;ac\n1.1;2024-01;1.000.000,00;950.000,50;1.100.000,00\n\
         1.2;2024-02;1.000.000,00;;\n",
    );
    site.build_ok();
    let page = site.read("projects/erp/index.html");
    assert!(page.contains("1,100,000"), "AC read as written");
    // An accountant's negative in such a file is told what its own brackets mean, not
    // to write decimals with a point.
    let m = failing(
        "content/projects/erp/budget.csv",
        "period;pv;ev;ac\n2024-01;1.000,00;950,50;(1.234,56)\n",
    );
    assert!(m.contains("write `-1234.56`"), "{m}");
    assert!(!m.contains("write decimals with a point"), "{m}");
}

#[test]
fn a_semicolon_csv_whose_dots_nothing_explains_is_refused_with_both_readings() {
    let m = failing(
        "content/projects/erp/budget.csv",
        "period;pv;ev;ac\n2024-01;100.000;95000;98000\n",
    );
    assert!(m.contains("content/projects/erp/budget.csv:2:9"), "{m}");
    assert!(m.contains("`100.000` could be 100000"), "{m}");
    assert!(m.contains("or 100.000;"), "{m}");
    // A comma the same: the two readings were printed alike (`1.085 … or 1.085`).
    let m = failing(
        "content/projects/erp/budget.csv",
        "period;pv;ev;ac\n2024-01;1,085;95000;98000\n",
    );
    assert!(m.contains("`1,085` could be 1085"), "{m}");
    assert!(m.contains("or 1.085;"), "{m}");
}

#[test]
fn unclosed_front_matter() {
    let m = failing(
        "content/lessons/bad.md",
        "---\ntitle: 测试\n\n正文没有结束的分隔线\n",
    );
    assert!(m.contains("content/lessons/bad.md:1:1"), "{m}");
    assert!(m.contains("never closed"), "{m}");
}

#[test]
fn empty_file() {
    let m = failing("content/lessons/empty.md", "");
    assert!(
        m.contains("content/lessons/empty.md:1:1: no front matter"),
        "{m}"
    );
}

#[test]
fn binary_and_invalid_utf8_files() {
    let m = failing(
        "content/practices/blob.md",
        [0x89u8, b'P', b'N', b'G', 0, 0xff, 0xfe].as_slice(),
    );
    assert!(m.contains("content/practices/blob.md"), "{m}");
    assert!(m.contains("invalid UTF-8 at byte 0"), "{m}");
    let m = failing(
        "content/practices/gbk.md",
        b"---\ntitle: \xb7\xe7\xcf\xd5\n---\n".as_slice(),
    );
    assert!(m.contains("invalid UTF-8 at byte 11"), "{m}");
}

#[test]
fn template_syntax_error_in_an_override() {
    let m = failing(
        "templates/lesson.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title }{% endblock content %}",
    );
    assert!(m.contains("templates/lesson.html:2:"), "{m}");
}

/// A missing `{% endif %}` was reported at the `{% endblock %}` three lines below, as
/// "a tag Tera does not know here" (the second walk-through): the `if` left open is named.
#[test]
fn a_tag_left_open_is_named_where_it_opens() {
    let m = failing(
        "templates/lesson.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if page.title %}\n<h1>{{ page.title }}</h1>\n{% endblock content %}",
    );
    assert!(m.contains("templates/lesson.html:3:1"), "{m}");
    assert!(m.contains("`{% if %}` is never closed"), "{m}");
    assert!(m.contains("{% endif %}"), "{m}");
}

/// A misspelt field was given the whole list of fields, and a misspelt UI string all
/// three hundred keys of `t`, with no "did you mean" (the second walk-through).
#[test]
fn an_undefined_template_variable_is_offered_the_one_meant() {
    let m = failing(
        "templates/review.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.titel }}{% endblock content %}",
    );
    assert!(
        m.contains("`titel` is not defined here: did you mean `title`?"),
        "{m}"
    );
    let m = failing(
        "templates/review.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ t.zzqq_unknown }}{% endblock content %}",
    );
    let line = m
        .lines()
        .find(|l| l.contains("zzqq_unknown"))
        .unwrap_or_default();
    assert!(line.contains("fields there, e.g."), "{m}");
    assert!(
        line.matches(", ").count() < 45,
        "at most forty listed: {line}"
    );
}

/// A site's template with a loop inside a loop (`range(end=100000)` twice, or the pages
/// three times over) made the build run for days: it stops at the loop, saying what was
/// too much and what to do.
#[test]
fn a_template_looping_for_ever_is_stopped_at_its_loop() {
    let m = failing(
        "templates/review.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ page.title }}</p>\n\
         {% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}\n\
         {% endblock content %}",
    );
    assert!(m.contains("templates/review.html:4:33"), "{m}");
    assert!(
        m.contains("rendering content/reviews/erp-closure.md with templates/review.html ran more than 10,000,000 loop steps"),
        "{m}"
    );
    assert!(m.contains("a loop inside a loop multiplies"), "{m}");
    // In a list comprehension too.
    let m = failing(
        "templates/review.html",
        "{% extends \"base.html\" %}\n{% block content %}\n\
         {% for a in range(end=100000) %}{{ [b for b in range(end=100000) if b > a] | length }}{% endfor %}\n\
         {% endblock content %}",
    );
    assert!(m.contains("templates/review.html:3:36"), "{m}");
    assert!(m.contains("loop steps"), "{m}");
}

/// A loop repeating a long text wrote pages of gigabytes until memory ran out.
#[test]
fn a_template_writing_gigabytes_is_stopped_at_its_loop() {
    let m = failing(
        "templates/review.html",
        "{% extends \"base.html\" %}\n{% block content %}{% set_global s = \"x\" %}\
         {% for n in range(end=24) %}{% set_global s = s ~ s %}{% endfor %}\n\
         {% for a in range(end=1000) %}{{ s }}{% endfor %}{% endblock content %}",
    );
    assert!(m.contains("templates/review.html:3:1"), "{m}");
    assert!(m.contains("wrote more than 256 MB"), "{m}");
    assert!(m.contains("write it once"), "{m}");
}

/// Twenty-four `{% set s = s ~ s %}` in a row, no loop among them, built a text of
/// gigabytes (1.7 GB resident): the build stops at the `set` past the limit.
#[test]
fn a_template_setting_gigabytes_is_stopped_at_its_set() {
    // A review template setting `first` on line 2, then `doubling` 24 times, a line each.
    let doubled = |first: String, doubling: &str| {
        failing(
            "templates/review.html",
            format!(
                "{{% extends \"base.html\" %}}\n{{% block content %}}{first}\n{}{{% endblock content %}}",
                doubling.repeat(24)
            ),
        )
    };
    let x128 = "x".repeat(128);
    let m = doubled(
        format!("{{% set s = \"{x128}\" %}}"),
        "{% set s = s ~ s %}\n",
    );
    // 128 bytes doubled 19 times are 64 MiB, the limit; the 20th (line 22) is past it.
    assert!(m.contains("templates/review.html:22:1"), "{m}");
    assert!(
        m.contains("rendering content/reviews/erp-closure.md with templates/review.html built a value of more than 64 MB"),
        "{m}"
    );
    assert!(m.contains("doubles the text"), "{m}");
    // A block `set` writing its variable twice, and text inside a map, likewise.
    let m = doubled(
        format!("{{% set s = \"{x128}\" | safe %}}"),
        "{% set s %}{{ s }}{{ s }}{% endset %}\n",
    );
    assert!(m.contains("templates/review.html:22:1"), "{m}");
    assert!(m.contains("built a value of more than 64 MB"), "{m}");
    // Its key's byte is counted too: 127 bytes doubled, plus one.
    let m = doubled(
        format!("{{% set m = {{\"a\": \"{}\"}} %}}", "x".repeat(127)),
        "{% set m = {\"a\": m.a ~ m.a} %}\n",
    );
    assert!(m.contains("templates/review.html:22:1"), "{m}");
    // Lists of lists share their items without copying them, but a `join` would not.
    let m = failing(
        "templates/review.html",
        "{% extends \"base.html\" %}\n{% block content %}{% set s = \"x\" %}\n\
         {% for n in range(end=40) %}{% set_global s = [s, s] %}{% endfor %}{% endblock content %}",
    );
    assert!(m.contains("templates/review.html:3:"), "{m}");
    assert!(m.contains("built a value of more than 64 MB"), "{m}");
}

/// A map put inside itself in a loop nested a million deep, which overflows the stack
/// when it is dropped or printed.
#[test]
fn a_template_nesting_a_value_for_ever_is_stopped() {
    let m = failing(
        "templates/review.html",
        "{% extends \"base.html\" %}\n{% block content %}{% set_global m = {} %}\n\
         {% for n in range(end=100000) %}{% set_global m = {\"a\": m} %}{% endfor %}{% endblock content %}",
    );
    assert!(m.contains("templates/review.html:3:"), "{m}");
    assert!(m.contains("nested more than 100 deep"), "{m}");
}

/// One `{{ }}` writing a list of a hundred thousand long texts made the whole list's text
/// (3 TB) before writing it: the list is stopped where it is made.
#[test]
fn a_list_repeating_a_long_text_is_stopped_where_it_is_made() {
    let m = failing(
        "templates/review.html",
        format!(
            "{{% extends \"base.html\" %}}\n{{% block content %}}{{% set s = \"{}\" %}}\n\
             {{% for n in range(end=16) %}}{{% set_global s = s ~ s %}}{{% endfor %}}\n\
             {{{{ [s for x in range(end=100000)] }}}}{{% endblock content %}}",
            "x".repeat(512)
        ),
    );
    assert!(m.contains("templates/review.html:4:4"), "{m}");
    assert!(m.contains("built a value of more than 64 MB"), "{m}");
    assert!(m.contains("a list repeating a long text"), "{m}");
}

/// A `{% set %}` block around a loop repeated a text in memory, where no write to the page
/// and no value set is counted until the block ends: `pmo` stops the render once its
/// thread's heap grew by a gigabyte, at the loop it was in.
#[test]
fn a_template_repeating_a_text_in_memory_is_stopped_at_its_loop() {
    let site = Site::fixture("basic");
    site.write(
        "templates/review.html",
        format!(
            "{{% extends \"base.html\" %}}\n{{% block content %}}{{% set s = \"{}\" %}}\n\
             {{% for n in range(end=16) %}}{{% set_global s = s ~ s %}}{{% endfor %}}\n\
             {{% set x %}}{{% for a in range(end=100000) %}}{{{{ s }}}}{{% endfor %}}{{% endset %}}{{% endblock content %}}",
            "x".repeat(512)
        ),
    );
    let root = site.root().to_str().unwrap();
    let out = common::pmo(&["build", "--root", root]);
    let m = common::stderr(&out);
    assert!(!out.status.success(), "{m}");
    assert!(m.contains("templates/review.html:4:12"), "{m}");
    assert!(m.contains("took more than 1024 MB of memory"), "{m}");
    // Between two places where the render could stop, it is refused memory past 4 GB.
    site.write(
        "templates/review.html",
        format!(
            "{{% extends \"base.html\" %}}\n{{% block content %}}{{% set s = \"{}\" %}}\n\
             {{% set t = s | replace(from=\"x\", to=s) %}}{{% set u = t | replace(from=\"x\", to=s) %}}{{% endblock content %}}",
            "x".repeat(1 << 16)
        ),
    );
    let out = common::pmo(&["build", "--root", root]);
    let m = common::stderr(&out);
    assert!(!out.status.success(), "{m}");
    assert!(m.contains("memory allocation of"), "{m}");
}

/// Loops as long as a real theme's, in a template of the site's own, render as written.
#[test]
fn long_loops_within_the_budget_render_as_written() {
    let site = Site::fixture("basic");
    site.write(
        "templates/review.html",
        "{% extends \"base.html\" %}\n{% block content %}<p id=\"n\">\
         {%- set_global n = 0 %}{% for a in range(end=100000) %}{% set_global n = n + 1 %}{% endfor -%}\
         {%- for p in page.breadcrumbs %}{% for q in page.breadcrumbs %}{% for r in page.breadcrumbs %}.{% endfor %}{% endfor %}{% endfor -%}\
         {{ n }} {{ [x for x in range(end=1000) if x > 998] }}</p>{% endblock content %}",
    );
    site.build_ok();
    let html = site.read("reviews/erp-closure/index.html");
    assert!(html.contains("100000 [999]</p>"), "{html}");
}

#[test]
fn template_rendering_error_names_template_and_page() {
    let m = failing("templates/review.html", "{% extends \"base.html\" %}\n{% block content %}{{ page.no_such_field.deeper }}{% endblock content %}");
    assert!(m.contains("templates/review.html:2:"), "{m}");
    assert!(m.contains("content/reviews/erp-closure.md"), "{m}");
}

/// An error inside a partial that the page's template includes names that template too:
/// the partial is where the variable is read, the template often where it is no longer
/// set (a line deleted from an override).
#[test]
fn a_rendering_error_in_a_partial_names_the_template_that_includes_it() {
    let site = Site::fixture("basic");
    site.write(
        "templates/review.html",
        "{% extends \"base.html\" %}\n{% block content %}{% include \"partials/提要.html\" %}{% endblock content %}",
    );
    site.write("templates/partials/提要.html", "<p>{{ eyebrow }}</p>\n");
    let m = site.build_err();
    assert!(m.contains("templates/partials/提要.html:1:"), "{m}");
    assert!(m.contains("content/reviews/erp-closure.md"), "{m}");
    assert!(m.contains("with templates/review.html"), "{m}");
}

/// The mistakes people make by hand in TOML and YAML — text without quotes, a quote left
/// open, `: ` or a leading sign in a value, a tab, a key written twice — are named by what
/// was done, at the place it was done, with the line as it should be; never in the
/// parser's grammar words (`mapping values are not allowed in this context`).
#[test]
fn toml_and_yaml_syntax_mistakes_are_told_by_what_was_typed() {
    let cases: &[(&str, String, &str, &str)] = &[
        (
            "site.toml",
            "title = PMO 门户\nlanguage = \"zh-CN\"\n".to_string(),
            "site.toml:1:9: invalid site.toml: the text `PMO 门户` is not in quotes",
            "`title = \"PMO 门户\"`",
        ),
        (
            "content/lessons/bad.md",
            format!("{LESSON_HEAD}category: 沟通: 管理\n---\n"),
            "bad.md:7:13: invalid front matter: a value holds `: `",
            "`category: \"沟通: 管理\"`",
        ),
        (
            "content/lessons/bad.md",
            format!("{LESSON_HEAD}summary: *重点* 在前\n---\n"),
            "bad.md:7:10: invalid front matter: a value starts with `*`",
            "`summary: \"*重点* 在前\"`",
        ),
        (
            "content/lessons/bad.md",
            format!("{LESSON_HEAD}\tcategory: 采购\n---\n"),
            "bad.md:7:1: invalid front matter: a tab character",
            "replace the tab with spaces",
        ),
        (
            "content/lessons/bad.md",
            format!("{LESSON_HEAD}summary: \"没有闭合\ncategory: 采购\n---\n"),
            "bad.md:7:10: invalid front matter: a quote is opened and not closed",
            "end the value with the quote it starts with",
        ),
        (
            "content/lessons/bad.md",
            "+++\ntitle = \"测试\"\ndate = 2024-03-18\nproject = \"erp\"\nphase = \"execution\"\n\
             impact = \"negative\"\ntitle = \"又一个\"\n+++\n"
                .to_string(),
            "bad.md:7:1: invalid front matter: `title` is written twice",
            "keep one of the two `title` lines",
        ),
        (
            "content/reports/chart.md",
            "---\ntitle: 图\n---\n\n```chart\ntype = \"bar\"\ndata = portfolio\n```\n".to_string(),
            "chart.md:7:8: invalid chart block: the text `portfolio` is not in quotes",
            "`data = \"portfolio\"`",
        ),
        (
            "data/teams.yaml",
            "- name: 甲\n  size: 3\n\t size: 4\n".to_string(),
            "teams.yaml:3:1: invalid data: a tab character",
            "replace the tab with spaces",
        ),
    ];
    for (file, text, problem, help) in cases {
        let m = failing(file, text);
        assert!(m.contains(problem), "{file}: {problem}\n{m}");
        assert!(m.contains(help), "{file}: {help}\n{m}");
    }
}

/// The rarer grammar slips — a table heading left open, a number TOML does not read, an
/// escape it does not know, a front matter that is a list, a YAML type tag — are told in
/// words with a fix too, never in the parser's own (`unclosed table, expected `]``,
/// `expected mapping start`, `wanted exactly 1 element`).
#[test]
fn rarer_grammar_slips_are_told_in_words() {
    let chart = |spec: &str| format!("---\ntitle: 图\n---\n\n```chart\n{spec}\n```\n");
    let cases: &[(&str, String, &str, &str)] = &[
        (
            "site.toml",
            "title = \"x\"\n[thresholds\ncpi_green = 1.0\n".to_string(),
            "site.toml:2:12: invalid site.toml: a table heading is not written as `[name]`",
            "`[thresholds]`",
        ),
        (
            "content/reports/chart.md",
            chart("type = \"bar\"\ndata = \"portfolio\"\nlimit = 007"),
            "invalid chart block: `007` is not a number TOML reads",
            "`code = \"007\"`",
        ),
        (
            "content/reports/chart.md",
            chart("type = \"bar\"\ntitle = \"D:\\资料\""),
            "invalid chart block: a backslash starts an escape TOML does not know",
            "single quotes",
        ),
        (
            "content/reports/chart.md",
            chart("= \"bar\""),
            "invalid chart block: this line has no key before `=`",
            "`key = value`",
        ),
        (
            "content/reports/chart.md",
            chart("[type]"),
            "invalid chart block: wrong kind of value: found a group of named fields, expected one value",
            "",
        ),
        (
            "content/reports/chart.md",
            chart("type = inf\ndata = \"portfolio\""),
            "invalid chart block: wrong kind of value: expected text in quotes",
            "",
        ),
        (
            "content/lessons/bad.md",
            "---\n[甲, 乙]\n---\n正文\n".to_string(),
            "invalid front matter: the front matter is not written as fields",
            "`category: procurement`",
        ),
        (
            "content/lessons/bad.md",
            format!("{LESSON_HEAD}summary: !!int 五\n---\n"),
            "invalid front matter: a value starts with `!`, which YAML reads as a type tag",
            "`summary: \"!!int 五\"`",
        ),
    ];
    for (file, text, problem, help) in cases {
        let m = failing(file, text);
        assert!(m.contains(problem), "{file}: {problem}\n{m}");
        assert!(m.contains(help), "{file}: {help}\n{m}");
        for jargon in [
            "expected `",
            "expected mapping",
            "wanted exactly",
            "wanted string",
            "unclosed table",
        ] {
            assert!(!m.contains(jargon), "{file}: {jargon}\n{m}");
        }
    }
}

/// A site.toml key naming a folder or table that does not exist is found only after the
/// file was read; it is still told at its line, like every other site.toml mistake.
#[test]
fn site_toml_keys_naming_nothing_are_told_at_their_line() {
    let head =
        "title = \"测试门户\"\nlanguage = \"zh-CN\"\naudiences = [\"public\", \"internal\"]\n";
    let m = failing(
        "site.toml",
        format!("{head}[audience_defaults]\n\"practices/vender\" = \"internal\"\n"),
    );
    assert!(
        m.contains(
            "site.toml:5:2: invalid site.toml: [audience_defaults] names `practices/vender`"
        ),
        "{m}"
    );
    let m = failing(
        "site.toml",
        format!("{head}[currency]\nportfolio = \"CNY\"\nrates_table = \"汇率\"\n"),
    );
    assert!(
        m.contains("site.toml:6:1: invalid site.toml: `rates_table = \"汇率\"` names no table"),
        "{m}"
    );
}

#[test]
fn bad_site_toml() {
    let m = failing("site.toml", "title = \"x\"\nlanguage = \"fr\"\n");
    assert!(m.contains("site.toml:2:12"), "{m}");
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/a.md",
        format!("{LESSON_HEAD}colour: red\n---\n"),
    );
    site.write(
        "content/lessons/b.md",
        format!("{LESSON_HEAD}---\n[x](nowhere.md)\n"),
    );
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\nA,2024-13-01,,\n",
    );
    let m = site.build_err();
    assert!(m.contains("content/lessons/a.md:7:1"), "{m}");
    assert!(m.contains("content/lessons/b.md:8:1"), "{m}");
    assert!(m.contains("content/projects/erp/milestones.csv:2:3"), "{m}");
}

#[test]
fn closed_project_without_review_is_a_warning_only() {
    let site = Site::fixture("basic");
    site.remove("content/reviews/erp-closure.md");
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.iter().any(|w| w.contains("content/projects/erp/index.md") && w.contains("no closure review")), "{warnings:?}");
}

#[test]
fn two_files_with_the_same_url() {
    let m = failing(
        "content/lessons/Vendor Delay.md",
        format!("{LESSON_HEAD}---\n"),
    );
    assert!(m.contains("URL /lessons/vendor-delay/"), "{m}");
}

/// A folder whose name differs from another's only in case, or a page named like a
/// folder beside it, wants the folder's list address: the build failed while writing,
/// naming only the output file (`practices/index.html`). The sources are named.
#[test]
fn a_folder_and_another_folder_or_page_with_one_list_address() {
    let page = "---\ntitle: 计划\n---\n\n正文。\n";
    let m = failing("content/Practices/计划.md", page);
    assert!(
        m.contains("content/practices/_index.md:1:1: the folders content/Practices and content/practices both make the list at /practices/"),
        "{m}"
    );
    assert!(!m.contains("index.html"), "{m}");
    let site = Site::fixture("basic");
    site.write("content/模板.md", page);
    site.write("content/模板/清单.md", page);
    let m = site.build_err();
    assert!(
        m.contains("content/模板.md:1:1: this page wants the URL /模板/, where the folder content/模板 has its list"),
        "{m}"
    );
    assert!(!site.public().exists());
}

/// `café.md` saved once with `é` as one character (NFC) and once as `e` and an accent
/// (NFD, as a Mac names files) were two pages whose names look identical, and one file
/// once copied to a Mac. Refused for pages, folders, attachments and static files alike.
#[test]
#[cfg_attr(target_os = "macos", ignore = "a Mac keeps one file of the two names")]
fn names_that_differ_only_in_unicode_normalisation_are_refused() {
    let (nfc, nfd) = ("caf\u{e9}", "cafe\u{301}");
    let site = Site::fixture("basic");
    let page = "---\ntitle: 咖啡角复盘\n---\n\n正文。\n";
    site.write(
        &format!("content/lessons/{nfc}.md"),
        format!("{LESSON_HEAD}---\n"),
    );
    site.write(
        &format!("content/lessons/{nfd}.md"),
        format!("{LESSON_HEAD}---\n"),
    );
    site.write(&format!("content/reports/{nfc}/a.md"), page);
    site.write(&format!("content/reports/{nfd}/a.md"), page);
    site.write(&format!("content/reports/{nfc}.pdf"), "%PDF-1.4");
    site.write(&format!("content/reports/{nfd}.pdf"), "%PDF-1.4");
    site.write(&format!("static/{nfc}.css"), "p{}");
    site.write(&format!("static/{nfd}.css"), "p{}");
    let m = site.build_err();
    for (later, earlier, what) in [
        (
            format!("content/lessons/{nfc}.md"),
            format!("content/lessons/{nfd}.md"),
            "file",
        ),
        (
            format!("content/reports/{nfc}"),
            format!("content/reports/{nfd}"),
            "folder",
        ),
        (
            format!("content/reports/{nfc}.pdf"),
            format!("content/reports/{nfd}.pdf"),
            "file",
        ),
        (
            format!("static/{nfc}.css"),
            format!("static/{nfd}.css"),
            "file",
        ),
    ] {
        assert!(
            m.contains(&format!("{later}: the names of this {what} and of {earlier} differ only in Unicode normalisation")),
            "{later}: {m}"
        );
    }
    // The folders are told once, not again for the page inside each.
    assert!(!m.contains(&format!("content/reports/{nfc}/a.md")), "{m}");
    assert!(!site.public().exists());

    // Chinese names have one form: simplified beside traditional is two names.
    let site = Site::fixture("basic");
    site.write("content/reports/风险复盘.md", page);
    site.write("content/reports/風險復盤.md", page);
    site.write("static/风险.css", "p{}");
    site.build_ok();
    assert!(site.exists("reports/风险复盘/index.html"));
    assert!(site.exists("reports/風險復盤/index.html"));
}

/// A page a Mac saved as `résumé.md` (`e` and an accent, NFD) and a link typed
/// `résumé.md` (NFC, as other keyboards type it): the link was broken, its help
/// suggesting the very name written, and the page's address was `re-sume`.
#[test]
#[cfg_attr(target_os = "macos", ignore = "a Mac normalises the names it is given")]
fn a_link_finds_a_page_whose_file_name_is_in_the_other_unicode_form() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/re\u{301}sume\u{301} guide.md",
        "---\ntitle: Résumé 指南\n---\n\n正文。\n",
    );
    site.write(
        "content/reports/links.md",
        "---\ntitle: 链接\n---\n\n见[指南](r\u{e9}sum\u{e9}%20guide.md)。\n",
    );
    site.build_ok();
    let links = site.read("reports/links/index.html");
    assert!(
        links.contains("href=\"../../reports/r\u{e9}sum\u{e9}-guide/\""),
        "{links}"
    );
    assert!(site
        .public()
        .join("reports/r\u{e9}sum\u{e9}-guide/index.html")
        .exists());
}

/// A section whose `_index.md` was deleted or moved still has its list, which the build
/// makes for the folder; links to `practices/_index.md` were broken, their help
/// suggesting `projects/_index.md`. They reach the list now.
#[test]
fn a_link_to_a_sections_missing_index_reaches_its_list() {
    let site = Site::fixture("basic");
    site.remove("content/practices/_index.md");
    site.write(
        "content/reports/links.md",
        "---\ntitle: 链接\n---\n\n见[最佳实践](../practices/_index.md#top)。\n",
    );
    site.build_ok();
    let links = site.read("reports/links/index.html");
    assert!(links.contains("href=\"../../practices/#top\""), "{links}");
    assert!(site.exists("practices/index.html"));
    // A folder that makes no list is still a broken link.
    site.write(
        "content/reports/links.md",
        "---\ntitle: 链接\n---\n\n见[资料](../nothing/_index.md)。\n",
    );
    let m = site.build_err();
    assert!(m.contains("there is no content/nothing/_index.md"), "{m}");
}

/// Inputs that have crashed other generators: each must give diagnostics or a build,
/// never a panic.
#[test]
fn hostile_inputs_never_panic() {
    let cases: &[&[u8]] = &[
        b"",
        b"---",
        b"---\n---\n",
        b"+++\n+++\n",
        b"\xef\xbb\xbf",
        b"\x00\x00\x00\x00",
        b"---\n\x00: \x01\n---\n",
        b"---\ntitle: &a [*a]\n---\n",
        b"---\na: &a [x,x,x,x]\nb: &b [*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b]\nd: [*c,*c,*c,*c]\n---\n",
        b"---\ntitle: x\ndate: 99999-01-01\n---\n",
        b"---\ntitle: x\ntags: [[[[[[[[[[]]]]]]]]]]\n---\n",
        b"---\ntitle: \"x\ndate: 2024-01-01\n---\n",
        b"+++\ntitle = 'x'\ndate = 2024-01-01T25:00:00\n+++\n",
        b"---\ntitle: x\n---\n[a](<>) [b]() [c](#) [d](%zz.md) [e](../../../../x) [f](/) ![g](nope.png)\n",
        b"---\ntitle: x\n---\n# \n## \n### {#}\n[^x]\n\n[^x]: y\n",
        b"---\r\ntitle: x\r---\r\n",
        b"---\ntitle: x\n---\n<div><script>while(1){}</script>\n",
        b"---\ntitle: x\n---\n```chart\n```\n",
        b"---\ntitle: x\n---\n```chart\ntype = \"heatmap\"\ndata = \"portfolio\"\nx = \"cpi\"\ny = \"spi\"\nrules = [nan, inf, -inf]\nlimit = 0\n```\n",
        b"---\ntitle: x\n---\n```chart\ntype = \"scatter\"\ndata = \"lessons\"\nx = \"title\"\naggregate = \"mean\"\ncumulative = true\n```\n",
        b"---\ntitle: x\n---\n```chart\ntype = \"area\"\ndata = \"risks\"\nx = \"id\"\ny = [\"exposure\", \"exposure\"]\nseries = \"project\"\nsort = \"-\"\n```\n",
        b"---\ntitle: x\n---\n```table\ndata = \"portfolio\"\ncolumns = []\nheaders = [\"a\", \"b\", \"c\"]\n```\n",
        b"---\ntitle: x\n---\n```chart\n\x00\xff\n```\n",
    ];
    for (i, case) in cases.iter().enumerate() {
        for dir in ["practices", "lessons", "reviews", "reports", "projects/erp"] {
            let site = Site::fixture("basic");
            let rel = if dir == "projects/erp" {
                "content/projects/erp/index.md".to_string()
            } else {
                format!("content/{dir}/case-{i}.md")
            };
            site.write(&rel, case);
            // Either outcome is fine; a panic fails the test.
            let _ = site.build();
        }
    }
    for case in [
        "period,pv,ev,ac\n\"2024-01,1,2,3\n",
        "period,pv\n2024-01,1e308\n2024-02,1e308\n",
        "period,pv\n2024-01,NaN\n",
        "\u{feff}period,pv,ev,ac\r\n2024-01,1,2,3\r\n",
        "",
    ] {
        let site = Site::fixture("basic");
        site.write("content/projects/erp/budget.csv", case);
        let _ = site.build();
    }
}

#[test]
fn xlsx_cell_errors_name_sheet_and_cell() {
    let site = Site::fixture("basic");
    let root = site.root().to_path_buf();
    let data = pmo_portal::load_tables(
        &root,
        &[],
        &pmo_portal::Bases::default(),
        &pmo_portal::diagnostics::Diagnostics::default(),
    );
    let e = data.tables["departments"]
        .number(0, 1)
        .unwrap_err()
        .to_string();
    assert!(e.contains("data/departments.xlsx"), "{e}");
    assert!(
        e.contains("部门!B2: column `head` holds `王芳`, expected a number"),
        "{e}"
    );
}

fn report(block: &str) -> String {
    failing(
        "content/reports/bad-chart.md",
        format!("---\ntitle: 图表\n---\n\n段落。\n\n```chart\n{block}```\n"),
    )
}

#[test]
fn chart_block_with_an_unknown_field() {
    let m = report("type = \"bar\"\ndata = \"portfolio\"\nx = \"title\"\ncolour = \"red\"\n");
    assert!(m.contains("content/reports/bad-chart.md:11:1"), "{m}");
    assert!(m.contains("unknown field `colour`"), "{m}");
}

#[test]
fn chart_block_with_a_bad_type() {
    let m = report("type = \"pie\"\ndata = \"portfolio\"\nx = \"title\"\n");
    assert!(m.contains("content/reports/bad-chart.md:8:8"), "{m}");
    assert!(m.contains("stacked-bar"), "{m}");
    assert!(!m.contains("did you mean"), "nothing is near `pie`: {m}");
}

/// A chart type one letter off is told the type it was near.
#[test]
fn chart_block_with_a_misspelt_type() {
    let m = report("type = \"lines\"\ndata = \"portfolio\"\nx = \"title\"\n");
    assert!(m.contains("content/reports/bad-chart.md:8:8"), "{m}");
    assert!(m.contains("did you mean `line`?"), "{m}");
}

#[test]
fn chart_block_naming_an_unknown_column() {
    let m = report("type = \"bar\"\ndata = \"portfolio\"\nx = \"title\"\ny = \"budget\"\n");
    assert!(m.contains("content/reports/bad-chart.md:11:1"), "{m}");
    assert!(m.contains("`y` names the column `budget`"), "{m}");
}

#[test]
fn chart_block_plotting_text() {
    let m = report("type = \"bar\"\ndata = \"portfolio\"\nx = \"code\"\ny = \"title\"\n");
    assert!(m.contains("content/reports/bad-chart.md:11:1"), "{m}");
    assert!(m.contains("needs a column of numbers"), "{m}");
}

#[test]
fn chart_block_naming_an_unknown_table() {
    let m = report("type = \"bar\"\ndata = \"portfolo\"\nx = \"title\"\ny = \"bac\"\n");
    assert!(m.contains("content/reports/bad-chart.md:9:1"), "{m}");
    assert!(m.contains("did you mean `portfolio`"), "{m}");
}

#[test]
fn markdown_not_spelt_dot_md_is_refused_not_published_raw() {
    let m = failing(
        "content/lessons/upper.MD",
        format!("{LESSON_HEAD}---\n正文\n"),
    );
    assert!(m.contains("content/lessons/upper.MD"), "{m}");
    assert!(m.contains("would be published as raw Markdown"), "{m}");
}

#[test]
fn a_section_index_cannot_be_a_draft() {
    let m = failing(
        "content/practices/risk/_index.md",
        "---\ntitle: 风险\ndraft: true\n---\n",
    );
    assert!(
        m.contains("content/practices/risk/_index.md:3:1: unknown field `draft`"),
        "{m}"
    );
    assert!(m.contains("cannot be a draft"), "{m}");
}

#[test]
fn yaml_1_1_booleans_and_impossible_dates_get_their_own_help() {
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}draft: yes\n---\n"),
    );
    assert!(m.contains("bad.md:7:8"), "{m}");
    assert!(m.contains("write `true` or `false`"), "{m}");
    let m = failing(
        "content/lessons/bad.md",
        "---\ntitle: 测试\ndate: 2026-13-45\nproject: erp\nphase: execution\nimpact: negative\n---\n",
    );
    assert!(m.contains("there is no month 13"), "{m}");
    assert!(!m.contains("write dates as YYYY-MM-DD"), "{m}");
}

#[test]
fn drafts_are_checked_as_warnings_and_counted() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/unfinished.md",
        "---\ntitle: 未完成\ndate: 2024-06-01\nproject: erp\nphase: closng\nimpact: positive\ndraft: true\n---\n",
    );
    let report = site.build_ok();
    assert_eq!(report.drafts_skipped, 2, "the fixture's draft and this one");
    let warning = report
        .warnings
        .iter()
        .map(ToString::to_string)
        .find(|w| w.contains("unfinished.md"))
        .expect("the draft's problem is a warning");
    assert!(warning.contains("unfinished.md:5:8"), "{warning}");
    assert!(
        report.warnings.iter().any(|w| w
            .help
            .as_deref()
            .is_some_and(|h| h.to_string().contains("is a draft"))),
        "{:?}",
        report.warnings
    );
    assert!(!site.exists("lessons/unfinished/index.html"));
}

#[test]
fn a_static_file_or_attachment_at_a_page_path_is_an_error() {
    let m = failing("static/index.html", "<p>mine</p>");
    assert!(m.contains("static/index.html"), "{m}");
    assert!(
        m.contains("would replace the page the build writes at /index.html"),
        "{m}"
    );
    let m = failing("static/lessons/index.html", "<p>mine</p>");
    assert!(m.contains("/lessons/index.html"), "{m}");
    let m = failing("content/about/index.html", "<p>mine</p>");
    assert!(m.contains("content/about/index.html"), "{m}");
    // The same file in static/ and beside the pages.
    let site = Site::fixture("basic");
    site.write("static/files/plan.pdf", "a");
    site.write("content/files/plan.pdf", "b");
    let m = site.build_err();
    assert!(m.contains("content/files/plan.pdf"), "{m}");
}

/// A title of characters that show nothing (a zero-width space or a byte order mark
/// pasted with it) passed as a title, and the page was listed as a link with no text.
#[test]
fn a_title_of_invisible_characters_is_empty() {
    for title in ["\u{200B}", "\u{FEFF} \u{200D}", "\u{3000}"] {
        let m = failing(
            "content/practices/blank.md",
            format!("---\ntitle: \"{title}\"\n---\n\n正文。\n"),
        );
        assert!(m.contains("content/practices/blank.md:2:"), "{m}");
        assert!(m.contains("the title is empty"), "{m}");
    }
    let site = Site::fixture("basic");
    site.write("site.toml", "title = \"\u{200B}\"\nlanguage = \"zh-CN\"\n");
    assert!(site.build_err().contains("the site's title is empty"));
}

#[test]
fn base_url_and_theme_are_checked_at_their_line() {
    let site = Site::fixture("basic");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    for (line, what) in [
        (
            "base_url = \"javascript:alert(1)//\"",
            "it must start with https://, http:// or file://",
        ),
        ("base_url = \"https://\"", "names no host"),
        // The 404 page's root-relative links became `//evil.test/js/search.js`.
        (
            "base_url = \"https://pmo.example.com//evil.test/\"",
            "has `//` in its path",
        ),
        (
            "base_url = \"file:////evil.test/share/\"",
            "has `//` in its path",
        ),
        (
            "base_url = \"https://a.example/pmo?x=1\"",
            "has a query or a fragment",
        ),
        (
            "base_url = \"https://a.example/pmo/#top\"",
            "has a query or a fragment",
        ),
        ("title = \" \"", "the site's title is empty"),
        (
            "base_url = \"https://a.example/x\\\" y\"",
            "which no address may",
        ),
        ("theme = \"../elsewhere\"", "is not a folder name"),
        ("theme = \"/etc\"", "is not a folder name"),
        (
            "theme = \"corporate\"",
            "there is no folder themes/corporate/",
        ),
    ] {
        let key = line.split(' ').next().unwrap();
        let kept: Vec<&str> = toml.lines().filter(|l| !l.starts_with(key)).collect();
        let text = format!("{}\n{line}\n", kept.join("\n"));
        let at = format!("site.toml:{}:1", kept.len() + 1);
        site.write("site.toml", &text);
        let m = site.build_err();
        assert!(m.contains(what), "{line}: {m}");
        assert!(m.contains(&at), "{line}: {m}");
    }
}

/// Files to write, the place the error must name, and what it must say.
type TemplateCase = (
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
);

#[test]
fn template_errors_name_their_file_and_place() {
    let cases: &[TemplateCase] = &[
        (
            &[("templates/page.html", "{{ page.title | nosuchfilter }}")],
            "templates/page.html:1:17",
            "there is no filter `nosuchfilter`",
        ),
        (
            &[
                (
                    "templates/partials/loop.html",
                    "{% include \"partials/loop.html\" %}",
                ),
                (
                    "templates/page.html",
                    "{% include \"partials/loop.html\" %}",
                ),
            ],
            "templates/partials/loop.html:1:12",
            "`partials/loop.html` includes itself",
        ),
        (
            &[("templates/page.html", "{% extends \"missing.html\" %}")],
            "templates/page.html:1:12",
            "`page.html` extends `missing.html`, which is no template",
        ),
        (
            &[("templates/page.html", "{% extends \"page.html\" %}")],
            "templates/page.html:1:4",
            "`page.html` extends itself",
        ),
        (
            &[("templates/base.html", "")],
            "templates/base.html",
            "base.html is empty",
        ),
    ];
    for (files, place, what) in cases {
        let site = Site::fixture("basic");
        for (rel, text) in *files {
            site.write(rel, text);
        }
        let m = site.build_err();
        assert!(m.contains(place), "{place}: {m}");
        assert!(m.contains(what), "{what}: {m}");
    }
}

#[test]
fn a_broken_project_page_is_one_error_not_one_per_lesson() {
    let m = failing(
        "content/projects/erp/index.md",
        "---\ntitle: ERP 升级\nstatus: actve\n---\n",
    );
    assert!(m.contains("content/projects/erp/index.md:3:9"), "{m}");
    assert!(!m.contains("names no project"), "{m}");
    assert!(!m.contains("broken link"), "{m}");
    assert_eq!(m.matches("error:").count(), 1, "{m}");
}

/// A lesson naming a project still marked a draft was told the project did not exist
/// ("there is no content/projects/erp/index.md") while the file was right there (the
/// new-user walk-through).
#[test]
fn a_lesson_naming_a_draft_project_is_told_it_is_a_draft() {
    let site = Site::fixture("basic");
    let index = site.root().join("content/projects/erp/index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    site.write(
        "content/projects/erp/index.md",
        text.replacen("---\n", "---\ndraft: true\n", 1),
    );
    let m = site.build_err();
    assert!(!m.contains("names no project"), "{m}");
    assert!(
        m.contains("`project: erp` names a project that is a draft: content/projects/erp/index.md says `draft: true`"),
        "{m}"
    );
    assert!(m.contains("content/lessons/vendor-delay.md:"), "{m}");
    assert!(m.contains("--drafts"), "{m}");
    // Built with the drafts, both are there.
    let out = common::pmo(&["--root", site.root().to_str().unwrap(), "build", "--drafts"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
}

#[test]
fn a_chart_too_large_to_read_is_refused_at_its_block() {
    let site = Site::fixture("basic");
    let mut csv = String::from("name,group,value\n");
    for i in 0..10_000 {
        csv.push_str(&format!("n{i},g{i},{i}\n"));
    }
    site.write("data/wide.csv", &csv);
    site.write(
        "content/reports/wide.md",
        "---\ntitle: 宽\n---\n\n```chart\ntype = \"line\"\ndata = \"wide\"\nx = \"name\"\ny = \"value\"\nseries = \"group\"\n```\n",
    );
    let m = site.build_err();
    assert!(m.contains("content/reports/wide.md:5:1"), "{m}");
    assert!(m.contains("10000 series; at most 60"), "{m}");

    let mut csv = String::from("name,value\n");
    for i in 0..60_000 {
        csv.push_str(&format!("n{i},{i}\n"));
    }
    site.write("data/wide.csv", &csv);
    site.write(
        "content/reports/wide.md",
        "---\ntitle: 宽\n---\n\n```chart\ntype = \"bar\"\ndata = \"wide\"\nx = \"name\"\ny = \"value\"\n```\n",
    );
    let m = site.build_err();
    assert!(m.contains("60000 points"), "{m}");
}

#[test]
fn a_page_past_the_size_limit_is_refused() {
    let body = "很长的一行。".repeat(1_000_000);
    let m = failing(
        "content/about.md",
        format!("---\ntitle: 大\n---\n\n{body}\n"),
    );
    assert!(m.contains("content/about.md: this page is 18 MB"), "{m}");
}

#[test]
fn four_mistakes_in_one_front_matter_take_one_run() {
    let m = failing(
        "content/lessons/bad.md",
        "---\ntitle: 四个错误\ndate: 2024-02-30\nproject: erp\nphase: executon\nimpact: good\ncatgory: 采购\n---\n",
    );
    for place in ["bad.md:3:7", "bad.md:5:8", "bad.md:6:9", "bad.md:7:1"] {
        assert!(m.contains(place), "{place}: {m}");
    }
    assert!(!m.contains("missing"), "{m}");
}

#[test]
fn linked_pages_are_followed_inside_the_site_and_refused_outside() {
    let site = Site::fixture("basic");
    site.write(
        "shared/guide.md",
        "---\ntitle: 共享指南\n---\n\n链接来的页面。\n",
    );
    std::os::unix::fs::symlink(
        "../../shared/guide.md",
        site.root().join("content/practices/guide.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../../shared", site.root().join("content/practices/more")).unwrap();
    let report = site.build_ok();
    assert!(site
        .read("practices/guide/index.html")
        .contains("链接来的页面"));
    // A folder of the site's own, outside content/, is read as if it stood at the link.
    assert!(site
        .read("practices/more/guide/index.html")
        .contains("链接来的页面"));
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.to_string().contains("content/practices/more")),
        "{:#?}",
        report.warnings
    );

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.md"), "---\ntitle: 外面\n---\n").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("x.md"),
        site.root().join("content/about-2.md"),
    )
    .unwrap();
    let m = site.build_err();
    assert!(m.contains("content/about-2.md"), "{m}");
    assert!(m.contains("points outside the site"), "{m}");
}

#[test]
fn a_tag_or_category_without_a_letter_or_digit_is_refused_at_its_line() {
    // Such terms all fell back to one slug, so `#`, `..` and an empty tag linked to one
    // page titled after whichever came first.
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}tags: [供应商, \"..\"]\n---\n"),
    );
    assert!(
        m.contains("content/lessons/bad.md:7:7: the tag `..` has no letter or digit"),
        "{m}"
    );
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}category: \" \"\n---\n"),
    );
    assert!(
        m.contains("content/lessons/bad.md:7:11: the category ` ` has no letter or digit"),
        "{m}"
    );
}

/// `[RACI，启动]` typed with a Chinese input method's comma is one YAML item: refused,
/// with the list written as it was meant, instead of one tag called `RACI，启动`.
#[test]
fn a_tag_list_split_by_a_full_width_comma_is_refused_with_the_list_rewritten() {
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}tags: [RACI，启动, 供应商]\n---\n"),
    );
    assert!(
        m.contains("content/lessons/bad.md:7:8: the tag `RACI，启动` holds a full-width comma"),
        "{m}"
    );
    assert!(m.contains("[RACI, 启动]"), "{m}");
    // Told with the fields' values, not only once they are right (the fifth walk-through
    // needed three runs: the colon, then the values, then the tags).
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}tags: [RACI，启动, 供应商]\n---\n").replace("execution", "执行"),
    );
    assert!(
        m.contains("`执行` is how the portal shows `execution`"),
        "{m}"
    );
    assert!(
        m.contains("the tag `RACI，启动` holds a full-width comma"),
        "{m}"
    );
    // A hint after the list, as `pmo new` writes one, holds no tag.
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}tags: []   # 标签，如 [供应商，延期]\n---\n")
            .replace("execution", "执行"),
    );
    assert!(!m.contains("full-width comma"), "{m}");
}

/// `[风险、进度]` (an enumeration comma, as Chinese lists are written) and `[风险；进度]`
/// made one tag `风险、进度` with a page `tags/风险-进度/`, silently, while `，` was
/// refused; a category so written likewise named a category nobody meant.
#[test]
fn tags_and_categories_joined_by_an_enumeration_comma_or_semicolon_are_refused() {
    for (mark, named) in [
        ("、", "an enumeration comma `、`"),
        ("；", "a full-width semicolon `；`"),
        (";", "a semicolon `;`"),
    ] {
        let m = failing(
            "content/lessons/bad.md",
            format!("{LESSON_HEAD}tags: [风险{mark}进度, 供应商]\n---\n"),
        );
        assert!(
            m.contains(&format!(
                "content/lessons/bad.md:7:8: the tag `风险{mark}进度` holds {named}"
            )),
            "{m}"
        );
        assert!(m.contains("[风险, 进度]"), "{m}");
        // Told beside another field's error too.
        let m = failing(
            "content/lessons/bad.md",
            format!("{LESSON_HEAD}tags: [风险{mark}进度]\n---\n").replace("execution", "执行"),
        );
        assert!(m.contains(&format!("holds {named}")), "{m}");
    }
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}category: 风险管理、进度管理\n---\n"),
    );
    assert!(
        m.contains("content/lessons/bad.md:7:11: the category `风险管理、进度管理` holds an enumeration comma `、`"),
        "{m}"
    );
    assert!(m.contains("`category: 风险管理`"), "{m}");
}

/// 5,000 tags on one page wrote 1.5 GB of tag pages (each lists its pages with all
/// their tags), 20,000 wrote 23 GB (the fourth security hunt).
#[test]
fn a_page_with_more_tags_than_a_reader_looks_up_by_is_refused() {
    let tags: Vec<String> = (0..51).map(|i| format!("t{i}")).collect();
    let m = failing(
        "content/lessons/bad.md",
        format!("{LESSON_HEAD}tags: [{}]\n---\n", tags.join(", ")),
    );
    assert!(
        m.contains("content/lessons/bad.md:7:7: the page has 51 tags; a page may have at most 50"),
        "{m}"
    );
}

/// The warnings of a build of `site` about a lesson id used twice.
fn shared_ids(site: &Site) -> Vec<String> {
    let report = site.build_ok();
    report
        .warnings
        .iter()
        .map(ToString::to_string)
        .filter(|w| w.contains("is already the id of"))
        .collect()
}

/// Two lessons under one register number: a warning at the later file's `id` line (by
/// path) naming the first, ignoring case; lessons without an id are not compared.
#[test]
fn a_lesson_id_used_twice_is_a_warning_at_the_second_file() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/zz-copy.md",
        format!("{LESSON_HEAD}id: ll-2024-001\n---\n复制的经验。\n"),
    );
    site.write(
        "content/lessons/zz-plain.md",
        format!("{LESSON_HEAD}---\n没有编号。\n"),
    );
    let shared = shared_ids(&site);
    assert_eq!(shared.len(), 1, "{shared:?}");
    assert!(
        shared[0].contains("content/lessons/zz-copy.md:7:5")
            && shared[0].contains("content/lessons/vendor-delay.md"),
        "{shared:?}"
    );
    // A file name holding a line break is named escaped in the message too, as in its
    // place: raw, it forged a line of the report (the malformed-site hunt, fourth round).
    site.write(
        "content/lessons/a\nb.md",
        format!("{LESSON_HEAD}id: ll-2024-001\n---\n又一份。\n"),
    );
    let shared = shared_ids(&site);
    assert!(
        shared
            .iter()
            .any(|w| w.contains("content/lessons/a\\nb.md")),
        "{shared:?}"
    );
    assert!(
        !shared.iter().any(|w| w.contains("lessons/a\nb")),
        "{shared:?}"
    );
}

/// A risk whose status is a typo of `closed` stays open in every exposure figure: the
/// build says so at the cell.
#[test]
fn a_risk_status_one_typo_from_closed_is_a_warning_at_its_cell() {
    let site = Site::fixture("basic");
    let risks =
        std::fs::read_to_string(site.root().join("content/projects/erp/risks.csv")).unwrap();
    site.write(
        "content/projects/erp/risks.csv",
        risks.replacen(",open,", ",clsoed,", 1),
    );
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("content/projects/erp/risks.csv:2:")
                && w.contains("`clsoed` is read as open")),
        "{warnings:?}"
    );
}

/// A budget file holding only its header shows the project's cost as 0 and its earned
/// value as 0, read as figures: the build says the table is empty, at the file.
#[test]
fn a_budget_with_a_header_and_no_rows_is_a_warning() {
    let site = Site::fixture("basic");
    site.write("content/projects/erp/budget.csv", "period,pv,ev,ac\n");
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("content/projects/erp/budget.csv") && w.contains("no rows")),
        "{warnings:?}"
    );
}

/// Two files whose names differ only in case are two files here and one on a Windows
/// share, IIS or a Mac: copying the site there silently keeps one. The build says so.
#[test]
fn files_whose_names_differ_only_in_case_are_a_warning() {
    let site = Site::fixture("basic");
    site.write("static/Logo.png", "a");
    site.write("static/logo.png", "b");
    site.write("content/projects/erp/Plan.pdf", "c");
    site.write("content/projects/erp/plan.PDF", "d");
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let clash = |a: &str, b: &str| {
        warnings
            .iter()
            .any(|w| w.contains(a) && w.contains(b) && w.contains("only in case"))
    };
    assert!(clash("static/logo.png", "static/Logo.png"), "{warnings:?}");
    assert!(
        clash(
            "content/projects/erp/plan.PDF",
            "content/projects/erp/Plan.pdf"
        ),
        "{warnings:?}"
    );
    assert_eq!(
        warnings
            .iter()
            .filter(|w| w.contains("only in case"))
            .count(),
        2
    );
}

/// A lesson named `page.md` (or `page/2.md`) takes the address of the lessons list's
/// further pages: the build said only "cannot write the site: it already exists", with
/// a help about disk space.
#[test]
fn a_page_at_a_lists_page_address_says_which_address_and_how_to_fix_it() {
    let site = Site::fixture("basic");
    let lesson = std::fs::read_to_string(site.root().join("content/lessons/key-user.md")).unwrap();
    site.write(
        "content/lessons/page/2.md",
        lesson.replace("title: Key users in every department", "title: 第二"),
    );
    let m = site.build_err();
    // Told at the page's file, naming the list (it named the output file only).
    assert!(
        m.contains("content/lessons/page/2.md: this page's address /lessons/page/2/ is page 2 of the list at /lessons/"),
        "{m}"
    );
    assert!(!m.contains("disk"), "{m}");
}

/// A content or static file named like a Windows device (`con.md`, `aux/`), or ending in
/// a dot or space, cannot be copied to a Windows share: the build says so at the file.
#[test]
fn file_names_a_windows_share_cannot_hold_are_a_warning() {
    let site = Site::fixture("basic");
    let lesson = std::fs::read_to_string(site.root().join("content/lessons/key-user.md")).unwrap();
    site.write(
        "content/lessons/con.md",
        lesson.replace("Key users in every department", "Console"),
    );
    site.write("static/files/Aux.pdf", "a");
    site.write("static/files/plan .pdf ", "b");
    site.write("content/projects/erp/lpt1.png", "c");
    let report = site.build_ok();
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let named = |path: &str| {
        warnings
            .iter()
            .any(|w| w.contains(path) && w.contains("Windows"))
    };
    assert!(named("content/lessons/con.md"), "{warnings:?}");
    assert!(named("static/files/Aux.pdf"), "{warnings:?}");
    assert!(named("static/files/plan .pdf "), "{warnings:?}");
    assert!(named("content/projects/erp/lpt1.png"), "{warnings:?}");
    assert!(!named("key-user.md"), "{warnings:?}");
}

/// A chart or table block whose closing fence is missing would read the rest of the page
/// as its settings: the puzzling "no `=` on this line" at the first line of prose, or,
/// when only headings follow (TOML comments), nothing at all while they vanish from the
/// page. It is told at its opening fence.
#[test]
fn a_chart_block_never_closed_is_told_at_its_fence() {
    for rest in [
        "\n## 下一节\n\n正文一段。\n",
        "\n## 下一节\n\n## 再下一节\n",
    ] {
        let m = failing(
            "content/reports/unclosed.md",
            format!(
                "---\ntitle: 图表\n---\n\n前言。\n\n```chart\ntype = \"bar\"\n\
                 data = \"projects/erp/budget\"\nx = \"period\"\ny = \"pv\"\n{rest}"
            ),
        );
        assert!(
            m.contains("content/reports/unclosed.md:7:1: this ```chart block is never closed"),
            "{m}"
        );
        assert!(!m.contains("no `=`"), "{m}");
    }
    // A closed block at the very end of the page, and one closed by a longer fence, build.
    let site = Site::fixture("basic");
    site.write(
        "content/reports/closed.md",
        "---\ntitle: 图表\n---\n\n````table\ndata = \"projects/erp/budget\"\n`````",
    );
    site.build_ok();
}

/// A file name held by several folders (`周报.md` under two projects) was offered only
/// the first by path, which may not be the one meant: every folder holding it is listed,
/// the nearest to the linking page first, whatever order the files were read in.
#[test]
fn a_link_whose_file_name_several_folders_hold_lists_them_all() {
    let site = Site::fixture("basic");
    for folder in ["practices/周报", "reports/erp", "reports/crm"] {
        site.write(
            &format!("content/{folder}/周报.md"),
            "---\ntitle: 周报\ndate: 2024-12-20\n---\n\n本周进展。\n",
        );
    }
    site.write(
        "content/reports/erp/汇总.md",
        "---\ntitle: 汇总\ndate: 2024-12-30\n---\n\n见[周报](../周报.md)。\n",
    );
    let m = site.build_err();
    let listed = [
        "reports/erp/周报.md",
        "reports/crm/周报.md",
        "practices/周报/周报.md",
    ]
    .map(|p| {
        m.find(&format!("content/{p}"))
            .unwrap_or_else(|| panic!("{p} in {m}"))
    });
    assert!(
        listed[0] < listed[1] && listed[1] < listed[2],
        "nearest first: {m}"
    );
    assert!(
        m.contains("`周报.md`") && m.contains("`../crm/周报.md`"),
        "{m}"
    );
}

/// A control character in a file name (a line break pasted into it) is shown escaped, so
/// the report's `[path:line:col]` header stays on one line and names the file.
#[test]
fn a_line_break_in_a_file_name_keeps_the_report_header_on_one_line() {
    let site = Site::fixture("basic");
    site.write("content/lessons/坏\n名.md", "---\ntitle: 测试\n---\n");
    let out = common::pmo(&["--root", site.root().to_str().unwrap(), "build"]);
    assert_eq!(out.status.code(), Some(1));
    let report = common::stderr(&out);
    assert!(
        report.contains("[content/lessons/坏\\n名.md:2:1]"),
        "{report}"
    );
    let m = site.build_err();
    assert!(m.contains("content/lessons/坏\\n名.md:2:1"), "{m}");
}

/// A lesson saved outside `content/lessons/` (a singular `lesson/` folder) or a project
/// written as a flat file: each field was refused as unknown with the fields of a plain
/// page listed; the help names the kind the fields are of and where to move the file.
#[test]
fn front_matter_of_another_kind_is_told_where_its_file_belongs() {
    let lesson = format!("{LESSON_HEAD}---\n正文\n");
    let m = failing("content/lesson/供应商延期.md", lesson);
    assert!(
        m.contains("move this file to `content/lessons/供应商延期.md`"),
        "{m}"
    );
    assert!(
        m.contains("`project`, `phase`, `impact` are fields of a lesson"),
        "{m}"
    );
    // Told once, not once per field (the fifth walk-through).
    assert_eq!(m.matches("are fields of a lesson").count(), 1, "{m}");
    // Saved in its project's folder, with a field misspelt besides: four errors, each
    // listing a plain page's fields (the eighth walk-through).
    let lesson = "---\ntitle: 关键用户 key user 培训要在 UAT 之前完成\ndate: 2026-09-03\nproject: erp\nphase: execution\nimpact: positive\ncategroy: 人力资源管理\ntags: [培训, key user]\n---\n正文\n";
    let m = failing("content/projects/erp/lesson-key-user.md", lesson);
    assert!(
        m.contains("move this file to `content/lessons/lesson-key-user.md`"),
        "{m}"
    );
    assert!(m.contains("`categroy` → `category`"), "{m}");
    assert_eq!(m.matches("are fields of a lesson").count(), 1, "{m}");
    assert_eq!(m.matches("unknown field").count(), 1, "{m}");
    let project = "---\ntitle: 新系统\nmanager: 王芳\nbac: 100\nstatus: active\n---\n";
    let m = failing("content/projects/新系统.md", project);
    assert!(
        m.contains("move this file to `content/projects/新系统/index.md`"),
        "{m}"
    );
}

/// A page under a folder the portal writes itself (`content/search/`, `content/tags/`, a
/// `dashboard.md`) was caught only when the output was written, told as a pagination
/// clash at the output path; it is told at the page's file, naming the folder.
#[test]
fn a_page_at_the_portals_own_addresses_is_told_at_its_file() {
    let page = "---\ntitle: 说明\n---\n正文\n";
    let m = failing("content/search/_index.md", page);
    assert!(m.contains("content/search/_index.md"), "{m}");
    assert!(
        m.contains("lies under /search/, which the portal writes itself"),
        "{m}"
    );
    assert!(m.contains("rename the folder `content/search/`"), "{m}");
    let m = failing("content/dashboard.md", page);
    assert!(m.contains("lies under /dashboard/"), "{m}");
    assert!(m.contains("rename the file"), "{m}");
    let m = failing("content/tags/raci.md", page);
    assert!(m.contains("/tags/raci/ lies under /tags/"), "{m}");
    // `slug` is no front matter field: the help offers only what exists.
    for rel in [
        "content/tags.md",
        "content/search.md",
        "content/tags/raci.md",
    ] {
        let m = failing(rel, page);
        assert!(!m.contains("slug"), "{rel}: {m}");
    }
    // Without search, `search/` is the site's to use.
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}\nsearch = false\n"));
    site.write("content/search/_index.md", page);
    site.build_ok();
}

/// `content/reviews/2024.md` takes the address of the reviews of 2024 (`reviews/2024/`):
/// it was told only as "`reviews/2024/index.html`: two files of the site are made at
/// this address", without the file, and its help offered a `slug` no page has.
#[test]
fn a_page_at_the_address_of_a_list_is_told_at_its_file_naming_the_list() {
    let review = "---\ntitle: 2024 评审\ndate: 2024-05-01\nproject: erp\n---\n正文\n";
    let m = failing("content/reviews/2024.md", review);
    assert!(
        m.contains("content/reviews/2024.md: this page's address /reviews/2024/ is the list of the reviews of 2024"),
        "{m}"
    );
    assert!(!m.contains("index.html"), "{m}");
    assert!(!m.contains("slug"), "{m}");
    // The second page of a list, too: 21 practices make `practices/risk/page/2/`.
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", config.replace("paginate = 2", "paginate = 1"));
    site.write(
        "content/practices/risk/page/2.md",
        "---\ntitle: 第二页\n---\n正文\n",
    );
    let m = site.build_err();
    assert!(
        m.contains("content/practices/risk/page/2.md: this page's address /practices/risk/page/2/ is page 2 of the list at /practices/risk/"),
        "{m}"
    );
}

/// A theme without the strings of the site's language was told at the absolute path of
/// site.toml (`/srv/portal/site.toml`, no line), unlike every other site.toml problem;
/// the sweep (bench/malformed.py) found it with a theme's i18n file made a folder.
#[test]
fn a_theme_without_the_sites_language_is_told_at_the_language_line() {
    let site = Site::fixture("basic");
    site.write("themes/自有主题/i18n/en.toml", "nav_home = \"Home\"\n");
    // With templates: a theme without any is told first, at `theme`.
    site.write("themes/自有主题/templates/page.html", "{{ page.title }}\n");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{toml}theme = \"自有主题\"\n"));
    let m = site.build_err();
    assert!(m.contains("i18n/zh-CN.toml"), "{m}");
    assert!(m.contains("site.toml:4:1"), "{m}");
    assert!(
        !m.contains(site.root().to_str().unwrap()),
        "a path inside the site is shown from its root: {m}"
    );
}

/// `portfolio = "24/03/2024"` (the sweep's mutation) was taken as a currency: each
/// project was refused for a missing rate into "24/03/2024", and site.toml not named.
#[test]
fn a_portfolio_currency_that_is_no_code_is_refused_at_its_line() {
    let site = Site::fixture("basic");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let lines = toml.lines().count();
    site.write(
        "site.toml",
        format!("{toml}\n[currency]\nportfolio = \"24/03/2024\"\n"),
    );
    let m = site.build_err();
    assert!(m.contains(&format!("site.toml:{}:", lines + 3)), "{m}");
    assert!(m.contains("no currency code"), "{m}");
    assert!(!m.contains("content/projects/"), "{m}");
    // The portfolio's own rate is 1 (`usd` is USD: a USD portfolio gives CNY's rate).
    for (fine, rates) in [
        ("CNY", "USD = 7.1, CNY = 1"),
        ("usd", "CNY = 0.14"),
        ("人民币", "USD = 7.1, CNY = 1"),
    ] {
        site.write(
            "site.toml",
            format!("{toml}\n[currency]\nportfolio = \"{fine}\"\nrates = {{ {rates} }}\n"),
        );
        site.build_ok();
    }
}

/// A line of unclosed links (`[a](b [a](b …`) took the Markdown reader time in the
/// square of their number: 240,000 (1.4 MB) took 17 s in every build, check and save
/// (the third hunt for script). Refused at the line, before it is read; the same links
/// in fenced code, or one a line, are fine.
#[test]
fn a_line_crowded_with_links_is_refused_at_its_place() {
    let site = Site::fixture("basic");
    let crowded = "[a](b ".repeat(3000);
    site.write(
        "content/reports/links.md",
        format!("---\ntitle: 链接\ndate: 2024-03-01\n---\n\n正文。\n\n{crowded}\n"),
    );
    let m = site.build_err();
    assert!(m.contains("content/reports/links.md:8:1"), "{m}");
    assert!(m.contains("3000 links"), "{m}");
    let fenced = format!("```\n{crowded}\n```\n");
    let listed = "- [甲](https://example.com/)\n".repeat(3000);
    site.write(
        "content/reports/links.md",
        format!("---\ntitle: 链接\ndate: 2024-03-01\n---\n\n{fenced}\n{listed}"),
    );
    site.build_ok();
}

/// An action without `what` made its lesson vanish with no word: serde's missing field
/// was inside the list, not one of the page's own, and nothing was reported (the
/// malformed-site hunt of the fourth round). Told at the action.
#[test]
fn an_action_without_what_is_told_not_dropped() {
    let site = Site::fixture("basic");
    site.write(
        "content/lessons/no-what.md",
        "---\ntitle: 测试教训\ndate: 2023-12-20\nproject: erp\nphase: execution\nimpact: negative\nactions:\n  - owner: 张伟\n---\n正文\n",
    );
    let m = site.build_err();
    assert!(m.contains("content/lessons/no-what.md:8:5"), "{m}");
    assert!(m.contains("`what`"), "{m}");
}

/// 100,000 `<div>`s opened and closed on one line are one event: the nesting limit
/// never saw them, and the check of raw elements left open took a minute (the
/// malformed-site hunt of the fourth round).
#[test]
fn nesting_on_one_line_is_refused_like_nesting_on_many() {
    let site = Site::fixture("basic");
    let deep = format!("{}x{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
    site.write(
        "content/reports/deep.md",
        format!("---\ntitle: 深\ndate: 2024-03-01\n---\n\n{deep}\n"),
    );
    let m = site.build_err();
    assert!(m.contains("content/reports/deep.md:6:1"), "{m}");
    assert!(m.contains("nested 257 deep"), "{m}");
}

/// A TOML date-time was taken as its date, the time and zone dropped
/// (`2024-02-29T23:30:00-10:00` is March 1 in UTC), where YAML's is an error (the
/// malformed-site hunt of the fourth round). An error in both, in the site's language.
#[test]
fn a_toml_date_time_is_refused_as_yaml_s_is() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/dt.md",
        "+++\ntitle = \"x\"\ndate = 2024-02-29T23:30:00-10:00\n+++\n正文\n",
    );
    let m = site.build_err();
    assert!(m.contains("content/reports/dt.md:3:8"), "{m}");
    assert!(
        m.contains("is a date and a time: write the day alone, as 2024-02-29"),
        "{m}"
    );
}

/// A Windows path in double quotes (`"D:\项目\ERP"`) was told "a quote is opened and
/// not closed on its line", and its help to close a quote that is closed (the
/// malformed-site hunt of the fourth round). Told as the escape it is, at the `\`.
#[test]
fn a_backslash_in_double_quotes_is_told_as_an_escape() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/path.md",
        "---\ntitle: \"共享盘 D:\\项目\\ERP\"\n---\n\n正文。\n",
    );
    let m = site.build_err();
    assert!(m.contains("content/reports/path.md:2:15"), "{m}");
    assert!(m.contains("starts an escape"), "{m}");
    assert!(!m.contains("not closed"), "{m}");
}

/// `currency: ""` was read as a currency of no name: "project `erp` is in , but
/// site.toml gives no rate from  to the portfolio currency CNY" (malformed hunt 8).
#[test]
fn an_empty_currency_is_refused_at_its_field() {
    let site = Site::fixture("basic");
    let erp = site.root().join("content/projects/erp/index.md");
    let text = std::fs::read_to_string(&erp).unwrap();
    site.write(
        "content/projects/erp/index.md",
        text.replace("currency: CNY", "currency: \"  \""),
    );
    let m = site.build_err();
    assert!(
        m.contains("content/projects/erp/index.md:10:11: `currency` is empty"),
        "{m}"
    );
    assert!(m.contains("e.g. `currency: CNY`"), "{m}");
    assert!(!m.contains("is in ,"), "{m}");
}
