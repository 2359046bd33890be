//! A template's components are counted as its loops are (the twelfth hunt for hostile
//! input): a component calling itself four times, twenty levels deep (Tera's own limit
//! on their depth), makes 4^19 calls with no loop among them, and the build ran for ever.

mod common;

use std::sync::mpsc;
use std::time::Duration;

use common::Site;

/// The site's build messages, or a failure of the test once it has run fifteen minutes.
fn build_err_within_fifteen_minutes(site: Site) -> String {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(site.build_err());
    });
    receive
        .recv_timeout(Duration::from_secs(900))
        .expect("the build was still running after fifteen minutes")
}

#[test]
fn a_component_calling_itself_over_and_over_is_stopped_at_the_component() {
    let site = Site::fixture("basic");
    site.write(
        "templates/components.html",
        "{% component bomb(n) %}{% if n < 19 %}{{<bomb n={n+1}/>}}{{<bomb n={n+1}/>}}\
         {{<bomb n={n+1}/>}}{{<bomb n={n+1}/>}}{% endif %}{% endcomponent bomb %}\n",
    );
    site.write(
        "templates/review.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{<bomb n={0}/>}}\n{% endblock content %}",
    );
    let m = build_err_within_fifteen_minutes(site);
    assert!(m.contains("templates/components.html:1:1"), "{m}");
    assert!(
        m.contains("rendering content/reviews/erp-closure.md with templates/review.html called its components more than 10,000,000 times"),
        "{m}"
    );
}

#[test]
fn components_within_the_budget_render_as_written() {
    let site = Site::fixture("basic");
    site.write(
        "templates/components.html",
        "{% component twice(n) %}{% if n < 3 %}{{<twice n={n+1}/>}}{{<twice n={n+1}/>}}{% else %}x{% endif %}{% endcomponent twice %}\n",
    );
    site.write(
        "templates/review.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p id=\"calls\">{{<twice n={0}/>}}</p>\n{% endblock content %}",
    );
    site.build_ok();
    let html =
        std::fs::read_to_string(site.public().join("reviews/erp-closure/index.html")).unwrap();
    assert!(html.contains("<p id=\"calls\">xxxxxxxx</p>"), "{html}");
}
