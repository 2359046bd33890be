//! Many diagnostics saying the same thing, folded for a reader: 300 pages migrated from
//! Hugo, each with `weight:` and `lastmod:`, gave 600 errors in full, the one thing to
//! learn (what pmo does instead) buried under a screen per page. The first few of each
//! message are shown whole; the rest are one line naming their count and every one of
//! their places, `path:line:col` (each problem is still named where it is). Only the reader's view folds: `--format json` and the
//! failure itself keep every diagnostic.

use super::Diagnostic;
use crate::messages::{Lang, Text};
use crate::t;

/// How many diagnostics of one message and help are shown whole.
pub const SHOWN_WHOLE: usize = 3;

/// A message is folded only when this many or more of it would be left out: folding
/// one or two saves no screen.
const FOLDED_AT_LEAST: usize = 3;

/// What makes two diagnostics alike: severity, message and help, as the reader reads them.
type Key = (bool, String, String);

/// What a reader is shown of `diagnostics` (sorted as the build sorts them): each to
/// show whole, in order, then a line for each message with more than [`SHOWN_WHOLE`].
pub fn folded(diagnostics: &[Diagnostic], lang: Lang) -> (Vec<&Diagnostic>, Vec<Text>) {
    let key = |d: &Diagnostic| {
        let help = d.help.as_ref().map(|h| h.render(lang)).unwrap_or_default();
        (d.is_error(), d.message().render(lang), help)
    };
    let mut groups: Vec<(Key, Vec<&Diagnostic>)> = Vec::new();
    let mut index: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    for d in diagnostics {
        let k = key(d);
        match index.get(&k) {
            Some(&i) => groups[i].1.push(d),
            None => {
                index.insert(k.clone(), groups.len());
                groups.push((k, vec![d]));
            }
        }
    }
    let folds: Vec<&(_, Vec<&Diagnostic>)> = groups
        .iter()
        .filter(|(_, ds)| ds.len() >= SHOWN_WHOLE + FOLDED_AT_LEAST)
        .collect();
    let left_out: std::collections::HashSet<*const Diagnostic> = folds
        .iter()
        .flat_map(|(_, ds)| ds[SHOWN_WHOLE..].iter().map(|d| *d as *const Diagnostic))
        .collect();
    let whole = diagnostics
        .iter()
        .filter(|d| !left_out.contains(&(*d as *const Diagnostic)))
        .collect();
    let lines = folds
        .iter()
        .map(|((_, message, _), ds)| {
            let rest = &ds[SHOWN_WHOLE..];
            let places: Vec<String> = rest.iter().filter_map(|d| d.position()).collect();
            t!(
                "{count} more with the message and help shown above ({message}): {places}",
                count = rest.len(),
                message = message.as_str(),
                places = places.join(", ")
            )
        })
        .collect();
    (whole, lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Location, Problem};
    use std::path::Path;
    use std::sync::Arc;

    fn at(file: &str, what: &str) -> Diagnostic {
        let source: Arc<str> = Arc::from("---\ntitle: 迁移\nweight: 3\n---\n");
        let message = t!(
            "unknown field `{field}` in the front matter of a {kind}",
            field = what,
            kind = "lesson"
        );
        Diagnostic::error(Problem::Content(message)).at(Location::new(
            Path::new(file),
            &source,
            18,
            6,
        ))
    }

    #[test]
    fn the_first_three_of_a_message_are_shown_and_the_rest_named_on_one_line() {
        let mut ds: Vec<Diagnostic> = (1..=10)
            .map(|i| at(&format!("l{i}.md"), "weight"))
            .collect();
        ds.push(at("l1.md", "lastmod"));
        let (whole, lines) = folded(&ds, Lang::En);
        assert_eq!(whole.len(), 4);
        assert_eq!(lines.len(), 1);
        let line = lines[0].render(Lang::En);
        assert!(
            line.starts_with("7 more with the message and help shown above (unknown field `weight` in the front matter of a lesson): l4.md:3:1, l5.md:3:1, l6.md:3:1, l7.md:3:1, l8.md:3:1, l9.md:3:1, l10.md:3:1"),
            "{line}"
        );
        // Four or five alike are all shown.
        let (whole, lines) = folded(&ds[..5], Lang::En);
        assert_eq!((whole.len(), lines.len()), (5, 0));
    }
}
