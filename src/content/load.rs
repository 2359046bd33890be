//! The load stage: walk `content/`, read and parse every file in parallel.
//!
//! Each file is read once and parsed once; its Markdown is rendered here too, while the
//! text is hot, leaving only link placeholders for later stages.

use crate::t;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::page::Page;
use crate::content::page_file::load_page;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Problem};
use crate::kinds::PROJECTS;
use crate::source::Source;

/// Everything found under `content/`.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    pub pages: Vec<Page>,
    /// Files under `content/` that are neither Markdown nor project tables: copied as they
    /// are (images beside a page, attachments). Paths relative to `content/`.
    pub assets: Vec<String>,
    /// Project data tables, relative to `content/` (e.g. `projects/erp/budget.csv`).
    pub tables: Vec<String>,
    /// Drafts left out of the build (without `--drafts`).
    pub drafts_skipped: usize,
    /// Those of them that parsed: listed by the hygiene checks when they grow old.
    pub drafts: Vec<Draft>,
    /// Pages that failed to load (their errors already reported), relative to
    /// `content/`: what points at them is not reported again.
    pub failed: Vec<String>,
    /// Folders named like a page (`lesson.md/`), relative to `content/`: a link to one is
    /// told that it is a folder, not sent looking for a similar name.
    pub folders: Vec<String>,
    /// Files that are symbolic links (followed), relative to `content/`: in a site with
    /// audiences they are refused (see `symlinks::link_in_audience_site`).
    pub links: Vec<String>,
    /// Projects (folder names) with a closure review this audience may not see: it
    /// exists, so neither the build's warning nor the hygiene page tells the project as
    /// having none, and the review stays unnamed and unlinked.
    pub reviewed_out_of_sight: Vec<String>,
    /// The addresses and source paths of the pages, and the paths of the files, this
    /// audience may not see: a menu link of site.toml to one is left out of its menu,
    /// not warned about.
    pub out_of_sight: Vec<String>,
}

impl Loaded {
    /// The paths under `content/` of what the build publishes: its pages, attachments
    /// and tables (after an audience's filter, what that audience sees).
    pub fn published(&self) -> std::collections::HashSet<&str> {
        self.pages
            .iter()
            .map(|p| p.rel_path.as_str())
            .chain(self.assets.iter().chain(&self.tables).map(String::as_str))
            .collect()
    }
}

/// A draft left out of the build: enough to say whose it is and how old.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub path: String,
    pub title: String,
    pub date: Option<Date>,
    pub owner: Option<String>,
    /// Whether the build's hygiene report may list it: drafts have no audience yet, so
    /// only the audience that sees everything hears of them. Every build still knows
    /// them, so that a page naming a draft project is told it is a draft.
    pub listed: bool,
}

impl Draft {
    pub fn of(page: &Page) -> Draft {
        Draft {
            path: page.path.to_string_lossy().replace('\\', "/"),
            title: page.title.clone(),
            date: page.date,
            owner: page.owner.clone(),
            listed: true,
        }
    }
}

