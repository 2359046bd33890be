//! Whether a rendered page is HTML a browser reads as its template meant: no element
//! left open or closed twice, none a browser moves out of where it stands (a `<div>`
//! inside a `<p>` ends the paragraph, so its `</p>` closes nothing), no id given twice.
//! A site's template override writing any of these breaks the layout of every page it
//! makes, and a browser says nothing. Read with html5ever's tree builder, the parser
//! ammonia already uses, which reports each place the HTML standard calls an error.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashSet;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, QualName};

/// One thing wrong with a page's HTML: its line in the page and what the parser or the
/// id check said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flaw {
    pub line: u64,
    pub what: What,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// An element still open where the body ends, by its name (`div`).
    Unclosed(String),
    /// An element still open inside the one an end tag closes (`main`).
    ClosedOver(String),
    /// An end tag that closes no element open (`</section>`, or the `</p>` of a
    /// paragraph a `<div>` inside it already ended).
    Stray(String),
    /// The HTML standard's parse error, as html5ever words it.
    Parse(String),
    /// An `id` given to an earlier element of the page too.
    DuplicateId(String),
}

impl What {
    /// The flaw html5ever's message `msg` (its exact form) tells.
    fn of(msg: &str) -> What {
        // `{http://www.w3.org/1999/xhtml}:div`, `Atom('main' type=inline)`.
        let name = |text: &str| {
            text.rsplit_once("}:")
                .map(|(_, n)| n.to_string())
                .or_else(|| text.split('\'').nth(1).map(str::to_string))
        };
        if let Some(n) = msg.strip_suffix(" at end of body").and_then(name) {
            return What::Unclosed(n);
        }
        if let Some(n) = msg
            .strip_prefix("Unexpected open element while closing ")
            .and_then(name)
        {
            return What::ClosedOver(n);
        }
        if let Some(rest) = msg.strip_prefix("Unexpected token Tag { kind: EndTag, ") {
            if let Some(n) = name(rest) {
                return What::Stray(n.replace('\\', ""));
            }
        }
        if let Some(n) = msg
            .strip_prefix("No <")
            .and_then(|m| m.strip_suffix("> tag to close"))
        {
            return What::Stray(n.to_string());
        }
        What::Parse(msg.to_string())
    }
}

/// Every flaw of `html`, a whole page, in order.
pub fn flaws(html: &str) -> Vec<Flaw> {
    let sink = Sink::default();
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            exact_errors: true,
            ..Default::default()
        },
        ..Default::default()
    };
    html5ever::parse_document(sink, opts).one(StrTendril::from(html))
}

/// A tree sink that keeps no tree: only each element's name (what the tree builder asks
/// of its open elements), the ids seen and the flaws reported.
#[derive(Default)]
struct Sink {
    names: RefCell<Vec<QualName>>,
    line: Cell<u64>,
    ids: RefCell<HashSet<String>>,
    flaws: RefCell<Vec<Flaw>>,
}

impl Sink {
    fn node(&self, name: QualName) -> usize {
        let mut names = self.names.borrow_mut();
        names.push(name);
        names.len() - 1
    }
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Vec<Flaw>;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Vec<Flaw> {
        self.flaws.into_inner()
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        let line = self.line.get().max(1);
        self.flaws.borrow_mut().push(Flaw {
            line,
            what: What::of(&msg),
        });
    }

    fn set_current_line(&self, line: u64) {
        self.line.set(line);
    }

    fn get_document(&self) -> usize {
        // The document is the first node made (see `Default`), made when first asked.
        if self.names.borrow().is_empty() {
            self.node(QualName::new(
                None,
                html5ever::ns!(),
                html5ever::local_name!(""),
            ));
        }
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.names.borrow(), |names| &names[*target])
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> usize {
        self.get_document();
        for attr in &attrs {
            if &*attr.name.local == "id" && attr.name.ns == html5ever::ns!() {
                let id = attr.value.to_string();
                if !self.ids.borrow_mut().insert(id.clone()) {
                    self.flaws.borrow_mut().push(Flaw {
                        line: self.line.get().max(1),
                        what: What::DuplicateId(id),
                    });
                }
            }
        }
        self.node(name)
    }

    fn create_comment(&self, _: StrTendril) -> usize {
        self.get_document();
        self.node(QualName::new(
            None,
            html5ever::ns!(),
            html5ever::local_name!(""),
        ))
    }

    fn create_pi(&self, _: StrTendril, _: StrTendril) -> usize {
        self.create_comment(StrTendril::new())
    }

    fn append(&self, _: &usize, _: NodeOrText<usize>) {}

    fn append_based_on_parent_node(&self, _: &usize, _: &usize, _: NodeOrText<usize>) {}

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, _: &usize) -> usize {
        self.create_comment(StrTendril::new())
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _: QuirksMode) {}

    fn append_before_sibling(&self, _: &usize, _: NodeOrText<usize>) {}

    fn add_attrs_if_missing(&self, _: &usize, _: Vec<Attribute>) {}

    fn remove_from_parent(&self, _: &usize) {}

    fn reparent_children(&self, _: &usize, _: &usize) {}
}

#[cfg(test)]
mod tests {
    use super::{flaws, What};

    fn page(body: &str) -> String {
        format!("<!doctype html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>门户</title></head>\n<body>\n{body}\n</body>\n</html>\n")
    }

    #[test]
    fn a_well_formed_page_has_no_flaw() {
        let html = page(
            "<main id=\"main\"><p>项目<b>进度</b></p><ul><li>一<li>二</ul>\
            <table><thead><tr><th>列</th></tr></thead><tbody><tr><td>值</td></tr></tbody></table>\
            <svg viewBox=\"0 0 1 1\"><title>图</title><path d=\"M0 0\"/></svg></main>",
        );
        assert_eq!(flaws(&html), vec![]);
    }

    #[test]
    fn each_template_mistake_is_a_flaw_at_its_line() {
        let named = |n: &str| n.to_string();
        for (body, line, what) in [
            (
                "<div class=\"卡片\">\n<p>未闭合</p>",
                7,
                What::Unclosed(named("div")),
            ),
            ("<p>段落\n<div>块</div></p>", 6, What::Stray(named("p"))),
            (
                "<section>节</section>\n</section>",
                6,
                What::Stray(named("section")),
            ),
            ("<p><b>粗</p>", 5, What::ClosedOver(named("p"))),
        ] {
            let found = flaws(&page(body));
            assert!(
                found.iter().any(|f| f.line == line && f.what == what),
                "{body}: {found:?}"
            );
        }
    }

    #[test]
    fn an_element_left_open_is_told_where_the_element_around_it_closes() {
        let found = flaws(&page(
            "<main>\n<div class=\"卡片\">\n<p>未闭合</p>\n</main>",
        ));
        assert!(
            found.contains(&super::Flaw {
                line: 8,
                what: What::ClosedOver("main".into())
            }),
            "{found:?}"
        );
    }

    #[test]
    fn an_id_given_twice_is_a_flaw() {
        let found = flaws(&page("<h2 id=\"风险\">风险</h2>\n<div id=\"风险\"></div>"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].what, What::DuplicateId("风险".into()));
        assert_eq!(found[0].line, 6);
    }
}
