//! Whether a page's old addresses (`aliases:`) are free: an alias's redirect must not
//! take the place of a page, a list, a file or a folder of the portal's own, nor of
//! another alias. Told at the alias, naming what holds the address; compared without
//! case, as a Windows share, IIS or a Mac compare them.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::content::aliases::Alias;
use crate::content::page::Page;
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::ids::IdVec;
use crate::messages::Text;
use crate::site::{Pages, Section, SectionId};
use crate::t;

/// The top folders of the built site the portal fills itself, beside
/// [`crate::layout::GENERATED_FOLDERS`]: the theme's styles and scripts, and `serve`'s
/// own addresses.
const PORTAL_FOLDERS: &[&str] = &["css", "js", "__pmo"];

/// The files at the top of the built site the portal writes itself.
const PORTAL_FILES: &[&str] = &[
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "favicon.svg",
];

/// What holds an address an alias wants.
#[derive(Clone)]
enum Holder<'a> {
    Page(&'a Path),
    List(&'a str),
    File(PathBuf),
    Portal(String),
    Alias(&'a Page, &'a Alias),
}

impl Holder<'_> {
    fn told(&self) -> Text {
        match self {
            Holder::Page(path) => t!("the page {path}", path = *path),
            Holder::List(url) => t!("the list at /{url}", url = *url),
            Holder::File(path) => t!("the file {path}", path = path),
            Holder::Portal(what) => t!("the portal's own /{what}", what = what.as_str()),
            Holder::Alias(page, alias) => t!(
                "the alias `{alias}` of {path}",
                alias = alias.written.as_str(),
                path = &page.path
            ),
        }
    }
}

/// Warnings for aliases written with the site's base path (`/pmo/lessons/old/` on a site
/// published at `/pmo/`): aliases are written from the site's root, so the redirect
/// would stand at `/pmo/pmo/lessons/old/`, where no old link points.
pub fn with_base_path(pages: &Pages, base_path: &str) -> Vec<Diagnostic> {
    let base = base_path.trim_matches('/');
    if base.is_empty() {
        return Vec::new();
    }
    let prefix = format!("{base}/");
    let mut out = Vec::new();
    for page in pages {
        for alias in &page.aliases {
            let Some(rest) = alias.url.strip_prefix(&prefix) else {
                continue;
            };
            out.push(
                Diagnostic::warning(Problem::Content(t!(
                    "the alias `{alias}` starts with the site's base path /{base}/: aliases are written from the site's root, so its redirect is at /{base}/{url}",
                    alias = alias.written.as_str(),
                    base = base,
                    url = alias.url.as_str()
                )))
                .at(Location::new(
                    &page.path,
                    &page.source.text(&page.path),
                    alias.at,
                    alias.written.len(),
                ))
                .with_help(t!("write it without the base path: `/{rest}`", rest = rest)),
            );
        }
    }
    out
}

