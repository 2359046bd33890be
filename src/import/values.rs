//! Cell values turned into front matter: the vocabularies (执行 → execution), dates in
//! the shapes spreadsheets hold them, and tag lists.

use crate::content::schema::{Date, Impact, LessonStatus, Phase, Severity};
use crate::data::table::{Cell, Table};
use crate::diagnostics::Diagnostic;
use crate::import::headers::normalize;
use crate::suggest::did_you_mean;
use crate::t;

/// A fixed vocabulary of the front matter, with the words registers use for each value.
pub struct Vocab<T: 'static> {
    pub values: &'static [(T, &'static str, &'static [&'static str])],
    /// Words a value may carry after it (`执行阶段`, `Execution phase`).
    pub suffixes: &'static [&'static str],
    /// Words a value may carry before it (`项目启动`, `Project closing`).
    pub prefixes: &'static [&'static str],
}

impl<T: Copy> Vocab<T> {
    pub fn find(&self, text: &str) -> Option<T> {
        let key = normalize(text);
        let stripped = self
            .suffixes
            .iter()
            .find_map(|s| key.strip_suffix(s).filter(|k| !k.is_empty()))
            .unwrap_or(&key);
        let bare = self
            .prefixes
            .iter()
            .find_map(|p| stripped.strip_prefix(p).filter(|k| !k.is_empty()))
            .unwrap_or(stripped);
        self.values.iter().find_map(|(value, name, words)| {
            [key.as_str(), stripped, bare]
                .iter()
                .any(|k| *k == normalize(name) || words.iter().any(|w| normalize(w) == *k))
                .then_some(*value)
        })
    }

    /// The front matter spellings, for messages.
    pub fn names(&self) -> Vec<&'static str> {
        self.values.iter().map(|(_, name, _)| *name).collect()
    }

    /// Every word accepted, the front matter spellings first, for "did you mean".
    pub fn words(&self) -> Vec<&'static str> {
        let mut all = self.names();
        for (_, _, words) in self.values {
            all.extend(words.iter().copied());
        }
        all
    }

    /// The front matter spelling of the value `word` stands for.
    pub fn name_of(&self, word: &str) -> Option<&'static str> {
        self.values
            .iter()
            .find(|(_, name, words)| *name == word || words.contains(&word))
            .map(|(_, name, _)| *name)
    }
}

pub const PHASES: Vocab<Phase> = Vocab {
    values: &[
        (
            Phase::Initiation,
            "initiation",
            &["启动", "立项", "initiating", "initiate", "start"],
        ),
        (
            Phase::Planning,
            "planning",
            &["规划", "计划", "策划", "plan"],
        ),
        (
            Phase::Execution,
            "execution",
            &[
                "执行",
                "实施",
                "交付",
                "executing",
                "implementation",
                "delivery",
            ],
        ),
        (
            Phase::Monitoring,
            "monitoring",
            &[
                "监控",
                "监督",
                "控制",
                "监控与控制",
                "监督与控制",
                "controlling",
                "monitoringandcontrolling",
                "control",
            ],
        ),
        (
            Phase::Closing,
            "closing",
            &[
                "收尾", "结束", "关闭", "结项", "close", "closure", "closeout",
            ],
        ),
    ],
    suffixes: &["阶段", "phase", "stage"],
    prefixes: &["项目", "project"],
};

pub const IMPACTS: Vocab<Impact> = Vocab {
    values: &[
        (
            Impact::Positive,
            "positive",
            &[
                "正面",
                "正",
                "积极",
                "好的做法",
                "成功经验",
                "good",
                "success",
                "+",
            ],
        ),
        (
            Impact::Negative,
            "negative",
            &["负面", "负", "消极", "教训", "问题", "bad", "issue", "-"],
        ),
    ],
    suffixes: &["影响", "经验", "impact"],
    prefixes: &[],
};

pub const SEVERITIES: Vocab<Severity> = Vocab {
    values: &[
        (Severity::Low, "low", &["低", "轻微", "minor"]),
        (
            Severity::Medium,
            "medium",
            &["中", "中等", "一般", "moderate", "med"],
        ),
        (Severity::High, "high", &["高", "较高", "major"]),
        (
            Severity::Critical,
            "critical",
            &["严重", "极高", "重大", "关键", "致命", "severe"],
        ),
    ],
    suffixes: &["级"],
    prefixes: &[],
};

pub const STATUSES: Vocab<LessonStatus> = Vocab {
    values: &[
        (
            LessonStatus::Open,
            "open",
            &[
                "打开",
                "开放",
                "未关闭",
                "待处理",
                "待跟进",
                "待解决",
                "未解决",
                "新建",
                "未开始",
                "new",
            ],
        ),
        (
            LessonStatus::InProgress,
            "in-progress",
            &[
                "进行中",
                "处理中",
                "跟进中",
                "实施中",
                "ongoing",
                "wip",
                "inprogress",
            ],
        ),
        (
            LessonStatus::Closed,
            "closed",
            &[
                "关闭",
                "已关闭",
                "完成",
                "已完成",
                "已解决",
                "done",
                "resolved",
                "complete",
            ],
        ),
    ],
    suffixes: &[],
    prefixes: &[],
};

