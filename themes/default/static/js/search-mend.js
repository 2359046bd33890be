/*
 * pmo-portal site search: mending a query that finds nothing or little: without its
 * question words, without the pieces no page holds, with a word no page holds replaced by
 * the nearest one a page holds (one or two edits away).
 *
 * One of the files of the search client, each loaded after the one before it (see
 * search.js, the API, for the whole list); they share their functions through
 * `PmoSearchParts`.
 */
(function (global) {
  'use strict';

  var P = global.PmoSearchParts;
  if (!P || P.files.indexOf('search-widen.js') < 0) {
    throw new Error('search-mend.js needs search-widen.js, loaded before it');
  }

  var T = P.T, WIDEN_BELOW = P.WIDEN_BELOW, WIDEN_QUERIES = P.WIDEN_QUERIES, forms = P.forms,
    get = P.get, groupKey = P.groupKey, heldBigram = P.heldBigram, holds = P.holds,
    isCjk = P.isCjk, numbers = P.numbers, optional = P.optional, postingsOf = P.postingsOf,
    prepare = P.prepare, resolveGroups = P.resolveGroups, simplify = P.simplify, stem = P.stem,
    store = P.store, under = P.under, weight = P.weight, widen = P.widen, wordFile = P.wordFile;

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
    var long = Array.from(asked.replace(/\s+/g, '')).length >= LONG_QUERY;
    // Each step names the next query to run (null for none), worked out only when the
    // steps before it found nothing; the first query finding a page stands.
    var steps = [
      function () { return Promise.resolve(stripped); },
      function () { return Promise.resolve(withoutComplaints(asked) || null); },
      function () { return Promise.resolve(numberParts(asked)); },
      // The words of the synonyms' table it holds, spaced (T.vocabularyQuery); after the
      // pieces some page holds, those words said in the site's other language
      // (T.translatedQuery): a reader types in their own, the page may be in the other.
      function () { return withTable(T.vocabularyQuery); },
      function () { return heldQuery(asked); },
      function () { return long ? coverQuery(asked, false) : Promise.resolve(null); },
      function () { return withTable(T.translatedQuery); },
      function () { return coverQuery(asked, false); },
      function () { return coverQuery(asked, true); }
    ];
    function withTable(make) {
      return optional('syn').then(function (table) { return make(asked, table); }, function () { return null; });
    }
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

  /**
   * The everyday words a problem is told in, longest first: `资产对不上`, `会议太多`,
   * `培训没人来`, `工资算错`, `需求变来变去` name their subject and say it goes wrong, in
   * words no page writes beside it (pages say 不符, 过多, 错误). A query finding nothing,
   * even without its question words, is run for its subject without them (see relax);
   * a name no page holds is no such word, so 鲲鹏项目 still finds nothing.
   */
  var COMPLAINTS = ['变来变去', '改来改去', '出了问题', '对不上', '算不对', '说不清', '讲不清',
    '做不完', '来不及', '不配合', '搞不定', '出问题', '老出错', '没人管', '没人用', '没人来',
    '没人看', '太多了', '不够用', '不够了', '太多', '太少', '太慢', '太晚', '太长', '太高',
    '太大', '太乱', '很乱', '很差', '很慢', '不够', '算错', '出错', '晚了', '超了', '走了',
    '不行', '不好用', '不好'];

  /**
   * The same in English (`how did the shopfloor network survey go wrong`, `what happened
   * with …`): no page writes them beside its subject, and the question found nothing.
   */
  var LATIN_COMPLAINTS = /\b(?:went|go|goes|gone|going)\s+wrong\b|\bwrong\b|\bhappen(?:ed|s|ing)?\b/gi;

  /** `query` without its complaint words (COMPLAINTS) and question words, '' if nothing is left. */
  function withoutComplaints(query) {
    var q = String(query).replace(LATIN_COMPLAINTS, ' ');
    COMPLAINTS.forEach(function (w) { q = q.split(w).join(' '); });
    q = T.withoutFillers(q);
    return q === T.withoutFillers(query) ? '' : q;
  }

  /**
   * `query` with each number joined by hyphens (`2025-006`) written as its numbers in a
   * row, or null when it holds none: the tail of a code (PRJ-2025-006) typed without its
   * letters, which no page holds as a word of its own, while the code's parts are words.
   * Mended as a typo first, it was one edit from the month 2025-06 and found the pages
   * of June 2025, not the project.
   */
  function numberParts(query) {
    var changed = false;
    var words = String(query).split(/\s+/).map(function (w) {
      // A month or a day (2026-03, as a date typed the Chinese way is run) stays one.
      if (!/^\d+(?:-\d+)+$/.test(w) || /^\d{4}-(?:0[1-9]|1[0-2])(?:-[0-3]\d)?$/.test(w)) return w;
      changed = true;
      return w.split('-').join(' ');
    });
    return changed ? words.join(' ') : null;
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
        // And the synonyms (loaded already: a query finding nothing was widened).
        if (prep.groups.some(function (g) { return g.type === 'cjk' && gaps(g).some(Boolean); })) {
          files.vocab = true;
          files.syn = true;
        }
        return Promise.all(Object.keys(files).map(optional)).then(function () { return near; });
      }).then(function (near) {
        var vocab = typeof store.vocab === 'string' ? store.vocab.split(' ') : [];
        // A run no longer word mends is tried with each two-character word it may
        // misspell (see shortCandidates), the first whose every bigram a page holds.
        var short = {};
        return Promise.all(prep.groups.map(function (g, i) {
          if (g.type !== 'cjk' || mend(g, vocab)) return null;
          return heldRun(shortCandidates(g, vocab), meta).then(function (run) { if (run) short[i] = run; });
        })).then(function () { return { near: near, vocab: vocab, short: short }; });
      }).then(function (found) {
        var near = found.near, vocab = found.vocab;
        var pieces = [];
        var typed = 0;
        var kept = 0;
        prep.groups.forEach(function (g, i) {
          var n = Array.from(g.text).length;
          typed += n;
          var mended = g.type === 'cjk' ? mend(g, vocab) || found.short[i] || null : null;
          if (mended) {
            pieces.push(mended);
            kept += n;
          } else if (g.type === 'cjk') {
            heldPieces(g, synonymWords()).forEach(function (p) { pieces.push(p); kept += Array.from(p).length; });
          } else if (g.df > 0) {
            pieces.push(g.text);
            kept += n;
          } else {
            // A word of the synonyms' table (`rehearsal`, meaning 演练) stays as typed:
            // no page writes it, but the widened query finds the pages writing its
            // synonyms; dropped, `rollbak rehearsal` kept less than half and found nothing.
            var word = nearestWord(g.text, g.term, near[g.text] || [], meta) ||
              (synonymWord(g.text) ? g.text : nearestSynonym(g.text));
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
   * 鲲鹏项目 is not 项目. A common bigram left unloaded (see prepare) may be the page's
   * (问题, 项目 of a long question); `sure`, for the query tried when that one found
   * nothing, keeps only the bigrams the page is known to hold: the 一个 or 需要 it
   * lacks made the query find nothing at all, not even that page. That last try may keep
   * a quarter of a long query (成熟度 of 成熟度自评问卷有多少道题, the tag of the English
   * practice on maturity): the query found nothing else.
   */
  function coverQuery(query, sure) {
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
        // A date typed is what the reader remembers of the page (`2026年3月发布的最佳实践`):
        // the page is looked for among those showing it, when some page does. The page
        // scoring highest over the other words, undated, dropped the date.
        var dates = prep.groups.filter(function (g) {
          return g.type !== 'cjk' && (g.alts || []).concat(g.text).some(T.isoDate);
        });
        function dated(d) { return dates.every(function (g) { return holds(g, d); }); }
        var someDated = dates.length > 0 && Object.keys(score).some(function (d) { return dated(+d); });
        var best = -1;
        Object.keys(score).forEach(function (d) {
          var n = +d;
          if (someDated && !dated(n)) return;
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
            var held = k < g.terms.length && chars.length > 1 && (sure ? heldBigram(g.postings[k], best) === 1 : heldBigram(g.postings[k], best) > 0);
            if (held && start < 0) start = k;
            if (held || start < 0) continue;
            pieces.push(chars.slice(start, k + 1).join(''));
            kept += k + 1 - start;
            start = -1;
          }
        });
        // A short query made of words the site holds, only not together (`资产对不上`,
        // `会议太多`: a subject and a complaint), may keep a third of it too; one holding
        // a name no page holds (鲲鹏项目) may not.
        var known = prep.groups.every(function (g) { return g.type === 'cjk' ? heldAround(g) : g.df > 0; });
        var enough = typed >= LONG_QUERY || known ? kept * (sure ? 4 : 3) >= typed : kept * 2 > typed;
        return enough && pieces.length ? pieces.join(' ') : null;
      });
    });
  }

  /**
   * Whether every character of Chinese run `g` is in a bigram of it some page holds: the
   * bigrams no page holds are where two words meet (产对 of 资产对不上), not a name no page
   * has (鲲鹏, both of whose bigrams in 鲲鹏项目 are in no page).
   */
  function heldAround(g) {
    var missing = gaps(g);
    var n = Array.from(g.text).length;
    for (var i = 0; i < n && missing.length; i++) {
      if ((i === 0 || missing[i - 1]) && (i === n - 1 || missing[i])) return false;
    }
    return true;
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
      if (!best) return mended ? chars.join('') : mendPair(chars, missing, vocab);
      chars[best.at] = best.to;
      if (best.at > 0) missing[best.at - 1] = false;
      if (best.at < missing.length) missing[best.at] = false;
      mended++;
    }
    return mended ? chars.join('') : null;
  }
  var MEND_CHARS = 2;

  /**
   * A run of three characters or more typed with a wrong character in a word of two
   * (回退眼练 for 回退演练: 眼 and 演 sound alike), which mend leaves: no longer word of the
   * site differs from it in one character, and one shared character of a two-character
   * word is no evidence by itself. The runs made by putting each such word of the site
   * (most held first, at most SHORT_TRIES) over a character inside the run that no page
   * holds beside either neighbour, the rest of the run held as typed; heldRun keeps the first whose every bigram some page holds, the
   * one joining the word to the rest included (退演), the evidence the word belongs there.
   */
  function shortCandidates(g, vocab) {
    var chars = Array.from(g.text);
    var missing = gaps(g);
    if (chars.length < 3) return [];
    var out = [];
    for (var r = 0; r < vocab.length && out.length < SHORT_TRIES; r++) {
      var word = Array.from(vocab[r]);
      if (word.length !== 2) continue;
      for (var o = 0; o + 2 <= chars.length; o++) {
        var same0 = word[0] === chars[o], same1 = word[1] === chars[o + 1];
        if (same0 === same1) continue;
        var at = same0 ? o + 1 : o;
        // The changed character inside the run, no page holding it beside either
        // neighbour, and every other bigram held: a character at an end lacking one
        // bigram is a word of its own (日 of 10月28日关口评审), no typo.
        var elsewhere = missing.some(function (m, k) { return m && k !== at - 1 && k !== at; });
        if (elsewhere || !(missing[at - 1] && missing[at])) continue;
        var run = chars.slice();
        run[at] = word[at - o];
        var text = run.join('');
        if (out.indexOf(text) < 0) out.push(text);
      }
    }
    return out;
  }
  var SHORT_TRIES = 6;

  /** The first of `runs` whose every bigram some page holds, or null (loads their shards). */
  function heldRun(runs, meta) {
    if (!runs.length) return Promise.resolve(null);
    var preps = runs.map(function (run) { return prepare(run, meta); });
    var shards = {};
    preps.forEach(function (prep) { prep.shards.forEach(function (s) { shards[s] = true; }); });
    return Promise.all(Object.keys(shards).map(get)).then(function () {
      for (var i = 0; i < preps.length; i++) {
        resolveGroups(preps[i].groups, meta);
        var g = preps[i].groups[0];
        if (preps[i].groups.length === 1 && g.type === 'cjk' && !gaps(g).some(Boolean)) return runs[i];
      }
      return null;
    }, function () { return null; });
  }

  /**
   * A run typed with a wrong word of two characters inside a longer one the site holds
   * (风险等级册 for 风险登记册: 等级 and 登记 sound alike, and pages hold 等级 too, so
   * neither character is beside a bigram no page holds), mended to the longest site word
   * of PAIR_WORD characters or more differing from the run in two neighbouring
   * characters, next to a bigram no page holds (级册); null when none does. Three shared
   * characters at least: two of five.
   */
  function mendPair(chars, missing, vocab) {
    for (var r = 0, best = null; r < vocab.length; r++) {
      var word = Array.from(vocab[r]);
      if (word.length < PAIR_WORD || (best && word.length <= best.word.length)) continue;
      for (var o = 0; o + word.length <= chars.length; o++) {
        var diff = [];
        for (var k = 0; k < word.length && diff.length < 3; k++) if (word[k] !== chars[o + k]) diff.push(o + k);
        if (diff.length !== 2 || diff[1] !== diff[0] + 1) continue;
        if (!(missing[diff[0] - 1] || missing[diff[0]] || missing[diff[1]])) continue;
        best = { word: word, at: o };
        break;
      }
    }
    if (!best) return null;
    var out = chars.slice();
    for (var i = 0; i < best.word.length; i++) out[best.at + i] = best.word[i];
    return out.join('');
  }
  var PAIR_WORD = 5;

  /**
   * The Chinese words of the synonym table (`search/syn.js`) whose group holds a word
   * some page holds: no page writes 红灯, but the query widens it to 红色 (see widen).
   */
  function synonymWords() {
    var out = [];
    (Array.isArray(store.syn) ? store.syn : []).forEach(function (group) {
      if (!Array.isArray(group) || !group.some(function (p) { return Array.isArray(p) && p[1] > 0; })) return;
      group.forEach(function (p) {
        var w = Array.isArray(p) ? String(p[0] || '') : '';
        if (Array.from(w).length >= 2 && isCjk(w.codePointAt(0))) out.push(w);
      });
    });
    return out;
  }

  /**
   * The pieces of a Chinese run between the bigrams no page holds, of two characters or
   * more; a synonym's word (`words`, see synonymWords) counts as held: `亮红灯的项目` kept
   * 项目 alone, less than half of it, and found nothing; as 红灯 项目 it finds the project
   * whose status is red.
   */
  function heldPieces(g, words) {
    var inWord = [];
    (words || []).forEach(function (w) {
      var n = Array.from(w).length;
      var chars = Array.from(g.text);
      for (var at = 0; at + n <= chars.length; at++) {
        if (chars.slice(at, at + n).join('') !== w) continue;
        for (var k = at; k < at + n - 1; k++) inWord[k] = true;
      }
    });
    var chars = Array.from(g.text);
    if (chars.length === 1) return g.df > 0 ? [g.text] : [];
    var out = [];
    var start = 0;
    for (var k = 0; k <= g.terms.length; k++) {
      var held = k < g.terms.length && (g.skip[k] || g.postings[k].docs.length > 0 || inWord[k] === true);
      if (held) continue;
      if (k + 1 - start >= 2) out.push(chars.slice(start, k + 1).join(''));
      start = k + 1;
    }
    return out;
  }

  /**
   * The English word of the synonyms (`search/syn.js`, loaded: the query was widened)
   * fewest edits from `term` (see editsFor), starting with its two letters, whose group
   * holds a word some page holds, or null: on a Chinese portal `rollbak` is no page's
   * word, nor is rollback, but 回退 is, which `rollback` is widened to.
   */
  function nearestSynonym(term) {
    var t = String(term);
    var best = null;
    (Array.isArray(store.syn) ? store.syn : []).forEach(function (group) {
      if (!Array.isArray(group) || !group.some(function (p) { return Array.isArray(p) && p[1] > 0; })) return;
      group.forEach(function (p) {
        var w = Array.isArray(p) ? String(p[0] || '') : '';
        if (!/^[a-z][a-z-]+$/.test(w) || w.slice(0, 2) !== t.slice(0, 2) || w === t) return;
        for (var k = 1; k <= editsFor(t) && (!best || k < best.edits); k++) {
          if (T.withinEdits(t, w, k)) { best = { word: w, edits: k }; return; }
        }
      });
    });
    return best ? best.word : null;
  }

  /**
   * Whether `term` is a word of a group of the synonyms' table some page holds a word of
   * (see nearestSynonym): widened, a query holding it finds those pages.
   */
  function synonymWord(term) {
    var t = String(term);
    return (Array.isArray(store.syn) ? store.syn : []).some(function (group) {
      return Array.isArray(group) &&
        group.some(function (p) { return Array.isArray(p) && p[1] > 0; }) &&
        group.some(function (p) { return Array.isArray(p) && String(p[0] || '') === t; });
    });
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
      var children = P.splitChildren(key, meta);
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
    // Not an option of the API: searchAs asks for the synonyms ahead (synonymsAhead).
    own.widens_ = true;
    return searchFolded(query, own).then(function (res) {
      var matches = res.matches;
      delete res.matches;
      // A page whose title is the query is what was looked for: its words' synonyms
      // would add hundreds of pages that merely hold them.
      // (From the matches, not the rows: a call asking for no rows must widen alike.)
      var asked = res.folded || query;
      return titledAsWritten(matches, asked).then(function (titled) {
        // Not a field of the result (its rows say so): search's own mark.
        if (titled) Object.defineProperty(res, 'titled_', { value: true });
        if (res.total >= WIDEN_BELOW || titled) return res;
        return optional('syn').then(function (table) {
          var vs = Array.isArray(table) ? T.synonymQueries(asked, table, WIDEN_QUERIES) : [];
          return vs.length && matches ? widen(asked, vs, res, matches, options || {}) : res;
        });
      });
    });
  }

  /**
   * Whether the first of `matches` is titled by `query` as its title is written, or as a
   * project's name with 项目 after it — not only through synonyms of its words (a short
   * title is filed under those too, src/search/titles.rs): `专案生命周期` is the section
   * 项目生命周期 typed with the Taiwan word, and widening it finds the practice 项目生命周期与
   * 阶段关口 too. Reads the page's block 0, which its row needs anyway.
   */
  function titledAsWritten(matches, query) {
    var first = matches && matches.hits.length ? matches.hits[0] : null;
    if (!first || !first.title) return Promise.resolve(false);
    var key = P.titleKey(query);
    return get('x/' + first.d + '-0').then(function (entry) {
      if (!Array.isArray(entry)) return true;
      var title = P.titleKey(entry[1]) || '';
      // The project's name (its title's first word) with 项目 or project after it.
      var name = P.titleKey(String(entry[1]).split(/\s+/)[0]) || '';
      return key === title || (name !== '' && (key === name + '项目' || key === name + 'project'));
    }, function () { return true; });
  }

  function searchFolded(query, options) {
    return P.searchAs(query, options).then(function (res) {
      if (res.total || !res.terms.some(function (t) { return t.cjk; })) return res;
      return optional('t2s').then(function (pairs) {
        var folded = typeof pairs === 'string' ? simplify(query, pairs) : query;
        if (folded === query) return res;
        return P.searchAs(folded, options).then(function (again) {
          again.folded = folded;
          return again;
        });
      });
    });
  }

  /**
   * The term a query asks the meaning or the formula of (`什么是挣值`, `挣值是什么意思`,
   * `CPI 定义`, `EAC 计算公式`, `完工估算怎么算`, `what is earned value`), or null. Such a
   * query as typed found the pages using the term before the one saying what it is, or
   * nothing at all: no page holds 意思 or 公式 beside the term.
   */
  function askedTerm(query) {
    var q = String(query).replace(/^[\s请问]+|[\s?？!！。.,，~～]+$/g, '');
    var m = ASKED_BEFORE.exec(q) || ASKED_AFTER.exec(q) || ASKED_EN.exec(q) || ASKED_EN_AFTER.exec(q);
    var term = m ? m[1].replace(/^["'“”‘’「」《》]+|["'“”‘’「」《》]+$/g, '').trim() : '';
    // A term of one character, or of question words alone (`什么是什么`), asks nothing.
    return Array.from(term).length >= 2 && T.withoutFillers(term) ? term : null;
  }
  var ASKED_BEFORE = /^(?:什么是|什么叫|什么叫做|何为|何谓|啥是|啥叫)\s*(.+)$/;
  var ASKED_AFTER = new RegExp('^(.+?)\\s*(?:' + [
    '是什么意思', '是啥意思', '什么意思', '啥意思', '的意思', '是什么东西', '是什么', '是啥',
    '的含义', '含义', '的定义', '定义', '的概念', '概念', '是指什么', '指的是什么', '指什么',
    '的计算公式', '计算公式', '的公式', '公式', '怎么算', '怎么计算', '如何计算', '的计算方法',
    '计算方法', '的算法'
  ].join('|') + ')$');
  var ASKED_EN = /^(?:what\s+(?:is|are)\s+(?:an?\s+|the\s+)?|what\s+does\s+|define\s+|definition\s+of\s+|meaning\s+of\s+|how\s+(?:to|do\s+(?:i|you|we))\s+(?:calculate|compute)\s+(?:the\s+)?)(.+?)(?:\s+mean)?$/i;
  var ASKED_EN_AFTER = /^(.+?)\s+(?:definition|meaning|formula|defined)$/i;

  /**
   * Whether `text` says what `term` is: a heading or line asking it (什么是风险登记册,
   * 挣值的基本概念), a gloss (`EV（挣值）：`, `挣值（EV）：`), a formula (`CPI = EV / AC`,
   * `完工估算 EAC = …`), a glossary line (`CPI：…`) or a sentence defining it (`风险登记册是…的清单`
   * is not told from other sentences, so only `是指`, `即`; `Earned value is …`).
   */
  function defines(text, term) {
    var t = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
    var latin = /^[\x00-\x7f]+$/.test(term);
    var pattern = [
      '(?:什么是|什么叫|何为|何谓|所谓)\\s*[“"「]?' + t,
      t + '\\s*(?:是什么|的(?:基本)?(?:概念|定义|含义)|是指|指的是|的计算(?:方法|公式)?|[，,]\\s*即)',
      '[（(]\\s*' + t + '\\s*[)）]\\s*[:：]',
      t + '\\s*[（(][^（）()\\n]{1,40}[)）]\\s*[:：]',
      t + '\\s*(?:[A-Za-z]{1,6}\\s*)?[=＝]',
      '(?:^|\\n)\\s*' + t + '\\s*[:：]'
    ];
    if (latin) pattern.push(t + '\\s+(?:\\([^)\\n]{1,40}\\)\\s+)?(?:is|are|means|refers\\s+to)\\s');
    var re = new RegExp((latin ? '(?:^|[^A-Za-z0-9])(?:' : '(?:') + pattern.join('|') + ')', 'i');
    return re.test(text);
  }

  /**
   * `res` (a query's first page of results) with the first of its pages that says what
   * one of `terms` is moved to the top: read from the block 0 of each, which the rows
   * load anyway. A page using the term well (the lesson titled 月度挣值预警…) stays
   * above the others.
   */
  function definedFirst(res, terms) {
    var rows = res.results;
    return Promise.all(rows.map(function (row) {
      return get('x/' + row.doc + '-0').then(function (entry) {
        if (!Array.isArray(entry)) return false;
        var text = String(entry[1]) + '\n' + String(entry[5] || '');
        return terms.some(function (term) { return defines(text, term); });
      }, function () { return false; });
    })).then(function (says) {
      var at = says.indexOf(true);
      if (at > 0) rows.unshift(rows.splice(at, 1)[0]);
      return res;
    });
  }

  /**
   * A query asking what a term is (askedTerm) as the term, with the page saying what it
   * is first (definedFirst); null when it asks nothing, or the term finds nothing.
   */
  function searchAsked(query, options) {
    var term = askedTerm(query);
    if (!term || term === query) return Promise.resolve(null);
    // Typed before the question's words, the term is finished: not a prefix (EAC, not each).
    var finished = String(query).trim().slice(-term.length) !== term;
    return searchWidened(finished ? term + ' ' : term, options).then(function (res) {
      if (!res.total) return null;
      res.relaxed = term;
      res.fillers = true;
      if (options && options.offset) return res;
      return definedFirst(res, [term].concat(res.widened || []));
    });
  }

  P.relax = relax; P.searchAsked = searchAsked; P.searchWidened = searchWidened; P.withoutFillers = withoutFillers;
  P.files.push('search-mend.js');
})(typeof window !== 'undefined' ? window : typeof globalThis !== 'undefined' ? globalThis : this);