/// Every alias of `pages` that takes another's address. `statics` and `assets` are the
/// files the build copies (site and theme, and those beside the pages).
pub fn clashes(
    pages: &Pages,
    sections: &IdVec<SectionId, Section>,
    statics: &BTreeMap<String, crate::theme::Source>,
    assets: &[String],
) -> Vec<Diagnostic> {
    if pages.iter().all(|p| p.aliases.is_empty()) {
        return Vec::new();
    }
    // Each file the build writes or copies, by its path in lower case.
    let mut files: HashMap<String, Holder> = HashMap::new();
    for page in pages {
        files.insert(
            format!("{}index.html", page.url.to_lowercase()),
            Holder::Page(&page.path),
        );
    }
    for section in sections {
        files
            .entry(format!("{}index.html", section.url.to_lowercase()))
            .or_insert(Holder::List(&section.url));
    }
    for (rel, source) in statics {
        let shown = match source {
            crate::theme::Source::Disk(path)
                if !path.components().any(|c| c.as_os_str() == "themes") =>
            {
                Path::new("static").join(rel)
            }
            _ => PathBuf::from(format!("<theme>/static/{rel}")),
        };
        files.insert(rel.to_lowercase(), Holder::File(shown));
    }
    for rel in assets {
        files.insert(
            rel.to_lowercase(),
            Holder::File(Path::new("content").join(rel)),
        );
    }
    for name in PORTAL_FILES {
        files
            .entry((*name).to_string())
            .or_insert(Holder::Portal((*name).to_string()));
    }
    let register = sections
        .iter()
        .find(|s| Some(s.dir.as_str()) == crate::kinds::Kind::Lesson.folder())
        .map(|s| s.url.to_lowercase());
    // The folders those files are in: an alias's own file may not stand where one is.
    let folders: HashMap<String, &Holder> = files
        .iter()
        .flat_map(|(path, holder)| {
            path.match_indices('/')
                .map(move |(i, _)| (path[..i].to_string(), holder))
        })
        .collect();
    let mut out = Vec::new();
    let mut taken: HashMap<String, (&Page, &Alias)> = HashMap::new();
    for page in pages {
        for alias in &page.aliases {
            let at = || {
                Location::new(
                    &page.path,
                    &page.source.text(&page.path),
                    alias.at,
                    alias.written.len(),
                )
            };
            let file = alias.output_path().to_lowercase();
            let top = file.split('/').next().unwrap_or("");
            let portal = (crate::layout::GENERATED_FOLDERS.contains(&top)
                || PORTAL_FOLDERS.contains(&top))
                && file.contains('/');
            let own = page.url.to_lowercase();
            // `register/Default.htm` of the page at `register/` is its own address too.
            let default_document = alias.default_document();
            let holder = if alias.url.to_lowercase() == own
                || default_document.is_some_and(|(folder, _)| folder.to_lowercase() == own)
            {
                out.push(
                    Diagnostic::error(Problem::Content(t!(
                        "the alias `{alias}` is this page's own address",
                        alias = alias.written.as_str()
                    )))
                    .at(at())
                    .with_help(t!("remove it: a page is always found at its own address")),
                );
                continue;
            } else if let Some((folder, name)) =
                default_document.filter(|(_, name)| *name != "index.html")
            {
                // The file a server looks for first at the folder's own address: on IIS,
                // `Default.htm` and `index.htm` come before pmo's `index.html`.
                out.push(
                    Diagnostic::error(Problem::Content(t!(
                        "the alias `{alias}` ends in `{name}`, a name web servers serve as a folder's own page: on IIS, /{folder} would show this redirect in place of the page or list at that address",
                        alias = alias.written.as_str(),
                        name = name,
                        folder = folder
                    )))
                    .at(at())
                    .with_help(t!(
                        "write the old address as its folder, `/{folder}`, if no page has it: a folder's alias is written as its index.html, which every web server serves",
                        folder = folder
                    )),
                );
                continue;
            } else if portal {
                Some(Holder::Portal(format!("{top}/")))
            } else if let Some(holder) = files.get(&file) {
                Some(holder.clone())
            } else if let Some(&(other, theirs)) = taken.get(&file) {
                Some(Holder::Alias(other, theirs))
            } else {
                // A folder of the alias that is a file of the site, or the alias's file
                // where the site has a folder.
                let mut parents = file.match_indices('/').map(|(i, _)| &file[..i]);
                let blocked = parents.find_map(|folder| {
                    files
                        .get(folder)
                        .filter(|h| matches!(h, Holder::File(_) | Holder::Portal(_)))
                        .cloned()
                        .or_else(|| {
                            written_beside(folder, register.as_deref())
                                .then(|| Holder::Portal(folder.to_string()))
                        })
                });
                blocked.or_else(|| folders.get(&file).map(|&holder| holder.clone()))
            };
            match holder {
                Some(holder) => out.push(
                    Diagnostic::error(Problem::Content(t!(
                        "the alias `{alias}` takes the address of {other}",
                        alias = alias.written.as_str(),
                        other = holder.told()
                    )))
                    .at(at())
                    .with_help(t!("remove the alias, or correct it to the page's old address: pages, lists, files and the portal's own folders (search/, css/, js/, tags/ …) keep theirs, and each old address sends to one page")),
                ),
                None => {
                    taken.insert(file, (page, alias));
                }
            }
        }
    }
    out
}

/// Whether the build writes a file at `path` (in lower case) beside the pages whatever
/// the site holds: the lessons register's data in its folder `register`, the parts of a
/// large sitemap, the output folder's marker. These were left to the build to find,
/// which failed writing one ("Is a directory") after `pmo check` had passed.
fn written_beside(path: &str, register: Option<&str>) -> bool {
    use crate::layout::{REGISTER_CHUNK, REGISTER_FACETS, SITEMAP_PART};
    path == crate::output::MARKER
        || SITEMAP_PART.holds(path)
        || register
            .and_then(|folder| path.strip_prefix(folder))
            .is_some_and(|name| name == REGISTER_FACETS || REGISTER_CHUNK.holds(name))
}
