//! Help for a site.toml mistake: the table a key belongs in, and a value written right.

use super::FIELDS;
use crate::messages::Text;
use crate::suggest::did_you_mean;
use crate::t;

/// Where each key of a site.toml table belongs (the rest are top-level keys).
const TABLE_OF: &[(&str, &str)] = &[
    ("cpi_green", "thresholds"),
    ("cpi_amber", "thresholds"),
    ("spi_green", "thresholds"),
    ("spi_amber", "thresholds"),
    ("basis", "budget"),
    ("tolerance", "budget"),
    ("portfolio", "currency"),
    ("rates", "currency"),
    ("rates_table", "currency"),
    ("money", "restrict"),
    ("money_tables", "restrict"),
    ("practice_max_age_months", "hygiene"),
    ("data_stale_months", "hygiene"),
    ("draft_max_age_days", "hygiene"),
];

/// A value each site.toml key takes, as it is written: the help for a value of the
/// wrong kind (`paginate = "20"`, `search = "yes"`), which the parser names but does not
/// show.
const EXAMPLES: &[(&str, &str)] = &[
    ("title", "\"PMO 知识门户\""),
    ("description", "\"项目管理办公室的最佳实践与经验教训\""),
    ("base_url", "\"https://intranet.example.com/pmo/\""),
    ("language", "\"zh-CN\""),
    ("paginate", "20"),
    ("trust_html", "false"),
    ("theme", "\"default\""),
    ("feed_limit", "20"),
    ("search", "true"),
    ("search_words", "[\"主数据\", \"北斗\"]"),
    (
        "search_synonyms",
        "[[\"北斗\", \"BD 平台\"], [\"乙方\", \"外协\"]]",
    ),
    ("chart_colors", "[\"#9c2a2a\", \"#f2a900\", \"#2f8f5b\"]"),
    ("audiences", "[\"public\", \"internal\", \"pmo\"]"),
    ("as_of", "2025-06-30"),
    ("date_order", "\"dmy\""),
    ("cpi_green", "0.95"),
    ("cpi_amber", "0.85"),
    ("spi_green", "0.95"),
    ("spi_amber", "0.85"),
    ("basis", "\"cumulative\""),
    ("tolerance", "0.01"),
    ("portfolio", "\"CNY\""),
    ("rates", "{ USD = 7.2, EUR = 7.8 }"),
    ("rates_table", "\"rates\""),
    ("money", "\"internal\""),
    ("money_tables", "[\"costs\"]"),
    ("practice_max_age_months", "24"),
    ("data_stale_months", "3"),
    ("draft_max_age_days", "30"),
    ("page", "true"),
];

/// The help for a bad value at `offset`: its key's line written right, when the key is
/// one of site.toml's own.
pub(super) fn example_help(text: &str, offset: usize) -> Option<Text> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let (key, value) = text[start..].split_once('=')?;
    let (key, value) = (key.trim(), value.trim().to_ascii_lowercase());
    let (key, example) = EXAMPLES.iter().find(|(k, _)| *k == key)?;
    // `language = "English"` was shown `language = "zh-CN"`: the language meant.
    let english = value.trim_start_matches(['"', '\'']).starts_with("en");
    let example = if *key == "language" && english {
        &"\"en\""
    } else {
        example
    };
    Some(t!(
        "write it like `{key} = {example}`",
        key = *key,
        example = *example
    ))
}

