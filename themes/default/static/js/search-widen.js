/*
 * pmo-portal site search: widening a query that finds little to its synonyms (syn.js), and
 * the rows of the pages those find; folding traditional characters to simplified (t2s.js).
 *
 * One of the files of the search client, each loaded after the one before it (see
 * search.js, the API, for the whole list); they share their functions through
 * `PmoSearchParts`.
 */
(function (global) {
  'use strict';

  var P = global.PmoSearchParts;
  if (!P || P.files.indexOf('search-results.js') < 0) {
    throw new Error('search-widen.js needs search-results.js, loaded before it');
  }

  var belowTheirPages = P.belowTheirPages, exactText = P.exactText, holdsInPieces = P.holdsInPieces, excerpt = P.excerpt,
    facetCounts = P.facetCounts, facetData = P.facetData, get = P.get, has = P.has,
    kindLabel = P.kindLabel, normalizeFilters = P.normalizeFilters, prepare = P.prepare,
    resolveGroups = P.resolveGroups, resultLoader = P.resultLoader, squeezeLines = P.squeezeLines,
    store = P.store, tier = P.tier;

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
   * `vs` find, each once: first the pages titled by the query (a short title through
   * synonyms of its words too), then those titled with the query's or a synonym query's
   * text (titledFirst), then the pages holding `query`'s exact text, then by score
   * those holding a synonym query's exact text, the query's other pages and the
   * synonyms' other pages (a page saying 完工预算 in passing is not above one all about
   * budget at completion, with its words apart, nor far below; nor is a page saying
   * 供应商延期 once above the lessons titled and tagged with 供应商 and 延期, for
   * 厂商延误: the reader typed neither). The synonyms' other pages are taken by score
   * whichever query found them: in the order of the queries, a page saying 供应商 and 延误
   * in passing, found by the first, came above a lesson titled with 延期 found by the
   * next.
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
    return Promise.all(queries.map(function (q) { return P.searchAs(q, quiet); })).then(function (lists) {
      var found = [];
      var inFound = {};
      var widened = [];
      // Exact pages of the query, exact pages of a synonym, the query's others, the synonyms'.
      var bands = [[], [], [], []];
      // A page titled by the query (through synonyms of its words too) with them.
      // The query's own pages by page, so one a synonym query finds too adds its score.
      var ownAt = {};
      own.hits.forEach(function (m) {
        var x = { m: m, from: -1 };
        ownAt[m.d] = x;
        bands[asExact(m) ? 0 : 2].push(x);
      });
      own.found.forEach(function (d) { inFound[d] = true; found.push(d); });
      // The synonyms' pages by page: one that several find is where it scores best. Taken
      // by the first query that found it, the ERP data-migration lesson found at 28 by
      // `数据 migration 彩排` stood below pages the next query, `数据`, found at 46, though
      // that query found it at 77.
      var synAt = {};
      lists.forEach(function (r, i) {
        r.matches.hits.forEach(function (m) {
          var x = ownAt[m.d];
          if (x) {
            // A page holding the query's words and the query said in the other language
            // too meets the synonyms' pages with both scores: the English words of a
            // lesson's address (payroll parallel run) found it alone, at a fraction of
            // the project that only says its Chinese words (薪资 并行运行) in passing.
            if (hasCjk(vs[i].query) !== hasCjk(query) && x.m.score < m.score) x.m = withScore(x.m, x.m.score + m.score);
            return;
          }
          var before = synAt[m.d];
          if (before && before.m.score >= m.score) return;
          if (before) before.dead = true;
          synAt[m.d] = { m: m, from: i };
          bands[tier(m) ? 1 : 3].push(synAt[m.d]);
        });
        r.matches.found.forEach(function (d) { if (!inFound[d]) { inFound[d] = true; found.push(d); } });
      });
      bands = bands.map(function (band) { return band.filter(function (x) { return !x.dead; }); });
      vs.forEach(function (v, i) {
        var finds = Object.keys(synAt).some(function (d) { return synAt[d].from === i; });
        if (finds && widened.indexOf(v.word) < 0) widened.push(v.word);
      });
      if (!widened.length) return res;
      return titledFirst(query, vs, bands, offset + limit).then(function () {
        // A synonym's exact page, the query's own page holding its words apart and a
        // synonym's page holding its words apart meet by score: 变更控制 apart, all about
        // change control, is not below 变更申请 in passing, nor the vendor-delay lessons
        // below a page saying 供应商延期 once. Each keeps its order (the synonyms'
        // nearest in meaning first): merged, not sorted.
        // The synonyms' scattered pages by score, whichever query found them (stable).
        // The query's own pages holding its words apart by score too: those whose
        // neighbours met elsewhere (tier 1) ranked above the others as the query alone
        // ranks them, and a lesson scoring thrice theirs (分包商延期) stood below the
        // synonyms' pages that scored between.
        // The pages found only as the query said in the other language (`other`, see
        // T.synonymQueries), not titled by it, after those: a page in the reader's own
        // language is nearer (the English Vendor management, saying vendors and delays,
        // stood above the lessons on a vendor's delay for `乙方拖期`).
        var other = function (x) { return x.from >= 0 && vs[x.from].other; };
        var same = function (x) { return !other(x); };
        var middle = byScore(byScore(byScoreAlone(bands[2]), bands[1].filter(same)), byScoreAlone(bands[3].filter(same)))
          .concat(byScoreAlone(bands[1].filter(other).concat(bands[3].filter(other))));
        return kindFirst(res.terms, vs, middle, withText).then(function (middle) {
          var merged = bands[0].concat(middle);
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
    });
  }

  /**
   * `list` (the widened pages below those holding the query's exact text) with the pages
   * of the kind the query names after its subject (P.askedKind: `黄灯项目`, `红灯 项目`)
   * among its first KIND_ROWS put first, as kindAsked does for a query's own pages:
   * widened to 黄色, the practice and the lesson saying 黄色 in passing came before the
   * project whose status is amber. The kind may be named by a synonym query only
   * (`amber project` widened to 黄色 项目). Only with excerpts: the rows shown read the
   * blocks.
   */
  function kindFirst(terms, vs, list, withText) {
    var groups = (terms || []).map(function (t) { return t.cjk ? { type: 'cjk', text: t.cjk } : { type: 'word', text: t.word }; });
    var kind = withText ? P.askedKind(groups, store.meta) : undefined;
    for (var i = 0; withText && kind === undefined && i < vs.length; i++) kind = P.askedKind(P.T.tokenize(vs[i].query), store.meta);
    if (kind === undefined) return Promise.resolve(list);
    var head = list.slice(0, P.KIND_ROWS);
    return P.ofKind(head.map(function (x) { return x.m; }), kind).then(function (says) {
      var first = head.filter(function (x, i) { return says[i]; });
      var others = head.filter(function (x, i) { return !says[i]; });
      return first.concat(others, list.slice(P.KIND_ROWS));
    });
  }

  /**
   * Whether the query's own match `m` ranks with the pages holding its exact text: it
   * holds it (tier 2; not tier 1, whose text was read not to), or its title holds the
   * query's words (titleWords, titleNamed: search-rank.js sortKey ranks them so).
   * Widened, the lesson titled 装修与综合布线同步招标 fell below the project saying
   * 综合布线招标 in a line, for `综合布线招标`, which the query alone ranked after it; and
   * the CRM project holding 时区 and 站会 apart, their neighbours met elsewhere, stood
   * above the lesson on the two-slot stand-up (time zone stand-up) for `跨时区站会`.
   */
  function asExact(m) { return tier(m) === 2 || m.title || m.titleWords || m.titleNamed; }

  /** Whether `text` holds a CJK character. */
  function hasCjk(text) {
    return Array.from(text).some(function (c) { return P.isCjk(c.codePointAt(0)); });
  }

  /** A copy of the match `m` scoring `score`: matches are shared with the query's result. */
  function withScore(m, score) {
    var copy = {};
    Object.keys(m).forEach(function (k) { copy[k] = m[k]; });
    copy.score = score;
    return copy;
  }

  /** `list` sorted by score, best first, in its order where they tie. */
  function byScoreAlone(list) {
    return list.map(function (x, i) { return [x, i]; }).sort(function (a, b) {
      return (b[0].m.score - a[0].m.score) || (a[1] - b[1]);
    }).map(function (p) { return p[0]; });
  }

  /** Two lists merged by score, each keeping its order; `first` wins a tie. */
  function byScore(first, second) {
    var out = [];
    for (var a = 0, b = 0; a < first.length || b < second.length;) {
      var x = first[a];
      var y = second[b];
      if (x && (!y || x.m.score >= y.m.score)) { out.push(x); a++; } else { out.push(y); b++; }
    }
    return out;
  }

  /**
   * Puts first, among the pages holding the exact text of the query or of a synonym query
   * (`bands[0]`, `bands[1]`, see widen), those whose title holds one of those texts: the
   * query's own, then the synonyms', each band keeping its order. `training` on a Chinese
   * portal found the about page saying it in passing first and 培训与 PMO 辅导 fourth;
   * `risk register`, 风险登记册的建立与维护 under a page listing both words. A synonym's
   * page whose title holds that synonym's words in order, apart, counts as titled with
   * it (`risk matrix`: 风险评估矩阵与应对策略 under the projects' 风险矩阵 charts). Reads the
   * block 0 of the synonyms' pages as far as a page of results reaches (`reach`): the
   * rows of those shown need it anyway.
   */
  /** titledFirst's mark for a title holding a synonym's words in order, apart. */
  var PIECES = 'pieces';

  function titledFirst(query, vs, bands, reach) {
    var needles = [exactText(query)].concat(vs.map(function (v) { return exactText(v.query); }))
      .filter(function (n) { return n !== ''; });
    var synonyms = bands[1].slice(0, reach);
    // The synonyms' pages holding their words apart, after those: titled so, they
    // come with them.
    var apart = bands[3].slice(0, reach);
    // The query's own pages holding its words apart: titled with a synonym's text
    // (风险登记册 for `risk register`), they come with those titled with the query's.
    var ownApart = bands[2].slice(0, reach);
    var asked = bands[0].concat(synonyms, apart, ownApart);
    var firstApart = bands[0].length + synonyms.length;
    var firstOwnApart = firstApart + apart.length;
    return Promise.all(asked.map(function (x, i) {
      return get('x/' + x.m.d + '-0').then(function (entry) {
        if (!Array.isArray(entry)) return false;
        var title = squeezeLines(String(entry[1]));
        if (needles.some(function (n) { return title.indexOf(n) >= 0; })) return true;
        // A synonym's page whose title holds that synonym's words in order, apart.
        var own = i >= bands[0].length && x.from >= 0 ? exactText(vs[x.from].query) : '';
        return own !== '' && holdsInPieces(title, own) ? PIECES : false;
      }, function () { return false; });
    })).then(function (named) {
      var ownTitled = [], ownNamed = [], ownOthers = [], synNamed = [], synOthers = [], pieces = [], apartOthers = [];
      var ownApartOthers = [];
      asked.forEach(function (x, i) {
        var own = i < bands[0].length || i >= firstOwnApart;
        if (i >= firstOwnApart && !named[i]) ownApartOthers.push(x);
        else if (own && x.m.title) ownTitled.push(x);
        else if (named[i] === PIECES) pieces.push(x);
        else if (i >= firstApart && !own) apartOthers.push(x);
        else (named[i] ? (own ? ownNamed : synNamed) : (own ? ownOthers : synOthers)).push(x);
      });
      // Those titled with a synonym's words apart after every page holding the query
      // as typed.
      bands[0] = ownTitled.concat(ownNamed, synNamed, ownOthers, pieces);
      bands[1] = synOthers.concat(bands[1].slice(reach));
      bands[3] = apartOthers.concat(bands[3].slice(reach));
      bands[2] = ownApartOthers.concat(bands[2].slice(reach));
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
      date: String(entry[3] || '').slice(0, 10), dateShown: String(entry[3] || '').slice(11) || String(entry[3] || ''),
      excerpt: excerpt(loaded[1], groups),
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

  P.forgets.push(function () { simplified = null; });
  P.WIDEN_BELOW = WIDEN_BELOW; P.WIDEN_QUERIES = WIDEN_QUERIES; P.resultRow = resultRow;
  P.simplify = simplify; P.widen = widen;
  P.files.push('search-widen.js');
})(typeof window !== 'undefined' ? window : typeof globalThis !== 'undefined' ? globalThis : this);
