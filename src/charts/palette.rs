//! Chart colours: the light palette of the default theme
//! (`themes/default/static/css/style.css`), as plain colours.
//!
//! Charts use fixed colours rather than `var(--chart-1)` because an SVG may be opened on its
//! own, printed, or copied into a slide, where the page's custom properties do not exist.
//! The charts always sit on their own white background, so the light palette stays legible
//! when the page around them is in dark mode.

use plotters::style::RGBColor;

/// `--chart-1` … `--chart-6`, in series order.
pub const SERIES: [RGBColor; 6] = [
    RGBColor(0x1f, 0x5e, 0x99),
    RGBColor(0xe0, 0x8a, 0x00),
    RGBColor(0x2f, 0x8f, 0x5b),
    RGBColor(0xb3, 0x26, 0x1e),
    RGBColor(0x6b, 0x4f, 0xa0),
    RGBColor(0x5a, 0x66, 0x75),
];

/// `--bg`: the chart background, white so that charts print and read in dark mode.
pub const BACKGROUND: RGBColor = RGBColor(0xff, 0xff, 0xff);
/// `--fg`: axis titles and point labels.
pub const FG: RGBColor = RGBColor(0x1d, 0x27, 0x33);
/// `--muted`: tick labels, reference lines and the x axis.
pub const MUTED: RGBColor = RGBColor(0x5a, 0x66, 0x75);
/// `--surface-2`: grid lines, faint enough not to compete with the data.
pub const GRID: RGBColor = RGBColor(0xea, 0xee, 0xf3);
/// `--neutral-bg`: heatmap cells with nothing in them.
pub const EMPTY_CELL: RGBColor = RGBColor(0xec, 0xef, 0xf3);

/// `--rag-green`, `--rag-amber`, `--rag-red`: the theme's status colours (text strength).
pub const RAG_GREEN: RGBColor = RGBColor(0x1d, 0x7a, 0x3e);
/// Amber bars take the bright `--chart-2` (see below); this text colour is only held to
/// its contrast with the others.
#[cfg(test)]
pub const RAG_AMBER: RGBColor = RGBColor(0x8a, 0x53, 0x00);
pub const RAG_RED: RGBColor = RGBColor(0xb3, 0x26, 0x1e);

/// The heatmap ramp: low → green, middle → amber, high → red. The middle stop is the
/// theme's bright amber (`--chart-2`) because `--rag-amber` is a dark text colour that
/// would turn the middle of the ramp brown.
const RAMP: [RGBColor; 3] = [RAG_GREEN, SERIES[1], RAG_RED];

/// The fill of a RAG status's bars: the theme's status colours, with the bright amber
/// for amber (as in the heatmap ramp: `--rag-amber` is a dark text colour).
pub fn rag(rag: crate::content::schema::Rag) -> RGBColor {
    use crate::content::schema::Rag;
    match rag {
        Rag::Green => RAG_GREEN,
        Rag::Amber => SERIES[1],
        Rag::Red => RAG_RED,
    }
}

/// The fill of a series' tone: its status's colour, grey for what has none.
pub fn tone(tone: crate::charts::model::Tone) -> RGBColor {
    match tone {
        crate::charts::model::Tone::Rag(r) => rag(r),
        crate::charts::model::Tone::Unrated => MUTED,
    }
}

/// The series colours a site's charts are drawn in: site.toml's `chart_colors`, else
/// the theme's six. RAG series keep their status colours either way.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette(Vec<RGBColor>);

impl Default for Palette {
    fn default() -> Palette {
        Palette(SERIES.to_vec())
    }
}

impl Palette {
    /// The palette of `colors` (red, green, blue), the theme's when there are none.
    pub fn new(colors: &[[u8; 3]]) -> Palette {
        if colors.is_empty() {
            return Palette::default();
        }
        Palette(colors.iter().map(|&[r, g, b]| RGBColor(r, g, b)).collect())
    }

    /// The colour of series number `index`; the colours repeat for more series.
    pub fn series(&self, index: usize) -> RGBColor {
        // Never empty: `new` falls back to the theme's colours.
        self.0[index % self.0.len()]
    }
}

