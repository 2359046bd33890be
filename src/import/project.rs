//! A project as `pmo import projects` reads it from a row and writes it: the columns a
//! project list names (项目名称, 项目编号, 预算 …), the words for its statuses, and its
//! `index.md` in the order `pmo new project` writes the fields.

use crate::content::schema::{ProjectMeta, ProjectStatus, Rag};
use crate::i18n::Vocabulary;

use super::headers::FieldSet;
use super::lesson::scalar;
use super::values::Vocab;

/// What a column becomes in the project's front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Code,
    Status,
    Start,
    Finish,
    Bac,
    Currency,
    /// The unit of the row's budget (`单位` holding `万元` or `元`): a list may mix them.
    Unit,
    Sponsor,
    Manager,
    Department,
    Phase,
    Rag,
    RagReason,
    Tags,
    Summary,
}

impl FieldSet for Field {
    const FIELDS: &'static [(Self, &'static str, &'static [&'static str])] = &[
        (
            Field::Title,
            "title",
            &[
                "项目名称",
                "名称",
                "项目",
                "项目标题",
                "标题",
                "projectname",
                "project",
                "name",
            ],
        ),
        (
            Field::Code,
            "code",
            &[
                "项目编号",
                "编号",
                "项目代码",
                "代码",
                "项目号",
                "项目ID",
                "projectcode",
                "projectid",
                "projectno",
                "id",
                "ref",
            ],
        ),
        (
            Field::Status,
            "status",
            &["状态", "项目状态", "当前状态", "projectstatus", "state"],
        ),
        (
            Field::Start,
            "start",
            &[
                "开始",
                "开始日期",
                "开始时间",
                "计划开始",
                "计划开始日期",
                "起始日期",
                "启动日期",
                "立项日期",
                "startdate",
                "plannedstart",
            ],
        ),
        (
            Field::Finish,
            "finish",
            &[
                "结束",
                "结束日期",
                "结束时间",
                "计划结束",
                "计划结束日期",
                "完成日期",
                "计划完成",
                "计划完成日期",
                "截止日期",
                "finishdate",
                "end",
                "enddate",
                "plannedfinish",
                "plannedend",
                "duedate",
            ],
        ),
        (
            Field::Bac,
            "bac",
            &[
                "预算",
                "总预算",
                "预算金额",
                "项目预算",
                "完工预算",
                "预算总额",
                "budget",
                "totalbudget",
                "budgetatcompletion",
            ],
        ),
        (
            Field::Currency,
            "currency",
            &["币种", "货币", "币别", "ccy"],
        ),
        (
            Field::Unit,
            "unit",
            &[
                "单位",
                "金额单位",
                "预算单位",
                "货币单位",
                "units",
                "amountunit",
                "budgetunit",
            ],
        ),
        (
            Field::Sponsor,
            "sponsor",
            &[
                "发起人",
                "项目发起人",
                "出资人",
                "业务发起人",
                "projectsponsor",
            ],
        ),
        (
            Field::Manager,
            "manager",
            &[
                "项目经理",
                "经理",
                "负责人",
                "项目负责人",
                "projectmanager",
                "pm",
                "owner",
            ],
        ),
        (
            Field::Department,
            "department",
            &[
                "部门",
                "承担部门",
                "所属部门",
                "责任部门",
                "牵头部门",
                "事业部",
                "dept",
                "businessunit",
            ],
        ),
        (
            Field::Phase,
            "phase",
            &["阶段", "项目阶段", "当前阶段", "stage", "projectphase"],
        ),
        (
            Field::Rag,
            "rag",
            &[
                "RAG状态",
                "红黄绿",
                "红绿灯",
                "健康度",
                "健康状态",
                "状态灯",
                "ragstatus",
                "health",
            ],
        ),
        (
            Field::RagReason,
            "rag_reason",
            &["RAG原因", "RAG说明", "状态说明", "红黄绿说明", "ragreason"],
        ),
        (Field::Tags, "tags", &["标签", "关键词", "tag", "keywords"]),
        (
            Field::Summary,
            "summary",
            &[
                "摘要",
                "概要",
                "简介",
                "项目简介",
                "概述",
                "项目概述",
                "描述",
                "项目描述",
                "description",
                "overview",
            ],
        ),
    ];
    const AMOUNTS: &'static [Self] = &[Field::Bac];
}

/// The statuses of a project list, in both languages. A project not yet started but
/// listed is in the portfolio, so `active`; a cancelled one is none of the three (closed
/// would call for a closure review): it is refused, for the author to choose.
pub const STATUSES: Vocab<ProjectStatus> = Vocab {
    values: &[
        (
            ProjectStatus::Active,
            "active",
            &[
                "进行中",
                "执行中",
                "实施中",
                "在建",
                "在执行",
                "正常",
                "开展中",
                "未开始",
                "计划中",
                "筹备中",
                "已立项",
                "open",
                "ongoing",
                "inprogress",
                "running",
                "planned",
                "notstarted",
            ],
        ),
        (
            ProjectStatus::OnHold,
            "on-hold",
            &[
                "暂停",
                "已暂停",
                "挂起",
                "搁置",
                "暂缓",
                "冻结",
                "onhold",
                "paused",
                "suspended",
            ],
        ),
        (
            ProjectStatus::Closed,
            "closed",
            &[
                "关闭",
                "已关闭",
                "完成",
                "已完成",
                "结项",
                "已结项",
                "结束",
                "已结束",
                "已验收",
                "completed",
                "complete",
                "done",
                "finished",
            ],
        ),
    ],
    suffixes: &[],
    prefixes: &["项目", "project"],
};

