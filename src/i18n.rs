//! UI strings of the site's language, from the theme's `i18n/<language>.toml`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;
use crate::theme::{Source, Theme};

mod checks;

/// A fixed vocabulary of the front matter (phase, status …): each value has a key used in
/// URLs and templates, e.g. `on-hold`, and an i18n key, e.g. `status_on_hold`. Defined
/// here rather than with the schemas, so that translating a value needs no later stage.
pub trait Vocabulary: Copy {
    fn key(self) -> &'static str;
    /// The i18n key prefix, e.g. `phase`.
    const GROUP: &'static str;
    fn i18n_key(self) -> String {
        format!("{}_{}", Self::GROUP, self.key().replace('-', "_"))
    }
}

#[derive(Debug, Clone)]
pub struct I18n {
    strings: BTreeMap<String, String>,
    date_format: String,
}

/// How many of the missing keys a warning names.
const KEYS_NAMED: usize = 5;

impl I18n {
    /// The theme's strings for `language`. A theme on disk made for an older pmo lacks
    /// the keys added since: those take the built-in theme's text, with a warning naming
    /// them, rather than failing every template that uses one.
    pub fn load(
        theme: &Theme,
        root: &Path,
        language: &str,
    ) -> Result<(I18n, Vec<Diagnostic>), Diagnostic> {
        let Some((name, source)) = theme.i18n(language) else {
            return Err(Diagnostic::error(Problem::Config(t!(
                "the theme has no UI strings for `{language}` (i18n/{language}.toml)",
                language = language
            )))
            .in_file(Path::new(crate::layout::CONFIG_FILE))
            .with_help(t!(
                "set `language` to zh-CN or en, or add the strings file to the theme"
            )));
        };
        let shown = source.display(root, name);
        let bytes = source.read().map_err(|e| {
            Diagnostic::error(Problem::Io(crate::messages::reason(&e))).in_file(&shown)
        })?;
        let text = crate::source::text_of(bytes.into_owned(), &shown)?;
        let mut strings = parse_strings(&text, &shown)?;
        let (missing, own) = match source {
            Source::Disk(_) => fill_from_builtin(&mut strings, name),
            Source::Embedded(_) => (Vec::new(), Vec::new()),
        };
        let mut warning: Vec<Diagnostic> = (!missing.is_empty())
            .then(|| missing_warning(&missing, &own, &shown, name))
            .into_iter()
            .collect();
        warning.extend(site_strings(root, name, &mut strings)?);
        let date_format = strings
            .get("date_format")
            .cloned()
            .unwrap_or_else(|| "%Y-%m-%d".to_string());
        Ok((
            I18n {
                strings,
                date_format,
            },
            warning,
        ))
    }

    /// The string for `key`, or the key itself so a missing string is visible, not fatal.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// A callout kind's own title (`tip` → 提示), for a callout the author gave none.
    /// A theme without the string shows the kind as written in the Markdown, capitalised.
    pub fn callout_title(&self, kind: &str) -> String {
        match self.strings.get(&format!("callout_{kind}")) {
            Some(title) => title.clone(),
            None => {
                let mut chars = kind.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        }
    }

    /// A risk's status in the site's language when it is one of the usual words (open,
    /// closed, mitigated …); as written otherwise, since registers have their own words.
    pub fn risk_status(&self, status: &str) -> String {
        let key = format!(
            "risk_state_{}",
            status.trim().to_ascii_lowercase().replace(['-', ' '], "_")
        );
        self.strings
            .get(&key)
            .cloned()
            .unwrap_or_else(|| status.to_string())
    }

    pub fn term<V: Vocabulary>(&self, value: V) -> String {
        self.get(&value.i18n_key()).to_string()
    }

    pub fn date(&self, date: &Date) -> String {
        let mut out = String::new();
        match jiff::fmt::strtime::format(self.date_format.as_bytes(), date.0) {
            Ok(s) => out.push_str(&s),
            Err(_) => out.push_str(&date.iso()),
        }
        out
    }

    pub fn strings(&self) -> &BTreeMap<String, String> {
        &self.strings
    }
}

/// A flat table of UI strings; a mistake is told as the UI strings of `shown`, not as
/// site.toml, in the TOML mistakes' words that site.toml's own errors use.
fn parse_strings(text: &str, shown: &Path) -> Result<BTreeMap<String, String>, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let (offset, len) = e.span().map_or((0, 0), |r| (r.start, r.len()));
        // A character that looks right and is not (a byte order mark, a no-break space, a
        // full-width `＝`) is told as site.toml tells it, before the grammar's words.
        let file = crate::diagnostics::shown(shown);
        let stray = crate::syntax::stray_character(text, offset, &file).map(|x| {
            let at = x.at.unwrap_or(offset);
            let len = text[at..].chars().next().map_or(1, char::len_utf8);
            (x, at, len)
        });
        let explained = stray.or_else(|| {
            crate::syntax::toml(e.message(), text, offset).map(|x| {
                let (offset, len) = x.at.map_or((offset, len), |at| (at, 1));
                (x, offset, len)
            })
        });
        let (detail, help, offset, len) = match explained {
            Some((x, offset, len)) => (x.problem, x.help, offset, len),
            None => (
                crate::messages::library(e.message()),
                t!("UI strings are a flat table of `key = \"text\"` lines"),
                offset,
                len,
            ),
        };
        let text: std::sync::Arc<str> = std::sync::Arc::from(text);
        Diagnostic::error(Problem::Content(t!(
            "invalid UI strings: {detail}",
            detail = detail
        )))
        .at(Location::new(shown, &text, offset, len))
        .with_help(help)
    })
}

