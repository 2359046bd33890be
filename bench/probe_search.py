#!/usr/bin/env python3
"""Search quality against truth the index did not make: what each page SHOWS.

bench/relevance.py takes its truth from the text the index stores for excerpts, so it
cannot see what the index leaves out. This probe reads the built HTML instead: each
indexed page's main content as a reader sees it (inside <main>, without the navigation,
breadcrumbs, table of contents, previous/next links, backlinks, related lists and a
project's lists of its lessons and reviews, scripts, styles, SVG charts, closed <details>
(chart data), hidden and visually hidden elements, definition-list labels and table headers: the chrome
every page repeats), plus its title. It then makes queries of the kinds people type and
relevance.py does not (case and plural forms, full-width, traditional characters, dates
and money written other ways, partial codes, names, labels, sentences and headings
copied from a page, punctuation, decorations, emoji), seeded from the pages, runs the
real client under node (bench/probe_node.mjs) and reports per kind:

  - recall: truth pages found among all results (truth: the query's text in the page,
    after folding case and full-width forms, spaces optional except between two Latin
    letters or digits, whole words at Latin edges; per kind as documented in `truth`);
  - exact first: queries whose results page starts with every truth page (up to 20);
  - title hit@1 for queries that are a page's title written another way;
  - crashes: queries for which the client threw.

Not a test: nothing here asserts anything.

    python3 bench/probe_search.py PUBLIC [--out /dev/shm/probe] [--seed 11]
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
import search as base  # noqa: E402

REPO = base.REPO
CJK = base.CJK
ALNUM = re.compile(r"[0-9a-z]")

# Elements whose text is not a page's own content (see themes/default/templates).
SKIP_TAGS = {"script", "style", "template", "nav", "aside", "dt", "th", "noscript", "svg", "button", "form"}
SKIP_CLASSES = {"backlinks", "related-lessons", "reading-time", "toc", "as-of", "breadcrumbs", "prevnext",
                "visually-hidden", "chart-data"}
# Sections that list other pages (a project's lessons and reviews).
SKIP_LABELLED = {"lessons-title", "reviews-title", "backlinks-title", "related-lessons-title"}
BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "dd", "section", "article",
              "header", "ul", "ol", "table", "pre", "blockquote", "br", "dl", "figure", "figcaption"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source"}


class Visible(html.parser.HTMLParser):
    """The shown text of <main>, blocks on lines, with the h1 and h2s apart."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, skipping)
        self.in_main = 0
        self.out = []
        self.h1 = []
        self.h2s = []
        self.cur_h = None
        self.meta = []           # (dd text) values of the page's <dl class="page-meta">
        self.cur_dd = None

    def skipping(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self.in_main += 1
        classes = set((a.get("class") or "").split())
        skip = self.skipping() or tag in SKIP_TAGS or bool(classes & SKIP_CLASSES) \
            or "hidden" in a or a.get("aria-hidden") == "true" or a.get("aria-labelledby") in SKIP_LABELLED \
            or (tag == "details" and "open" not in a)
        if tag in BLOCK_TAGS:
            self.out.append("\n")
        if tag in VOID:
            return
        self.stack.append((tag, skip))
        if not skip and self.in_main:
            if tag == "h1":
                self.cur_h = ("h1", [])
            elif tag == "h2":
                self.cur_h = ("h2", [])
            elif tag == "dd":
                self.cur_dd = []

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag in ("h1", "h2") and self.cur_h and self.cur_h[0] == tag:
            (self.h1 if tag == "h1" else self.h2s).append("".join(self.cur_h[1]).strip())
            self.cur_h = None
        if tag == "dd" and self.cur_dd is not None:
            self.meta.append("".join(self.cur_dd).strip())
            self.cur_dd = None
        if tag == "main":
            self.in_main -= 1
        if tag in BLOCK_TAGS:
            self.out.append("\n")

    def handle_data(self, data):
        if self.in_main and not self.skipping():
            self.out.append(data)
            if self.cur_h:
                self.cur_h[1].append(data)
            if self.cur_dd is not None:
                self.cur_dd.append(data)


def visible(path):
    p = Visible()
    p.feed(path.read_text(encoding="utf-8"))
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(p.out))
    text = re.sub(r"\s*\n\s*", "\n", text).strip()
    return text, (p.h1[0] if p.h1 else ""), p.h2s, [m for m in p.meta if m]


def norm(text):
    """Folded (full-width, case) with white space kept only between two Latin letters or
    digits, as one space: spacing around CJK and punctuation is the writer's whim."""
    t = base.fold(text)
    return re.sub(r"\s+", lambda m: " " if (m.start() > 0 and m.end() < len(t) and ALNUM.match(t[m.start() - 1])
                                           and ALNUM.match(t[m.end()])) else "", t)


