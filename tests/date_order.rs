//! Dates whose order of day and month nothing in them tells (`03/05/2026`): refused
//! unless site.toml's `date_order` says how the team writes them; one that can be read
//! one way only (`13/05/2026`) is read, and sets the order its column is checked
//! against; a two-digit year is never read.

mod common;

use common::import::{import_projects as import, index, row, write};
use common::xlsx::xlsx;
use common::{stderr, Site};

fn set_order(site: &Site, order: &str) {
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("date_order = \"{order}\"\n{toml}"));
}

#[test]
fn a_column_mixing_day_first_and_month_first_is_refused_naming_both_cells() {
    let site = Site::fixture("basic");
    let csv = "项目编号,项目名称,状态,开始日期\nPRJ-2026-061,园区网络改造,进行中,13/05/2026\nPRJ-2026-062,档案数字化,进行中,05/14/2026\n";
    let file = write(&site, "混合.csv", csv.as_bytes());
    let out = import("zh-CN", &site, &file);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("列 `开始日期` 中的 `05/14/2026` 是月在前，而第 2 行的 `13/05/2026` 是日在前"),
        "{err}"
    );
    assert!(err.contains("混合.csv:3:"), "{err}");
    assert!(err.contains("`date_order = \"dmy\"`（日在前）"), "{err}");
    assert!(!site.root().join("content/projects/prj-2026-061").exists());
}

#[test]
fn without_a_stated_order_a_day_both_ways_is_refused_and_one_way_only_is_read() {
    let site = Site::fixture("basic");
    let csv = "项目编号,项目名称,状态,开始日期,结束日期\nPRJ-2026-071,园区网络改造,进行中,13/05/2026,20/12/2026\nPRJ-2026-072,档案数字化,进行中,03/05/2026,\nPRJ-2026-073,数据治理,进行中,5/3/26,\n";
    let file = write(&site, "日期.csv", csv.as_bytes());
    let err = stderr(&import("zh-CN", &site, &file));
    assert!(
        index(&site, "prj-2026-071").contains("start: 2026-05-13\nfinish: 2026-12-20\n"),
        "{err}"
    );
    assert!(
        err.contains("`03/05/2026` 可能是 2026-05-03（日在前）也可能是 2026-03-05（月在前）"),
        "{err}"
    );
    assert!(
        err.contains(
            "请写成 YYYY-MM-DD，或在 site.toml 中写明一次团队的日期写法：`date_order = \"dmy\"`"
        ),
        "{err}"
    );
    assert!(err.contains("日期.csv:3:"), "{err}");
    assert!(!site.root().join("content/projects/prj-2026-072").exists());
    // A two-digit year is never read: which century, and which number is the year?
    assert!(err.contains("日期.csv:4:"), "{err}");
    assert!(!site.root().join("content/projects/prj-2026-073").exists());
}

#[test]
fn a_stated_order_reads_every_date_with_the_year_last_and_refuses_one_it_cannot() {
    let site = Site::fixture("basic");
    set_order(&site, "dmy");
    let rows = vec![
        row(&["项目编号", "项目名称", "状态", "开始日期"], &[]),
        row(
            &["PRJ-2026-081", "园区网络改造", "进行中", "03/05/2026"],
            &[],
        ),
        row(&["PRJ-2026-082", "档案数字化", "进行中", "5.3.2026"], &[]),
    ];
    let file = write(&site, "dmy.xlsx", &xlsx("项目清单", &rows, &[]));
    let err = stderr(&import("en", &site, &file));
    assert!(
        index(&site, "prj-2026-081").contains("start: 2026-05-03\n"),
        "{err}"
    );
    assert!(
        index(&site, "prj-2026-082").contains("start: 2026-03-05\n"),
        "{err}"
    );

    let site = Site::fixture("basic");
    set_order(&site, "mdy");
    let rows = vec![
        row(&["项目编号", "项目名称", "状态", "开始日期"], &[]),
        row(
            &["PRJ-2026-083", "园区网络改造", "进行中", "03/05/2026"],
            &[],
        ),
        row(&["PRJ-2026-084", "档案数字化", "进行中", "13/05/2026"], &[]),
    ];
    let file = write(&site, "mdy.xlsx", &xlsx("项目清单", &rows, &[]));
    let out = import("en", &site, &file);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("项目清单!D3: column `开始日期` holds `13/05/2026`, which is no day read as site.toml's `date_order = \"mdy\"` says"),
        "{err}"
    );
    assert!(!site.root().join("content/projects/prj-2026-083").exists());
}

/// `--date-order` states it for one import, over site.toml's: a register from the US
/// office in a site whose team writes day first.
#[test]
fn the_import_option_states_the_order_over_the_sites() {
    let site = Site::fixture("basic");
    set_order(&site, "dmy");
    let csv = "Code,Project name,Status,Start\nPRJ-2026-091,美国办公室迁址,active,03/05/2026\n";
    let file = write(&site, "us.csv", csv.as_bytes());
    let root = site.root().to_str().unwrap();
    let file = file.to_str().unwrap();
    let with = |order: &str| {
        let args = [
            "--root",
            root,
            "import",
            "projects",
            file,
            "--date-order",
            order,
        ];
        common::pmo_in("en", &args)
    };
    let out = with("mdy");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(index(&site, "prj-2026-091").contains("start: 2026-03-05\n"));
    // Only the three orders are taken.
    let out = with("md");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
