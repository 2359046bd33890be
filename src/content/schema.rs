//! The front matter of each kind of page, as typed schemas.
//!
//! Every schema denies unknown fields: a misspelt `catgory` would otherwise vanish
//! silently and the lesson would drop out of its category. Fixed vocabularies (phase,
//! impact, status …) are enums so a typo is caught with the allowed values listed.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// A calendar date written `YYYY-MM-DD`, accepted from YAML strings and TOML dates alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    pub fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let invalid = || format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2024-03-18");
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !digits(0..4)
            || !digits(5..7)
            || !digits(8..10)
        {
            return Err(invalid());
        }
        // The shape is right (ASCII only), so the fields are numbers: say which is wrong.
        let number = |r: std::ops::Range<usize>| text[r].parse::<i16>().unwrap_or(0);
        let (year, month, day) = (number(0..4), number(5..7) as i8, number(8..10) as i8);
        if !(1..=12).contains(&month) {
            return Err(format!(
                "`{text}` is not a date: there is no month {month} (months are 01 to 12)"
            ));
        }
        let first = jiff::civil::Date::new(year, month, 1).map_err(|_| invalid())?;
        let days = first.days_in_month();
        if day < 1 || day > days {
            return Err(format!(
                "`{text}` is not a date: {year}-{month:02} has days 01 to {days}"
            ));
        }
        jiff::civil::Date::new(year, month, day)
            .map(Date)
            .map_err(|_| invalid())
    }

    pub fn iso(&self) -> String {
        self.0.to_string()
    }

    pub fn year(&self) -> i16 {
        self.0.year()
    }
}

/// Editors see a date as text in the form the parser accepts.
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "a calendar date written YYYY-MM-DD, e.g. 2024-03-18"
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            // TOML hands dates over as a one-entry map holding the date's text.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                let Some((_, value)) = map.next_entry::<String, String>()? else {
                    return Err(de::Error::custom("expected a date written YYYY-MM-DD"));
                };
                // A date-time's time is dropped; anything else after ten characters
                // (which may be multibyte text) is no date.
                let (date_part, rest) = match value.char_indices().nth(10) {
                    Some((at, _)) => value.split_at(at),
                    None => (value.as_str(), ""),
                };
                if !rest.is_empty() && !rest.starts_with(['T', ' ']) {
                    return Err(de::Error::custom(format!(
                        "`{value}` is not a date: write it as YYYY-MM-DD"
                    )));
                }
                Date::parse(date_part).map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Initiation,
    Planning,
    Execution,
    Monitoring,
    Closing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    Positive,
    Negative,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectStatus {
    Active,
    OnHold,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

/// How a budget table's amounts are written. Per period is the default; a table of
/// running totals must say so, because summing running totals as if they were per-period
/// amounts overstates every figure without looking wrong.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Each row holds the amounts of its own period.
    #[default]
    Period,
    /// Each row holds the running total up to and including its period.
    Cumulative,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LessonStatus {
    Open,
    InProgress,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewType {
    #[default]
    Closure,
    PhaseGate,
}

/// The key used in URLs, i18n keys and templates, e.g. `on-hold` → (`on-hold`, `on_hold`).
pub trait Vocabulary: Copy {
    fn key(self) -> &'static str;
    /// The i18n key prefix, e.g. `phase`.
    const GROUP: &'static str;
    fn i18n_key(self) -> String {
        format!("{}_{}", Self::GROUP, self.key().replace('-', "_"))
    }
}

macro_rules! vocabulary {
    ($ty:ty, $group:literal, { $($variant:ident => $key:literal),+ $(,)? }) => {
        impl Vocabulary for $ty {
            const GROUP: &'static str = $group;
            fn key(self) -> &'static str {
                match self { $(<$ty>::$variant => $key),+ }
            }
        }
    };
}

vocabulary!(Phase, "phase", { Initiation => "initiation", Planning => "planning", Execution => "execution", Monitoring => "monitoring", Closing => "closing" });
vocabulary!(Impact, "impact", { Positive => "positive", Negative => "negative" });
vocabulary!(ProjectStatus, "status", { Active => "active", OnHold => "on-hold", Closed => "closed" });
vocabulary!(Basis, "basis", { Period => "period", Cumulative => "cumulative" });
vocabulary!(Rag, "rag", { Green => "green", Amber => "amber", Red => "red" });
vocabulary!(Severity, "severity", { Low => "low", Medium => "medium", High => "high", Critical => "critical" });
vocabulary!(LessonStatus, "lesson_status", { Open => "open", InProgress => "in-progress", Closed => "closed" });
vocabulary!(ReviewType, "review_type", { Closure => "closure", PhaseGate => "phase-gate" });

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::Initiation,
        Phase::Planning,
        Phase::Execution,
        Phase::Monitoring,
        Phase::Closing,
    ];
}

/// `_index.md` of a section, `content/_index.md`, reports and any other page.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    pub date: Option<Date>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub weight: Option<i64>,
    pub owner: Option<String>,
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