/// Walks `content_dir` and loads every page. Problems go to `diagnostics`; a page with an
/// error is left out so later stages only see well-formed pages.
/// Loads every page and lists the other files. Unless `keep_sources` (see
/// [`Source`]), each page's text goes as soon as the page is parsed.
pub fn load(
    content_dir: &Path,
    root: &Path,
    include_drafts: bool,
    keep_sources: bool,
    sanitized: bool,
    diagnostics: &Diagnostics,
) -> Loaded {
    let mut markdown_files = Vec::new();
    let mut loaded = Loaded::default();
    // Every file's path, for names told apart by their Unicode form alone.
    let mut every = Vec::new();
    // content/ first, then each folder a link inside it leads to (see
    // `symlinks::folder_to_walk`), its files read as if they stood at the link.
    let mut starts = std::collections::VecDeque::from([content_dir.to_path_buf()]);
    let mut walked: Vec<std::path::PathBuf> = Vec::new();
    while let Some(start) = starts.pop_front() {
        let walker = walkdir::WalkDir::new(&start)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| kept(root, e, diagnostics));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().map(Path::to_path_buf).unwrap_or_default();
                    diagnostics.push(
                        Diagnostic::error(Problem::Io(crate::messages::reason(&e)))
                            .in_file(&display_path(root, &path)),
                    );
                    continue;
                }
            };
            let Ok(rel) = entry.path().strip_prefix(content_dir) else {
                continue;
            };
            if entry.file_type().is_dir()
                && (rel.extension().is_some_and(|e| e == "md")
                    || is_project_table(&rel.to_string_lossy()))
            {
                diagnostics.push(crate::symlinks::page_or_table_folder(&display_path(
                    root,
                    entry.path(),
                )));
                if rel.extension().is_some_and(|e| e == "md") {
                    loaded.folders.extend(rel_string(rel));
                }
                continue;
            }
            if crate::symlinks::is_special(entry.file_type()) {
                diagnostics.push(crate::symlinks::not_a_file(&display_path(
                    root,
                    entry.path(),
                )));
                continue;
            }
            // The link a folder walk starts at was judged where the walk met it.
            if entry.depth() == 0 && start != content_dir {
                continue;
            }
            let linked = !entry.file_type().is_file();
            if linked && entry.path().is_symlink() && entry.path().is_dir() {
                let shown = display_path(root, entry.path());
                match crate::symlinks::folder_to_walk(
                    root,
                    content_dir,
                    entry.path(),
                    &shown,
                    &walked,
                ) {
                    Ok(target) => {
                        walked.push(target);
                        starts.push_back(entry.path().to_path_buf());
                        // In a site with audiences it is refused, as a linked file is.
                        loaded.links.extend(rel_string(rel));
                    }
                    Err(left_out) => diagnostics.push(left_out),
                }
                continue;
            }
            if linked && !linked_file(root, entry.path(), diagnostics) {
                continue;
            }
            if linked {
                loaded.links.extend(rel_string(rel));
            }
            let Some(rel) = rel_string(rel) else {
                diagnostics.push(crate::encoding::name_not_utf8(
                    &display_path(root, entry.path()),
                    rel,
                ));
                continue;
            };
            every.push(rel.clone());
            if rel.ends_with(".md") {
                markdown_files.push(rel);
            } else if let Some(ext) = markdown_lookalike(&rel) {
                // Copied as an attachment, it would be published as raw text.
                diagnostics.push(
                Diagnostic::error(Problem::Content(t!("`.{ext}` is not read as a page: only files ending in `.md` are, so this one would be published as raw Markdown", ext = ext)))
                .at_file_start(&display_path(root, entry.path()))
                .with_help(t!("rename it to end in `.md` (lowercase)")),
            );
            } else {
                if let Some(d) = misnamed_project_table(&rel) {
                    diagnostics.push(d.at_file_start(&display_path(root, entry.path())));
                }
                if is_project_table(&rel) {
                    loaded.tables.push(rel);
                } else {
                    loaded.assets.push(rel);
                }
            }
        }
    }

    homeless_tables(&markdown_files, &loaded.tables, diagnostics);
    diagnostics.extend(buried_tables(&loaded.assets, &loaded.tables));
    diagnostics.extend(crate::output::normal_form_twins(
        "content",
        every.iter().map(String::as_str),
    ));
    let on_disk: Arc<Path> = Arc::from(root);
    // `serve` keeps every page's text at hand for its rebuilds; a one-shot build of a
    // large site sets it aside on disk until a stage reads it.
    let spill = match (!keep_sources)
        .then(|| crate::markdown::Spill::for_pages(markdown_files.len()))
        .flatten()
    {
        Some(Ok(spill)) => Some(Arc::new(spill)),
        Some(Err(e)) => {
            diagnostics.push(unspilled(markdown_files.len(), &e));
            None
        }
        None => None,
    };
    let results: Vec<crate::content::page_file::Loaded> = markdown_files
        .par_iter()
        .map(|rel| {
            let mut page = load_page(content_dir, root, rel, sanitized);
            if let (Ok((page, _)), false) = (&mut page, keep_sources) {
                page.source = Source::OnDisk(Arc::clone(&on_disk));
                if let Some(spill) = &spill {
                    page.body.html.spill(spill);
                    page.body.text.spill(spill);
                }
            }
            page
        })
        .collect();
    if let Some((count, e)) = spill.as_deref().and_then(crate::markdown::Spill::refusals) {
        diagnostics.push(unspilled(count, e));
    }
    // Pages are large (most of a kilobyte before their text): no spare capacity.
    loaded.pages.reserve_exact(results.len());
    for (rel, result) in markdown_files.iter().zip(results) {
        match result {
            Ok((page, warnings)) if page.draft && !include_drafts => {
                loaded.drafts_skipped += 1;
                loaded.drafts.push(Draft::of(&page));
                diagnostics.extend(warnings);
            }
            Ok((page, warnings)) => {
                diagnostics.extend(warnings);
                loaded.pages.push(page);
            }
            // A draft being written may be incomplete; it must not block publishing the
            // rest of the portal, but its author hears what publishing it would meet.
            Err(problems) if !include_drafts && declares_draft(&content_dir.join(rel)) => {
                loaded.drafts_skipped += 1;
                diagnostics.extend(problems.into_iter().map(as_draft_warning));
            }
            Err(problems) => {
                loaded.failed.push(rel.clone());
                if problems.is_empty() {
                    // No page may leave the site unsaid, whatever failed to name itself.
                    diagnostics.push(
                        Diagnostic::error(Problem::Content(t!("this page could not be read, and is left out of the site")))
                            .at_file_start(&display_path(root, &content_dir.join(rel)))
                            .with_help(t!("check its front matter against a page of the same kind that builds (`pmo new` writes one)")),
                    );
                }
                diagnostics.extend(problems);
            }
        }
    }
    loaded
}

