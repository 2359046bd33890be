#!/usr/bin/env python3
"""Is everything a reader sees findable? Truth taken from the rendered pages alone.

bench/relevance.py draws its truth from the index's own excerpt text, and
bench/probe_search.py leaves out what the index was told to skip (charts, key figures).
This checker reads each indexed page's HTML the way a reader sees it and knows nothing
of the indexer: the main content (prose, headings, tables and their row headers, the
project facts' values, key figures with their amounts and notes, milestones, risks,
chart captions, legends and category labels of the chart as drawn at full width, dates
as displayed, tags, people), leaving out navigation, breadcrumbs, the table of contents,
backlinks, related lists, a project's lists of its lessons and reviews, footers, closed
<details> (chart data), hidden text, column headers and facts labels and the build's
as-of day over a lesson's actions (the chrome every page of a kind repeats, which
README's "What a query matches" leaves out), and the numeric ticks of chart axes.

It then samples queries as people type them, each tagged with a kind:

  zh1..zh8       a random Chinese substring of 1-8 characters
  word           a whole Latin word, in other case
  plural         a Latin word with its -s added or dropped (README: lightly stemmed)
  words2/words3  two or three adjacent words (Chinese or Latin), spaced as shown
  unspaced       the same with the spaces dropped (`MES一期` for "MES 一期")
  number_unit    a number with its unit as shown (`12.7%`, `¥1,200,000`, `1,200 万`, `3 天`)
  unit_spaced    the same with the space between number and unit added or dropped
  date_shown     a date as displayed (`2024-03-05`, `2024年3月5日`)
  date_typed     the same day or month typed another way (`2024/3/5`, `2024年3月`)
  code_case      a code (`PRJ-2024-011`, `R-03`, `LL-2024-012`) in other case
  title_alt      a page's title with spacing/punctuation changed (its page must be 1st)
  figure         a key-figure label, amount or note of a project page
  chart          a chart caption, legend or category label
  person         a name shown on the page

Truth per query: the pages whose visible text holds it, after the folding README
promises (case, full-width forms, spaces between scripts and around punctuation
optional, whole words and whole numbers at Latin/digit edges; both forms of a plural;
every display form of a date). Reported per kind: recall (truth pages among all
results), exact-first (the results page starts with the pages holding the query's text
exactly, up to 20), title hit@1, and examples of each miss with the line it came from.

Not a test: it asserts nothing.

    python3 bench/reader_check.py PUBLIC [--per-kind 30] [--seed 5] [--out /dev/shm/reader]
"""

import argparse
import html.parser
import json
import random
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search as base  # noqa: E402  (fold, read_js)
from probe_search import holds, indexed_pages  # noqa: E402  (whole words and numbers at edges)

REPO = base.REPO
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
ALNUM = re.compile(r"[0-9a-z]")

SKIP_TAGS = {"script", "style", "template", "nav", "aside", "footer", "noscript", "button", "form", "dt",
             "thead", "desc", "title"}
SKIP_CLASSES = {"backlinks", "related-lessons", "toc", "breadcrumbs", "prevnext", "visually-hidden",
                "chart-data", "reading-time", "as-of"}
SKIP_LABELLED = {"lessons-title", "reviews-title", "backlinks-title", "related-lessons-title"}
BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "dd", "section", "article",
          "header", "ul", "ol", "table", "pre", "blockquote", "br", "dl", "figure", "figcaption", "text",
          "summary", "details", "small"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col"}
SVG_SHAPES = {"polyline", "circle", "rect", "line", "path", "polygon", "g", "ellipse"}
TICK = re.compile(r"[-+−]?[\d.,]+[%KMB]?|\d{4}-\d{2}(-\d{2})?")


