//! A project's data as an analyst breaks it: the yuan under other names, dates typed
//! other ways, rows with several bad cells, milestones and risks that parse yet cannot
//! be right, budgets that fall or run to thousands of periods. Each either reads as
//! meant or is said at its file, line (or row) and value; none is shown as right.

mod common;

use common::Site;

const ERP: &str = "content/projects/erp/index.md";

/// The basic fixture with a second project, `crm`, in `currency`.
fn with_second_project(currency: &str) -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/crm/index.md",
        format!(
            "---\ntitle: CRM 上线\ncode: PRJ-2024-020\ndepartment: 销售部\nstart: 2024-01-01\n\
             finish: 2024-12-31\nbac: 1000\ncurrency: {currency}\nstatus: active\n---\n\n正文。\n"
        ),
    );
    site.write(
        "content/projects/crm/budget.csv",
        "period,pv,ev,ac\n2024-01,100,90,95\n",
    );
    site
}

fn warnings(site: &Site) -> Vec<String> {
    site.build_ok()
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// RMB, 人民币 and ￥ are what Chinese finance staff write for the yuan: read as CNY,
/// beside a CNY project, with no rate asked for and CNY shown.
#[test]
fn the_yuan_under_its_other_names_is_cny() {
    for name in ["RMB", "rmb", "人民币", "\"￥\"", "\"¥\""] {
        let site = with_second_project(name);
        site.build_ok();
        let page = site.read("projects/crm/index.html");
        assert!(page.contains("CNY"), "{name}: the page does not say CNY");
        for shown in ["RMB", "rmb", "人民币"] {
            assert!(
                !page.contains(&format!(" {shown}<")) && !page.contains(&format!(">{shown}<")),
                "{name}: the page shows {shown}"
            );
        }
    }
}
