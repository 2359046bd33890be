//! Two projects under one code or title: every reference by code (a lesson's
//! `project: PRJ-2023-004`, an imported register row) could mean either, and each
//! was taken silently to mean one of them.

mod common;

use common::Site;

#[test]
fn a_code_another_project_has_is_an_error_naming_the_first() {
    let site = Site::sample();
    // Said at the later folder, whichever of the two was the slip.
    site.set_project_field("mes-smart-factory", "code", "prj-2023-004 ");
    let told = site.build_err();
    assert!(
        told.contains("content/projects/mes-smart-factory/index.md:")
            && told.contains("`prj-2023-004` is already the code of project `erp-upgrade`")
            && told.contains("(content/projects/erp-upgrade/index.md)"),
        "{told}"
    );
}

#[test]
fn a_title_another_project_has_is_warned_and_no_help_picks_one() {
    let site = Site::sample();
    site.set_project_field("hr-self-service", "title", "ERP 系统升级");
    let report = site.build_ok();
    let told: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        told.iter()
            .any(|w| w.contains("content/projects/hr-self-service/index.md:")
                && w.contains("`ERP 系统升级` is already the title of project `erp-upgrade`")),
        "{told:#?}"
    );
    // A lesson naming the shared title is told both folders, not one of them.
    site.write(
        "content/lessons/by-title.md",
        "---\ntitle: 引用标题\ndate: 2024-03-05\nproject: ERP 系统升级\nphase: closing\nimpact: positive\n---\n正文\n",
    );
    let told = site.build_err();
    assert!(
        told.contains("`erp-upgrade`") && told.contains("`hr-self-service`"),
        "{told}"
    );
}