/// A section's `_index.md`: the title may be left to the folder's name.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    pub title: Option<String>,
    pub weight: Option<i64>,
    pub summary: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PracticeMeta {
    pub title: String,
    pub date: Option<Date>,
    pub category: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub weight: Option<i64>,
    pub owner: Option<String>,
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonMeta {
    pub title: String,
    pub date: Date,
    pub project: String,
    pub phase: Phase,
    pub category: Option<String>,
    pub impact: Impact,
    #[serde(default)]
    pub tags: Vec<String>,
    pub id: Option<String>,
    pub owner: Option<String>,
    pub severity: Option<Severity>,
    pub status: Option<LessonStatus>,
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectMeta {
    pub title: String,
    pub code: Option<String>,
    pub sponsor: Option<String>,
    pub manager: Option<String>,
    pub department: Option<String>,
    pub start: Option<Date>,
    pub finish: Option<Date>,
    pub bac: Option<f64>,
    pub currency: Option<String>,
    /// How `budget.*` writes its amounts; site.toml's `[budget] basis` when left out.
    pub basis: Option<Basis>,
    pub status: ProjectStatus,
    /// A status set by hand over the computed one; needs `rag_reason`.
    pub rag: Option<Rag>,
    /// Why `rag` was set by hand, and by whom: shown beside it.
    pub rag_reason: Option<String>,
    pub phase: Option<Phase>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewMeta {
    pub title: String,
    pub date: Date,
    pub project: String,
    #[serde(rename = "type", default)]
    pub review_type: ReviewType,
    #[serde(default)]
    pub tags: Vec<String>,
    pub owner: Option<String>,
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

/// Field names per kind, for "did you mean" hints on unknown fields.
pub fn fields_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "practice" => &[
            "title", "date", "category", "tags", "weight", "owner", "summary", "draft",
        ],
        "lesson" => &[
            "title", "date", "project", "phase", "category", "impact", "tags", "id", "owner",
            "severity", "status", "summary", "draft",
        ],
        "project" => &[
            "title",
            "code",
            "sponsor",
            "manager",
            "department",
            "start",
            "finish",
            "bac",
            "currency",
            "basis",
            "status",
            "rag",
            "rag_reason",
            "phase",
            "tags",
            "summary",
            "draft",
        ],
        "review" => &[
            "title", "date", "project", "type", "tags", "owner", "summary", "draft",
        ],
        "section" => &["title", "weight", "summary"],
        _ => &[
            "title", "date", "tags", "weight", "owner", "summary", "draft",
        ],
    }
}

/// The fields each kind requires (a test holds this to the schemas): with them, the
/// front matter parser can name every missing field, where serde names the first.
pub fn required_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "lesson" => &["title", "date", "project", "phase", "impact"],
        "project" => &["title", "status"],
        "review" => &["title", "date", "project"],
        "section" => &[],
        _ => &["title"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_required_fields_are_the_ones_the_schemas_require() {
        fn missing<T: serde::de::DeserializeOwned>(front: &str) -> Option<String> {
            let e = toml::from_str::<T>(front).err()?.message().to_string();
            Some(e.split('`').nth(1)?.to_string())
        }
        fn check<T: serde::de::DeserializeOwned>(kind: &str) {
            // Adding the required fields one by one, each is the next one missing.
            let values = |f: &str| {
                match f {
                    "date" => "date = 2024-01-01",
                    "phase" => "phase = \"closing\"",
                    "impact" => "impact = \"positive\"",
                    "status" => "status = \"active\"",
                    _ => "",
                }
                .to_string()
            };
            let mut front = String::new();
            for field in required_of(kind) {
                assert_eq!(missing::<T>(&front).as_deref(), Some(*field), "{kind}");
                let value = values(field);
                let line = if value.is_empty() {
                    format!("{field} = \"x\"")
                } else {
                    value
                };
                front.push_str(&line);
                front.push('\n');
            }
            assert_eq!(missing::<T>(&front), None, "{kind}: {front}");
        }
        check::<LessonMeta>("lesson");
        check::<ProjectMeta>("project");
        check::<ReviewMeta>("review");
        check::<SectionMeta>("section");
        check::<PracticeMeta>("practice");
        check::<PageMeta>("page");
    }

    #[test]
    fn impossible_dates_say_which_field_is_wrong() {
        let e = Date::parse("2026-13-45").unwrap_err();
        assert!(e.contains("no month 13"), "{e}");
        let e = Date::parse("2024-02-30").unwrap_err();
        assert!(e.contains("2024-02 has days 01 to 29"), "{e}");
        let e = Date::parse("2023-04-31").unwrap_err();
        assert!(e.contains("01 to 30"), "{e}");
        assert!(Date::parse("２０２４-03-18").is_err());
        assert!(Date::parse("2024-0３-18").is_err());
    }

    #[test]
    fn a_date_that_is_a_map_of_multibyte_text_is_an_error_not_a_panic() {
        #[derive(Debug, Deserialize)]
        struct Fm {
            #[allow(dead_code)]
            date: Date,
        }
        for text in [
            "date = { a = \"中文中文中文中文\" }",
            "date = { a = \"2024-03-1中文\" }",
            "date = { a = \"2024-03-18中\" }",
        ] {
            assert!(toml::from_str::<Fm>(text).is_err(), "{text}");
        }
        for text in ["date: {a: 中文中文中文中文}", "date: {k: 2024-03-18中文}"] {
            assert!(serde_saphyr::from_str::<Fm>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn dates_must_be_real_and_iso() {
        assert_eq!(Date::parse("2024-03-18").unwrap().iso(), "2024-03-18");
        assert!(Date::parse("2024-02-30").is_err());
        assert!(Date::parse("2024/03/18").is_err());
        assert!(Date::parse("2024-3-8").is_err());
    }

    #[test]
    fn vocabulary_keys_match_the_front_matter_spelling() {
        assert_eq!(ProjectStatus::OnHold.key(), "on-hold");
        assert_eq!(ProjectStatus::OnHold.i18n_key(), "status_on_hold");
        assert_eq!(ReviewType::PhaseGate.i18n_key(), "review_type_phase_gate");
    }
}
