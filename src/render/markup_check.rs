//! The rendered HTML of one page per template read for what a browser would not read as
//! written ([`super::markup`]): a template override with an unclosed `<div>`, a `<div>`
//! inside a `<p>`, a stray `</section>` or an id given twice breaks the layout of every
//! page it makes, and nothing said so. One page per template keeps the cost to a few
//! dozen pages whatever the site's size; each template is told once, with the first
//! page showing it and, when the line is written in a template as it is in the page,
//! that template's line.

use std::collections::HashMap;
use std::sync::Mutex;

use super::jobs::Job;
use super::markup::{flaws, Flaw, What};
use super::templates::Templates;
use crate::diagnostics::{Diagnostic, Problem};
use crate::messages::Text;
use crate::site::Site;
use crate::t;

/// What a page's template showed: its template, the page's address and HTML's first
/// flaw, the line of the page holding it, and how many more the page has.
struct Shown {
    template: &'static str,
    url: String,
    first: Flaw,
    line_text: String,
    more: usize,
}

/// The jobs whose pages are read, and what was found in them.
pub(super) struct Sample {
    picked: HashMap<usize, &'static str>,
    found: Mutex<Vec<Shown>>,
}

impl Sample {
    /// The first job of each template in plan order; an alias's redirect has none. On a
    /// site that trusts its authors' HTML, a page whose own body holds raw HTML is passed
    /// over: its flaws would be the author's, not the template's.
    pub(super) fn pick(site: &Site, jobs: &[Job]) -> Sample {
        let mut picked: HashMap<usize, &'static str> = HashMap::new();
        let mut templates: HashMap<&'static str, usize> = HashMap::new();
        for (i, job) in jobs.iter().enumerate() {
            if matches!(job, Job::Alias(..)) {
                continue;
            }
            let authors_html = site.config.trust_html
                && job
                    .source_page(site)
                    .is_some_and(|id| site.page(id).body.has_raw_html);
            if authors_html {
                continue;
            }
            let template = job.template(site);
            templates.entry(template).or_insert_with(|| {
                picked.insert(i, template);
                i
            });
        }
        Sample {
            picked,
            found: Mutex::new(Vec::new()),
        }
    }

    /// A sample that reads no page (`serve`'s rebuilds of a few pages).
    pub(super) fn none() -> Sample {
        Sample {
            picked: HashMap::new(),
            found: Mutex::new(Vec::new()),
        }
    }

    /// The plan indexes of the jobs picked, in plan order.
    pub(super) fn picked(&self) -> Vec<usize> {
        let mut picked: Vec<usize> = self.picked.keys().copied().collect();
        picked.sort_unstable();
        picked
    }

    /// Reads `html`, job `index`'s page written to `url` (`lessons/x/index.html`), if it
    /// is one picked.
    pub(super) fn read(&self, index: usize, url: &str, html: &str) {
        let Some(&template) = self.picked.get(&index) else {
            return;
        };
        let mut all = flaws(html);
        if all.is_empty() {
            return;
        }
        let first = all.remove(0);
        let line_text = html
            .lines()
            .nth(
                usize::try_from(first.line)
                    .unwrap_or(usize::MAX)
                    .saturating_sub(1),
            )
            .unwrap_or("")
            .trim()
            .to_string();
        let shown = Shown {
            template,
            url: format!("/{}", url.strip_suffix("index.html").unwrap_or(url)),
            first,
            line_text,
            more: all.len(),
        };
        // A poisoned lock means a page's render panicked: that is reported on its own.
        if let Ok(mut found) = self.found.lock() {
            found.push(shown);
        }
    }

    /// One warning per template, or per template line when several page templates show
    /// the same one (a shared `base.html`), in template order.
    pub(super) fn warnings(self, templates: &Templates) -> Vec<Diagnostic> {
        let mut found = self.found.into_inner().unwrap_or_default();
        found.sort_by(|a, b| a.template.cmp(b.template));
        let mut told: Vec<(Option<(std::path::PathBuf, usize)>, String)> = Vec::new();
        let mut warnings = Vec::new();
        for shown in found {
            let place = templates.line_written(&shown.line_text, shown.template);
            let key = (
                place.as_ref().map(|l| (l.path.clone(), l.line_col().0)),
                format!("{:?}", shown.first.what),
            );
            if told.contains(&key) {
                continue;
            }
            told.push(key);
            let diagnostic = Diagnostic::warning(Problem::Content(message(&shown)))
                .with_help(t!("an element a browser closes or moves on its own shifts everything after it: close each element the template opens, in the order opened, put no block (`<div>`, `<ul>`, `<table>`) inside a `<p>`, and give each id once"));
            warnings.push(match place {
                Some(at) => diagnostic.at(at),
                None => diagnostic.at_file_start(&templates.shown_path(shown.template)),
            });
        }
        warnings
    }
}

/// The warning's text for `shown`.
fn message(shown: &Shown) -> Text {
    let what = match &shown.first.what {
        What::Unclosed(name) => t!("`<{name}>` is still open where the body ends", name = name),
        What::ClosedOver(name) => t!(
            "an element is still open inside the `<{name}>` closed here",
            name = name
        ),
        What::Stray(name) => t!(
            "`</{name}>` closes no element that is open (a `<div>` or list inside a `<p>` ends the paragraph before its `</p>`)",
            name = name
        ),
        What::DuplicateId(id) => t!("the id `{id}` is given to an earlier element too", id = id),
        What::Parse(said) => t!("the HTML parser says: {said}", said = said),
    };
    let text: String = if shown.line_text.chars().count() > 80 {
        shown.line_text.chars().take(79).chain(['…']).collect()
    } else {
        shown.line_text.clone()
    };
    if shown.more == 0 {
        return t!(
            "template `{template}` writes HTML a browser does not read as written, first on {url} (line {line}: `{text}`): {what}",
            template = shown.template,
            url = &shown.url,
            line = shown.first.line,
            text = text,
            what = what
        );
    }
    t!(
        "template `{template}` writes HTML a browser does not read as written, first on {url} (line {line}: `{text}`): {what} ({count} more on that page)",
        template = shown.template,
        url = &shown.url,
        line = shown.first.line,
        text = text,
        what = what,
        count = shown.more
    )
}
