//! `related_lessons` of a lesson or project page: each shown lesson's summary and the
//! reasons it is shown, as keys and values the theme words in the site's language
//! (`related_why_<key>` in its i18n files).

use serde::Serialize;
use tera::Value;

use crate::related::Why;
use crate::render::Renderer;
use crate::site::PageId;

#[derive(Serialize)]
pub struct RelatedItem {
    /// The lesson's summary, as in every list.
    page: Value,
    why: Vec<Reason>,
}

#[derive(Serialize)]
struct Reason {
    /// `project`, `tags`, `category`, `phase`, `department` or `text`.
    key: &'static str,
    /// What it names (tags, a category …), as shown; empty for `text`.
    values: Vec<String>,
    /// The similar project's page, for `project`.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

pub fn items(r: &Renderer, id: PageId) -> Vec<RelatedItem> {
    r.related
        .of_page(id)
        .iter()
        .map(|m| RelatedItem {
            page: r.summaries[m.lesson].clone(),
            why: m.why.iter().map(|w| reason(r, w)).collect(),
        })
        .collect()
}

fn reason(r: &Renderer, why: &Why) -> Reason {
    let plain = |key, values| Reason {
        key,
        values,
        url: None,
    };
    match why {
        Why::Project(p) => {
            let page = r.site.page(*p);
            Reason {
                key: "project",
                values: vec![page.title.clone()],
                url: Some(page.url.clone()),
            }
        }
        Why::Tags(tags) => plain("tags", tags.clone()),
        Why::Category(c) => plain("category", vec![c.clone()]),
        Why::Phase(p) => plain("phase", vec![r.i18n.term(*p)]),
        Why::Department(d) => plain("department", vec![d.clone()]),
        Why::Text => plain("text", Vec::new()),
    }
}
