//! What a chart shows, independent of how it is drawn: the data stages (project metrics,
//! portfolio tables, ```chart blocks) build these, and [`super::svg`] draws them.

pub use crate::blocks::ChartKind;

/// The x axis: named categories (periods, milestones, departments) in order, or numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum XAxis {
    /// A point's `x` is the index of its category.
    Categories(Vec<String>),
    Numeric,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    /// Shown beside the point on scatter charts (e.g. the project's name).
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<Point>,
    /// A series that stands for a RAG status is drawn in that status's colour rather
    /// than the next colour of the palette (green bars for the green projects).
    pub tone: Option<Tone>,
}

/// A colour that says something, over the palette's next one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tone {
    Rag(crate::content::schema::Rag),
    /// Grey: the share of what has no status (projects not rated), which the palette's
    /// next colour (a green) passed off as one.
    Unrated,
}

/// A reference line across the plot: BAC on an S-curve, 1.0 on a CPI/SPI chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// `true`: a horizontal line at y = value; `false`: a vertical line at x = value.
    pub horizontal: bool,
    pub value: f64,
    pub label: String,
}

/// A grid of values, e.g. the 5 × 5 probability × impact risk matrix with counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    /// Row labels, top to bottom.
    pub rows: Vec<String>,
    /// Column labels, left to right.
    pub cols: Vec<String>,
    /// `values[row][col]`.
    pub values: Vec<Vec<f64>>,
    /// Optional per-cell weight for the colour (e.g. probability × impact); `values` when empty.
    pub weights: Vec<Vec<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    pub title: String,
    /// One or two sentences for screen readers (the SVG's <desc>).
    pub description: String,
    pub x_label: String,
    pub y_label: String,
    pub x: XAxis,
    pub series: Vec<Series>,
    pub rules: Vec<Rule>,
    /// For `Heatmap` charts only.
    pub heatmap: Option<Heatmap>,
}

impl Chart {
    /// The words the drawn chart shows besides its numbers — title, axis titles,
    /// categories, the legend's series, points' and a heatmap's labels — in that order,
    /// for the search index: a reader looks for a chart by what they saw on it.
    pub fn labels(&self) -> Vec<&str> {
        let mut out = vec![
            self.title.as_str(),
            self.x_label.as_str(),
            self.y_label.as_str(),
        ];
        if let XAxis::Categories(categories) = &self.x {
            out.extend(categories.iter().map(String::as_str));
        }
        for s in &self.series {
            out.push(&s.name);
            out.extend(s.points.iter().filter_map(|p| p.label.as_deref()));
        }
        if let Some(h) = &self.heatmap {
            out.extend(h.rows.iter().chain(&h.cols).map(String::as_str));
        }
        out.retain(|l| !l.is_empty());
        out
    }
}
