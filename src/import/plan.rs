//! The columns of a PMO's milestones and risks sheets, as `pmo import projects` (the
//! sheets 里程碑 and 风险 of its workbook) and `pmo import milestones|risks` read them:
//! each row names its project by code (or title), then one milestone or one risk, in
//! the columns a project's `milestones.csv` and `risks.csv` take.

use super::headers::FieldSet;
use super::values::Vocab;

/// A column of a milestones sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MilestoneField {
    Code,
    Project,
    Name,
    Baseline,
    Forecast,
    Actual,
}

/// The columns naming a row's project: its code, else its title.
const CODE: &[&str] = &[
    "项目编号",
    "项目代码",
    "项目号",
    "项目ID",
    "projectcode",
    "projectid",
    "projectno",
];
const PROJECT: &[&str] = &["项目", "项目名称", "所属项目", "project", "projectname"];

impl FieldSet for MilestoneField {
    const FIELDS: &'static [(Self, &'static str, &'static [&'static str])] = &[
        (MilestoneField::Code, "code", CODE),
        (MilestoneField::Project, "project", PROJECT),
        (
            MilestoneField::Name,
            "name",
            &["里程碑", "里程碑名称", "名称", "milestone", "milestonename"],
        ),
        (
            MilestoneField::Baseline,
            "baseline",
            &[
                "基线",
                "基线日期",
                "计划日期",
                "计划完成日期",
                "baselinedate",
                "planneddate",
                "plandate",
            ],
        ),
        (
            MilestoneField::Forecast,
            "forecast",
            &[
                "预测",
                "预测日期",
                "预计日期",
                "预计完成日期",
                "forecastdate",
                "expecteddate",
            ],
        ),
        (
            MilestoneField::Actual,
            "actual",
            &[
                "实际",
                "实际日期",
                "实际完成日期",
                "完成日期",
                "actualdate",
                "completiondate",
                "completeddate",
            ],
        ),
    ];
}

/// A column of a risks sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskField {
    Code,
    Project,
    Id,
    Title,
    Probability,
    Impact,
    Owner,
    Status,
    Response,
}

impl FieldSet for RiskField {
    const FIELDS: &'static [(Self, &'static str, &'static [&'static str])] = &[
        (RiskField::Code, "code", CODE),
        (RiskField::Project, "project", PROJECT),
        (RiskField::Id, "id", &["风险编号", "编号", "riskid", "ref"]),
        (
            RiskField::Title,
            "title",
            &[
                "风险",
                "风险名称",
                "风险描述",
                "风险标题",
                "risk",
                "risktitle",
                "riskdescription",
                "description",
            ],
        ),
        (
            RiskField::Probability,
            "probability",
            &["概率", "可能性", "发生概率", "likelihood"],
        ),
        (
            RiskField::Impact,
            "impact",
            &["影响", "影响程度", "severity"],
        ),
        (
            RiskField::Owner,
            "owner",
            &["负责人", "责任人", "风险负责人", "riskowner"],
        ),
        (RiskField::Status, "status", &["状态", "风险状态", "state"]),
        (
            RiskField::Response,
            "response",
            &[
                "应对措施",
                "应对",
                "应对计划",
                "措施",
                "mitigation",
                "responseplan",
                "mitigationplan",
            ],
        ),
    ];
}

/// A risk's statuses in both languages, as `risks.csv` writes them. A word none of
/// these names is refused at its cell rather than written for the build to read as
/// open (`已取消`: is the risk over, or was it never one?).
pub const RISK_STATUSES: Vocab<&'static str> = Vocab {
    values: &[
        (
            "open",
            "open",
            &[
                "打开",
                "开放",
                "未关闭",
                "待处理",
                "新建",
                "已识别",
                "识别",
                "new",
                "identified",
                "active",
            ],
        ),
        (
            "in-progress",
            "in-progress",
            &[
                "处理中",
                "应对中",
                "进行中",
                "跟踪中",
                "inprogress",
                "ongoing",
            ],
        ),
        (
            "mitigated",
            "mitigated",
            &["已缓解", "缓解", "已降低", "mitigated"],
        ),
        (
            "monitoring",
            "monitoring",
            &["监控中", "监控", "观察中", "监视", "monitored", "watch"],
        ),
        (
            "closed",
            "closed",
            &[
                "关闭",
                "已关闭",
                "已解决",
                "解决",
                "已消除",
                "resolved",
                "close",
            ],
        ),
    ],
    suffixes: &[],
    prefixes: &["风险"],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milestone_and_risk_sheets_are_read_in_both_languages() {
        assert_eq!(
            MilestoneField::of_header("项目编号"),
            Some(MilestoneField::Code)
        );
        assert_eq!(
            MilestoneField::of_header("里程碑"),
            Some(MilestoneField::Name)
        );
        assert_eq!(
            MilestoneField::of_header("计划日期"),
            Some(MilestoneField::Baseline)
        );
        assert_eq!(
            MilestoneField::of_header("Forecast date"),
            Some(MilestoneField::Forecast)
        );
        assert_eq!(
            MilestoneField::of_header("完成日期"),
            Some(MilestoneField::Actual)
        );
        assert_eq!(RiskField::of_header("风险描述"), Some(RiskField::Title));
        assert_eq!(RiskField::of_header("可能性"), Some(RiskField::Probability));
        assert_eq!(RiskField::of_header("Risk owner"), Some(RiskField::Owner));
        assert_eq!(RISK_STATUSES.find("已关闭"), Some("closed"));
        assert_eq!(RISK_STATUSES.find("In progress"), Some("in-progress"));
        assert_eq!(RISK_STATUSES.find("监控中"), Some("monitoring"));
        assert_eq!(RISK_STATUSES.find("已取消"), None);
    }
}
