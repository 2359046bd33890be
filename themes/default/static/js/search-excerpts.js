/*
 * pmo-portal site search: a result's excerpt text and row: which of its blocks to read
 * (how far its terms reach), loading them as soon as a result is sure to be shown.
 *
 * One of the files of the search client, each loaded after the one before it (see
 * search.js, the API, for the whole list); they share their functions through
 * `PmoSearchParts`.
 */
(function (global) {
  'use strict';

  var P = global.PmoSearchParts;
  if (!P || P.files.indexOf('search-rank.js') < 0) {
    throw new Error('search-excerpts.js needs search-rank.js, loaded before it');
  }

  var T = P.T, findMatches = P.findMatches, get = P.get, optional = P.optional, slot = P.slot,
    store = P.store;

  /** The line around a page's link lists and tables in its row's `shown` text. */
  var ASIDE = '\u001f';

  /** Blocks tried per result before settling for the first one (the build writes no more). */
  var MAX_BLOCKS = 4;

  /**
   * The excerpt text of a document: the first of its blocks with a match in the body.
   * `entry` is its block 0 file: its row followed by the block's text.
   */
  function excerptText(d, entry, groups) {
    var count = Math.min(entry[4] || 1, MAX_BLOCKS);
    var first = String(entry[5] || '');
    // What the page shows beside its prose (its owner, a risk, a code), one value a
    // line: the excerpt of a page found by one of them, rather than its opening.
    // Not its link lists and tables, between two ASIDE lines (src/search/fields.rs).
    var parts = String(entry[6] || '').split(ASIDE);
    var shown = '\n' + parts[0] + (parts.length > 2 ? parts.slice(2).join('') : '');
    function matches(full) {
      return findMatches(T.fold(full.slice(full.indexOf('\n') + 1)), groups).length > 0;
    }
    function block(b) {
      if (b >= count) return Promise.resolve(matches(shown) ? shown : first);
      return get('x/' + d + '-' + b).then(function (text) {
        // Later blocks have no title line: an empty one keeps excerpt()'s layout.
        var full = '\n' + String(text || '');
        return matches(full) ? full : block(b + 1);
      }, function () { return first; });
    }
    return matches(first) ? Promise.resolve(first) : block(1);
  }

  /**
   * What a posting's reach code (docs/search-format.md, "Reach") says of where its term
   * first stands in the page's excerpt blocks: `prose`, the first block whose text holds
   * it (the last block when none does); `text`, the first block whose file holds it,
   * counting the title and the words block 0 carries besides its prose as block 0.
   */
  function reachOf(code) {
    var b = code ? (code - 1) % 3 + 1 : 0;
    return { prose: b, text: code > 3 ? 0 : b };
  }

  /**
   * The reach of document d's postings in the lists of the query's groups that hold it
   * (a common bigram left unloaded, null, counts as in block 0), through `pick` (the
   * block of one posting) and `fold` (how they combine): -1 when no list holds d.
   */
  function reachIn(groups, d, pick, fold) {
    var out = -1;
    function see(p) {
      var b = 0;
      if (p !== null) {
        var k = slot(p, d);
        if (k < 0) return;
        b = pick(reachOf(p.reach[k]));
      }
      out = out < 0 ? b : fold(out, b);
    }
    groups.forEach(function (g) {
      (g.type === 'cjk' ? g.postings : g.expansions).forEach(see);
      if (g.next) see(g.next);
    });
    return out;
  }

  /**
   * The last block excerptText reads for document d, as far as the index tells: the
   * first holding a match of any group. A block past the first that no term reaches is
   * asked for with block 0, one round sooner than reading block 0 would tell.
   */
  function excerptReach(groups, d) {
    return Math.max(0, reachIn(groups, d, function (r) { return r.prose; }, Math.min));
  }

  /**
   * The first block that can hold the query's exact text in document d: none before
   * the one its last-reached term first stands in.
   */
  function textReach(groups, d) {
    return Math.max(0, reachIn(groups, d, function (r) { return r.text; }, Math.max));
  }

  /** Asks for excerpt blocks 1…upto of document d, ahead of reading them. */
  function blocksAhead(d, upto) {
    for (var b = 1; b <= upto && b < MAX_BLOCKS; b++) optional('x/' + d + '-' + b);
  }

  /** A blank row for a document whose file failed to load. */
  var NO_ROW = ['', '', '', '', 1, ''];

  /**
   * The rows of the documents `page`: from their block 0 files when excerpts are wanted
   * (each carries its row), else from the document chunks (32 rows a file).
   */
  function rowsOf(page, meta, withText) {
    var chunk = meta.chunk || 32;
    var files = {};
    page.forEach(function (d) { files[withText ? 'x/' + d + '-0' : 'd/' + Math.floor(d / chunk)] = true; });
    var loads = Object.keys(files).map(function (name) { return get(name).then(null, function () { return null; }); });
    return Promise.all(loads).then(function () {
      return page.map(function (d) {
        var row = withText ? store['x/' + d + '-0'] : (store['d/' + Math.floor(d / chunk)] || [])[d % chunk];
        return Array.isArray(row) ? row : NO_ROW;
      });
    });
  }

  /**
   * The row of document d: from its block 0 when read already (verify reads the pages
   * claiming the exact text), else from its chunk of rows, a quarter of block 0's bytes.
   */
  function rowOf(d, meta) {
    var entry = store['x/' + d + '-0'];
    if (Array.isArray(entry)) return Promise.resolve(entry);
    return rowsOf([d], meta, false).then(function (rows) { return rows[0]; });
  }

  /** Whether verify may drop match m a tier: it claims the query's exact text. */
  function isClaim(m) { return !!(m.exact && m.links); }

  /**
   * The documents of hits[from, to) that are there whatever verify finds. Verify only
   * moves a claimer below the other claimers of its title class (titled pages first,
   * then the rest), never below a page that claims nothing: every other page keeps its
   * rank, and the claimers of a class keep the ranks the class's claimers hold. So a
   * claimer is settled when all its class's claimers are in the window.
   */
  function settledDocs(hits, from, to) {
    var first = {}, last = {};
    hits.forEach(function (m, i) {
      if (!isClaim(m)) return;
      var c = m.title ? 1 : 0;
      if (first[c] === undefined) first[c] = i;
      last[c] = i;
    });
    var out = [];
    for (var i = from; i < to && i < hits.length; i++) {
      var m = hits[i];
      var c = m.title ? 1 : 0;
      if (!isClaim(m) || (first[c] >= from && last[c] < to)) out.push(m.d);
    }
    return out;
  }

  /**
   * The row and excerpt text of a result, [row, text], loaded once per search: started as
   * soon as a document is known to be on the page of results, while others are still
   * being checked, so its excerpt blocks load in the same rounds as their reading.
   */
  function resultLoader(groups, meta, withText) {
    var started = {};
    return function (d) {
      if (!started[d]) {
        if (withText) blocksAhead(d, excerptReach(groups, d));
        started[d] = rowsOf([d], meta, withText).then(function (rows) {
          var row = rows[0];
          return withText ? excerptText(d, row, groups).then(function (text) { return [row, text]; }) : [row, ''];
        });
      }
      return started[d];
    };
  }

  P.MAX_BLOCKS = MAX_BLOCKS; P.blocksAhead = blocksAhead; P.isClaim = isClaim;
  P.resultLoader = resultLoader; P.rowOf = rowOf; P.settledDocs = settledDocs; P.textReach = textReach;
  P.files.push('search-excerpts.js');
})(typeof window !== 'undefined' ? window : typeof globalThis !== 'undefined' ? globalThis : this);
