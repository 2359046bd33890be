//! `pmo import html EXPORT_DIR`: a Confluence space exported as HTML (Space tools →
//! Export → HTML) becomes Markdown pages of the site, one a page, in one folder
//! (`content/<space>/`, or `--into`), with their attachments beside them, links
//! between them rewritten, and the old file names kept as `aliases:` so that an old
//! address answers where the portal is served in the export's place.
//!
//! What cannot be carried over (unknown macros, embeds, links to pages not exported,
//! merged table cells kept as HTML) is told per page at its line. Nothing is written
//! when a file it would write is there already, unless `--force`.

mod convert;
mod dom;
mod inline;
mod links;
mod page;
mod table;
mod tree;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Imported, Planned, Report};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::t;
use links::Pages;
use page::ExportPage;

/// The kind the imported pages become.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PageKind {
    /// Plain pages in a folder of their own (the default: a space holds minutes,
    /// templates and notes as much as methods).
    #[default]
    Page,
    /// Practices, under `content/practices/`: listed with the PMO's methods, each
    /// with its owner and review.
    Practice,
}

/// What to import, and how.
#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    /// The export's folder, holding `index.html` and the pages.
    pub dir: PathBuf,
    /// The folder under `content/` (or `content/practices/`) to write into; the
    /// space's name by default.
    pub into: Option<String>,
    pub kind: PageKind,
    /// Overwrite files that are there already.
    pub force: bool,
    pub dry_run: bool,
}

/// One page planned: where it came from and where it goes.
struct Plan {
    file: String,
    source: Arc<str>,
    page: ExportPage,
    slug: String,
    bundle: bool,
}

