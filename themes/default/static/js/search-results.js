/*
 * pmo-portal site search: facets (values, filters, counts) and the preparation of a query:
 * its groups, the shards and ranked lists it needs, and which of its bigrams to settle.
 *
 * One of the files of the search client, each loaded after the one before it (see
 * search.js, the API, for the whole list); they share their functions through
 * `PmoSearchParts`.
 */
(function (global) {
  'use strict';

  var P = global.PmoSearchParts;
  if (!P || P.files.indexOf('search-verify.js') < 0) {
    throw new Error('search-results.js needs search-verify.js, loaded before it');
  }

  var FACETS = P.FACETS, T = P.T, exactText = P.exactText, forms = P.forms,
    heldBigram = P.heldBigram, match = P.match, numbers = P.numbers, postingsOf = P.postingsOf,
    prefixGroups = P.prefixGroups, rankedFile = P.rankedFile, shardName = P.shardName,
    shardOf = P.shardOf, sourceDocs = P.sourceDocs, store = P.store, titleKey = P.titleKey,
    tokenize = P.tokenize, wordFile = P.wordFile, get = P.get, rank = P.rank, sortKey = P.sortKey;

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
    // meta.common: the common bigrams written together, two characters each.
    var cs = Array.from(typeof meta.common === 'string' ? meta.common : '');
    for (var c = 0; c + 1 < cs.length; c += 2) common[cs[c] + cs[c + 1]] = true;
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
    // A quarter (2025年第三季度, 2025 Q3): the terms of its three months.
    var date = groups.length ? T.cjkDate(exactText(query)) || T.quarterMonths(query) : null;
    [].concat(date || []).forEach(function (t) { names[shardOf(t, meta)] = true; });
    // A month typed alone (3月): its terms wait for the years (search.js monthTerms).
    var month = !date && groups.length ? T.cjkMonth(exactText(query)) : null;
    return { groups: groups, shards: Object.keys(names).sort(), date: date, month: month };

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

  // ---------------------------------------------------------------- a kind asked for

  /**
   * Pages read for their kind when a query names one (kindAsked): as many as the header
   * box shows, whatever the number of results asked for, so the header box and the
   * results page agree, and the rows of those shown are read anyway.
   */
  var KIND_ROWS = 8;

  /**
   * A query naming the kind of page it wants after its subject — its last group the
   * label pages show above their title (`郑磊的项目`, run as 郑磊 项目; `吴昊 经验教训`) —
   * has the pages of that kind among its first KIND_ROWS put before the others of their
   * tier: the label is a word of every page of that kind, so by score a lesson or report
   * naming the person beside the word 项目 came before the project. Pages titled by the
   * query and those holding its exact text stay above those that do not.
   */
  function kindAsked(hits, groups, meta) {
    var kind = askedKind(groups, meta);
    if (kind === undefined) return Promise.resolve();
    var subject = subjectText(groups, meta);
    return ofKind(hits.slice(0, KIND_ROWS), kind, subject).then(function (says) {
      hits.slice(0, KIND_ROWS).forEach(function (m, i) {
        if (!says[i]) return;
        m.kindAsked = true;
        m.kindSubject = says[i] === SUBJECT;
        m.key = sortKey(m);
      });
      rank(hits);
    });
  }

  /**
   * The kind a query names after its subject (see kindAsked), or undefined: its last
   * group the label (`郑磊 项目`), or a run of its own ending with it after a word of
   * two characters or more (`黄灯项目`, `搬迁项目`): a query widened to a synonym
   * (黄灯 to 黄色) asked for the project, and the pages saying 黄色 in passing came first;
   * or a label of three characters or more first and one subject after it, as a reader
   * filters a register (`经验教训 供应商`: the practice on lessons learned came before the lessons on
   * suppliers). `groups` as tokenized: {type, text}.
   */
  function askedKind(groups, meta) {
    var last = groups[groups.length - 1];
    var f = meta.kind;
    if (!last || last.type !== 'cjk' || !f || !f.labels) return undefined;
    for (var i = 0; i < f.labels.length; i++) {
      var label = String(f.labels[i]);
      if (groups.length >= 2 && last.text === label) return f.values[i];
      // The kind first, then one subject, as a register is filtered (`经验教训 供应商`);
      // a label of two characters is an everyday word before a noun (`项目 复盘` asks
      // about retrospectives, not projects).
      if (groups.length === 2 && groups[0].type === 'cjk' && groups[0].text === label &&
        Array.from(label).length > 2 && f.labels.indexOf(last.text) < 0) return f.values[i];
      var before = Array.from(last.text).length - Array.from(label).length;
      if (before >= 2 && last.text.slice(-label.length) === label) return f.values[i];
    }
    return undefined;
  }

  /** What ofKind says of a page of the kind whose first block holds the subject too. */
  var SUBJECT = 2;

  /**
   * The query's text before the kind's label that ends it, squeezed, without a 的 joining
   * them (`2024年完成` of `2024年完成 项目` and of `2024年完成的项目`), or ''.
   */
  function subjectText(groups, meta) {
    var f = meta.kind;
    var text = P.squeezeLines(groups.map(function (g) { return g.text || g.term || ''; }).join(''));
    for (var i = 0; f && f.labels && i < f.labels.length; i++) {
      var label = String(f.labels[i]);
      // 的 joining the subject to the kind (`2024年关闭的项目`) is no part of the subject.
      if (text.length > label.length && text.slice(-label.length) === label) return text.slice(0, -label.length).replace(/的$/, '');
    }
    return '';
  }

  /**
   * For each of `matches`, whether its page is of `kind` (read from its block 0): true,
   * or SUBJECT where that block holds `subject` as it is (a line of its text or of what
   * it shows: `2024年完成` of a project closed that year). The label is a word of every
   * page of the kind, so none held the query's whole text, and of the projects holding
   * 2024 and 年完成 apart the one closed in 2025 came first by chance.
   */
  function ofKind(matches, kind, subject) {
    return Promise.all(matches.map(function (m) {
      return get('x/' + m.d + '-0').then(function (entry) {
        if (!Array.isArray(entry) || entry[2] !== kind) return false;
        var held = subject && P.squeezeLines(String(entry[5] || '') + '\n' + String(entry[6] || '')).indexOf(subject) >= 0;
        return held ? SUBJECT : true;
      }, function () { return false; });
    }));
  }

  P.forgets.push(function () { facetsDecoded = null; });
  P.SETTLE_BIGRAMS = SETTLE_BIGRAMS; P.SETTLE_RANKED = SETTLE_RANKED; P.emptyResult = emptyResult;
  P.askedKind = askedKind; P.facetCounts = facetCounts; P.facetData = facetData; P.kindAsked = kindAsked;
  P.KIND_ROWS = KIND_ROWS; P.ofKind = ofKind; P.kindLabel = kindLabel;
  P.normalizeFilters = normalizeFilters; P.passes = passes; P.prepare = prepare;
  P.resolveGroups = resolveGroups; P.unskip = unskip;
  P.files.push('search-results.js');
})(typeof window !== 'undefined' ? window : typeof globalThis !== 'undefined' ? globalThis : this);
