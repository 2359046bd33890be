/*
 * pmo-portal site search — the browser client (no framework, no modules, no network
 * access beyond the site's own `search/` folder). Reads the index described in
 * docs/search-format.md (version 10): `search/meta.js`, term shards `search/s/<i>.js`,
 * word files `search/w/<i>.js`,
 * document chunks `search/d/<k>.js`, excerpt blocks `search/x/<doc>-<b>.js` and
 * facet files `search/f/<name>.js`. Every index file is a script
 * that calls `PmoSearch._receive(name, data)`, so it loads over http:// and file:// alike.
 *
 * API (window.PmoSearch / globalThis.PmoSearch; `module.exports` under node):
 *
 *   PmoSearch.search(query, {filters, limit, offset, facets, excerpts}) → Promise<{
 *       total,            // number of matching documents (after filters)
 *       facets,           // {kind: [{value, label, count, selected}], year, impact, phase,
 *                         //  project, category, tags}; counts over the documents matching
 *                         //  the query and the filters of the *other* facets
 *       results: [{url, title, kind, kindLabel, date, excerpt, score, doc}],
 *       terms,            // the query's index terms (for debugging)
 *       folded            // only when the query as typed found nothing and its
 *                         //  traditional characters were replaced by simplified ones
 *                         //  (供應商 → 供应商): the query that was run
 *   }>
 *     filters: {kind: ["lesson"], year: ["2024"], tags: ["供应商"]} — values as in the
 *     meta file's `values`; several values of one facet are OR-ed, facets are AND-ed.
 *     limit defaults to 10, offset to 0. facets: false skips the facet counts (`facets` is
 *     then {}) and, unless filters are given, the facet files: the header box's first
 *     query stays small. excerpts: false leaves `excerpt` empty and loads no text. `url` is relative to the site root; `excerpt` is
 *     HTML (escaped text around the best match, matches wrapped in <mark>).
 *
 *   PmoSearch.configure({base, load})
 *     base: URL of the `search/` folder. Default: derived from this script's src
 *           (`<site>/js/search.js` → `<site>/search/`).
 *     load(name) → Promise: fetches the index file `name` (e.g. "meta", "s/17"). It either
 *           makes the file call PmoSearch._receive(name, data) before it resolves, or
 *           resolves with the data itself. Default: a <script> tag in browsers, fs + eval
 *           under node.
 *   PmoSearch._receive(name, data)   called by the index files.
 *   PmoSearch.reset()                forgets every loaded file (and decoded shard).
 *   PmoSearch.warm() → Promise       loads meta ahead of a first query (the header box
 *                                    calls it when focused): one round fewer to wait.
 *   PmoSearch.tokenize(query)        the query's parsed terms (shared rules with the
 *                                    Rust tokenizer, src/search/tokenize.rs).
 *   PmoSearch.base()                 URL of the `search/` folder (configured or derived).
 *   PmoSearch.siteRoot()             URL of the site root (base without `search/`).
 *   PmoSearch.facetNames             the facets, in the order the results page shows them.
 *   PmoSearch.href(url)              a result url made absolute to the site root; under
 *                                    file:// directory urls get `index.html` appended.
 *
 * Only what a query needs is loaded: meta once, the shards of the query's terms, one
 * excerpt block per result (it carries the result's row; the next blocks only while the
 * match is not found) or, with excerpts: false, the document chunks of the page of
 * results, and the facet files when asked for. A cold query waits for rounds of
 * requests one after another, so each file is asked for as soon as it is known to be
 * needed: its ranked lists with its shards (meta lists which terms may have one), the
 * places of its bigrams once its lists show they will tell something (mayStandApart), a
 * result's excerpt blocks as soon as the result is sure to be shown, with block 0 the
 * later blocks its terms' reach says the match or exact text cannot come before.
 *
 * The text rules (tokenizing, stemming, excerpts) are search-text.js, which must load
 * first; the UI (header box, results page) is search-ui.js, built on this API alone.
 */
