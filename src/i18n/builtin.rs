//! The built-in theme's strings, taken for those a theme on disk lacks (one made for an
//! older pmo), with a warning naming them.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Problem};
use crate::t;

/// How many of the missing keys a warning names.
const KEYS_NAMED: usize = 5;

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
pub(super) fn fill_from_builtin(
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
pub(super) fn missing_warning(
    missing: &[String],
    own: &[String],
    shown: &Path,
    name: &str,
) -> Diagnostic {
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
    use crate::i18n::I18n;
    use crate::theme::Theme;

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
}
