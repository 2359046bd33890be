//! A site's template override writing HTML a browser does not read as written — an
//! unclosed `<div>`, a `<div>` inside a `<p>`, an id given twice, a stray `</section>` —
//! broke the layout of every page it made, and the build said nothing. One page of each
//! template is now read as a browser would, and each template told once.

mod common;

use common::Site;

/// The default theme's `page.html` with `body` in place of its content block.
fn page_template(body: &str) -> String {
    format!(
        "{{% extends \"base.html\" %}}\n{{% block content %}}\n<h1>{{{{ page.title }}}}</h1>\n{body}\n{{% endblock content %}}\n"
    )
}

fn told(site: &Site) -> Vec<String> {
    site.warnings()
        .into_iter()
        .filter(|w| w.contains("does not read as written"))
        .collect()
}

#[test]
fn each_template_mistake_is_told_once_with_the_template_and_a_page() {
    for (body, words, line) in [
        (
            "<div class=\"卡片\">\n<p>{{ page.summary }}</p>",
            "an element is still open inside the `<main>` closed here",
            None,
        ),
        (
            "<p>摘要\n<div class=\"说明\">{{ page.summary }}</div>\n</p>",
            "`</p>` closes no element",
            Some("templates/page.html:6:1:"),
        ),
        (
            "<section>{{ page.summary }}</section>\n</section>",
            "`</section>` closes no element",
            Some("templates/page.html:5:1:"),
        ),
        (
            "<div id=\"main\">{{ page.summary }}</div>",
            "the id `main` is given to an earlier element too",
            None,
        ),
    ] {
        let site = Site::fixture("basic");
        site.write("templates/page.html", page_template(body));
        let told = told(&site);
        assert_eq!(told.len(), 1, "{body}: {told:#?}");
        let warning = &told[0];
        assert!(warning.contains("template `page.html`"), "{warning}");
        assert!(warning.contains(words), "{body}: {warning}");
        assert!(warning.contains("first on /"), "{warning}");
        if let Some(place) = line {
            assert!(warning.contains(place), "{body}: {warning}");
        } else {
            assert!(warning.contains("templates/page.html"), "{body}: {warning}");
        }
    }
}

/// The built-in theme's pages, and a site's copy of its templates, are read without a
/// flaw; so is a site that trusts its authors' HTML, whose pages with raw HTML are not
/// the ones read.
#[test]
fn the_built_in_theme_writes_html_read_as_written() {
    let site = Site::sample();
    assert_eq!(told(&site), Vec::<String>::new());
    let site = Site::fixture("basic");
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    for name in ["base.html", "page.html", "lesson.html", "project.html"] {
        site.write(
            &format!("templates/{name}"),
            std::fs::read(theme.join(name)).unwrap(),
        );
    }
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{toml}trust_html = true\n"));
    site.write(
        "content/reports/未闭合.md",
        "---\ntitle: 原始标记\ndate: 2024-05-01\n---\n\n<div class=\"作者\">\n\n作者的块。\n",
    );
    assert_eq!(told(&site), Vec::<String>::new());
}

/// `--deny-warnings` fails a build whose template writes such HTML.
#[test]
fn deny_warnings_refuses_a_templates_broken_html() {
    let site = Site::empty();
    site.write("site.toml", "title = \"门户\"\nlanguage = \"zh-CN\"\n");
    site.write(
        "content/reports/周报.md",
        "---\ntitle: 周报\ndate: 2024-05-01\n---\n\n本周进展。\n",
    );
    site.write(
        "templates/page.html",
        page_template("<p>\n<ul><li>{{ page.title }}</li></ul></p>"),
    );
    site.build_ok();
    let mut options = pmo_portal::Options::new(site.root());
    options.deny_warnings = true;
    let failure = pmo_portal::build(&options, &pmo_portal::Silent).unwrap_err();
    let m = common::messages(&failure);
    assert!(m.contains("`</p>` closes no element"), "{m}");
}

/// The warnings about templates' HTML `pmo serve` shows once the site settled after
/// `rel` was saved as `text`.
fn serve_tells_after_saving(
    workspace: &mut pmo_portal::Workspace,
    site: &Site,
    rel: &str,
    text: &str,
) -> Vec<String> {
    common::serve_warnings_after_saving(workspace, site, rel, text)
        .into_iter()
        .filter(|w| w.contains("does not read as written"))
        .collect()
}

/// `pmo serve` showed no warning about a template's HTML: not when it opened on a broken
/// template, nor when a template was saved broken. It now tells both, and stops telling
/// once the template is mended, for the saved template and for one a saved `base.html`
/// breaks.
#[test]
fn serve_tells_of_broken_template_html_when_opening_and_saving() {
    let site = Site::fixture("basic");
    let broken = page_template("<p>摘要\n<div class=\"说明\">{{ page.summary }}</div>\n</p>");
    site.write("templates/page.html", &broken);
    let (mut workspace, opened) =
        pmo_portal::Workspace::open(pmo_portal::Options::new(site.root())).unwrap();
    let told: Vec<String> = opened
        .warnings
        .expect("opening shows the warnings")
        .iter()
        .map(ToString::to_string)
        .filter(|w| w.contains("does not read as written"))
        .collect();
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(told[0].contains("templates/page.html:6:1:"), "{told:#?}");

    let mended = page_template("<p>{{ page.summary }}</p>");
    let told = serve_tells_after_saving(&mut workspace, &site, "templates/page.html", &mended);
    assert_eq!(told, Vec::<String>::new());

    let told = serve_tells_after_saving(&mut workspace, &site, "templates/page.html", &broken);
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(told[0].contains("`</p>` closes no element"), "{told:#?}");
    let told = serve_tells_after_saving(&mut workspace, &site, "templates/page.html", &mended);
    assert_eq!(told, Vec::<String>::new());

    // A saved base.html breaks every template's pages: told, and gone when mended.
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let base = std::fs::read_to_string(theme.join("base.html")).unwrap();
    assert!(
        base.contains("</main>"),
        "the theme's base.html closes its main"
    );
    let broken_base = base.replacen("</main>", "</main></div>", 1);
    let told = serve_tells_after_saving(&mut workspace, &site, "templates/base.html", &broken_base);
    assert!(!told.is_empty(), "a stray end tag in base.html is told");
    assert!(
        told.iter().all(|w| w.contains("templates/base.html")),
        "{told:#?}"
    );
    let told = serve_tells_after_saving(&mut workspace, &site, "templates/base.html", &base);
    assert_eq!(told, Vec::<String>::new());
}
