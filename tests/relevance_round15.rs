//! Relevance on small sites of queries as PMO staff type them, round 15: a quarter beside
//! other words, an English question asking what was learned, and a query mixing the two
//! languages widened to synonyms.
//! The client runs under node.
//!
//! Needs `node` on the PATH.

mod common;

use common::{assert_first, zh_search_site};

/// A lesson, `date` its day: its kind (经验教训) is one of its fields.
fn lesson(path: &'static str, title: &str, date: &str, body: &str) -> (&'static str, String) {
    (
        path,
        format!(
            "---\ntitle: {title}\ndate: {date}\nproject: dc\nphase: execution\n\
             impact: negative\n---\n\n{body}\n"
        ),
    )
}

/// The site of `pages` and of the project its lessons are about.
fn site_of(pages: &[(&'static str, String)]) -> common::Site {
    let project = (
        "content/projects/dc/index.md",
        "---\ntitle: 机房迁移\ncode: DC\nstatus: closed\n---\n\n三个波次。\n",
    );
    let pages: Vec<(&str, &str)> = pages
        .iter()
        .map(|(p, t)| (*p, t.as_str()))
        .chain([project])
        .collect();
    zh_search_site(&pages)
}

/// `2024Q3 经验教训` and `2026年三季度经验教训` found the section and the practice on
/// lessons learned: `2024` and `q3` were words to hold, and 季度 ran on into 经验教训. A
/// quarter beside other words now stands for its three months, as one typed alone did.
#[test]
fn a_quarter_beside_other_words_is_its_three_months() {
    let site = site_of(&[
        lesson(
            "content/lessons/freeze-mail.md",
            "变更冻结日历只发邮件",
            "2024-07-19",
            "第一波迁移窗口只通过邮件通知，销售部没有注意到。",
        ),
        lesson(
            "content/lessons/asset-list.md",
            "资产清单与实物不符",
            "2024-12-18",
            "旧机房资产清单没有按季度核对，腾退推迟一周。",
        ),
        lesson(
            "content/lessons/resignation.md",
            "核心开发离职",
            "2026-08-05",
            "工作流引擎只有一名核心开发熟悉。",
        ),
        (
            "content/practices/lessons-process.md",
            "---\ntitle: 经验教训与持续改进\ndate: 2025-01-10\n---\n\n\
             每个季度汇总一次经验教训，三季度和四季度各开一次复盘会。\n"
                .to_string(),
        ),
    ]);
    assert_first(
        &site,
        &[
            ("2024Q3 经验教训", "lessons/freeze-mail/"),
            ("2024 Q3 经验教训", "lessons/freeze-mail/"),
            ("2026年三季度经验教训", "lessons/resignation/"),
            ("经验教训 Q3 2026", "lessons/resignation/"),
        ],
    );
}

/// `what did we learn about the key developer resignation` found nothing: `learn` is in
/// no page about it. Asking what was learned names the lessons, as `lessons about` does.
#[test]
fn an_english_question_asking_what_was_learned_names_the_lessons() {
    let site = site_of(&[
        lesson(
            "content/lessons/hr-key-developer-resignation.md",
            "工作流核心开发离职，入离职流程开发放缓两周",
            "2026-08-05",
            "工作流引擎只有一名核心开发熟悉，他离职后开发放缓两周。",
        ),
        lesson(
            "content/lessons/vendor-delay.md",
            "接口分包商交付迟缓",
            "2023-12-20",
            "分包商交付迟缓，上线推迟。",
        ),
        (
            "content/notes/learning.md",
            "---\ntitle: Learning paths\n---\n\nWhat we learn from training, and how.\n"
                .to_string(),
        ),
    ]);
    assert_first(
        &site,
        &[
            (
                "what did we learn about the key developer resignation",
                "lessons/hr-key-developer-resignation/",
            ),
            (
                "what have we learned from the key developer resignation",
                "lessons/hr-key-developer-resignation/",
            ),
        ],
    );
}

/// `lessons from the data center migration` is its subject with the lessons' label after
/// it (`data center migration 经验教训`), a query mixing the two languages. Widened, every
/// word went to its nearest synonym, the label too (数据中心 迁移 lessons learned), and
/// the Chinese lessons were not found: the English words are said in Chinese first now.
#[test]
fn a_mixed_query_is_widened_to_the_sites_language_first() {
    let site = site_of(&[
        lesson(
            "content/lessons/wave-planning.md",
            "数据中心迁移按业务重要性分三波",
            "2024-11-15",
            "先迁非核心系统练兵，再迁核心系统。",
        ),
        lesson(
            "content/lessons/rollback.md",
            "每个波次都做回退演练",
            "2024-11-08",
            "数据中心迁移的每个波次都先演练回退。",
        ),
        (
            "content/projects/data-center-migration/index.md",
            "---\ntitle: 数据中心迁移\ncode: DCM\nstatus: closed\n---\n\n\
             三个波次，经验教训见各篇。\n"
                .to_string(),
        ),
    ]);
    assert_first(
        &site,
        &[(
            "lessons from the data center migration",
            "lessons/wave-planning/",
        )],
    );
}
