//! Readable identifiers for URLs and heading anchors.
//!
//! Chinese stays Chinese: `## 风险 识别` becomes `#风险-识别`, not a transliteration
//! that no reader recognizes (and that would make 期中 and 其中 collide).

use std::collections::HashMap;

/// The folder of a taxonomy term's page: its slug, with a dash after a Windows device
/// name (`tags/con-/`), since a Windows share or IIS cannot create `tags/con/` and
/// copying the portal there would fail. No slug ends in a dash, so no other term has it.
pub fn term_slug(name: &str) -> String {
    off_device(slugify(name, "term"), "")
}

/// `slug` as a file or folder name a Windows share can hold: a device name (`con`,
/// `nul`, `com1`) gets `-` and `word` after it. A slug has no dot, space or character
/// Windows forbids, so a device name is all there is to mend.
pub fn off_device(slug: String, word: &str) -> String {
    if crate::output::portable::is_device_name(&slug) {
        format!("{slug}-{word}")
    } else {
        slug
    }
}

/// `text` in Unicode's composed form (NFC): `é` as one character, as Windows and Linux
/// keyboards type it, where a Mac names files with `e` and a combining accent (NFD).
/// The two look the same, so whatever compares names a reader typed with names from
/// the disk compares them so.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    }
}

/// Lowercases, keeps letters and digits of any script (and the accents written after
/// them), and turns every run of spaces and punctuation into a single dash. Never empty:
/// falls back to `fallback`. A name written in either Unicode form gives one slug: a
/// file `résumé.md` saved on a Mac was `re-sume`, the same typed elsewhere `résumé`.
pub fn slugify(text: &str, fallback: &str) -> String {
    let text = nfc(text);
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        let c = fold_full_width(c);
        if unicode_normalization::char::is_combining_mark(c) && !dash && !out.is_empty() {
            // An accent no composed letter holds (`q̃`): part of its letter.
            out.push(c);
        } else if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// Whether `text` shows nothing: spaces of any width, and the characters that take no
/// room (zero-width spaces and joiners, a byte order mark, a soft hyphen) that text
/// pasted from Word or the web carries. A title so made is a link with no text.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
            )
    })
}

/// The characters a table or site.toml is told of that show as nothing (a zero-width
/// space, a word joiner, a byte order mark, a soft hyphen), each by its name; `None` for
/// any other. Zero-width joiners are not among them: emoji and several scripts need them.
pub fn invisible_name(c: char) -> Option<crate::messages::Text> {
    Some(match c {
        '\u{200B}' => crate::t!("a zero-width space"),
        '\u{2060}' => crate::t!("a word joiner"),
        '\u{FEFF}' => crate::t!("a byte order mark"),
        '\u{00AD}' => crate::t!("a soft hyphen"),
        _ => return None,
    })
}

