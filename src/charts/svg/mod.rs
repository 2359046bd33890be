//! Draws a [`Chart`] as a standalone, accessible `<svg>` element for inlining into HTML.
//!
//! plotters draws every shape into a String (never into a file, so a failed chart cannot
//! leave a truncated file behind). No font is registered with plotters — its `ttf` feature
//! would make the build depend on the machine's fonts — so every plotters API that measures
//! text (captions, mesh labels, series-label boxes) would fail with `FontUnavailable`.
//! Tick labels, legends and annotations are therefore plain [`Text`] elements, which the SVG
//! backend writes as `<text>` with a `text-anchor` and never measures; their layout uses the
//! estimates of [`super::text`]. Real `<text>` also lets the reader's fonts render Chinese.
//!
//! A last pass ([`finish`]) swaps plotters' `<svg>` header for an accessible, responsive one
//! with `<title>` and `<desc>`, and rewrites the few attributes plotters cannot express
//! (exact font sizes, dashes): see [`tidy_text`] and [`DASHED`].

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, FontTransform};

use super::model::{Chart, ChartKind, Heatmap, Rule, XAxis};
use super::palette;
use super::text::{one_line, text_width, truncate_to_width, FONT_STACK};

mod axis;
mod heatmap;
mod label;
mod legend;
mod scale;
mod xy;
mod xy_draw;

use axis::*;
use heatmap::*;
use label::Rect;
use label::*;
use legend::*;
use scale::*;
use xy::*;

/// A chart that could not be drawn. Bad data never causes this (it is skipped or drawn as
/// an empty plot); only a failure inside the drawing library does. It reaches the user
/// only through [`crate::charts::undrawn`], which puts it at the file that asked for the
/// chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartError {
    /// The drawing library's own words (untranslated).
    pub message: String,
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError {
            message: e.to_string(),
        }
    }
}

/// Which drawing of a chart: wide for a full-width column, medium for a half-width one
/// (the two-column chart grids), narrow for a phone. The SVG scales to its box, text
/// included, so a 720-wide drawing shown 322 px wide on a 390 px phone has 6 px text; each
/// drawing is about as wide as the boxes it is shown in, so its text stays near its size
/// (≥ 12 px). The page carries all three and shows one by the width of the chart's box (a
/// CSS container query in the theme).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Wide,
    Medium,
    Narrow,
}

impl Layout {
    pub const ALL: [Layout; 3] = [Layout::Wide, Layout::Medium, Layout::Narrow];
}

impl Layout {
    /// Width and height of the viewBox of line, bar, area and scatter charts (the height
    /// grows with the legend). These fix the proportions and the relative size of the text.
    const fn size(self) -> (u32, u32) {
        match self {
            Layout::Wide => (720, 400),
            Layout::Medium => (480, 340),
            Layout::Narrow => (320, 300),
        }
    }

    /// Heatmaps are narrower when wide, so that their cells come out squarer.
    const fn heatmap_width(self) -> u32 {
        match self {
            Layout::Wide => 600,
            Layout::Medium => 480,
            Layout::Narrow => 320,
        }
    }

    /// The longest a scatter point's label or an x category label may be, in pixels.
    const fn label_room(self) -> (f64, f64) {
        match self {
            Layout::Wide => (160.0, 150.0),
            Layout::Medium => (130.0, 120.0),
            Layout::Narrow => (110.0, 100.0),
        }
    }

    /// About how many y ticks to aim for.
    const fn y_ticks(self) -> usize {
        match self {
            Layout::Wide => 6,
            Layout::Medium | Layout::Narrow => 5,
        }
    }

    /// The SVG's class, which the theme's container queries choose by.
    pub const fn class(self) -> &'static str {
        match self {
            Layout::Wide => "chart-wide",
            Layout::Medium => "chart-medium",
            Layout::Narrow => "chart-narrow",
        }
    }
}
/// Space between the drawing and the edge of the SVG.
const PAD: i32 = 12;
/// Font sizes in viewBox pixels: at least 12 so that text stays legible when a 720-wide
/// chart is shrunk onto a phone.
const TICK_PX: u32 = 13;
const TITLE_PX: u32 = 14;
const LEGEND_PX: u32 = 13;
const POINT_LABEL_PX: u32 = 12;
const CELL_PX: u32 = 15;
/// Height of one legend row.
const LEGEND_ROW: i32 = 22;
/// Values beyond this magnitude are skipped as not plottable: no PMO figure is that large,
/// and it keeps every span finite so that pixel mapping cannot overflow.
const LIMIT: f64 = 1e15;
/// The widest a bar may be: wider bars look heavy when there are only one or two.
const MAX_BAR_PX: f64 = 64.0;
/// Series with more points than this get no point markers (they would merge into a band).
const MAX_MARKERS: usize = 60;
/// A stand-in stroke colour for dashed lines. plotters' SVG backend cannot dash a line, so
/// rules are drawn in this otherwise unused colour and [`finish`] rewrites it to
/// [`palette::MUTED`] with a `stroke-dasharray`.
const DASHED: RGBColor = RGBColor(0x5a, 0x66, 0x76);
/// plotters writes `font-size` as the requested size divided by 1.24, which gives sizes
/// like 10.483870967741936. Each text is drawn with the font family `pmo-size-N` instead,
/// and [`tidy_text`] turns that back into `font-size="N"`.
const SIZE_TAG: &str = "pmo-size-";

type Canvas<'b> = DrawingArea<SVGBackend<'b>, Shift>;
type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Draws `chart` wide, for tests of the drawing alone.
#[cfg(test)]
pub fn render(chart: &Chart, id: &str) -> Result<String, ChartError> {
    render_as(chart, id, Layout::Wide, &palette::Palette::default())
}