/// A value written without quotes that the parser could not read, on a key that takes
/// no text (`paginate = ２０`, `cpi_green = 95%`, `search = 是`): the kind of value the
/// key takes and its line written right. "Put it in quotes" would make it a text, which
/// such a key refuses next. `None` for a text key, or a value the parser stopped at for
/// another reason (a list, a quote).
/// The first two are the value's byte offset in `text` and its length.
pub(super) fn unquoted_value(text: &str, offset: usize) -> Option<(usize, usize, Text, Text)> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let (key, value) = line.split_once('=')?;
    let key = key.trim();
    let at = start + line.len() - value.trim_start().len();
    let value = value.split(" #").next().unwrap_or("").trim();
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    let (_, example) = EXAMPLES.iter().find(|(k, _)| *k == key)?;
    let folded: String = value.chars().map(crate::slugs::fold_full_width).collect();
    let (kind, right) = if matches!(*example, "true" | "false") {
        let right = match folded.to_lowercase().as_str() {
            "是" | "对" | "真" | "开" | "开启" | "yes" | "y" | "on" => "true".to_string(),
            "否" | "错" | "假" | "关" | "关闭" | "no" | "n" | "off" => "false".to_string(),
            _ => example.to_string(),
        };
        (t!("true or false"), right)
    } else if example.parse::<u64>().is_ok() {
        let right = match folded.parse::<u64>() {
            Ok(n) => n.to_string(),
            Err(_) => example.to_string(),
        };
        (t!("a whole number"), right)
    } else if example.parse::<f64>().is_ok() {
        let percent = folded
            .strip_suffix('%')
            .and_then(|n| n.trim().parse::<f64>().ok())
            .map(|n| n / 100.0);
        let right = match percent.or_else(|| folded.parse::<f64>().ok()) {
            Some(n) if n.is_finite() => n.to_string(),
            _ => example.to_string(),
        };
        (t!("a number"), right)
    } else if crate::date::Date::parse(example).is_ok() {
        // Written as a date (2024-06-31): the date's own explanation says what is wrong.
        if value.chars().all(|c| c.is_ascii_digit() || c == '-') && value.contains('-') {
            return None;
        }
        let right =
            crate::date::read_loosely(value).map_or_else(|| example.to_string(), |d| d.iso());
        (t!("a date"), right)
    } else {
        return None;
    };
    Some((
        at,
        value.len(),
        t!(
            "`{key}` takes {kind}, not `{value}`",
            key = key,
            kind = kind,
            value = value
        ),
        t!(
            "write it like `{key} = {example}`",
            key = key,
            example = right
        ),
    ))
}

/// The `[table]` whose header is the last before `offset` in `text`, if any: its name
/// alone, without the brackets or a comment after them (`[thresholds]  # RAG`).
fn table_at(text: &str, offset: usize) -> Option<&str> {
    text.get(..offset)?
        .lines()
        .rev()
        .map(str::trim)
        .find(|line| line.starts_with('['))
        .map(|line| {
            let name = line.trim_start_matches('[');
            name[..name.find(']').unwrap_or(name.len())].trim()
        })
}

/// The help for an unknown key. A key that is right but in the wrong place — a
/// top-level key appended at the end of the file, so under the last `[table]`, or a
/// table's key written at the top — is told where it goes; "did you mean" would
/// suggest the very name written.
/// A required key left out (an empty site.toml has no `title`): the line to write, and
/// where, since after a `[table]` heading it would belong to that table.
pub(super) fn missing_key_help(message: &str, text: &str, offset: usize) -> Option<Text> {
    let key = message.strip_prefix("missing field `")?.split('`').next()?;
    // Told at the `[[menu]]` header of the entry that lacks it.
    if text
        .get(offset..)
        .is_some_and(|rest| rest.starts_with("[[menu]]"))
    {
        return Some(t!(
            "add `{key} = \"…\"` to this `[[menu]]` entry: each takes `name` (the link's text) and `url` (an address on this site, `/lessons/`, or elsewhere, `https://…`)",
            key = key
        ));
    }
    Some(match key {
        "title" => {
            t!("add the portal's name as the first line of site.toml: title = \"PMO knowledge portal\"")
        }
        _ => t!(
            "add `{key} = …` near the top of site.toml, before any `[…]` heading",
            key = key
        ),
    })
}

pub(super) fn unknown_key_help(message: &str, text: &str, offset: usize) -> Option<Text> {
    let field = message.strip_prefix("unknown field `")?.split('`').next()?;
    let table = table_at(text, offset);
    if let Some(&(_, home)) = TABLE_OF.iter().find(|(key, _)| *key == field) {
        if table != Some(home) {
            return Some(t!(
                "`{field}` belongs under `[{table}]`: move the line below that header (write the header if the file has none)",
                field = field,
                table = home
            ));
        }
    } else if table == Some("menu") {
        let entry = ["name", "url", "weight"];
        return Some(match did_you_mean(field, &entry) {
            Some(s) => t!(
                "a `[[menu]]` entry takes `name`, `url` and `weight`: did you mean `{s}`?",
                s = s
            ),
            None => t!("a `[[menu]]` entry takes `name` (the link's text), `url` and an optional `weight`; a key after the entries belongs above the first `[[menu]]`"),
        });
    } else if FIELDS.contains(&field) {
        if let Some(table) = table {
            return Some(t!(
                "`{field}` is a top-level key, but here it is read as part of `[{table}]` (every line after a `[…]` header belongs to it): move it above the first `[…]` header",
                field = field,
                table = table
            ));
        }
    }
    Some(match did_you_mean(field, FIELDS) {
        Some(s) => t!("did you mean `{s}`?", s = s),
        None => t!("known keys: {keys}", keys = FIELDS[..9].join(", ")),
    })
}
