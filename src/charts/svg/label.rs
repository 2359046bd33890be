//! Text placed by hand: labels, their boxes, and point labels that avoid each other.

use super::*;

/// How a piece of text is set.
#[derive(Debug, Clone, Copy)]
pub(super) struct Font {
    pub(super) px: u32,
    pub(super) color: RGBColor,
    pub(super) bold: bool,
    /// Rotated to read bottom to top (the y axis title).
    pub(super) upright: bool,
}

impl Font {
    pub(super) const fn new(px: u32, color: RGBColor) -> Font {
        Font {
            px,
            color,
            bold: false,
            upright: false,
        }
    }

    pub(super) const fn bold(self) -> Font {
        Font { bold: true, ..self }
    }

    pub(super) const fn upright(self) -> Font {
        Font {
            upright: true,
            ..self
        }
    }

    pub(super) fn width(self, text: &str) -> f64 {
        text_width(text, f64::from(self.px))
    }

    pub(super) fn fit(self, text: &str, max_px: f64) -> String {
        truncate_to_width(text, f64::from(self.px), max_px.max(0.0))
    }
}

/// Draws one line of text at a pixel position, `anchor` telling which point of the text
/// sits there. Empty text draws nothing.
pub(super) fn draw_text(
    area: &Canvas<'_>,
    text: &str,
    at: (i32, i32),
    font: Font,
    anchor: (HPos, VPos),
) -> Result<(), ChartError> {
    let text = one_line(text);
    if text.is_empty() {
        return Ok(());
    }
    let family = format!("{SIZE_TAG}{}", font.px);
    let weight = if font.bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    let mut desc = FontDesc::new(FontFamily::Name(&family), f64::from(font.px), weight);
    if font.upright {
        desc = desc.transform(FontTransform::Rotate270);
    }
    let style = desc.color(&font.color).pos(Pos::new(anchor.0, anchor.1));
    area.draw(&Text::new(text, at, style))?;
    Ok(())
}

/// The box a text will roughly cover, from the anchor point and the estimated width.
pub(super) fn text_box(at: (i32, i32), width: f64, font: Font, anchor: (HPos, VPos)) -> Rect {
    let (x, y) = (f64::from(at.0), f64::from(at.1));
    let em = f64::from(font.px);
    let x0 = match anchor.0 {
        HPos::Left => x,
        HPos::Center => x - width / 2.0,
        HPos::Right => x - width,
    };
    let y0 = match anchor.1 {
        VPos::Top => y,
        VPos::Center => y - 0.6 * em,
        VPos::Bottom => y - 1.1 * em,
    };
    Rect::new(x0, y0, x0 + width, y0 + 1.2 * em)
}

/// Text on a translucent white patch, for labels that sit on lines and data (rule and
/// point labels). Returns the box the text covers, so later labels can keep clear of it.
pub(super) fn draw_backed_text(
    area: &Canvas<'_>,
    text: &str,
    at: (i32, i32),
    font: Font,
    anchor: (HPos, VPos),
) -> Result<Rect, ChartError> {
    let b = text_box(at, font.width(text), font, anchor);
    if text.is_empty() {
        return Ok(b);
    }
    let corners = [
        (b.x0.floor() as i32 - 3, b.y0.floor() as i32),
        (b.x1.ceil() as i32 + 3, b.y1.ceil() as i32),
    ];
    let patch = palette::BACKGROUND.mix(0.85).filled();
    area.draw(&Rectangle::new(corners, patch))?;
    draw_text(area, text, at, font, anchor)?;
    Ok(b)
}

// ---------------------------------------------------------------- numbers

/// An axis-aligned box in canvas pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) x1: f64,
    pub(super) y1: f64,
}

impl Rect {
    pub(super) fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect { x0, y0, x1, y1 }
    }

    /// The box with `by` pixels added on every side.
    pub(super) fn grown(&self, by: f64) -> Rect {
        Rect::new(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)
    }

    pub(super) fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    pub(super) fn inside(&self, outer: &Rect) -> bool {
        self.x0 >= outer.x0 && self.x1 <= outer.x1 && self.y0 >= outer.y0 && self.y1 <= outer.y1
    }
}

/// Where a point label goes: its anchor position, anchor and box.
pub(super) struct Spot {
    pub(super) at: (i32, i32),
    pub(super) anchor: (HPos, VPos),
    pub(super) rect: Rect,
}

/// Where the label of the point at `point` goes: beside it (right, left, above, below,
/// then the four diagonals), the first spot inside the plot and clear of every label
/// already placed. `None` when there is no such spot: a label drawn over another makes
/// both unreadable, so it is left out (the chart's data table still names the point).
pub(super) fn place_point_label(
    point: (i32, i32),
    width: f64,
    font: Font,
    frame: Rect,
    taken: &[Rect],
) -> Option<Spot> {
    const OFFSET: i32 = 8;
    let (x, y) = point;
    let spot = |at: (i32, i32), anchor: (HPos, VPos)| Spot {
        at,
        anchor,
        rect: text_box(at, width, font, anchor),
    };
    let candidates = [
        spot((x + OFFSET, y), (HPos::Left, VPos::Center)),
        spot((x - OFFSET, y), (HPos::Right, VPos::Center)),
        spot((x, y - OFFSET), (HPos::Center, VPos::Bottom)),
        spot((x, y + OFFSET), (HPos::Center, VPos::Top)),
        spot((x + OFFSET, y + OFFSET), (HPos::Left, VPos::Top)),
        spot((x - OFFSET, y + OFFSET), (HPos::Right, VPos::Top)),
        spot((x + OFFSET, y - OFFSET), (HPos::Left, VPos::Bottom)),
        spot((x - OFFSET, y - OFFSET), (HPos::Right, VPos::Bottom)),
    ];
    // Widths are estimates, so labels keep a few pixels more apart than they seem to need.
    let free = |s: &Spot| {
        let padded = s.rect.grown(4.0);
        s.rect.inside(&frame) && !taken.iter().any(|t| t.overlaps(&padded))
    };
    candidates.into_iter().find(free)
}

// ---------------------------------------------------------------- legend

/// The x title under and the (rotated) y title beside a plot whose frame is
/// (left, top, right, bottom) in an SVG of the given height.
pub(super) fn draw_axis_titles(
    root: &Canvas<'_>,
    chart: &Chart,
    frame: (i32, i32, i32, i32),
    height: i32,
) -> Result<(), ChartError> {
    let (left, top, right, bottom) = frame;
    let font = Font::new(TITLE_PX, palette::FG);
    let x_title = font.fit(&chart.x_label, f64::from(right - left));
    let x_at = ((left + right) / 2, height - PAD + 2);
    draw_text(root, &x_title, x_at, font, (HPos::Center, VPos::Bottom))?;
    let y_title = font.fit(&chart.y_label, f64::from(bottom - top));
    let y_at = (PAD + TITLE_PX as i32 / 2, (top + bottom) / 2);
    draw_text(
        root,
        &y_title,
        y_at,
        font.upright(),
        (HPos::Center, VPos::Center),
    )
}
