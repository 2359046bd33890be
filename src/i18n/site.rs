//! A site's own `i18n/<language>.toml` laid over the theme's strings, key by key: a key
//! the theme has not, a placeholder misspelt or left out, a label written where its key
//! belongs, each told at its line.

use std::collections::BTreeMap;
use std::path::Path;

use super::{checks, parse_strings};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;

/// The site's own `i18n/<language>.toml` (file `name` of the theme) laid over the theme's
/// strings, key by key, so changing one label needs no copy of the whole theme. A key
/// the theme has not, or a `{placeholder}` its text does not fill, is warned about at
/// its line: it would show as written (`截至 {periode}`).
pub(super) fn site_strings(
    root: &Path,
    name: &str,
    strings: &mut BTreeMap<String, String>,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    let shown = Path::new(name);
    let path = root.join(name);
    crate::symlinks::before_reading(root, shown)?;
    if path.is_dir() {
        // Its strings were dropped without a word (the fourteenth malformed hunt).
        return Ok(vec![crate::symlinks::folder_named_like_a_file(
            shown,
            t!("the template or UI strings it names"),
            t!("`.html` or `.toml`"),
        )]);
    }
    if !path.is_file() {
        return Ok(checks::misnamed_strings(root, name));
    }
    let text = crate::source::read_text(&path, shown)?;
    let own = parse_strings(&text, shown).map_err(|d| label_written_bare(d, &text, strings))?;
    let at_key = |key: &str| {
        let offset = text
            .lines()
            .scan(0, |start, line| {
                let here = *start;
                *start += line.len() + 1;
                Some((here, line))
            })
            // A key may be quoted (`"最佳实践" = …`): it was told at line 1.
            .find_map(|(here, line)| {
                let written = line.trim_start();
                [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
                    .into_iter()
                    .find(|k| {
                        written
                            .strip_prefix(k.as_str())
                            .is_some_and(|rest| rest.trim_start().starts_with('='))
                    })
                    .map(|k| (here + (line.len() - written.len()), k.len()))
            })
            .unwrap_or((0, key.len()));
        Location::new(shown, &text, offset.0, offset.1)
    };
    let mut warnings = Vec::new();
    let theme = strings.clone();
    for (key, value) in own {
        if let Some(d) = checks::swapped_word(&key, &value, &theme)
            .or_else(|| checks::dateless_format(&key, &value))
        {
            warnings.push(d.at(at_key(&key)));
        }
        let Some(theirs) = strings.get(&key) else {
            let names: Vec<&str> = strings.keys().map(String::as_str).collect();
            let help = match (
                key_of_text(&key, &theme),
                crate::suggest::did_you_mean(&key, &names),
            ) {
                (Some(meant), _) => t!(
                    "`{text}` is what `{key}` shows now: write `{key} = \"{value}\"`",
                    text = key.as_str(),
                    key = meant,
                    value = value.as_str()
                ),
                (None, Some(meant)) => t!("did you mean `{s}`?", s = meant),
                (None, None) => t!(
                    "the keys are those of the theme's i18n file of the same name; the menu's are {keys}",
                    keys = names
                        .iter()
                        .filter(|n| n.starts_with("nav_"))
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            warnings.push(
                Diagnostic::warning(Problem::Content(t!(
                    "`{key}` is no UI string of the theme: it is not used",
                    key = key.as_str()
                )))
                .at(at_key(&key))
                .with_help(help),
            );
            continue;
        };
        let wanted = placeholders(theirs);
        if let Some(stray) = placeholders(&value)
            .into_iter()
            .find(|p| !wanted.contains(p))
        {
            warnings.push(
                Diagnostic::warning(Problem::Content(t!(
                    "`{stray}` in `{key}` is no placeholder of that string: it would show as written",
                    stray = stray.as_str(),
                    key = key.as_str()
                )))
                .at(at_key(&key))
                .with_help(t!(
                    "its placeholders are: {wanted}",
                    wanted = if wanted.is_empty() {
                        "—".to_string()
                    } else {
                        wanted.join(", ")
                    }
                )),
            );
        } else {
            warnings.extend(dropped_placeholders(&key, &value, theirs).map(|d| d.at(at_key(&key))));
        }
        strings.insert(key, value);
    }
    Ok(warnings)
}

/// A parse error at a line renaming a label written bare (`最佳实践 = "方法论"`): TOML
/// wants such a key quoted, and once quoted it was told the key to write instead (the
/// fifth walk-through took two tries). The key is told at once.
fn label_written_bare(d: Diagnostic, text: &str, theme: &BTreeMap<String, String>) -> Diagnostic {
    let Some(offset) = d.location.as_ref().map(|l| l.offset) else {
        return d;
    };
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or_default();
    let Some((label, value)) = line.split_once('=') else {
        return d;
    };
    let label = label.trim();
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
    match key_of_text(label, theme) {
        Some(key) if !label.is_empty() => d.with_help(t!(
            "`{text}` is what `{key}` shows now: write `{key} = \"{value}\"`",
            text = label,
            key = key,
            value = value
        )),
        _ => d,
    }
}

/// The theme's key whose text is `text`, a menu entry's first: a site renaming a menu
/// entry writes the label it sees (`"最佳实践" = "方法论"`), not a key it has never seen.
fn key_of_text<'a>(text: &str, theme: &'a BTreeMap<String, String>) -> Option<&'a str> {
    theme
        .iter()
        .filter(|(_, shown)| shown.trim() == text.trim())
        .map(|(key, _)| key.as_str())
        .min_by_key(|key| !key.starts_with("nav_"))
}

/// A site's string `key` that leaves out placeholders of the theme's (`theirs`): what the
/// page fills in there is not shown. `spent_pct_of_bac = "占预算 95%"` put 95 % on every
/// project page where each one's share goes, without a word (the ninth hunt): a number
/// written where a placeholder was is an error, as it would show as a figure; another
/// text (`由 PMO 办公室生成` for `由 {generator} 生成`) a warning. The `{count}` of a
/// string for one (`_one`) may go: it is 1.
fn dropped_placeholders(key: &str, value: &str, theirs: &str) -> Option<Diagnostic> {
    let have = placeholders(value);
    let missing: Vec<String> = placeholders(theirs)
        .into_iter()
        .filter(|p| !have.contains(p))
        .filter(|p| !(key.ends_with("_one") && p == "{count}"))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let numbers = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_digit())
            .filter(|run| !run.is_empty())
            .map(str::to_string)
            .collect()
    };
    let theirs_numbers = numbers(theirs);
    let fixed = numbers(value)
        .into_iter()
        .find(|n| !theirs_numbers.contains(n));
    let missing = missing.join(", ");
    let help = t!(
        "keep {missing} in the text, where the page fills it in: the theme's string is `{theirs}`",
        missing = missing.as_str(),
        theirs = theirs
    );
    let d = match fixed {
        Some(number) => Diagnostic::error(Problem::Content(t!(
            "`{key}` leaves out {missing} and writes {number} instead: every page using it would show {number} where its own figure goes",
            key = key,
            missing = missing.as_str(),
            number = number.as_str()
        ))),
        None => Diagnostic::warning(Problem::Content(t!(
            "`{key}` leaves out {missing} of the theme's string: what the page fills in there is not shown",
            key = key,
            missing = missing.as_str()
        ))),
    };
    Some(d.with_help(help))
}

