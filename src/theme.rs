//! Finding a theme's files: on disk under `themes/<name>/`, or the default theme built
//! into the binary, with the site's own `templates/` and `static/` layered on top.

use crate::t;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Problem};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));
}

/// The keys of the built-in theme's UI strings (in any language) whose text is `label`,
/// ignoring case: `执行` is `phase_execution`. An author who writes a value as the portal
/// shows it can then be told the word to write.
pub fn builtin_label_keys(label: &str) -> Vec<&'static str> {
    label_keys(label, |value, label| value.eq_ignore_ascii_case(label))
}

/// The keys of the built-in theme's labels that `shown` matches, by `matches(value, label)`.
fn label_keys(label: &str, matches: impl Fn(&str, &str) -> bool) -> Vec<&'static str> {
    let label = label.trim();
    if label.is_empty() {
        return Vec::new();
    }
    embedded::FILES
        .iter()
        .filter(|(rel, _)| rel.starts_with("i18n/") && rel.ends_with(".toml"))
        .filter_map(|(_, bytes)| std::str::from_utf8(bytes).ok())
        .flat_map(str::lines)
        .filter_map(|line| {
            let (key, value) = line.split_once('=')?;
            let value = value.trim().strip_prefix('"')?.strip_suffix('"')?;
            matches(value, label).then_some(key.trim())
        })
        .collect()
}

/// The words among `words` that `label` is the portal's text for (`执行` → `execution`,
/// `黄` → `amber`), each once: the word to write where a value was written as shown.
pub fn words_shown_as<'a>(label: &str, words: &[&'a str]) -> Vec<&'a str> {
    let named = |keys: Vec<&'static str>| -> Vec<&'a str> {
        let mut named: Vec<&'a str> = keys
            .into_iter()
            .filter_map(|key| {
                words
                    .iter()
                    .copied()
                    .find(|w| key.ends_with(&format!("_{}", w.replace('-', "_"))))
            })
            .collect();
        named.dedup();
        named
    };
    let exact = named(builtin_label_keys(label));
    if !exact.is_empty() || label.trim().chars().count() < 2 {
        return exact;
    }
    // The label shortened (`收尾` for 收尾评审, a review's `closure`).
    named(label_keys(label, |value, label| {
        value.starts_with(label) && value != label
    }))
}

/// The built-in theme's file at `rel` (`i18n/en.toml`), whatever theme the site uses.
pub fn builtin_file(rel: &str) -> Option<&'static [u8]> {
    embedded::FILES
        .iter()
        .find(|(name, _)| *name == rel)
        .map(|(_, bytes)| *bytes)
}

/// Where a file's bytes come from.
#[derive(Debug, Clone)]
pub enum Source {
    Disk(PathBuf),
    Embedded(&'static [u8]),
}

impl Source {
    pub fn read(&self) -> std::io::Result<Cow<'static, [u8]>> {
        match self {
            Source::Disk(path) => std::fs::read(path).map(Cow::Owned),
            Source::Embedded(bytes) => Ok(Cow::Borrowed(bytes)),
        }
    }

    /// The file's path when it is read from disk.
    pub fn on_disk(&self) -> Option<&Path> {
        match self {
            Source::Disk(path) => Some(path),
            Source::Embedded(_) => None,
        }
    }

    /// The path to show in messages, relative to the site root when it is inside it.
    pub fn display(&self, root: &Path, name: &str) -> PathBuf {
        match self {
            Source::Disk(path) => path.strip_prefix(root).unwrap_or(path).to_path_buf(),
            Source::Embedded(_) => PathBuf::from(format!("<built-in theme>/{name}")),
        }
    }
}

/// All files of the resolved theme, by path inside the theme (`templates/base.html`).
#[derive(Debug, Clone)]
pub struct Theme {
    files: BTreeMap<String, Source>,
    /// What was found and left out while reading it: links to folders.
    warnings: Vec<Diagnostic>,
}

