//! The front matter of each kind of page, as typed schemas.
//!
//! Every schema denies unknown fields: a misspelt `catgory` would otherwise vanish
//! silently and the lesson would drop out of its category. Fixed vocabularies (phase,
//! impact, status …) are enums so a typo is caught with the allowed values listed.

use serde::{Deserialize, Serialize};

pub use crate::config::Basis;
pub use crate::content::aliases::Aliases;
pub use crate::content::fields::{Fields, Shape};
pub use crate::date::{AsOf, Date};
pub use crate::i18n::Vocabulary;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Initiation,
    Planning,
    Execution,
    Monitoring,
    Closing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    Positive,
    Negative,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectStatus {
    Active,
    OnHold,
    Closed,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LessonStatus {
    Open,
    InProgress,
    Closed,
}

/// Where a lesson's follow-up action stands. `done` and `dropped` close it; only open
/// and in-progress actions can be overdue.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    /// Still owed: counted as open in the register and liable to be overdue.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

/// A follow-up a lesson commits someone to: a lesson nobody acts on is the register's
/// usual failure, so each action names what, who and by when, and is tracked to done.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What is to be done, in a sentence.
    pub what: String,
    /// Who answers for it.
    pub owner: Option<String>,
    /// When it is due.
    pub due: Option<Date>,
    /// `open` (the default), `in-progress`, `done` or `dropped`.
    #[serde(default)]
    pub status: ActionStatus,
    /// When it was done (only with `status: done`).
    pub done: Option<Date>,
}

