//! Drawing a planned x/y chart ([`XyPlan`]): its grid, axes, series, rules and labels.

use super::*;

impl XyPlan {
    pub(super) fn draw_grid(&self, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        let grid = palette::GRID.stroke_width(1);
        for &t in &self.y_ticks.values {
            let path = PathElement::new(vec![(self.x.lo, t), (self.x.hi, t)], grid);
            plot.plotting_area().draw(&path)?;
        }
        if self.categories.is_empty() {
            for &t in &self.x_ticks.values {
                let path = PathElement::new(vec![(t, self.y.lo), (t, self.y.hi)], grid);
                plot.plotting_area().draw(&path)?;
            }
        }
        Ok(())
    }

    /// The x axis along the bottom, a zero line when zero is inside the plot, and small
    /// tick marks under the labelled x positions.
    pub(super) fn draw_axes(
        &self,
        root: &Canvas<'_>,
        plot: &Plot<'_, '_>,
    ) -> Result<(), ChartError> {
        let axis = palette::MUTED.stroke_width(1);
        let area = plot.plotting_area();
        area.draw(&PathElement::new(
            vec![(self.x.lo, self.y.lo), (self.x.hi, self.y.lo)],
            axis,
        ))?;
        if self.y.lo < 0.0 && self.y.hi > 0.0 {
            area.draw(&PathElement::new(
                vec![(self.x.lo, 0.0), (self.x.hi, 0.0)],
                axis,
            ))?;
        }
        for label in &self.x_labels {
            let (px, py) = plot.backend_coord(&(label.x, self.y.lo));
            root.draw(&PathElement::new(vec![(px, py), (px, py + 4)], axis))?;
        }
        Ok(())
    }

    pub(super) fn draw_lines(&self, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        for line in &self.lines {
            let path: Vec<(f64, f64)> = line.points.iter().map(|p| (p.x, p.y)).collect();
            if path.len() > 1 {
                let stroke = line.color.stroke_width(2);
                plot.plotting_area().draw(&PathElement::new(path, stroke))?;
            }
            draw_markers(plot, line, 3)?;
        }
        Ok(())
    }

    /// Each series as a translucent band down to zero with its line on top, so that
    /// overlapping areas stay visible.
    pub(super) fn draw_areas(&self, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        for line in &self.lines {
            if let (Some(first), Some(last)) = (line.points.first(), line.points.last()) {
                let mut outline = vec![(first.x, 0.0)];
                outline.extend(line.points.iter().map(|p| (p.x, p.y)));
                outline.push((last.x, 0.0));
                let fill = line.color.mix(0.2).filled();
                plot.plotting_area().draw(&Polygon::new(outline, fill))?;
            }
        }
        self.draw_lines(plot)
    }

    /// Bars side by side within each category (or x value), in series order. Each group
    /// holds only the series that have a value there and is centred on its category, and
    /// all bars are as wide as the fullest group allows, so sparse data (one series per
    /// category) gets full-width bars rather than thin ones beside empty slots.
    pub(super) fn draw_bars(&self, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        let groups = bar_groups(&self.lines);
        let count = groups.iter().map(|g| g.1.len()).max().unwrap_or(1) as f64;
        let width = (self.slot * 0.7 / count).min(self.units(MAX_BAR_PX));
        let gap = if count > 1.0 { width * 0.08 } else { 0.0 };
        for (x, members) in groups {
            let start = x - width * members.len() as f64 / 2.0;
            for (k, (series, y)) in members.into_iter().enumerate() {
                let x0 = start + k as f64 * width;
                let style = self.lines[series].color.filled();
                let bar = Rectangle::new([(x0 + gap, 0.0), (x0 + width - gap, y)], style);
                plot.plotting_area().draw(&bar)?;
            }
        }
        Ok(())
    }

    /// One bar per x value with the series stacked in order: positive values upwards from
    /// zero, negative ones downwards, so that a negative never hides a positive.
    pub(super) fn draw_stacked_bars(&self, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        let half = (self.slot * 0.3).min(self.units(MAX_BAR_PX) / 2.0);
        let mut stacks = Stacks::default();
        for line in &self.lines {
            let style = line.color.filled();
            for p in &line.points {
                let (bottom, top) = stacks.push(p.x, p.y);
                let bar = Rectangle::new([(p.x - half, bottom), (p.x + half, top)], style);
                plot.plotting_area().draw(&bar)?;
            }
        }
        Ok(())
    }

    pub(super) fn draw_scatter(&self, plot: &Plot<'_, '_>) -> Result<(), ChartError> {
        for line in &self.lines {
            draw_markers(plot, line, 5)?;
        }
        Ok(())
    }