impl Vocab<Impact> {
    /// `+` and `-` are all punctuation, which [`normalize`] drops.
    pub fn find_sign(&self, text: &str) -> Option<Impact> {
        match text.trim() {
            "+" => Some(Impact::Positive),
            "-" | "−" => Some(Impact::Negative),
            other => self.find(other),
        }
    }
}

/// The first day Excel counts from (serial 1 is 1900-01-01; serial 60 is the
/// 1900-02-29 that never was, kept from Lotus 1-2-3, so later serials count from a day
/// earlier).
fn excel_serial(serial: f64) -> Option<Date> {
    if !serial.is_finite() || !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let days = serial.trunc() as i64;
    let (base, days) = match days {
        60 => return None,
        1..=59 => (jiff::civil::date(1899, 12, 31), days),
        _ => (jiff::civil::date(1899, 12, 30), days),
    };
    base.checked_add(jiff::Span::new().days(days))
        .ok()
        .map(Date)
}

/// A date as registers hold it: a workbook date, an Excel serial number (as a number,
/// or as text in a CSV saved from Excel), `2024-03-18`, `2024/3/18`, `2024.3.18`,
/// `2024年3月18日`, `20240318`, or with the year last when it can be one day only
/// (`18.03.2024`, never `05.11.2024`). `None` when it is none of these.
pub fn date(cell: &Cell) -> Option<Date> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::Number(n) => excel_serial(*n),
        Cell::Text(text) => text_date(text),
        Cell::Empty => None,
    }
}

fn text_date(text: &str) -> Option<Date> {
    let folded: String = text
        .trim()
        .chars()
        .map(crate::slugs::fold_full_width)
        .collect();
    // A short number is an Excel serial saved as text; the rest are the usual shapes.
    match folded.len() {
        1..=5 if folded.bytes().all(|b| b.is_ascii_digit()) => excel_serial(folded.parse().ok()?),
        _ => crate::date::read_loosely(&folded).or_else(|| crate::date::read_year_last(&folded)),
    }
}

/// The value of `vocab` a cell holds; else `None`, with the error in `problems`.
pub fn vocab_at<T: Copy>(
    table: &Table,
    row: usize,
    col: usize,
    vocab: &Vocab<T>,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    vocab.find(&table.text(row, col)).or_else(|| {
        problems.push(bad_value(table, row, col, vocab));
        None
    })
}