/// A person's or department's name as compared and shown: full-width letters, digits
/// and spaces folded as tags are (`ＩＴ部` is `IT部`), with no space of any width or
/// invisible character around it and one plain space between words. A Chinese input
/// method types `信息中心　` (U+3000 after it), which compared as written was a second
/// 信息中心 on the dashboard, in the hygiene report's owners and in every filter.
/// `None` when nothing is left.
pub fn tidy_name(text: &str) -> Option<String> {
    let folded: String = text
        .chars()
        .map(fold_full_width)
        .filter(|&c| c.is_whitespace() || !is_blank(c.encode_utf8(&mut [0; 4])))
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Full-width ASCII (`Ａ`, `１`) as typed by Chinese input methods, folded to ASCII.
pub fn fold_full_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Hands out unique slugs: the second `概述` becomes `概述-1`, like GitHub's anchors.
#[derive(Debug, Default)]
pub struct Unique {
    seen: HashMap<String, usize>,
}

impl Unique {
    pub fn claim(&mut self, slug: String) -> String {
        self.claim_free(slug, |_| false)
    }

    /// Like `claim`, but an id `taken` says is in use elsewhere is never handed out:
    /// `main` becomes `main-1`.
    pub fn claim_free(&mut self, slug: String, taken: impl Fn(&str) -> bool) -> String {
        let last = match self.seen.get(&slug) {
            None if !taken(&slug) => {
                self.seen.insert(slug.clone(), 0);
                return slug;
            }
            None => 0,
            Some(&last) => last,
        };
        let mut n = last;
        loop {
            n += 1;
            let candidate = format!("{slug}-{n}");
            if !self.seen.contains_key(&candidate) && !taken(&candidate) {
                self.seen.insert(slug, n);
                self.seen.insert(candidate.clone(), 0);
                return candidate;
            }
        }
    }
}

/// The ids the default theme gives its own elements on a page that shows the author's
/// headings: the skip link's target, the headings of the boxes around the text.
const THEME_IDS: &[&str] = &[
    "main",
    "toc-title",
    "backlinks-title",
    "related-title",
    "related-lessons-title",
    "lessons-title",
    "reviews-title",
    "projects-title",
    "pages-title",
    "sections-title",
    "subsections-title",
    "facts-title",
    "figures-title",
    "charts-title",
    "history-title",
    "trend-title",
    "milestones-title",
    "risks-title",
    "lesson-actions-title",
    "overview-title",
    "about-title",
    "recent-lessons-title",
    "recent-reviews-title",
    "health-title",
    "by-status-title",
    "projects-caption",
    "register-caption",
    "register-filters",
    "register-more",
    "register-status",
    "register-table",
    "home-search-q",
    "site-search-q",
    "site-search-hint",
    "site-search-results",
    "site-search-opt-all",
    "search-app",
    "search-count",
    "search-facets",
    "search-more",
    "search-page-form",
    "search-page-q",
    "search-results",
    "hygiene-checks-title",
    "hygiene-owners-title",
];

/// Whether the theme's own elements may hold `id` on a page beside the author's
/// headings (`main`; `chart-1`, `chart-1-title`, a drawing's; `year-2024`, a year of
/// the reviews list): a heading given it would make two elements of one id.
pub fn is_theme_id(id: &str) -> bool {
    let numbered = |prefix: &str, suffixes: &[&str]| {
        id.strip_prefix(prefix).is_some_and(|rest| {
            let n = suffixes
                .iter()
                .find_map(|s| rest.strip_suffix(s))
                .unwrap_or(rest);
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
        })
    };
    THEME_IDS.contains(&id)
        || numbered("chart-", &["-title", "-desc"])
        || numbered("year-", &[])
        // Given by the search box and page to their options and facet labels.
        || numbered("site-search-opt-", &[])
        || id.starts_with("facet-label-")
}

/// Whether an author's `id` would take the place of one of the theme's: a theme id
/// ([`is_theme_id`]), a name its scripts read through the window object (`PmoSearch`,
/// `PmoRegister`, `__pmoLive`: an element of that id is `window.PmoSearch` too, as
/// written, case and all), or an object's own key. Headings and footnotes given one are
/// renamed, as raw HTML's are.
pub fn takes_theme_place(id: &str) -> bool {
    is_theme_id(id) || shadows_script_name(id)
}

/// Whether `id` is, or may be, a name the theme's scripts read through the window object
/// or an object's own key (see [`takes_theme_place`]). Every id with `-1` added still
/// starts so: rename once, not until one is free.
pub fn shadows_script_name(id: &str) -> bool {
    id.starts_with("Pmo")
        || id.starts_with("__pmo")
        || matches!(id, "__proto__" | "constructor" | "prototype")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_gives_one_slug_in_either_unicode_form() {
        assert_eq!(slugify("re\u{301}sume\u{301} guide", "x"), "résumé-guide");
        assert_eq!(slugify("résumé guide", "x"), "résumé-guide");
        // Kana with its voicing mark apart, as a Mac writes it.
        assert_eq!(slugify("\u{304b}\u{3099}いど", "x"), "がいど");
        // An accent no composed letter has stays with its letter.
        assert_eq!(slugify("q\u{303} x", "x"), "q\u{303}-x");
        assert_eq!(slugify("\u{301} a", "x"), "a");
        assert_eq!(nfc("cafe\u{301}"), "caf\u{e9}");
    }

    #[test]
    fn names_lose_the_spaces_an_input_method_adds_and_fold_full_width() {
        assert_eq!(tidy_name("信息中心\u{3000}").as_deref(), Some("信息中心"));
        assert_eq!(tidy_name("\u{3000} 王芳\u{200B}").as_deref(), Some("王芳"));
        assert_eq!(tidy_name("ＩＴ部").as_deref(), Some("IT部"));
        assert_eq!(
            tidy_name("Carol\u{3000}\u{a0}Wang").as_deref(),
            Some("Carol Wang")
        );
        assert_eq!(tidy_name("王\u{200B}芳").as_deref(), Some("王芳"));
        assert_eq!(tidy_name("\u{3000}\u{FEFF}"), None);
    }

    #[test]
    fn keeps_chinese_and_drops_punctuation() {
        assert_eq!(slugify("风险 识别（Risk ID）", "x"), "风险-识别-risk-id");
        assert_eq!(slugify("1. 背景：为什么？", "x"), "1-背景-为什么");
        assert_eq!(slugify("Ｖｅｎｄｏｒ  Delay", "x"), "vendor-delay");
        assert_eq!(slugify("!!!", "section"), "section");
    }

    #[test]
    fn duplicates_get_numbered() {
        let mut u = Unique::default();
        assert_eq!(u.claim("概述".into()), "概述");
        assert_eq!(u.claim("概述".into()), "概述-1");
        assert_eq!(u.claim("概述-1".into()), "概述-1-1");
        assert_eq!(u.claim("概述".into()), "概述-2");
    }

    #[test]
    fn every_id_the_default_theme_writes_is_kept_from_headings() {
        let templates =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut stack = vec![templates];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for rest in text.split(" id=\"").skip(1) {
                    let id = rest.split('"').next().unwrap();
                    let id = id.replace("{{ y.year }}", "2024");
                    if id.contains("{{") {
                        continue;
                    }
                    assert!(is_theme_id(&id), "{}: id `{id}`", path.display());
                }
            }
        }
        assert!(is_theme_id("chart-12-desc"));
        assert!(!is_theme_id("chart-"));
        assert!(!is_theme_id("风险-识别"));
    }
}
