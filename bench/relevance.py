#!/usr/bin/env python3
"""Issue 14's budgets and relevance figures on the generated benchmark corpus.

Builds the corpus with the release binary, with search on and off (alternating runs,
output on tmpfs), makes >= 300 queries of its own from the pages (seeded, so the same
every run), runs the real client under node (bench/relevance_node.mjs) and reports:

  - build: wall time with and without search, the index's share of the build
    ((with - without) / with), pmo's own index stage time, peak RSS;
  - first query, gzip-compressed: the header box (8 results) and the results page
    (20 results), median, p95 and max over all queries;
  - recall against exact-substring truth (numbers and codes: as whole tokens; English
    words: whole words, the last one as a prefix), and for unspaced multi-word Chinese
    queries the share of the pages holding every word that are found;
  - exact before apart: the share of multi-character Chinese and mixed queries whose
    results page starts
    with every page holding the query's exact text (up to 20) before any that does not;
  - what a first query costs whatever the machine's load, in the header box and on the
    results page (median, p95, max, the costliest queries, and each query's in
    <out>/costs.jsonl): files loaded, rounds of requests waited for one after another,
    bytes gzip-compressed and as parsed, postings decoded, candidates scored;
  - title hit@1: queries that are a page's title (as written, lowercased, or without
    spaces) whose first result has that title;
  - the same queries timed in headless Chromium (bench/search.py's page), over http://
    (Python's stdlib server, HTTP/1.0, and bench/static_server.mjs, HTTP/1.1 kept alive
    as a web server serves a portal) and file://: cold (empty cache, as the header box
    asks) and warm, with the load average before and after (--skip-browser leaves them
    out).

Truth is each page's text as the index stores it for excerpts (title, prose, and the
words the page shows besides: summary, tables, milestones, risks) plus its front
matter's code, id and date. Not a test: nothing here asserts a time. Stdlib, node.

    python3 bench/relevance.py                      # 10,000 pages, 300 projects
    python3 bench/relevance.py --corpus /dev/shm/c10k --runs 3
"""

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search as base  # noqa: E402  (bench/search.py: timing, copies, reading the index)

REPO = base.REPO
CJK = base.CJK
CODE = re.compile(r"(?<![0-9A-Za-z])(?:[A-Za-z]+-\d{4}-\d{3}|\d{4}-\d{2}(?:-\d{2})?|\d+\.\d+%?|\d+%|\d{1,3}(?:,\d{3})+)(?![0-9A-Za-z%])")
# The two words each unspaced multi-word query was made of.
WORD_PARTS = {}
LATIN_CJK = re.compile(r"([A-Za-z]{3,}) ?([\u4e00-\u9fff]{2,4})")


def squeeze(text):
    return re.sub(r"\s+", "", base.fold(text))


def front_matter(path):
    """The code, id and date values of a page's front matter."""
    text = path.read_text(encoding="utf-8")
    head = text[3:].split("\n---", 1)[0] if text.startswith("---") else ""
    return " ".join(m.group(2).strip().strip('"') for m in
                    re.finditer(r"(?m)^(code|id|date):(.*)$", head))


def load_docs(search_dir, content):
    """Per document: url, title, and its truth text (folded)."""
    meta = base.read_js(search_dir / "meta.js")
    docs = []
    for d in range(meta["n"]):
        # The blocks joined as cut (each cut follows its line break), then the words the
        # page shows besides its prose.
        block = base.read_js(search_dir / "x" / f"{d}-0.js")
        url, title, prose = block[0], block[1], block[5]
        shown = block[6] if len(block) > 6 else ""
        b = 1
        while (search_dir / "x" / f"{d}-{b}.js").exists():
            prose += base.read_js(search_dir / "x" / f"{d}-{b}.js")
            b += 1
        parts = [prose, shown]
        src = content / (url.rstrip("/") + ".md")
        if not src.exists():
            src = content / url / "index.md"
        extra = front_matter(src) if src.exists() else ""
        docs.append({"url": url, "title": title, "text": base.fold("\n".join(parts) + "\n" + extra)})
    return docs


