//! Malformed sites the twenty-first hunt found mishandled: a ```table block sorted over
//! days written with the year last, a project kept in 万元 among projects in 元, and a
//! budget headed in `$` in a site whose dollar is known.

mod common;

use common::Site;

/// The warnings the build gives about the report `file`, written with `text`.
fn warnings_of(site: &Site, file: &str, text: &str) -> Vec<String> {
    site.write(&format!("content/reports/{file}"), text);
    let warnings = site.warnings();
    warnings.into_iter().filter(|w| w.contains(file)).collect()
}

/// A milestone plan `03/05/2026, 12/01/2025, 01/02/2026` shown by a ```table block with
/// `sort = "日期"` was listed 01/02 · 03/05 · 12/01 — text's order, December 2025 last —
/// without a word, while a chart whose x axis held the same days was warned of. Both
/// now ask one check: the table's `sort` is warned of at its line with the days the
/// first could be; a chart sorting by its own x is told once, by its axis's warning.
#[test]
fn a_table_sorted_by_days_written_year_last_is_warned_at_its_sort() {
    let site = Site::fixture("basic");
    site.write(
        "data/计划.csv",
        "里程碑,日期,金额\n启动会,03/05/2026,100\n方案设计,12/01/2025,200\n系统上线,01/02/2026,300\n",
    );
    let told = warnings_of(
        &site,
        "计划.md",
        "---\ntitle: 里程碑计划\ndate: 2026-03-01\n---\n\n```table\ndata = \"计划\"\nsort = \"日期\"\n```\n",
    );
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(
        told[0].contains("`sort` orders `日期` as text, not in time's order: `03/05/2026` (data/计划.csv line 2) is a date written another way, and 2 more"),
        "{told:?}"
    );
    assert!(told[0].contains("计划.md:8:1"), "{told:?}");
    assert!(
        told[0].contains("could be 2026-05-03 (day first"),
        "{told:?}"
    );

    // Months in Chinese sort as text too: 2025年10月 before 2025年9月.
    site.write(
        "data/计划.csv",
        "里程碑,日期,金额\n启动会,2025年9月,100\n方案设计,2025年10月,200\n",
    );
    let told = warnings_of(
        &site,
        "计划.md",
        "---\ntitle: 里程碑计划\ndate: 2026-03-01\n---\n\n```table\ndata = \"计划\"\nsort = \"-日期\"\n```\n",
    );
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(told[0].contains("would be 2025-09"), "{told:?}");

    // Written YYYY-MM-DD, the days sort in time's order: nothing to say.
    site.write(
        "data/计划.csv",
        "里程碑,日期,金额\n启动会,2026-03-05,100\n方案设计,2025-12-01,200\n",
    );
    let told = warnings_of(
        &site,
        "计划.md",
        "---\ntitle: 里程碑计划\ndate: 2026-03-01\n---\n\n```table\ndata = \"计划\"\nsort = \"日期\"\n```\n",
    );
    assert!(told.is_empty(), "{told:#?}");

    // A chart sorting by its own x axis is told once, by the axis's warning.
    site.write(
        "data/计划.csv",
        "里程碑,日期,金额\n启动会,03/05/2026,100\n方案设计,12/01/2025,200\n",
    );
    let told = warnings_of(
        &site,
        "计划.md",
        "---\ntitle: 里程碑计划\ndate: 2026-03-01\n---\n\n```chart\ntype = \"bar\"\ndata = \"计划\"\nx = \"日期\"\ny = \"金额\"\nsort = \"日期\"\n```\n",
    );
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(told[0].contains("in the x column `日期`"), "{told:?}");
}
