#!/usr/bin/env python3
"""Where a cold query's time goes, in headless Chromium.

Runs the queries as bench/search.py's page does (header box: 8 results, no facets, the
client's cache emptied before each), with a loader that records, per index file, when
the client asked for it, when Chromium had its bytes (Resource Timing) and when its
script had run. Each query is then run again with every file it loaded already in
memory and answered at once (`cpu`): the client's own JavaScript work — decoding
shards, matching, ranking, reading excerpts — with no file to wait for. So a query's
cold time splits into

  - rounds: groups of loads asked for together, one after another;
  - wait: the time some load was outstanding (network or file read, plus the
    evaluation of the index file's script);
  - js: the rest, the client's work between rounds.

Servers: `http10` is bench/search.py's (Python's stdlib server, HTTP/1.0: a connection
and a thread per file), `keepalive` bench/static_server.mjs (node, HTTP/1.1 with
keep-alive, as nginx, IIS or `pmo serve` serve a portal); `file` opens the page from
file://. Not a test: nothing here asserts a
time. Stdlib only, plus chromium.

    python3 bench/cold_profile.py PUBLIC QUERIES.json [--mode http10 keepalive file] [--top 20]

QUERIES.json: ["query", ...] (bench/relevance.py writes one: <out>/queries.json).
"""

import argparse
import http.server
import json
import os
import shutil
import statistics
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search as base  # noqa: E402

PAGE = """<!doctype html><meta charset="utf-8"><title>cold profile</title>
""" + base.CLIENT_SCRIPTS + """<script>
const qs = %(queries)s;
const send = (r) => fetch('%(report)s', {method: 'POST', mode: 'no-cors', body: JSON.stringify(r)});
const base = PmoSearch.base();
let log = null, t0 = 0;
const byName = {};
// The client has a file's data when its script calls _pmo (its onload fires later).
const receive = window._pmo;
window._pmo = (name, data) => {
  const e = byName[name];
  if (e && e.done === undefined) e.done = performance.now() - t0;
  receive(name, data);
};
function byScript(name) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = base + name + '.js';
    s.async = true;
    const e = {name, ask: performance.now() - t0};
    if (log) { log.push(e); byName[name] = e; }
    s.onload = () => { if (e.done === undefined) e.done = performance.now() - t0; s.remove(); resolve(); };
    s.onerror = () => { e.done = performance.now() - t0; e.missing = true; s.remove(); reject(new Error(name)); };
    document.head.appendChild(s);
  });
}
(async () => {
  const out = [];
  const held = {};
  for (const q of qs) {
    PmoSearch.configure({load: byScript});
    performance.clearResourceTimings();
    log = [];
    for (const k in byName) delete byName[k];
    t0 = performance.now();
    await PmoSearch.search(q, {limit: 8, facets: false});
    const cold = performance.now() - t0;
    const loads = log;
    log = null;
    const timing = {};
    for (const r of performance.getEntriesByType('resource')) {
      const m = /\\/search\\/(.*)\\.js$/.exec(r.name);
      if (m) timing[m[1]] = [r.startTime - t0, r.responseStart - t0, r.responseEnd - t0, r.transferSize];
    }
    for (const e of loads) if (timing[e.name]) e.res = timing[e.name];
    // The same query with every file in memory, answered at once: the client's work.
    const data = PmoSearch._store();
    for (const k in data) held[k] = data[k];
    PmoSearch.configure({load: (name) => held[name] === undefined ? Promise.reject(new Error(name)) : Promise.resolve(held[name])});
    let t = performance.now();
    await PmoSearch.search(q, {limit: 8, facets: false});
    const cpu = performance.now() - t;
    for (const k in held) delete held[k];
    out.push({q, cold, cpu, loads});
  }
  await send({out});
})().catch(e => send({error: String(e && e.stack || e)}));
</script>"""


