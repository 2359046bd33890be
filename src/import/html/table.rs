//! Confluence's tables (`<table class="confluenceTable">`): a Markdown table when every
//! cell stands in its own row and column; an HTML table when a cell spans rows or
//! columns (`rowspan`, `colspan`), which a Markdown table cannot hold: writing it as
//! one would shift every cell after the merged one. The HTML table keeps them, and
//! the page and table are told so the author can check it.

use super::convert::{one_line, Converter, Mode};
use crate::t;

/// One cell as read: heading or not, its spans, its element.
struct Cell {
    heading: bool,
    rows: usize,
    cols: usize,
    id: usize,
}

impl Converter<'_> {
    /// The table `id` as Markdown, or `None` when it has no cell.
    pub(super) fn table(&mut self, id: usize) -> Option<String> {
        self.tables += 1;
        let number = self.tables;
        let rows = self.rows(id);
        if rows.iter().all(Vec::is_empty) {
            return None;
        }
        let outer = self.mode;
        // Told at the first merged cell, where the author looks.
        let merged = rows
            .iter()
            .flatten()
            .find(|c| c.rows > 1 || c.cols > 1)
            .map(|c| c.id);
        if outer != Mode::Markdown {
            // A table inside a table's cell: its cells' text, in order.
            self.note(
                id,
                t!("a table inside a table's cell is written as its cells' text, one row a line"),
                t!("check the cell; a page of the portal holds no table within a table"),
            );
            let text = rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|c| one_line(&self.inline_of(c.id)))
                        .collect::<Vec<_>>()
                        .join(" / ")
                })
                .collect::<Vec<_>>()
                .join("<br>");
            return Some(text);
        }
        let written = if let Some(cell) = merged {
            self.note(
                cell,
                t!("table {number} of the page has merged cells (rowspan or colspan): it is written as an HTML table so that no cell moves, since a Markdown table cannot merge cells", number = number),
                t!("check it in the built page; to edit it as a Markdown table, split the merged cells first"),
            );
            self.mode = Mode::Html;
            let html = self.html_table(&rows);
            self.mode = outer;
            html
        } else {
            self.mode = Mode::Cell;
            let md = self.markdown_table(&rows);
            self.mode = outer;
            md
        };
        Some(written)
    }

    /// The rows of `table`, its own (not those of a table in a cell), in order.
    fn rows(&self, table: usize) -> Vec<Vec<Cell>> {
        let dom = self.dom;
        let mut trs = Vec::new();
        for child in dom.elements(table) {
            match dom.name(child) {
                Some("tr") => trs.push(child),
                Some("thead" | "tbody" | "tfoot") => {
                    trs.extend(dom.elements(child).filter(|&r| dom.name(r) == Some("tr")))
                }
                _ => {}
            }
        }
        let span = |id: usize, key: &str| {
            dom.attr(id, key)
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 1000)
        };
        trs.into_iter()
            .map(|tr| {
                dom.elements(tr)
                    .filter(|&c| matches!(dom.name(c), Some("td" | "th")))
                    .map(|c| Cell {
                        heading: dom.name(c) == Some("th"),
                        rows: span(c, "rowspan"),
                        cols: span(c, "colspan"),
                        id: c,
                    })
                    .collect()
            })
            .collect()
    }

    /// A cell's content on one line.
    fn cell(&mut self, id: usize) -> String {
        let mut text = self.inline_of(id);
        while text.ends_with("<br>") {
            text.truncate(text.len() - 4);
        }
        one_line(&text)
    }

    fn markdown_table(&mut self, rows: &[Vec<Cell>]) -> String {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let mut lines = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let mut cells: Vec<String> = row.iter().map(|c| self.cell(c.id)).collect();
            cells.resize(width, String::new());
            lines.push(format!("| {} |", cells.join(" | ")));
            if i == 0 {
                lines.push(format!("|{}", "---|".repeat(width)));
            }
        }
        lines.join("\n")
    }

    fn html_table(&mut self, rows: &[Vec<Cell>]) -> String {
        let mut out = String::from("<table>\n");
        for row in rows {
            out.push_str("<tr>");
            for c in row {
                let tag = if c.heading { "th" } else { "td" };
                out.push('<');
                out.push_str(tag);
                if c.rows > 1 {
                    out.push_str(&format!(" rowspan=\"{}\"", c.rows));
                }
                if c.cols > 1 {
                    out.push_str(&format!(" colspan=\"{}\"", c.cols));
                }
                out.push('>');
                let text = self.cell(c.id);
                out.push_str(&text);
                out.push_str(&format!("</{tag}>"));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>");
        out
    }
}
