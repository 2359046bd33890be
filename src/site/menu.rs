//! The header menu's links of site.toml (`[[menu]]`), resolved against the site: a link
//! to a page's `.md` file becomes the page's address, a link to nothing the build
//! writes is warned about at its line (as a link in a page is), and a link to what this
//! audience may not see is left out of its menu.

use crate::config::MenuTarget;
use crate::diagnostics::{Diagnostic, Diagnostics, Problem};
use crate::t;

use super::Site;

/// One link of the header's menu, in the order shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuLink {
    pub name: String,
    pub target: MenuTarget,
}

/// The menu of `site`, told of its links to nothing.
pub(super) fn resolve(site: &Site, diagnostics: &Diagnostics) -> Vec<MenuLink> {
    let config = &site.config;
    let mut links = Vec::new();
    for (n, entry) in config.menu_in_order() {
        // Checked when site.toml was read.
        let Ok(target) = crate::config::menu_target(&entry.url) else {
            continue;
        };
        let target = match target {
            MenuTarget::Site(address) => {
                let cut = address.find(['?', '#']).unwrap_or(address.len());
                let (path, rest) = address.split_at(cut);
                let path = crate::escape::percent_decode(path);
                if site.out_of_sight.contains(&path) {
                    continue;
                }
                // A page named by its file, as pages link pages.
                let path = match site.page_at(&path) {
                    Some(id) if path.ends_with(".md") => site.page(id).url.clone(),
                    _ => path,
                };
                if !names_something(site, &path) {
                    let with_slash = format!("{path}/");
                    let help = if !path.is_empty()
                        && !path.ends_with('/')
                        && names_something(site, &with_slash)
                    {
                        t!("write `/{fixed}`: pages are folders, and from a file share the address without its `/` finds nothing", fixed = with_slash)
                    } else {
                        t!("write a page's address as the browser shows it under the site (`/lessons/`), the path of a file in static/ (`/templates/risk.xlsx`), or the page's file (`/about.md`)")
                    };
                    diagnostics.push(
                        config
                            .at_menu(
                                Diagnostic::warning(Problem::Content(t!(
                                    "the menu link `{url}` names nothing the build writes",
                                    url = entry.url.trim()
                                ))),
                                n,
                                "url",
                            )
                            .with_help(help),
                    );
                }
                MenuTarget::Site(format!("{path}{rest}"))
            }
            elsewhere => elsewhere,
        };
        // An entry copied to make a new one and never changed: the header showed the
        // same link twice, under the same name or two.
        if let Some(first) = links.iter().find(|l: &&MenuLink| l.target == target) {
            diagnostics.push(
                config
                    .at_menu(
                        Diagnostic::warning(Problem::Content(t!(
                            "the menu links `{url}` twice: the header shows it as `{first}` and again as `{name}`",
                            url = entry.url.trim(),
                            first = &first.name,
                            name = entry.name.trim()
                        ))),
                        n,
                        "url",
                    )
                    .with_help(t!(
                        "delete one of the two `[[menu]]` entries, or point this one at the page it was copied for"
                    )),
            );
        }
        links.push(MenuLink {
            name: entry.name.trim().to_string(),
            target,
        });
    }
    links
}

/// Whether the build writes something at `path` (under the site's root).
fn names_something(site: &Site, path: &str) -> bool {
    let config = &site.config;
    path.is_empty()
        || site.link_index.names_address(path)
        || site.static_files.contains_key(path)
        || (config.search && path == "search/")
        || (config.hygiene.page && path == crate::layout::HYGIENE_URL)
        || ["atom.xml", "sitemap.xml", "robots.txt"].contains(&path)
}