/// The heatmap colour at `t` in 0..=1 along green → amber → red (clamped; NaN is amber).
pub fn heat(t: f64) -> RGBColor {
    let t = if t.is_nan() { 0.5 } else { t.clamp(0.0, 1.0) };
    if t <= 0.5 {
        mix(RAMP[0], RAMP[1], t * 2.0, 0.35)
    } else {
        mix(RAMP[1], RAMP[2], (t - 0.5) * 2.0, 0.0)
    }
}

/// Blend of two colours through hue, saturation and lightness, `t` = 0 giving `a`. Mixing
/// in RGB would pass green → amber through a muddy olive; going round the hue wheel passes
/// through yellow-green instead. `soften` (0..1) lowers the saturation between the stops,
/// which the green → amber half needs so that its middle does not turn neon.
fn mix(a: RGBColor, b: RGBColor, t: f64, soften: f64) -> RGBColor {
    let (ha, sa, la) = to_hsl(a);
    let (hb, sb, lb) = to_hsl(b);
    let lerp = |x: f64, y: f64| x + (y - x) * t;
    let ease = 1.0 - soften * 4.0 * t * (1.0 - t);
    from_hsl(lerp(ha, hb), lerp(sa, sb) * ease, lerp(la, lb))
}

/// Hue in degrees (0..360), saturation and lightness in 0..=1.
fn to_hsl(c: RGBColor) -> (f64, f64, f64) {
    let [r, g, b] = [c.0, c.1, c.2].map(|v| f64::from(v) / 255.0);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let l = (max + min) / 2.0;
    let d = max - min;
    if d == 0.0 {
        return (0.0, 0.0, l);
    }
    let s = d / (1.0 - (2.0 * l - 1.0).abs());
    let h = if max == r {
        ((g - b) / d).rem_euclid(6.0)
    } else if max == g {
        (b - r) / d + 2.0
    } else {
        (r - g) / d + 4.0
    };
    (h * 60.0, s, l)
}

fn from_hsl(h: f64, s: f64, l: f64) -> RGBColor {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let h = h.rem_euclid(360.0) / 60.0;
    let x = c * (1.0 - (h.rem_euclid(2.0) - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    let channel = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    RGBColor(channel(r), channel(g), channel(b))
}

/// The text colour (white or [`FG`]) with the better WCAG contrast on `background`.
pub fn text_on(background: RGBColor) -> RGBColor {
    let bg = luminance(background);
    let on_white = (1.0 + 0.05) / (bg + 0.05);
    let on_dark = (bg + 0.05) / (luminance(FG) + 0.05);
    if on_white >= on_dark {
        BACKGROUND
    } else {
        FG
    }
}

/// WCAG relative luminance.
fn luminance(c: RGBColor) -> f64 {
    crate::colour::luminance([c.0, c.1, c.2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_palette_replaces_the_series_colours_and_repeats() {
        let site = Palette::new(&[[0x9c, 0x2a, 0x2a], [0xf2, 0xa9, 0x00]]);
        assert_eq!(site.series(0), RGBColor(0x9c, 0x2a, 0x2a));
        assert_eq!(site.series(3), RGBColor(0xf2, 0xa9, 0x00));
        assert_eq!(Palette::new(&[]), Palette::default());
        assert_eq!(Palette::default().series(7), SERIES[1]);
    }

    #[test]
    fn series_colours_repeat() {
        let theme = Palette::default();
        assert_eq!(theme.series(0), SERIES[0]);
        assert_eq!(theme.series(6), SERIES[0]);
        assert_eq!(theme.series(7), SERIES[1]);
    }

    #[test]
    fn ramp_ends_are_the_rag_colours() {
        assert_eq!(heat(0.0), RAG_GREEN);
        assert_eq!(heat(0.5), SERIES[1]);
        assert_eq!(heat(1.0), RAG_RED);
        assert_eq!(heat(-3.0), RAG_GREEN);
        assert_eq!(heat(f64::NAN), SERIES[1]);
    }

    #[test]
    fn hsl_round_trips_the_theme_colours() {
        for c in SERIES
            .into_iter()
            .chain([RAG_GREEN, RAG_AMBER, EMPTY_CELL, FG])
        {
            let (h, s, l) = to_hsl(c);
            assert_eq!(from_hsl(h, s, l), c);
        }
    }

    #[test]
    fn text_colour_contrasts_with_the_cell() {
        assert_eq!(text_on(RAG_RED), BACKGROUND);
        assert_eq!(text_on(EMPTY_CELL), FG);
        assert_eq!(text_on(SERIES[1]), FG);
    }
}
