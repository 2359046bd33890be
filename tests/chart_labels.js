// Measures the labels of every chart on the page as the browser lays them out (issue 13
// point 7, issue 17 point 4). Shared by tests/charts.rs, tests/phone.rs and
// bench/chart_labels.py, which put it into a page and read `chartLabels()`'s JSON.
//
// A label's box is where its glyphs are: across, the advance the browser gives the text;
// up and down, the ink of the glyphs (canvas measureText with the same font) from the
// baseline, so two rows of labels whose line boxes touch but whose letters do not are
// not counted. Rotated labels (the y axis title) use their bounding rectangle.
//
// Returns { charts, texts, overlaps: [[chart, a, b, w, h]], outside: [[chart, text]],
//           smallest: [[chart, text, px]] } over the visible charts; `smallest` lists
// the texts drawn below `minPx` screen pixels.
function chartLabels(minPx) {
  const ctx = document.createElement('canvas').getContext('2d');
  const visible = (el) => el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0;
  const out = { charts: 0, texts: 0, overlaps: [], outside: [], smallest: [] };
  const svgs = [...document.querySelectorAll('svg.chart')].filter(visible);
  svgs.forEach((svg, n) => {
    out.charts += 1;
    const name = (svg.closest('[data-chart-source]') || {}).dataset?.chartSource
      || svg.getAttribute('aria-labelledby') || String(n);
    const frame = svg.getBoundingClientRect();
    const boxes = [];
    for (const t of svg.querySelectorAll('text')) {
      const text = t.textContent;
      if (!text.trim()) continue;
      out.texts += 1;
      const ctm = t.getScreenCTM();
      const scale = Math.hypot(ctm.a, ctm.b);
      const style = getComputedStyle(t);
      const size = parseFloat(style.fontSize);
      if (size * scale < minPx) out.smallest.push([name, text, +(size * scale).toFixed(1)]);
      const r = t.getBoundingClientRect();
      let box;
      if (t.hasAttribute('transform') || Math.abs(ctm.b) > 1e-6) {
        box = [r.left, r.top, r.right, r.bottom];
      } else {
        ctx.font = `${style.fontWeight} ${size}px ${style.fontFamily}`;
        const m = ctx.measureText(text);
        const p = t.getStartPositionOfChar(0);
        const base = ctm.b * p.x + ctm.d * p.y + ctm.f;
        box = [r.left, base - m.actualBoundingBoxAscent * scale, r.right,
               base + m.actualBoundingBoxDescent * scale];
      }
      if (box[0] < frame.left - 1 || box[2] > frame.right + 1 ||
          box[1] < frame.top - 1 || box[3] > frame.bottom + 1) {
        out.outside.push([name, text]);
      }
      for (const [other, b] of boxes) {
        const w = Math.min(box[2], b[2]) - Math.max(box[0], b[0]);
        const h = Math.min(box[3], b[3]) - Math.max(box[1], b[1]);
        if (w > 0.5 && h > 0.5) out.overlaps.push([name, other, text, +w.toFixed(1), +h.toFixed(1)]);
      }
      boxes.push([text, box]);
    }
  });
  return JSON.stringify(out);
}