    /// Dashed reference lines across the whole plot, each labelled at its end inside the
    /// plot: horizontal ones at the right end above the line, vertical ones at the top.
    /// Returns the boxes of the labels.
    pub(super) fn draw_rules(
        &self,
        root: &Canvas<'_>,
        plot: &Plot<'_, '_>,
        chart: &Chart,
    ) -> Result<Vec<Rect>, ChartError> {
        let mut boxes = Vec::new();
        let (left, top, right, _) = self.frame();
        let font = Font::new(TICK_PX, palette::FG);
        let dashed = DASHED.stroke_width(1);
        let data = self.data_segments(plot);
        for rule in rules(chart, true) {
            let path = vec![(self.x.lo, rule.value), (self.x.hi, rule.value)];
            plot.plotting_area().draw(&PathElement::new(path, dashed))?;
            let (_, y) = plot.backend_coord(&(self.x.lo, rule.value));
            let text = font.fit(&rule.label, f64::from(right - left) * 0.6);
            let width = font.width(&text);
            let room_above = y - top >= TICK_PX as i32 + 6;
            // At the right end above the line, else below it, else at the left end: the
            // first spot no data line runs through (a BAC label under the AC line hides
            // the overrun it should show); the usual spot when every one is crossed.
            let spots = [
                ((right - 4, y - 3), (HPos::Right, VPos::Bottom)),
                ((right - 4, y + 4), (HPos::Right, VPos::Top)),
                ((left + 4, y - 3), (HPos::Left, VPos::Bottom)),
                ((left + 4, y + 4), (HPos::Left, VPos::Top)),
            ];
            let usable = |(at, _): &((i32, i32), (HPos, VPos))| room_above || at.1 > y;
            let clear = |(at, anchor): &((i32, i32), (HPos, VPos))| {
                let b = text_box(*at, width, font, *anchor).grown(2.0);
                !data.iter().any(|&(a, z)| crosses(&b, a, z))
            };
            let (at, anchor) = spots
                .iter()
                .filter(|s| usable(s))
                .find(|s| clear(s))
                .or_else(|| spots.iter().find(|s| usable(s)))
                .copied()
                .unwrap_or(spots[1]);
            boxes.push(draw_backed_text(root, &text, at, font, anchor)?);
        }
        for rule in rules(chart, false) {
            let path = vec![(rule.value, self.y.lo), (rule.value, self.y.hi)];
            plot.plotting_area().draw(&PathElement::new(path, dashed))?;
            let (x, _) = plot.backend_coord(&(rule.value, self.y.lo));
            let text = font.fit(&rule.label, f64::from(right - left) * 0.45);
            let fits_right = f64::from(x + 4) + font.width(&text) <= f64::from(right);
            let (tx, h) = if fits_right {
                (x + 4, HPos::Left)
            } else {
                (x - 4, HPos::Right)
            };
            boxes.push(draw_backed_text(
                root,
                &text,
                (tx, top + 4),
                font,
                (h, VPos::Top),
            )?);
        }
        Ok(boxes)
    }

    /// The data as drawn, in canvas pixels: each line's segments, or each point (a
    /// segment of no length) for bars and scatters.
    fn data_segments(&self, plot: &Plot<'_, '_>) -> Vec<((f64, f64), (f64, f64))> {
        let px = |p: &Pt| {
            let (x, y) = plot.backend_coord(&(p.x, p.y));
            (f64::from(x), f64::from(y))
        };
        let joined = matches!(self.kind, ChartKind::Line | ChartKind::Area);
        let mut out = Vec::new();
        for line in &self.lines {
            let points: Vec<(f64, f64)> = line.points.iter().map(px).collect();
            if joined && points.len() > 1 {
                out.extend(points.windows(2).map(|w| (w[0], w[1])));
            } else {
                out.extend(points.iter().map(|&p| (p, p)));
            }
        }
        out
    }

    pub(super) fn draw_y_labels(
        &self,
        root: &Canvas<'_>,
        plot: &Plot<'_, '_>,
    ) -> Result<(), ChartError> {
        let (left, ..) = self.frame();
        let font = Font::new(TICK_PX, palette::MUTED);
        let room = self.y_label_room;
        for (&t, label) in self.y_ticks.values.iter().zip(&self.y_labels) {
            let (_, y) = plot.backend_coord(&(self.x.lo, t));
            let text = font.fit(label, room);
            draw_text(
                root,
                &text,
                (left - 8, y),
                font,
                (HPos::Right, VPos::Center),
            )?;
        }
        Ok(())
    }