pub const RAGS: Vocab<Rag> = Vocab {
    values: &[
        (Rag::Green, "green", &["绿", "绿色", "绿灯", "g"]),
        (
            Rag::Amber,
            "amber",
            &[
                "黄", "黄色", "黄灯", "琥珀", "橙", "橙色", "yellow", "a", "y",
            ],
        ),
        (Rag::Red, "red", &["红", "红色", "红灯", "r"]),
    ],
    suffixes: &[],
    prefixes: &[],
};

/// A project read from one row.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub meta: ProjectMeta,
    /// `PRJ-<year>-<FOLDER>`, written as a hint line when the row has no code.
    pub code_hint: Option<String>,
}

impl Project {
    /// The front matter, fences included, in the order `pmo new project` writes it.
    pub fn front_matter(&self) -> String {
        let meta = &self.meta;
        let mut out = String::from("---\n");
        let mut line = |key: &str, value: &str| out.push_str(&format!("{key}: {value}\n"));
        line("title", &scalar(&meta.title));
        if let Some(code) = &meta.code {
            line("code", &scalar(code));
        }
        for (key, value) in [
            ("sponsor", &meta.sponsor),
            ("manager", &meta.manager),
            ("department", &meta.department),
        ] {
            if let Some(value) = value {
                line(key, &scalar(value));
            }
        }
        if let Some(start) = meta.start {
            line("start", &start.iso());
        }
        if let Some(finish) = meta.finish {
            line("finish", &finish.iso());
        }
        if let Some(bac) = meta.bac {
            // Rust writes the shortest text that reads back as the same figure.
            line("bac", &bac.to_string());
        }
        if let Some(currency) = &meta.currency {
            line("currency", &scalar(currency));
        }
        line("status", meta.status.key());
        if let Some(rag) = meta.rag {
            line("rag", rag.key());
        }
        if let Some(reason) = &meta.rag_reason {
            line("rag_reason", &scalar(reason));
        }
        if let Some(phase) = meta.phase {
            line("phase", phase.key());
        }
        if !meta.tags.is_empty() {
            let tags: Vec<String> = meta.tags.iter().map(|t| scalar(t)).collect();
            line("tags", &format!("[{}]", tags.join(", ")));
        }
        if let Some(summary) = &meta.summary {
            line("summary", &scalar(summary));
        }
        if let Some(hint) = &self.code_hint {
            out.push_str(&format!("# code: {hint}\n"));
        }
        out.push_str("---\n");
        out
    }

    /// The whole `index.md`: front matter, then a comment, in the site's language,
    /// saying what goes in the page. Empty headings (`## 当前状态` as `pmo new project`
    /// writes them) were a "headings but no text" warning a project, which fails a
    /// build run with `--deny-warnings`; a comment shows nothing.
    pub fn file(&self, english: bool) -> String {
        let note = if english {
            "Imported by pmo import projects. Write the project's objectives and scope, current status, issues and decisions, and next steps here; its budget, milestones and risks tables (budget.csv, milestones.csv, risks.csv) go beside this file."
        } else {
            "由 pmo import projects 导入。在这里写项目的目标与范围、当前状态、问题与决策和下一步；预算、里程碑和风险表（budget.csv、milestones.csv、risks.csv）放在本文件旁边。"
        };
        format!("{}\n<!-- {note} -->\n", self.front_matter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_lists_headers_and_statuses_read_in_both_languages() {
        assert_eq!(Field::of_header("项目名称"), Some(Field::Title));
        assert_eq!(Field::of_header("Project Name"), Some(Field::Title));
        assert_eq!(Field::of_header("项目编号"), Some(Field::Code));
        assert_eq!(Field::of_header("计划开始日期"), Some(Field::Start));
        assert_eq!(Field::of_header("End date"), Some(Field::Finish));
        assert_eq!(Field::of_header("BAC"), Some(Field::Bac));
        assert_eq!(Field::of_header("预算（元）"), Some(Field::Bac));
        assert_eq!(Field::of_header("预算（万元）"), Some(Field::Bac));
        assert_eq!(Field::of_header("项目经理"), Some(Field::Manager));
        assert_eq!(Field::of_header("RAG"), Some(Field::Rag));
        // A unit after a field that holds no amount names nothing.
        assert_eq!(Field::of_header("项目经理（万元）"), None);
        assert_eq!(
            Field::near("项目经里").map(|(_, f)| f),
            Some(Field::Manager)
        );
        assert_eq!(STATUSES.find("进行中"), Some(ProjectStatus::Active));
        assert_eq!(STATUSES.find("On hold"), Some(ProjectStatus::OnHold));
        assert_eq!(STATUSES.find("已结项"), Some(ProjectStatus::Closed));
        assert_eq!(STATUSES.find("已取消"), None);
        assert_eq!(RAGS.find("黄"), Some(Rag::Amber));
        assert_eq!(RAGS.find("Red"), Some(Rag::Red));
    }
}
