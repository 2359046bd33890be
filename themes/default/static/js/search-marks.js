/*
 * pmo-portal site search — the query's matches found in a page's text and the excerpt
 * shown under a result: the text around the best match, matches wrapped in <mark>.
 * Pure functions over strings, no index and no DOM. Loaded after search-text.js,
 * whose namespace `PmoSearchText` it extends:
 *
 *   PmoSearchText.findMatches(norm, groups)  [start, end, group] intervals
 *   PmoSearchText.excerpt(text, groups)    HTML around the best match
 */
(function (global) {
  'use strict';

  var T = global.PmoSearchText;
  if (!T) throw new Error('search-marks.js needs search-text.js, loaded before it');
  var isCjk = T.isCjk, isWordChar = T.isWordChar, normalize = T.normalize,
    escapeHtml = T.escapeHtml, escapeRegExp = T.escapeRegExp, proseDates = T.proseDates,
    isoDate = T.isoDate;

  /** Characters of text shown around the best match. */
  var EXCERPT_CHARS = 100;

  function isWordAt(s, i) {
    if (i < 0 || i >= s.length) return false;
    var ch = String.fromCodePoint(s.codePointAt(i));
    return !isCjk(ch.codePointAt(0)) && isWordChar(ch);
  }

  /** Match intervals [start, end, group] in the normalized text. */
  function findMatches(norm, groups) {
    var out = [];
    groups.forEach(function (g, gi) {
      var needles = [];
      if (g.type === 'cjk') {
        needles = [g.text];
      } else {
        needles = (g.prefix || g.term !== g.text ? [g.text, g.term] : [g.text]).concat(g.alts || []);
        if (g.code) needles = needles.concat(proseDates((g.alts || []).concat(g.text).filter(isoDate)[0] || ''));
        // A percentage is the same code with a space before its % (`10 %`).
        if (g.code && /\d%$/.test(g.text)) needles.push(g.text.slice(0, -1) + ' %');
      }
      var found = false;
      needles.forEach(function (needle) {
        if (!needle) return;
        var from = 0;
        var n = 0;
        while (n < 200) {
          var at = norm.indexOf(needle, from);
          if (at < 0) break;
          from = at + needle.length;
          if (g.type === 'word') {
            if (isWordAt(norm, at - 1)) continue;
            var end = at + needle.length;
            var exactEnd = !isWordAt(norm, end);
            // A stem reaches into its word (deliver → delivery); a number does not:
            // 20 is not the start of 2024.
            var stemmed = needle === g.term && !/\d$/.test(needle);
            if (!exactEnd && !(g.prefix || stemmed)) continue;
            while (isWordAt(norm, end)) end++;
            out.push([at, end, gi]);
          } else {
            out.push([at, at + needle.length, gi]);
          }
          found = true;
          n++;
        }
      });
      if (!found && g.type === 'cjk' && g.terms.length > 1) {
        // Written with spaces inside (`鲲鹏 收尾` for 鲲鹏收尾: a title's spacing, a
        // wrapped line), as the index reads it too.
        var spaced = new RegExp(Array.from(g.text).map(escapeRegExp).join('[ \\t]*'), 'g');
        var hit;
        var count = 0;
        while (count < 200 && (hit = spaced.exec(norm)) !== null) {
          out.push([hit.index, hit.index + hit[0].length, gi]);
          found = true;
          count++;
        }
      }
      if (!found && g.type === 'cjk' && g.terms.length > 1) {
        // The run does not occur exactly: mark its bigrams.
        g.terms.forEach(function (bg) {
          var from = 0;
          var n = 0;
          while (n < 50) {
            var at = norm.indexOf(bg, from);
            if (at < 0) break;
            out.push([at, at + bg.length, gi]);
            from = at + bg.length;
            n++;
          }
        });
      }
    });
    out.sort(function (a, b) { return (a[0] - b[0]) || (b[1] - a[1]); });
    // Merge overlaps.
    var merged = [];
    out.forEach(function (m) {
      var last = merged[merged.length - 1];
      if (last && m[0] <= last[1]) {
        last[1] = Math.max(last[1], m[1]);
        if (last[3].indexOf(m[2]) < 0) last[3].push(m[2]);
      } else {
        merged.push([m[0], m[1], m[2], [m[2]]]);
      }
    });
    return merged;
  }

  /**
   * HTML of the page's text around its best match. `text` is an excerpt block: the
   * title's line, then the page's prose. The title is shown above the excerpt already,
   * so the excerpt never repeats it: only the prose is quoted.
   */
  function excerpt(text, groups) {
    text = String(text || '');
    var nl = text.indexOf('\n');
    text = nl < 0 ? '' : text.slice(nl + 1);
    var nz = normalize(text);
    var matches = findMatches(nz.text, groups);
    // Back to original indices.
    matches = matches.map(function (m) { return [nz.map[m[0]], nz.map[m[1]], m[3]]; });
    var start, end;
    if (!matches.length) {
      start = 0;
      end = start + EXCERPT_CHARS;
    } else {
      var best = -1, bestScore = -1;
      for (var i = 0; i < matches.length; i++) {
        var ws = Math.max(0, matches[i][0] - 30);
        var seen = {};
        var distinct = 0;
        for (var j = i; j < matches.length && matches[j][1] <= ws + EXCERPT_CHARS; j++) {
          matches[j][2].forEach(function (g) { if (!seen[g]) { seen[g] = true; distinct++; } });
        }
        var score = distinct;
        if (score > bestScore) { bestScore = score; best = i; }
      }
      start = Math.max(0, matches[best][0] - 30);
      // Start after a line break when one is close before the match.
      var lb = text.lastIndexOf('\n', matches[best][0] - 1);
      if (lb >= start) start = lb + 1;
      end = start + EXCERPT_CHARS;
    }
    if (end > text.length) end = text.length;
    // Do not cut surrogate pairs.
    if (start > 0 && /[\uDC00-\uDFFF]/.test(text.charAt(start))) start--;
    if (end < text.length && /[\uDC00-\uDFFF]/.test(text.charAt(end))) end++;
    var html = '';
    var at = start;
    matches.forEach(function (m) {
      if (m[1] <= start || m[0] >= end) return;
      var s = Math.max(m[0], at), e = Math.min(m[1], end);
      if (s < at) return;
      html += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
      at = e;
    });
    html += escapeHtml(text.slice(at, end));
    html = html.replace(/\s*\n+\s*/g, ' · ').replace(/\s+/g, ' ').replace(/^[\s·]+|[\s·]+$/g, '');
    if (start > 0 && text.charAt(start - 1) !== '\n') html = '…' + html;
    if (end < text.length && text.slice(end).trim()) html += '…';
    return html;
  }

  T.findMatches = findMatches;
  T.excerpt = excerpt;
})(typeof window !== 'undefined' ? window : typeof globalThis !== 'undefined' ? globalThis : this);
