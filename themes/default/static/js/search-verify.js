/*
 * pmo-portal site search: exact text: a query's text as typed checked in the pages that
 * hold its words, through the places of its bigrams first and the pages' text when needed;
 * titles holding the query (`titleKey`, `titleMatches`).
 *
 * One of the files of the search client, each loaded after the one before it (see
 * search.js, the API, for the whole list); they share their functions through
 * `PmoSearchParts`.
 */
(function (global) {
  'use strict';

  var P = global.PmoSearchParts;
  if (!P || P.files.indexOf('search-excerpts.js') < 0) {
    throw new Error('search-verify.js needs search-excerpts.js, loaded before it');
  }

  var MAX_BLOCKS = P.MAX_BLOCKS, T = P.T, blocksAhead = P.blocksAhead, decode = P.decode,
    decoded = P.decoded, get = P.get, has = P.has, holds = P.holds, isCjk = P.isCjk,
    isClaim = P.isClaim, numbers = P.numbers, optional = P.optional, ownFile = P.ownFile,
    placesDecoded = P.placesDecoded, postingsOf = P.postingsOf, rank = P.rank, rowOf = P.rowOf,
    setVerified = P.setVerified, shardName = P.shardName, shardOf = P.shardOf, slot = P.slot,
    sortKey = P.sortKey, store = P.store, textReach = P.textReach, tier = P.tier;

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
   * Claimers read at first once their places are consulted, before reading on: when not
   * one of them holds the text, the others that passed the places hold it no more (合同时由
   * at 10k: the results page read 20 pages and their second blocks, 40 KB, none holding
   * it, where the header box stopped at 8 and showed the same order). Only when one does
   * are the rest of the page's claimers read. Pages read before the places were
   * consulted do not count: the places drop most of those apart, and the next read
   * are the likeliest to hold the text.
   */
  var FIRST_READS = 8;

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
      if (typeof s === 'string' && has(decoded, t[0])) out.push({ places: placesOf(t[0], s, modulus), modulus: modulus, postings: decoded[t[0]], at: t[1] });
    });
    return out;
  }

  /**
   * A term's places decoded once: one number (a set of PLACES bits) a posting. Places
   * modulo PLACES are written as each set's rank (see bySetRank).
   */
  function placesOf(term, s, modulus) {
    if (!has(placesDecoded, term)) {
      var sets = numbers(s);
      if (modulus === PLACES) {
        var table = bySetRank();
        sets = sets.map(function (r) { return r < table.length ? table[r] : 0; });
      }
      placesDecoded[term] = sets;
    }
    return placesDecoded[term];
  }

  /**
   * Every set of PLACES bits, in the order of their ranks as the index writes them
   * (src/search/places.rs): fewer places first, then by value. A set of one place (most
   * pages hold a term once) is then one digit rather than two.
   */
  var setsByRank = null;
  function bySetRank() {
    if (setsByRank) return setsByRank;
    var bits = function (v) { var n = 0; for (; v; v &= v - 1) n++; return n; };
    setsByRank = [];
    for (var v = 0; v < 1 << PLACES; v++) setsByRank.push(v);
    setsByRank.sort(function (a, b) { return (bits(a) - bits(b)) || (a - b); });
    return setsByRank;
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
    // More pages claim the exact text than are shown, or than FIRST_READS: their places
    // sort out, without their text, most of those holding its parts apart. They are
    // asked for before any page is read when some page may hold the parts apart
    // (`apart`, see mayStandApart), else only once a page read shows it does. (With
    // 10 claimers on a results page of 20, a long title typed at 10k read four pages
    // apart, 7 KB of text, where their places, 1.7 KB, dropped them.)
    var claims = hits.filter(isClaim);
    var many = claims.length > Math.min(need, FIRST_READS);
    var placed = null;
    var read = 0;       // claimers read so far
    var readPlaced = 0; // of them, those read once their places were consulted
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
      var cap = placed && !held ? FIRST_READS - readPlaced : Infinity;
      for (var i = 0; i < hits.length && i < need && budget > 0 && todo.length < cap; i++) {
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
      var reads = todo.map(function (m) {
        var d = m.d;
        blocksAhead(d, textReach(groups, d));
        return get('x/' + d + '-0').then(function (entry) {
          if (!Array.isArray(entry)) return false;
          m.inTitle = needle !== '' && squeezeLines(String(entry[1])).indexOf(needle) >= 0;
          return headHolds(entry, needle) || laterHolds(d, entry, needle);
        }).then(function (holds) { setVerified(m, holds); }, function () { setVerified(m, true); })
          .then(function () { if (m.verified && from === 0) expect(d); });
      });
      // Claimers their places dropped unread may now be among the pages titleWords
      // reads: their rows load beside this round's reading, not in a round of their own
      // once verify is done. Before any places are asked for, the claimers read are
      // likely to hold the text, and the best pages apart as they stand are asked for.
      titleWordsAhead(hits, query, placed === null);
      return Promise.all(reads).then(function () {
        var foundApart = todo.some(function (m) { return m.verified === false; });
        read += todo.length;
        if (placed) readPlaced += todo.length;
        if (todo.some(function (m) { return m.verified === true; })) held = true;
        if (many && !placed && foundApart) return place().then(round);
        // A page of claimers read, or FIRST_READS of those their places let pass, and
        // not one holds the text: the query's parts are common and do not meet (合同时由
        // at 10k: 32 pages read, a block or two each, 110 KB, none holding it). Reading
        // on would find none.
        if (!held && placed && (read >= need || readPlaced >= FIRST_READS)) {
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
   * from the rows of the TITLE_WORDS pages found apart scoring highest, whatever the
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
    if (!readsTitleWords(query)) return Promise.resolve();
    var needle = exactText(query);
    var chars = Array.from(needle);
    var cjk = chars.filter(function (c) { return T.isCjk(c.codePointAt(0)); });
    // The Chinese alone, when what is beside it is letters and digits only.
    var named = cjk.length >= 2 && cjk.length < chars.length && chars.every(function (c) {
      return T.isCjk(c.codePointAt(0)) || /[a-z0-9]/.test(c);
    }) ? cjk.join('') : null;
    return Promise.all(bestApart(hits).map(function (m) {
      return rowOf(m.d, store.meta).then(function (entry) {
        if (!Array.isArray(entry)) return;
        var title = squeezeLines(String(entry[1]));
        if (holdsInPieces(title, needle)) m.titleWords = true;
        else if (named && holdsInPieces(title, named)) m.titleNamed = true;
        m.key = sortKey(m);
      }, function () {});
    })).then(function () { rank(hits); });
  }
  var TITLE_WORDS = 3;

  /** Whether titleWords reads titles for `query`: four characters or more, Chinese among them. */
  function readsTitleWords(query) {
    var chars = Array.from(exactText(query));
    return chars.length >= 4 && chars.some(function (c) { return T.isCjk(c.codePointAt(0)); });
  }

  /**
   * Asks for the rows titleWords will read, as the hits stand before verify: titleWords
   * runs once verify is done, and its rows were a round of requests of their own after
   * verify's (for a third of the queries at 10k, the last round). Verify only drops
   * claimers a tier: a page found apart that stands among the best even were every
   * unread claimer found apart is read whatever verify finds, and only such pages are
   * asked for — unless `likelyHeld` (no places consulted: the claimers are few, or
   * none was found apart yet), when the claimers mostly hold the text and the best
   * pages apart as they stand are those read. (Asking for those whatever the claimers
   * cost the results page up to 1.5 KB of rows never read, where places sort out many
   * claimers apart; asked only while no places are consulted, at 10k 28 of the header
   * box's 1,113 rounds went, for 0.3 KB at most.) A page whose block 0 (its row with
   * its text) is already asked for needs none.
   */
  function titleWordsAhead(hits, query, likelyHeld) {
    if (!readsTitleWords(query)) return;
    bestApart(hits, !likelyHeld).forEach(function (m) {
      if (isClaim(m) && m.verified === undefined) return;
      if (!has(P.promises, 'x/' + m.d + '-0')) rowOf(m.d, store.meta).then(null, function () {});
    });
  }

  /**
   * The TITLE_WORDS pages found apart scoring highest, in one pass over the hits; with
   * `claims`, the pages claiming the exact text and not yet read count as found apart
   * (verify may find them so).
   */
  function bestApart(hits, claims) {
    var best = [];
    hits.forEach(function (m) {
      var unread = claims && isClaim(m) && m.verified === undefined;
      if ((tier(m) >= 2 && !unread) || m.title) return;
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

  P.exactText = exactText; P.holdsInPieces = holdsInPieces; P.mayStandApart = mayStandApart; P.squeezeLines = squeezeLines;
  P.titleKey = titleKey; P.titleMatches = titleMatches; P.titleWords = titleWords;
  P.titleWordsAhead = titleWordsAhead;
  P.verify = verify;
  P.files.push('search-verify.js');
})(typeof window !== 'undefined' ? window : typeof globalThis !== 'undefined' ? globalThis : this);
