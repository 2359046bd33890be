//! A chart as it appears in a page: a <figure> with a visible caption, the inline SVG, and
//! the numbers behind it in a collapsed table (for screen readers, print and copying).

use std::collections::HashMap;

use serde::Serialize;

use crate::charts::build::DataTable;
use crate::charts::model::Chart;
use crate::charts::palette::Palette;
use crate::charts::svg::{self, ChartError};
use crate::escape::xml as escape;

/// A rendered chart ready for a template (`{{ chart.html | safe }}`).
#[derive(Debug, Clone, Serialize)]
pub struct Drawing {
    pub id: String,
    pub title: String,
    pub html: String,
}

/// The HTML table of `data`, with a caption when given.
pub fn table_html(data: &DataTable, caption: &str, class: &str) -> String {
    marked_table_html(data, caption, class, &HashMap::new())
}

/// [`table_html`] with `marks` (HTML, by row and column) after their cells' text.
pub fn marked_table_html(
    data: &DataTable,
    caption: &str,
    class: &str,
    marks: &HashMap<(usize, usize), String>,
) -> String {
    let mut html = format!("<div class=\"table-wrap\"><table class=\"{class}\">");
    if !caption.is_empty() {
        html.push_str(&format!("<caption>{}</caption>", escape(caption)));
    }
    html.push_str("<thead><tr>");
    for c in &data.columns {
        html.push_str(&format!("<th scope=\"col\">{}</th>", escape(c)));
    }
    html.push_str("</tr></thead><tbody>");
    for (r, row) in data.rows.iter().enumerate() {
        html.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let numeric = i > 0 && crate::data::table::parse_number(cell).is_some();
            let mark = marks.get(&(r, i)).map_or("", String::as_str);
            if numeric {
                html.push_str(&format!("<td class=\"num\">{}{mark}</td>", escape(cell)));
            } else {
                html.push_str(&format!("<td>{}{mark}</td>", escape(cell)));
            }
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div>");
    html
}

/// Draws `chart`, its series in `palette`'s colours, and wraps it with its caption and
/// data table. `data_label` is the localized "data table" summary text.
pub fn draw(
    chart: &Chart,
    data: &DataTable,
    id: &str,
    data_label: &str,
    palette: &Palette,
) -> Result<Drawing, ChartError> {
    let mut drawings = String::new();
    for layout in svg::Layout::ALL {
        // The wide drawing keeps the figure's id for its title; the others get their own.
        let svg_id = match layout {
            svg::Layout::Wide => id.to_string(),
            other => format!("{id}-{}", other.class().trim_start_matches("chart-")),
        };
        drawings.push_str(&svg::render_as(chart, &svg_id, layout, palette)?);
    }
    let mut html = format!(
        "<figure class=\"chart chart-{}\" id=\"{id}\">",
        chart.kind.name()
    );
    if !chart.title.is_empty() {
        html.push_str(&format!(
            "<figcaption>{}</figcaption>",
            escape(&chart.title)
        ));
    }
    html.push_str("<div class=\"chart-svg\">");
    // Every drawing; the theme shows the one that suits the width of this box.
    html.push_str(&drawings);
    html.push_str("</div>");
    html.push_str(&format!(
        "<details class=\"chart-data\"><summary>{}</summary>{}</details>",
        escape(data_label),
        table_html(data, "", "data-table")
    ));
    html.push_str("</figure>");
    Ok(Drawing {
        id: id.to_string(),
        title: chart.title.clone(),
        html,
    })
}