def make_queries(docs, rng):
    """(kind, query) pairs: Chinese 1-8 characters, unspaced multi-word, mixed,
    numbers, codes, titles, English words."""
    texts = [d["text"] for d in docs]
    out = []

    def some_doc():
        return texts[rng.randrange(len(texts))]

    def runs_of(t, n):
        return [r for r in CJK.findall(t) if len(r) >= n]

    while len([q for q in out if q[0] == "zh"]) < 70:
        n = rng.randint(1, 8)
        runs = runs_of(some_doc(), n)
        if runs:
            r = rng.choice(runs)
            s = rng.randrange(len(r) - n + 1)
            out.append(("zh", r[s:s + n]))
    while len([q for q in out if q[0] == "words"]) < 50:
        runs = runs_of(some_doc(), 2)
        if len(runs) >= 2:
            a, b = rng.sample(runs, 2)
            wa, wb = a[:rng.randint(2, min(3, len(a)))], b[-rng.randint(2, min(3, len(b))):]
            WORD_PARTS[wa + wb] = (wa, wb)
            out.append(("words", wa + wb))
    while len([q for q in out if q[0] == "mixed"]) < 40:
        found = LATIN_CJK.findall(some_doc())
        if found:
            w, c = rng.choice(found)
            out.append(("mixed", f"{w} {c}"))
    for _ in range(100_000):
        if len([q for q in out if q[0] in ("number", "code")]) >= 70:
            break
        found = CODE.findall(some_doc())
        if found:
            q = rng.choice(found)
            kind = "number" if re.fullmatch(r"[\d.,%]+", q) else "code"
            if sum(1 for k, _ in out if k == kind) < 35:
                out.append((kind, q))
    for i in range(60):
        t = docs[rng.randrange(len(docs))]["title"]
        # Chinese titles are also typed without their spaces (`ERP系统升级`).
        squeezed = re.sub(r"\s+", "", t) if CJK.search(t) else t.lower()
        out.append(("title", [t, t.lower(), squeezed][i % 3]))
    while len([q for q in out if q[0] == "english"]) < 20:
        words = [w for w in base.words_of(some_doc()) if re.fullmatch(r"[a-z]{4,}", w)]
        if words:
            out.append(("english", rng.choice(words) + " "))
    return out


