//! A Confluence export page read into a small tree, with the line each element starts
//! on, so that what the import drops or doubts is told at its line in the `.html` file.
//!
//! Built with html5ever's tree builder (already in the tree for ammonia and the
//! template check), through a sink of our own: a generic HTML→Markdown crate would
//! flatten Confluence's panels, lozenges and macros into plain text without a word,
//! and would give no lines to tell them at.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, QualName};

/// What a node is.
#[derive(Debug, Clone)]
pub(super) enum Data {
    Document,
    Element {
        /// The local name, lower case as the parser gives it (`div`).
        name: String,
        attrs: Vec<(String, String)>,
        /// The line of the file it starts on, from 1.
        line: u64,
    },
    Text(String),
    /// A comment, a doctype, a processing instruction: nothing to show.
    Other,
}

#[derive(Debug, Clone)]
pub(super) struct Node {
    pub data: Data,
    pub children: Vec<usize>,
    parent: Option<usize>,
}

/// The whole page; node 0 is the document.
pub(super) struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    /// Reads `html`; any text parses (the HTML standard says how to recover from every
    /// mistake), so a broken or cut-off export page gives a tree too.
    pub fn parse(html: &str) -> Dom {
        let sink = Sink::default();
        html5ever::parse_document(sink, Default::default()).one(StrTendril::from(html))
    }

    pub fn name(&self, id: usize) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    pub fn attr(&self, id: usize, key: &str) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    pub fn has_class(&self, id: usize, class: &str) -> bool {
        self.attr(id, "class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
    }

    /// The line of `id`, or of the nearest element around it.
    pub fn line(&self, mut id: usize) -> u64 {
        loop {
            if let Data::Element { line, .. } = self.nodes[id].data {
                return line;
            }
            match self.nodes[id].parent {
                Some(p) => id = p,
                None => return 1,
            }
        }
    }

    /// Every node under `id`, `id` first, in document order.
    pub fn descendants(&self, id: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(self.nodes[n].children.iter().rev());
        }
        out
    }

    /// The first element under `id` (itself included) for which `test` holds.
    pub fn find(&self, id: usize, test: impl Fn(&Dom, usize) -> bool) -> Option<usize> {
        self.descendants(id)
            .into_iter()
            .find(|&n| self.name(n).is_some() && test(self, n))
    }

    /// The element children of `id`.
    pub fn elements(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        self.nodes[id]
            .children
            .iter()
            .copied()
            .filter(|&c| self.name(c).is_some())
    }

    /// All the text under `id`, as written (spaces kept).
    pub fn text(&self, id: usize) -> String {
        let mut out = String::new();
        for n in self.descendants(id) {
            if let Data::Text(t) = &self.nodes[n].data {
                out.push_str(t);
            }
        }
        out
    }
}

/// The tree sink: nodes in a vector, handles their indices.
#[derive(Default)]
struct Sink {
    nodes: RefCell<Vec<Node>>,
    /// Each node's qualified name, for the tree builder's questions.
    names: RefCell<Vec<QualName>>,
    line: Cell<u64>,
}