    pub(super) fn draw_x_labels(
        &self,
        root: &Canvas<'_>,
        plot: &Plot<'_, '_>,
    ) -> Result<(), ChartError> {
        let (.., bottom) = self.frame();
        let font = Font::new(TICK_PX, palette::MUTED);
        for label in &self.x_labels {
            let (px, _) = plot.backend_coord(&(label.x, self.y.lo));
            draw_text(
                root,
                &label.text,
                (px, bottom + 7 + label.row * X_LABEL_ROW),
                font,
                (HPos::Center, VPos::Top),
            )?;
        }
        Ok(())
    }

    /// Scatter labels beside their points, each at the first spot that stays inside the
    /// plot and off earlier labels (`taken` starts with the rule labels) and the other
    /// points, shortened when
    /// only a shorter one fits; a label with no such spot is left out rather than drawn
    /// over another.
    pub(super) fn draw_point_labels(
        &self,
        root: &Canvas<'_>,
        plot: &Plot<'_, '_>,
        mut taken: Vec<Rect>,
    ) -> Result<(), ChartError> {
        let (left, top, right, bottom) = self.frame();
        let frame = Rect::new(
            f64::from(left),
            f64::from(top),
            f64::from(right),
            f64::from(bottom),
        );
        let font = Font::new(POINT_LABEL_PX, palette::FG);
        let room = self.layout.label_room().0;
        let points: Vec<&Pt> = self.lines.iter().flat_map(|l| &l.points).collect();
        let markers: Vec<(i32, i32)> = points
            .iter()
            .map(|p| plot.backend_coord(&(p.x, p.y)))
            .collect();
        for (p, &at) in points.into_iter().zip(&markers) {
            // Clear of the other points too: a label that touches another point reads
            // as that point's.
            let mut avoid = taken.clone();
            avoid.extend(markers.iter().filter(|&&m| m != at).map(|&(x, y)| {
                let (x, y) = (f64::from(x), f64::from(y));
                Rect::new(x - 5.0, y - 5.0, x + 5.0, y + 5.0)
            }));
            // The whole label where it fits, else its start (a project is known by the
            // first characters of its name), else none.
            let placed = [room, room * 0.5].into_iter().find_map(|room| {
                let text = font.fit(&p.label, room);
                let spot = place_point_label(at, font.width(&text), font, frame, &avoid)?;
                (!text.is_empty()).then_some((text, spot))
            });
            let Some((text, spot)) = placed else {
                continue;
            };
            taken.push(spot.rect);
            draw_backed_text(root, &text, spot.at, font, spot.anchor)?;
        }
        Ok(())
    }
}

/// The bars of a grouped bar chart by x value, in order of first appearance: for each x,
/// the series (by index) that have a value there, with the value.
pub(super) fn bar_groups(lines: &[Line]) -> Vec<(f64, Vec<(usize, f64)>)> {
    let mut groups: Vec<(f64, Vec<(usize, f64)>)> = Vec::new();
    for (series, line) in lines.iter().enumerate() {
        for p in &line.points {
            match groups.iter_mut().find(|g| g.0 == p.x) {
                Some(group) => group.1.push((series, p.y)),
                None => groups.push((p.x, vec![(series, p.y)])),
            }
        }
    }
    groups
}

/// Point markers: filled circles, omitted on dense series.
pub(super) fn draw_markers(
    plot: &Plot<'_, '_>,
    line: &Line,
    radius: u32,
) -> Result<(), ChartError> {
    if line.points.len() > MAX_MARKERS && radius < 5 {
        return Ok(());
    }
    let style = line.color.filled();
    for p in &line.points {
        plot.plotting_area()
            .draw(&Circle::new((p.x, p.y), radius, style))?;
    }
    Ok(())
}

// ---------------------------------------------------------------- label placement

/// Whether the segment from `a` to `z` passes through `b` (sampled every pixel or so:
/// boxes are label-sized, segments a few hundred pixels at most).
fn crosses(b: &Rect, a: (f64, f64), z: (f64, f64)) -> bool {
    let steps = ((z.0 - a.0).abs().max((z.1 - a.1).abs()).ceil() as usize).clamp(1, 4096);
    (0..=steps).any(|i| {
        let t = i as f64 / steps as f64;
        let (x, y) = (a.0 + (z.0 - a.0) * t, a.1 + (z.1 - a.1) * t);
        x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_crosses_a_box_it_passes_through_and_not_one_it_passes_by() {
        let b = Rect::new(100.0, 10.0, 200.0, 24.0);
        // The AC line climbing through a label at the right end of the BAC rule.
        assert!(crosses(&b, (50.0, 60.0), (250.0, 0.0)));
        assert!(!crosses(&b, (50.0, 60.0), (250.0, 40.0)), "below it");
        assert!(crosses(&b, (150.0, 20.0), (150.0, 20.0)), "a point inside");
        assert!(!crosses(&b, (10.0, 20.0), (10.0, 20.0)), "a point outside");
    }
}