/// The site's own `i18n/<language>.toml` (file `name` of the theme) laid over the theme's
/// strings, key by key, so changing one label needs no copy of the whole theme. A key
/// the theme has not, or a `{placeholder}` its text does not fill, is warned about at
/// its line: it would show as written (`截至 {periode}`).
fn site_strings(
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

/// The built-in theme's strings of file `name` (`i18n/en.toml`); none for another name.
fn builtin_strings(name: &str) -> BTreeMap<String, String> {
    crate::theme::builtin_file(name)
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .and_then(|text| toml::from_str(text).ok())
        .unwrap_or_default()
}

/// Adds the built-in theme's strings of file `name` (`i18n/en.toml`) that `strings`
/// lacks. Returns their keys, and the keys of `strings` the built-in theme does not
/// have (a theme's own, or a misspelt one), both sorted.
fn fill_from_builtin(
    strings: &mut BTreeMap<String, String>,
    name: &str,
) -> (Vec<String>, Vec<String>) {
    let builtin = builtin_strings(name);
    let own = strings
        .keys()
        .filter(|k| !builtin.contains_key(*k))
        .cloned()
        .collect();
    let mut missing = Vec::new();
    for (key, text) in builtin {
        if let std::collections::btree_map::Entry::Vacant(slot) = strings.entry(key) {
            missing.push(slot.key().clone());
            slot.insert(text);
        }
    }
    (missing, own)
}

/// The warning for the keys `missing` from the file `name`, shown as `shown`. A key of
/// the file's `own` (one the built-in theme lacks) that is a missing key misspelt
/// (`porject_overview`) is named as such.
fn missing_warning(missing: &[String], own: &[String], shown: &Path, name: &str) -> Diagnostic {
    let mut keys = missing
        .iter()
        .take(KEYS_NAMED)
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if missing.len() > KEYS_NAMED {
        keys.push_str(", …");
    }
    let own: Vec<&str> = own.iter().map(String::as_str).collect();
    let misspelt = missing.iter().find_map(|m| {
        crate::suggest::did_you_mean(m, &own).map(|typo| (typo.to_string(), m.clone()))
    });
    let warning = Diagnostic::warning(Problem::Content(t!(
        "{count} UI strings are missing ({keys}): the built-in theme's text is shown for them",
        count = missing.len(),
        keys = keys
    )))
    .at_file_start(shown);
    match misspelt {
        Some((typo, key)) => warning.with_help(t!(
            "`{typo}` in this file looks like `{key}` misspelt: correct it",
            typo = typo,
            key = key
        )),
        None => warning.with_help(t!(
            "copy those lines from the built-in theme's {name} (themes/default/{name} in pmo's sources) and translate them as you wish",
            name = name
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::I18n;
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

    /// A theme copied before pmo added strings keeps working: what its file lacks comes
    /// from the built-in theme, and the warning names the file and the keys.
    #[test]
    fn a_theme_lacking_strings_takes_the_builtin_ones_and_says_so() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("themes/old/i18n");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("en.toml"), "phase_planning = \"Plan\"\n").unwrap();
        let theme = Theme::resolve(root.path(), "old").unwrap();
        let (i18n, warning) = I18n::load(&theme, root.path(), "en").unwrap();
        assert_eq!(i18n.get("phase_planning"), "Plan");
        assert_eq!(i18n.get("phase_closing"), "Closing");
        let warning = warning.first().expect("the missing strings are told");
        assert_eq!(
            warning.path.as_deref(),
            Some(std::path::Path::new("themes/old/i18n/en.toml"))
        );
        let told = warning.problem.to_string();
        assert!(told.contains("`about_portal`"), "{told}");
        assert!(told.contains('…'), "{told}");

        // One key misspelt: the warning says which.
        let all = crate::theme::builtin_file("i18n/en.toml").unwrap();
        let typo = std::str::from_utf8(all)
            .unwrap()
            .replace("\nphase_closing =", "\nphase_clsoing =");
        std::fs::write(dir.join("en.toml"), typo).unwrap();
        let theme = Theme::resolve(root.path(), "old").unwrap();
        let (_, warning) = I18n::load(&theme, root.path(), "en").unwrap();
        let warning = warning.first().expect("the misspelt key is missing");
        assert!(warning.problem.to_string().contains("1 UI strings"));
        let help = warning
            .help
            .as_ref()
            .map(|h| h.to_string())
            .unwrap_or_default();
        assert!(
            help.contains("`phase_clsoing`") && help.contains("`phase_closing`"),
            "{help}"
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

    /// The kind registry names its UI strings (`kind_<key>`, `nav_<folder>`); the built-in
    /// theme must have each in every language, or a page shows the raw key.
    #[test]
    fn every_kind_is_named_in_every_language() {
        let root = std::env::temp_dir();
        let theme = Theme::resolve(&root, "default").unwrap();
        for language in ["zh-CN", "en"] {
            let (i18n, warning) = I18n::load(&theme, &root, language).unwrap();
            assert!(warning.is_empty(), "{language}: {warning:?}");
            for spec in crate::kinds::KINDS {
                let kind = format!("kind_{}", spec.key);
                assert!(i18n.strings().contains_key(&kind), "{language}: {kind}");
                if let Some(folder) = spec.folder {
                    let nav = format!("nav_{folder}");
                    assert!(i18n.strings().contains_key(&nav), "{language}: {nav}");
                }
            }
        }
    }
}