class Reader(html.parser.HTMLParser):
    """The text a reader sees in <main>, one block a line, each line tagged with its zone."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, skip, zone)
        self.main = 0
        self.lines = []  # [zone, text]
        self.cur = None
        self.title = ""
        self.svg_seen = 0  # svgs in the current .chart-svg: only the first (full width) counts

    def zone(self):
        return self.stack[-1][2] if self.stack else "prose"

    def skipping(self):
        return bool(self.stack) and self.stack[-1][1]

    def flush(self):
        if self.cur is not None:
            text = re.sub(r"\s+", " ", "".join(self.cur[1])).strip()
            if text:
                if self.cur[0] == "chart" and (TICK.fullmatch(text) or text.endswith("…")):
                    pass  # an axis tick or a label cut to fit: not something to search for
                else:
                    self.lines.append([self.cur[0], text])
            self.cur = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in SVG_SHAPES and tag != "g":
            return
        if tag == "main":
            self.main += 1
        classes = set((a.get("class") or "").split())
        zone = self.zone()
        if tag in ("h1", "h2", "h3", "h4"):
            zone = "title" if tag == "h1" else "heading"
        elif "figures" in classes or "figure-list" in classes:
            zone = "figure"
        elif tag == "figcaption" or (tag == "svg"):
            zone = "chart"
        elif "facts" in classes:
            zone = "meta"
        elif tag in ("table",) and zone == "prose":
            zone = "table"
        elif "tag" in classes:
            zone = "tag"
        if "chart-svg" in classes:
            self.svg_seen = 0
        skip = (self.skipping() or tag in SKIP_TAGS or bool(classes & SKIP_CLASSES) or "hidden" in a
                or a.get("aria-hidden") == "true" or a.get("aria-labelledby") in SKIP_LABELLED
                or (tag == "th" and a.get("scope") == "col") or (tag == "details" and "open" not in a))
        if tag == "svg":
            self.svg_seen += 1
            skip = skip or self.svg_seen > 1
        if tag in BLOCKS or tag == "svg":
            self.flush()
        if tag in VOID:
            return
        self.stack.append((tag, skip, zone))

    def handle_endtag(self, tag):
        if tag in VOID or (tag in SVG_SHAPES and tag != "g"):
            return
        if tag in BLOCKS or tag == "svg":
            self.flush()
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break
        if tag == "main":
            self.main -= 1

    def handle_data(self, data):
        if not self.main or self.skipping():
            return
        if self.cur is None:
            self.cur = [self.zone(), []]
        self.cur[1].append(data)

    def close(self):
        super().close()
        self.flush()
        for z, t in self.lines:
            if z == "title":
                self.title = t
                break


def read_page(path):
    r = Reader()
    r.feed(path.read_text(encoding="utf-8"))
    r.close()
    return r.title, r.lines


# ---- folding, as README promises ----------------------------------------------------

def norm(text):
    """Folded (full-width, case), white space kept only between two Latin letters or
    digits; a space between a number and `%` dropped (README: `10 %` is `10%`)."""
    t = base.fold(text)
    t = re.sub(r"(\d)\s+%", r"\1%", t)
    return re.sub(r"\s+", lambda m: " " if (m.start() > 0 and m.end() < len(t) and ALNUM.match(t[m.start() - 1])
                                           and ALNUM.match(t[m.end()])) else "", t)


DAY = re.compile(r"(?<!\d)(\d{4})(?:-(\d{2})-(\d{2})|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)(?!\d)")
MONTH = re.compile(r"(?<![\d-])(\d{4})(?:-(\d{2})|\s*年\s*(\d{1,2})\s*月)(?![\d-]|\s*\d{1,2}\s*日)")


def dates_of(text):
    """Days and months a text displays, whatever the form: {(y, m, d)} and {(y, m)}."""
    days, months = set(), set()
    for m in DAY.finditer(text):
        y, mo, d = int(m[1]), int(m[2] or m[4]), int(m[3] or m[5])
        days.add((y, mo, d))
        months.add((y, mo))
    for m in MONTH.finditer(text):
        months.add((int(m[1]), int(m[2] or m[3])))
    return days, months


# ---- pages ----------------------------------------------------------------------------

def load(public):
    docs = []
    for url, page in indexed_pages(public):
        title, lines = read_page(page)
        text = "\n".join(t for _, t in lines)
        days, months = dates_of(text)
        docs.append({"url": url, "title": title, "lines": lines, "norm": norm(text), "days": days,
                     "months": months})
    return docs


# ---- queries --------------------------------------------------------------------------

FULL = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
NUM_UNIT = re.compile(r"(?:[¥$€£]\s?)?(?<![\d.,])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s?(?:%|万元|亿元|万|元|天|周|个月|人天|"
                      r"人|项|个|小时|USD|CNY|RMB|EUR))(?![A-Za-z])|[¥$€£]\s?\d{1,3}(?:,\d{3})*(?:\.\d+)?")
CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,5}(?:-[A-Z0-9]+)*-\d+(?:-\d+)*(?![A-Za-z0-9-])")
NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+ [A-Z][a-z]+(?![A-Za-z])")
TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9.+#-]*[A-Za-z0-9+#]|[A-Za-z]|[\u3400-\u4dbf\u4e00-\u9fff]+|\d[\d,.%]*")


def make(docs, rng, per_kind):
    out = []  # (kind, query, truth spec)

    def pick():
        return docs[rng.randrange(len(docs))]

    def lines_of(d, zones=None):
        return [t for z, t in d["lines"] if zones is None or z in zones]

    def draw(kind, cands, build):
        n = 0
        for _ in range(per_kind * 200):
            if n >= per_kind:
                return
            found = cands(pick())
            if found:
                q = build(rng.choice(found))
                if q:
                    out.append((kind,) + q)
                    n += 1

    for n in range(1, 9):
        def sub(run, n=n):
            s = rng.randrange(len(run) - n + 1)
            return run[s:s + n], ("text", run[s:s + n])
        draw(f"zh{n}", lambda d, n=n: [r for t in lines_of(d) for r in HAN.findall(t) if len(r) >= n], sub)

    def latin(d):
        return [w for t in lines_of(d) for w in re.findall(r"(?<![A-Za-z0-9-])[A-Za-z]{3,}(?![A-Za-z0-9-])", t)]

    def other_case(w):
        forms = [w.upper(), w.lower(), w.capitalize(), w.swapcase()]
        forms = [f for f in forms if f != w] or [w]
        return rng.choice(forms), ("text", w)
    draw("word", latin, other_case)

    def plural(w):
        lw = w.lower()
        if len(lw) < 4 or lw.endswith(("ss", "us", "is")):
            return None
        other = lw[:-1] if lw.endswith("s") else lw + "s"
        return other, ("family", [lw, other])
    draw("plural", latin, plural)

    def adjacent(k):
        def cands(d):
            res = []
            for t in lines_of(d):
                toks = [(m.start(), m.end()) for m in TOKEN.finditer(t)]
                for i in range(len(toks) - k + 1):
                    span = t[toks[i][0]:toks[i + k - 1][1]]
                    if len(span) <= 30 and re.search(r"\s", span):
                        res.append(span)
            return res
        return cands
    for k in (2, 3):
        draw(f"words{k}", adjacent(k), lambda s: (s, ("text", s)))
    # Spaces dropped; at least one space stood between a Latin word or number and Chinese
    # (between two Latin words it is part of the text).
    draw("unspaced", adjacent(2), lambda s: (re.sub(r"\s+", "", s), ("text", s))
         if not re.search(r"[A-Za-z0-9]\s+[A-Za-z0-9]", s) else None)

    def nums(d):
        return [m.group(0).strip() for t in lines_of(d) for m in NUM_UNIT.finditer(t)]
    draw("number_unit", nums, lambda s: (s, ("text", s)))

    def respace(s):
        m = re.fullmatch(r"([¥$€£]?)\s?([\d,.]+)(\s?)(.*)", s)
        if not m:
            return None
        cur, num, sp, unit = m.groups()
        if re.match(r"[A-Za-z]", unit):
            return None  # `2,507,000CNY` is one word, not the amount and its currency
        if unit:
            q = f"{cur}{num}{'' if sp else ' '}{unit}"
        else:
            q = f"{cur}{' ' if not s[1:2].isspace() else ''}{num}"
        return q, ("text", s)
    draw("unit_spaced", nums, respace)

    def shown_dates(d):
        return [m.group(0) for t in lines_of(d) for m in DAY.finditer(t)] + \
               [m.group(0) for t in lines_of(d) for m in MONTH.finditer(t)]
    def when(s):
        days, months = dates_of(s)
        return next(iter(days)) if days else next(iter(months))
    draw("date_shown", shown_dates, lambda s: (s, ("date", when(s))))

    def typed(s):
        w = when(s)
        if len(w) == 3:
            y, m, d = w
            q = rng.choice([f"{y}/{m}/{d}", f"{y}-{m}-{d}", f"{y}.{m}.{d}", f"{y}/{m:02d}/{d:02d}",
                            f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}"])
        else:
            y, m = w
            q = rng.choice([f"{y}年{m}月", f"{y}/{m}", f"{y}-{m:02d}", f"{y}.{m}", f"{y}年{m:02d}月"])
        return q, ("date", w)
    draw("date_typed", shown_dates, typed)

    def codes(d):
        return [c for t in lines_of(d) for c in CODE.findall(t)]
    draw("code_case", codes, lambda c: (c.lower() if rng.random() < 0.7 else c.capitalize(), ("text", c)))

    def title_alt(d):
        return [d["title"]] if d["title"] else []

    def retype(t):
        forms = [re.sub(r"[：:（）()·，,、\-—/]", " ", t), re.sub(r"\s+", "", t), t.upper(), t.lower(),
                 t.replace("：", ":").replace("（", "(").replace("）", ")"), re.sub(r"[（(].*?[）)]", "", t).strip()]
        return rng.choice(forms), ("title", t)
    draw("title_alt", title_alt, retype)
    draw("figure", lambda d: [t for t in lines_of(d, {"figure"}) if len(t) <= 40],
         lambda s: (s, ("text", s)))
    draw("chart", lambda d: lines_of(d, {"chart"}), lambda s: (s, ("text", s)))
    draw("person", lambda d: [n for t in lines_of(d) for n in NAME.findall(t)]
         + [v for v in lines_of(d, {"meta"}) if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", v)],
         lambda s: (s, ("text", s)))
    return out


def truth(docs, spec):
    """(pages that must be found, pages holding the exact text, which must come first)."""
    mode, arg = spec
    if mode == "family":
        forms = [norm(f) for f in arg]
        exact = {i for i, d in enumerate(docs) if holds(d["norm"], forms[1])}
        return {i for i, d in enumerate(docs) if any(holds(d["norm"], f) for f in forms)}, exact
    if mode == "date":
        key = "days" if len(arg) == 3 else "months"
        hit = {i for i, d in enumerate(docs) if arg in d[key]}
        return hit, hit
    if mode == "title":
        nq = norm(arg)
        hit = {i for i, d in enumerate(docs) if holds(d["norm"], nq)}
        return hit, hit
    nq = norm(arg).strip()
    hit = {i for i, d in enumerate(docs) if holds(d["norm"], nq)}
    return hit, hit


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("public", type=Path)
    ap.add_argument("--out", type=Path, default=Path("/dev/shm/reader-check"))
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--per-kind", type=int, default=30)
    ap.add_argument("--examples", type=int, default=5)
    ap.add_argument("--dump", type=Path, help="write each page's visible lines here (JSON) and stop")
    args = ap.parse_args()
    public = args.public.resolve()
    docs = load(public)
    if args.dump:
        args.dump.write_text(json.dumps([{"url": d["url"], "lines": d["lines"]} for d in docs], ensure_ascii=False,
                                        indent=0), encoding="utf-8")
        return
    rng = random.Random(args.seed)
    queries = make(docs, rng, args.per_kind)
    args.out.mkdir(parents=True, exist_ok=True)
    qfile = args.out / "queries.json"
    qfile.write_text(json.dumps([q for _, q, _ in queries], ensure_ascii=False), encoding="utf-8")
    node = subprocess.run(["node", str(REPO / "bench" / "probe_node.mjs"), str(public / "search"), str(qfile)],
                          capture_output=True, text=True)
    if node.returncode != 0:
        sys.exit(f"node failed:\n{node.stderr[-3000:]}")
    results = [json.loads(line) for line in node.stdout.splitlines()]
    stats = defaultdict(lambda: defaultdict(int))
    examples = defaultdict(list)
    for (kind, q, spec), res in zip(queries, results):
        s = stats[kind]
        s["queries"] += 1
        ex = examples[kind]
        if "error" in res:
            s["crashes"] += 1
            ex.append({"q": q, "error": res["error"][:200]})
            continue
        must, exact = truth(docs, spec)
        found = set(res["all"])
        lost = must - found
        s["expected"] += len(must)
        s["missed"] += len(lost)
        s["queries_missing"] += bool(lost)
        if lost and len(ex) < args.examples:
            d = docs[min(lost)]
            target = norm(spec[1] if isinstance(spec[1], str) else q)
            line = next(((z, t) for z, t in d["lines"] if target and target in norm(t)), ("", ""))
            ex.append({"q": q, "missed": len(lost), "of": len(must), "e.g.": d["url"], "zone": line[0],
                       "line": line[1][:90]})
        if spec[0] == "title":
            s["titles"] += 1
            first = res["page_titles"][0] if res["page_titles"] else ""
            if norm(first) == norm(spec[1]):
                s["title_hits"] += 1
            elif len(ex) < args.examples:
                ex.append({"q": q, "title": spec[1], "first": first})
        if exact and len(norm(q).strip()) >= 2:
            s["ordered_of"] += 1
            k = min(len(exact), len(res["page"]))
            if all(p in exact for p in res["page"][:k]):
                s["ordered"] += 1
            elif len(ex) < args.examples:
                ex.append({"q": q, "exact_pages": len(exact), "first_other_rank": next(
                    i for i, p in enumerate(res["page"][:k]) if p not in exact) + 1})
    report = {"site": str(args.public), "pages": len(docs), "queries": len(queries), "kinds": {}}
    tot = defaultdict(int)
    for kind, s in stats.items():
        r = {"queries": s["queries"],
             "recall_pct": round(100 * (1 - s["missed"] / s["expected"]), 2) if s["expected"] else None,
             "missed": f"{s['missed']}/{s['expected']} pages, {s['queries_missing']} queries",
             "exact_first": f"{s['ordered']}/{s['ordered_of']}"}
        if s["titles"]:
            r["title_hit1"] = f"{s['title_hits']}/{s['titles']}"
        if s["crashes"]:
            r["crashes"] = s["crashes"]
        r["examples"] = examples[kind]
        report["kinds"][kind] = r
        for key in ("expected", "missed", "ordered", "ordered_of"):
            tot[key] += s[key]
    report["recall_pct_all"] = round(100 * (1 - tot["missed"] / max(1, tot["expected"])), 3)
    report["exact_first_all"] = f"{tot['ordered']}/{tot['ordered_of']}"
    (args.out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