impl Sink {
    fn push(&self, data: Data, name: QualName) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        if nodes.is_empty() && !matches!(data, Data::Document) {
            drop(nodes);
            self.get_document();
            nodes = self.nodes.borrow_mut();
        }
        nodes.push(Node {
            data,
            children: Vec::new(),
            parent: None,
        });
        self.names.borrow_mut().push(name);
        nodes.len() - 1
    }

    fn blank() -> QualName {
        QualName::new(None, html5ever::ns!(), html5ever::local_name!(""))
    }

    fn detach(&self, child: usize) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(p) = nodes[child].parent.take() {
            nodes[p].children.retain(|&c| c != child);
        }
    }

    /// Puts `child` (a node or text) under `parent` at `index`, text joined to the text
    /// beside it.
    fn insert(&self, parent: usize, index: Option<usize>, child: NodeOrText<usize>) {
        match child {
            NodeOrText::AppendNode(n) => {
                self.detach(n);
                let mut nodes = self.nodes.borrow_mut();
                nodes[n].parent = Some(parent);
                let children = &mut nodes[parent].children;
                let at = index.unwrap_or(children.len()).min(children.len());
                children.insert(at, n);
            }
            NodeOrText::AppendText(text) => {
                let before = {
                    let nodes = self.nodes.borrow();
                    let children = &nodes[parent].children;
                    let at = index.unwrap_or(children.len()).min(children.len());
                    at.checked_sub(1).map(|i| children[i])
                };
                if let Some(prev) = before {
                    if let Data::Text(t) = &mut self.nodes.borrow_mut()[prev].data {
                        t.push_str(&text);
                        return;
                    }
                }
                let n = self.push(Data::Text(text.to_string()), Sink::blank());
                self.insert(parent, index, NodeOrText::AppendNode(n));
            }
        }
    }
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        self.get_document();
        Dom {
            nodes: self.nodes.into_inner(),
        }
    }

    // The page is converted whatever its mistakes; what matters is told by the converter.
    fn parse_error(&self, _: Cow<'static, str>) {}

    fn set_current_line(&self, line: u64) {
        self.line.set(line);
    }

    fn get_document(&self) -> usize {
        if self.nodes.borrow().is_empty() {
            self.push(Data::Document, Sink::blank());
        }
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.names.borrow(), |names| &names[*target])
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> usize {
        let attrs = attrs
            .into_iter()
            .map(|a| (a.name.local.to_string(), a.value.to_string()))
            .collect();
        let data = Data::Element {
            name: name.local.to_string(),
            attrs,
            line: self.line.get().max(1),
        };
        self.push(data, name)
    }

    fn create_comment(&self, _: StrTendril) -> usize {
        self.push(Data::Other, Sink::blank())
    }

    fn create_pi(&self, _: StrTendril, _: StrTendril) -> usize {
        self.push(Data::Other, Sink::blank())
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        self.insert(*parent, None, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &usize,
        prev_element: &usize,
        child: NodeOrText<usize>,
    ) {
        if self.nodes.borrow()[*element].parent.is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &usize) -> usize {
        *target
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &usize, child: NodeOrText<usize>) {
        let (parent, index) = {
            let nodes = self.nodes.borrow();
            let Some(parent) = nodes[*sibling].parent else {
                return;
            };
            let index = nodes[parent].children.iter().position(|c| c == sibling);
            (parent, index)
        };
        self.insert(parent, index, child);
    }

    fn add_attrs_if_missing(&self, target: &usize, more: Vec<Attribute>) {
        if let Data::Element { attrs, .. } = &mut self.nodes.borrow_mut()[*target].data {
            for a in more {
                let key = a.name.local.to_string();
                if !attrs.iter().any(|(k, _)| *k == key) {
                    attrs.push((key, a.value.to_string()));
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &usize) {
        self.detach(*target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let children = std::mem::take(&mut self.nodes.borrow_mut()[*node].children);
        let mut nodes = self.nodes.borrow_mut();
        for &c in &children {
            nodes[c].parent = Some(*new_parent);
        }
        nodes[*new_parent].children.extend(children);
    }
}

#[cfg(test)]
mod tests {
    use super::Dom;

    #[test]
    fn elements_keep_their_lines_and_text() {
        let dom = Dom::parse(
            "<html><body>\n<p>项目\n<b>进度</b></p>\n<div id=\"x\">风险</div></body></html>",
        );
        let p = dom.find(0, |d, n| d.name(n) == Some("p")).unwrap();
        assert_eq!(dom.line(p), 2);
        assert_eq!(dom.text(p), "项目\n进度");
        let div = dom.find(0, |d, n| d.attr(n, "id") == Some("x")).unwrap();
        assert_eq!((dom.line(div), dom.text(div).as_str()), (4, "风险"));
    }

    #[test]
    fn broken_html_still_makes_a_tree() {
        for html in [
            "<table><tr><td>一<td>二",
            "<p><b>粗<i>斜</p>",
            "<div",
            "",
            "\u{0}<<>>&&#xFFFFFF;",
        ] {
            let dom = Dom::parse(html);
            assert!(!dom.nodes.is_empty(), "{html}");
        }
        let dom = Dom::parse("<table><tr><td>一<td>二");
        assert_eq!(dom.text(0), "一二");
    }
}
