#!/usr/bin/env python3
"""Relevance on the bundled sample portal of queries typed as its readers type them.

bench/sample_queries.json holds 500 queries (questions, half-remembered titles, traditional
characters, English for Chinese pages and the other way round, codes, dates, quarters,
names, statuses, typos), each with the pages that should come first, judged by reading
the pages: any of them first is a hit. Prints each query's first three results, then
hit@1, top-3 and found (in the first 20) over the set. Not a test: some queries miss.

    pmo build --root . --output /tmp/sample-public
    python3 bench/sample_relevance.py /tmp/sample-public
"""

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: bench/sample_relevance.py <the built sample portal's public folder>")
    cases = json.loads((REPO / "bench" / "sample_queries.json").read_text(encoding="utf-8"))
    queries = [{"q": c["q"], "limit": 20} for c in cases]
    out = subprocess.run(["node", str(REPO / "tests" / "search_client.mjs"), str(Path(sys.argv[1]) / "search"),
                          json.dumps(queries)], capture_output=True, text=True, check=True)
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    hit = top3 = found = 0
    for case, res in zip(cases, answers):
        urls = [r["url"] for r in res.get("results", [])]
        want = set(case["first"])
        first, three, any_ = bool(urls) and urls[0] in want, bool(want & set(urls[:3])), bool(want & set(urls))
        hit, top3, found = hit + first, top3 + three, found + any_
        mark = "ok" if first else "top3" if three else "found" if any_ else "MISS"
        print(f"{mark:5} {case['q']} -> {urls[:3]}")
    n = len(cases)
    print(f"{n} queries: hit@1 {hit} ({hit / n:.1%}), top-3 {top3} ({top3 / n:.1%}), found {found} ({found / n:.1%})")


if __name__ == "__main__":
    main()
