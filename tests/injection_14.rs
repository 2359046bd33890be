//! Script injection, the fourteenth hunt: what a browser reads past that the build's
//! checks did not.

mod common;

use common::hostile::assert_refused_and_running;

const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// A schema whose script stands after more white space than the build read to tell
/// markup from other text (1 KB): an XML document may open with any amount of it, and
/// IIS serves an `.xsd` as `text/xml` (Chromium opens one from a file share so too), so
/// the script ran with the portal's rights while the build took the file for no markup
/// and published it unread. In UTF-8 and in UTF-16 alike.
#[test]
fn markup_after_a_long_run_of_white_space_is_read_for_scripts() {
    let schema = format!(
        "{}<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\
         <script xmlns=\"{XHTML}\">parent.__pwned=1</script>\
         <xs:element name=\"项目\"/></xs:schema>\n",
        " \t".repeat(700)
    );
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(schema.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_refused_and_running(&[("模式.xsd", schema.into_bytes()), ("wide.xsd", utf16)]);
}

/// Files that open as an HTML page does (`<!--`, `<p `), under a name a web server has no
/// type for: Apache then names none, and the browser takes the file for a page of the
/// portal. The build read them as XML, where `<!-->` and `--!>` leave a comment open and a
/// `'` in an attribute's name opens a value, so the `<script>` after them was hidden from
/// it; HTML reads straight past them. Refused as an `.html` file is.
#[test]
fn a_file_a_browser_takes_for_a_page_is_refused() {
    let script = "<script>parent.__pwned=1</script>";
    assert_refused_and_running(&[
        (
            "注释.dat",
            format!("<!--><p>说明</p>{script}-->").into_bytes(),
        ),
        (
            "bang.dat",
            format!("<!-- 旧 --!>{script}<!-- -->").into_bytes(),
        ),
        (
            "quote.dat",
            format!("\n<p x'=\"y\">{script}</p>").into_bytes(),
        ),
    ]);
    // Text a server always types as text, and text that opens otherwise, are published.
    let site = common::Site::fixture("basic");
    site.write("content/reports/notes.txt", "<p>a < b</p>\n");
    site.write("content/reports/数据.dat", "<rows><row>1</row></rows>\n");
    site.build_ok();
    assert!(site.exists("reports/notes.txt") && site.exists("reports/数据.dat"));
}
