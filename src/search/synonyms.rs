//! Words a PMO uses for the same thing: 延期 and 延误, 供应商 and 乙方, `scope creep` and
//! 范围蔓延. A reader searching one of them means the pages written with any.
//!
//! The index holds the text as written, so the other words are looked up as queries of
//! their own. The client does so only when a query finds fewer than a page of results
//! (`WIDEN_BELOW` in search-widen.js): then the pages found through a synonym come after every
//! page holding the query as typed, so a query that finds what it says never reorders,
//! and one that finds little still leads somewhere. `search/syn.js` is loaded only then.
//!
//! Each member is written with the number of pages holding all of its terms (an upper
//! bound; 0 when a term is in no page): the client tries only members the site holds,
//! in the group's order (nearest in meaning first), as every synonym it tries costs the
//! download of its terms.

use crate::content::schema::ProjectStatus;
use crate::search::postings::{bigram_key, cjk_partition, fnv64, Partition};
use crate::search::tokenize::{for_each_term, TermKind};
use crate::slugs::fold_full_width;
use std::collections::HashSet;

/// The words readers type for a red status, in both languages. A project's metadata
/// holds them beside its one-character label (`fields::facts`), so the project in that
/// state comes before the pages whose prose merely says 红色.
pub const RED: &[&str] = &["红色", "红灯", "red"];
/// [`RED`] for amber: 黄 in the UI, yellow in a reader's English.
pub const AMBER: &[&str] = &["黄色", "黄灯", "amber", "yellow"];
/// [`RED`] for green.
pub const GREEN: &[&str] = &["绿色", "绿灯", "green"];

/// The words readers type for a project's status, in both languages, its label in
/// either among them (进行中, Active). A project's metadata holds them and the project is
/// titled by them (`fields::facts`, `titles::title_keys`): `暂停`, `on hold` or `已完成`
/// found the lessons titled or tagged with the word, and the paused or closed project
/// only below them, or not at all (`closed`, `active`).
pub const ACTIVE: &[&str] = &[
    "进行中",
    "执行中",
    "在建",
    "active",
    "in progress",
    "ongoing",
];
/// [`ACTIVE`] for a project on hold.
pub const ON_HOLD: &[&str] = &[
    "暂停",
    "已暂停",
    "暂停中",
    "搁置",
    "on hold",
    "paused",
    "pause",
];
/// [`ACTIVE`] for a closed project: over, whichever word a reader has for it.
pub const CLOSED: &[&str] = &[
    "已关闭",
    "已完成",
    "已结项",
    "已结束",
    "closed",
    "completed",
];

/// The words readers type for a lesson whose status is anything but closed (待处理,
/// 处理中): a lesson shows its status's label only, so `未关闭的经验教训` found the pages
/// whose prose says 关闭 and the report's 未关闭风险, never the open lessons.
pub const NOT_CLOSED: &[&str] = &["未关闭", "未解决", "unresolved"];

/// The words of a project's `status` ([`ACTIVE`], [`ON_HOLD`], [`CLOSED`]).
pub fn status_words(status: ProjectStatus) -> &'static [&'static str] {
    match status {
        ProjectStatus::Active => ACTIVE,
        ProjectStatus::OnHold => ON_HOLD,
        ProjectStatus::Closed => CLOSED,
    }
}

