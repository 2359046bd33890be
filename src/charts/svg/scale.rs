//! Axis scales: value spans, round tick steps and compact tick labels.

/// A finite interval of data values, never empty.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Span {
    pub(super) lo: f64,
    pub(super) hi: f64,
}

impl Span {
    pub(super) fn around(values: impl IntoIterator<Item = f64>) -> Option<Span> {
        values.into_iter().fold(None, |span, v| {
            Some(match span {
                None => Span { lo: v, hi: v },
                Some(s) => s.with(v),
            })
        })
    }

    pub(super) fn with(self, v: f64) -> Span {
        Span {
            lo: self.lo.min(v),
            hi: self.hi.max(v),
        }
    }

    pub(super) fn width(self) -> f64 {
        self.hi - self.lo
    }

    /// Gives a single value some room around it, since a zero-width axis cannot be drawn.
    pub(super) fn opened(self) -> Span {
        if self.width() > 0.0 {
            return self;
        }
        let d = if self.lo == 0.0 {
            1.0
        } else {
            self.lo.abs() * 0.1
        };
        Span {
            lo: self.lo - d,
            hi: self.hi + d,
        }
    }

    /// Adds `frac` of the width on both sides — except on a side that is exactly zero when
    /// `zero_based`, because bars and areas must stand on the plot's edge, not float above it.
    pub(super) fn padded(self, frac: f64, zero_based: bool) -> Span {
        let pad = self.width() * frac;
        Span {
            lo: if zero_based && self.lo == 0.0 {
                0.0
            } else {
                self.lo - pad
            },
            hi: if zero_based && self.hi == 0.0 {
                0.0
            } else {
                self.hi + pad
            },
        }
    }
}

/// Evenly spaced round values inside a span.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Ticks {
    pub(super) values: Vec<f64>,
    pub(super) step: f64,
}

/// About `target` ticks at multiples of 1, 2, 2.5 or 5 × 10ⁿ within `span`. `whole` keeps
/// the step at 1 or more, for axes of counts or years where 2021.5 would make no sense.
pub(super) fn nice_ticks(span: Span, target: usize, whole: bool) -> Ticks {
    let raw = span.width() / target.max(1) as f64;
    if !(raw.is_finite() && raw > 0.0) {
        return Ticks {
            values: vec![span.lo],
            step: 1.0,
        };
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw * 0.999)
        .unwrap_or(10.0 * magnitude);
    let step = if whole && step < 1.0 { 1.0 } else { step };
    let first = (span.lo / step).ceil();
    let last = (span.hi / step).floor();
    let count = last - first + 1.0;
    if !(1.0..=100.0).contains(&count) {
        return Ticks {
            values: vec![span.lo, span.hi],
            step: span.width(),
        };
    }
    let values = (0..count as usize)
        .map(|i| (first + i as f64) * step)
        .collect();
    Ticks { values, step }
}

/// Whether every value is a whole number (and there is at least one).
pub(super) fn all_whole(values: impl IntoIterator<Item = f64>) -> bool {
    let mut any = false;
    for v in values {
        if v.fract() != 0.0 {
            return false;
        }
        any = true;
    }
    any
}

/// How the numbers of one axis are written; one style per axis so its ticks read alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NumberStyle {
    /// K, M or B suffixes: `850K`, `1.2M`.
    pub(super) compact: bool,
    /// Commas between thousands: `32,000`.
    pub(super) grouped: bool,
}

impl NumberStyle {
    /// Axes that reach a million use suffixes so that labels stay short; axes that reach
    /// ten thousand group digits. Four-digit axes do neither, so years read `2024`.
    pub(super) fn for_values(values: &[f64]) -> NumberStyle {
        let largest = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        NumberStyle {
            compact: largest >= 1e6,
            grouped: largest >= 1e4,
        }
    }
}

/// The tick labels of one axis, each with as many decimals as the tick step needs and
/// no fewer: `0.98` beside `1` read as two kinds of number, so the axis says `1.00`.
pub(super) fn tick_labels(ticks: &Ticks) -> Vec<String> {
    let style = NumberStyle::for_values(&ticks.values);
    ticks
        .values
        .iter()
        .map(|&v| format_tick(v, ticks.step, style))
        .collect()
}

pub(super) fn format_tick(v: f64, step: f64, style: NumberStyle) -> String {
    if style.compact {
        for (unit, suffix) in [(1e9, "B"), (1e6, "M"), (1e3, "K")] {
            if v.abs() >= unit {
                let decimals = decimals_for(step / unit).min(3);
                return format!("{}{suffix}", fixed_decimals(v / unit, decimals, true));
            }
        }
    }
    fixed_decimals(v, decimals_for(step), style.grouped)
}

/// `v` with exactly `decimals` decimals (`format_number` trims trailing zeros), so that
/// the ticks of one axis all show the same count.
fn fixed_decimals(v: f64, decimals: usize, grouped: bool) -> String {
    let trimmed = format_number(v, decimals, grouped);
    if decimals == 0 {
        return trimmed;
    }
    let (int, frac) = trimmed.split_once('.').unwrap_or((trimmed.as_str(), ""));
    format!("{int}.{frac:0<decimals$}")
}

/// The decimals needed to write multiples of `step` exactly (at most 6).
pub(super) fn decimals_for(step: f64) -> usize {
    (0..6)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() <= 1e-6 * scaled.abs().max(1.0)
        })
        .unwrap_or(6)
}

/// `v` with at most `decimals` decimals, trailing zeros trimmed, and if `grouped` a comma
/// between thousands: `3,200,000`, `0.85`, `-12.5`.
pub(super) fn format_number(v: f64, decimals: usize, grouped: bool) -> String {
    let fixed = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match fixed.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (fixed.as_str(), ""),
    };
    let mut out = String::new();
    if v < 0.0 && (int.bytes().any(|b| b != b'0') || !frac.is_empty()) {
        out.push('-');
    }
    for (i, digit) in int.chars().enumerate() {
        if grouped && i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

// ---------------------------------------------------------------- data