/// A value outside a vocabulary, with the values and the words for each.
pub fn bad_value<T: Copy>(table: &Table, row: usize, col: usize, vocab: &Vocab<T>) -> Diagnostic {
    let found = table.text(row, col);
    let accepted = vocab
        .values
        .iter()
        .map(|(_, name, words)| {
            let chinese: Vec<&str> = words.iter().copied().filter(|w| !w.is_ascii()).collect();
            format!("{name} ({})", chinese.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let help = match did_you_mean(found.trim(), &vocab.words())
        .and_then(|w| Some((w, vocab.name_of(w)?)))
    {
        // `negative` for `Negativ` is the value itself: said once.
        Some((word, value)) if word == value => t!(
            "did you mean `{word}`? Accepted: {accepted}",
            word = word,
            accepted = &accepted
        ),
        Some((word, value)) => t!(
            "did you mean `{word}` ({value})? Accepted: {accepted}",
            word = word,
            value = value,
            accepted = &accepted
        ),
        None => t!("accepted: {accepted}", accepted = &accepted),
    };
    table.bad_cell(
        row,
        col,
        t!("one of {values}", values = vocab.names().join(", ")),
        help,
    )
}

/// The date in a cell, or the error at the cell: a day that does not exist told so
/// (the shape is no mistake), a day the year-last shapes give two of (`05.11.2024`)
/// naming both, a year outside 1900–2099 (`2204` for 2024) refused.
pub fn date_at(table: &Table, row: usize, col: usize) -> Result<Date, Diagnostic> {
    let written = table.text(row, col);
    match date(table.cell(row, col)) {
        Some(day) if (crate::date::EARLIEST_YEAR..=2099).contains(&day.year()) => Ok(day),
        Some(day) => Err(table.bad_cell(
            row,
            col,
            t!("a date"),
            t!(
                "the year {year} is outside 1900–2099: check the cell for a slip of the fingers",
                year = day.year()
            ),
        )),
        None => {
            let help = crate::date::why_no_day(&written)
                .or_else(|| order_unknown(&written))
                .or_else(|| crate::date::year_last_help(&written))
                .unwrap_or_else(|| {
                    t!("write dates as 2024-03-18 or 2024/3/18, or format the cell as a date")
                });
            Err(table.bad_cell(row, col, t!("a date"), help))
        }
    }
}

/// The help for a date with the year last that is a day both ways (`03/05/2026`): the
/// two days, and the site.toml setting that says which the team means.
fn order_unknown(text: &str) -> Option<crate::messages::Text> {
    use crate::date_order::{iso_in, only_order, year_last, DateOrder};
    let parts = year_last(text)?;
    if only_order(parts.0, parts.1).is_some() || parts.0 == parts.1 {
        return None;
    }
    Some(t!(
        "`{text}` could be {day_first} (day first) or {month_first} (month first): write it as YYYY-MM-DD, or state how the team writes dates once in site.toml, `date_order = \"dmy\"` (day first) or `date_order = \"mdy\"` (month first), and import again",
        text = text.trim(),
        day_first = iso_in(DateOrder::Dmy, parts)?,
        month_first = iso_in(DateOrder::Mdy, parts)?
    ))
}

/// Tags as registers list them: `并行运行、薪资；计划`, `a, b`.
pub fn tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split([',', '，', ';', '；', '、', '\n', '|']) {
        let tag = tag.trim().trim_start_matches('#').trim();
        // A dash or slash is a register's "none": a tag needs a letter or digit.
        let named = tag.chars().any(char::is_alphanumeric);
        if named && !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(cell: Cell) -> Option<String> {
        date(&cell).map(|d| d.iso())
    }

    #[test]
    fn vocabularies_take_chinese_english_and_suffixed_words() {
        assert_eq!(PHASES.find("执行"), Some(Phase::Execution));
        assert_eq!(PHASES.find("执行阶段"), Some(Phase::Execution));
        assert_eq!(PHASES.find("Planning"), Some(Phase::Planning));
        assert_eq!(PHASES.find("计划"), Some(Phase::Planning));
        assert_eq!(PHASES.find("监控"), Some(Phase::Monitoring));
        assert_eq!(PHASES.find("Closing phase"), Some(Phase::Closing));
        assert_eq!(PHASES.find("测试"), None);
        // As registers write them: 项目启动, 项目收尾阶段, 正面经验, 待跟进.
        assert_eq!(PHASES.find("项目启动"), Some(Phase::Initiation));
        assert_eq!(PHASES.find("项目收尾阶段"), Some(Phase::Closing));
        assert_eq!(PHASES.find("项目"), None);
        assert_eq!(IMPACTS.find_sign("正面经验"), Some(Impact::Positive));
        assert_eq!(IMPACTS.find_sign("负面经验"), Some(Impact::Negative));
        assert_eq!(STATUSES.find("待跟进"), Some(LessonStatus::Open));
        assert_eq!(IMPACTS.find_sign("正面"), Some(Impact::Positive));
        assert_eq!(IMPACTS.find_sign("负面影响"), Some(Impact::Negative));
        assert_eq!(IMPACTS.find_sign("-"), Some(Impact::Negative));
        assert_eq!(SEVERITIES.find("高"), Some(Severity::High));
        assert_eq!(SEVERITIES.find("中"), Some(Severity::Medium));
        assert_eq!(SEVERITIES.find("严重"), Some(Severity::Critical));
        assert_eq!(SEVERITIES.find("LOW"), Some(Severity::Low));
        assert_eq!(STATUSES.find("进行中"), Some(LessonStatus::InProgress));
        assert_eq!(STATUSES.find("In progress"), Some(LessonStatus::InProgress));
        assert_eq!(STATUSES.find("已关闭"), Some(LessonStatus::Closed));
        assert_eq!(PHASES.name_of("实施"), Some("execution"));
    }

    #[test]
    fn dates_come_as_serials_and_as_text_in_many_shapes() {
        assert_eq!(iso(Cell::Number(45369.0)).as_deref(), Some("2024-03-18"));
        assert_eq!(iso(Cell::Number(1.0)).as_deref(), Some("1900-01-01"));
        assert_eq!(iso(Cell::Number(61.0)).as_deref(), Some("1900-03-01"));
        assert_eq!(iso(Cell::Number(60.0)), None);
        assert_eq!(iso(Cell::Number(-3.0)), None);
        for text in [
            "2024-03-18",
            "2024/3/18",
            "2024.03.18",
            "2024年3月18日",
            "２０２４年３月１８日",
            "20240318",
            "45369",
            "2024-03-18 09:30",
            "18.03.2024",
        ] {
            assert_eq!(
                iso(Cell::Text(text.into())).as_deref(),
                Some("2024-03-18"),
                "{text}"
            );
        }
        for text in [
            "2024-02-30",
            "3/18/2024",
            "05.11.2024",
            "下周",
            "2024年3月",
            "123456",
        ] {
            assert_eq!(iso(Cell::Text(text.into())), None, "{text}");
        }
    }

    #[test]
    fn tags_split_on_chinese_and_latin_separators() {
        assert_eq!(
            tags("并行运行、薪资；计划, 薪资"),
            ["并行运行", "薪资", "计划"]
        );
        assert_eq!(tags(" "), Vec::<String>::new());
        assert_eq!(tags("-、/、风险"), ["风险"]);
    }
}