/// The built-in groups, most used member first. Members of one group mean the same in
/// a PMO's writing; words only related (风险 and 问题, 成本 and 预算) are kept apart, as
/// their pages would bury what was asked for. English members let an English query reach
/// a Chinese portal and the other way round.
pub const BUILT_IN: &[&[&str]] = &[
    // Not 延迟: in IT projects it is as often latency (网络延迟, 数据延迟).
    &[
        "延期", "延误", "拖期", "滞后", "推迟", "拖延", "迟缓", "delay", "slippage",
    ],
    &[
        "供应商",
        "厂商",
        "乙方",
        "承包商",
        "服务商",
        "分包商",
        "外包商",
        "供货商",
        "vendor",
        "supplier",
        "contractor",
        "subcontractor",
    ],
    &[
        "干系人",
        "利益相关者",
        "利益相关方",
        "相关方",
        "利害关系人",
        "stakeholder",
    ],
    &[
        "范围蔓延",
        "范围蠕变",
        "范围潜变",
        "范围扩大",
        "scope creep",
    ],
    &["工作分解结构", "wbs", "work breakdown structure"],
    &["变更控制委员会", "ccb", "change control board"],
    &["变更控制", "change control"],
    &["变更请求", "变更申请", "change request"],
    &["单点登录", "sso", "single sign-on"],
    &[
        "挣值",
        "挣值管理",
        "赢得值",
        "earned value",
        "evm",
        "earned value management",
    ],
    &["成本绩效指数", "cpi", "cost performance index"],
    &["进度绩效指数", "spi", "schedule performance index"],
    &["完工估算", "eac", "estimate at completion"],
    &["完工预算", "bac", "budget at completion"],
    &["完工偏差", "vac", "variance at completion"],
    &["关键路径", "critical path"],
    &["里程碑", "milestone", "里程牌"],
    &["基线", "baseline"],
    &["项目管理办公室", "pmo"],
    &["经验教训", "lessons learned"],
    &["最佳实践", "best practice"],
    &["项目章程", "project charter"],
    &[
        "风险登记册",
        "风险清单",
        "风险台账",
        "risk register",
        "risk log",
        "raid log",
        "raid",
    ],
    &["问题日志", "问题清单", "issue log"],
    &["责任分配矩阵", "raci"],
    &["关键绩效指标", "kpi"],
    &["投资回报率", "roi"],
    &["服务水平协议", "服务水平", "sla", "service level agreement"],
    &["工作说明书", "sow", "statement of work"],
    &["概念验证", "poc", "proof of concept"],
    &["最小可行产品", "mvp"],
    &["用户验收测试", "uat", "user acceptance testing"],
    &["企业资源计划", "erp"],
    &["制造执行系统", "mes"],
    &["客户关系管理", "crm"],
    &["主数据", "mdm", "master data"],
    &["上线", "投产", "go-live"],
    &["切换", "割接", "cutover"],
    &["回滚", "回退", "rollback"],
    &["启动会", "开工会", "kick-off", "kickoff"],
    &["复盘", "回顾会", "事后回顾", "retrospective", "post-mortem"],
    &["结项", "收尾", "结案", "project closure"],
    &["阶段关口", "阶段门", "stage gate", "phase gate"],
    &[
        "成本超支",
        "预算超支",
        "超预算",
        "cost overrun",
        "over budget",
    ],
    &["返工", "rework"],
    &["缺陷", "bug", "defect"],
    &["技术债", "技术债务", "technical debt"],
    &["人手不足", "人员短缺", "人员不足", "understaffed"],
    &["甘特图", "gantt chart"],
    &["敏捷", "agile"],
    &["迭代", "冲刺", "sprint"],
    &["外包", "outsourcing"],
    &["交货", "交付", "到货", "供货", "delivery"],
    &["采购", "procurement"],
    &["项目经理", "project manager"],
    &["项目发起人", "发起人", "sponsor"],
    &["沟通计划", "communication plan"],
    &["数据迁移", "data migration"],
    &["演练", "演习", "彩排", "rehearsal", "dry run"],
    &["检查清单", "检查单", "核对表", "checklist"],
    &["优先级", "prioritisation", "prioritization", "priority"],
    &["项目组合", "组合", "portfolio"],
    &["评估", "assessment"],
    &["阈值", "门限", "threshold"],
    &["矩阵", "matrix"],
    &["分析", "analysis"],
    &["时区", "time zone"],
    &["站会", "站立会", "stand-up", "standup"],
    &["搬迁", "迁址", "搬家", "relocation"],
    &["不足", "不够"],
    &["隐私", "个人信息保护", "privacy"],
    &["联系人", "对接人", "contact"],
    // The words of a PMO's everyday writing, so that an English query reaches a
    // Chinese page (the ninth search tester's `handover`, `payroll`, `business case`
    // and `RAG` found nothing on the sample portal).
    &["风险", "risk"],
    &["预算", "budget"],
    &["进度", "时程", "schedule"],
    &["范围", "scope"],
    &["质量", "品质", "quality"],
    &["资源", "resource"],
    &["沟通", "communication"],
    &["合同", "contract"],
    &["验收", "acceptance"],
    &["培训", "教育训练", "training"],
    &["需求", "requirement"],
    &["变更", "change"],
    &["问题", "issue"],
    &["决策", "decision"],
    &["审批", "approval"],
    &["评审", "review"],
    &["会议", "meeting"],
    &["管理", "management"],
    &["流程", "process"],
    &["交接", "移交", "handover", "handoff"],
    &["薪资", "薪酬", "工资", "payroll"],
    &["商业论证", "商业案例", "business case"],
    &[
        "容量规划",
        "产能规划",
        "资源规划",
        "capacity planning",
        "resource planning",
    ],
    &["消防检查", "消防验收", "fire inspection"],
    &["组合月报", "portfolio report"],
    &["月报", "monthly report"],
    &["周报", "weekly report"],
    &["红黄绿", "红绿灯", "rag"],
    &["冻结", "封版", "freeze"],
    &["部署", "deployment"],
    &["测试", "testing"],
    &["成熟度", "maturity"],
    &["治理", "governance"],
    &["依赖", "dependency"],
    &["假设", "assumption"],
    &["约束", "constraint"],
    &["升级", "upgrade"],
    &["试点", "试运行", "pilot"],
    &["收益", "benefit"],
    // The eleventh search tester's paraphrases and English names of a PMO's practices.
    &["生命周期", "lifecycle", "life cycle"],
    &["辅导", "教练", "coaching"],
    &["问卷", "问卷调查", "调研", "survey", "questionnaire"],
    &["上线后支持", "上线支持", "hypercare"],
    &["绩效监控", "performance monitoring"],
    &[
        "模板目录",
        "模板清单",
        "template catalogue",
        "template catalog",
    ],
    &["关键用户", "key user"],
    &["隐私影响评估", "privacy impact assessment"],
    &["并行运行", "平行运行", "并行", "parallel run"],
    &["数据中心", "data center", "data centre"],
    &["迁移", "移转", "migration"],
    &["智能工厂", "smart factory"],
    &["持续改进", "continuous improvement"],
    // The English names of the glossary's terms (glossary.rs), so that an English query
    // reaches a Chinese page and the other way round: each glossary word stands in a
    // group with its PMBOK name (a test checks).
    &["计划价值", "planned value"],
    &["实际成本", "actual cost"],
    &["完工尚需估算", "estimate to complete"],
    &["成本偏差", "cost variance"],
    &["进度偏差", "schedule variance"],
    &["干系人登记册", "干系人名册", "stakeholder register"],
    &["范围基线", "scope baseline"],
    &["成本基线", "cost baseline"],
    &["进度基线", "schedule baseline"],
    &["关键链", "critical chain"],
    &["工作包", "work package"],
    &["范围说明书", "scope statement"],
    &["风险敞口", "风险暴露", "暴露值", "risk exposure"],
    &["风险应对", "risk response"],
    &["应急储备", "contingency reserve"],
    &["管理储备", "management reserve"],
    &["需求跟踪矩阵", "requirements traceability matrix"],
    &["资源平衡", "resource leveling", "resource levelling"],
    &["快速跟进", "fast tracking"],
    &["赶工", "crashing"],
    &["燃尽图", "burndown chart", "burndown"],
    &["收尾评审", "结项评审", "closure review", "closeout review"],
    &["验收标准", "acceptance criteria"],
    &["项目集", "programme", "program management"],
    &["指导委员会", "steering committee"],
    &["关口评审", "gate review"],
    &["风险负责人", "risk owner"],
    &["问题升级", "escalation"],
    &["准入条件", "entry criteria"],
    &["准出条件", "exit criteria"],
    &["质量计划", "quality plan"],
    &["状态报告", "status report"],
    &["知识转移", "knowledge transfer"],
    &["单点依赖", "单点故障", "single point of failure"],
    &["根因", "根本原因", "root cause"],
    &["归档", "archiving"],
    // 账 and 帐 are one word's two writings (对帐 is 对账); a CJK member is two characters
    // at least, so each word goes in with both.
    &["对账", "对帐", "reconciliation"],
    &["台账", "台帐", "ledger"],
    &["记账", "记帐", "bookkeeping"],
    &["账户", "帐户", "account"],
    &["账号", "帐号"],
    &["账目", "帐目"],
    // A PMO's working vocabulary in both languages, as PMBOK and a portal's pages write it:
    // a reader types in their own, and a page is written in the other (a Chinese
    // question for the English vendor-management page, an English one for a Chinese
    // lesson). The query said word for word in the other language is one of the
    // queries it is widened to (search-query.js `translated`).
    &["选型", "评选", "选择", "selection"],
    &["绩效", "performance"],
    &["考核", "appraisal", "evaluation"],
    &["记分卡", "计分卡", "scorecard"],
    &["评分", "打分", "score", "scoring"],
    &["权重", "weighting", "weight"],
    &["价格", "报价", "price", "pricing"],
    &["违约金", "赔偿", "damages", "penalty"],
    &["条款", "clause"],
    &["保密", "confidentiality"],
    &["数据保护", "data protection"],
    &["通知", "notice", "notification"],
    &["进度会议", "进度会", "progress meeting"],
    &["提案", "proposal"],
    &["投资委员会", "investment committee"],
    &["季度", "quarterly", "quarter"],
    &["财务价值", "financial value"],
    &["投资回收期", "回收期", "payback"],
    &["强制性", "mandatory"],
    &["终止", "停止", "stop", "terminate"],
    &["排序", "排名", "ranking"],
    &["成熟度模型", "maturity model"],
    &["自评", "自我评估", "self-assessment"],
    &["薄弱", "最弱", "weakest"],
    &["改进", "改善", "improvement"],
    &["主题", "theme"],
    &["办公时间", "office hours"],
    &["团队", "team"],
    &["成员", "member"],
    &["每日", "每天", "daily"],
    &["分布式团队", "distributed team"],
    &["客户", "customer"],
    &["记录", "record"],
    &["重复", "duplicate"],
    &["数据清洗", "清洗", "data cleansing", "cleansing"],
    &["区域", "region", "regional"],
    &["设计", "design"],
    &["签字", "签署", "签核", "sign-off", "signoff"],
    &["采纳率", "采用率", "adoption"],
    &["仪表盘", "仪表板", "dashboard"],
    &["有条件", "conditional", "conditionally"],
    &["批准", "核准", "approve"],
    &["就绪", "准备情况", "readiness"],
    &["响应时效", "响应时间", "response time"],
    &["可见性", "visibility"],
    &["月末", "月底", "month-end"],
    &["月结", "month-end close"],
    &["批处理", "批量作业", "batch job"],
    &["资产", "asset"],
    &["清单", "list"],
    &["不符", "不一致", "mismatch"],
    &["数据销毁", "data destruction"],
    &["证明", "certificate"],
    &["专线", "leased line", "circuit"],
    &["长周期", "long-lead", "long lead"],
    &["决策点", "decision point"],
    &["波次", "wave"],
    &["运行手册", "runbook", "run book"],
    &["定制", "customisation", "customization"],
    &["蓝图", "blueprint"],
    &["测试用例", "用例", "test case"],
    &["顾问", "consultant"],
    &["人天", "man-day", "person-day"],
    &["满意度", "satisfaction"],
    &["离职", "辞职", "resignation", "resign"],
    &["年终奖", "year-end bonus", "bonus"],
    &["个人信息", "personal information", "personal data"],
    &["预警", "early warning"],
    &["网关", "gateway"],
    &["进口", "imported", "import"],
    &["操作工", "operator"],
    &["班次", "shift"],
    &["无线网络", "无线", "wireless", "wifi", "wi-fi"],
    &["丢包", "packet loss"],
    &["综合布线", "布线", "cabling"],
    &["招标", "投标", "tender", "bidding"],
    &["会议室", "meeting room"],
    &["冲突", "conflict"],
    &["编号", "numbering"],
    &["文档", "documentation", "document"],
    &["课程", "course"],
    &["装修", "fit-out"],
    &["总部", "headquarters"],
    &["工位", "workspace"],
    &["复工", "重启", "restart"],
    &["合规", "compliance"],
    &["授权", "authorisation", "authorization"],
    &["安全", "security"],
    &["移动端", "mobile"],
    &["故障", "failure", "outage"],
    &["工单", "ticket"],
    &["运维", "operations"],
    &["财务", "finance"],
    &["库存", "inventory"],
    &["销售", "sales"],
    &["人力资源", "human resources"],
    &["自助服务", "self-service"],
    &["员工", "employee"],
    &["工时", "man-hour", "working hours"],
    &["成本", "cost"],
    &["发票", "invoice"],
    &["付款", "支付", "payment"],
    &["估算", "estimate"],
    &["工作量", "effort"],
    &["交付物", "可交付成果", "deliverable"],
    &["目标", "objective", "target"],
    &["指标", "metric"],
    &["报告", "报表", "report"],
    &["严重程度", "严重性", "severity"],
    &["阶段", "phase", "stage"],
    &["关口", "gate"],
    &["立项", "initiation"],
    &["规划", "planning"],
    &["执行", "execution"],
    &["监控", "monitoring"],
    &["裁剪", "tailoring"],
    &["角色", "role"],
    &["职责", "responsibility"],
    &["负责人", "owner"],
    &["任务", "task"],
    &["截止日期", "deadline"],
    &["节省", "节约", "saving", "savings"],
    &["手工", "manual"],
    &["业务", "business"],
    &["用户", "user"],
    &["冠军用户", "champion"],
    &["超级用户", "super user"],
    &["变革管理", "change management"],
    &["知识管理", "knowledge management"],
    &["认证", "certification"],
    &["系统", "system"],
    &["平台", "platform"],
    &["模块", "module"],
    &["设备", "equipment", "device"],
    &["芯片", "chip"],
    &["许可", "licence", "license"],
    &["替代", "alternative"],
    &["供应链", "supply chain"],
    &["物料", "material"],
    &["校验", "validation"],
    &["余额", "balance"],
    &["偏差", "差异", "variance", "deviation"],
    &["重新基线", "re-baseline", "rebaseline"],
    &["概率", "probability", "likelihood"],
    &["影响", "impact"],
    &["规避", "avoid"],
    &["减轻", "缓解", "mitigation", "mitigate"],
    &["谈判", "negotiation"],
    &["法务", "legal"],
    &["监管", "法规", "regulatory"],
    &["战略", "strategic", "strategy"],
    &["对齐", "alignment"],
    &["可行性", "feasibility"],
    &["紧急", "urgency", "urgent"],
    &["会议纪要", "minutes"],
    &["决策日志", "decision log"],
    &["审计", "audit"],
    &["外部依赖", "external dependency"],
    &["停机", "downtime"],
    &["窗口", "window"],
    &["演示", "demo", "demonstration"],
    &["反馈", "feedback"],
    &["易用性", "usability"],
    &["体验", "experience"],
    &["工作流", "workflow"],
    &["人员流动", "turnover", "attrition"],
    &["招聘", "recruitment", "hiring"],
    // A status's colour as readers say it: pages show 红, 黄 or 绿 (one character, which
    // no synonym may be) and write 调为红色, 按黄色管理.
    RED,
    AMBER,
    GREEN,
    // A project's status as readers say it (see ACTIVE).
    ACTIVE,
    ON_HOLD,
    CLOSED,
    // Taiwan's and Hong Kong's words for what a mainland PMO writes otherwise: a query in
    // traditional characters is folded one character at a time (專案 → 专案), which
    // leaves the word. With them the commonest words of a PMO's English.
    &["项目", "专案", "project"],
    &["数据", "资料", "data"],
    &["计划", "计画", "plan"],
    &["软件", "软体", "software"],
    &["网络", "网路", "network"],
    &["信息", "资讯", "information"],
    &["接口", "介面", "interface"],
    // Misspellings common enough in a PMO's typing to mean the word: a query finding
    // nothing as typed finds the pages writing it right.
    &["模板", "模版", "范本", "template"],
    &["登录", "登陆"],
    &["登记册", "登纪册"],
];