/// A draft's problem, told as a warning: it becomes an error once the draft is published.
pub fn as_draft_warning(mut d: Diagnostic) -> Diagnostic {
    if d.is_error() {
        d.severity = crate::diagnostics::Severity::Warning;
        let note = t!("this page is a draft, so it is left out and this is a warning; it becomes an error once `draft: true` is removed");
        d.help = Some(Box::new(match d.help.take() {
            Some(help) => t!("{help}\n{note}", help = *help, note = note),
            None => note,
        }));
    }
    d
}

/// The extension of a Markdown file that is not spelt `.md` (`.MD`, `.markdown` …).
fn markdown_lookalike(rel: &str) -> Option<&str> {
    let (_, ext) = rel.rsplit_once('.')?;
    let lower = ext.to_ascii_lowercase();
    matches!(lower.as_str(), "md" | "markdown" | "mdown" | "mkd" | "mkdn").then_some(ext)
}

/// Whether a file that failed to load says `draft: true` (or `draft = true`) in its front
/// matter. Read again only on this failure path, so good files are still read once. A
/// section's `_index.md` cannot be a draft (its folder's pages would lose their index),
/// so its problems are always errors.
pub fn declares_draft(path: &Path) -> bool {
    if path.file_name().is_some_and(|n| n == "_index.md") {
        return false;
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let fence = if text.starts_with("+++") {
        "+++"
    } else {
        "---"
    };
    text.lines()
        .skip(1)
        .take_while(|l| l.trim_end() != fence)
        .any(|l| {
            let l = l.trim();
            l.strip_prefix("draft")
                .map(|rest| rest.trim_start().trim_start_matches([':', '=']).trim())
                .is_some_and(|v| v == "true" || v.starts_with("true ") || v.starts_with("true#"))
        })
}

/// Whether the walk of `content/` takes the file or folder `entry`: not a hidden name
/// or an editor's file, without a word, nor a backup or conflicted copy, with a warning
/// (see [`crate::layout::Leftover`]).
fn kept(root: &Path, entry: &walkdir::DirEntry, diagnostics: &Diagnostics) -> bool {
    if entry.depth() == 0 {
        return true;
    }
    let Some(name) = entry.file_name().to_str() else {
        return true;
    };
    if crate::layout::is_ignored_name(name) {
        return false;
    }
    if let Some(warning) = crate::layout::leftover_warning(&display_path(root, entry.path())) {
        diagnostics.push(warning);
        return false;
    }
    // A second copy beside its original (`budget (1).csv`), of the same kind.
    let beside = crate::layout::original_of(name).filter(|original| {
        let original = entry.path().with_file_name(original);
        if entry.file_type().is_dir() {
            original.is_dir()
        } else {
            original.is_file()
        }
    });
    let Some(original) = beside else {
        return true;
    };
    diagnostics.push(
        Diagnostic::warning(Problem::Content(t!(
            "this looks like a second copy of `{original}` beside it, by its name (a download or a duplicate): it is left out of the site",
            original = original.as_str()
        )))
        .at_file_start(&display_path(root, entry.path()))
        .with_help(t!(
            "if it is the newer version, replace `{original}` with it; otherwise delete it",
            original = original.as_str()
        )),
    );
    false
}

fn rel_string(rel: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// Whether a link among the sources is a file to read. A link to a file inside the site
/// is followed (a page, an attachment or a table that is a link used to vanish without a
/// word); one that leaves the site is an error, and one to a folder is not followed, with
/// a warning, since its pages would be missing.
fn linked_file(root: &Path, path: &Path, diagnostics: &Diagnostics) -> bool {
    if !path.is_symlink() {
        return false;
    }
    let shown = display_path(root, path);
    match crate::symlinks::follow(root, path, &shown) {
        Ok(true) => true,
        Ok(false) => {
            diagnostics.push(crate::symlinks::folder_link_left_out(
                &shown,
                t!("move the folder under content/, or link its files one by one"),
            ));
            false
        }
        Err(d) => {
            diagnostics.push(d);
            false
        }
    }
}

/// A warning for each project folder that holds tables but no `index.md`: without it the
/// folder is no project, so its budget, milestones and risks show on no project page and
/// count in no portfolio figure, and nothing said so (an `index.md` misnamed
/// `Index.md` or `README.md`, or left out when the folder was copied). Its tables stay
/// readable by ```chart blocks, so this does not stop the build.
fn homeless_tables(markdown: &[String], tables: &[String], diagnostics: &Diagnostics) {
    let mut told: Vec<&str> = Vec::new();
    for rel in tables {
        let Some((folder, _)) = rel.rsplit_once('/') else {
            continue;
        };
        let index = format!("{folder}/index.md");
        if told.contains(&folder) || markdown.contains(&index) {
            continue;
        }
        told.push(folder);
        // A page in the folder under another name is the likeliest `index.md`.
        let named = markdown
            .iter()
            .find(|m| m.rsplit_once('/').is_some_and(|(f, _)| f == folder));
        let help = match named {
            Some(page) => t!(
                "rename `content/{page}` to `content/{index}`: a project's page is the folder's index.md",
                page = page.as_str(),
                index = index.as_str()
            ),
            None => t!(
                "add `content/{index}` with the project's front matter (`pmo new project` writes one), or move the tables under data/ if they belong to no project",
                index = index.as_str()
            ),
        };
        diagnostics.push(
            Diagnostic::warning(Problem::Content(t!(
                "`content/{folder}/` holds tables but no index.md: it is no project, so its budget, milestones and risks are shown on no project page and counted in no portfolio figure",
                folder = folder
            )))
            .in_file(Path::new("content").join(folder).as_path())
            .with_help(help),
        );
    }
}

/// A warning for each table named for one of a project's own (`budget.csv`) in a folder
/// below the project's (`projects/erp/data/budget.csv`) while the project has none
/// beside its `index.md`: it was published as an attachment, and the project showed no
/// figures without a word (the eleventh malformed hunt).
fn buried_tables(assets: &[String], tables: &[String]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rel in assets {
        let parts: Vec<&str> = rel.split('/').collect();
        let [PROJECTS, slug, .., file] = parts.as_slice() else {
            continue;
        };
        let Some((stem, _)) = file.rsplit_once('.') else {
            continue;
        };
        let stem = stem.to_lowercase();
        let Some(table) = crate::kinds::PROJECT_TABLES.iter().find(|t| **t == stem) else {
            continue;
        };
        let own = format!("{PROJECTS}/{slug}/{table}.");
        if parts.len() < 4
            || !crate::layout::is_table(file)
            || tables.iter().any(|t| t.starts_with(&own))
        {
            continue;
        }
        out.push(
            Diagnostic::warning(Problem::Content(t!(
                "`{file}` is in a folder below project `{project}`'s index.md, so it is not read as the project's {table} table: the project shows none",
                file = *file,
                project = *slug,
                table = *table
            )))
            .at_file_start(&Path::new("content").join(rel))
            .with_help(t!(
                "move it beside index.md, as `content/projects/{project}/{file}`",
                project = *slug,
                file = *file
            )),
        );
    }
    out
}

/// `projects/<slug>/<name>.<csv|xlsx|json|toml|yaml>`: the tables beside a project's `index.md`.
fn is_project_table(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    parts.len() == 3 && parts[0] == PROJECTS && crate::layout::is_table(parts[2])
}

/// A file of a project folder named for one of the project's tables but not read as it:
/// `Budget.csv`, `budget.tsv` or `budget.txt` (Excel's "Text (Tab delimited)") was left
/// as an attachment or another table, and the project showed no figures without a word
/// (the seventh malformed hunt). The wrong case or a format pmo does not read is an
/// error; a plural slip (`budgets.csv`, `risk.csv`) a warning, as it may be a table of
/// the author's own.
fn misnamed_project_table(rel: &str) -> Option<Diagnostic> {
    // The slip of each of `PROJECT_TABLES`' names.
    const SLIPS: [&str; 3] = ["budgets", "milestone", "risk"];
    let parts: Vec<&str> = rel.split('/').collect();
    let [PROJECTS, _, file] = parts.as_slice() else {
        return None;
    };
    let (stem, ext) = file.rsplit_once('.')?;
    let tables = crate::kinds::PROJECT_TABLES.iter().zip(SLIPS);
    let (meant, slip) = tables.into_iter().find_map(|(name, slip)| {
        if stem.eq_ignore_ascii_case(name) {
            Some((*name, false))
        } else {
            stem.eq_ignore_ascii_case(slip).then_some((*name, true))
        }
    })?;
    let readable = crate::layout::is_table(file);
    if !slip && stem == meant && readable {
        return None;
    }
    let right = if readable {
        format!("{meant}.{}", ext.to_ascii_lowercase())
    } else {
        format!("{meant}.csv")
    };
    let message = t!(
        "`{file}` is not read as the project's {table} table, which pmo reads only from `{table}.csv` (or .xlsx, .xls, .ods, .json, .toml, .yaml), named in lower case",
        file = *file,
        table = meant
    );
    let help = if readable {
        t!("rename it `{right}`", right = right.as_str())
    } else {
        t!("save it as CSV and name it `{right}`: a file separated by tabs or semicolons is read as CSV too", right = right.as_str())
    };
    let d = if slip {
        Diagnostic::warning(Problem::Content(message))
    } else {
        Diagnostic::error(Problem::Content(message))
    };
    Some(d.with_help(help))
}

pub use crate::layout::display_path;

/// The warning that `count` pages' text stayed in memory, as the temporary folder could
/// not take it: the build still succeeds, but a large one may then run out of memory,
/// and the author can only act on the cause if told it.
fn unspilled(count: usize, e: &std::io::Error) -> Diagnostic {
    Diagnostic::warning(Problem::Content(t!(
        "the text of {count} pages could not be set aside in the temporary folder ({reason}), so it was held in memory",
        count = count,
        reason = crate::messages::reason(e)
    )))
    .in_file(&std::env::temp_dir())
    .with_help(t!("make sure that folder exists and has room, or set TMPDIR to a folder on a disk that has (a large site needs about 3 KB a page): the build's memory then stays lower"))
}
