//! Names that differ only in Unicode normalisation: `café` with `é` as one character
//! (NFC, as Windows and Linux keyboards type it) and `café` with `e` and a combining
//! accent (NFD, as a Mac writes file names). The two look identical in every listing,
//! are two files on the build machine, and one on a Mac, which keeps whichever is
//! copied last.

use std::collections::{hash_map::Entry, BTreeSet, HashMap};

use unicode_normalization::UnicodeNormalization;

use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

/// Errors for the files of `folder` (`content`, `static`; `files` are `/`-separated paths
/// inside it) and the folders above them whose names differ only in Unicode
/// normalisation from a name beside them. Each is told once, where the two names part:
/// two folders so named are one error, not one for each file inside them. The later
/// (in path order) is named, with the earlier.
pub fn normal_form_twins<'a>(
    folder: &str,
    files: impl IntoIterator<Item = &'a str>,
) -> Vec<Diagnostic> {
    let mut names: BTreeSet<&str> = BTreeSet::new();
    let mut folders: BTreeSet<&str> = BTreeSet::new();
    for file in files {
        names.insert(file);
        let mut above = file;
        while let Some((parent, _)) = above.rsplit_once('/') {
            folders.insert(parent);
            above = parent;
        }
    }
    let is_folder = |path: &str| folders.contains(path);
    names.extend(&folders);
    let mut first: HashMap<(&str, std::borrow::Cow<str>), &str> = HashMap::new();
    let mut out = Vec::new();
    for path in names {
        let (parent, name) = path.rsplit_once('/').unwrap_or(("", path));
        let normal = crate::slugs::nfc(name);
        // Paths are unique: a name already taken under the same form is another name.
        let earlier = match first.entry((parent, normal)) {
            Entry::Vacant(v) => {
                v.insert(path);
                continue;
            }
            Entry::Occupied(o) => *o.get(),
        };
        let other = format!("{folder}/{earlier}");
        let problem = if is_folder(path) {
            t!("the names of this folder and of {other} differ only in Unicode normalisation (a letter such as `é` written as one character in one, as the letter and an accent in the other): they look identical, and on a Mac, or copied to one, they are one folder", other = other)
        } else {
            t!("the names of this file and of {other} differ only in Unicode normalisation (a letter such as `é` written as one character in one, as the letter and an accent in the other): they look identical, and on a Mac, or copied to one, they are one file", other = other)
        };
        out.push(
            Diagnostic::error(Problem::Content(problem))
                .in_file(std::path::Path::new(&format!("{folder}/{path}")))
                .with_help(t!(
                    "rename or remove one of the two (and change the links to it)"
                )),
        );
    }
    out
}

/// Whether a name on the way to `rel` (a `/`-separated path inside `folder`) has a
/// twin beside it on disk, for `serve`, which reads a page added while it runs without
/// walking the folder: the walk's check is then made by a full rebuild.
pub fn has_twin_on_disk(folder: &std::path::Path, rel: &str) -> bool {
    let mut dir = folder.to_path_buf();
    for name in rel.split('/') {
        let normal: String = name.nfc().collect();
        let twin = std::fs::read_dir(&dir).is_ok_and(|entries| {
            entries.flatten().any(|entry| {
                entry
                    .file_name()
                    .to_str()
                    .is_some_and(|other| other != name && other.nfc().eq(normal.chars()))
            })
        });
        if twin {
            return true;
        }
        dir.push(name);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const NFC: &str = "caf\u{e9}";
    const NFD: &str = "cafe\u{301}";

    fn told(files: &[&str]) -> Vec<String> {
        normal_form_twins("content", files.iter().copied())
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn two_files_named_alike_in_nfc_and_nfd_are_one_error_naming_both() {
        let (nfc, nfd) = (format!("lessons/{NFC}.md"), format!("lessons/{NFD}.md"));
        let told = told(&[&nfc, &nfd, "lessons/风险.md"]);
        assert_eq!(told.len(), 1, "{told:?}");
        // NFD's `e` (0x65) sorts before NFC's `é` (0xc3 0xa9): the NFC file is named.
        assert!(
            told[0].contains(&format!("content/{nfc}: the names of this file and of content/{nfd} differ only in Unicode normalisation")),
            "{told:?}"
        );
        assert!(
            told[0].contains("rename or remove one of the two"),
            "{told:?}"
        );
    }

    #[test]
    fn two_folders_so_named_are_told_once_at_the_folder() {
        let files = [
            format!("reports/{NFC}/a.md"),
            format!("reports/{NFC}/图.png"),
            format!("reports/{NFD}/a.md"),
            format!("reports/{NFD}/图.png"),
        ];
        let told = told(&files.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(
            told[0].contains(&format!(
                "content/reports/{NFC}: the names of this folder and of content/reports/{NFD}"
            )),
            "{told:?}"
        );
    }

    /// A page added while serving, in a folder whose name has a twin on disk, or beside
    /// a file that is its own twin.
    #[test]
    #[cfg_attr(target_os = "macos", ignore = "a Mac keeps one file of the two names")]
    fn a_twin_on_disk_is_found_at_any_name_on_the_way() {
        let temp = tempfile::tempdir().unwrap();
        let content = temp.path();
        for dir in [
            format!("reports/{NFC}"),
            format!("reports/{NFD}"),
            "经验".into(),
        ] {
            std::fs::create_dir_all(content.join(dir)).unwrap();
        }
        std::fs::write(content.join(format!("经验/{NFC}.md")), "").unwrap();
        std::fs::write(content.join("经验/风险.md"), "").unwrap();
        assert!(has_twin_on_disk(content, &format!("reports/{NFD}/a.md")));
        assert!(has_twin_on_disk(content, &format!("经验/{NFD}.md")));
        assert!(!has_twin_on_disk(content, "经验/风险.md"));
        assert!(!has_twin_on_disk(content, "经验/風險.md"));
        assert!(!has_twin_on_disk(content, &format!("经验/{NFC}.md")));
    }

    /// Chinese names are the same in every form; simplified and traditional, or
    /// full-width and half-width letters, are different names, not different forms.
    #[test]
    fn chinese_names_and_other_lookalikes_are_no_twins() {
        let told = told(&[
            "lessons/风险.md",
            "lessons/風險.md",
            "lessons/ＰＭＯ周报.md",
            "lessons/PMO周报.md",
            "lessons/风险/附件.pdf",
            &format!("lessons/{NFC}.md"),
            &format!("projects/{NFD}.md"),
        ]);
        assert!(told.is_empty(), "{told:?}");
    }
}
