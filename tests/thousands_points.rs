//! Amounts written with a point between thousands, as much of Europe writes 98,500 as
//! `98.500`: read as 98.5, they made a month's cost a thousand times too small and the
//! project green without a word. Each is warned at its cell (or `bac` line), naming
//! what it is read as and what it would be, and listed among the project's doubts.

mod common;

use common::Site;

/// A project in euros, planned 1,200,000, with `budget` as its budget table.
fn bridge(budget: &str, bac: &str) -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/projects/bridge/index.md",
        format!(
            "---\ntitle: 莱茵桥加固\ncode: NW-2024-017\ndepartment: 基建部\nstart: 2024-01-08\n\
             finish: 2024-12-20\nbac: {bac}\ncurrency: EUR\nstatus: active\n---\n\n桥梁加固工程。\n"
        ),
    );
    site.write("content/projects/bridge/budget.csv", budget);
    let config = site.root().join("site.toml");
    let mut toml = std::fs::read_to_string(&config).unwrap();
    toml.push_str("\n[currency]\nportfolio = \"CNY\"\nrates = { EUR = 7.8 }\n");
    std::fs::write(config, toml).unwrap();
    site
}

const HEADER: &str = "Month,Planned Value (EUR),Earned Value (EUR),Actual Cost (EUR)\n";
const LATER: &str = "2024-06,100000,,\n2024-07,100000,,\n2024-08,100000,,\n2024-09,100000,,\n\
                     2024-10,100000,,\n2024-11,80000,,\n2024-12,70000,,\n";