def run(public, queries, chromium, mode):
    page = public / "bench-cold-profile.html"
    result = {}
    done = threading.Event()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(public), **k)

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            result.update(json.loads(body))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
            done.set()

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    report = f"http://127.0.0.1:{server.server_port}/result"
    page.write_text(PAGE % {"queries": json.dumps(queries, ensure_ascii=False), "report": report},
                    encoding="utf-8")
    try:
        base.run_page(chromium, public, page, mode, server, done, 900)
    finally:
        page.unlink(missing_ok=True)
    if "error" in result or not result:
        sys.exit(f"browser run failed: {result}")
    return result["out"]


def rounds(loads):
    """Loads grouped by when they were asked: a load asked after an earlier one ended
    starts a new round. [(first ask, last done, [loads])]."""
    out = []
    for e in sorted(loads, key=lambda e: e["ask"]):
        if out and e["ask"] < out[-1][1]:
            out[-1][2].append(e)
            out[-1][1] = max(out[-1][1], e["done"])
        else:
            out.append([e["ask"], e["done"], [e]])
    return out


def wait_time(loads):
    """The time at least one load was outstanding."""
    total, end = 0.0, None
    start = None
    for e in sorted(loads, key=lambda e: e["ask"]):
        if end is None or e["ask"] > end:
            if end is not None:
                total += end - start
            start, end = e["ask"], e["done"]
        else:
            end = max(end, e["done"])
    if end is not None:
        total += end - start
    return total


def summarize(out, top):
    for r in out:
        r["unfinished"] = [e["name"] for e in r["loads"] if "done" not in e]
        r["loads"] = [e for e in r["loads"] if "done" in e]
        r["wait"] = wait_time(r["loads"])
        r["js"] = r["cold"] - r["wait"]
        r["rounds"] = rounds(r["loads"])
    cold = [r["cold"] for r in out]
    summary = {
        "queries": len(out),
        "cold_median": round(statistics.median(cold), 1), "cold_p95": round(base.pct(cold, 95), 1),
        "cold_max": round(max(cold), 1),
        "cpu_median": round(statistics.median(r["cpu"] for r in out), 1),
        "cpu_p95": round(base.pct([r["cpu"] for r in out], 95), 1),
        "wait_median": round(statistics.median(r["wait"] for r in out), 1),
        "wait_p95": round(base.pct([r["wait"] for r in out], 95), 1),
        "js_between_median": round(statistics.median(r["js"] for r in out), 1),
        "files_median": statistics.median(len(r["loads"]) for r in out),
        "rounds_median": statistics.median(len(r["rounds"]) for r in out),
    }
    slow = sorted(out, key=lambda r: -r["cold"])[:top]
    rows = []
    for r in slow:
        per_round = []
        for first, last, loads in r["rounds"]:
            # Server time: from the request's start to its first byte; transfer and
            # script evaluation after.
            ttfb = [e["res"][1] - e["res"][0] for e in loads if e.get("res")]
            per_round.append({"files": len(loads), "ms": round(last - first, 1),
                              "ttfb_max": round(max(ttfb), 1) if ttfb else None})
        rows.append({"q": r["q"], "cold": round(r["cold"], 1), "cpu": round(r["cpu"], 1),
                     "wait": round(r["wait"], 1), "js_between": round(r["js"], 1),
                     "files": len(r["loads"]), "unfinished": r["unfinished"], "rounds": per_round})
    return summary, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("public", type=Path)
    ap.add_argument("queries", type=Path)
    ap.add_argument("--mode", nargs="+", default=["http10", "keepalive", "file"],
                    choices=["http10", "keepalive", "file"])
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--raw", type=Path, help="write every query's loads here (JSON)")
    args = ap.parse_args()
    chromium = next((c for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None)
    if not chromium:
        sys.exit("no chromium on the PATH")
    queries = json.loads(args.queries.read_text(encoding="utf-8"))
    report = {}
    raw = {}
    for mode in args.mode:
        load = os.getloadavg()[0]
        out = run(args.public.resolve(), queries, chromium, mode)
        summary, rows = summarize(out, args.top)
        summary["load_average_before_after"] = [round(load, 2), round(os.getloadavg()[0], 2)]
        report[mode] = {"summary": summary, "slowest": rows}
        raw[mode] = out
    if args.raw:
        args.raw.write_text(json.dumps(raw, ensure_ascii=False, default=list), encoding="utf-8")
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
