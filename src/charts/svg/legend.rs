//! The legend row: a swatch and a name per series, wrapped to the chart width.

use super::*;

/// One legend item, positioned in canvas pixels (the vertical centre of its row).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LegendEntry {
    pub(super) name: String,
    pub(super) color: RGBColor,
    pub(super) x: i32,
    pub(super) y: i32,
}

pub(super) const SWATCH: i32 = 16;

/// Lays the named series out in rows from `left` to `right`, wrapping like text. Returns
/// the entries and the number of rows.
pub(super) fn place_legend(lines: &[Line], left: i32, right: i32) -> (Vec<LegendEntry>, i32) {
    let font = Font::new(LEGEND_PX, palette::FG);
    let room = f64::from(right - left);
    let mut entries = Vec::new();
    let (mut x, mut row) = (left, 0);
    for line in lines.iter().filter(|l| !l.name.is_empty()) {
        let name = font.fit(&line.name, room - f64::from(SWATCH + 6));
        let width = SWATCH + 6 + font.width(&name).ceil() as i32;
        if x > left && x + width > right {
            x = left;
            row += 1;
        }
        entries.push(LegendEntry {
            name,
            color: line.color,
            x,
            y: PAD + row * LEGEND_ROW + LEGEND_ROW / 2,
        });
        x += width + 18;
    }
    let rows = if entries.is_empty() { 0 } else { row + 1 };
    (entries, rows)
}

/// Swatches and names. The swatch mimics the series: a line with a dot for line and
/// scatter charts, a filled square for bars and areas.
pub(super) fn draw_legend(
    root: &Canvas<'_>,
    entries: &[LegendEntry],
    kind: ChartKind,
) -> Result<(), ChartError> {
    let font = Font::new(LEGEND_PX, palette::FG);
    for e in entries {
        let (x, y) = (e.x, e.y);
        match kind {
            ChartKind::Line | ChartKind::Scatter => {
                let stroke = e.color.stroke_width(2);
                root.draw(&PathElement::new(vec![(x, y), (x + SWATCH, y)], stroke))?;
                root.draw(&Circle::new((x + SWATCH / 2, y), 4, e.color.filled()))?;
            }
            _ => {
                let square = [(x + 2, y - 6), (x + SWATCH - 2, y + 6)];
                root.draw(&Rectangle::new(square, e.color.filled()))?;
            }
        }
        draw_text(
            root,
            &e.name,
            (x + SWATCH + 6, y),
            font,
            (HPos::Left, VPos::Center),
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------- heatmaps