/// Imports the export at `options.dir` into the site at `root`.
pub fn html(root: &Path, options: &HtmlOptions) -> Result<Report, Diagnostic> {
    let export = &options.dir;
    let mut names: Vec<String> = std::fs::read_dir(export)
        .map_err(|e| {
            Diagnostic::error(Problem::Io(crate::messages::io_reason(&e)))
                .in_file(export)
                .with_help(t!("give the folder Confluence's HTML export was unzipped into, the one holding index.html"))
        })?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.to_ascii_lowercase().ends_with(".html"))
        .collect();
    names.sort();
    let mut report = Report::new(Imported::Pages, options.dry_run);
    let mut plans = Vec::new();
    let mut space = None;
    let mut slugs = crate::slugs::Unique::default();
    for file in names.iter().filter(|n| n.as_str() != "index.html") {
        let path = export.join(file);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                report.failed += 1;
                report.diagnostics.push(
                    Diagnostic::error(Problem::Io(crate::messages::io_reason(&e))).in_file(&path),
                );
                continue;
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            report.failed += 1;
            report.diagnostics.push(
                Diagnostic::error(Problem::Content(t!("the page is not UTF-8 text, as Confluence writes its exports")))
                    .in_file(&path)
                    .with_help(t!("export the space again, or save the file as UTF-8; the other pages are imported")),
            );
            continue;
        };
        let page = ExportPage::read(&text);
        space = space.or_else(|| page.space.clone());
        let stem = file.trim_end_matches(".html");
        let title = page.title.clone().unwrap_or_else(|| stem.to_string());
        let mut slug = crate::slugs::off_device(crate::slugs::slugify(&title, "page"), "page");
        if slug == "index" || slug.starts_with('_') {
            slug = format!("{slug}-page");
        }
        let slug = slugs.claim(slug);
        let own = export
            .join("attachments")
            .join(links::id_of_file(file).unwrap_or("-"));
        let bundle = own.is_dir()
            || page.dom.descendants(page.body).iter().any(|&n| {
                ["src", "href", "data-image-src"]
                    .iter()
                    .filter_map(|k| page.dom.attr(n, k))
                    .any(|v| v.trim_start().starts_with("attachments/"))
            });
        plans.push(Plan {
            file: file.clone(),
            source: Arc::from(text),
            page,
            slug,
            bundle,
        });
    }
    let folder = options
        .into
        .clone()
        .map(|i| i.trim_matches('/').to_string())
        .filter(|i| !i.is_empty())
        .unwrap_or_else(|| {
            let space = crate::slugs::slugify(space.as_deref().unwrap_or(""), "confluence");
            crate::slugs::off_device(space, "confluence")
        });
    let leaves = Path::new(&folder)
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)))
        || folder.contains('\\');
    if leaves {
        return Err(Diagnostic::error(Problem::Content(t!(
            "`--into {folder}` is not a folder inside content/",
            folder = folder.as_str()
        )))
        .with_help(t!("name a folder under content/ with `/` between its parts and no `..`, e.g. --into kb/procurement")));
    }
    let section = match options.kind {
        PageKind::Page => PathBuf::from("content").join(&folder),
        PageKind::Practice => PathBuf::from("content").join("practices").join(&folder),
    };
    let read: Vec<(&str, &str, Option<&str>)> = plans
        .iter()
        .map(|p| {
            let title = p.page.title.as_deref().unwrap_or(p.file.as_str());
            (p.file.as_str(), title, p.page.parent.as_deref())
        })
        .collect();
    report
        .diagnostics
        .extend(tree::flattened(export, &read, &section));
    let mut by_name = HashMap::new();
    for plan in &plans {
        let target = if plan.bundle {
            format!("{}/index.md", plan.slug)
        } else {
            format!("{}.md", plan.slug)
        };
        by_name.insert(plan.file.clone(), target.clone());
        if let Some(id) = links::id_of_file(&plan.file) {
            by_name.insert(id.to_string(), target);
        }
    }
    let pages = Pages { by_name };
    let url_folder = section
        .strip_prefix("content")
        .unwrap_or(&section)
        .to_string_lossy()
        .replace('\\', "/");
    let mut writes: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut copies: Vec<(PathBuf, PathBuf)> = Vec::new();
    for plan in &plans {
        let path = export.join(&plan.file);
        let (text, notes, files) = converted(plan, &pages, export, &url_folder);
        for note in notes {
            let place = Location::at_line_col(
                &path,
                &plan.source,
                usize::try_from(note.line).unwrap_or(1),
                1,
                0,
            );
            report.diagnostics.push(
                Diagnostic::warning(Problem::Content(note.problem))
                    .at(place)
                    .with_help(note.help),
            );
        }
        let rel = if plan.bundle {
            section.join(&plan.slug).join("index.md")
        } else {
            section.join(format!("{}.md", plan.slug))
        };
        for (from, name) in files {
            let to = rel.with_file_name(&name);
            copies.push((export.join(from), to));
        }
        if let Err(d) = check(&rel, &text, options.kind) {
            report.failed += 1;
            report.diagnostics.push(d);
            continue;
        }
        let front_end = text.find("\n---\n").map_or(0, |i| i + 4);
        report.planned.push(Planned {
            path: rel.clone(),
            front_matter: text[..front_end].to_string(),
            place: t!("{file}", file = plan.file.as_str()),
        });
        writes.push((rel, text.into_bytes()));
    }
    // Every file the import would write, checked before any is: an import half done
    // would leave links between its pages broken.
    let taken: Vec<&PathBuf> = writes
        .iter()
        .map(|(p, _)| p)
        .chain(copies.iter().map(|(_, to)| to))
        // A link at the place (even one to nothing) counts as there: writing would
        // follow it, and is refused whatever `--force` says.
        .filter(|p| std::fs::symlink_metadata(root.join(p)).is_ok())
        .collect();
    // A page written as `a/index.md` beside an author's `a.md` (or the other way round)
    // would share its address: `--force` overwrites a file, it cannot settle which of
    // two pages a reader gets, so that is refused either way.
    let twins: Vec<(&PathBuf, PathBuf)> = writes
        .iter()
        .flat_map(|(p, _)| twins(p).into_iter().map(move |t| (p, t)))
        .filter(|(_, t)| root.join(t).is_file())
        .collect();
    // A symbolic link on the way to a file is refused before anything is written, even
    // with `--force`: a page written and its attachment then refused was half an import.
    let linked: Vec<Diagnostic> = writes
        .iter()
        .map(|(p, _)| p)
        .chain(copies.iter().map(|(_, to)| to))
        .filter_map(|p| {
            let link = crate::symlinks::link_along(root, p)?;
            let refused = std::io::Error::other(crate::safe_write::Refused::ThroughLink(link));
            crate::safe_write::refused_at(&refused, p)
        })
        .collect();
    if !linked.is_empty() || !twins.is_empty() || (!taken.is_empty() && !options.force) {
        report.diagnostics.extend(linked);
        for (p, twin) in twins {
            report.diagnostics.push(
                Diagnostic::error(Problem::Content(t!(
                    "{file} would have the address of {twin}, which is there already",
                    file = p.as_path(),
                    twin = twin.as_path()
                )))
                .in_file(&twin)
                .with_help(t!(
                    "import into another folder with --into, or rename or remove {twin}",
                    twin = twin.as_path()
                )),
            );
        }
        for p in taken
            .into_iter()
            .filter(|p| !options.force && crate::symlinks::link_along(root, p).is_none())
        {
            report.diagnostics.push(
                Diagnostic::error(Problem::Content(t!("{file} is there already: the import never overwrites a file", file = p.as_path())))
                    .in_file(p)
                    .with_help(t!("import into another folder with --into, remove the file, or give --force to overwrite it")),
            );
        }
        // None of the pages is written: each is a page with errors.
        report.failed += report.planned.len();
        report.planned.clear();
        report.into = Some(section);
        return Ok(report);
    }
    if !options.dry_run {
        for (rel, bytes) in &writes {
            write(root, rel, bytes)?;
        }
        for (from, to) in &copies {
            let mut source = std::fs::File::open(from).map_err(|e| {
                Diagnostic::error(Problem::Io(crate::messages::io_reason(&e))).in_file(from)
            })?;
            crate::safe_write::copy(&mut source, root, to, crate::safe_write::Existing::Replace)
                .map_err(|e| unwritable(to, &e))?;
        }
    }
    report.into = Some(section);
    Ok(report)
}

