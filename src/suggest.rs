//! "Did you mean" hints for misspelt names.

/// The closest known name to `word`, when it is close enough to be a plausible typo.
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    same_but_spelling(word, known).or_else(|| nearest(word, known))
}

fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(word, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
        .or_else(|| one_character_off(word, known))
}

/// The one of `known` that `word` spells with other case or word breaks (`baseURL`,
/// `Base-Url` for `base_url`, as Hugo and other tools name it): too far apart by letters
/// for the score to call them close.
fn same_but_spelling<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let bare = |w: &str| -> String {
        w.chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = bare(word);
    let mut found = known.iter().filter(|k| bare(k) == wanted);
    match (found.next(), found.next()) {
        (Some(k), None) if *k != word => Some(k),
        _ => None,
    }
}

/// Every one of `known` as close to `word` as the closest, when that is close enough to
/// be a plausible typo (`PRJ-2024-02` is as close to `PRJ-2024-002` as to `PRJ-2024-020`):
/// where ties are likely, naming one would send the author to the wrong one.
pub fn equally_close<'a>(word: &str, known: &[&'a str]) -> Vec<&'a str> {
    let scored: Vec<(f64, &'a str)> = known
        .iter()
        .map(|k| (strsim::jaro_winkler(word, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .collect();
    let Some(best) = scored.iter().map(|(s, _)| *s).max_by(f64::total_cmp) else {
        return one_character_off(word, known).into_iter().collect();
    };
    scored
        .into_iter()
        .filter(|(s, _)| best - s < 1e-9)
        .map(|(_, k)| k)
        .collect()
}

/// A Chinese word of two or three characters with one of them mistyped (`执形` for 执行,
/// an input method's neighbour): too short for the score above to call it close.
fn one_character_off<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let chars: Vec<char> = word.chars().collect();
    if !(2..=4).contains(&chars.len()) || !chars.iter().all(|c| crate::markdown::is_cjk(*c)) {
        return None;
    }
    known.iter().copied().find(|k| {
        let other: Vec<char> = k.chars().collect();
        other.len() == chars.len() && chars.iter().zip(&other).filter(|(a, b)| a != b).count() == 1
    })
}

/// Up to `n` of `known`, closest to `word` first (ties in the order given): for a value
/// that matched nothing, the values that do exist, the likeliest meant ahead.
pub fn closest<'a>(word: &str, known: &[&'a str], n: usize) -> Vec<&'a str> {
    let mut ranked: Vec<(f64, usize, &'a str)> = known
        .iter()
        .enumerate()
        .map(|(i, k)| (strsim::jaro_winkler(word, k), i, *k))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().take(n).map(|(_, _, k)| k).collect()
}

/// Up to `n` of `known` close enough to `word` to be what was meant, closest first:
/// for a name that matched nothing, the names that do exist and look like it.
pub fn close_enough<'a>(word: &str, known: &[&'a str], n: usize) -> Vec<&'a str> {
    let lower = word.to_lowercase();
    let mut ranked: Vec<(f64, usize, &'a str)> = known
        .iter()
        .enumerate()
        .map(|(i, k)| (strsim::jaro_winkler(&lower, &k.to_lowercase()), i, *k))
        .filter(|(score, _, _)| *score > 0.7)
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.dedup_by(|a, b| a.2 == b.2);
    ranked.into_iter().take(n).map(|(_, _, k)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::{closest, did_you_mean, equally_close};

    #[test]
    fn lists_the_closest_first_and_ties_in_order() {
        let known = ["进行中", "已完成", "已暂停", "已取消"];
        assert_eq!(closest("已完", &known, 2), ["已完成", "已暂停"]);
        assert_eq!(closest("zzz", &known, 9), known);
    }

    #[test]
    fn names_every_one_as_close_as_the_closest() {
        let codes = ["PRJ-2024-001", "PRJ-2024-002", "PRJ-2024-020"];
        assert_eq!(
            equally_close("PRJ-2024-02", &codes),
            ["PRJ-2024-002", "PRJ-2024-020"]
        );
        assert_eq!(equally_close("PRJ-2024-002", &codes), ["PRJ-2024-002"]);
        assert!(equally_close("采购", &codes).is_empty());
    }

    #[test]
    fn finds_close_names_only() {
        let known = ["title", "date", "tags", "category"];
        assert_eq!(did_you_mean("titel", &known), Some("title"));
        assert_eq!(did_you_mean("catgory", &known), Some("category"));
        assert_eq!(did_you_mean("zzz", &known), None);
        let phases = ["启动", "规划", "执行", "监控", "收尾"];
        assert_eq!(did_you_mean("执形", &phases), Some("执行"));
        assert_eq!(did_you_mean("形成", &phases), None);
    }
}
