/*
 * pmo-portal site search — the browser client (no framework, no modules, no network
 * access beyond the site's own `search/` folder). Reads the index described in
 * docs/search-format.md (version 11): `search/meta.js`, term shards `search/s/<i>.js`,
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
 *       results: [{url, title, kind, kindLabel, date, dateShown, excerpt, score, doc}],
 *       terms,            // the query's index terms (for debugging)
 *       folded            // only when the query as typed found nothing and its
 *                         //  traditional characters were replaced by simplified ones
 *                         //  (供應商 → 供应商): the query that was run
 *   }>
 *     filters: {kind: ["lesson"], year: ["2024"], tags: ["供应商"]} — values as in the
 *     meta file's `values`; several values of one facet are OR-ed, facets are AND-ed.
 *     limit defaults to 10, offset to 0. facets: false skips the facet counts (`facets` is
 *     then {}) and, unless filters are given, the facet files: the header box's first
 *     query stays small. excerpts: false leaves `excerpt` empty and loads no text;
 *     excerpts: n gives the first n results of the page their excerpt and the others
 *     `excerpt` '' and `later()` → Promise<excerpt>, to call when one scrolls into
 *     view (the results page: the results below its first screen read their row from
 *     the document chunks and their text only if the reader goes there). `url` is
 *     relative to the site root; `excerpt` is
 *     HTML (escaped text around the best match, matches wrapped in <mark>).
 *
 *   PmoSearch.configure({base, load})
 *     base: URL of the `search/` folder. Default: derived from search-load.js's src
 *           (`<site>/js/search-load.js` → `<site>/search/`).
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
 * The client is several scripts, each loaded after those before it (plain scripts, as
 * file:// needs; under node, requiring this one requires the others):
 *   search-text.js      the text rules (folding, tokenizing, stemming), shared with
 *                       the Rust tokenizer;
 *   search-query.js     reshaping a query (synonyms, question words, typos);
 *   search-marks.js     a page's matches and the excerpt marking them;
 *   search-load.js      index file names, loading, decoding postings;
 *   search-rank.js      scoring and ranking the matches of a query's words;
 *   search-excerpts.js  a result's excerpt blocks and row;
 *   search-verify.js    exact text and titles holding the query;
 *   search-results.js   facets and the preparation of a query;
 *   search-widen.js     widening to synonyms, folding traditional characters;
 *   search-mend.js      mending a query that finds nothing (question words, typos);
 *   search.js           this API.
 * The UI (header box, results page) is search-ui.js, built on this API alone.
 */