fn warnings(site: &Site) -> Vec<String> {
    site.build_ok()
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_dotted_amount_in_the_first_or_last_month_is_warned_at_its_cell() {
    for (rows, cell, read, meant) in [
        (
            "2024-01,100000,95000,98.500\n2024-02,100000,90000,104200\n2024-03,120000,110000,118750\n\
             2024-04,120000,125000,121000\n2024-05,110000,100000,112300\n",
            "budget.csv:2:",
            "`98.500` reads as 98.5",
            "98,500",
        ),
        (
            "2024-01,100000,95000,98500\n2024-02,100000,90000,104200\n2024-03,120000,110000,118750\n\
             2024-04,120000,125000,121000\n2024-05,110000,100000,112.300\n",
            "budget.csv:6:",
            "`112.300` reads as 112.3",
            "112,300",
        ),
    ] {
        let site = bridge(&format!("{HEADER}{rows}{LATER}"), "1200000");
        let told = warnings(&site);
        assert!(
            told.iter()
                .any(|w| w.contains(cell) && w.contains(read) && w.contains(meant)),
            "{told:#?}"
        );
        // The project's page lists it among the doubts about its figures (in the
        // site's language).
        let page = site.read("projects/bridge/index.html");
        let written = read.split('`').nth(1).unwrap();
        assert!(
            page.contains("data-notes") && page.contains(&format!("`{written}` 会被读作")),
            "{cell}"
        );
    }
}

#[test]
fn a_table_written_all_in_dotted_thousands_is_warned_at_the_dot() {
    let rows = "2024-01,100.000,95.000,98.500\n2024-02,100.000,90.000,104.200\n\
                2024-03,120.000,110.000,118.750\n";
    let site = bridge(&format!("{HEADER}{rows}"), "1200000");
    let told = warnings(&site);
    assert!(
        told.iter()
            .any(|w| w.contains("budget.csv:2:") && w.contains("`100.000` reads as 100")),
        "{told:#?}"
    );
}

#[test]
fn decimals_in_a_column_of_decimals_are_left_alone() {
    let rows = "2024-01,100000.50,95000.25,12.345\n2024-02,100000.50,90000.75,98000.5\n";
    let site = bridge(&format!("{HEADER}{rows}"), "200001");
    let told = warnings(&site);
    assert!(!told.iter().any(|w| w.contains("12.345")), "{told:#?}");
}

#[test]
fn a_dotted_bac_is_warned_at_its_line() {
    let site = bridge("period,pv,ev,ac\n2024-01,1200,1000,1100\n", "1.200");
    let told = warnings(&site);
    assert!(
        told.iter().any(|w| w.contains("bridge/index.md:7:")
            && w.contains("`1.200` reads as 1.2")
            && w.contains("1,200")),
        "{told:#?}"
    );
    // Whose gap from the plan follows from the point alone, and is not said twice.
    assert!(!told.iter().any(|w| w.contains("a gap of")), "{told:#?}");
    // Quoted, it is a text read as the same number: warned alike (it showed BAC 600).
    for quoted in ["\"1.200\"", "'1.200'"] {
        let site = bridge("period,pv,ev,ac\n2024-01,1200,1000,1100\n", quoted);
        let told = warnings(&site);
        assert!(
            told.iter()
                .any(|w| w.contains("reads as 1.2") && w.contains("1,200")),
            "{quoted}: {told:#?}"
        );
    }
}

#[test]
fn an_amount_with_several_points_is_refused_naming_the_thousands() {
    let site = bridge("period,pv,ev,ac\n2024-01,1.200.000,1000,1100\n", "1200000");
    let told = site.build_err();
    assert!(
        told.contains("budget.csv:2:") && told.contains("1200000"),
        "{told}"
    );
    assert!(told.contains("separates thousands with points"), "{told}");
}

#[test]
fn a_dotted_amount_out_of_scale_is_told_once_and_its_help_names_the_point() {
    // Among whole amounts: the point's own warning, not a second one about scale.
    let rows = "2024-01,100000,95000,98500\n2024-02,100000,90000,104200\n\
                2024-03,120000,110000,118750\n2024-04,120000,125.000,121000\n\
                2024-05,110000,100000,112300\n";
    let told = warnings(&bridge(&format!("{HEADER}{rows}{LATER}"), "1200000"));
    let at_cell: Vec<&String> = told
        .iter()
        .filter(|w| w.contains("budget.csv:5:"))
        .collect();
    assert_eq!(at_cell.len(), 1, "{told:#?}");
    assert!(at_cell[0].contains("`125.000` reads as 125"), "{told:#?}");
    // Among amounts with cents the point may be a decimal one, so only the scale is
    // doubted; its help still names the point.
    let rows = "2024-01,100000,95000.50,98500\n2024-02,100000,90000.50,104200\n\
                2024-03,120000,110000.50,118750\n2024-04,120000,125.000,121000\n\
                2024-05,110000,100000.50,112300\n";
    let told = warnings(&bridge(&format!("{HEADER}{rows}{LATER}"), "1200000"));
    assert!(
        told.iter().any(|w| w.contains("budget.csv:5:")
            && w.contains("usual amount")
            && w.contains("write `125000` if the amount is 125,000")),
        "{told:#?}"
    );
}

/// Hunt 9: `1.860` (1,860) among headcounts of 28 to 212: the ```table block printed
/// `1.860`, the chart drew 1.86, and nothing was said, as 1.86 was nearer their median
/// than 1,860. Each block is told at its own line, naming the file, row and value.
#[test]
fn a_dotted_number_fitting_its_data_table_neither_way_is_warned_in_each_block() {
    let site = Site::fixture("basic");
    site.write(
        "data/headcount.csv",
        "department,manager,headcount\n财务部,王芳,86\n法务部,李娜,34\n制造中心,马建军,1.860\n研发中心,陈刚,212\n审计部,赵敏,28\n采购部,周杰,45\n",
    );
    site.write(
        "content/headcount.md",
        "---\ntitle: 各部门人数\n---\n\n```table\ndata = \"headcount\"\ncolumns = [\"department\", \"headcount\"]\n```\n\n```chart\ntype = \"bar\"\ndata = \"headcount\"\nx = \"department\"\ny = \"headcount\"\n```\n",
    );
    let told: Vec<String> = warnings(&site)
        .into_iter()
        .filter(|w| w.contains("`1.860`"))
        .collect();
    assert_eq!(told.len(), 2, "{told:#?}");
    for (w, line) in told.iter().zip(["headcount.md:7:", "headcount.md:14:"]) {
        assert!(w.contains(line), "{w}");
        assert!(w.contains("headcount.csv"), "{w}");
        assert!(w.contains("reads as 1.86") && w.contains("1,860"), "{w}");
        assert!(w.contains("write `1860`"), "{w}");
    }
    // A column of version numbers, all dotted, is no column of amounts.
    site.write(
        "data/headcount.csv",
        "department,version\n财务部,1.100\n法务部,1.200\n",
    );
    site.write(
        "content/headcount.md",
        "---\ntitle: 各部门版本\n---\n\n```table\ndata = \"headcount\"\n```\n",
    );
    assert!(!warnings(&site).iter().any(|w| w.contains("1.100")));
}
