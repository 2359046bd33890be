//! The header's menu each page gets: the portal's own entries (`nav`: home, the
//! dashboard, the top-level sections, tags) and site.toml's `[[menu]]` links (`menu`),
//! each with its address from the page it is on.

use serde::Serialize;

use super::{context, Renderer, DASHBOARD_URL};
use crate::site::{Named, SectionId};

impl Renderer<'_> {
    pub(super) fn nav(&self, current_url: &str) -> Vec<NavItem> {
        let top = current_url.split('/').next().unwrap_or("");
        let mut items = vec![NavItem {
            key: "home".into(),
            title: self.i18n.get("nav_home").to_string(),
            url: String::new(),
            active: current_url.is_empty(),
        }];
        let home = &self.site.sections[SectionId::ROOT];
        for &child in &home.children {
            let section = self.site.section(child);
            let key = section.dir.clone();
            items.push(NavItem {
                title: context::section_title(self.site, child, self.i18n),
                url: section.url.clone(),
                active: !top.is_empty() && section.url.trim_end_matches('/') == top,
                key,
            });
        }
        if !self.site.projects.is_empty() {
            items.insert(
                1,
                NavItem {
                    key: "dashboard".into(),
                    title: self.i18n.get("nav_dashboard").to_string(),
                    url: DASHBOARD_URL.into(),
                    active: top == "dashboard",
                },
            );
        }
        if !self.site.taxonomy(Named::Tags).terms.is_empty() {
            items.push(NavItem {
                key: "tags".into(),
                title: self.i18n.get("nav_tags").to_string(),
                url: "tags/".into(),
                active: top == "tags",
            });
        }
        items
    }

    /// The menu links of site.toml as the page at `current_url` links them (`root`: the
    /// way from it to the site's root).
    pub(super) fn menu(&self, current_url: &str, root: &str) -> Vec<MenuItem> {
        self.site
            .menu
            .iter()
            .map(|link| match &link.target {
                crate::config::MenuTarget::Site(address) => MenuItem {
                    name: link.name.clone(),
                    href: format!("{root}{address}"),
                    active: address.split(['?', '#']).next() == Some(current_url),
                },
                crate::config::MenuTarget::Elsewhere(address) => MenuItem {
                    name: link.name.clone(),
                    href: address.clone(),
                    active: false,
                },
            })
            .collect()
    }
}

/// A link of site.toml's `[[menu]]`, with its address from the page it is on.
#[derive(Serialize)]
pub(super) struct MenuItem {
    name: String,
    href: String,
    /// The link names the page it is on.
    active: bool,
}

#[derive(Serialize)]
pub(super) struct NavItem {
    key: String,
    title: String,
    url: String,
    active: bool,
}