(function (global) {
  'use strict';

  var FACETS = ['kind', 'year', 'phase', 'impact', 'project', 'category', 'tags'];

  // The text rules (search-text.js, loaded first in pages; required under node).
  var T = global.PmoSearchText;
  if (!T && typeof require === 'function') T = require('./search-text.js');
  if (!T) throw new Error('search.js needs search-text.js, loaded before it');
  var tokenize = T.tokenize, stem = T.stem, isCjk = T.isCjk;
  var normalize = T.normalize, findMatches = T.findMatches, excerpt = T.excerpt;
  var escapeHtml = T.escapeHtml;

  var store = {};      // name → received data
  var pending = {};    // name → {resolve, reject}
  var promises = {};   // name → Promise of data
  var decoded = {};    // term → decoded postings
  var placesDecoded = {};   // term → its places, one number a posting
  var config = { base: null, load: null };
  var scriptSrc = null;

  var doc = global.document;
  if (doc) {
    var cs = doc.currentScript;
    if (cs && cs.src) {
      scriptSrc = cs.src;
    } else {
      var scripts = doc.getElementsByTagName('script');
      for (var si = scripts.length - 1; si >= 0; si--) {
        if (/(^|\/)search\.js(\?|#|$)/.test(scripts[si].src || '')) { scriptSrc = scripts[si].src; break; }
      }
    }
  }

  // ---------------------------------------------------------------- shards

  function utf8Bytes(s) {
    if (typeof TextEncoder !== 'undefined') return new TextEncoder().encode(s);
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.codePointAt(i);
      if (c > 0xFFFF) i++;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xC0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xE0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xF0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }

  function fnv1a32(s) {
    var bytes = utf8Bytes(s);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /** The word group a word's postings live in (docs/search-format.md, "Shards"). */
  function groupKey(word, meta) {
    var chars = Array.from(word);
    var split = meta.split || {};
    var n = 2;
    var key = chars.slice(0, n).join('');
    while (key.length < word.length && Object.prototype.hasOwnProperty.call(split, key)) {
      n++;
      key = chars.slice(0, n).join('');
    }
    return key;
  }

  /** Every group holding words that start with `prefix`. */
  function prefixGroups(prefix, meta) {
    var split = meta.split || {};
    var key = groupKey(prefix, meta);
    var keys = [key];
    if (key === prefix) {
      var stack = [key];
      while (stack.length) {
        var k = stack.pop();
        var children = Object.prototype.hasOwnProperty.call(split, k) ? split[k] : [];
        for (var i = 0; i < children.length; i++) { keys.push(children[i]); stack.push(children[i]); }
      }
    }
    return keys;
  }

  function shardName(key, meta) { return 's/' + (fnv1a32(key) % (meta.shards || 1)); }

  /** The word file of a word group's key (docs/search-format.md, "Word files"). */
  function wordFile(key, meta) { return 'w/' + (fnv1a32(key) % (meta.words || 1)); }

  /** The file of a term: CJK terms and word pairs a shard by the whole term, words a word file by group. */
  function shardOf(term, meta) {
    var first = term.codePointAt(0);
    if (isCjk(first) || term.indexOf(' ') >= 0) return shardName(term, meta);
    return wordFile(groupKey(term, meta), meta);
  }

  // ---------------------------------------------------------------- loading

  function defaultBase() {
    if (scriptSrc) {
      var m = /^(.*\/)js\/search\.js([?#].*)?$/.exec(scriptSrc);
      if (m) return m[1] + 'search/';
      return scriptSrc.replace(/[^\/]*$/, '') + '../search/';
    }
    return 'search/';
  }

  function base() {
    var b = config.base || defaultBase();
    if (b.slice(-1) !== '/') b += '/';
    return b;
  }

  function loadWithScript(name) {
    return new Promise(function (resolve, reject) {
      var s = doc.createElement('script');
      s.src = base() + name + '.js';
      s.async = true;
      s.onload = function () { s.parentNode && s.parentNode.removeChild(s); resolve(); };
      s.onerror = function () {
        s.parentNode && s.parentNode.removeChild(s);
        reject(new Error('search index file not found: ' + s.src));
      };
      (doc.head || doc.documentElement).appendChild(s);
    });
  }

  function loadWithFs(name) {
    return new Promise(function (resolve, reject) {
      try {
        /* global require */
        var fs = require('fs');
        var path = require('path');
        var code = fs.readFileSync(path.join(base(), name + '.js'), 'utf8');
        new Function('PmoSearch', code)(PmoSearch);
        resolve();
      } catch (e) { reject(e); }
    });
  }

  function defaultLoad(name) {
    if (doc && doc.createElement) return loadWithScript(name);
    if (typeof require === 'function') return loadWithFs(name);
    return Promise.reject(new Error('PmoSearch: no way to load ' + name + '; call configure({load})'));
  }

  function get(name) {
    if (Object.prototype.hasOwnProperty.call(store, name)) return Promise.resolve(store[name]);
    if (promises[name]) return promises[name];
    var p = new Promise(function (resolve, reject) {
      pending[name] = { resolve: resolve, reject: reject };
      var loader = config.load || defaultLoad;
      var started;
      try { started = Promise.resolve(loader(name)); } catch (e) { started = Promise.reject(e); }
      started.then(function (value) {
        if (Object.prototype.hasOwnProperty.call(store, name)) return resolve(store[name]);
        if (value !== undefined) { store[name] = value; return resolve(value); }
        reject(new Error('search index file ' + name + ' did not call PmoSearch._receive'));
      }, reject);
    });
    promises[name] = p;
    p.then(function () { delete pending[name]; }, function () { delete pending[name]; delete promises[name]; });
    return p;
  }

  var optionals = {};  // name → Promise of data or null: files that may not exist

  /**
   * An index file that may be missing (a shard's places file is written only when some
   * term of the shard has places): its data, or null. Asked once per cache, so a file
   * fetched ahead of need and found missing is not asked for again.
   */
  function optional(name) {
    if (!optionals[name]) optionals[name] = get(name).then(null, function () { return null; });
    return optionals[name];
  }

  function receive(name, data) {
    store[name] = data;
    var w = pending[name];
    if (w) w.resolve(data);
  }

  // ---------------------------------------------------------------- postings

  var LAST = '0123456789abcdefghijklmnopqrstuv';
  var MORE = 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$';
  var DIGIT = [];
  (function () {
    for (var i = 0; i < 128; i++) DIGIT.push(-1);
    for (var j = 0; j < 32; j++) { DIGIT[LAST.charCodeAt(j)] = j; DIGIT[MORE.charCodeAt(j)] = 32 + j; }
  })();

  /** The numbers of an encoded string (docs/search-format.md, "Numbers"). */
  function numbers(s) {
    var out = [];
    var v = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d >= 32) v = v * 32 + (d - 32);
      else { out.push(v * 32 + d); v = 0; }
    }
    return out;
  }

  /**
   * How many numbers an encoded string holds, then the numbers themselves into `out`
   * (typed arrays: a common bigram's list holds thousands).
   */
  function countNumbers(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) if (DIGIT[s.charCodeAt(i)] < 32) n++;
    return n;
  }

  /**
   * Lists holding at least this share of the pages (1/DENSE) get a table indexed by
   * page for their lookups; shorter ones are searched by halves. A table costs 4 bytes a
   * page (400 KB at 100k pages), too much for each of a prefix's many short expansions.
   */
  var DENSE = 64;

  /**
   * A term's postings: {docs, impacts, reach, dense, idf}, docs ascending (typed arrays),
   * `dense` a table of doc → index + 1 or null (see slot). A plain list is a string of
   * (delta, impact) pairs, each impact with the term's reach code in the page above its
   * five bits (docs/search-format.md, "Reach"); a long one is ranked, `[pages, top,
   * floor]`: every page as gaps, the best pages as a plain list, and the impact of all
   * the others (docs/search-format.md, "Ranked lists"), whose reach is unknown (0). `n`
   * is the number of pages (meta.n).
   */
  function decode(list, n) {
    var d = 0, i, v = 0, c, k = 0;
    var docs, impacts, reach;
    if (Array.isArray(list)) {
      var gaps = String(list[0] || '');
      var floor = +list[2] || 1;
      docs = new Int32Array(countNumbers(gaps));
      impacts = new Float64Array(docs.length);
      reach = new Uint8Array(docs.length);
      for (i = 0; i < gaps.length; i++) {
        c = DIGIT[gaps.charCodeAt(i)];
        if (c >= 32) { v = v * 32 + (c - 32); continue; }
        d += v * 32 + c;
        v = 0;
        docs[k] = d;
        impacts[k++] = floor;
      }
      var out = postings(docs, impacts, reach, n);
      var top = decode(list[1] || '', n);
      for (i = 0; i < top.docs.length; i++) {
        var at = slot(out, top.docs[i]);
        if (at >= 0) { out.impacts[at] = top.impacts[i]; out.reach[at] = top.reach[i]; }
      }
      return out;
    }
    var s = String(list || '');
    var count = countNumbers(s) >> 1;
    docs = new Int32Array(count);
    impacts = new Float64Array(count);
    reach = new Uint8Array(count);
    var second = false;
    for (i = 0; i < s.length && k < count; i++) {
      c = DIGIT[s.charCodeAt(i)];
      if (c >= 32) { v = v * 32 + (c - 32); continue; }
      v = v * 32 + c;
      if (second) { impacts[k] = v & 31; reach[k++] = v >> 5; } else { d += v; docs[k] = d; }
      second = !second;
      v = 0;
    }
    return postings(docs, impacts, reach, n);
  }

  function postings(docs, impacts, reach, n) {
    var dense = null;
    if (n && docs.length * DENSE >= n) {
      dense = new Int32Array(n + 1);
      for (var i = 0; i < docs.length; i++) if (docs[i] <= n) dense[docs[i]] = i + 1;
    }
    return { docs: docs, impacts: impacts, reach: reach, dense: dense, idf: -1 };
  }

  /** Where document d stands in postings p, or -1 when p does not hold it. */
  function slot(p, d) {
    if (p.dense !== null) return d >= 0 && d < p.dense.length ? p.dense[d] - 1 : -1;
    var docs = p.docs, lo = 0, hi = docs.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      var x = docs[mid];
      if (x < d) lo = mid + 1;
      else if (x > d) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  function has(o, k) { return o && Object.prototype.hasOwnProperty.call(o, k); }

  /**
   * The file that may hold a term's ranked list, `p/<bucket>` (docs/search-format.md,
   * "Ranked lists"): CJK terms and word pairs whose bucket meta lists; null for the others,
   * whose postings are in their shard. Known from meta alone, so the file is asked for
   * with the shards; a bucket may hold other terms only (then the term is in its shard).
   */
  function rankedFile(term, meta) {
    var r = meta.ranked;
    if (!r || !r.buckets || !(isCjk(term.codePointAt(0)) || term.indexOf(' ') >= 0)) return null;
    if (!r.buckets_) {
      // The set, decoded once: gaps between the buckets, the first absolute.
      var at = 0;
      r.buckets_ = {};
      numbers(r.set || '').forEach(function (gap, i) { at = i ? at + gap : gap; r.buckets_[at] = true; });
    }
    var b = fnv1a32(term) % r.buckets;
    return r.buckets_[b] === true ? 'p/' + b : null;
  }

  /** The file holding a term's ranked list, once loaded; null when its shard holds it. */
  function ownFile(term, meta) {
    var f = rankedFile(term, meta);
    return f && has(store[f], term) ? f : null;
  }

  function postingsOf(term, meta) {
    if (has(decoded, term)) return decoded[term];
    var file = ownFile(term, meta);
    var data = file ? store[file] : store[shardOf(term, meta)];
    var p = decode(has(data, term) ? data[term] : '', meta.n);
    decoded[term] = p;
    return p;
  }

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
      var shows = dated ? slot(dated, d) : -1;
      if (shows >= 0) total += weight(dated, shows, meta);
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
   * as body text. Then the pages holding the word being typed whole (`work`) before
   * those holding only longer words it starts (workplace), then the pages sure to hold
   * every word before those only a common bigram left unloaded can tell (`unsure`, see
   * holdsRun).
   */
  function sortKey(m) {
    var t = m.titleWords ? 2 : m.titleNamed ? Math.max(tier(m), 1) : tier(m);
    var key = ((m.title ? 4 : 0) + t) * 2 + ((m.inTitle && t === 2) || m.titleWords || m.titleNamed ? 1 : 0);
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
   */
  function belowTheirPages(hits, meta) {
    var runs = sectionRuns(meta);
    var defer = [];
    hits.forEach(function (m, i) {
      if (!runs[m.d] || m.title) return;
      // The first page under it found: the section moves only when it is below.
      for (var j = 0; j < hits.length; j++) {
        if (j === i || !under(runs[m.d], hits[j].d)) continue;
        if (j > i) defer.push(m);
        return;
      }
    });
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
   * Text folded, lowercased, without white space and without the marks that only
   * separate (colons, semicolons, quotes, brackets, 、 and 。): how exact text is
   * compared, so `北斗：执行阶段` typed finds 北斗 执行阶段 written, as a title is
   * retyped. Marks that can belong to a number or code (`12.7%`, `1,200`, `C++`, `A&B`,
   * `2024/03`) stay.
   */
  function squeeze(text) {
    return T.fold(text).replace(SEPARATING, '');
  }
  var MARKS = ':;!?"\'()\\[\\]{}<>\\u3001\\u3002\\u3008-\\u3011\\u2018-\\u201f\\u2026\\u00b7';
  var SEPARATING = new RegExp('[\\s' + MARKS + ']+', 'g');

  /**
   * A page's text squeezed as a query is, but keeping its line breaks: a line is a
   * paragraph, a heading, a table cell or one value of its metadata, and no exact text
   * runs from one into the next (已完成 in one cell and 延期 in the next are not
   * 已完成延期, nor two tags one tag).
   */
  function squeezeLines(text) {
    return T.fold(text).replace(LINE_SEPARATING, '');
  }
  var LINE_SEPARATING = new RegExp('(?:[^\\S\\n]|[' + MARKS + '])+', 'g');

  /** Quotes and brackets a query may be wrapped in: they mean the text inside. */
  var WRAPPERS = /^["'\u201c\u201d\u2018\u2019\u300c\u300d\u300e\u300f\u300a\u300b\u3008\u3009\u3010\u3011\uff08\uff09()\[\]]+|["'\u201c\u201d\u2018\u2019\u300c\u300d\u300e\u300f\u300a\u300b\u3008\u3009\u3010\u3011\uff08\uff09()\[\]]+$/g;

  /**
   * The query's exact text, squeezed, as pages are searched for it: without the quotes or
   * brackets around it. “供应商” means 供应商 — else the one page quoting the word kept
   * the exact tier and every page holding it plainly fell below it. (A `%` or `-` ending
   * a number or code is part of it, and kept.)
   */
  function exactText(query) {
    return trimEnds(squeeze(query).replace(WRAPPERS, ''));
  }

  /**
   * Sentence punctuation, `#` and symbols (arrows, emoji) a query may start or end with —
   * `联调？`, `#供应`, `待办…`, `风险🚀` — are no part of the text a page must hold:
   * only the page that happens to have them there would keep the exact tier. Marks that
   * can belong to a term (`C++`, `10%`, `A&B`) stay.
   */
  var END_MARKS = '。，、；：？！?!.,;:…#*·~—';
  function trimEnds(s) {
    var chars = Array.from(s);
    function mark(c) {
      var cp = c.codePointAt(0);
      return END_MARKS.indexOf(c) >= 0 || (cp >= 0x2190 && cp <= 0x2BFF) || cp >= 0x1F000 ||
        cp === 0xFE0F || cp === 0x200D;
    }
    var a = 0, b = chars.length;
    while (a < b && mark(chars[a])) a++;
    while (b > a && mark(chars[b - 1])) b--;
    return chars.slice(a, b).join('');
  }

  /** Pages whose text is read, at most, beyond the ones shown, to find exact text. */
  var VERIFY_EXTRA = 12;

  /**
   * A term's places in a page: the set of its positions modulo 5 or 10, one bit each
   * (src/search/postings.rs): 10 for a ranked list that says so (its fourth entry), 5
   * for the others. A chain is tried at each of the PLACES places of its start, which
   * serves both moduli (5 divides 10).
   */
  var PLACES = 10;

  /** The modulus of the places in a shard's places file (m/<i>.js). */
  var COARSE = 5;

  /**
   * The query's chains: where its bigrams and word–CJK pairs must stand relative to each
   * other in a page holding its exact text, as [[term, offset], …] per chain. A chain is
   * a run of CJK groups joined by the bigram across them, with the pairs of the words
   * beside it; a word between two runs ends a chain (positions count CJK characters only).
   * (Leaving out the bigrams of meta.common, whose places are the largest to load, made
   * more pages read at 10k: 尾阶 is in a quarter of the pages, but once in most.)
   */
  function chains(groups) {
    var out = [];
    var chain = [];
    var at = 0;
    function end() { if (chain.length > 1) out.push(chain); chain = []; at = 0; }
    groups.forEach(function (g, i) {
      if (g.type !== 'cjk') {
        // A word: the pair before it closes the chain, the pair after it opens the next.
        end();
        if (g.nextTerm && groups[i + 1] && groups[i + 1].type === 'cjk') chain.push([g.nextTerm, 0]);
        return;
      }
      var chars = Array.from(g.text);
      if (chars.length > 1) {
        g.terms.forEach(function (t, k) {
          if (!g.skip[k] && k < chars.length - 1) chain.push([t, at + k]);
        });
      }
      var last = at + chars.length - 1;
      var next = groups[i + 1];
      // A gap (see prepare) ends the chain: a mark between the runs shifts their places.
      if (g.gap) {
        end();
        return;
      }
      if (g.nextTerm && next && next.type === 'cjk') {
        chain.push([g.nextTerm, last]);
        at = last + 1;
      } else {
        if (g.nextTerm) chain.push([g.nextTerm, last]);
        end();
      }
    });
    end();
    return out;
  }

  /** The file holding a term's places: its ranked list's, or its shard's (m/). */
  function placesFile(term, meta) {
    var f = ownFile(term, meta);
    return f ? 'm/p' + f.slice(2) : 'm/' + shardOf(term, meta).slice(2);
  }

  /**
   * The files holding the places of the chains' terms: a ranked list's own, or its
   * shard's for a plain list long enough to have places (PLACED_DOCS).
   */
  function placesFiles(chainList, meta) {
    var names = {};
    chainList.forEach(function (c) {
      placedTerms(c, meta).forEach(function (t) {
        var own = ownFile(t[0], meta);
        if (own ? hasPlaces(store[own][t[0]]) : plainDf(t[0], meta) >= PLACED_DOCS) names[placesFile(t[0], meta)] = true;
      });
    });
    return Object.keys(names).sort();
  }

  /**
   * The terms of a chain whose places are worth loading: its two ends and its rarest
   * terms, PLACED_TERMS in all. A page holding a phrase's parts apart mostly holds its
   * words apart: the bigrams where two words meet (门发, 现接 of 务部门发现接口规) are the
   * rarest and tell most, the ends tell a page holding all but an end (X阶段人力资源规
   * for 动阶段人力资源规), and the words' own bigrams, in many pages, add bytes more than
   * pages told apart (at 10k, 务部门发现接口规's 153 claimers left from 244 took 10.7 KB
   * of places from all seven, 4.5 KB from these four).
   */
  function placedTerms(chain, meta) {
    if (chain.length <= PLACED_TERMS) return chain;
    var inner = chain.slice(1, -1).map(function (t, i) {
      return { t: t, df: postingsOf(t[0], meta).docs.length, i: i };
    });
    inner.sort(function (a, b) { return (a.df - b.df) || (a.i - b.i); });
    var kept = inner.slice(0, PLACED_TERMS - 2).map(function (x) { return x.t; });
    return [chain[0]].concat(kept, [chain[chain.length - 1]]);
  }

  /** Chain terms whose places a query loads, at most (see placedTerms). */
  var PLACED_TERMS = 4;

  /**
   * Whether a ranked list's places are written (its fourth entry, their modulus): the
   * places of a term standing at most places of its pages are not
   * (docs/search-format.md, "Places").
   */
  function hasPlaces(list) { return Array.isArray(list) && list[3] > 0; }

  /** Pages a term's plain list (in its shard, loaded) must hold for places to be written. */
  var PLACED_DOCS = 32;

  /** How many pages a term's plain list holds; Infinity for a ranked list in its own file. */
  function plainDf(term, meta) {
    return ownFile(term, meta) ? Infinity : postingsOf(term, meta).docs.length;
  }

  /**
   * A chain's terms with their places, looked up once: [{places, postings, at}], only the
   * terms whose places were loaded (the others stand anywhere).
   */
  function placedChain(chain, meta) {
    var out = [];
    chain.forEach(function (t) {
      var data = store[placesFile(t[0], meta)];
      var s = typeof data === 'string' ? data : (has(data, t[0]) ? data[t[0]] : null);
      var own = ownFile(t[0], meta);
      var modulus = own ? store[own][t[0]][3] : COARSE;
      if (typeof s === 'string' && has(decoded, t[0])) out.push({ places: placesOf(t[0], s), modulus: modulus, postings: decoded[t[0]], at: t[1] });
    });
    return out;
  }

  /** A term's places decoded once: one number (a set of PLACES bits) a posting. */
  function placesOf(term, s) {
    if (!has(placesDecoded, term)) placesDecoded[term] = numbers(s);
    return placesDecoded[term];
  }

  /**
   * Whether document d may hold every chain of the query in a row: for each chain, some
   * place where each of its terms stands at its offset. False means the page holds the
   * parts apart only; true, that its text must still be read to know.
   */
  function inPlace(placed, d) {
    for (var c = 0; c < placed.length; c++) {
      var chain = placed[c];
      var any = 0;
      for (var r = 0; r < PLACES && !any; r++) {
        var ok = 1;
        for (var i = 0; i < chain.length && ok; i++) {
          var k = slot(chain[i].postings, d);
          var v = k < 0 ? 0 : chain[i].places[k];
          if (!(v > 0)) continue;   // unknown: any place
          ok = (v >> ((r + chain[i].at) % chain[i].modulus)) & 1;
        }
        any = ok;
      }
      if (!any) return false;
    }
    return true;
  }

  /**
   * Reads the text of the best matches that claim the exact text (by their bigrams and
   * pairs, which can meet in other places) until the first `need` results are settled:
   * a page whose text does not hold the query whole drops to tier 1. The pages read are
   * those of the results shown, plus at most VERIFY_EXTRA more: their first block, and
   * the later ones while the text is not found. (Ranking the pages whose first block
   * lacks the text below the others, to read fewer later blocks, made more pages read and
   * left more unread at 10k: a page holding the text later stayed shown unread and let
   * one more page in.) Sorts `hits` by `rank`. `from` is where the page of results
   * starts. `expect(d)` is told the pages likely on it, so their rows and excerpts load
   * while others are read: those of the page as it stands when a round of reading
   * starts, and on the first page of results (`from` 0) each found to hold the text,
   * which can only move up.
   */
  function verify(hits, query, from, need, groups, meta, expect, apart) {
    var needle = exactText(query);
    var budget = need + VERIFY_EXTRA;
    function order() { rank(hits); }
    // More pages claim the exact text than are shown: their places sort out, without
    // their text, most of those holding its parts apart. They are asked for before any
    // page is read when some page may hold the parts apart (`apart`, see mayStandApart),
    // else only once a page read shows it does.
    var claims = hits.filter(isClaim);
    var many = claims.length > need;
    var placed = null;
    var read = 0;       // claimers read so far
    var held = false;   // whether any of them held the text
    function place() {
      var chainList = chains(groups);
      placed = Promise.all(placesFiles(chainList, meta).map(optional)).then(function () {
        var lookedUp = chainList.map(function (c) { return placedChain(c, meta); })
          .filter(function (c) { return c.length > 1; });
        if (!lookedUp.length) return;
        claims.forEach(function (m) {
          if (m.verified === undefined && !inPlace(lookedUp, m.d)) setVerified(m, false);
        });
      });
      return placed;
    }
    // Reading stopped with no claimer read holding the text: those left unread hold it
    // no more than the ones read did. Kept as claims, they ranked above every page read
    // and found apart, whatever its score, and which of them came first depended on how
    // many results were asked for (交付延期 at 10k: a lesson scoring 4.7 first in the
    // header box, a project scoring 10.2 first with three results).
    function unclaimUnread() {
      if (held) return;
      hits.forEach(function (m) {
        if (isClaim(m) && m.verified === undefined) setVerified(m, false);
      });
      order();
    }
    function round() {
      order();
      var todo = [];
      for (var i = 0; i < hits.length && i < need && budget > 0; i++) {
        var m = hits[i];
        if (isClaim(m) && m.verified === undefined) { todo.push(m); budget--; }
      }
      if (!todo.length) {
        if (budget <= 0) unclaimUnread();
        return Promise.resolve();
      }
      // The others of the page as it now stands load beside the reading: only a claimer
      // read and found apart can push one off it.
      for (i = from; i < hits.length && i < need; i++) {
        if (todo.indexOf(hits[i]) < 0) expect(hits[i].d);
      }
      return Promise.all(todo.map(function (m) {
        var d = m.d;
        blocksAhead(d, textReach(groups, d));
        return get('x/' + d + '-0').then(function (entry) {
          if (!Array.isArray(entry)) return false;
          m.inTitle = needle !== '' && squeezeLines(String(entry[1])).indexOf(needle) >= 0;
          return headHolds(entry, needle) || laterHolds(d, entry, needle);
        }).then(function (holds) { setVerified(m, holds); }, function () { setVerified(m, true); })
          .then(function () { if (m.verified && from === 0) expect(d); });
      })).then(function () {
        var foundApart = todo.some(function (m) { return m.verified === false; });
        read += todo.length;
        if (todo.some(function (m) { return m.verified === true; })) held = true;
        if (many && !placed && foundApart) return place().then(round);
        // A page of claimers read, their places consulted, and not one holds the text:
        // the query's parts are common and do not meet (合同时由 at 10k: 32 pages read,
        // a block or two each, 110 KB, none holding it). Reading on would find none.
        if (!held && placed && read >= need) {
          unclaimUnread();
          return Promise.resolve();
        }
        return round();
      });
    }
    return (many && apart ? place() : Promise.resolve()).then(round);
  }

  /**
   * A page whose title holds the query's words in order, apart (进口边缘网关两次延期 for
   * 进口网关延期, 数据迁移计划只安排一次演练 for 数据迁移演练), is what was looked for: it
   * ranks with the pages whose title holds the exact text, above those holding it only in
   * their prose — a link to the lesson, a risk row or a chart label had put it fifth. Read
   * from the block 0 of the TITLE_WORDS pages found apart scoring highest, whatever the
   * number of results asked for (the header box and the results page agree): a title's
   * words weigh most, where the first pages by rank were those nearest — for 风险矩阵, six
   * project pages holding its bigrams scattered, and 风险评估矩阵与应对策略 was not read.
   * For a query of four characters or more with Chinese in it, where a title can hold
   * its words apart. A name or code typed beside the Chinese (`MES 网关延期`, `HR 薪资`)
   * need not be in the title: the query asks about that thing, which the page names in
   * its prose or as its project (every page found holds every word of the query). Such
   * a page (`titleNamed`) leads the pages holding the words apart, not those holding the
   * query's exact text (上线后四周 Hypercare 值守 is not above a page writing `ERP 上线`).
   */
  function titleWords(hits, query) {
    var needle = exactText(query);
    var chars = Array.from(needle);
    var cjk = chars.filter(function (c) { return T.isCjk(c.codePointAt(0)); });
    if (chars.length < 4 || !cjk.length) return Promise.resolve();
    // The Chinese alone, when what is beside it is letters and digits only.
    var named = cjk.length >= 2 && cjk.length < chars.length && chars.every(function (c) {
      return T.isCjk(c.codePointAt(0)) || /[a-z0-9]/.test(c);
    }) ? cjk.join('') : null;
    return Promise.all(bestApart(hits).map(function (m) {
      return get('x/' + m.d + '-0').then(function (entry) {
        if (!Array.isArray(entry)) return;
        var title = squeezeLines(String(entry[1]));
        if (holdsInPieces(title, needle)) m.titleWords = true;
        else if (named && holdsInPieces(title, named)) m.titleNamed = true;
        m.key = sortKey(m);
      }, function () {});
    })).then(function () { rank(hits); });
  }
  var TITLE_WORDS = 3;

  /** The TITLE_WORDS pages found apart scoring highest, in one pass over the hits. */
  function bestApart(hits) {
    var best = [];
    hits.forEach(function (m) {
      if (tier(m) >= 2 || m.title) return;
      var at = best.length;
      while (at > 0 && ((best[at - 1].score - m.score) || (m.d - best[at - 1].d)) < 0) at--;
      if (at < TITLE_WORDS) best.splice(at, 0, m);
      if (best.length > TITLE_WORDS) best.pop();
    });
    return best;
  }

  /**
   * Whether `text` holds `needle` in order as pieces of two characters or more (the
   * longest first at each step): its words apart, not its characters scattered.
   */
  function holdsInPieces(text, needle) {
    var q = Array.from(needle);
    var at = 0;
    for (var i = 0; i < q.length;) {
      var found = -1;
      var len = q.length - i;
      for (; len >= 2; len--) {
        found = text.indexOf(q.slice(i, i + len).join(''), at);
        if (found >= 0) break;
      }
      if (found < 0) return false;
      at = found + q.slice(i, i + len).join('').length;
      i += len;
    }
    return true;
  }

  /**
   * Whether some page may claim the query's exact text while holding its parts apart:
   * some page holding the rarest term of its chains does not claim it. When every such
   * page claims it, the parts are a fixed phrase (我们建议在: 7,224 pages hold each of its
   * four bigrams, all of them the phrase) and their places would drop no page. At 10k,
   * of the 93 results pages that loaded places ahead, these were the 16 where places
   * dropped any (and one more); the others spent a median 11 KB on them for nothing.
   * Conservative: a page lacking a word outside the chains counts as apart.
   */
  function mayStandApart(found, groups, meta) {
    var rarest = Infinity;
    chains(groups).forEach(function (c) {
      c.forEach(function (t) { rarest = Math.min(rarest, postingsOf(t[0], meta).docs.length); });
    });
    var claims = 0;
    for (var i = 0; i < found.length; i++) if (isClaim(found[i])) claims++;
    return claims < rarest;
  }

  /**
   * Whether a document's title, first block and the words it shows besides its prose
   * (its block 0 file, `entry`) hold `needle` (squeezed).
   */
  function headHolds(entry, needle) {
    return squeezeLines(entry[1] + '\n' + entry[5] + '\n' + (entry[6] || '')).indexOf(needle) >= 0;
  }

  /**
   * Whether document d's later blocks hold `needle`, read one by one until it is found
   * (across a cut too: the end of the text before it is kept).
   */
  function laterHolds(d, entry, needle) {
    var count = Math.min(entry[4] || 1, MAX_BLOCKS);
    var text = squeezeLines(entry[5]);
    function block(b) {
      if (b >= count) return Promise.resolve(false);
      return get('x/' + d + '-' + b).then(function (more) {
        // Only the end of the text read so far can start a match across the cut.
        text = text.slice(Math.max(0, text.length - needle.length)) + squeezeLines(more);
        return text.indexOf(needle) >= 0 || block(b + 1);
      });
    }
    return block(1);
  }

  /**
   * The query as a title: its letters, digits and CJK characters, folded and lowercased,
   * after `=` (src/search/titles.rs). Null when too long to be a title's key.
   */
  var TITLE_KEY_CHARS = 100;
  function titleKey(query) {
    var key = '=';
    var n = 0;
    var chars = Array.from(String(query));
    for (var i = 0; i < chars.length; i++) {
      var c = T.foldChar(chars[i]);
      if (isCjk(c.codePointAt(0)) || T.isWordChar(c)) {
        key += c.toLowerCase();
        if (++n > TITLE_KEY_CHARS) return null;
      }
    }
    return n ? key : null;
  }

  /** The documents whose title is the query: {doc → true}. */
  function titleMatches(query, groups, meta) {
    var key = titleKey(query);
    if (!key || !groups.length) return {};
    var data = store[shardName(key, meta)];
    var out = {};
    if (has(data, key)) decode(data[key], 0).docs.forEach(function (d) { out[d] = true; });
    return out;
  }

  // ---------------------------------------------------------------- facets

  function facetValues(facet, d) {
    var v = facet.docs[d];
    if (v === undefined || v === null || v === -1) return [];
    return Array.isArray(v) ? v : [v];
  }

  function normalizeFilters(filters, meta) {
    var out = {};
    Object.keys(filters || {}).forEach(function (name) {
      var facet = meta.facets && meta.facets[name];
      var wanted = filters[name];
      if (!facet || wanted === undefined || wanted === null) return;
      if (!Array.isArray(wanted)) wanted = [wanted];
      var idx = {};
      var any = false;
      wanted.forEach(function (value) {
        var i = facet.values.indexOf(String(value));
        if (i >= 0) { idx[i] = true; any = true; }
        else any = true;   // unknown value: matches nothing, but the filter is active
      });
      if (any) out[name] = idx;
    });
    return out;
  }

  function passes(facet, idx, d) {
    var vs = facetValues(facet, d);
    for (var i = 0; i < vs.length; i++) if (idx[vs[i]]) return true;
    return false;
  }

  function facetCounts(docs, meta, active, filters) {
    var out = {};
    var names = FACETS.concat(Object.keys(meta.facets || {}).filter(function (n) { return FACETS.indexOf(n) < 0; }));
    names.forEach(function (name) {
      var facet = meta.facets && meta.facets[name];
      if (!facet) return;
      var counts = {};
      docs.forEach(function (d) {
        // Disjunctive counts: apply the filters of every other facet.
        for (var other in active) {
          if (other !== name && !passes(meta.facets[other], active[other], d)) return;
        }
        facetValues(facet, d).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      var selected = (filters && filters[name]) ? [].concat(filters[name]).map(String) : [];
      var list = [];
      facet.values.forEach(function (value, i) {
        var isSel = selected.indexOf(value) >= 0;
        if (counts[i] || isSel) {
          list.push({ value: value, label: (facet.labels && facet.labels[i]) || value, count: counts[i] || 0, selected: isSel, i: i });
        }
      });
      list.sort(function (a, b) { return (b.count - a.count) || (a.i - b.i); });
      list.forEach(function (x) { delete x.i; });
      out[name] = list;
    });
    return out;
  }

  // ---------------------------------------------------------------- search

  /** The query's groups, and the index files they need. */
  function prepare(query, meta) {
    var groups = tokenize(query);
    var names = {};
    var common = {};
    (meta.common || []).forEach(function (t) { common[t] = true; });
    groups.forEach(function (g, i) {
      if (g.type === 'cjk') {
        // In a run of six characters or more, the bigrams in a quarter of the pages or
        // more (meta.common) are not loaded: the run's other bigrams find its pages, and
        // the text of the results shown settles their exact text. The first bigram is
        // always loaded (it finds the candidates and its shard holds the title's term).
        var m = g.terms.length;
        g.skip = g.terms.map(function (t, k) { return m >= 5 && k > 0 && common[t] === true; });
        g.terms.forEach(function (t, k) { if (!g.skip[k]) need(t); });
      } else if (g.prefix) {
        forms(g).forEach(function (f) {
          prefixGroups(f, meta).forEach(function (k) { names[wordFile(k, meta)] = true; });
        });
      } else {
        forms(g).forEach(function (f) { names[shardOf(f, meta)] = true; });
      }
      // Neighbours: the term a page holds where the two groups meet — the bigram across
      // two CJK runs, else the pair of a word (a code's outer part) and a word or CJK
      // character, as the index writes it (src/search/postings.rs).
      var n = groups[i + 1];
      if (!n || n.pos !== g.end + 1) return;
      // Two CJK runs the query itself keeps apart (磐石 执行阶段, 成本、进度): a page
      // writing them together or with spaces between holds the bigram across them (the
      // index reads spaces inside a run), one writing a mark between (成本、进度) does
      // not. So the bigram is a `gap`: a page holding it comes nearer, one lacking it
      // may still hold the exact text, which reading it (squeezed) settles.
      g.gap = g.type === 'cjk' && n.type === 'cjk';
      var left = g.type === 'cjk' ? Array.from(g.text).pop() : (g.parts ? g.parts[g.parts.length - 1] : g.term);
      var right = n.type === 'cjk' ? Array.from(n.text)[0] : (n.parts ? n.parts[0] : n.term);
      g.nextTerm = g.type === 'cjk' && n.type === 'cjk' ? left + right : left + ' ' + right;
      need(g.nextTerm);
    });
    // The shard of the query's exact-title term (src/search/titles.rs).
    var key = titleKey(query);
    if (key && groups.length) names[shardName(key, meta)] = true;
    // A date typed 2024年4月: the term of the pages whose dates show that month.
    var date = groups.length ? T.cjkDate(exactText(query)) : null;
    if (date) names[shardOf(date, meta)] = true;
    return { groups: groups, shards: Object.keys(names).sort(), date: date };

    /** A term's shard, and the file of its ranked list if it may have one. */
    function need(t) {
      names[shardOf(t, meta)] = true;
      var f = rankedFile(t, meta);
      if (f) names[f] = true;
    }
  }

  /**
   * The files of the common bigrams prepare left unloaded that the unsure matches on
   * the page of results wait for most (see holdsRun), `room` of them at most, those
   * most of the pages wait for first. Their `skip` is cleared, so resolveGroups reads
   * their lists. Each is a ranked list of ≈ 2 KB gz: loading every one a long title's
   * unsure pages wait for — 最佳实践 apart is four — took its first query from 60 to 68
   * KB at 10k pages; the pages left unsure stay below every page sure to hold each word.
   */
  function unskip(groups, unsure, room, meta) {
    var wanted = [];
    groups.forEach(function (g) {
      if (g.type !== 'cjk') return;
      var ps = g.postings;
      var m = ps.length;
      var count = {};
      unsure.forEach(function (match) {
        var d = match.d;
        var seen = {};
        function want(k) {
          if (ps[k] === null && g.skip[k] && !seen[k]) { seen[k] = true; count[k] = (count[k] || 0) + 1; }
        }
        want(m - 1);
        for (var i = 1; i < m; i++) {
          if (heldBigram(ps[i], d) !== 1 && heldBigram(ps[i - 1], d) !== 1) { want(i); want(i - 1); }
        }
      });
      Object.keys(count).forEach(function (k) { wanted.push({ g: g, k: +k, n: count[k] }); });
    });
    wanted.sort(function (a, b) { return (b.n - a.n) || (b.k - a.k); });
    var names = {};
    wanted.slice(0, room).forEach(function (w) {
      var t = w.g.terms[w.k];
      w.g.skip[w.k] = false;
      names[shardOf(t, meta)] = true;
      var f = rankedFile(t, meta);
      if (f) names[f] = true;
    });
    return { names: Object.keys(names).sort(), taken: Math.min(room, wanted.length) };
  }

  /** Common bigrams a query loads, at most, to settle its unsure pages (see unskip). */
  var SETTLE_BIGRAMS = 2;

  /**
   * Ranked lists a query may load in all, its own and those it settles with: a query
   * holding more settles nothing (at 10k pages the long titles that load 12 are the
   * largest first queries, within 0.1 KB of their 60 KB budget).
   */
  var SETTLE_RANKED = 12;

  /**
   * The forms a word group is looked up by: as typed, its stem, and its other forms (a
   * date typed `2024/04` as the index's `2024-04`); prefixes of each while it is typed.
   */
  function forms(g) {
    return (g.prefix ? [g.text, g.term] : [g.term]).concat(g.alts || []);
  }

  function resolveGroups(groups, meta) {
    groups.forEach(function (g) {
      if (g.type === 'cjk') {
        g.postings = g.terms.map(function (t, i) { return g.skip[i] ? null : postingsOf(t, meta); });
        g.df = sourceDocs(g)[0].docs.length;
      } else if (g.prefix) {
        var seen = {};
        var exp = [];
        forms(g).forEach(function (pre) {
          prefixGroups(pre, meta).forEach(function (k) {
            var data = store[wordFile(k, meta)] || {};
            Object.keys(data).forEach(function (t) {
              if (!seen[t] && t.lastIndexOf(pre, 0) === 0 && t.indexOf(' ') < 0) { seen[t] = true; exp.push(t); }
            });
          });
        });
        exp.sort();
        g.expansions = exp.map(function (t) { return postingsOf(t, meta); });
        g.expanded = exp;
        g.df = g.expansions.reduce(function (n, p) { return n + p.docs.length; }, 0);
      } else {
        // The term, and its other forms (a date as the index writes it).
        g.expanded = [g.term].concat(g.alts || []);
        g.expansions = g.expanded.map(function (t) { return postingsOf(t, meta); });
        g.df = g.expansions.reduce(function (n, p) { return n + p.docs.length; }, 0);
      }
      g.next = g.nextTerm ? postingsOf(g.nextTerm, meta) : null;
    });
  }

  var facetsDecoded = null;

  /** The facets file decoded: {name: {values, labels, docs: [value index or -1 | [indexes]]}}. */
  function facetData() {
    if (facetsDecoded) return facetsDecoded;
    var out = {};
    (store.meta.facets || []).forEach(function (name) {
      var f = store['f/' + name];
      if (!f) return;
      var docs = [];
      if (f.lists) {
        // Per value, its documents as differences: turned around into per-document lists.
        for (var d = 0; d < store.meta.n; d++) docs.push([]);
        f.lists.forEach(function (list, v) {
          var at = 0;
          numbers(list).forEach(function (delta, k) {
            at = k ? at + delta : delta;
            if (docs[at]) docs[at].push(v);
          });
        });
      } else {
        var nums = numbers(f.docs || '');
        for (var i = 0; i < nums.length; i++) docs.push(nums[i] - 1);
      }
      out[name] = { values: f.values, labels: f.labels, docs: docs };
    });
    facetsDecoded = out;
    return out;
  }

  function emptyResult(meta, filters, withFacets) {
    return { total: 0, facets: withFacets ? facetCounts([], { facets: facetData() }, {}, filters) : {}, results: [], terms: [], matches: { hits: [], found: [] } };
  }

  function kindLabel(meta, kind) {
    var f = meta.kind;
    if (!f) return kind;
    var i = f.values.indexOf(kind);
    return i >= 0 && f.labels ? f.labels[i] : kind;
  }

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

  /**
   * A query as typed; when one holding CJK characters finds nothing, it is run again
   * with traditional characters replaced by their simplified forms (供應商 → 供应商),
   * and the result says so in `folded`. The table (t2s.js) is loaded only then, so
   * simplified queries never pay for it. A query that then finds less than a page of
   * results is widened to its synonyms (see widen).
   */
  function search(query, options) {
    // A date in words (`Sept 2024`, `27.09.2024`) is searched as the ISO day or month
    // every form of it is indexed by; the result says so in `asDate`.
    var iso = T.wordDate(query);
    if (iso) {
      return searchWidened(iso, options).then(function (res) {
        if (!res.total) return searchWidened(query, options);
        res.asDate = iso;
        return res;
      });
    }
    return searchWidened(query, options).then(function (res) {
      var filtered = options && options.filters && Object.keys(options.filters).length;
      if (filtered) return res;
      return res.total ? withoutFillers(res.folded || query, res, options) : relax(res.folded || query, res, options);
    });
  }

  /**
   * A question finding less than a page of results (`项目编号怎么分配`, `搬迁项目为什么暂停`)
   * found the pages that happen to hold 怎么 or 为什么 beside its subject, and missed
   * those about it. Without its question words (T.withoutFillers) it is run again, and
   * stands when it finds more, saying so in `relaxed` with `fillers` set. A page whose
   * title is the question as typed keeps it as it is.
   */
  function withoutFillers(query, res, options) {
    var stripped = T.withoutFillers(query);
    if (res.total >= WIDEN_BELOW || res.titled_ || !stripped || !T.hasFillers(query)) return res;
    // A page holding the question as typed wrote it: `五个为什么` is a method, and the
    // shorter `五个` found more pages and put the one naming it fourth.
    if (res.results.some(function (row) { return row.exact && !row.synonym; })) return res;
    return searchWidened(stripped, options).then(function (r) {
      if (r.total <= res.total) return res;
      r.fillers = true;
      return relaxedTo(r, stripped);
    });
  }

  /**
   * A query finding nothing at all, run again without what keeps it from matching:
   * first its question words (`供应商老是延期` → `供应商 延期`, see T.withoutFillers),
   * then the pieces no page holds — a Chinese run is cut where no page holds its bigram,
   * and a character left alone goes (`写经验教训` → `经验教训`); a word no page holds
   * becomes the word a page holds one or two edits away (`vender` → vendor), or goes —
   * as long as more than half of the query is left.
   * The result says what it searched for in `relaxed`: a reader sees the words that
   * were dropped. `res` (nothing found) stands when nothing is left or it finds nothing.
   */
  function relax(query, res, options) {
    var stripped = T.withoutFillers(query);
    // Nothing but question words (怎么办): nothing is asked about.
    if (!stripped && T.hasFillers(query)) return Promise.resolve(res);
    var asked = stripped || query;
    // Each step names the next query to run (null for none), worked out only when the
    // steps before it found nothing; the first query finding a page stands.
    var steps = [
      function () { return Promise.resolve(stripped); },
      function () { return heldQuery(asked); },
      function () { return coverQuery(asked); }
    ];
    var tried = [query];
    function step(i) {
      if (i >= steps.length) return Promise.resolve(res);
      return steps[i]().then(function (q) {
        if (!q || tried.indexOf(q) >= 0) return step(i + 1);
        tried.push(q);
        return searchWidened(q, options).then(function (r) { return r.total ? relaxedTo(r, q) : step(i + 1); });
      });
    }
    return step(0);
  }

  function relaxedTo(res, query) {
    res.relaxed = query;
    return res;
  }

  /**
   * `query` with only what some page holds (see relax), as a query, or null when that is
   * half of it or less; its files are those the query loaded, so this costs no download.
   */
  function heldQuery(query) {
    return get('meta').then(function (meta) {
      var prep = prepare(query, meta);
      return Promise.all(prep.shards.map(get)).then(function () {
        resolveGroups(prep.groups, meta);
        // The word files where a word no page holds may find the word it misspells.
        // As typed and as stemmed: `milestne` is one edit from milestone, two from its
        // stem; `testers` two from tested, one as `tester`.
        var near = {};
        prep.groups.forEach(function (g) {
          if (g.type === 'cjk' || g.df > 0) return;
          var keys = nearGroups(g.text, meta);
          nearGroups(g.term, meta).forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); });
          near[g.text] = keys.slice(0, NEAR_GROUPS);
        });
        var files = {};
        Object.keys(near).forEach(function (t) {
          near[t].forEach(function (key) { files[wordFile(key, meta)] = true; });
        });
        // The site's words, for a Chinese run some page lacks a bigram of (see mend).
        if (prep.groups.some(function (g) { return g.type === 'cjk' && gaps(g).some(Boolean); })) files.vocab = true;
        return Promise.all(Object.keys(files).map(optional)).then(function () { return near; });
      }).then(function (near) {
        var vocab = typeof store.vocab === 'string' ? store.vocab.split(' ') : [];
        var pieces = [];
        var typed = 0;
        var kept = 0;
        prep.groups.forEach(function (g) {
          var n = Array.from(g.text).length;
          typed += n;
          var mended = g.type === 'cjk' ? mend(g, vocab) : null;
          if (mended) {
            pieces.push(mended);
            kept += n;
          } else if (g.type === 'cjk') {
            heldPieces(g).forEach(function (p) { pieces.push(p); kept += Array.from(p).length; });
          } else if (g.df > 0) {
            pieces.push(g.text);
            kept += n;
          } else {
            var word = nearestWord(g.text, g.term, near[g.text] || [], meta);
            if (word) { pieces.push(word); kept += n; }
          }
        });
        // Half the query gone is another query (鲲鹏项目 is not 项目): nothing is found.
        return kept * 2 > typed ? pieces.join(' ') : null;
      });
    });
  }

  /**
   * A long query no page holds all of (a question typed as a sentence, a lesson
   * described from memory) as the part of it the page holding most of it holds: that
   * page is the one scoring highest over the query's bigrams and words (idf × impact,
   * as results are scored), and the query keeps the runs of its bigrams that page holds,
   * of two characters or more, and the words it holds. Null when the page holds less
   * than a third of the query, or a query under LONG_QUERY characters less than half:
   * 鲲鹏项目 is not 项目.
   */
  function coverQuery(query) {
    return get('meta').then(function (meta) {
      var prep = prepare(query, meta);
      return Promise.all(prep.shards.map(get)).then(function () {
        resolveGroups(prep.groups, meta);
        var score = {};
        function add(p) {
          if (!p) return;
          for (var k = 0; k < p.docs.length; k++) score[p.docs[k]] = (score[p.docs[k]] || 0) + weight(p, k, meta);
        }
        var typed = 0;
        prep.groups.forEach(function (g) {
          typed += Array.from(g.text).length;
          (g.type === 'cjk' ? g.postings : g.expansions).forEach(add);
        });
        var best = -1;
        Object.keys(score).forEach(function (d) {
          var n = +d;
          if (best < 0 || score[d] > score[best] || (score[d] === score[best] && n < best)) best = n;
        });
        if (best < 0) return null;
        var pieces = [];
        var kept = 0;
        prep.groups.forEach(function (g) {
          if (g.type !== 'cjk') {
            if (holds(g, best)) { pieces.push(g.text); kept += Array.from(g.text).length; }
            return;
          }
          var chars = Array.from(g.text);
          var start = -1;
          for (var k = 0; k <= g.terms.length; k++) {
            var held = k < g.terms.length && chars.length > 1 && heldBigram(g.postings[k], best) > 0;
            if (held && start < 0) start = k;
            if (held || start < 0) continue;
            pieces.push(chars.slice(start, k + 1).join(''));
            kept += k + 1 - start;
            start = -1;
          }
        });
        var enough = typed >= LONG_QUERY ? kept * 3 >= typed : kept * 2 > typed;
        return enough && pieces.length ? pieces.join(' ') : null;
      });
    });
  }

  /** A query this long (in characters) may be relaxed to a third of it (see coverQuery). */
  var LONG_QUERY = 8;

  /** For each bigram of a Chinese run, whether no page holds it. */
  function gaps(g) {
    if (Array.from(g.text).length < 2) return [];
    return g.terms.map(function (t, k) { return !(g.skip[k] || g.postings[k].docs.length > 0); });
  }

  /**
   * A Chinese run typed with a wrong character (经验交训, 变跟控制: an input method's
   * homophone), mended to the site's word that differs from it there (see
   * `search/vocab.js`, the site's words most held first): the run with up to MEND_CHARS
   * characters replaced, each beside a bigram no page holds (洗 of 干洗人 may meet 人 on
   * a page, 数据清洗人员), or null. The longest word wins (变更控制 over 变更), then the
   * most held.
   */
  function mend(g, vocab) {
    var chars = Array.from(g.text);
    var missing = gaps(g);
    var mended = 0;
    while (mended < MEND_CHARS && missing.some(Boolean)) {
      var best = null;
      for (var r = 0; r < vocab.length; r++) {
        var word = Array.from(vocab[r]);
        if (best && word.length <= best.len) continue;
        // Two characters the word shares with the run, or the run is the word (挣直 →
        // 挣值): one shared character is no evidence (谁 of 变更需要谁审批 is no 评 of 评审).
        if (word.length < 3 && word.length !== chars.length) continue;
        for (var o = 0; o + word.length <= chars.length; o++) {
          var at = -1;
          for (var k = 0; k < word.length; k++) {
            if (word[k] === chars[o + k]) continue;
            if (at >= 0) { at = -2; break; }
            at = o + k;
          }
          if (at < 0 || !(missing[at - 1] || missing[at])) continue;
          best = { len: word.length, at: at, to: word[at - o] };
          break;
        }
      }
      if (!best) break;
      chars[best.at] = best.to;
      if (best.at > 0) missing[best.at - 1] = false;
      if (best.at < missing.length) missing[best.at] = false;
      mended++;
    }
    return mended ? chars.join('') : null;
  }
  var MEND_CHARS = 2;

  /** The pieces of a Chinese run between the bigrams no page holds, of two characters or more. */
  function heldPieces(g) {
    var chars = Array.from(g.text);
    if (chars.length === 1) return g.df > 0 ? [g.text] : [];
    var out = [];
    var start = 0;
    for (var k = 0; k <= g.terms.length; k++) {
      var held = k < g.terms.length && (g.skip[k] || g.postings[k].docs.length > 0);
      if (held) continue;
      if (k + 1 - start >= 2) out.push(chars.slice(start, k + 1).join(''));
      start = k + 1;
    }
    return out;
  }

  /** Edits a misspelt word may be from the word it means: two from eight letters on. */
  function editsFor(term) { return Array.from(term).length >= 8 ? 2 : 1; }

  /** The numbers `word` writes, in order, as numbers: `ll-2026-012` → `2026,12`. */
  function numbersOf(word) {
    return (String(word).match(/[0-9]+/g) || []).map(function (n) { return String(Number(n)); }).join(',');
  }

  /** Word groups a misspelt word loads at most to look for the word it means. */
  var NEAR_GROUPS = 8;

  /**
   * The word groups where a word a few edits from `term` may stand (see nearestWord):
   * its own, then, from the deepest split group above it up, that group and those of
   * the keys under it that are themselves a few edits from the start of `term`. A word
   * group splits as it grows (docs/search-format.md), so `stakehlder` has a group of
   * its own, apart from stakeholder's `stakeho…`: looking in its own group only, a
   * large site mended no misspelling after the split. A misspelling in the first two
   * letters is not looked for: every group would be a candidate. Empty when `term` is
   * too short to mend.
   */
  function nearGroups(term, meta) {
    var chars = Array.from(term);
    if (chars.length < 4 || isCjk(term.codePointAt(0))) return [];
    var split = meta.split || {};
    var most = editsFor(term);
    var own = groupKey(term, meta);
    var keys = [own];
    function close(key) {
      var n = Array.from(key).length;
      for (var l = Math.max(1, n - most); l <= n + most && l <= chars.length; l++) {
        if (T.withinEdits(chars.slice(0, l).join(''), key, most)) return true;
      }
      return false;
    }
    function under(key) {
      var children = Object.prototype.hasOwnProperty.call(split, key) ? split[key] : [];
      children.forEach(function (c) {
        if (keys.length >= NEAR_GROUPS || keys.indexOf(c) >= 0 || !close(c)) return;
        keys.push(c);
        under(c);
      });
    }
    for (var n = Array.from(own).length - 1; n >= 2 && keys.length < NEAR_GROUPS; n--) {
      var parent = chars.slice(0, n).join('');
      if (keys.indexOf(parent) < 0) keys.push(parent);
      under(parent);
    }
    return keys.slice(0, NEAR_GROUPS);
  }

  /**
   * The word of the word groups `keys` (see nearGroups) fewest edits from `term` or
   * from its stem `stem`, at most one (two for a word of eight letters or more), and of
   * those the one held by the most pages, the first in order among as many; null for
   * none. A word is never mended into one writing other numbers: a number or code a
   * digit away is another one (LL-2023-0011 is not LL-2023-001), but `gate3` is gate,
   * `LL-2026-12` LL-2026-012 and `27/09/2024` 27.09.2024. A stem is told as its form
   * written there that is fewest edits from `term` (`scheduel` is relaxed to schedule,
   * not to schedul): both find the same pages.
   */
  function nearestWord(term, stem, keys, meta) {
    if (!keys.length) return null;
    var numbers = numbersOf(term);
    // The edits from `word` to t; Infinity past those a word of its length may have.
    function editsFrom(word, t) {
      var most = editsFor(word);
      for (var k = 0; k <= most; k++) if (T.withinEdits(word, t, k)) return k;
      return Infinity;
    }
    var words = {};
    keys.forEach(function (key) {
      var data = store[wordFile(key, meta)] || {};
      Object.keys(data).forEach(function (t) {
        if (t.lastIndexOf(key, 0) === 0 && t.indexOf(' ') < 0) words[t] = true;
      });
    });
    var near = [];
    Object.keys(words).sort().forEach(function (t) {
      var n = numbersOf(t);
      if (n && n !== numbers) return;
      var edits = Math.min(editsFrom(term, t), editsFrom(stem, t));
      var df = edits < Infinity ? postingsOf(t, meta).docs.length : 0;
      if (df > 0) near.push({ t: t, edits: edits, typed: editsFrom(term, t), df: df });
    });
    // The fewest edits first, then the most held, then the first in order.
    function first(list, edits) {
      var best = null;
      list.forEach(function (c) {
        if (!best || edits(c) < edits(best) || (edits(c) === edits(best) && c.df > best.df)) best = c;
      });
      return best;
    }
    var best = first(near, function (c) { return c.edits; });
    if (!best) return null;
    var forms = near.filter(function (c) { return c !== best && T.stem(c.t) === best.t; });
    var written = first(forms, function (c) { return c.typed; });
    return written && written.typed <= best.typed ? written.t : best.t;
  }

  function searchWidened(query, options) {
    // The query's own matches come with it, for widen to put its synonyms' after.
    var own = {};
    Object.keys(options || {}).forEach(function (k) { own[k] = options[k]; });
    own.matches = true;
    return searchFolded(query, own).then(function (res) {
      var matches = res.matches;
      delete res.matches;
      // A page whose title is the query is what was looked for: its words' synonyms
      // would add hundreds of pages that merely hold them.
      // (From the matches, not the rows: a call asking for no rows must widen alike.)
      var titled = matches && matches.hits.length && matches.hits[0].title;
      // Not a field of the result (its rows say so): search's own mark.
      if (titled) Object.defineProperty(res, 'titled_', { value: true });
      if (res.total >= WIDEN_BELOW || titled) return res;
      var asked = res.folded || query;
      return optional('syn').then(function (table) {
        var vs = Array.isArray(table) ? T.synonymQueries(asked, table, WIDEN_QUERIES) : [];
        return vs.length && matches ? widen(asked, vs, res, matches, options || {}) : res;
      });
    });
  }

  function searchFolded(query, options) {
    return searchAs(query, options).then(function (res) {
      if (res.total || !res.terms.some(function (t) { return t.cjk; })) return res;
      return optional('t2s').then(function (pairs) {
        var folded = typeof pairs === 'string' ? simplify(query, pairs) : query;
        if (folded === query) return res;
        return searchAs(folded, options).then(function (again) {
          again.folded = folded;
          return again;
        });
      });
    });
  }

  /**
   * A query finding fewer pages than this is widened: the pages written with a synonym
   * of one of its words (延误 for 延期, 范围蔓延 for scope creep; syn.js, built from
   * src/search/synonyms.rs and site.toml's search_synonyms) follow every page it finds
   * as typed. A query finding a page of results or more is left as it is: what it says
   * is on the site, and synonyms would cost their downloads for pages below the fold.
   */
  var WIDEN_BELOW = 10;
  /** Synonym queries a query is widened to at most (each loads its own terms). */
  var WIDEN_QUERIES = 4;

  /**
   * `res` (the query's own result, `own` its matches) with the pages its synonym queries
   * `vs` find, each once: first the pages titled with the query's or a synonym query's
   * text (titledFirst), then the pages holding `query`'s exact text, then by score
   * those holding a synonym query's exact text and the query's other pages (a page
   * saying 完工预算 in passing is not above one all about budget at completion, with
   * its words apart, nor far below), then the synonyms' other pages, in the order of
   * the query that found each first and its rank there.
   * `total` and the facets count them all; each row from a synonym names it in
   * `synonym`, and `widened` lists the synonyms that found a page. The query's own
   * matches are those `res` counted: run again without its page of results, a long run
   * kept pages it had dropped as not holding every word (制造执行系统).
   */
  function widen(query, vs, res, own, options) {
    var limit = options.limit === undefined ? 10 : options.limit;
    var offset = options.offset || 0;
    var withText = options.excerpts !== false;
    var filters = options.filters || {};
    // As deep as the page of results reaches, so unsure pages there are settled: a page
    // lacking a word of its synonym query (风险 of 供应商推迟风险) is never shown.
    var quiet = { limit: offset + limit, offset: 0, excerpts: false, facets: false, filters: filters, matches: true };
    // Whole words: `bac`, a synonym of budget at completion, is no prefix of background.
    var queries = vs.map(function (v) { return v.query + ' '; });
    return Promise.all(queries.map(function (q) { return searchAs(q, quiet); })).then(function (lists) {
      var seen = {};
      var found = [];
      var inFound = {};
      var widened = [];
      // Exact pages of the query, exact pages of a synonym, the query's others, the synonyms'.
      var bands = [[], [], [], []];
      own.hits.forEach(function (m) { seen[m.d] = true; bands[tier(m) ? 0 : 2].push({ m: m, from: -1 }); });
      own.found.forEach(function (d) { inFound[d] = true; found.push(d); });
      lists.forEach(function (r, i) {
        r.matches.hits.forEach(function (m) {
          if (seen[m.d]) return;
          seen[m.d] = true;
          bands[tier(m) ? 1 : 3].push({ m: m, from: i });
          if (widened.indexOf(vs[i].word) < 0) widened.push(vs[i].word);
        });
        r.matches.found.forEach(function (d) { if (!inFound[d]) { inFound[d] = true; found.push(d); } });
      });
      if (!widened.length) return res;
      return titledFirst(query, vs, bands, offset + limit).then(function () {
        // A synonym's exact page and the query's own page holding its words apart meet by
        // score: 变更控制 apart, all about change control, is not below 变更申请 in passing.
        // Each keeps its order (the synonyms' nearest in meaning first): merged, not sorted.
        var middle = [];
        for (var a = 0, b = 0; a < bands[1].length || b < bands[2].length;) {
          var syn = bands[1][a];
          var mine = bands[2][b];
          if (mine && (!syn || mine.m.score >= syn.m.score)) { middle.push(mine); b++; } else { middle.push(syn); a++; }
        }
        var merged = bands[0].concat(middle, bands[3]);
        // A section below the first of its pages found, across the bands too.
        var byDoc = {};
        var ms = merged.map(function (x) { byDoc[x.m.d] = x; return x.m; });
        belowTheirPages(ms, store.meta);
        merged = ms.map(function (m) { return byDoc[m.d]; });
        var page = merged.slice(offset, offset + limit);
        // The rows `res` has are reused; the others are made from the query that found them.
        var ownRows = {};
        res.results.forEach(function (row) { ownRows[row.doc] = row; });
        var byQuery = {};
        page.forEach(function (x) {
          if (x.from < 0 && ownRows[x.m.d]) return;
          (byQuery[x.from] = byQuery[x.from] || []).push(x.m);
        });
        var rows = Object.keys(byQuery).map(function (key) {
          var i = +key;
          return rowsFor(i < 0 ? query : queries[i], byQuery[key], withText).then(function (list) {
            if (i >= 0) list.forEach(function (row) { row.synonym = vs[i].word; });
            return list;
          });
        });
        return Promise.all(rows).then(function (lists) {
          var rowOf = {};
          lists.forEach(function (list) { list.forEach(function (row) { rowOf[row.doc] = row; }); });
          var facets = res.facets;
          if (options.facets !== false) {
            var fmeta = { facets: facetData() };
            facets = facetCounts(found, fmeta, normalizeFilters(filters, fmeta), filters);
          }
          return {
            total: merged.length, facets: facets, terms: res.terms, folded: res.folded, widened: widened,
            results: page.map(function (x) { return x.from < 0 && ownRows[x.m.d] ? ownRows[x.m.d] : rowOf[x.m.d]; })
          };
        });
      });
    });
  }

  /**
   * Puts first, among the pages holding the exact text of the query or of a synonym query
   * (`bands[0]`, `bands[1]`, see widen), those whose title holds one of those texts: the
   * query's own, then the synonyms', each band keeping its order. `training` on a Chinese
   * portal found the about page saying it in passing first and 培训与 PMO 辅导 fourth;
   * `risk register`, 风险登记册的建立与维护 under a page listing both words. Reads the
   * block 0 of the synonyms' pages as far as a page of results reaches (`reach`): the
   * rows of those shown need it anyway.
   */
  function titledFirst(query, vs, bands, reach) {
    var needles = [exactText(query)].concat(vs.map(function (v) { return exactText(v.query); }))
      .filter(function (n) { return n !== ''; });
    var synonyms = bands[1].slice(0, reach);
    var asked = bands[0].concat(synonyms);
    return Promise.all(asked.map(function (x) {
      return get('x/' + x.m.d + '-0').then(function (entry) {
        if (!Array.isArray(entry)) return false;
        var title = squeezeLines(String(entry[1]));
        return needles.some(function (n) { return title.indexOf(n) >= 0; });
      }, function () { return false; });
    })).then(function (named) {
      var ownNamed = [], ownOthers = [], synNamed = [], synOthers = [];
      asked.forEach(function (x, i) {
        var own = i < bands[0].length;
        (named[i] ? (own ? ownNamed : synNamed) : (own ? ownOthers : synOthers)).push(x);
      });
      bands[0] = ownNamed.concat(synNamed, ownOthers);
      bands[1] = synOthers.concat(bands[1].slice(reach));
    });
  }

  /** Result rows of the matches `ms` of `query`, run before, so its files are loaded. */
  function rowsFor(query, ms, withText) {
    return get('meta').then(function (meta) {
      var prep = prepare(query, meta);
      resolveGroups(prep.groups, meta);
      var load = resultLoader(prep.groups, meta, withText);
      return Promise.all(ms.map(function (m) { return load(m.d); })).then(function (loaded) {
        return ms.map(function (m, i) { return resultRow(m, loaded[i], prep.groups, meta); });
      });
    });
  }

  /** One row of results: match `m`, its document's entry and text as `load` gave them. */
  function resultRow(m, loaded, groups, meta) {
    var entry = loaded[0];
    return {
      url: entry[0], title: entry[1], kind: entry[2], kindLabel: kindLabel(meta, entry[2]),
      date: entry[3] || '', excerpt: excerpt(loaded[1], groups),
      score: Math.round(m.score * 10000) / 10000, doc: m.d,
      exact: tier(m) === 2, titleMatch: m.title
    };
  }

  var simplified = null;  // traditional character → simplified, from t2s.js

  function simplify(query, pairs) {
    if (!simplified) {
      simplified = {};
      var chars = Array.from(pairs);
      for (var i = 0; i + 1 < chars.length; i += 2) simplified[chars[i]] = chars[i + 1];
    }
    return Array.from(query).map(function (c) { return has(simplified, c) ? simplified[c] : c; }).join('');
  }

  function searchAs(query, options) {
    options = options || {};
    var limit = options.limit === undefined ? 10 : options.limit;
    var offset = options.offset || 0;
    var filters = options.filters || {};
    var withFacets = options.facets !== false;
    return get('meta').then(function (meta) {
      var needFacets = withFacets || Object.keys(filters).length > 0;
      var withText = options.excerpts !== false;
      var prep = prepare(query || '', meta);
      var files = prep.groups.length ? prep.shards.slice() : [];
      if (needFacets) (meta.facets || []).forEach(function (name) { files.push('f/' + name); });
      var found, facets, hits, fmeta;
      /** Matches the groups as loaded: found, facets and hits (filtered, ranked). */
      function matchAll() {
        resolveGroups(prep.groups, meta);
        found = match(prep.groups, meta, titleMatches(query, prep.groups, meta),
          prep.date ? postingsOf(prep.date, meta) : null);
        fmeta = { facets: needFacets ? facetData() : {} };
        var active = normalizeFilters(filters, fmeta);
        facets = withFacets ? facetCounts(found.map(function (m) { return m.d; }), fmeta, active, filters) : {};
        hits = Object.keys(active).length ? found.filter(function (m) {
          for (var name in active) if (!passes(fmeta.facets[name], active[name], m.d)) return false;
          return true;
        }) : found;
        rank(hits);
      }
      // Bigrams to settle with: none for a query already loading many ranked lists (a
      // long title), whose first query the lists would take past its budget.
      var ranked = prep.shards.filter(function (f) { return f.lastIndexOf('p/', 0) === 0; }).length;
      var room = ranked + SETTLE_BIGRAMS <= SETTLE_RANKED ? SETTLE_BIGRAMS : 0;
      /**
       * While pages on the page of results are unsure (only a common bigram left unloaded
       * can tell whether they hold every word), loads the bigrams they wait for and
       * matches again: a listed page holds every word of the query.
       */
      function settle() {
        var unsure = hits.slice(0, offset + limit).filter(function (m) { return m.unsure; });
        if (!unsure.length || !room) return null;
        var more = unskip(prep.groups, unsure, room, meta);
        room -= more.taken;
        return more.taken ? Promise.all(more.names.map(get)).then(function () { matchAll(); return settle(); }) : null;
      }
      return Promise.all(files.map(get)).then(function () {
        if (!prep.groups.length) return emptyResult(meta, filters, needFacets);
        matchAll();
        return settle();
      }).then(function () {
        if (!prep.groups.length) return emptyResult(meta, filters, needFacets);
        var load = resultLoader(prep.groups, meta, withText);
        var settled = Promise.resolve();
        if (withText) {
          // The results that verify cannot move off the page load now, beside it; the
          // others as verify tells.
          settledDocs(hits, offset, offset + limit).forEach(load);
          settled = verify(hits, query, offset, offset + limit, prep.groups, meta, load,
            mayStandApart(found, prep.groups, meta));
        }
        if (withText) settled = settled.then(function () { return titleWords(hits, query); });
        return settled.then(function () {
          var page = hits.slice(offset, offset + limit);
          return Promise.all(page.map(function (m) { return load(m.d); })).then(function (loaded) {
            var results = page.map(function (m, i) { return resultRow(m, loaded[i], prep.groups, meta); });
            return {
              total: hits.length, facets: facets, results: results,
              matches: options.matches ? { hits: hits, found: found.map(function (m) { return m.d; }) } : undefined,
              terms: prep.groups.map(function (g) {
                return g.type === 'cjk' ? { cjk: g.text, terms: g.terms } : { word: g.term, prefix: g.prefix, expanded: g.expanded };
              })
            };
          });
        });
      });
    });
  }

  /** Loads meta, which every query needs first, ahead of the first query. */
  function warm() { return get('meta').then(function () {}, function () {}); }

  function reset() {
    store = {}; promises = {}; decoded = {}; placesDecoded = {}; facetsDecoded = null; optionals = {}; simplified = null;
    Object.keys(pending).forEach(function (k) { delete pending[k]; });
  }

  function configure(opts) {
    opts = opts || {};
    if ('base' in opts) { config.base = opts.base; reset(); }
    if ('load' in opts) { config.load = opts.load; reset(); }
    return PmoSearch;
  }

  function siteRoot() {
    return base().replace(/search\/$/, '');
  }

  function href(url) {
    var u = siteRoot() + (url || '');
    var isFile = global.location && global.location.protocol === 'file:';
    if (isFile && /\/$/.test(u)) u += 'index.html';
    else if (isFile && /\/#/.test(u)) u = u.replace(/\/#/, '/index.html#');
    return u;
  }

  var PmoSearch = {
    version: 10,
    facetNames: FACETS.slice(),
    search: search,
    configure: configure,
    reset: reset,
    warm: warm,
    tokenize: tokenize,
    stem: stem,
    fnv1a32: fnv1a32,
    shardOf: shardOf,
    excerpt: excerpt,
    base: base,
    siteRoot: siteRoot,
    href: href,
    escapeHtml: escapeHtml,
    _receive: receive,
    _store: function () { return store; },
    _decode: decode,
    _slot: slot
  };

  global.PmoSearch = PmoSearch;
  if (typeof module !== 'undefined' && module.exports) module.exports = PmoSearch;

})(typeof window !== 'undefined' ? window : typeof globalThis !== 'undefined' ? globalThis : this);
