//! Script injection through attachments (the eighth hunt for script): markup files a
//! browser opens as documents of the portal, whose scripts hide where the build's scan
//! did not look. Each payload is first shown to run in Chromium when the site trusts its
//! authors, then refused when it does not.

mod common;

use common::hostile::assert_refused_and_running;
use common::Site;

const SVG: &str = "http://www.w3.org/2000/svg";

/// SVG drawings whose DTD runs a script: an attribute given by default (`<!ATTLIST>`) to
/// the element, or an entity that expands into a `<script>`, hidden from the scan by a
/// `]>` in a comment or a literal (which it took for the end of the DTD) or by a `[` in
/// the document type's own address (which it took for its start).
fn dtd_payloads() -> Vec<(&'static str, String)> {
    let script = format!("<script xmlns='{SVG}'>parent.__pwned=1</script>");
    let body = "<rect width=\"900\" height=\"900\"/>";
    vec![
        (
            "attlist.svg",
            format!("<!DOCTYPE svg [<!ATTLIST svg onload CDATA \"parent.__pwned=1\">]><svg xmlns=\"{SVG}\">{body}</svg>"),
        ),
        (
            "attlist-href.svg",
            format!("<!DOCTYPE svg [<!ATTLIST a xlink:href CDATA \"java&#115;cript:parent.__pwned=1\">]><svg xmlns=\"{SVG}\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a>{body}</a></svg>"),
        ),
        (
            "comment.svg",
            format!("<!DOCTYPE svg [<!-- ]> --><!ENTITY j \"{script}\">]><svg xmlns=\"{SVG}\">&j;{body}</svg>"),
        ),
        (
            "literal.svg",
            format!("<!DOCTYPE svg [<!ENTITY x \"]>\"><!ENTITY j \"{script}\">]><svg xmlns=\"{SVG}\">&j;{body}</svg>"),
        ),
        (
            "system.svg",
            format!("<!DOCTYPE svg SYSTEM \"x[y\"><svg xmlns=\"{SVG}\" onload=\"parent.__pwned=1\">{body}<text y=\"9\">]&gt; ]></text></svg>"),
        ),
        (
            "attlist-comment.xml",
            format!("<!DOCTYPE svg [<!-- ]> --><!ATTLIST svg onload CDATA \"parent.__pwned=1\">]><svg xmlns=\"{SVG}\">{body}</svg>"),
        ),
    ]
}

#[test]
fn a_dtd_that_would_run_a_script_is_refused() {
    let payloads: Vec<(&str, Vec<u8>)> = dtd_payloads()
        .into_iter()
        .map(|(name, text)| (name, text.into_bytes()))
        .collect();
    assert_refused_and_running(&payloads);
}

/// A drawing declaring Shift_JIS, GBK or Big5 is decoded so by the browser, where a lead byte
/// takes the `]` after it: the check read bytes as UTF-8 and saw a CDATA section end
/// that the browser does not, then took the comment opened inside it for one that hid
/// the `<script>` after the section's real end.
#[test]
fn markup_in_a_legacy_encoding_is_read_as_the_browser_reads_it() {
    let svg = |encoding: &str, lead: u8| {
        let mut bytes = format!(
            "<?xml version=\"1.0\" encoding=\"{encoding}\"?><svg xmlns=\"{SVG}\">\
             <text y=\"20\"><![CDATA[ "
        )
        .into_bytes();
        bytes.push(lead);
        bytes.extend_from_slice(
            b"]]> <!-- ]]></text><script>parent.__pwned=1</script><text> --></text></svg>",
        );
        bytes
    };
    assert_refused_and_running(&[
        ("sjis.svg", svg("Shift_JIS", 0x81)),
        ("gbk.svg", svg("GBK", 0x81)),
        ("big5.svg", svg("Big5", 0xa4)),
    ]);
}

/// What drawing tools write in a DTD is published: entities naming namespaces, and
/// attributes declared without a default or with a plain one.
#[test]
fn a_harmless_dtd_is_published() {
    let site = Site::fixture("basic");
    site.write(
        "content/reports/plain.svg",
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \
             \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n\
             \t<!ENTITY ns_svg \"{SVG}\">\n\
             \t<!-- the drawing's own attributes -->\n\
             \t<!ATTLIST svg xmlns:xlink CDATA #FIXED \"http://www.w3.org/1999/xlink\">\n\
             \t<!ATTLIST rect class CDATA #IMPLIED fill CDATA \"none\">\n]>\n\
             <svg xmlns=\"&ns_svg;\"><rect width=\"9\" height=\"9\"/></svg>\n"
        ),
    );
    site.build_ok();
    assert!(site.exists("reports/plain.svg"));
}

/// Web servers give a page's type to more names than `.html`: IIS serves `.hxt` as HTML
/// and `.stm` through its server-side includes, and Apache reads every extension of a
/// name, so `报告.html.zh` (a language, as its content negotiation names files) or
/// `报告.html.v2` is HTML to it; a `.php` or `.aspx` file runs on the server itself. Each
/// was published, its script run by whoever opened it there.
#[test]
fn a_page_under_another_name_is_refused() {
    let script = "报告\n<script>__pwned=1</script>\n";
    for name in [
        "r.hxt",
        "r.stm",
        "r.html.v2",
        "报告.html.zh",
        "r.HTM.bak2",
        "x.php",
        "x.aspx",
    ] {
        let site = Site::fixture("basic");
        site.write(&format!("content/reports/{name}"), script);
        let errors = site.build_err();
        assert!(
            errors.contains(&format!("content/reports/{name}")),
            "{name}: {errors}"
        );
    }
    // A name with a version or an archive's two extensions is no page.
    let site = Site::fixture("basic");
    for name in ["plan.v2.pdf", "数据.tar.gz", "html.notes.txt"] {
        site.write(&format!("content/reports/{name}"), "x");
    }
    site.build_ok();
    assert!(site.exists("reports/plan.v2.pdf"));
}