impl Theme {
    /// Loads `themes/<name>` under `root`, falling back to the built-in default theme.
    /// Then the site's `templates/` and `static/` override files of the same name.
    pub fn resolve(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let dir = root.join("themes").join(name);
        let mut files = BTreeMap::new();
        let mut warnings = Vec::new();
        if dir.is_dir() {
            walk_into(&dir, "", root, &mut files, &mut warnings)?;
        } else if name == "default" {
            for (rel, bytes) in embedded::FILES {
                files.insert((*rel).to_string(), Source::Embedded(bytes));
            }
        } else {
            return Err(Diagnostic::error(Problem::Config(t!(
                "theme `{name}` not found: there is no folder themes/{name}/",
                name = name
            )))
            .in_file(&root.join("site.toml"))
            .with_help(t!(
                "set `theme = \"default\"` or add the theme's folder under themes/"
            )));
        }
        walk_into(
            &root.join("templates"),
            "templates/",
            root,
            &mut files,
            &mut warnings,
        )?;
        walk_into(
            &root.join("static"),
            "static/",
            root,
            &mut files,
            &mut warnings,
        )?;
        Ok(Theme { files, warnings })
    }

    /// Links to folders among the theme's, `templates/` and `static/` files: not
    /// followed, as under content/, and said so rather than left out in silence; and
    /// the errors for links leaving the site, each file left out.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Template name (path under `templates/`) → source.
    pub fn templates(&self) -> impl Iterator<Item = (&str, &Source)> {
        self.under("templates/")
    }

    /// Output path → source, for everything copied verbatim into the site.
    /// The theme file read from `path` (e.g. `templates/base.html`), if it is one.
    pub fn name_of(&self, path: &Path) -> Option<&str> {
        self.files.iter().find_map(|(name, source)| match source {
            Source::Disk(p) if p == path => Some(name.as_str()),
            _ => None,
        })
    }

    /// Where the templates and UI strings read from disk are (the site's own and a
    /// theme folder's): what they hold is shown on pages.
    pub fn read_from_disk(&self) -> impl Iterator<Item = &Path> {
        self.files
            .iter()
            .filter(|(name, _)| name.starts_with("templates/") || name.starts_with("i18n/"))
            .filter_map(|(_, source)| source.on_disk())
    }

    pub fn static_files(&self) -> BTreeMap<String, Source> {
        self.under("static/")
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    pub fn i18n(&self, language: &str) -> Option<(&str, &Source)> {
        self.files
            .get_key_value(&format!("i18n/{language}.toml"))
            .map(|(k, v)| (k.as_str(), v))
    }

    /// The archetype for `kind` (`archetypes/lesson.md`), the site's own `archetypes/`
    /// winning over the theme's.
    pub fn archetype(&self, root: &Path, kind: &str) -> Option<Source> {
        let own = root.join("archetypes").join(format!("{kind}.md"));
        if own.is_file() {
            return Some(Source::Disk(own));
        }
        self.files.get(&format!("archetypes/{kind}.md")).cloned()
    }

    fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a Source)> {
        self.files
            .range(prefix.to_string()..)
            .take_while(move |(k, _)| k.starts_with(prefix))
            .map(move |(k, v)| (&k[prefix.len()..], v))
    }
}

/// The error for a theme folder holding no templates (an empty `themes/mine/`, a theme
/// unpacked one folder too deep, a copy of its `static/` alone): each of the eighteen
/// templates was told missing at a `templates/…` path of the site's, and without
/// `i18n/` the theme was told at `language` (the twenty-fifth malformed hunt). Told
/// once, at site.toml (where `theme` names it; the caller places it at the key).
pub fn without_templates(root: &Path, name: &str) -> Option<Diagnostic> {
    let dir = root.join("themes").join(name);
    let templates = dir.join("templates");
    let holds_any = std::fs::read_dir(&templates).is_ok_and(|mut entries| entries.next().is_some());
    if !dir.is_dir() || holds_any {
        return None;
    }
    let help = if name == "default" {
        t!("delete the folder themes/default/ to build with the theme built into pmo, or put a whole theme in it: templates/, static/ and i18n/, as in themes/default/ in pmo's own folder")
    } else {
        t!(
            "set `theme = \"default\"` (or delete the line) to build with the theme built into pmo, or put a whole theme in themes/{name}/: templates/, static/ and i18n/, as in themes/default/ in pmo's own folder",
            name = name
        )
    };
    // The built-in theme's name, unwritten in site.toml: the folder is what to mend.
    let told_in = if name == "default" {
        templates.strip_prefix(root).unwrap_or(&templates)
    } else {
        Path::new(crate::layout::CONFIG_FILE)
    };
    Some(
        Diagnostic::error(Problem::Template(t!(
            "theme `{name}` has no templates: themes/{name}/templates/ is missing or empty",
            name = name
        )))
        .in_file(told_in)
        .with_help(help),
    )
}

