/*
 * pmo-portal site search — reshaping a query that finds little or nothing: the synonyms
 * it is widened to (syn.js), the question and filler words left out of it, and how far
 * apart two words are (a typo mended to a word the site holds).
 * Pure functions over strings, no index and no DOM. Loaded after search-text.js,
 * whose namespace `PmoSearchText` it extends:
 *
 *   PmoSearchText.synonymQueries(query, table, max)  the query, a word replaced by a synonym
 *   PmoSearchText.translatedQuery(query, table)  the query said in the site's other language
 *   PmoSearchText.vocabularyQuery(query, table)  the words of the synonyms' table it holds
 *   PmoSearchText.withoutFillers(query)    the query without its question words
 *   PmoSearchText.hasFillers(query)        whether it holds any
 *   PmoSearchText.withinEdits(a, b, most)  whether two words are at most `most` edits apart
 */
(function (global) {
  'use strict';

  var T = global.PmoSearchText;
  if (!T) throw new Error('search-query.js needs search-text.js, loaded before it');
  var fold = T.fold, isCjk = T.isCjk, escapeRegExp = T.escapeRegExp;

  /**
   * A member of syn.js as a pattern over the folded query: Latin words whole (an English
   * plural or -ed/-ing form of the last too), a space optional where the member has one
   * or where Latin meets CJK (`bd 平台` is `bd平台`). Group 1 is what precedes a match.
   */
  function synonymPattern(w) {
    var chars = Array.from(w);
    var alnum = function (c) { return /^[a-z0-9]$/.test(c || ''); };
    var body = '';
    chars.forEach(function (c, i) {
      if (c === ' ') { body += ' ?'; return; }
      var before = chars[i - 1];
      if (i > 0 && before !== ' ' && alnum(before) !== alnum(c) && (isCjk(before.codePointAt(0)) || isCjk(c.codePointAt(0)))) body += ' ?';
      body += escapeRegExp(c);
    });
    var last = chars[chars.length - 1];
    var english = /^[\x00-\x7f]+$/.test(w);
    return (alnum(chars[0]) ? '(^|[^a-z0-9])(' : '()(') + body +
      (alnum(last) ? (english ? ')(?:s|es|ed|d|ing)?(?![a-z0-9])' : ')(?![a-z0-9])') : ')');
  }

  /**
   * `q` with the spaces between its Chinese characters taken out when the table holds a
   * word running across one (`风险 台账` is 风险台账, a name of the risk register), else
   * `q`: typed spaced, neither piece was that word, and the query was widened to 台账's
   * own synonyms only, never to the register.
   */
  function joinedForTable(q, table) {
    var joined = q.replace(/([\u3400-\u9fff]) (?=[\u3400-\u9fff])/g, '$1');
    if (joined === q) return q;
    var across = wordsFound(joined, table).some(function (f) { return q.indexOf(f.word) < 0; });
    return across ? joined : q;
  }

  /**
   * The queries a query is widened to when it finds little (search-widen.js `widen`): the
   * query with one of its words replaced by a synonym the site holds. `table` is
   * syn.js's: groups of [word, pages holding it]. A word is found in the query folded
   * and lowercased, a CJK word anywhere, a Latin one as whole words (an English plural
   * or -ed/-ing form too); overlapping finds keep the longest (挣值管理 over 挣值).
   * With two words or more found, the first query replaces each by its nearest synonym;
   * then each word found gives its nearest synonym, then the next of each (syn.js lists a
   * group nearest first, and only words some page holds are tried), `max` in all:
   * {query, word (the synonym, or the synonyms, spaced), from (what they stand for)}.
   */
  function synonymQueries(query, table, max) {
    var q = joinedForTable(fold(String(query)).replace(/\s+/g, ' ').trim(), table);
    var kept = wordsFound(q, table);
    var out = [];
    // A Chinese word inside a longer run is not replaced by an English one: `10月月报`
    // became `10月monthly report`, and 风险登纪册 `risk登纪册`, queries finding pages
    // that were none of those asked for, and before the query's own relaxing. A run
    // made of the table's words alone is said word for word (`主数据清洗` is master data
    // cleansing): the English page so titled was not found at all.
    var whole = wholeRuns(q, kept);
    var inRun = function (f) {
      if (whole[f.at]) return false;
      var before = q.slice(0, f.at).slice(-1);
      var after = q.slice(f.end, f.end + 1);
      return isCjk(f.word.codePointAt(0)) && [before, after].some(function (c) { return c && isCjk(c.codePointAt(0)); });
    };
    // A Latin word put beside CJK or another word is spaced from it.
    var put = function (text, f, word) {
      var latin = !isCjk(String(word).codePointAt(0));
      var before = text.slice(0, f.at), after = text.slice(f.end);
      if (latin && before && !/\s$/.test(before)) word = ' ' + word;
      if (latin && after && !/^\s/.test(after)) word = word + ' ';
      return before + word + after;
    };
    var held = function (f) {
      return table[f.g].filter(function (p) {
        var member = String(p[0]);
        return member !== f.word && p[1] > 0 && !(inRun(f) && !isCjk(member.codePointAt(0)));
      });
    };
    // A query mixing the two languages (`data center migration 经验教训`, the kind's label
    // put after an English subject): first its English words said in Chinese, each by
    // its group's nearest Chinese member, the Chinese kept. Replacing every word turned
    // the query around (数据中心 迁移 lessons learned) and found nothing.
    var latin = kept.filter(function (f) { return !isCjk(f.word.codePointAt(0)); });
    var cjkOf = function (f) {
      return held(f).filter(function (p) { return isCjk(String(p[0]).codePointAt(0)); })[0];
    };
    if (latin.length && latin.length < kept.length && latin.every(cjkOf)) {
      var inCjk = latin.slice().reverse().reduce(function (text, f) { return put(text, f, String(cjkOf(f)[0])); }, q);
      out.push({ query: inCjk, word: latin.map(function (f) { return String(cjkOf(f)[0]); }).join(' '), from: latin.map(function (f) { return f.word; }).join(' ') });
    }
    // Two words or more found: first each replaced by its nearest synonym (厂商延误 is
    // 供应商延期), then one at a time.
    if (kept.length > 1 && kept.every(function (f) { return held(f).length; })) {
      var all = q;
      kept.slice().reverse().forEach(function (f) {
        all = put(all, f, String(held(f)[0][0]));
      });
      out.push({ query: all, word: kept.map(function (f) { return String(held(f)[0][0]); }).join(' '), from: kept.map(function (f) { return f.word; }).join(' ') });
    }
    // A Chinese query made of the table's words alone, said in English too, each word by
    // its nearest English member: `主数据清洗` is master data cleansing, the title of the
    // page about it (its nearest synonyms made 数据清洗 of 清洗, in no English page).
    // Marked `other`: its pages not titled by it come after the others (search-widen.js).
    var english = kept.map(function (f) {
      return isCjk(f.word.codePointAt(0)) ? held(f).filter(function (p) { return !isCjk(String(p[0]).codePointAt(0)); })[0] : null;
    });
    var cjkLeft = kept.reduceRight(function (text, f) { return text.slice(0, f.at) + ' ' + text.slice(f.end); }, q);
    if (kept.length > 1 && english.every(Boolean) && !Array.from(cjkLeft).some(function (c) { return isCjk(c.codePointAt(0)); })) {
      var said = kept.reduceRight(function (text, f, i) { return put(text, f, String(english[i][0])); }, q);
      // A word said twice running goes once: 主数据清洗 is master data cleansing, not
      // master data data cleansing (清洗's nearest English member is data cleansing).
      said = said.replace(/\s+/g, ' ').trim().replace(/\b([a-z0-9-]+)(?: \1\b)+/g, '$1');
      if (!out.some(function (v) { return v.query.replace(/\s+/g, ' ').trim() === said; })) {
        out.push({ query: said, word: english.map(function (p) { return String(p[0]); }).join(' '), from: kept.map(function (f) { return f.word; }).join(' '), other: true });
      }
    }
    for (var r = 0; out.length < max; r++) {
      var more = false;
      kept.forEach(function (f) {
        var others = held(f);
        if (r >= others.length || out.length >= max) return;
        more = true;
        var word = String(others[r][0]);
        out.push({ query: put(q, f, word), word: word, from: f.word });
      });
      if (!more) break;
    }
    return out;
  }

  /**
   * Of the CJK words `kept` found in `q`, the starts (as keys) of those whose run of CJK
   * characters is made of such words alone, end to end (`主数据清洗`: 主数据 and 清洗).
   */
  function wholeRuns(q, kept) {
    var out = {};
    var cjk = function (i) { return i >= 0 && i < q.length && isCjk(q.charCodeAt(i)); };
    var byStart = {};
    kept.forEach(function (f) { if (isCjk(f.word.codePointAt(0))) byStart[f.at] = f; });
    for (var i = 0; i < q.length; i++) {
      if (!cjk(i) || cjk(i - 1)) continue;
      var at = i, starts = [];
      while (byStart[at]) { starts.push(at); at = byStart[at].end; }
      if (starts.length > 1 && !cjk(at)) starts.forEach(function (s) { out[s] = true; });
    }
    return out;
  }

  /**
   * The words of syn.js found in `q` (folded), each {at, end, g (its group), word}, in
   * order: a CJK word anywhere, a Latin one as whole words (an English plural or -ed/-ing
   * form too); overlapping finds keep the longest (挣值管理 over 挣值).
   */
  function wordsFound(q, table) {
    var found = [];
    table.forEach(function (group, gi) {
      if (!Array.isArray(group)) return;
      group.forEach(function (pair) {
        var w = Array.isArray(pair) ? String(pair[0] || '') : '';
        if (!w) return;
        var re = new RegExp(synonymPattern(w), 'g');
        var hit;
        while ((hit = re.exec(q)) !== null) {
          var at = hit.index + hit[1].length;
          found.push({ at: at, end: at + hit[0].length - hit[1].length, g: gi, word: w });
          if (re.lastIndex === hit.index) re.lastIndex++;
        }
      });
    });
    found.sort(function (a, b) { return ((b.end - b.at) - (a.end - a.at)) || (a.at - b.at); });
    var kept = [];
    found.forEach(function (f) {
      if (!kept.some(function (k) { return f.at < k.end && k.at < f.end; })) kept.push(f);
    });
    return coverRuns(q, found, kept).sort(function (a, b) { return a.at - b.at; });
  }

  /**
   * `kept` with each run of CJK characters it leaves partly uncovered read instead as
   * words of `found` end to end, when some are (fewest words): longest first, 主数据清洗
   * was 主 and 数据清洗, and widened to 主清洗, a word no page holds, never to master
   * data cleansing.
   */
  function coverRuns(q, found, kept) {
    var cjk = function (i) { return i >= 0 && i < q.length && isCjk(q.charCodeAt(i)); };
    var out = kept;
    for (var s = 0; s < q.length; s++) {
      if (!cjk(s) || cjk(s - 1)) continue;
      var e = s;
      while (cjk(e)) e++;
      var inside = function (f) { return f.at >= s && f.end <= e; };
      var covered = kept.filter(inside).reduce(function (n, f) { return n + f.end - f.at; }, 0);
      if (covered === e - s) continue;
      // best[i]: the fewest words of `found` covering s..i end to end.
      var best = {};
      best[s] = [];
      for (var i = s; i < e; i++) {
        if (!best[i]) continue;
        found.forEach(function (f) {
          if (f.at !== i || f.end > e || !isCjk(f.word.codePointAt(0))) return;
          if (!best[f.end] || best[f.end].length > best[i].length + 1) best[f.end] = best[i].concat([f]);
        });
      }
      if (best[e]) out = out.filter(function (f) { return !inside(f); }).concat(best[e]);
    }
    return out;
  }

  var cjkFirst = function (w) { return isCjk(String(w).codePointAt(0)); };

  /**
   * `query` said in the site's other language, word for word, for a query finding nothing
   * (search-mend.js `relax`): each word of syn.js (`table`) it holds with a member in the
   * other script some page holds replaced by the nearest (供应商 → vendor, 评选 →
   * selection; delay → 延期), what has none left out — but a name or code typed in the
   * other script (PMO, A2 in a Chinese query) and a number kept. Null unless two words
   * or more are replaced and they are half the query without its question words, or
   * one English name of several words (scope creep) is more than half of it. A PMO's
   * portal holds pages in both languages and a reader types in their own: a Chinese
   * question for an English page shares no word with it, and was relaxed to the Chinese
   * pages holding some of its words.
   */
  function translatedQuery(query, table) {
    if (!Array.isArray(table)) return null;
    var q = fold(String(query)).replace(/\s+/g, ' ').trim();
    var cjkQuery = Array.from(q).filter(function (c) { return isCjk(c.codePointAt(0)); }).length * 2 >=
      q.replace(/[^a-z]+/g, '').length;
    var words = [];
    var done = [];
    var covered = 0;
    var last = 0;
    // What no synonym stands for: a Latin name or code in a Chinese query kept, a number
    // in either, a Chinese name in an English one; the rest is left out.
    var keepRest = function (text) {
      (text.match(/[a-z0-9][a-z0-9.\-]*|[\u3400-\u9fff]+/g) || []).forEach(function (w) {
        if (cjkFirst(w)) { if (!cjkQuery) words.push(w); return; }
        if (/[0-9]/.test(w) || (cjkQuery && !isLatinFiller(w))) words.push(w);
      });
    };
    wordsFound(q, table).forEach(function (f) {
      keepRest(q.slice(last, f.at));
      last = f.end;
      if (cjkFirst(f.word) !== cjkQuery) { words.push(f.word); return; }
      var to = table[f.g].filter(function (p) { return p[1] > 0 && cjkFirst(p[0]) !== cjkQuery; })[0];
      if (!to) return;
      words.push(String(to[0]));
      done.push(f.word);
      covered += cjkQuery ? Array.from(f.word).length : f.word.split(' ').length;
    });
    keepRest(q.slice(last));
    var rest = withoutFillers(q);
    var size = cjkQuery ? Array.from(rest).filter(function (c) { return isCjk(c.codePointAt(0)); }).length
      : rest.split(/\s+/).filter(function (w) { return /[a-z]/.test(w); }).length;
    // One word replaced is among the queries it was widened to; and 郑磊的项目 is no
    // question about `project`. But one English name of several words making most of it
    // (`handle scope creep`: scope creep, the rest a verb no page holds) is what it asks
    // about: widened, the verb was kept beside each synonym and nothing was found, then
    // mended to the nearest words pages hold (hand score). Not a Chinese one: the pieces
    // some page holds are its next query, a date kept (`10月28日关口评审`).
    var phrase = done.length === 1 && !cjkQuery && done[0].indexOf(' ') > 0 && covered * 2 > size;
    if ((done.length < 2 && !phrase) || covered * 2 < size) return null;
    return words.join(' ');
  }

  /**
   * The words of syn.js that `query` holds, as typed and spaced (`挣值 预警 里程碑`), when
   * translatedQuery has a query for them, else null. Tried before that one: a page in the
   * query's own language holding its words is nearer than one in the other.
   */
  function vocabularyQuery(query, table) {
    if (!translatedQuery(query, table)) return null;
    var q = fold(String(query)).replace(/\s+/g, ' ').trim();
    return wordsFound(q, table).map(function (f) { return q.slice(f.at, f.end); }).join(' ');
  }

  /**
   * Words of a question rather than of its subject (怎么办, 为什么, 老是; how, what,
   * should), and those naming what it is about (关于, 有关): no page is written with
   * them around its subject, so a query holding them finds nothing as typed, or only
   * the page that happens to say 关于 somewhere (`关于PMO`). Longest first, so 怎么办
   * goes before 怎么.
   */
  var CJK_FILLERS = ['什么时候', '什么样', '多长时间', '可不可以', '需不需要', '是不是', '有没有', '能不能', '要不要',
    '怎么办', '怎么样', '怎么做', '为什么', '的时候', '哪些事情', '什么事情', '哪些事', '什么事', '有哪些', '多久', '多少', '几号', '几次', '几天', '几个', '应该', '怎么', '怎样', '如何', '为何', '什么', '哪些', '哪个', '哪里', '哪儿',
    '关于', '有关', '是否', '请问', '老是', '总是', '经常', '一直', '谁来', '谁是', '是谁', '归谁管', '谁管', '需要做', '要做', '的话', '一下', '我们', '你们', '大家'];
  /**
   * Particles dropped only at a run's ends: inside one they are part of words (需要, 目的);
   * 是 of 风险负责人是 (… 是谁, its 谁 a filler).
   */
  var CJK_PARTICLES = '吗呢吧啊呀了的谁该要么呗嘛是';
  var LATIN_FILLERS = ['how', 'what', 'why', 'when', 'where', 'who', 'which', 'do', 'does', 'did',
    'should', 'can', 'could', 'would', 'i', 'we', 'you', 'my', 'our', 'is', 'are', 'to', 'the',
    'a', 'an', 'of', 'for', 'in', 'on', 'with', 'about', 'please', 'and', 'or', 'from', 'by', 'as',
    'this', 'that', 'be', 'was', 'were', 'has', 'have', 'there', 'such'];
  /**
   * 的 joining two phrases (`项目的发起人`, `MES项目的发起人`): a page writes the subject
   * and its attribute in a table or a label (发起人 马建军 on the project's page), rarely
   * with the particle between, so a query holding it finds the few pages that happen to.
   * Not where it is part of a word: 目的, 有的, 别的, 似的, 真的, 的确, 的士.
   */
  /**
   * A person's part in a page said between their name and the kind (`郑磊负责的项目`,
   * `吴昊写的经验教训`): the page names them under a label (项目经理 郑磊, 负责人), and
   * writes no 负责 beside them, so the query found only the lessons whose prose did.
   */
  var RELATION_DE = /(?:负责|牵头|主导|分管|编写|撰写|提交|写)的(?=[\u3400-\u9fff])/g;
  var JOINING_DE = /([\u3400-\u9fff])的(?=[\u3400-\u9fff])/g;
  var DE_BEFORE = '目有别似真端';
  var DE_AFTER = '确士';

  /** `q` with each joining 的 (see JOINING_DE) replaced by a space. */
  function withoutJoiningDe(q) {
    return q.replace(JOINING_DE, function (all, before, at, text) {
      var after = text.charAt(at + 2);
      // 目 ending a word of its own (项目的, 科目的) is no 目的.
      if (deInWord(text, at + 1) || DE_AFTER.indexOf(after) >= 0) return all;
      return before + ' ';
    });
  }
  var ENDS_WITH_MU = '项科节题条数名栏';

  /** Whether the 的 at `at` in `text` ends a word (目的, 有的), not after one (项目的). */
  function deInWord(text, at) {
    var before = at > 0 ? text.charAt(at - 1) : '';
    var first = at > 1 ? text.charAt(at - 2) : '';
    // 目 ending a word of its own (项目的, 科目的) is no 目的.
    var afterWord = before === '目' && first !== '' && ENDS_WITH_MU.indexOf(first) >= 0;
    return before !== '' && DE_BEFORE.indexOf(before) >= 0 && !afterWord;
  }

  var CJK_MONTHS = ['十二', '十一', '十', '九', '八', '七', '六', '五', '四', '三', '二', '一'];

  /**
   * The query with its question words left out and months written 十月 as 10月, for a
   * query that finds nothing as typed (`项目超支怎么办` → `项目超支`, `how to close a
   * project` → `close project`). What is left is spaced where a word went, so the
   * pieces are matched as words of their own.
   */
  function withoutFillers(query) {
    var q = String(query);
    CJK_MONTHS.forEach(function (n, i) {
      q = q.split(n + '月').join(' ' + (12 - i) + '月 ');
    });
    CJK_FILLERS.forEach(function (w) { q = q.split(w).join(' '); });
    q = q.replace(RELATION_DE, ' ');
    q = withoutJoiningDe(q);
    // A lone letter beside Chinese is a grade or a line (`A 级`, `I 级项目`, `B 线`), not
    // the English article or pronoun.
    var cjkBeside = Array.from(q).some(function (c) { return isCjk(c.codePointAt(0)); });
    var out = [];
    q.split(/[\s\u3000]+/).forEach(function (piece) {
      var chars = Array.from(piece);
      while (chars.length && CJK_PARTICLES.indexOf(chars[0]) >= 0) chars.shift();
      while (chars.length && CJK_PARTICLES.indexOf(chars[chars.length - 1]) >= 0) {
        // 培训的目的: the last 的 is part of 目的.
        if (chars[chars.length - 1] === '的' && deInWord(chars.join(''), chars.length - 1)) break;
        chars.pop();
      }
      var rest = chars.join('');
      if (!rest || (isLatinFiller(rest) && !(rest.length === 1 && cjkBeside))) return;
      out.push(rest);
    });
    return out.join(' ');
  }

  /** Whether a word (a question mark after it or not) is an English question word. */
  function isLatinFiller(word) {
    return LATIN_FILLERS.indexOf(fold(word).replace(/[?？!！.,，。]+$/, '')) >= 0;
  }

  /** Whether `query` holds a question or filler word that withoutFillers leaves out. */
  function hasFillers(query) {
    var q = String(query);
    if (CJK_FILLERS.some(function (w) { return q.indexOf(w) >= 0; })) return true;
    if (withoutJoiningDe(q) !== q || q.replace(RELATION_DE, ' ') !== q) return true;
    return q.split(/[\s\u3000]+/).some(function (piece) { return piece && isLatinFiller(piece); });
  }

  /**
   * Whether two words differ by at most `most` edits (a letter added, left out, changed,
   * or two neighbours swapped): `vender` and `vendor`, `rollbak` and `rollback`.
   */
  function withinEdits(a, b, most) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > most) return false;
    var prev2 = null;
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var best = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var v = Math.min(prev[k] + 1, row[k - 1] + 1, prev[k - 1] + cost);
        if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) v = Math.min(v, prev2[k - 2] + 1);
        row.push(v);
        if (v < best) best = v;
      }
      if (best > most) return false;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length] <= most;
  }

  T.synonymQueries = synonymQueries;
  T.translatedQuery = translatedQuery;
  T.vocabularyQuery = vocabularyQuery;
  T.withoutFillers = withoutFillers;
  T.hasFillers = hasFillers;
  T.withinEdits = withinEdits;
})(typeof window !== 'undefined' ? window : typeof globalThis !== 'undefined' ? globalThis : this);