def truth(kind, q, docs):
    """(pages holding the query's exact text, pages holding all its parts)."""
    qf = base.fold(q).strip()
    if kind in ("number", "code"):
        # Whole numbers: 6% is not in 14.6%, nor 500 in 1,500.
        pat = re.compile(r"(?<![0-9a-z])(?<![0-9][.,])" + re.escape(qf) + r"(?![0-9a-z%])(?![.,][0-9])")
        exact = {i for i, d in enumerate(docs) if pat.search(d["text"])}
        return exact, exact
    if kind == "english":
        pat = re.compile(r"(?<![0-9a-z])" + re.escape(qf) + r"(?![0-9a-z])")
        exact = {i for i, d in enumerate(docs) if pat.search(d["text"])}
        return exact, exact
    # The query's spaces may be there or not (`ERP 上线`, `ERP上线`); no line break.
    pat = re.compile(r"[ \t]*".join(re.escape(p) for p in qf.split()))
    exact = {i for i, d in enumerate(docs) if pat.search(d["text"])}
    return exact, exact


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--projects", type=int, default=300)
    ap.add_argument("--corpus", type=Path, help="an existing generated site (default: generate one)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "pmo-bench")
    ap.add_argument("--out", type=Path, default=Path("/dev/shm/pmo-relevance-bench"))
    ap.add_argument("--skip-browser", action="store_true", help="leave out the Chromium timings")
    ap.add_argument("--built", type=Path, nargs=2, metavar=("SITE", "PUBLIC"),
                    help="measure relevance only, on a site already built into PUBLIC")
    args = ap.parse_args()
    report = {}
    if args.built:
        site, public = (p.resolve() for p in args.built)
        queries = relevance(report, public / "search", site / "content", args)
        if not args.skip_browser:
            browser(report, public, queries)
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    # Where cargo put it: CARGO_TARGET_DIR when set, as cargo itself reads it.
    pmo = str(Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target") / "release" / "pmo")
    source = args.corpus
    tag = f"{args.pages}-{args.projects}"
    if source is None:
        source = args.work / f"pmo-{tag}"
        if not source.exists():
            subprocess.run([sys.executable, str(base.DEFAULT_GEN), "--pages", str(args.pages), "--projects",
                            str(args.projects), "--out", str(source), "--layout", "pmo"],
                           check=True, stdout=subprocess.DEVNULL)
    source = source.resolve()
    on_site, off_site = args.work / f"rel-on-{source.name}", args.work / f"rel-off-{source.name}"
    base.with_search(source, on_site, True)
    base.with_search(source, off_site, False)
    out_on, out_off = args.out / "on", args.out / "off"
    clear_work(args.out)

    on_t, off_t, rss_on, rss_off, stage, digests = [], [], [], [], [], set()
    for _ in range(args.runs):
        t, r, _ = base.timed([pmo, "--root", str(off_site), "build", "--output", str(out_off)])
        off_t.append(t)
        rss_off.append(r)
        t, r, text = base.timed([pmo, "--root", str(on_site), "build", "--output", str(out_on)])
        on_t.append(t)
        rss_on.append(r)
        m = re.search(r"index (\d+) ms", text)
        stage.append(int(m.group(1)) if m else 0)
        digests.add(base.tree_digest(out_on / "search"))
    on, off = statistics.median(on_t), statistics.median(off_t)
    search_dir = out_on / "search"
    files = list(search_dir.rglob("*.js"))
    report["build"] = {
        "runs": args.runs, "with_search_s": on, "without_search_s": off,
        "index_share_pct": round(100 * (on - off) / on, 1),
        "index_stage_ms_median": statistics.median(stage),
        "index_stage_share_pct": round(100 * statistics.median(stage) / 1000 / on, 1),
        "peak_rss_mib_with": round(max(rss_on)), "peak_rss_mib_without": round(max(rss_off)),
        "index_files": len(files), "index_mb": round(sum(p.stat().st_size for p in files) / 1e6, 1),
        "deterministic": len(digests) == 1,
    }

    queries = relevance(report, search_dir, on_site / "content", args)
    if not args.skip_browser:
        browser(report, out_on, queries)
    print(json.dumps(report, indent=2, ensure_ascii=False))


def clear_work(out):
    """Empties this script's own outputs in its work folder (the two builds and the
    queries), nothing else there: a folder kept from an earlier run may hold files pmo
    did not write (an interrupted run's timing page), and pmo rightly refuses to build
    over a public/ folder with files added by hand."""
    out.mkdir(parents=True, exist_ok=True)
    for name in ("on", "off"):
        shutil.rmtree(out / name, ignore_errors=True)
    for name in ("queries.json", "costs.jsonl"):
        (out / name).unlink(missing_ok=True)


def browser(report, public, queries):
    """Cold and warm query times in headless Chromium over http:// and file://
    (bench/search.py's page), with the machine's load average before and after: the
    figures mean something only on an idle machine."""
    chromium = next((c for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None)
    if not chromium:
        report["browser_ms"] = "no chromium on the PATH"
        return
    for mode in ("http", "http_keepalive", "file"):
        load_before = os.getloadavg()[0]
        lat = base.browser_latency(public, [q for _, q in queries], chromium, mode == "file",
                                   keepalive=mode == "http_keepalive")
        report[f"browser_ms_{mode}"] = {
            "queries": len(lat["cold"]),
            "cold_median": round(statistics.median(lat["cold"]), 1),
            "cold_p95": round(base.pct(lat["cold"], 95), 1),
            "cold_max": round(max(lat["cold"]), 1),
            "warm_p95": round(base.pct(lat["warm"], 95), 1),
            "page_with_facets_p95": round(base.pct(lat["page"], 95), 1),
            "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        }


COSTS = ("files", "rounds", "gz", "raw", "postings", "candidates")


def cost_summary(queries, results, per_query):
    """What a first query costs whatever the machine's load (bench/client.mjs): files
    loaded, rounds of requests waited for one after another, bytes gzip-compressed and as
    parsed, postings decoded, candidates scored; median, p95 and max in the header box
    and on the results page, the queries costing most, and every query's costs in
    `per_query` (a JSON line each)."""
    with per_query.open("w", encoding="utf-8") as f:
        for (kind, q), r in zip(queries, results):
            f.write(json.dumps({"q": q, "kind": kind, "header": r["header_cost"], "page": r["page_cost"]},
                               ensure_ascii=False) + "\n")
    out = {"per_query": str(per_query)}
    for view in ("header", "page"):
        rows = [r[view + "_cost"] for r in results]
        out[view] = {k: {"median": statistics.median(x[k] for x in rows), "p95": base.pct([x[k] for x in rows], 95),
                         "max": max(x[k] for x in rows)} for k in COSTS}
    # The header box's most costly queries, by rounds then bytes parsed.
    worst = sorted(zip(queries, results), key=lambda qr: (-qr[1]["header_cost"]["rounds"],
                                                          -qr[1]["header_cost"]["raw"]))
    out["header_most_rounds"] = [dict(q=q, **r["header_cost"]) for (_, q), r in worst[:8]]
    worst = sorted(zip(queries, results), key=lambda qr: -qr[1]["header_cost"]["raw"])
    out["header_most_parsed"] = [dict(q=q, **r["header_cost"]) for (_, q), r in worst[:8]]
    return out


def relevance(report, search_dir, content, args):
    """Makes the queries, runs them under node and adds the figures to `report`."""
    docs = load_docs(search_dir, content)
    rng = random.Random(args.seed)
    queries = make_queries(docs, rng)
    args.out.mkdir(parents=True, exist_ok=True)
    qfile = args.out / "queries.json"
    qfile.write_text(json.dumps([q for _, q in queries], ensure_ascii=False), encoding="utf-8")
    node = subprocess.run(["node", str(REPO / "bench" / "relevance_node.mjs"), str(search_dir), str(qfile)],
                          capture_output=True, text=True)
    if node.returncode != 0:
        sys.exit(f"node failed:\n{node.stderr[-3000:]}")
    results = [json.loads(line) for line in node.stdout.splitlines()]

    expected = missed = 0
    words_expected = words_found = 0
    ordered = ordered_total = 0
    title_hits = titles = 0
    misses, disorder, title_misses = [], [], []
    for (kind, q), res in zip(queries, results):
        found = set(res["all"])
        if kind == "title":
            titles += 1
            top = res["page_titles"][0] if res["page_titles"] else ""
            if squeeze(top) == squeeze(q) or re.sub(r"[^\w]", "", squeeze(top)) == re.sub(r"[^\w]", "", squeeze(q)):
                title_hits += 1
            else:
                title_misses.append({"q": q, "first": top})
            continue
        exact, _ = truth(kind, q, docs)
        lost = exact - found
        expected += len(exact)
        missed += len(lost)
        if lost:
            misses.append({"q": q, "kind": kind, "missed": len(lost), "of": len(exact)})
        multi = len(squeeze(q)) >= 2 and kind in ("zh", "words", "mixed")
        if multi and exact:
            ordered_total += 1
            k = min(len(exact), len(res["page"]))
            if all(d in exact for d in res["page"][:k]):
                ordered += 1
            else:
                disorder.append({"q": q, "exact_pages": len(exact),
                                 "first_apart_rank": next(i for i, d in enumerate(res["page"][:k]) if d not in exact) + 1})
    # Unspaced multi-word queries: the pages holding both words the query was made of.
    for (kind, q), res in zip(queries, results):
        if kind == "words":
            a, b = WORD_PARTS[q]
            holders = {i for i, d in enumerate(docs) if a in d["text"] and b in d["text"]}
            words_expected += len(holders)
            words_found += len(holders & set(res["all"]))
    gz = {v: [r[v + "_gz"] / 1024 for r in results] for v in ("header", "page")}
    for v, kb in gz.items():
        worst = max(zip(kb, (q for _, q in queries)))
        report[f"first_query_kb_gz_{v}"] = {"median": round(statistics.median(kb), 1),
                                            "p95": round(base.pct(kb, 95), 1), "max": round(worst[0], 1),
                                            "worst_query": worst[1]}
    # The largest first query of each kind of query (results page).
    report["first_query_kb_gz_page_max_by_kind"] = {
        k: round(max(r["page_gz"] for (kk, _), r in zip(queries, results) if kk == k) / 1024, 1)
        for k in ("zh", "words", "mixed", "number", "code", "title", "english")}
    short = [r["page_gz"] / 1024 for (k, q), r in zip(queries, results)
             if k != "title" and len(squeeze(q)) <= 6]
    report["first_query_kb_gz_page_up_to_6_chars"] = {
        "queries": len(short), "median": round(statistics.median(short), 1),
        "p95": round(base.pct(short, 95), 1), "max": round(max(short), 1)}
    report["first_query_cost"] = cost_summary(queries, results, args.out / "costs.jsonl")
    report["queries"] = {k: sum(1 for kk, _ in queries if kk == k) for k in
                         ("zh", "words", "mixed", "number", "code", "title", "english")}
    report["queries"]["total"] = len(queries)
    report["recall_exact_pct"] = round(100 * (1 - missed / max(1, expected)), 3)
    report["recall_detail"] = {"expected_hits": expected, "missed": missed, "examples": misses[:5]}
    report["words_recall_pct"] = round(100 * words_found / max(1, words_expected), 2)
    report["exact_before_apart_pct"] = round(100 * ordered / max(1, ordered_total), 1)
    report["exact_before_apart_detail"] = {"queries": ordered_total, "examples": disorder[:8]}
    report["title_hit_at_1"] = round(title_hits / max(1, titles), 3)
    report["title_misses"] = title_misses[:5]
    return queries


if __name__ == "__main__":
    main()
