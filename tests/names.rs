//! Names of people and departments as a Chinese input method types them: a full-width
//! space (U+3000) before or after, full-width letters (`ＩＴ部`). Compared as written,
//! `信息中心　` was a second department on the dashboard, splitting its BAC and EAC.

mod common;

use common::Site;

/// The cells of the dashboard's table headed by 部门 (BAC and EAC by department).
fn department_cells(site: &Site) -> Vec<String> {
    let page = site.read("dashboard/index.html");
    let table = page
        .split("<table")
        .skip(1)
        .map(|t| t.split("</table>").next().unwrap_or(""))
        .find(|t| t.contains("部门</th>"))
        .expect("a table by department");
    table
        .split("<td")
        .skip(1)
        .map(|cell| {
            let inner = &cell[cell.find('>').unwrap() + 1..];
            inner.split("</td>").next().unwrap().trim().to_string()
        })
        .collect()
}

#[test]
fn a_department_typed_with_a_full_width_space_is_the_same_department() {
    let site = Site::sample();
    site.set_project_field("hr-self-service", "department", "信息中心");
    site.build_ok();
    let before = department_cells(&site);
    site.set_project_field("hr-self-service", "department", "信息中心\u{3000}");
    site.set_project_field("erp-upgrade", "department", "\u{3000}信息中心");
    site.build_ok();
    let after = department_cells(&site);
    assert_eq!(
        after.iter().filter(|c| c.as_str() == "信息中心").count(),
        1,
        "{after:?}"
    );
    assert_eq!(before, after);
    // The project's own page shows the name without the space.
    let page = site.read("projects/hr-self-service/index.html");
    assert!(page.contains("<dd>信息中心</dd>"), "{page}");
}

/// Security hunt 6: a tag `AI应用` stopped every build with a panic, as did a page, folder
/// or static file named with a character across its third byte (`5月周报.md`, `Q1复盘`):
/// the check for Windows device names cut the name at byte 3.
#[test]
fn names_with_a_character_across_their_third_byte_build() {
    let site = Site::fixture("basic");
    site.write(
        "content/practices/5月周报.md",
        "---\ntitle: 五月周报\ntags: [AI应用, 5G网络]\ncategory: Q1复盘\n---\n\n正文。\n",
    );
    site.write(
        "content/practices/Q1复盘/_index.md",
        "---\ntitle: 一季度复盘\n---\n\n正文。\n",
    );
    site.write("static/Q1复盘.txt", "附件");
    site.build_ok();
    assert!(site.public().join("Q1复盘.txt").exists());
}
