/*
 * pmo-portal site search: scoring and ranking: a page's weight for a term, whether it
 * holds a query's runs (bigrams and their places), the matches of a query's groups and
 * their order.
 *
 * One of the files of the search client, each loaded after the one before it (see
 * search.js, the API, for the whole list); they share their functions through
 * `PmoSearchParts`.
 */
(function (global) {
  'use strict';

  var P = global.PmoSearchParts;
  if (!P || P.files.indexOf('search-load.js') < 0) {
    throw new Error('search-rank.js needs search-load.js, loaded before it');
  }

  var numbers = P.numbers, slot = P.slot, store = P.store;

  // ---------------------------------------------------------------- scoring

  /** A term's score in a document: its idf times the impact the index stored. */
  function weight(p, k, meta) {
    if (p.idf < 0) {
      var df = p.docs.length;
      p.idf = Math.log(1 + (meta.n - df + 0.5) / (df + 0.5));
    }
    return p.idf * p.impacts[k];
  }

  /**
   * Whether document d holds CJK group g: every word of the run. Without a dictionary the
   * words are read off the page's own bigrams: the run splits where the page lacks a
   * bigram, and each piece must be a word of two characters or more. So 供应商延期 finds
   * a page holding 供应商 and 延期 apart (商延 missing), but not one holding only 供 应 商
   * 延 期 scattered. A page holding the whole run holds every bigram. 0 when d does not
   * hold it, 1 when it does, MAYBE when only a common bigram left unloaded (null) can
   * tell: 风险 of 供应商延期风险 in a page lacking 期风 is a word of its own, which the
   * page may lack.
   */
  function holdsRun(g, d) {
    var ps = g.postings;
    var m = ps.length;
    var out = 1;
    var a = heldBigram(ps[0], d), b = heldBigram(ps[m - 1], d);
    if (!a || !b) return 0;
    if (a === MAYBE || b === MAYBE) out = MAYBE;
    for (var i = 1; i < m; i++) {
      var prev = heldBigram(ps[i - 1], d);
      var here = heldBigram(ps[i], d);
      if (here === 1 || prev === 1) continue;
      if (!here && !prev) return 0;
      out = MAYBE;
    }
    return out;
  }

  /** What holdsRun says of a page a common bigram left unloaded must settle. */
  var MAYBE = 2;

  /** 1 when d holds a bigram, 0 when not, MAYBE for a common bigram left unloaded (null). */
  function heldBigram(p, d) { return p === null ? MAYBE : slot(p, d) >= 0 ? 1 : 0; }

  /** The documents that may hold group g: a superset, to be checked one by one. */
  function sourceDocs(g) {
    if (g.type !== 'cjk') return g.expansions;
    var a = g.postings[0], b = g.postings[g.postings.length - 1];
    return [b === null || a.docs.length <= b.docs.length ? a : b];
  }

  function holds(g, d) {
    if (g.type === 'cjk') return holdsRun(g, d);
    for (var e = 0; e < g.expansions.length; e++) if (slot(g.expansions[e], d) >= 0) return true;
    return false;
  }

  /**
   * Every matching document, as a list of matches {d, score, title, exact, near, links}
   * in ascending d. `score` is BM25 (idf × the impacts the index stored); `near` the
   * share of the query's neighbours that are neighbours in the page too — a run's
   * bigrams, and the pair or bigram joining two query groups — and `exact` when all are;
   * `title` when the page's title is the query. `dated`, the postings of the date the
   * query is (2024年4月 → 2024-04) or null: a page whose dates show it holds the query
   * exactly, though its text, which verify reads, may not (a date printed in its
   * metadata).
   */
  /** What the parts of a date typed 2026年3月 add to a page showing it (see match). */
  var DATE_PARTS = 0.01;

  function match(groups, meta, titleDocs, dated) {
    var candidates = null;   // ascending docs
    var i, j, k, d;
    // A document must match every group; start from the rarest.
    var order = groups.slice().sort(function (a, b) { return a.df - b.df; });
    for (i = 0; i < order.length; i++) {
      var g = order[i];
      var docs = [];
      if (candidates === null) {
        var lists = sourceDocs(g);
        for (j = 0; j < lists.length; j++) {
          var p = lists[j];
          for (k = 0; k < p.docs.length; k++) {
            d = p.docs[k];
            if (g.type === 'cjk' && !holdsRun(g, d)) continue;
            docs.push(d);
          }
        }
        // A prefix's expansions may share pages.
        if (lists.length > 1) docs = ascendingUnique(docs);
      } else {
        for (k = 0; k < candidates.length; k++) if (holds(g, candidates[k])) docs.push(candidates[k]);
      }
      candidates = docs;
    }
    candidates = candidates || [];
    // A page titled as the query is a result even where its title's punctuation split
    // the query's words apart.
    var titled = Object.keys(titleDocs).map(Number);
    if (dated) titled = titled.concat(Array.prototype.slice.call(dated.docs));
    if (titled.length) candidates = ascendingUnique(candidates.concat(titled));
    var links = 0;
    for (i = 0; i < groups.length; i++) {
      if (groups[i].type === 'cjk' && groups[i].terms.length > 1) links += groups[i].terms.length;
      if (groups[i].nextTerm) links++;
    }
    var out = new Array(candidates.length);
    for (i = 0; i < candidates.length; i++) {
      d = candidates[i];
      var total = 0;
      var near = 0;
      var gaps = 0;   // gap bigrams (see prepare) the page lacks: they may meet across a mark
      var unsure = false;
      var whole = true;   // no word being typed matched only as the start of a longer one
      for (j = 0; j < groups.length; j++) {
        var gr = groups[j];
        if (gr.type === 'cjk') {
          var many = gr.terms.length > 1;
          if (gr.postings.indexOf(null) >= 0 && holdsRun(gr, d) === MAYBE) unsure = true;
          for (var t = 0; t < gr.postings.length; t++) {
            var pt = gr.postings[t];
            if (pt === null) {
              if (many) near++;
              continue;
            }
            k = slot(pt, d);
            if (k < 0) continue;
            total += weight(pt, k, meta);
            if (many) near++;
          }
        } else {
          // A page holding the word as typed scores by it; one holding only longer
          // words it starts, by the best of them. Not the best of all: a page dated
          // 2026-10-23 (a day on one page, a high idf) outscored the report titled
          // with the month 2026-10 typed.
          var s = 0;
          var typed = 0;
          var held = !gr.prefix;
          var asWritten = gr.prefix ? forms(gr) : null;
          for (var e = 0; e < gr.expansions.length; e++) {
            var q = gr.expansions[e];
            var x = slot(q, d);
            if (x < 0) continue;
            var w = weight(q, x, meta);
            // The word typed, or typed another way (2026/10 is 2026-10).
            var asTyped = asWritten !== null && asWritten.indexOf(gr.expanded[e]) >= 0;
            s = Math.max(s, w);
            if (asTyped) typed = Math.max(typed, w);
            if (!held) held = asTyped;
          }
          total += gr.prefix && typed > 0 ? typed : s;
          if (!held) whole = false;
        }
        if (gr.next && slot(gr.next, d) >= 0) near++;
        else if (gr.gap) gaps++;
      }
      // A page showing the date is exact; those holding it as typed (near) come first.
      // It scores by the date, as `2026-03` typed so: its own date (metadata) before
      // the dates it shows of other things. Its parts (2026, 年, 3, 月) only break ties:
      // scattered through a project's long page, they put two projects above the
      // lessons dated that month.
      var shows = dated ? slot(dated, d) : -1;
      if (shows >= 0) total = weight(dated, shows, meta) + total * DATE_PARTS;
      var m = {
        d: d, score: total, title: titleDocs[d] === true, exact: near + gaps === links || shows >= 0,
        near: links ? near / links : 1, links: links, verified: shows >= 0 ? true : undefined,
        unsure: unsure, whole: whole, key: 0
      };
      m.key = sortKey(m);
      out[i] = m;
    }
    return out;
  }

  /** Numbers sorted ascending, each once. */
  function ascendingUnique(xs) {
    xs.sort(function (a, b) { return a - b; });
    var out = [];
    for (var i = 0; i < xs.length; i++) if (i === 0 || xs[i] !== xs[i - 1]) out.push(xs[i]);
    return out;
  }

  /**
   * A match's tier by its text: 2 when the page holds every neighbour of the query (and,
   * once its text was read, the query's exact text), 1 when it holds every neighbour but
   * its text did not show the query whole (the neighbours met elsewhere: 阶段关口 and
   * 关口评审 are not 阶段关口评审), 0 otherwise.
   */
  function tier(m) { return m.exact ? (m.verified === false ? 1 : 2) : 0; }

  /**
   * A match's title and tier as one number, for sorting (exact title first); in each,
   * the pages whose title was read to hold the query's exact text (`inTitle`, set by
   * verify) first: the lesson titled …三波迁移… came third for 三波迁移, under two
   * pages linking to it by that name, as its title's bigrams across jieba's words weigh
   * as body text. Then the pages of the kind the query names after its subject
   * (`kindAsked`: the project for 郑磊的项目), those whose first block holds the text
   * before the kind's label first (`kindSubject`: 2024年完成 of 2024年完成的项目). Then the pages holding the word being typed whole (`work`) before
   * those holding only longer words it starts (workplace), then the pages sure to hold
   * every word before those only a common bigram left unloaded can tell (`unsure`, see
   * holdsRun).
   */
  function sortKey(m) {
    var t = m.titleWords ? 2 : m.titleNamed ? Math.max(tier(m), 1) : tier(m);
    var key = ((m.title ? 4 : 0) + t) * 2 + ((m.inTitle && t === 2) || m.titleWords || m.titleNamed ? 1 : 0);
    key = (key * 2 + (m.kindAsked ? 1 : 0)) * 2 + (m.kindSubject ? 1 : 0);
    return ((key * 2 + (m.whole ? 1 : 0)) * 2) + (m.unsure ? 0 : 1);
  }

  /** Records what reading a match's text (or places) told; its tier may fall. */
  function setVerified(m, holds) {
    m.verified = holds;
    m.key = sortKey(m);
  }

  /**
   * Sorts matches best first: exact title, then exact text (the tier), then nearness,
   * then score — the first two as one number (`key`: some queries sort thousands of
   * matches, more than once) — then by page: a total order, so results never shuffle.
   * Then a section found goes below the first of its own pages found (belowTheirPages).
   */
  function rank(hits) {
    hits.sort(byRank);
    belowTheirPages(hits, store.meta);
  }

  /**
   * Puts each section found right below the first of the pages under it found (see
   * `meta.sections`): its introduction describes them, so it held the query's exact text
   * where the page it lists held its words apart (问题升级 found 问题与变更控制's
   * section above it). A section titled by the query stays: it is what was asked for.
   * A section none of whose pages is found, holding the query's words apart (not in its
   * title in order), goes after every page: its title weighs as a page's, and one
   * sentence of its introduction put 采购与供应商 above the vendor-delay lessons for
   * 乙方拖期 (widened to 供应商 延期).
   */
  function belowTheirPages(hits, meta) {
    var runs = sectionRuns(meta);
    var defer = [];
    var alone = [];
    hits.forEach(function (m, i) {
      if (!runs[m.d] || m.title) return;
      // The first page under it found: the section moves only when it is below.
      for (var j = 0; j < hits.length; j++) {
        if (j === i || !under(runs[m.d], hits[j].d)) continue;
        if (j > i) defer.push(m);
        return;
      }
      if (tier(m) === 0 && !m.titleWords && !m.titleNamed) alone.push(m);
    });
    if (alone.length) {
      var rest = hits.filter(function (m) { return alone.indexOf(m) < 0; }).concat(alone);
      for (var a = 0; a < rest.length; a++) hits[a] = rest[a];
    }
    if (!defer.length) return;
    // A deferred section waits from its own place on for the first page under it.
    var out = [];
    var waiting = [];
    function place(m) {
      out.push(m);
      var released = waiting.filter(function (s) { return under(runs[s.d], m.d); });
      if (!released.length) return;
      waiting = waiting.filter(function (s) { return released.indexOf(s) < 0; });
      released.forEach(place);
    }
    hits.forEach(function (m) {
      if (defer.indexOf(m) >= 0) waiting.push(m);
      else place(m);
    });
    out = out.concat(waiting);
    for (var i = 0; i < out.length; i++) hits[i] = out[i];
  }

  /** Whether document `d` lies in one of a section's runs of documents. */
  function under(list, d) {
    for (var k = 0; k < list.length; k++) if (d >= list[k][0] && d <= list[k][1]) return true;
    return false;
  }

  var sectionsRead = { from: null, runs: {} };
  /** `meta.sections` read: each section's document → its runs of documents under it. */
  function sectionRuns(meta) {
    if (sectionsRead.from !== meta) {
      var runs = {};
      var xs = meta && meta.sections ? numbers(meta.sections) : [];
      for (var k = 0; k + 2 < xs.length; k += 3) (runs[xs[k]] = runs[xs[k]] || []).push([xs[k + 1], xs[k + 2]]);
      sectionsRead = { from: meta, runs: runs };
    }
    return sectionsRead.runs;
  }

  function byRank(a, b) {
    return (b.key - a.key) || (b.near - a.near) || (b.score - a.score) || (a.d - b.d);
  }

  /**
   * The forms a word group is looked up by: as typed, its stem, and its other forms (a
   * date typed `2024/04` as the index's `2024-04`); prefixes of each while it is typed.
   */
  function forms(g) {
    return (g.prefix ? [g.text, g.term] : [g.term]).concat(g.alts || []);
  }

  P.belowTheirPages = belowTheirPages; P.forms = forms; P.heldBigram = heldBigram; P.holds = holds;
  P.match = match; P.rank = rank; P.setVerified = setVerified; P.sortKey = sortKey;
  P.sourceDocs = sourceDocs; P.tier = tier; P.under = under; P.weight = weight;
  P.files.push('search-rank.js');
})(typeof window !== 'undefined' ? window : typeof globalThis !== 'undefined' ? globalThis : this);