/// A member as the client compares it with a query: full-width letters folded,
/// lowercased, spaces collapsed to one.
pub fn normalize(member: &str) -> String {
    let folded: String = member.chars().map(fold_full_width).collect();
    folded
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The one-word English members of every group, built-in and the site's, normalized.
/// A page's address gives none of them (see [`super::fields::address_words`]).
pub fn english_words(site_groups: &[Vec<String>]) -> HashSet<String> {
    let site = site_groups.iter().flatten().map(String::as_str);
    BUILT_IN
        .iter()
        .flat_map(|g| g.iter().copied())
        .chain(site)
        .map(normalize)
        .filter(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_alphabetic()))
        .collect()
}

/// The groups of `syn.js`: the built-in ones, then the site's own (`search_synonyms`),
/// each member with the pages holding its terms, in the group's order. A group whose
/// members no page holds is left out: no query of it can be widened
/// to a page.
pub fn table(parts: &[Partition], site_groups: &[Vec<String>]) -> Vec<Vec<(String, u32)>> {
    let built_in = BUILT_IN
        .iter()
        .map(|g| g.iter().map(|m| m.to_string()).collect::<Vec<_>>());
    let mut out = Vec::new();
    for group in built_in.chain(site_groups.iter().cloned()) {
        let mut members: Vec<(String, u32)> = Vec::new();
        for member in &group {
            let member = normalize(member);
            if member.is_empty() || members.iter().any(|(m, _)| *m == member) {
                continue;
            }
            let pages = pages_with_all(parts, &member);
            members.push((member, pages));
        }
        // The group's order is kept: nearest in meaning first (延误 for 延期), not the
        // most held (推迟, postponed, held by more pages, came first).
        if members.len() >= 2 && members.iter().any(|m| m.1 > 0) {
            out.push(members);
        }
    }
    out
}

