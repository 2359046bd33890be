#!/usr/bin/env python3
"""Two search clients' cold queries timed in headless Chromium on the same index,
alternated (A B A B …) so that a change of the machine's load falls on both alike.

The clients are the theme's scripts at two git revisions (`themes/default/static/js`);
the index is a built site's `search/` folder, which both read (the client changes, not
the index: build it with either revision when their index files are the same). Each is
served from a folder of its own holding two links, `js` to its scripts and `search` to
the index, with bench/search.py's page (the header box's query, 8 results, from an
emptied cache, then warm). Prints, per run, the cold median and p95 of each client and
mode, with the load average before and after; then each client's median of its runs'
p95 and the ratio B / A. Times mean something only when the machine is idle; the ratio
of alternated runs is steadier than either figure.

    python3 bench/cold_ab.py PUBLIC QUERIES.json --a a75e0c0 --b HEAD --runs 3
    python3 bench/cold_ab.py /dev/shm/pmo-relevance-bench/on \\
        /dev/shm/pmo-relevance-bench/queries.json --modes http file

QUERIES.json: ["query", ...] (bench/relevance.py writes one: <out>/queries.json).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search as base  # noqa: E402  (bench/search.py: the page, the servers, Chromium)

JS = "themes/default/static/js"


def client_view(rev, public, into):
    """A folder `into` whose `js` holds the client's scripts at `rev` and whose `search`
    links to the index in `public`."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev, JS], cwd=base.REPO, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    (into / "js").symlink_to(into / JS, target_is_directory=True)
    (into / "search").symlink_to(public.resolve() / "search", target_is_directory=True)
    return into


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("public", type=Path, help="a built site holding search/")
    ap.add_argument("queries", type=Path)
    ap.add_argument("--a", default="main", help="git revision of client A (default: main)")
    ap.add_argument("--b", default="HEAD", help="git revision of client B (default: HEAD)")
    ap.add_argument("--runs", type=int, default=3, help="pairs of runs per mode")
    ap.add_argument("--modes", nargs="+", default=["http", "http_keepalive", "file"],
                    choices=["http", "http_keepalive", "file"])
    args = ap.parse_args()
    chromium = next((c for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None)
    if not chromium:
        sys.exit("no chromium on the PATH")
    queries = json.loads(args.queries.read_text(encoding="utf-8"))
    work = Path(tempfile.mkdtemp(prefix="pmo-cold-ab-"))
    try:
        views = {"A": client_view(args.a, args.public, work / "a"), "B": client_view(args.b, args.public, work / "b")}
        p95 = {(mode, k): [] for mode in args.modes for k in views}
        for mode in args.modes:
            for run in range(args.runs):
                for k, view in views.items():
                    load = os.getloadavg()[0]
                    lat = base.browser_latency(view, queries, chromium, mode == "file", keepalive=mode == "http_keepalive")
                    cold = lat["cold"]
                    p95[(mode, k)].append(base.pct(cold, 95))
                    print(json.dumps({"mode": mode, "run": run, "client": k, "rev": getattr(args, k.lower()),
                                      "cold_median": round(statistics.median(cold), 1),
                                      "cold_p95": round(base.pct(cold, 95), 1),
                                      "load_before_after": [round(load, 2), round(os.getloadavg()[0], 2)]}),
                          flush=True)
        for mode in args.modes:
            a, b = statistics.median(p95[(mode, "A")]), statistics.median(p95[(mode, "B")])
            print(json.dumps({"mode": mode, "p95_A": round(a, 1), "p95_B": round(b, 1), "B_over_A": round(b / a, 3)}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