def holds(ntext, nq):
    """Whether normalized text holds normalized query nq, whole words at Latin edges (and
    whole numbers: 500,000 is not in 3,500,000)."""
    if not nq:
        return False
    at = ntext.find(nq)
    while at >= 0:
        end = at + len(nq)
        ok_l = not (ALNUM.match(nq[0]) and at > 0 and (ALNUM.match(ntext[at - 1]) or (
            nq[0].isdigit() and at > 1 and ntext[at - 1] in ",." and ntext[at - 2].isdigit())))
        ok_r = not (ALNUM.match(nq[-1]) and end < len(ntext) and (ALNUM.match(ntext[end]) or (
            nq[-1].isdigit() and end + 1 < len(ntext) and ntext[end] in ",." and ntext[end + 1].isdigit())))
        if ok_l and ok_r:
            return True
        at = ntext.find(nq, at + 1)
    return False


def holds_prefix(ntext, nq):
    """Holds nq starting at a word start (a partly typed code)."""
    return re.search(r"(?<![0-9a-z])" + re.escape(nq), ntext) is not None


DATE = re.compile(r"(?<!\d)(\d{4})(?:[-/.]|年)\s*(\d{1,2})(?:月|(?=[-/.]\d)|(?!\d))")


def months(text):
    return {(int(y), int(m)) for y, m in DATE.findall(text) if 1 <= int(m) <= 12}


def indexed_pages(public):
    """(url, HTML file) of every page the index holds, in document order."""
    search = public / "search"
    meta = base.read_js(search / "meta.js")
    urls = []
    k = 0
    while len(urls) < meta["n"]:
        urls += [row[0] for row in base.read_js(search / "d" / f"{k}.js")]
        k += 1
    return [(url, public / url / "index.html" if (url == "" or url.endswith("/")) else public / url) for url in urls]


def load(public):
    docs = []
    for url, page in indexed_pages(public):
        text, h1, h2s, meta_values = visible(page)
        docs.append({"url": url, "title": h1, "text": text, "norm": norm(text), "h2": h2s, "meta": meta_values,
                     "months": months(text)})
    return docs


def s2t_table(public):
    pairs = base.read_js(public / "search" / "t2s.js")
    out = {}
    for i in range(0, len(pairs) - 1, 2):
        t, s = pairs[i], pairs[i + 1]
        if t != s:
            out.setdefault(s, t)
    return out


FULL = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}

HAND = {
    "punct": ["成本/进度", "A&B", "C++", "e-mail", "ISO 9001", "RACI 矩阵", "issue log", "stage gate",
              "go-live", "kick-off", "SLA 条款", "成本、进度", "(CPI)", "CPI)", "work package。"],
    "emoji": ["🚀", "★", "→", "😀风险", "风险🚀", "👍🏽", "\u200b", "\u0301", "☃️", "𠀀", "\ufffd", "⚠️ 延期"],
    "status": ["红", "红灯", "red", "Red", "green", "绿", "黄", "amber", "延期", "已关闭", "关闭", "进行中",
               "active", "closed", "已完成", "on hold", "暂停"],
}


