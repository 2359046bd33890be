/*
 * pmo-portal site search: the index files: their names (term shards, word files, by the
 * FNV-1a hash of a word group), loading them (a <script> tag in browsers, fs under node,
 * or configure's `load`), and decoding postings into typed arrays with a lookup by page.
 *
 * One of the files of the search client, each loaded after the one before it (see
 * search.js, the API, for the whole list); they share their functions through
 * `PmoSearchParts`.
 */
(function (global) {
  'use strict';

  var P = global.PmoSearchParts = { files: [], forgets: [] };

  var FACETS = ['kind', 'year', 'phase', 'impact', 'project', 'category', 'tags'];

  // The text rules (search-text.js, loaded first in pages; required under node).
  var T = global.PmoSearchText;
  if (!T && typeof require === 'function') T = require('./search-text.js');
  if (!T) throw new Error('search-load.js needs search-text.js, loaded before it');
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
        if (/(^|\/)search-load\.js(\?|#|$)/.test(scripts[si].src || '')) { scriptSrc = scripts[si].src; break; }
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

  /**
   * The split word groups of `meta.split`, read once: split key → the last characters of
   * the keys one character longer under it. meta writes them as a tree in one string
   * (docs/search-format.md, "Word files"): `10{%.{57}0}` is 10 → `%.0` and 10. → `57`.
   */
  function splitGroups(meta) {
    if (meta.split_) return meta.split_;
    var out = Object.create(null);
    var path = [];      // the split keys open around the character read
    var root = '';      // a two-character key being read, before its brace
    var last = '';      // the last child read under the innermost key
    Array.from(typeof meta.split === 'string' ? meta.split : '').forEach(function (c) {
      if (c === '{') {
        var key = path.length ? path[path.length - 1] + last : root;
        out[key] = '';
        path.push(key);
        root = '';
      } else if (c === '}') {
        path.pop();
      } else if (path.length) {
        out[path[path.length - 1]] += c;
        last = c;
      } else {
        root += c;
      }
    });
    meta.split_ = out;
    return out;
  }

  /** The word group a word's postings live in (docs/search-format.md, "Shards"). */
  function groupKey(word, meta) {
    var chars = Array.from(word);
    var split = splitGroups(meta);
    var n = 2;
    var key = chars.slice(0, n).join('');
    while (key.length < word.length && Object.prototype.hasOwnProperty.call(split, key)) {
      n++;
      key = chars.slice(0, n).join('');
    }
    return key;
  }

  /**
   * The keys one character longer under a split group: `meta.split` writes only their
   * last characters, as one string (docs/search-format.md, "Shards"); none when `key`
   * is not split.
   */
  function splitChildren(key, meta) {
    var split = splitGroups(meta);
    if (!Object.prototype.hasOwnProperty.call(split, key)) return [];
    return Array.from(split[key]).map(function (c) { return key + c; });
  }

  /** Every group holding words that start with `prefix`. */
  function prefixGroups(prefix, meta) {
    var key = groupKey(prefix, meta);
    var keys = [key];
    if (key === prefix) {
      var stack = [key];
      while (stack.length) {
        var k = stack.pop();
        var children = splitChildren(k, meta);
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
      var m = /^(.*\/)js\/search-load\.js([?#].*)?$/.exec(scriptSrc);
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
        new Function('PmoSearch', code)(global.PmoSearch);
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

  /**
   * The global function every index file calls, `CALLBACK(name, data)` (CALLBACK in
   * src/search/documents.rs): short, as each file a query loads repeats it.
   */
  var CALLBACK = '_pmo';
  global[CALLBACK] = receive;

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
   * floor, modulus, reach]`: every page as gaps, the best pages as a plain list, the
   * impact of all the others (docs/search-format.md, "Ranked lists") and their reach
   * codes when not 0. `n`
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
      // The reach codes of pages outside the top block (its fifth entry): each page's
      // position as a gap from the previous one's (the first absolute) times 6, plus
      // its code less one (docs/search-format.md, "Reach").
      var pos = 0;
      numbers(String(list[4] || '')).forEach(function (x, j) {
        pos = j ? pos + Math.floor(x / 6) : Math.floor(x / 6);
        if (pos < reach.length) reach[pos] = x % 6 + 1;
      });
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

  /** Forgets every loaded file and decoded list (PmoSearch.reset). */
  P.forgets.push(function () {
    [store, pending, promises, decoded, placesDecoded, optionals].forEach(function (o) {
      Object.keys(o).forEach(function (k) { delete o[k]; });
    });
  });
  P.FACETS = FACETS; P.T = T; P.base = base; P.config = config; P.decode = decode;
  P.decoded = decoded; P.escapeHtml = escapeHtml; P.excerpt = excerpt; P.findMatches = findMatches;
  P.fnv1a32 = fnv1a32; P.get = get; P.groupKey = groupKey; P.has = has; P.isCjk = isCjk;
  P.numbers = numbers; P.optional = optional; P.optionals = optionals; P.ownFile = ownFile;
  P.pending = pending; P.placesDecoded = placesDecoded; P.postings = postings; P.postingsOf = postingsOf;
  P.prefixGroups = prefixGroups; P.promises = promises; P.rankedFile = rankedFile;
  P.receive = receive; P.shardName = shardName; P.shardOf = shardOf; P.slot = slot; P.splitChildren = splitChildren;
  P.stem = stem;
  P.store = store; P.tokenize = tokenize; P.wordFile = wordFile;
  P.files.push('search-load.js');
})(typeof window !== 'undefined' ? window : typeof globalThis !== 'undefined' ? globalThis : this);
