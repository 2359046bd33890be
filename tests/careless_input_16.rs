//! Careless input that showed a figure as right that was not, or left data out without
//! a word (the sixteenth malformed hunt).

mod common;

use common::xlsx::{workbook, V};
use common::Site;

/// A budget sheet's header and one month.
fn budget_rows(ac: f64) -> Vec<Vec<V>> {
    vec![
        ["period", "pv", "ev", "ac"].map(|h| V::S(h.into())).into(),
        vec![V::S("2024-01".into()), V::N(1000.0), V::N(900.0), V::N(ac)],
    ]
}

/// A budget workbook whose first sheet holds an old copy of the table (`旧版`, kept
/// in front of the current `预算`) was read as that copy: the project showed last
/// month's figures as right, without a word. It is warned at the workbook, naming
/// both sheets, and the project's figures are marked doubtful; a hidden old copy,
/// which is never read, is no doubt.
#[test]
fn a_workbook_holding_its_table_on_two_sheets_is_warned() {
    let site = Site::fixture("basic");
    site.remove("content/projects/erp/budget.csv");
    let (old, current) = (budget_rows(500.0), budget_rows(1000.0));
    site.write(
        "content/projects/erp/budget.xlsx",
        workbook(&[("旧版", false, &old, &[]), ("预算", false, &current, &[])]),
    );
    let warnings = site.warnings();
    let two: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("holds the columns of the budget table too"))
        .collect();
    assert_eq!(two.len(), 1, "{warnings:#?}");
    assert!(two[0].contains("budget.xlsx:1:1:"), "{}", two[0]);
    assert!(
        two[0].contains("`预算`") && two[0].contains("`旧版`"),
        "{}",
        two[0]
    );
    let page = site.read("projects/erp/index.html");
    assert!(page.contains("budget.xlsx"), "the page lists the doubt");

    site.write(
        "content/projects/erp/budget.xlsx",
        workbook(&[("旧版", true, &old, &[]), ("预算", false, &current, &[])]),
    );
    let warnings = site.warnings();
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("too, but only the first sheet")),
        "{warnings:#?}"
    );
}

/// A milestones table filled in by a status column of its own (`已完成`, `进行中`)
/// with `actual` left empty had every reached milestone counted late, its slip
/// growing by the day, while the table a reader opens says done; `进行中` beside an
/// actual date was counted reached. Either contradiction is an error at the status
/// cell; a status agreeing with `actual` builds.
#[test]
fn a_milestone_status_contradicting_its_actual_date_is_refused() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual,状态\n启动会,2024-01-10,,,已完成\n上线,2024-06-30,,2024-07-02,进行中\n验收,2024-09-30,,,延期\n",
    );
    let m = site.build_err();
    assert!(m.contains("milestones.csv:2:18:"), "{m}");
    assert!(
        m.contains("`已完成`") && m.contains("no `actual` date"),
        "{m}"
    );
    assert!(m.contains("milestones.csv:3:"), "{m}");
    assert!(
        m.contains("`进行中`") && m.contains("counted as reached"),
        "{m}"
    );
    assert!(!m.contains("milestones.csv:4:"), "{m}");

    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual,status\n启动会,2024-01-10,,2024-01-10,done\n上线,2024-06-30,,,in progress\n",
    );
    site.build_ok();
}

/// A risks or milestones table with a header and no rows (the register's template
/// filed unfilled) showed "—" and counted no risk open and no milestone late, without
/// a word, where a budget's header alone is warned of. Each is warned at its file.
#[test]
fn a_risks_or_milestones_table_with_only_its_header_is_warned() {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/erp/risks.csv",
        "id,title,probability,impact,owner,status,response\n",
    );
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n",
    );
    let warnings = site.warnings();
    for file in ["risks.csv", "milestones.csv"] {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(&format!("{file}:1:1:")) && w.contains("header but no rows")),
            "{file}: {warnings:#?}"
        );
    }
}

/// A site template extending one that does not exist, extending itself, or failing
/// while rendering (a division by 0, a `for` over a name written wrong, a filter's
/// argument of the wrong type, a value not defined) was told in Tera's English words
/// on a Chinese site (`Template 'project.html' is inheriting from 'nosuch.html',
/// which doesn't exist or isn't loaded.`). Each is told in the catalogue's words, at
/// its template's line.
#[test]
fn a_broken_templates_error_is_told_in_the_catalogues_words() {
    let cases = [
        ("{% extends \"nosuch.html\" %}", "`project.html` extends `nosuch.html`, which is no template"),
        ("{% extends \"project.html\" %}", "`project.html` extends itself"),
        ("{% extends \"base.html\" %}{% block content %}{{ 1 / 0 }}{% endblock %}", "a division by 0"),
        (
            "{% extends \"base.html\" %}{% block content %}{% for x in nosuch %}{{ x }}{% endfor %}{% endblock %}",
            "cannot go over a value of type `undefined`",
        ),
        (
            "{% extends \"base.html\" %}{% block content %}{{ page.title | truncate(length=\"x\") }}{% endblock %}",
            "a value of type `string` where `usize` is wanted",
        ),
        (
            "{% extends \"base.html\" %}{% block content %}{% if page.title is nosuch %}x{% endif %}{% endblock %}",
            "there is no test `nosuch`",
        ),
    ];
    for (template, words) in cases {
        let site = Site::fixture("basic");
        site.write("templates/project.html", template);
        let m = site.build_err();
        assert!(m.contains("templates/project.html:1:"), "{template}: {m}");
        assert!(m.contains(words), "{template}: {m}");
    }
}

/// An empty page template in the site's templates/ (a file created and never filled)
/// rendered every project page blank, and the build said nothing. It is an error at
/// the template; an empty partial of the site's own, which may be meant to show
/// nothing, is not.
#[test]
fn an_empty_page_template_is_refused() {
    let site = Site::fixture("basic");
    site.write("templates/project.html", "\n");
    let m = site.build_err();
    assert!(m.contains("templates/project.html:1:1:"), "{m}");
    assert!(m.contains("is empty"), "{m}");

    let site = Site::fixture("basic");
    site.write("templates/partials/nothing.html", "");
    site.build_ok();
}

/// A closed project with no `finish` showed "8 January 2024 – TBD" (待定) on its page:
/// a project over, with its end still to be decided. Warned at its `status` line.
#[test]
fn a_closed_project_without_a_finish_is_warned() {
    let site = Site::fixture("basic");
    let index = std::fs::read_to_string(site.root().join("content/projects/erp/index.md")).unwrap();
    assert!(index.contains("status: closed"), "{index}");
    site.write(
        "content/projects/erp/index.md",
        index.replace("finish: 2024-12-20\n", ""),
    );
    let warnings = site.warnings();
    let told: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("closed but has no `finish`"))
        .collect();
    assert_eq!(told.len(), 1, "{warnings:#?}");
    let line = index
        .lines()
        .filter(|l| !l.starts_with("finish:"))
        .position(|l| l.starts_with("status:"))
        .map(|n| n + 1)
        .unwrap();
    assert!(
        told[0].contains(&format!("content/projects/erp/index.md:{line}:")),
        "{}",
        told[0]
    );

    site.write("content/projects/erp/index.md", &index);
    let warnings = site.warnings();
    assert!(
        !warnings.iter().any(|w| w.contains("no `finish`")),
        "{warnings:#?}"
    );
}
