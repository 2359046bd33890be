//! A status set green by hand over figures that say otherwise is told at its line, with
//! the figures and the fix: a steering committee reads the green first.

mod common;

use common::{pmo_in, stderr, Site};

/// The ERP upgrade of the fixture (its go-live milestone, due 2024-12-15, never
/// reached) with `rag: green` set by hand.
fn green_by_hand() -> Site {
    let site = Site::fixture("basic");
    let rel = "content/projects/erp/index.md";
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    let text = text.replacen(
        "phase: closing\n",
        "phase: closing\nrag: green\nrag_reason: 指导委员会 2024-12 评审认为进展正常\n",
        1,
    );
    site.write(rel, text);
    site
}

fn told(site: &Site, lang: &str) -> String {
    let root = site.root().to_str().unwrap();
    stderr(&pmo_in(lang, &["--root", root, "check"]))
}

#[test]
fn a_green_set_by_hand_over_a_red_cpi_is_warned_at_its_line_with_the_figures() {
    let site = green_by_hand();
    // CPI 1.7M / 2.1M = 0.81 and SPI 1.7M / 2.0M = 0.85: red by the default thresholds.
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1000000,900000,1000000\n2024-02,1000000,800000,1100000\n",
    );
    let err = told(&site, "en");
    assert!(err.contains("content/projects/erp/index.md:13:6"), "{err}");
    assert!(
        err.contains("`rag: green` is set by hand, but the figures grade the project red: CPI 0.81, SPI 0.85, below the site's amber thresholds (CPI 0.85, SPI 0.85)"),
        "{err}"
    );
    assert!(err.contains("otherwise delete the `rag` line"), "{err}");
    let err = told(&site, "zh-CN");
    assert!(
        err.contains("`rag: green` 是手动设定的，但按数据计算项目应为红色：CPI 0.81、SPI 0.85"),
        "{err}"
    );
}

#[test]
fn a_green_set_by_hand_with_a_milestone_overdue_is_warned_and_one_the_figures_bear_out_is_not() {
    let site = green_by_hand();
    // The fixture's own budget, CPI 0.90 and SPI 0.95, grades amber: a green over it is
    // what the override is for, and the milestone is what is told.
    let err = told(&site, "en");
    assert!(!err.contains("grade the project"), "{err}");
    assert!(
        err.contains("`rag: green` is set by hand, but milestone `上线` was due 2024-12-15 and is not reached as of"),
        "{err}"
    );
    // Every month earned as planned at its cost: CPI and SPI 1.00.
    site.write(
        "content/projects/erp/budget.csv",
        "period,pv,ev,ac\n2024-01,1000000,1000000,1000000\n2024-02,1000000,1000000,1000000\n",
    );
    let err = told(&site, "zh-CN");
    assert!(
        err.contains("`rag: green` 是手动设定的，但里程碑 `上线` 应于 2024-12-15 完成"),
        "{err}"
    );
    assert!(err.contains("content/projects/erp/index.md:13:6"), "{err}");
    // The milestone reached: the green is the figures' own, and nothing is told.
    site.write(
        "content/projects/erp/milestones.csv",
        "name,baseline,forecast,actual\n启动会,2024-01-10,,2024-01-10\n上线,2024-11-30,2024-12-15,2024-12-10\n",
    );
    let err = told(&site, "en");
    assert!(!err.contains("is set by hand"), "{err}");
}

/// A computed status says on hover which figures it comes from; one set by hand says
/// so instead, with its reason, and no figures it does not come from.
#[test]
fn a_computed_badge_names_its_indexes_and_a_hand_set_one_its_reason() {
    let site = Site::fixture("basic");
    site.build_ok();
    let page = site.read("projects/erp/index.html");
    assert!(
        page.contains("<span class=\"badge rag rag-amber\" title=\"由 CPI 0.90、SPI 0.95 计算\">"),
        "{page}"
    );
    let site = green_by_hand();
    site.build_ok();
    let page = site.read("projects/erp/index.html");
    assert!(
        page.contains("<span class=\"badge rag rag-green\">"),
        "{page}"
    );
    assert!(!page.contains("由 CPI"), "{page}");
    assert!(
        page.contains("title=\"指导委员会 2024-12 评审认为进展正常\">人工设定</span>"),
        "{page}"
    );
}
