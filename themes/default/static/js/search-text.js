/*
 * pmo-portal site search — the text rules shared with the Rust indexer
 * (src/search/tokenize.rs): folding, CJK runs, stemming, dates and numbers as the index
 * writes them, and the query's groups. Pure functions over strings, no index and no DOM.
 * It defines the namespace `PmoSearchText`, which the text files loaded after it extend
 * (search-query.js: reshaping a query; search-marks.js: matches and excerpts); the
 * client (search-load.js …) builds on all three. Under node, requiring this file
 * requires the other two.
 *
 *   PmoSearchText.tokenize(query)          the query's groups (see below)
 *   PmoSearchText.stem(word)               the stem the index uses for a word
 *   PmoSearchText.cjkDate(query)           `2024年4月` as the index's `2024-04`, or null
 *   PmoSearchText.datesAsIso(query)        `2026年3月经验教训` as `2026-03 经验教训`, or null
 *   PmoSearchText.wordDate(query)          `Sept 2024` as `2024-09`, or null
 *   PmoSearchText.normalize(text)          folded text with a map back to the original
 *   PmoSearchText.fold(text)               normalize's text alone (faster)
 *   PmoSearchText.escapeHtml(s), .isCjk(codePoint), .runs(text), .writtenForms(code)
 */
(function (global) {
  'use strict';


  /**
   * Characters of a word that count: a longer word counts as its first MAX_WORD_CHARS
   * (lowercased) characters, exactly as the index cut it (MAX_WORD_CHARS in
   * src/search/tokenize.rs), so pasting a very long word, or typing any prefix of it,
   * finds it.
   */
  var MAX_WORD_CHARS = 64;

  // ---------------------------------------------------------------- tokenizer

  var WORD_CHAR = null;
  try {
    // Rust's char::is_alphanumeric: Alphabetic or Numeric.
    WORD_CHAR = new RegExp('^[\\p{Alphabetic}\\p{N}]$', 'u');
  } catch (e) {
    WORD_CHAR = null;
  }

  function isCjk(cp) {
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x20000 && cp <= 0x2FA1F);
  }

  function isWordChar(ch) {
    if (WORD_CHAR) return WORD_CHAR.test(ch);
    // Fallback for engines without Unicode property escapes: anything that has case, or
    // ASCII letters/digits, or any non-ASCII non-punctuation character.
    var cp = ch.codePointAt(0);
    if (cp < 128) return /[a-z0-9]/i.test(ch);
    return ch.toLowerCase() !== ch.toUpperCase() || !/[\s\u2000-\u206F\u3000-\u303F\uFF00-\uFFEF]/.test(ch);
  }

  /**
   * A character as search reads it (search_char in src/search/tokenize.rs): full-width
   * ASCII as ASCII, a Latin letter with an accent as its base letter (ü → u), and an
   * accent written as a mark of its own as nothing ('').
   */
  function foldChar(ch) {
    var cp = ch.codePointAt(0);
    if (cp >= 0xFF01 && cp <= 0xFF5E) return String.fromCharCode(cp - 0xFEE0);
    if (cp === 0x3000) return ' ';
    if (cp >= 0x300 && cp <= 0x36F) return '';
    if ((cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF)) return baseLetter(ch);
    return ch;
  }

  /** A Latin letter's base letter in ASCII (é → e, ø → o), else the letter itself. */
  function baseLetter(ch) {
    var base = typeof ch.normalize === 'function' ? ch.normalize('NFD').charAt(0) : ch;
    if (/[A-Za-z]/.test(base)) return base;
    var at = UNMARKED.indexOf(ch);
    return at >= 0 && at % 2 === 0 ? UNMARKED.charAt(at + 1) : ch;
  }

  /** Letters with a stroke Unicode does not decompose, each before its ASCII letter (unmarked in tokenize.rs). */
  var UNMARKED = '\u00f8o\u00d8O\u0142l\u0141L\u0111d\u0110D\u0127h\u0126H\u0131i';

  function isAscii(s) { return /^[\x00-\x7f]*$/.test(s); }

  function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xD800 && c <= 0xDBFF) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }

  function stem(word) {
    if (utf8Length(word) <= 4 || !isAscii(word)) return word;
    function strip(suffix, replacement) {
      if (word.slice(-suffix.length) !== suffix) return null;
      var s = word.slice(0, word.length - suffix.length);
      return s.length >= 3 ? s + replacement : null;
    }
    var r = strip('ies', 'y');
    if (r !== null) return verbForm(r);
    var es = ['sses', 'shes', 'ches', 'xes', 'zes'];
    for (var i = 0; i < es.length; i++) {
      if (word.slice(-es[i].length) === es[i]) { r = strip('es', ''); break; }
    }
    if (r !== null) return verbForm(r);
    var last2 = word.slice(-2);
    if (word.slice(-1) === 's' && last2 !== 'ss' && last2 !== 'us' && last2 !== 'is') {
      r = strip('s', '');
      if (r !== null) return verbForm(r);
    }
    return verbForm(word);
  }

  /**
   * A verb's forms as one (verb_form in src/search/tokenize.rs): `-ation` cut to `-at`,
   * else `-ing` or `-ed` (a double consonant undoubled but ll, ss, ff, zz), then a final
   * `e` of a word of six letters or more; each cut leaves four letters or more.
   */
  function verbForm(w) {
    var n = w.length;
    if (n >= 8 && w.slice(-5) === 'ation') {
      w = w.slice(0, n - 3);
    } else {
      var cut = w.slice(-3) === 'ing' && n - 3 >= 4 ? 3 : w.slice(-2) === 'ed' && n - 2 >= 4 ? 2 : 0;
      if (cut) {
        w = w.slice(0, n - cut);
        var a = w.charAt(w.length - 1);
        if (a === w.charAt(w.length - 2) && 'aeioulsfz'.indexOf(a) < 0) w = w.slice(0, -1);
      }
    }
    if (w.length >= 6 && w.slice(-1) === 'e') w = w.slice(0, -1);
    return w;
  }

  /** Characters that join the parts of a code (JOINERS in src/search/tokenize.rs). */
  var JOINERS = '-./_,';

  function isAsciiDigit(ch) { return ch >= '0' && ch <= '9'; }

  /**
   * Splits text into runs: {type: 'cjk', chars: [...], pos}, {type: 'word', text, pos} and
   * {type: 'code', text, pos, end, parts}, a code coming after the words that are its
   * parts. A code is a number or code as written — parts of letters and digits joined by
   * one of - . / _ , (a comma between digits only), or a number and % (spaces between
   * or not: `10 %` is 10%) — holding a digit:
   * `12.7%`, `0.88`, `1,200,000`, `2024-03`, `v2.1`, `ll-2024-012`. The rules are the
   * Rust tokenizer's (`Code` in src/search/tokenize.rs), character for character.
   */
  /**
   * Whether `c`, read after the word `word` (so far) and before the character `next`, is
   * the x of a size written between numbers (`5x5`, `1920x1080`): read as ×, as the index
   * reads it (`times_between_digits` in src/search/tokenize.rs).
   */
  function timesBetweenDigits(c, word, next) {
    return (c === 'x' || c === 'X') && /^[0-9]+$/.test(word) && next !== undefined && isAsciiDigit(foldChar(next));
  }

  function runs(text) {
    var out = [];
    var position = 0;
    var word = '';
    var wordChars = 0;
    var cjk = null;
    var code = null;
    function newCode() { return { text: '', chars: 0, parts: [], digit: false, joiner: null, percent: false, spaced: false, pos: position }; }
    code = newCode();
    function codePush(ch) { if (code.chars < MAX_WORD_CHARS) { code.text += ch; code.chars++; } }
    function endCode() {
      if (code.digit && (code.parts.length > 1 || code.percent)) {
        out.push({ type: 'code', text: code.text, pos: code.pos, end: code.pos + code.parts.length - 1, parts: code.parts.slice() });
      }
      code = newCode();
    }
    function letter(ch, starts) {
      if (starts) {
        var j = code.joiner;
        code.joiner = null;
        if (j === ',' && !isAsciiDigit(ch)) endCode();
        else if (j !== null && code.parts.length > 0 && !code.percent) codePush(j);
        else endCode();
        if (!code.parts.length) code.pos = position;
        code.parts.push('');
      }
      if (isAsciiDigit(ch)) code.digit = true;
      code.parts[code.parts.length - 1] += ch;
      codePush(ch);
    }
    function separator(ch, last) {
      if (last !== null && ch === '%' && isAsciiDigit(last) && !code.percent) {
        codePush('%');
        code.percent = true;
      } else if (last === null && ch === '%' && code.spaced) {
        codePush('%');
        code.percent = true;
        code.spaced = false;
      } else if (last !== null && ch === ' ' && isAsciiDigit(last) && !code.percent) {
        // `10 %` is the code 10%: a space after a number may come before its %.
        code.spaced = true;
      } else if (last === null && ch === ' ' && code.spaced) {
        // More spaces before the %.
      } else if (last !== null && JOINERS.indexOf(ch) >= 0 && !code.percent && (ch !== ',' || isAsciiDigit(last))) {
        code.joiner = ch;
      } else {
        endCode();
      }
    }
    function flushWord() {
      if (word) { out.push({ type: 'word', text: word, pos: position }); position++; word = ''; wordChars = 0; }
    }
    var chars = Array.from(String(text));
    for (var i = 0; i < chars.length; i++) {
      var c = foldChar(chars[i]);
      if (c === '') continue;
      if (timesBetweenDigits(c, word, chars[i + 1])) c = '\u00d7';
      var cp = c.codePointAt(0);
      if (isCjk(cp)) {
        flushWord();
        endCode();
        if (!cjk) { cjk = { type: 'cjk', chars: [], pos: position }; out.push(cjk); }
        cjk.chars.push(c);
        position++;
      } else if (isWordChar(c)) {
        cjk = null;
        // Code points, not UTF-16 units, are counted, as Rust counts chars.
        var lower = Array.from(c.toLowerCase());
        var starts = word === '';
        for (var k = 0; k < lower.length; k++) {
          letter(lower[k], starts && k === 0);
          if (wordChars < MAX_WORD_CHARS) { word += lower[k]; wordChars++; }
        }
      } else {
        cjk = null;
        var last = word ? Array.from(word).pop() : null;
        flushWord();
        if (cp < 128) separator(c, last);
        else endCode();
      }
    }
    flushWord();
    endCode();
    return out;
  }

  /**
   * A date typed another way than the index writes it — `2024/04`, `2024.4`, `2024-4`,
   * `2024/3/18` — as the ISO term the index holds for every date a page shows
   * (`2024-04`, `2024-03-18`): [that term], or [] when the code is no such date or is
   * already ISO. The code as typed is still looked up too (a page may write it so).
   */
  function dateForms(code) {
    var m = /^(\d{4})[-\/.](\d{1,2})(?:[-\/.](\d{1,2}))?$/.exec(code);
    if (!m || +m[2] < 1 || +m[2] > 12 || (m[3] && (+m[3] < 1 || +m[3] > 31))) return [];
    var iso = m[1] + '-' + two(m[2]) + (m[3] ? '-' + two(m[3]) : '');
    return iso === code ? [] : [iso];
  }

  var MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
    'september', 'october', 'november', 'december'];

  /** A month's or day's number as two digits (`3` → `03`), as ISO dates write it. */
  function two(x) { x = String(x); return x.length === 1 ? '0' + x : x; }

  /**
   * An ISO day or month (`2026-10-28`, `2026-10`) as prose writes it, folded: `28.10.2026`,
   * `28 october 2026`, `october 28, 2026`, `2026年10月28日` (src/search/prose_dates.rs
   * indexes these as the ISO terms). For the excerpt's marks only: no index term is
   * written so, so they are never looked up. [] for any other text.
   */
  function proseDates(text) {
    var m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
    if (!m || +m[2] < 1 || +m[2] > 12) return [];
    var y = m[1], mo = +m[2], name = MONTH_NAMES[mo - 1], short = name.slice(0, 3);
    if (!m[3]) return [name + ' ' + y, short + ' ' + y, y + '年' + mo + '月'];
    var d = +m[3];
    if (d < 1 || d > 31) return [];
    return [m[3] + '.' + m[2] + '.' + y, d + '.' + mo + '.' + y, d + ' ' + name + ' ' + y,
      d + ' ' + short + ' ' + y, name + ' ' + d + ', ' + y, short + ' ' + d + ', ' + y,
      y + '年' + mo + '月' + d + '日'];
  }

  /**
   * A query that is a month alone, written the Chinese way (`3月`, `03 月`, `三月`,
   * `3月份`), as its two digits (`03`), or null. It names no year: search.js (monthTerms)
   * reads it as that month of every year the site's pages are dated in.
   */
  function cjkMonth(query) {
    var m = /^\s*(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?\s*$/.exec(fold(query));
    if (!m) return null;
    var n = CJK_MONTH_NUMERALS.indexOf(m[1]) >= 0 ? CJK_MONTH_NUMERALS.indexOf(m[1]) + 1 : +m[1];
    return n >= 1 && n <= 12 ? two(n) : null;
  }

  /**
   * A query that is a quarter of a year — `2025年第三季度`, `2025 年三季度`, `2025Q3`,
   * `2025 Q3`, `Q3 2025`, `2025-Q3` — as the ISO terms of its three months
   * (`2025-07`, `2025-08`, `2025-09`), or null. No page writes its dates by quarter:
   * typed so, it found the pages saying 第三季度 or q3, none of those dated then.
   */
  function quarterMonths(query) {
    var q = fold(query).replace(/\s+/g, '');
    var m = /^(\d{4})年?(?:第)?([1-4一二三四])季度$/.exec(q) || /^(\d{4})年?-?q([1-4])$/.exec(q);
    var year, n;
    if (m) { year = m[1]; n = m[2]; } else {
      m = /^q([1-4])-?(\d{4})年?$/.exec(q);
      if (!m) return null;
      year = m[2]; n = m[1];
    }
    n = '一二三四'.indexOf(n) >= 0 ? '一二三四'.indexOf(n) + 1 : +n;
    return [1, 2, 3].map(function (k) { return year + '-' + two((n - 1) * 3 + k); });
  }

  /**
   * A query that is one date written the Chinese way — `2024年4月`, `2024 年 04 月`,
   * `2024年3月15日` — as the ISO term the index holds for every page showing that month
   * or day (`2024-04`, `2024-03-15`), or null for any other query. Its parts are still
   * looked up as typed (prose writes dates so); the ISO term adds the pages whose dates
   * (front matter, milestones, actions) print it, which the text of the excerpts does
   * not hold.
   */
  function cjkDate(query) {
    var m = /^\s*(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?\s*$/.exec(fold(query));
    if (!m || +m[2] < 1 || +m[2] > 12 || (m[3] && (+m[3] < 1 || +m[3] > 31))) return null;
    return m[1] + '-' + two(m[2]) + (m[3] ? '-' + two(m[3]) : '');
  }

  /**
   * A query holding a date written the Chinese way beside other words (`2026年3月经验教训`,
   * `2025年11月累计CPI`) with each such date as its ISO term, spaced apart (`2026-03
   * 经验教训`), or null when it holds none or is that date alone (see cjkDate). Typed as
   * it is, the date's 月 ran on into the words after it (月经验教训), a run no page holds;
   * the ISO term finds every page showing that month or day, in its prose or its dates.
   * A month in Chinese numerals (`2026年十月`) is read too.
   */
  function datesAsIso(query) {
    var q = fold(query);
    if (cjkDate(q) || quarterMonths(q)) return null;
    var found = false;
    var out = q.replace(CJK_DATE, function (all, y, mo, d) {
      var n = CJK_MONTH_NUMERALS.indexOf(mo) >= 0 ? CJK_MONTH_NUMERALS.indexOf(mo) + 1 : +mo;
      if (n < 1 || n > 12 || (d && (+d < 1 || +d > 31))) return all;
      found = true;
      return ' ' + y + '-' + two(n) + (d ? '-' + two(d) : '') + ' ';
    });
    // A quarter beside other words (`2024Q3 经验教训`, `2026年三季度经验教训`) as one word,
    // `2024q3`, which tokenize gives its three months as other forms (quarterOf): typed
    // as it was, 季度 ran on into the words after it, or `2024` and `q3` were two words
    // a page had to hold, and the lessons dated in that quarter were not found.
    out = out.replace(QUARTER_IN_TEXT, function (all, before, y, n, n2, n3, y2) {
      found = true;
      var k = n || n2 || n3;
      k = '一二三四'.indexOf(k) >= 0 ? '一二三四'.indexOf(k) + 1 : +k;
      return before + ' ' + (y || y2) + 'q' + k + ' ';
    });
    return found ? out.replace(/\s+/g, ' ').trim() : null;
  }
  /** A quarter inside a folded query: 2024年第三季度, 2024年3季度, 2024 Q3, 2024-q3, Q3 2024. */
  var QUARTER_IN_TEXT = new RegExp('(^|[^\\d\\w])(?:(\\d{4})\\s*年?\\s*(?:(?:第\\s*)?([1-4一二三四])\\s*季度|-?\\s*q([1-4])(?![\\w]))' +
    '|q([1-4])\\s*-?\\s*(\\d{4})(?![\\d\\w])年?)', 'g');

  /**
   * A word naming a quarter (`2024q3`, `2024-q3`, `q3-2024`; datesAsIso writes every
   * quarter of a query so) as the ISO terms of its three months, which every page
   * showing a day of them holds: [] for any other word.
   */
  function quarterOf(word) {
    var m = /^(\d{4})-?q([1-4])$/.exec(word) || /^q([1-4])-?(\d{4})$/.exec(word);
    if (!m) return [];
    var year = m[1].length === 4 ? m[1] : m[2];
    var n = +(m[1].length === 4 ? m[2] : m[1]);
    return [1, 2, 3].map(function (k) { return year + '-' + two((n - 1) * 3 + k); });
  }
  var CJK_MONTH_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
  var CJK_DATE = /(\d{4})\s*年\s*(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月(?:份)?(?:\s*(\d{1,2})\s*[日号])?/g;

  /**
   * A query that is one date written in words the European or English way — `Sept 2024`,
   * `27 September 2024`, `September 27, 2024`, `27.09.2024` — as its ISO day or month
   * (src/search/prose_dates.rs indexes prose so written by it, and every page's dates are
   * indexed so), or null. Searched as typed, `sept` is no word of `September 2024`.
   */
  function wordDate(query) {
    var q = fold(query).replace(/\s+/g, ' ').trim();
    function month(word) {
      var w = word.replace(/\.$/, '');
      if (w === 'sept') w = 'sep';
      for (var i = 0; i < MONTH_NAMES.length; i++) {
        if (MONTH_NAMES[i] === w || (w.length === 3 && MONTH_NAMES[i].slice(0, 3) === w)) return i + 1;
      }
      return 0;
    }
    function day(y, mo, d) {
      return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? y + '-' + two(mo) + '-' + two(d) : null;
    }
    var m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(q);
    if (m) return day(m[3], +m[2], +m[1]);
    m = /^(\d{1,2}) ([a-z]+\.?),? (\d{4})$/.exec(q);
    if (m && month(m[2])) return day(m[3], month(m[2]), +m[1]);
    m = /^([a-z]+\.?) (\d{1,2}),? (\d{4})$/.exec(q);
    if (m && month(m[1])) return day(m[3], month(m[1]), +m[2]);
    m = /^([a-z]+\.?),? (\d{4})$/.exec(q);
    if (m && month(m[1])) return m[2] + '-' + two(month(m[1]));
    return null;
  }

  /**
   * A number typed with leading zeros (`04` of `2024年04月`) as pages print it (`4`):
   * [that number], or [] for any other word.
   */
  function isoDate(text) { return /^\d{4}-\d{2}(-\d{2})?$/.test(text); }

  function unpadded(word) {
    return /^0+[1-9]\d*$/.test(word) ? [word.replace(/^0+/, '')] : [];
  }

  /**
   * A number or code typed another way than pages may write it: `850000` as `850,000`
   * and the other way round, `PRJ2025003` or `prj-2025003` as `prj-2025-003` (letters, a
   * year, a serial: the shape of project and lesson codes). [] for any other word. A
   * four-digit number that may be a year gets no grouped form: a page writing 2,024
   * for 2024 is rarer than the query for the year, which would pay for its lookup.
   */
  function writtenForms(text) {
    var out = [];
    var m = /^(\d+)((?:\.\d+)?%?)$/.exec(text);
    if (m && m[1].length >= 4 && !/^(19|20)\d\d$/.test(m[1]) && !/^0/.test(m[1])) {
      out.push(m[1].replace(/\B(?=(\d{3})+$)/g, ',') + m[2]);
    }
    if (/^\d{1,3}(,\d{3})+(\.\d+)?%?$/.test(text)) out.push(text.replace(/,/g, ''));
    var bare = text.replace(/[-_.\/]/g, '');
    var c = /^([a-z]{2,})((?:19|20)\d\d)(\d{2,})$/.exec(bare);
    if (c) out.push(c[1] + '-' + c[2] + '-' + c[3]);
    else if ((c = /^([a-z]{2,})(\d{3,})$/.exec(bare))) out.push(c[1] + '-' + c[2]);
    return out.filter(function (f, i) { return f !== text && out.indexOf(f) === i; });
  }

  /**
   * The query's groups. Each group is one unit a document must match:
   *   {type: 'cjk', text, terms: [bigrams or the unigram], pos}
   *   {type: 'word', text (lowercased), term (stemmed), prefix: bool, pos, alts: other
   *    terms that match it too (a date or number as the index writes it)}
   * A code is one word group, its term as written and `parts` the stems of its words
   * (for the pair with a neighbouring word); its parts are not groups of their own.
   */
  function tokenize(query) {
    var rs = runs(query);
    var groups = [];
    var lastWord = -1;
    for (var i = 0; i < rs.length; i++) {
      var r = rs[i];
      if (r.type === 'cjk') {
        var terms = [];
        if (r.chars.length === 1) terms.push(r.chars[0]);
        else for (var j = 0; j + 1 < r.chars.length; j++) terms.push(r.chars[j] + r.chars[j + 1]);
        groups.push({ type: 'cjk', text: r.chars.join(''), terms: terms, pos: r.pos, end: r.pos + r.chars.length - 1 });
      } else if (r.type === 'code') {
        // Its parts were pushed as words just before it: they become the code.
        while (groups.length && groups[groups.length - 1].type === 'word' && groups[groups.length - 1].pos >= r.pos) groups.pop();
        groups.push({ type: 'word', code: true, text: r.text, term: r.text, parts: r.parts.map(stem), prefix: false, pos: r.pos, end: r.end, alts: dateForms(r.text).concat(writtenForms(r.text), quarterOf(r.text)) });
        lastWord = groups.length - 1;
      } else {
        groups.push({ type: 'word', text: r.text, term: stem(r.text), prefix: false, pos: r.pos, end: r.pos, alts: unpadded(r.text).concat(writtenForms(r.text), quarterOf(r.text)) });
        lastWord = groups.length - 1;
      }
    }
    // The last word of the query is a prefix (search as you type) unless the query goes on
    // after it (a trailing space or CJK text means the word is finished). A one-letter
    // prefix matches only the exact word.
    if (lastWord === groups.length - 1 && lastWord >= 0 && !/[\s\u3000]$/.test(String(query))) {
      var g = groups[lastWord];
      g.prefix = Array.from(g.text).length >= 2;
    }
    return groups;
  }

  // ---------------------------------------------------------------- folding

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  function escapeHtml(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  /**
   * Characters whose folding is not one code unit for one, or depends on its neighbours
   * (İ lowercases to two units, Σ to ς at a word's end in a whole string, surrogate pairs
   * map both units to the pair's start): text holding none folds in one pass.
   */
  var NOT_ONE_FOR_ONE = /[\u0130\u03a3\ud800-\udfff\u0300-\u036f]/;
  /** What foldChar changes one code unit for one (full-width ASCII, accented letters). */
  var ONE_FOR_ONE = /[\uff01-\uff5e\u3000\u00c0-\u024f\u1e00-\u1eff]/g;

  /** Text folded and lowercased, character by character (normalize's text). */
  function fold(text) {
    text = String(text);
    if (!NOT_ONE_FOR_ONE.test(text)) return text.replace(ONE_FOR_ONE, foldChar).toLowerCase();
    return normalize(text).text;
  }

  /** Folded, lowercased text with a map from its indices to the original's. */
  function normalize(text) {
    var norm = '';
    var map = [];
    var i = 0;
    if (!NOT_ONE_FOR_ONE.test(text)) {
      // One unit for one: the map is the identity.
      norm = text.replace(ONE_FOR_ONE, foldChar).toLowerCase();
      for (i = 0; i <= text.length; i++) map.push(i);
      return { text: norm, map: map };
    }
    while (i < text.length) {
      var cp = text.codePointAt(i);
      var ch = String.fromCodePoint(cp);
      var f = foldChar(ch).toLowerCase();
      for (var j = 0; j < f.length; j++) map.push(i);
      norm += f;
      i += ch.length;
    }
    map.push(text.length);
    return { text: norm, map: map };
  }
  var PmoSearchText = {
    tokenize: tokenize,
    cjkDate: cjkDate,
    cjkMonth: cjkMonth,
    quarterMonths: quarterMonths,
    datesAsIso: datesAsIso,
    wordDate: wordDate,
    writtenForms: writtenForms,
    stem: stem,
    runs: runs,
    isCjk: isCjk,
    isWordChar: isWordChar,
    foldChar: foldChar,
    normalize: normalize,
    fold: fold,
    escapeHtml: escapeHtml,
    escapeRegExp: escapeRegExp,
    proseDates: proseDates,
    isoDate: isoDate,
    MAX_WORD_CHARS: MAX_WORD_CHARS
  };

  global.PmoSearchText = PmoSearchText;
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = PmoSearchText;
    // The files extending the namespace, which pages load after this one.
    /* global require */
    require('./search-query.js');
    require('./search-marks.js');
  }
})(typeof window !== 'undefined' ? window : typeof globalThis !== 'undefined' ? globalThis : this);