def make_queries(docs, rng, s2t):
    """(kind, query, truth-mode, extra) tuples."""
    out = []

    def pick():
        return docs[rng.randrange(len(docs))]

    def add(kind, q, mode="exact", extra=None):
        out.append((kind, q, mode, extra))

    def count(kind):
        return sum(1 for o in out if o[0] == kind)

    def latin_words(t, pat=r"[A-Za-z]{4,}"):
        return [w for w in re.findall(r"(?<![A-Za-z0-9])" + pat + r"(?![A-Za-z0-9])", t)]

    def draw(kind, n, cands, make=None):
        """Adds n queries of a kind, each made from one of cands(page) of a random page."""
        for _ in range(10000):
            if count(kind) >= n:
                return
            found = cands(pick())
            if found:
                c = rng.choice(found)
                if make:
                    make(c)
                else:
                    add(kind, c)

    draw("en_case", 30, lambda d: latin_words(d["text"]),
         lambda w: add("en_case", [w.upper(), w.capitalize(), w.lower(), w.swapcase()][count("en_case") % 4]))

    def plural(w):
        w = w.lower()
        other = w[:-1] if w.endswith("s") and not w.endswith("ss") else w + "s"
        add("en_plural", other.capitalize() if rng.random() < 0.3 else other, "word_family", w)
    draw("en_plural", 30, lambda d: latin_words(d["text"], r"[a-z]{4,}"), plural)
    draw("en_ing", 15, lambda d: latin_words(d["text"], r"[a-z]{3,}ing"))
    draw("fullwidth", 25, lambda d: re.findall(
        r"(?<![A-Za-z0-9])(?:[A-Z]{2,}|\d{4}|\d+%|[A-Za-z]+-\d{4}-\d{3})(?![A-Za-z0-9])", d["text"]),
        lambda c: add("fullwidth", "".join(FULL.get(x, x) for x in c)))

    def trad(r):
        n = rng.randint(2, min(4, len(r)))
        s = rng.randrange(len(r) - n + 1)
        q = r[s:s + n]
        tq = "".join(s2t.get(c, c) for c in q)
        if tq != q:
            add("trad", tq, "exact", q)
    draw("trad", 30, lambda d: [r for r in CJK.findall(d["text"]) if len(r) >= 2], trad)

    def date(ym):
        y, m = ym
        form = [f"{y}年{m}月", f"{y}/{m:02d}", f"{y}.{m:02d}", f"{y}年{m:02d}月", f"{y}/{m}", f"{y}-{m}"]
        add("date_alt", form[count("date_alt") % 6], "month", (y, m))
    draw("date_alt", 30, lambda d: sorted(d["months"]), date)
    draw("money", 20, lambda d: [c.strip() for c in re.findall(
        r"[¥$€]\s?\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?\s?(?:元|万元|万)?", d["text"])])
    draw("percent_space", 15, lambda d: re.findall(r"(?<![\d.])(\d+(?:\.\d+)?)%", d["text"]),
         lambda p: add("percent_space", f"{p} %", "exact", f"{p}%"))

    def partial(abc):
        a, b, c = abc
        i = count("code_partial") % 3
        if i == 0:
            add("code_partial", f"{a}-{b}", "prefix")
        elif i == 1:
            add("code_partial", f"{a}-{b}-{c}".lower())
        else:
            add("code_partial", f"{a.lower()}-{b}-{c[:2]}", "prefix")
    draw("code_partial", 25, lambda d: re.findall(r"(?<![A-Za-z0-9])([A-Z]{2,4})-(\d{4})-(\d{3})(?![0-9])", d["text"]),
         partial)
    # Metadata values as shown: names, departments, projects, statuses, tags, categories, phases.
    draw("meta", 40, lambda d: [v for v in d["meta"] if 2 <= len(v) <= 40
                                and not re.fullmatch(r"[\d\s\-./年月日,:%]+", v)],
         lambda v: add("meta", rng.choice([x for x in re.split(r"\s*#", v) if x.strip()] or [v]).strip()))
    # Names: "Carol Wang" style and Chinese names with a title in brackets.
    draw("names", 20, lambda d: re.findall(r"[A-Z][a-z]+ [A-Z][a-z]+", d["text"])
         + re.findall(r"([\u4e00-\u9fff]{2,3})（", d["text"]))
    draw("sentence", 30, lambda d: [x.strip() for x in re.split(r"(?<=[。！？])|(?<=[.!?])\s+|\n", d["text"])
                                    if 12 <= len(x.strip()) <= 80])
    draw("heading", 20, lambda d: [h for h in d["h2"] if h])
    # Titles written another way: punctuation dropped or spaced, upper case.
    for i in range(20):
        t = pick()["title"]
        v = [re.sub(r"[：:（）()·，,]", " ", t), t.upper(), " " + t + " ", t.replace("：", ":")][i % 4]
        add("title_alt", v, "title", t)
    draw("zh1", 20, lambda d: CJK.findall(d["text"]), lambda r: add("zh1", rng.choice(r)))

    def long(t):
        s = rng.randrange(len(t) - 150)
        add("long", t[s:s + rng.randint(100, 150)])
    draw("long", 10, lambda d: [d["text"].replace("\n", " ")] if len(d["text"]) > 200 else [], long)

    def decorated(r):
        q = r[:rng.randint(2, min(4, len(r)))]
        d = ["  {} ", "{}。", "“{}”", "{}?", "「{}」", "#{}", "{}…", "({})", "{},", "【{}】"][count("decorated") % 10]
        add("decorated", d.format(q), "exact", q)
    draw("decorated", 20, lambda d: [r for r in CJK.findall(d["text"]) if len(r) >= 2], decorated)
    for kind, qs in HAND.items():
        for q in qs:
            add(kind, q)
    return out


