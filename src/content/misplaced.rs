//! A page whose front matter belongs to another kind: a lesson saved in `content/lesson/`
//! or at the top of `content/`, a project written as `projects/erp.md`. Its kind comes
//! from its folder, so each of its fields was refused as unknown, with the list of the
//! fields of a kind the author never meant; the help now names the kind the fields are
//! of and the file to move it to.

use crate::content::schema::{Fields, LessonMeta, PracticeMeta, ProjectMeta, ReviewMeta};
use crate::diagnostics::{Diagnostic, Problem};
use crate::kinds::Kind;
use crate::t;

/// `problems` of the page at `rel` (under `content/`, of `kind`), its unknown-field
/// errors told as one pointing to the kind they are fields of, when at least two are and
/// one kind has them all.
pub fn explain(kind: Kind, rel: &str, mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let unknown: Vec<String> = problems
        .iter()
        .filter_map(|d| match &d.problem {
            Problem::UnknownField { field, .. } => Some(field.clone()),
            _ => None,
        })
        .collect();
    if unknown.len() < 2 {
        return problems;
    }
    let candidates: [(Kind, fn() -> Fields); 4] = [
        (Kind::Lesson, Fields::of::<LessonMeta>),
        (Kind::Review, Fields::of::<ReviewMeta>),
        (Kind::Project, Fields::of::<ProjectMeta>),
        (Kind::Practice, Fields::of::<PracticeMeta>),
    ];
    // A field misspelt besides (`categroy`) kept a lesson saved in its project's folder
    // from being told where it belongs: four errors, each listing a plain page's fields
    // (the eighth walk-through). Two fields of the kind written right, and the rest near
    // one of its fields, say the kind.
    let Some((meant, typos)) =
        candidates
            .iter()
            .filter(|(k, _)| *k != kind)
            .find_map(|(k, fields)| {
                let known = fields().known;
                let names: Vec<&str> = known.iter().map(String::as_str).collect();
                let mut typos = Vec::new();
                for u in unknown.iter().filter(|u| !known.contains(u)) {
                    let near = crate::suggest::did_you_mean(u, &names)?;
                    typos.push(format!("`{u}` → `{near}`"));
                }
                (unknown.len() - typos.len() >= 2).then_some((*k, typos))
            })
    else {
        return problems;
    };
    let Some(to) = meant.new_path(&slug_of(rel)) else {
        return problems;
    };
    let listed = unknown
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    // One error says it, at the first such field: one per field, each with the same
    // help, read as four problems to fix (the fifth walk-through).
    let mut told = false;
    problems.retain_mut(|d| {
        if !matches!(d.problem, Problem::UnknownField { .. }) {
            return true;
        }
        if told {
            return false;
        }
        told = true;
        let kind = crate::messages::kind_name(meant.key());
        d.help = Some(Box::new(if typos.is_empty() {
            t!(
                "{fields} are fields of a {kind}: a page's kind comes from its folder, so move this file to `{path}`",
                fields = listed.as_str(),
                kind = kind,
                path = to.as_str()
            )
        } else {
            t!(
                "{fields} are fields of a {kind} (misspelt: {typos}): a page's kind comes from its folder, so move this file to `{path}`",
                fields = listed.as_str(),
                kind = kind,
                typos = typos.join(", "),
                path = to.as_str()
            )
        }));
        true
    });
    problems
}

/// The name a page is known by: its file's stem, or its folder's for an `index.md`.
fn slug_of(rel: &str) -> String {
    let mut parts = rel.rsplit('/');
    let file = parts.next().unwrap_or(rel);
    let stem = file.strip_suffix(".md").unwrap_or(file);
    match stem {
        "index" | "_index" => parts.next().unwrap_or(stem).to_string(),
        _ => stem.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_known_by_its_stem_or_its_folder() {
        assert_eq!(slug_of("lesson/kickoff-raci.md"), "kickoff-raci");
        assert_eq!(slug_of("erp/index.md"), "erp");
        assert_eq!(slug_of("启动会.md"), "启动会");
    }
}