/// Draws `chart` in `layout`, its series in `palette`'s colours, and returns a complete
/// `<svg>` element. `id` prefixes the ids of its `<title>` and `<desc>`, so it must be
/// unique within the page.
pub fn render_as(
    chart: &Chart,
    id: &str,
    layout: Layout,
    palette: &palette::Palette,
) -> Result<String, ChartError> {
    let mut body = String::new();
    let size = match chart.kind {
        ChartKind::Heatmap => {
            let plan = HeatPlan::new(chart, layout);
            draw_into(&mut body, plan.size, |root| plan.draw(root, chart))?;
            plan.size
        }
        _ => {
            let plan = XyPlan::new(chart, layout, palette);
            draw_into(&mut body, plan.size, |root| plan.draw(root, chart))?;
            plan.size
        }
    };
    finish(&body, chart, id, size, layout)
}

/// Runs `draw` on a white plotters canvas that writes into `buf`.
fn draw_into(
    buf: &mut String,
    size: (u32, u32),
    draw: impl FnOnce(&Canvas<'_>) -> Result<(), ChartError>,
) -> Result<(), ChartError> {
    let root = SVGBackend::with_string(buf, size).into_drawing_area();
    root.fill(&palette::BACKGROUND)?;
    draw(&root)?;
    root.present()?;
    Ok(())
}

// ---------------------------------------------------------------- text

/// Turns plotters' output into the element the page inlines: an accessible, responsive
/// header with `<title>` and `<desc>` first, then the drawing with tidied attributes.
fn finish(
    svg: &str,
    chart: &Chart,
    id: &str,
    size: (u32, u32),
    layout: Layout,
) -> Result<String, ChartError> {
    let mut lines = svg.lines();
    match lines.next() {
        Some(first) if first.starts_with("<svg ") => {}
        _ => {
            return Err(ChartError {
                message: "plotters did not start the drawing with an <svg> element".into(),
            })
        }
    }
    let mut out = String::with_capacity(svg.len() + 512);
    out.push_str(&header(chart, id, size, layout));
    let mut open_text: Option<String> = None;
    for line in lines {
        if let Some(text) = open_text.as_mut() {
            text.push_str(line);
            if line == "</text>" {
                out.push_str(text);
                out.push('\n');
                open_text = None;
            }
        } else if line.starts_with("<text ") {
            open_text = Some(tidy_text(line));
        } else {
            tidy_shape(line, &mut out);
            out.push('\n');
        }
    }
    if open_text.is_some() || !out.ends_with("</svg>\n") {
        return Err(ChartError {
            message: "plotters' SVG output ended unexpectedly".into(),
        });
    }
    Ok(out)
}

fn header(chart: &Chart, id: &str, (w, h): (u32, u32), layout: Layout) -> String {
    let kind = chart.kind.name();
    let variant = layout.class();
    let id = escape(id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart chart-{kind} {variant}\" \
         font-family=\"{FONT_STACK}\">\n<title id=\"{id}-title\">{}</title>\n\
         <desc id=\"{id}-desc\">{}</desc>\n",
        escape(&one_line(&chart.title)),
        escape(&one_line(&chart.description)),
    )
}

/// Text for XML content or a double-quoted attribute. Control characters, which XML 1.0
/// cannot carry, become spaces.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A plotters `<text …>` tag with the size tag in `font-family` turned into the intended
/// `font-size` (the family itself is inherited from the `<svg>`), and without the default
/// `opacity="1"`.
fn tidy_text(tag: &str) -> String {
    let tag = tag.replace(" opacity=\"1\"", "");
    let Some(family_at) = tag.find(" font-family=\"") else {
        return tag;
    };
    let family_start = family_at + " font-family=\"".len();
    let Some(family_len) = tag[family_start..].find('"') else {
        return tag;
    };
    let family = &tag[family_start..family_start + family_len];
    let Some(px) = family.strip_prefix(SIZE_TAG) else {
        return tag;
    };
    let rest = &tag[family_start + family_len + 1..];
    let Some(size_value) = rest.strip_prefix(" font-size=\"") else {
        return tag;
    };
    let Some(size_len) = size_value.find('"') else {
        return tag;
    };
    format!(
        "{} font-size=\"{px}\"{}",
        &tag[..family_at],
        &size_value[size_len + 1..]
    )
}

/// A plotters shape tag without the default `opacity="1"`, and with the [`DASHED`] stand-in
/// colour turned into a dashed muted stroke, added to `out`. Most lines hold neither:
/// they are copied as they are (a chart has thousands of lines, and the two stroke
/// attributes made anew and searched for each took 1 % of a build's instructions).
fn tidy_shape(tag: &str, out: &mut String) {
    static STROKES: std::sync::LazyLock<(String, String)> = std::sync::LazyLock::new(|| {
        (
            format!(
                "stroke=\"#{:02X}{:02X}{:02X}\"",
                DASHED.0, DASHED.1, DASHED.2
            ),
            format!(
                "stroke=\"#{:02X}{:02X}{:02X}\" stroke-dasharray=\"6 4\"",
                palette::MUTED.0,
                palette::MUTED.1,
                palette::MUTED.2
            ),
        )
    });
    const OPAQUE: &str = " opacity=\"1\"";
    let (stand_in, dashed) = &*STROKES;
    let tag = if tag.contains(OPAQUE) {
        std::borrow::Cow::Owned(tag.replace(OPAQUE, ""))
    } else {
        std::borrow::Cow::Borrowed(tag)
    };
    if tag.contains(stand_in.as_str()) {
        out.push_str(&tag.replace(stand_in.as_str(), dashed));
    } else {
        out.push_str(&tag);
    }
}

#[cfg(test)]
mod tests;
