use super::{first_active, first_remote};

fn found(svg: &str) -> Option<String> {
    first_active(svg).map(|(_, _, what)| what)
}

#[test]
fn a_plain_drawing_runs_nothing() {
    let svg = "<?xml version=\"1.0\"?><!-- <script> in a comment --><svg xmlns=\"http://www.w3.org/2000/svg\" \
               xmlns:xlink=\"http://www.w3.org/1999/xlink\"><title>流程图 onload</title>\
               <a xlink:href=\"https://example.com/\"><text x=\"1\" y=\"2\">点 &amp; 线</text></a>\
               <foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">说明</div></foreignObject>\
               <style><![CDATA[ .a > .b { fill: red } ]]></style><image href=\"data:image/png;base64,AA==\"/></svg>";
    assert_eq!(found(svg), None);
}

#[test]
fn loads_from_another_host_are_found_and_namespaces_are_not() {
    let remote = |svg: &str| first_remote(svg).map(|(_, _, what)| what);
    let ns =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">";
    assert_eq!(remote(&format!("{ns}<rect/></svg>")), None);
    assert_eq!(
        remote(&format!(
            "{ns}<image href=\"http://evil.test/i.png\"/></svg>"
        ))
        .as_deref(),
        Some("href=\"http://evil.test/i.png\"")
    );
    assert!(remote(&format!(
        "{ns}<use xlink:href=\"//evil.test/s.svg#a\"/></svg>"
    ))
    .is_some());
    assert!(remote(&format!(
        "{ns}<style>@import url(https://evil.test/x.css);</style></svg>"
    ))
    .is_some());
    assert!(remote(&format!(
        "{ns}<rect style=\"fill:url( 'http://evil.test/p' )\"/></svg>"
    ))
    .is_some());
    // A link loads nothing until it is followed; a fragment stays in the file.
    assert_eq!(
        remote(&format!(
            "{ns}<a href=\"https://example.com/\"><use href=\"#a\"/></a></svg>"
        )),
        None
    );
}

#[test]
fn each_way_to_run_a_script_is_found() {
    for (svg, what) in [
        ("<svg><script>alert(1)</script></svg>", "<script>"),
        (
            "<svg><h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">x</h:script></svg>",
            "<h:script>",
        ),
        ("<svg onload=\"alert(1)\"/>", "onload=\"alert(1)\""),
        ("<svg><rect ONCLICK='x()'/></svg>", "ONCLICK='x()'"),
        (
            "<svg><a xlink:href=\"&#106;ava&#x09;script&colon;alert(1)\">x</a></svg>",
            "xlink:href=\"&#106;ava&#x09;script&colon;alert(1)\"",
        ),
        (
            "<svg><a href=\" JavaScript:x\">x</a></svg>",
            "href=\" JavaScript:x\"",
        ),
        (
            "<svg><set attributeName=\"href\" to=\"javascript:x\"/></svg>",
            "to=\"javascript:x\"",
        ),
        (
            "<svg><foreignObject><iframe src=\"x\"></iframe></foreignObject></svg>",
            "<iframe>",
        ),
        (
            "<!DOCTYPE svg [<!ENTITY x \"&#60;script&#62;\">]><svg>&x;</svg>",
            "<!ENTITY x \"&#60;script&#62;\">",
        ),
        (
            "<!DOCTYPE svg [<!ENTITY x SYSTEM \"x.xml\">]><svg>&x;</svg>",
            "<!ENTITY x SYSTEM \"x.xml\">",
        ),
        (
            "<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?><r/>",
            "<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?>",
        ),
        // `javascript:` made of an entity whose own text is harmless.
        (
            "<!DOCTYPE svg [<!ENTITY j \"java\">]><svg><a href=\"&j;script:x()\"><rect/></a></svg>",
            "href=\"&j;script:x()\"",
        ),
        (
            "<!DOCTYPE svg [<!ENTITY j 'javascript'>]><svg><a href=\"&j;:x()\"/></svg>",
            "href=\"&j;:x()\"",
        ),
        // An attribute the DTD gives by default, and DTDs hiding an entity's markup.
        (
            "<!DOCTYPE svg [<!ATTLIST svg onload CDATA \"x()\">]><svg/>",
            "<!ATTLIST svg onload CDATA \"x()\">",
        ),
        (
            "<!DOCTYPE svg [<!-- ]> --><!ENTITY j \"<script>x()</script>\">]><svg>&j;</svg>",
            "<!ENTITY j \"<script>x()</script>\">",
        ),
        (
            "<!DOCTYPE svg SYSTEM \"x[y\"><svg onload=\"x()\"><text>]></text></svg>",
            "onload=\"x()\"",
        ),
    ] {
        assert_eq!(found(svg).as_deref(), Some(what), "{svg}");
    }
}

/// Illustrator writes its namespaces as entities: text, nothing to run.
#[test]
fn entities_that_only_name_namespaces_run_nothing() {
    let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \
               \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n\
               \t<!ENTITY ns_extend \"http://ns.adobe.com/Extensibility/1.0/\">\n\
               \t<!ENTITY ns_svg \"http://www.w3.org/2000/svg\">\n]>\n\
               <svg xmlns=\"&ns_svg;\"><rect/></svg>";
    assert_eq!(found(svg), None);
}

#[test]
fn the_position_is_the_part_itself() {
    let svg = "<svg>\n  <rect width=\"1\" onmouseover=\"x()\"/>\n</svg>";
    let (at, len, _) = first_active(svg).unwrap();
    assert_eq!(&svg[at..at + len], "onmouseover=\"x()\"");
}