(function (global) {
  'use strict';

  // Under node, requiring this file requires its parts (in browsers, the page loads them).
  var PARTS = ['search-load.js', 'search-rank.js', 'search-excerpts.js', 'search-verify.js',
    'search-results.js', 'search-widen.js', 'search-mend.js'];
  if (!global.PmoSearchParts && typeof require === 'function') {
    PARTS.forEach(function (part) { require('./' + part); });
  }

  var P = global.PmoSearchParts;
  if (!P || P.files.indexOf('search-mend.js') < 0) {
    throw new Error('search.js needs search-mend.js, loaded before it');
  }

  var FACETS = P.FACETS, SETTLE_BIGRAMS = P.SETTLE_BIGRAMS, SETTLE_RANKED = P.SETTLE_RANKED,
    T = P.T, base = P.base, config = P.config, decode = P.decode, emptyResult = P.emptyResult,
    escapeHtml = P.escapeHtml, excerpt = P.excerpt, facetCounts = P.facetCounts, kindAsked = P.kindAsked,
    facetData = P.facetData, fnv1a32 = P.fnv1a32, get = P.get, match = P.match,
    mayStandApart = P.mayStandApart, normalizeFilters = P.normalizeFilters, passes = P.passes,
    postingsOf = P.postingsOf, prepare = P.prepare, rank = P.rank, receive = P.receive,
    relax = P.relax, resolveGroups = P.resolveGroups, resultLoader = P.resultLoader, rowOf = P.rowOf,
    resultRow = P.resultRow, searchAsked = P.searchAsked, searchWidened = P.searchWidened, settledDocs = P.settledDocs,
    shardOf = P.shardOf, slot = P.slot, stem = P.stem, store = P.store,
    titleMatches = P.titleMatches, titleWords = P.titleWords, titleWordsAhead = P.titleWordsAhead, tokenize = P.tokenize,
    unskip = P.unskip, WIDEN_BELOW = P.WIDEN_BELOW, optional = P.optional, verify = P.verify, withoutFillers = P.withoutFillers,
    simplify = P.simplify;

  /**
   * A query as typed; when one holding CJK characters finds nothing, it is run again
   * with traditional characters replaced by their simplified forms (供應商 → 供应商),
   * and the result says so in `folded`. The table (t2s.js) is loaded only then, so
   * simplified queries never pay for it. A query that then finds less than a page of
   * results is widened to its synonyms (see widen).
   */
  function search(query, options) {
    return searchAll(query, options).then(function (res) {
      // Folded on the way (res.folded): the query is run again in simplified characters
      // from the start, so that what reads its words — a kind named last, a question's
      // words, a date — reads them as the site writes them: `經驗教訓 供應商` was folded
      // only after the kind was looked for, and the practice on lessons learned came
      // before the lessons about suppliers.
      if (!res.folded) return res;
      return optional('t2s').then(function (pairs) {
        var folded = typeof pairs === 'string' ? simplify(String(query), pairs) : query;
        if (folded === query) return res;
        return searchAll(folded, options).then(function (again) {
          if (!again.total) return res;
          again.folded = folded;
          return again;
        });
      }, function () { return res; });
    });
  }

  /** A query as typed, before any folding of its whole (see search). */
  function searchAll(query, options) {
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
    // A date written the Chinese way beside other words, as its ISO term (see
    // T.datesAsIso); the query as typed when that finds nothing.
    var dated = T.datesAsIso(query);
    if (dated) {
      return searchTyped(dated, options).then(function (res) {
        return res.total ? res : searchTyped(query, options);
      });
    }
    return get('meta').then(function (meta) {
      // A question asking which pages of a kind (see kindLast), the kind last.
      var asked = kindLast(query, meta);
      if (!asked) return searchTyped(query, options);
      return searchTyped(asked, options).then(function (res) {
        if (!res.total) return searchTyped(query, options);
        // Said as for question words left out (以下是「延期 项目」的结果).
        if (!res.relaxed) res.relaxed = asked;
        res.fillers = true;
        return res;
      });
    });
  }

  /**
   * A question asking which pages of a kind say something (`哪些项目延期了`, `哪个项目是红色`)
   * without its question words and with the kind's label last (`延期 项目`), as a query
   * naming the kind after its
   * subject is written (see kindAsked): run as typed, 项目延期 was one run, and the
   * lessons holding it came before the projects. 已经 before a state is said as labels
   * write it, 已 (`哪些项目已经关闭` → `已关闭 项目`): 已经关闭 is a run no page holds,
   * and the projects whose status is 已关闭 were not found. Null for any other query.
   */
  function kindLast(query, meta) {
    var f = meta.kind;
    if (!f || !f.labels) return null;
    var q = String(query);
    for (var i = 0; i < f.labels.length; i++) {
      var label = String(f.labels[i]);
      var m = new RegExp('^(.*?)(?:哪一个|哪几个|哪个|哪些)' + label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '(.*)$').exec(q);
      if (!m) continue;
      // 已经 before a state is 已, as labels write it (已经关闭 → 已关闭, the status).
      var rest = T.withoutFillers((m[1] + ' ' + m[2]).replace(/已经(?=[\u3400-\u9fff])/g, '已'));
      if (rest) return rest + ' ' + label;
    }
    return otherKindWord(q, f);
  }

  /**
   * The kinds of page as readers name them in either language of a PMO, by the kind's
   * value in `meta.kind`: an English reader of a Chinese portal types `lessons about
   * vendors`, a Chinese reader of an English one `供应商 经验教训`.
   */
  var KIND_WORDS = {
    lesson: ['lessons learned', 'lesson learned', 'lessons', 'lesson', '经验教训', '教训'],
    practice: ['best practices', 'best practice', 'practices', 'practice', '最佳实践'],
    project: ['projects', 'project', '项目'],
    review: ['reviews', 'review', '评审'],
    report: ['reports', 'report', '报告']
  };

  /** Words joining an English kind word to its subject: `lessons about vendors`. */
  var KIND_JOINS = /^(?:about|from|of|for|with|regarding|concerning|during)\s+/i;

  /** An English question asking what was learned from something, up to that something. */
  var LEARNED_ASKED = /^\s*(?:(?:what|which\s+lessons?)\s+(?:(?:did|do|have|has|can|could|should)\s+)?(?:we|you|i|they|the\s+team|the\s+project)\s+|what\s+(?:was|were|is|has\s+been)\s+)(?:learn(?:ed|t)?|take\s+away|took\s+away)\s+(?:about|from|on|in|during|with|regarding)\s+/i;

  /** A kind's word set off at the start of a query: `【经验教训】供应商`, `[lessons] vendor`. */
  var KIND_BRACKETED = /^\s*[\u3010\[\u300c\u300e(\uff08\u3014]\s*([^\u3011\]\u300d\u300f)\uff09\u3015]+?)\s*[\u3011\]\u300d\u300f)\uff09\u3015]\s*(.+)$/;

  /**
   * English kind words that name a kind last (`Kevin Liu lessons`, `vendor SLA lesson`):
   * a lesson's words and the plurals; `review`, `report` and `project` alone are everyday
   * nouns at the end of a subject (`risk register review`).
   */
  var KIND_LAST = ['lessons learned', 'lesson learned', 'lessons', 'lesson', 'best practices',
    'practices', 'projects', 'reviews', 'reports'];

  /**
   * A query naming a kind of page as its subject and the site's label last (`vendors
   * 经验教训`, then named as kindAsked reads it), or null: its kind set off in brackets
   * at its start in either language (`【经验教训】供应商`: run as typed, the practice on
   * lessons learned came before the lessons on vendors), or named in words the site's
   * labels are not written in — an English kind word first, joined to its subject by a
   * word such as about or from, or last (see KIND_LAST), a Chinese one last
   * (`供应商经验教训`) on a portal whose labels are not Chinese. Run as typed, `lessons`
   * matched no page of a Chinese portal, and the practice on vendors came before the
   * lessons about them.
   */
  function otherKindWord(q, f) {
    var cjkSite = f.labels.some(function (l) { return /[\u3400-\u9fff]/.test(String(l)); });
    // A question asking what was learned (`what did we learn about the key developer
    // resignation`) names the lessons: as typed, `learn` is in no page about it, and it
    // found nothing.
    q = q.replace(LEARNED_ASKED, 'lessons about ');
    var set = KIND_BRACKETED.exec(q);
    for (var i = 0; i < f.values.length; i++) {
      var words = KIND_WORDS[f.values[i]];
      var label = String(f.labels[i] || '');
      if (!words || !label) continue;
      if (set && (set[1].toLowerCase() === label.toLowerCase() || words.indexOf(set[1].toLowerCase()) >= 0)) {
        return set[2].trim() + ' ' + label;
      }
      for (var w = 0; w < words.length; w++) {
        var rest = otherKindRest(q, words[w], cjkSite, label);
        if (rest) return rest + ' ' + label;
      }
    }
    return null;
  }

  /**
   * The subject of query `q` naming its kind by `word` in the language the site's labels
   * are not written in (see otherKindWord), or ''.
   */
  function otherKindRest(q, word, cjkSite, label) {
    var cjk = /[\u3400-\u9fff]/.test(word);
    if (cjk === cjkSite || word.toLowerCase() === label.toLowerCase()) return '';
    var lower = q.toLowerCase();
    var rest = '';
    if (cjk) {
      if (q.length > word.length && q.slice(-word.length) === word) rest = q.slice(0, -word.length).replace(/\u7684?\s*$/, '');
    } else if (lower.slice(0, word.length) === word && /^\s/.test(q.slice(word.length))) {
      var after = q.slice(word.length).replace(/^\s+/, '');
      if (KIND_JOINS.test(after)) rest = after.replace(KIND_JOINS, '');
    } else if (KIND_LAST.indexOf(word) >= 0 && lower.length > word.length + 1 &&
      lower.slice(-word.length) === word && /\s/.test(q.charAt(q.length - word.length - 1))) {
      rest = q.slice(0, -word.length);
    }
    return rest.replace(/^\s*(?:the|a|an)\s+/i, '').trim();
  }

  /** A query as typed (no date in words): a question's term, widened, then mended. */
  function searchTyped(query, options) {
    var filtered = options && options.filters && Object.keys(options.filters).length;
    // A question asking what a term is, as the term (see searchAsked).
    return (filtered ? Promise.resolve(null) : searchAsked(query, options)).then(function (asked) {
      if (asked) return asked;
      return searchWidened(query, options).then(function (res) {
        if (filtered) return res;
        return res.total ? withoutFillers(res.folded || query, res, options) : relax(res.folded || query, res, options);
      });
    });
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
      // Results of the page given their excerpt now (see `later` below).
      var eager = typeof options.excerpts === 'number' ? Math.max(0, options.excerpts) : Infinity;
      var prep = prepare(query || '', meta);
      var files = prep.groups.length ? prep.shards.slice() : [];
      if (needFacets) (meta.facets || []).forEach(function (name) { files.push('f/' + name); });
      var found, facets, hits, fmeta;
      /** Matches the groups as loaded: found, facets and hits (filtered, ranked). */
      function matchAll() {
        resolveGroups(prep.groups, meta);
        found = match(prep.groups, meta, titleMatches(query, prep.groups, meta),
          prep.date ? datedPostings(prep.date, meta) : null);
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
      settleAhead(prep.groups, room, meta).forEach(optional);
      return monthTerms(prep, meta, files).then(function () {
        return Promise.all(files.map(get));
      }).then(function () {
        if (!prep.groups.length) return emptyResult(meta, filters, needFacets);
        matchAll();
        return settle();
      }).then(function () {
        if (!prep.groups.length) return emptyResult(meta, filters, needFacets);
        synonymsAhead(options, hits);
        var load = resultLoader(prep.groups, meta, withText);
        /** Loads d's row and excerpt ahead when it stands among the eager results. */
        function expect(d) {
          for (var i = offset; i < offset + eager && i < hits.length; i++) if (hits[i].d === d) return load(d);
        }
        var settled = Promise.resolve();
        if (withText) {
          // The results that verify cannot move off the page load now, beside it; the
          // others as verify tells.
          settledDocs(hits, offset, offset + limit).forEach(expect);
          titleWordsAhead(hits, query);
          settled = verify(hits, query, offset, offset + limit, prep.groups, meta, expect,
            mayStandApart(found, prep.groups, meta));
        }
        if (withText) settled = settled.then(function () { return titleWords(hits, query); });
        if (withText) settled = settled.then(function () { return kindAsked(hits, prep.groups, meta); });
        return settled.then(function () {
          var page = hits.slice(offset, offset + limit);
          return Promise.all(page.map(function (m, i) {
            return i < eager ? load(m.d) : rowOf(m.d, meta).then(function (row) { return [row, '']; });
          })).then(function (loaded) {
            var results = page.map(function (m, i) {
              var row = resultRow(m, loaded[i], prep.groups, meta);
              if (i >= eager) {
                row.later = function () {
                  return load(m.d).then(function (got) { return resultRow(m, got, prep.groups, meta).excerpt; });
                };
              }
              return row;
            });
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

  /**
   * The files of the common bigrams settle() is likeliest to load (see unskip), asked
   * for beside the query's other lists: `room` of them, the last of their runs first
   * (every unsure page waits for a run's last bigram, and unskip takes the later of
   * two wanted as often). Only asked for: their lists are read once unskip clears their
   * `skip`, so what is matched and shown stays as settle makes it. Asked once the run's
   * other lists were matched, they were a round of requests of their own (at 10k, a
   * quarter of the first queries, 目组合管理经验教 among them); asked ahead, the
   * queries needing none spend 0.1 KB more on average.
   */
  function settleAhead(groups, room, meta) {
    var names = {};
    var picked = [];
    groups.forEach(function (g) {
      if (g.type !== 'cjk' || !g.skip) return;
      for (var k = g.terms.length - 1; k >= 0; k--) if (g.skip[k]) picked.push({ t: g.terms[k], k: k });
    });
    picked.sort(function (a, b) { return b.k - a.k; });
    picked.slice(0, room).forEach(function (x) {
      names[shardOf(x.t, meta)] = true;
      var f = P.rankedFile(x.t, meta);
      if (f) names[f] = true;
    });
    return Object.keys(names);
  }

  /**
   * Asks for the synonyms' table beside the first excerpts when the query as typed
   * (`widens_`, set by searchWidened) finds less than a page of results: it is then
   * widened to its synonyms once its page is settled, and the table was a round of
   * requests of its own after all the others (a tenth of the queries at 10k: numbers,
   * dates and codes found on a few pages). Not for a page titled by the query, which is
   * what was looked for and is not widened (titledAsWritten).
   */
  function synonymsAhead(options, hits) {
    if (!options.widens_ || hits.length >= WIDEN_BELOW || (hits.length && hits[0].title)) return;
    optional('syn');
  }

  /**
   * For a month typed alone (`3月`, prep.month), sets prep.date to that month of each
   * year the pages are dated in (the year facet: `2025-03`, `2026-03`) and adds their
   * shards to `files`: a page whose dates show March of any year holds 3月 as one whose
   * text says it does, as `2026年3月` finds the pages dated then. Typed as it was, the
   * month found the pages holding a 3 and a 月 anywhere, and the lessons dated in March
   * below them.
   */
  function monthTerms(prep, meta, files) {
    if (!prep.month) return Promise.resolve();
    return get('f/year').then(function (year) {
      var terms = (year && Array.isArray(year.values) ? year.values : [])
        .filter(function (y) { return /^\d{4}$/.test(String(y)); })
        .map(function (y) { return y + '-' + prep.month; });
      if (!terms.length) return;
      prep.date = terms;
      terms.forEach(function (t) { if (files.indexOf(shardOf(t, meta)) < 0) files.push(shardOf(t, meta)); });
    }, function () {});
  }

  /** The postings of a dated query's term, or of its terms together (see monthTerms). */
  function datedPostings(date, meta) {
    if (!Array.isArray(date)) return postingsOf(date, meta);
    var best = {};
    date.forEach(function (t) {
      var p = postingsOf(t, meta);
      for (var i = 0; i < p.docs.length; i++) {
        var d = p.docs[i];
        if (!(d in best) || best[d][0] < p.impacts[i]) best[d] = [p.impacts[i], p.reach[i]];
      }
    });
    var docs = Object.keys(best).map(Number).sort(function (a, b) { return a - b; });
    return P.postings(Int32Array.from(docs), Float64Array.from(docs.map(function (d) { return best[d][0]; })),
      Uint8Array.from(docs.map(function (d) { return best[d][1]; })), meta.n);
  }

  /** Loads meta, which every query needs first, ahead of the first query. */
  function warm() { return get('meta').then(function () {}, function () {}); }

  function reset() {
    P.forgets.forEach(function (forget) { forget(); });
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
    version: 11,
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

  // The query as run, which the widened and mended queries run too.
  P.searchAs = searchAs;
  global.PmoSearch = PmoSearch;
  if (typeof module !== 'undefined' && module.exports) module.exports = PmoSearch;

})(typeof window !== 'undefined' ? window : typeof globalThis !== 'undefined' ? globalThis : this);