def truth(docs, kind, q, mode, extra):
    if kind == "emoji" and not CJK.search(q) and not re.search(r"[0-9A-Za-z]", q):
        return set()
    if mode == "month":
        return {i for i, d in enumerate(docs) if extra in d["months"]}
    if mode == "prefix":
        nq = norm(q)
        return {i for i, d in enumerate(docs) if holds_prefix(d["norm"], nq)}
    if mode == "word_family":
        forms = {norm(q), norm(extra)}
        return {i for i, d in enumerate(docs) if holds(d["norm"], norm(q))}, \
            {i for i, d in enumerate(docs) if any(holds(d["norm"], f) for f in forms)}
    if mode == "title":
        nq = norm(extra)
        return {i for i, d in enumerate(docs) if holds(d["norm"], nq)}
    target = extra if isinstance(extra, str) else q
    if kind == "emoji":
        target = re.sub(r"[^\w\s]", "", q)
    nq = norm(target).strip()
    return {i for i, d in enumerate(docs) if holds(d["norm"], nq)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("public", type=Path)
    ap.add_argument("--out", type=Path, default=Path("/dev/shm/probe"))
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--examples", type=int, default=4)
    args = ap.parse_args()
    public = args.public.resolve()
    docs = load(public)
    rng = random.Random(args.seed)
    queries = make_queries(docs, rng, s2t_table(public))
    args.out.mkdir(parents=True, exist_ok=True)
    qfile = args.out / "probe_queries.json"
    qfile.write_text(json.dumps([q for _, q, _, _ in queries], ensure_ascii=False), encoding="utf-8")
    node = subprocess.run(["node", str(REPO / "bench" / "probe_node.mjs"), str(public / "search"), str(qfile)],
                          capture_output=True, text=True)
    if node.returncode != 0:
        sys.exit(f"node failed:\n{node.stderr[-3000:]}")
    results = [json.loads(line) for line in node.stdout.splitlines()]
    stats = defaultdict(lambda: {"queries": 0, "expected": 0, "missed": 0, "family_expected": 0, "family_missed": 0,
                                 "ordered": 0, "ordered_of": 0, "title_hits": 0, "titles": 0, "crashes": 0,
                                 "examples": []})
    for (kind, q, mode, extra), res in zip(queries, results):
        s = stats[kind]
        s["queries"] += 1
        if "error" in res:
            s["crashes"] += 1
            s["examples"].append({"q": q, "error": res["error"][:200]})
            continue
        t = truth(docs, kind, q, mode, extra)
        if isinstance(t, tuple):
            t, fam = t
            s["family_expected"] += len(fam)
            s["family_missed"] += len(fam - set(res["all"]))
        found = set(res["all"])
        lost = t - found
        s["expected"] += len(t)
        s["missed"] += len(lost)
        if lost and len(s["examples"]) < args.examples:
            d = docs[min(lost)]
            nq = norm(q if not isinstance(extra, str) else extra)
            line = next((ln for ln in d["text"].split("\n") if nq and nq in norm(ln)), "")
            s["examples"].append({"q": q, "missed": len(lost), "of": len(t), "e.g.": d["url"], "line": line[:80]})
        if mode == "title":
            s["titles"] += 1
            first = res["page_titles"][0] if res["page_titles"] else ""
            if norm(first) == norm(extra):
                s["title_hits"] += 1
            elif len(s["examples"]) < args.examples:
                s["examples"].append({"q": q, "first": first})
        if t and len(norm(q).strip()) >= 2:
            s["ordered_of"] += 1
            k = min(len(t), len(res["page"]))
            if all(d in t for d in res["page"][:k]):
                s["ordered"] += 1
            elif len(s["examples"]) < args.examples:
                s["examples"].append({"q": q, "exact_pages": len(t), "first_other_rank": next(
                    i for i, d in enumerate(res["page"][:k]) if d not in t) + 1})
    report = {"pages": len(docs), "queries": len(queries), "kinds": {}}
    tot_e = tot_m = 0
    for kind, s in stats.items():
        r = {"queries": s["queries"], "recall_pct": round(100 * (1 - s["missed"] / s["expected"]), 2)
             if s["expected"] else None, "expected": s["expected"], "missed": s["missed"],
             "exact_first": f"{s['ordered']}/{s['ordered_of']}", "crashes": s["crashes"]}
        if s["family_expected"]:
            r["family_recall_pct"] = round(100 * (1 - s["family_missed"] / s["family_expected"]), 2)
        if s["titles"]:
            r["title_hit1"] = f"{s['title_hits']}/{s['titles']}"
        r["examples"] = s["examples"]
        report["kinds"][kind] = r
        tot_e += s["expected"]
        tot_m += s["missed"]
    report["recall_pct_all"] = round(100 * (1 - tot_m / max(1, tot_e)), 3)
    (args.out / "probe_report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