/// Whether the folder at `path`, found walking `dir` (the theme's root, or the site's
/// folder `prefix`: `templates/`, `static/`), is named as a template or a strings file
/// would be. Folders named like static files (`chart.js/`) are common in vendored
/// libraries, so static files are left alone.
fn names_a_theme_file(prefix: &str, path: &Path, dir: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(dir) else {
        return false;
    };
    let rel = format!("{prefix}{}", rel.to_string_lossy().replace('\\', "/"));
    (rel.starts_with("templates/") && rel.ends_with(".html"))
        || (rel.starts_with("i18n/") && rel.ends_with(".toml"))
}

fn walk_into(
    dir: &Path,
    prefix: &str,
    root: &Path,
    files: &mut BTreeMap<String, Source>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(), Diagnostic> {
    if !dir.is_dir() {
        return Ok(());
    }
    // Backups and conflicted copies are left out with a warning (a copy of a page
    // published as it was); hidden and editors' files are passed over below.
    let mut left_out = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let path = e.path();
            // A hidden folder (`static/.git/`, its config holding a token in a remote's
            // address) is none of the site's, but for `.well-known/`, whose files
            // (security.txt) a site publishes on purpose.
            let name = e.file_name().to_string_lossy();
            if e.depth() > 0 && e.file_type().is_dir() && name.starts_with('.') {
                return name == ".well-known";
            }
            let warning = (e.depth() > 0)
                .then(|| crate::layout::leftover_warning(path.strip_prefix(root).unwrap_or(path)))
                .flatten();
            let kept = warning.is_none();
            left_out.extend(warning);
            kept
        });
    for entry in walk {
        let entry = entry.map_err(|e| {
            Diagnostic::error(Problem::Io(crate::messages::reason(&e)))
                .in_file(e.path().unwrap_or(dir).strip_prefix(root).unwrap_or(dir))
        })?;
        if crate::symlinks::is_special(entry.file_type()) {
            let path = entry.path();
            return Err(crate::symlinks::not_a_file(
                path.strip_prefix(root).unwrap_or(path),
            ));
        }
        // A link is read like the file it points to inside the site, as a page's is;
        // one that leaves the site or points nowhere is an error, one to a folder is
        // not followed.
        let linked = entry.path_is_symlink() && {
            let path = entry.path();
            let shown = path.strip_prefix(root).unwrap_or(path);
            // Told with the build's other problems (a link out of the site under
            // content/ or data/ too) rather than alone, the file left out meanwhile.
            let file = match crate::symlinks::follow(root, path, shown) {
                Ok(file) => file,
                Err(error) => {
                    warnings.push(error);
                    continue;
                }
            };
            if !file {
                warnings.push(crate::symlinks::folder_link_left_out(
                    shown,
                    t!("copy the folder into the site, or link its files one by one"),
                ));
            }
            file
        };
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_dir() && names_a_theme_file(prefix, entry.path(), dir) {
            let path = entry.path();
            warnings.push(crate::symlinks::folder_named_like_a_file(
                path.strip_prefix(root).unwrap_or(path),
                t!("the template or UI strings it names"),
                t!("`.html` or `.toml`"),
            ));
            continue;
        }
        if !entry.file_type().is_file() && !linked {
            continue;
        }
        if crate::layout::is_ignored_name(&name) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        if rel.to_str().is_none() {
            // Published under its name with � for the bytes, where no link could reach it.
            let path = entry.path();
            return Err(crate::encoding::name_not_utf8(
                path.strip_prefix(root).unwrap_or(path),
                rel,
            ));
        }
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        files.insert(
            format!("{prefix}{}", rel.join("/")),
            Source::Disk(entry.path().to_path_buf()),
        );
    }
    warnings.append(&mut left_out);
    Ok(())
}