/// The `{name}` placeholders of a UI string, in order: the holes of a message template.
fn placeholders(text: &str) -> Vec<String> {
    crate::messages::holes(text)
        .into_iter()
        .map(|name| format!("{{{name}}}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::i18n::I18n;
    use crate::theme::Theme;

    /// A site's own i18n/<language>.toml was ignored without a word (the second
    /// walk-through): changing one label took a copy of the whole theme.
    #[test]
    fn a_sites_own_strings_override_the_themes_key_by_key() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("i18n")).unwrap();
        std::fs::write(
            root.path().join("i18n/en.toml"),
            "nav_dashboard = \"Cockpit\"\nas_of = \"as at {periode}\"\nnav_dashbord = \"x\"\n",
        )
        .unwrap();
        let theme = Theme::resolve(root.path(), "default").unwrap();
        let (i18n, warnings) = I18n::load(&theme, root.path(), "en").unwrap();
        assert_eq!(i18n.get("nav_dashboard"), "Cockpit");
        assert_eq!(
            i18n.get("project_status"),
            "Status",
            "the rest is the theme's"
        );
        let told: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(told.len(), 2, "{told:?}");
        assert!(
            told[0].contains("i18n/en.toml:2:1") && told[0].contains("`{periode}`"),
            "{told:?}"
        );
        assert!(told[0].contains("{period}"), "{told:?}");
        assert!(
            told[1].contains("i18n/en.toml:3:1") && told[1].contains("`nav_dashboard`"),
            "{told:?}"
        );
    }

    /// A folder named `i18n/en.toml` was passed over without a word.
    #[test]
    fn a_folder_named_like_the_strings_file_is_warned() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("i18n/en.toml")).unwrap();
        let theme = Theme::resolve(root.path(), "default").unwrap();
        let (i18n, warnings) = I18n::load(&theme, root.path(), "en").unwrap();
        assert_eq!(i18n.get("project_status"), "Status");
        let told: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(told[0].contains("i18n/en.toml"), "{told:?}");
        assert!(told[0].contains("this is a folder"), "{told:?}");
    }

    /// Hunt 9: `spent_pct_of_bac = "占预算 95%"` showed 95 % on every project page, each
    /// project's own share left out, without a word.
    #[test]
    fn a_sites_string_leaving_out_a_placeholder_is_told_at_its_line() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("i18n")).unwrap();
        std::fs::write(
            root.path().join("i18n/zh-CN.toml"),
            "nav_dashboard = \"驾驶舱\"\nspent_pct_of_bac = \"占预算 95%\"\ngenerated_by = \"由 PMO 办公室生成\"\nprojects_count_one = \"1 个项目\"\n",
        )
        .unwrap();
        let theme = Theme::resolve(root.path(), "default").unwrap();
        let (_, told) = I18n::load(&theme, root.path(), "zh-CN").unwrap();
        assert_eq!(told.len(), 2, "{told:?}");
        let (errors, warnings): (Vec<_>, Vec<_>) = told.iter().partition(|d| d.is_error());
        let (fixed, dropped) = (errors[0], warnings[0]);
        let fixed_help = fixed.help.as_ref().map(|h| h.to_string());
        let fixed = fixed.to_string();
        assert!(fixed.contains("i18n/zh-CN.toml:2:1"), "{fixed}");
        assert!(
            fixed.contains("`spent_pct_of_bac` leaves out {pct} and writes 95 instead"),
            "{fixed}"
        );
        let help = fixed_help.unwrap_or_default();
        assert!(help.contains("`占预算 {pct}%`"), "{help}");
        assert!(!dropped.is_error(), "{dropped}");
        let dropped = dropped.to_string();
        assert!(
            dropped.contains("i18n/zh-CN.toml:3:1") && dropped.contains("leaves out {generator}"),
            "{dropped}"
        );
    }

    /// The site's `i18n/` followed links out of the site (the seventh hunt): a strings
    /// file linked to a credentials file was quoted line by line in the diagnostics, and
    /// a folder link put an outside folder's strings on every page. Each is refused,
    /// naming the link and its target but not what is in it.
    #[cfg(unix)]
    #[test]
    fn links_in_the_sites_strings_folder_that_leave_it_are_refused() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        let creds = outside.path().join("git-credentials");
        std::fs::write(&creds, "https://用户:ghp_FAKETOKEN123@github.com\n").unwrap();
        std::fs::write(
            outside.path().join("zh-CN.toml"),
            "nav_home = \"外面的秘密\"\n",
        )
        .unwrap();
        let refused = |root: &std::path::Path, what: &str| {
            let theme = Theme::resolve(root, "default").unwrap();
            let error = I18n::load(&theme, root, "zh-CN")
                .err()
                .unwrap_or_else(|| panic!("{what}: accepted"));
            let told = format!("{error} {:?}", error.help.as_ref().map(|h| h.to_string()));
            assert!(!told.contains("FAKETOKEN"), "{what}: {told}");
            assert!(!told.contains("外面的秘密"), "{what}: {told}");
            told
        };

        // A file link to a file outside the site.
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("i18n")).unwrap();
        symlink(&creds, root.path().join("i18n/zh-CN.toml")).unwrap();
        let told = refused(root.path(), "file link outside");
        assert!(told.contains("i18n/zh-CN.toml"), "{told}");
        assert!(told.contains("git-credentials"), "{told}");

        // A file link into the site's hidden `.env`.
        std::fs::write(root.path().join(".env"), "API_TOKEN=\"s3cr3t\"\n").unwrap();
        std::fs::remove_file(root.path().join("i18n/zh-CN.toml")).unwrap();
        symlink("../.env", root.path().join("i18n/zh-CN.toml")).unwrap();
        let told = refused(root.path(), "file link to .env");
        assert!(told.contains(".env") && !told.contains("s3cr3t"), "{told}");

        // A file link to a page of the site, restricted or not: no strings file.
        std::fs::create_dir_all(root.path().join("content/lessons")).unwrap();
        std::fs::write(
            root.path().join("content/lessons/secret.md"),
            "---\ntitle: 机密\naudience: pmo\n---\n\n外面的秘密\n",
        )
        .unwrap();
        std::fs::remove_file(root.path().join("i18n/zh-CN.toml")).unwrap();
        symlink(
            "../content/lessons/secret.md",
            root.path().join("i18n/zh-CN.toml"),
        )
        .unwrap();
        let told = refused(root.path(), "file link to a page");
        assert!(told.contains("content/lessons/secret.md"), "{told}");
        assert!(!told.contains("机密"), "{told}");

        // The folder itself a link to a folder outside.
        std::fs::remove_dir_all(root.path().join("i18n")).unwrap();
        symlink(outside.path(), root.path().join("i18n")).unwrap();
        let told = refused(root.path(), "folder link outside");
        assert!(told.contains("`i18n`"), "{told}");

        // A link inside the site is still followed.
        std::fs::remove_file(root.path().join("i18n")).unwrap();
        std::fs::create_dir_all(root.path().join("shared")).unwrap();
        std::fs::write(
            root.path().join("shared/zh-CN.toml"),
            "nav_home = \"门户首页\"\n",
        )
        .unwrap();
        symlink("shared", root.path().join("i18n")).unwrap();
        let theme = Theme::resolve(root.path(), "default").unwrap();
        let (i18n, _) = I18n::load(&theme, root.path(), "zh-CN").unwrap();
        assert_eq!(i18n.get("nav_home"), "门户首页");
    }
}