impl Action {
    /// Due before `as_of` and still owed.
    pub fn is_overdue(&self, as_of: Date) -> bool {
        self.status.is_open() && self.due.is_some_and(|due| due < as_of)
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewType {
    #[default]
    Closure,
    PhaseGate,
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
vocabulary!(ActionStatus, "action_status", { Open => "open", InProgress => "in-progress", Done => "done", Dropped => "dropped" });
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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    pub date: Option<Date>,
    /// The day the figures of the page's ```chart and ```table blocks are as of: a
    /// report is a snapshot, and adding next month's EV to a workbook must not change
    /// last month's report. A month (`2026-11`) is its last day.
    pub as_of: Option<AsOf>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub weight: Option<i64>,
    pub owner: Option<String>,
    pub summary: Option<String>,
    /// Hugo's name for `summary`, read as it when `summary` is left out, so that pages
    /// moved in from Hugo keep theirs; both written and different is an error.
    pub description: Option<String>,
    /// Who may see the page: one of site.toml's `audiences` (on an `_index.md` or a
    /// project's `index.md`, its whole folder).
    pub audience: Option<String>,
    /// Old addresses of the page on this site, each answered with a page sending the
    /// reader here: one (`aliases: old/path/`) or a list.
    #[serde(default)]
    pub aliases: Aliases,
    #[serde(default)]
    pub draft: bool,
}

/// A section's `_index.md`: the title may be left to the folder's name.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    pub title: Option<String>,
    pub weight: Option<i64>,
    pub summary: Option<String>,
    /// Hugo's name for `summary`, read as it when `summary` is left out, so that pages
    /// moved in from Hugo keep theirs; both written and different is an error.
    pub description: Option<String>,
    /// Who may see the page: one of site.toml's `audiences` (on an `_index.md` or a
    /// project's `index.md`, its whole folder).
    pub audience: Option<String>,
    /// Old addresses of the page on this site, each answered with a page sending the
    /// reader here: one (`aliases: old/path/`) or a list.
    #[serde(default)]
    pub aliases: Aliases,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PracticeMeta {
    pub title: String,
    pub date: Option<Date>,
    pub category: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub weight: Option<i64>,
    pub owner: Option<String>,
    /// When the owner should next check the practice still holds: past it, the practice
    /// is listed as stale on the hygiene page (without it, its `date` ages it).
    pub review_by: Option<Date>,
    pub summary: Option<String>,
    /// Hugo's name for `summary`, read as it when `summary` is left out, so that pages
    /// moved in from Hugo keep theirs; both written and different is an error.
    pub description: Option<String>,
    /// Who may see the page: one of site.toml's `audiences` (on an `_index.md` or a
    /// project's `index.md`, its whole folder).
    pub audience: Option<String>,
    /// Old addresses of the page on this site, each answered with a page sending the
    /// reader here: one (`aliases: old/path/`) or a list.
    #[serde(default)]
    pub aliases: Aliases,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
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
    /// Follow-up actions, each tracked to done (see [`Action`]).
    #[serde(default)]
    pub actions: Vec<Action>,
    pub summary: Option<String>,
    /// Hugo's name for `summary`, read as it when `summary` is left out, so that pages
    /// moved in from Hugo keep theirs; both written and different is an error.
    pub description: Option<String>,
    /// Who may see the page: one of site.toml's `audiences` (on an `_index.md` or a
    /// project's `index.md`, its whole folder).
    pub audience: Option<String>,
    /// Old addresses of the page on this site, each answered with a page sending the
    /// reader here: one (`aliases: old/path/`) or a list.
    #[serde(default)]
    pub aliases: Aliases,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectMeta {
    pub title: String,
    pub code: Option<String>,
    pub sponsor: Option<String>,
    pub manager: Option<String>,
    pub department: Option<String>,
    pub start: Option<Date>,
    pub finish: Option<Date>,
    /// The budget at completion: a number, or text written as a budget cell may be
    /// (`3,600,000`, `¥3,600,000`).
    #[serde(default, deserialize_with = "amount")]
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
    /// Hugo's name for `summary`, read as it when `summary` is left out, so that pages
    /// moved in from Hugo keep theirs; both written and different is an error.
    pub description: Option<String>,
    /// Who may see the page: one of site.toml's `audiences` (on an `_index.md` or a
    /// project's `index.md`, its whole folder).
    pub audience: Option<String>,
    /// Old addresses of the page on this site, each answered with a page sending the
    /// reader here: one (`aliases: old/path/`) or a list.
    #[serde(default)]
    pub aliases: Aliases,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewMeta {
    pub title: String,
    pub date: Date,
    /// The day the figures of the page's ```chart and ```table blocks are as of: a
    /// report is a snapshot, and adding next month's EV to a workbook must not change
    /// last month's report. A month (`2026-11`) is its last day.
    pub as_of: Option<AsOf>,
    pub project: String,
    #[serde(rename = "type", default)]
    pub review_type: ReviewType,
    #[serde(default)]
    pub tags: Vec<String>,
    pub owner: Option<String>,
    pub summary: Option<String>,
    /// Hugo's name for `summary`, read as it when `summary` is left out, so that pages
    /// moved in from Hugo keep theirs; both written and different is an error.
    pub description: Option<String>,
    /// Who may see the page: one of site.toml's `audiences` (on an `_index.md` or a
    /// project's `index.md`, its whole folder).
    pub audience: Option<String>,
    /// Old addresses of the page on this site, each answered with a page sending the
    /// reader here: one (`aliases: old/path/`) or a list.
    #[serde(default)]
    pub aliases: Aliases,
    #[serde(default)]
    pub draft: bool,
}

/// The `audience` field alone, read from any kind's front matter (each kind's schema
/// accepts it too, so it is never an unknown field).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct AudienceMeta {
    pub audience: Option<String>,
}

/// The `aliases` field alone, read from any kind's front matter, as `audience` is.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct AliasesMeta {
    #[serde(default)]
    pub aliases: Aliases,
}

/// An amount of the front matter read as a budget cell reads it: `bac: 3,600,000` was an
/// error while the budget's cells took `3,600,000` (the eighth walk-through). What a
/// cell refuses (`60万`, `600000元`, `1.200,50`) stays refused, its plain number said
/// (`front_matter::explain`), as serde's own "invalid type" for a text.
fn amount<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    struct Amount;
    impl<'de> serde::de::Visitor<'de> for Amount {
        type Value = Option<f64>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("f64")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            // `1e400` read as infinity is no figure: refused as serde refuses it, for
            // `front_matter::explain` to say so naming the field.
            if v.is_finite() {
                Ok(Some(v))
            } else {
                Err(E::invalid_type(serde::de::Unexpected::Float(v), &self))
            }
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            crate::numbers::parse_number(v)
                .map(Some)
                .ok_or_else(|| E::invalid_type(serde::de::Unexpected::Str(v), &self))
        }
    }
    deserializer.deserialize_option(Amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_required_fields_read_off_the_schema_are_the_ones_serde_requires_in_its_order() {
        fn missing<T: serde::de::DeserializeOwned>(front: &str) -> Option<String> {
            let e = toml::from_str::<T>(front).err()?.message().to_string();
            Some(e.split('`').nth(1)?.to_string())
        }
        fn check<T: serde::de::DeserializeOwned + schemars::JsonSchema>(kind: &str) {
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
            for field in &Fields::of::<T>().required {
                assert_eq!(
                    missing::<T>(&front).as_deref(),
                    Some(field.as_str()),
                    "{kind}"
                );
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
    fn the_known_fields_are_every_field_as_written_in_front_matter() {
        let fields = Fields::of::<ReviewMeta>();
        assert_eq!(
            fields.known,
            [
                "title",
                "date",
                "as_of",
                "project",
                "type",
                "tags",
                "owner",
                "summary",
                "description",
                "audience",
                "aliases",
                "draft"
            ]
        );
        assert_eq!(
            Fields::of::<SectionMeta>().known,
            [
                "title",
                "weight",
                "summary",
                "description",
                "audience",
                "aliases"
            ]
        );
    }

    #[test]
    fn the_fields_of_an_action_are_read_off_its_type() {
        let fields = Fields::of::<LessonMeta>();
        assert_eq!(fields.item_shape("actions", "due"), Some(Shape::Date));
        assert_eq!(fields.item_shape("actions", "what"), Some(Shape::Text));
        assert_eq!(fields.item_shape("actions", "status"), Some(Shape::Other));
        assert_eq!(fields.item_shape("tags", "due"), None);
    }

    #[test]
    fn vocabulary_keys_match_the_front_matter_spelling() {
        assert_eq!(ProjectStatus::OnHold.key(), "on-hold");
        assert_eq!(ProjectStatus::OnHold.i18n_key(), "status_on_hold");
        assert_eq!(ReviewType::PhaseGate.i18n_key(), "review_type_phase_gate");
    }
}