/// Pages holding every term of `text` at most: the fewest of any of its terms, 0 when
/// one of them is in no page. Read from the merged partitions, so the synonyms a query
/// may be widened to are only those the site holds.
pub fn pages_with_all(parts: &[Partition], text: &str) -> u32 {
    let mask = parts.len() as u64 - 1;
    let mut fewest = None::<u32>;
    for_each_term(text, |term, kind, _| {
        let pages = match kind {
            TermKind::Unigram | TermKind::Bigram => {
                let mut chars = term.chars();
                let key = match (chars.next(), chars.next()) {
                    (Some(p), Some(c)) => bigram_key(p, c),
                    (Some(c), None) => u64::from(u32::from(c)),
                    _ => 0,
                };
                parts
                    .get(cjk_partition(key, mask))
                    .and_then(|p| p.cjk.get(&key))
                    .map_or(0, |list| list.df)
            }
            TermKind::Word | TermKind::Code => {
                let hash = fnv64(term.as_bytes());
                parts.get((hash & mask) as usize).map_or(0, |p| {
                    let mut key = hash;
                    loop {
                        match p.words.get(&key) {
                            Some((word, list)) if **word == *term => break list.df,
                            Some(_) => key = key.wrapping_add(1),
                            None => break 0,
                        }
                    }
                })
            }
        };
        fewest = Some(fewest.map_or(pages, |f| f.min(pages)));
    });
    fewest.unwrap_or(0)
}

#[cfg(test)]
mod tests;