/// The page's Markdown file, the notes made on the way, and the export's files it needs.
fn converted(
    plan: &Plan,
    pages: &Pages,
    export: &Path,
    url_folder: &str,
) -> (String, Vec<convert::Note>, Vec<(PathBuf, String)>) {
    let page = &plan.page;
    let mut conv = convert::Converter::new(&page.dom, pages, export, plan.bundle);
    let main = match page.main {
        Some(m) => m,
        None => {
            conv.note(
                page.body,
                t!("the page has no `main-content`, as Confluence's export pages have: its whole body is converted"),
                t!("check the page for menus or footers to delete"),
            );
            page.body
        }
    };
    let mut body = conv.body(main);
    if let Some(c) = page.comments {
        conv.note(
            c,
            t!("the page's comments are left out"),
            t!("copy what is still worth keeping into the page's text"),
        );
    }
    // Every file of the page's own attachments folder comes along; those the body does
    // not show are listed under it, so none is lost.
    let mut listed = Vec::new();
    if let Some(id) = links::id_of_file(&plan.file) {
        let own = Path::new("attachments").join(id);
        if let Ok(entries) = std::fs::read_dir(export.join(&own)) {
            let mut files: Vec<String> = entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect();
            files.sort();
            for f in files {
                let rel = own.join(&f);
                if !conv.named.contains_key(&rel) {
                    let name = conv.attached(&rel, page.body);
                    listed.push(format!("- [{}](<{}>)", conv.escaped(&f), name));
                }
            }
        }
    }
    if !listed.is_empty() {
        let heading = if page.title.as_deref().is_some_and(has_chinese) {
            "附件"
        } else {
            "Attachments"
        };
        body.push_str(&format!("\n\n## {heading}\n\n{}", listed.join("\n")));
    }
    let mut files = std::mem::take(&mut conv.files);
    // A file the portal would refuse to publish (a page, a script) stays behind, told.
    files.retain(|(from, name)| {
        let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        let refused = matches!(ext.as_str(), "html" | "htm" | "xhtml" | "js" | "mjs" | "php" | "asp" | "aspx" | "jsp");
        if refused {
            conv.note(
                page.body,
                t!("the attachment {file} is not copied: the portal does not publish pages or scripts as attachments", file = from.as_path()),
                t!("attach it zipped, or as a PDF"),
            );
        }
        !refused
    });
    let mut front = String::from("---\n");
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
    let title = page
        .title
        .clone()
        .unwrap_or_else(|| plan.file.trim_end_matches(".html").to_string());
    front.push_str(&format!("title: {}\n", quoted(&title)));
    if let Some(date) = page.date {
        front.push_str(&format!("date: {}\n", date.iso()));
    }
    if let Some(owner) = &page.owner {
        front.push_str(&format!("owner: {}\n", quoted(owner)));
    }
    let alias = format!("/{}/{}", url_folder.trim_matches('/'), plan.file);
    front.push_str(&format!("aliases: [{}]\n", quoted(&alias)));
    front.push_str("---\n\n");
    let text = format!("{front}{}\n", body.trim());
    (text, conv.notes, files)
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The page parsed back as the build reads it: what the import writes must build.
/// The files that would give the page at `rel` the same address: `a.md` for
/// `a/index.md`, and `a/index.md` or `a/_index.md` for `a.md`.
fn twins(rel: &Path) -> Vec<PathBuf> {
    if rel.file_name().is_some_and(|n| n == "index.md") {
        rel.parent()
            .and_then(|folder| {
                Some(folder.with_file_name(format!("{}.md", folder.file_name()?.to_str()?)))
            })
            .into_iter()
            .collect()
    } else {
        let folder = rel.with_extension("");
        vec![folder.join("index.md"), folder.join("_index.md")]
    }
}

fn check(rel: &Path, text: &str, kind: PageKind) -> Result<(), Diagnostic> {
    match kind {
        PageKind::Page => {
            super::sheet::check_written::<crate::content::schema::PageMeta>(rel, text, "page")
        }
        PageKind::Practice => super::sheet::check_written::<crate::content::schema::PracticeMeta>(
            rel, text, "practice",
        ),
    }
}

/// Writes `rel` under `root`, replacing a file there (the import was told `--force`
/// when there is one), never through a symbolic link.
fn write(root: &Path, rel: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    use crate::safe_write::Existing;
    crate::safe_write::write(root, rel, bytes, Existing::Replace).map_err(|e| unwritable(rel, &e))
}

fn unwritable(path: &Path, e: &std::io::Error) -> Diagnostic {
    let help = t!("check that the folder can be written to; pages written before it are kept");
    crate::safe_write::failed_at(e, path, Some(help))
}
