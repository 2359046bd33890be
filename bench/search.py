#!/usr/bin/env python3
"""Measures site search on the generated benchmark corpus against issue 4's targets.

Builds the corpus with the release binary, with search off and on (alternating runs,
output on tmpfs), and reports:

  1. the index stage's share of the build: (median wall time with search - without)
     / with search, and the builds' peak RSS;
  2. index size, file count, the largest file, and whether two builds are byte-identical;
  3. what a first query downloads, gzip-compressed (node runs the real client): in the
     header box, on the results page, and the facet files the results page adds after;
  4. recall against a brute-force scan, over queries drawn from the pages' own text
     (Chinese substrings of 1-4 characters, English words and prefixes, mixed);
  5. query latency in headless Chromium, the page served over http://127.0.0.1 and
     opened from file://.

Not a test: nothing here asserts a time. Stdlib only, plus node and chromium.

    python3 bench/search.py                     # 10,000 pages, 300 projects, 3 runs
    python3 bench/search.py --pages 100000 --runs 1 --skip-browser
    python3 bench/search.py --site .            # recall on the bundled sample portal
"""

import argparse
import gzip
import hashlib
import http.server
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"
# The search client's scripts as the theme's pages load them (templates/base.html), the
# UI left out.
CLIENT_SCRIPTS = "".join(
    f'<script src="js/{name}"></script>\n'
    for name in re.findall(
        r'js/(search[\w-]*\.js)"', (REPO / "themes/default/templates/base.html").read_text()
    )
    if name != "search-ui.js"
)


def timed(cmd):
    """Runs cmd under GNU time; returns (seconds, peak RSS in MiB, stdout)."""
    proc = subprocess.run(["/usr/bin/time", "-f", "@@%e %M"] + cmd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    marker = proc.stderr.rsplit("@@", 1)[1].split()
    return float(marker[0]), int(marker[1]) / 1024, proc.stdout + proc.stderr


def with_search(src, dst, on):
    """A copy of the site at dst whose site.toml sets `search` explicitly."""
    if not dst.exists():
        shutil.copytree(src, dst, symlinks=True)
    toml = (src / "site.toml").read_text(encoding="utf-8")
    toml = re.sub(r"(?m)^search\s*=.*\n", "", toml)
    (dst / "site.toml").write_text(f"search = {'true' if on else 'false'}\n" + toml, encoding="utf-8")


def tree_digest(folder):
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


# ---------------------------------------------------------------- text and queries

CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002fa1f]+")


def fold(text):
    out = []
    for ch in text:
        cp = ord(ch)
        if 0xFF01 <= cp <= 0xFF5E:
            ch = chr(cp - 0xFEE0)
        elif cp == 0x3000:
            ch = " "
        out.append(ch)
    return "".join(out).lower()


def words_of(text):
    """Words as the tokenizer sees them: alphanumeric runs that are not CJK."""
    return [w for w in re.split(r"[^\w]|_", CJK.sub(" ", text)) if w]


def load_texts(search_dir):
    """Each document's excerpt text (title and body), from the built index."""
    meta = read_js(search_dir / "meta.js")
    texts = []
    for doc in range(meta["n"]):
        parts = []
        b = 0
        while (search_dir / "x" / f"{doc}-{b}.js").exists():
            block = read_js(search_dir / "x" / f"{doc}-{b}.js")
            # Block 0 is the document's row, then the text, then what else it shows.
            parts.append(block[5] if isinstance(block, list) else block)
            b += 1
        texts.append(fold("".join(parts)))
    return texts


def read_js(path):
    text = path.read_text(encoding="utf-8")
    start = text.index(",") + 1
    return json.loads(text[start:text.rindex(")")])


def make_queries(texts, count, rng):
    """Queries drawn from the documents' own text, with their brute-force answers."""
    vocab = {}
    for d, t in enumerate(texts):
        for w in set(words_of(t)):
            vocab.setdefault(w, set()).add(d)
    words = sorted(vocab)

    def cjk_run():
        for _ in range(100):
            t = texts[rng.randrange(len(texts))]
            runs = CJK.findall(t)
            if runs:
                return rng.choice(runs)
        return "项目"

    queries = []
    for i in range(count):
        kind = i % 4
        if kind == 0:                       # Chinese, 1-4 characters
            run = cjk_run()
            n = min(len(run), rng.choice([1, 2, 2, 3, 4]))
            s = rng.randrange(len(run) - n + 1)
            q = run[s:s + n]
        elif kind == 1:                     # an English word
            q = rng.choice(words)
        elif kind == 2:                     # an English prefix, as typed
            w = rng.choice([w for w in (rng.choice(words) for _ in range(20)) if len(w) >= 3] or ["pro"])
            q = w[:rng.randrange(2, len(w) + 1)]
        else:                               # mixed
            run = cjk_run()
            n = min(len(run), 2)
            q = run[:n] + " " + rng.choice(words)
        queries.append(q)

    out = []
    for q in queries:
        expect = set(range(len(texts)))
        for part in q.split():
            if CJK.fullmatch(part):
                expect &= {d for d, t in enumerate(texts) if part in t}
            else:
                # The query's last word is a prefix (when 2+ letters); others whole words.
                last = part == q.split()[-1]
                hits = set()
                for w in words:
                    if w == part or (last and len(part) >= 2 and w.startswith(part)):
                        hits |= vocab[w]
                expect &= hits
        out.append({"q": q, "expect": sorted(expect)})
    return out


# ---------------------------------------------------------------- browser

def browser_latency(public, queries, chromium, over_file, keepalive=False):
    """Times each query in headless Chromium, from an empty cache and warm. The page is
    served over http://127.0.0.1, or opened from file:// (a portal on a file share); it
    posts its timings back to a local server either way. Over http://, the files come
    from Python's stdlib server (HTTP/1.0: a connection and a thread per file), or with
    `keepalive` from bench/static_server.mjs (HTTP/1.1, kept alive, as a web server
    serves a portal)."""
    page = public / "bench-search.html"
    result = {}
    done = threading.Event()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(public), **k)

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            result.update(json.loads(body))
            self.send_response(204)
            self.end_headers()
            done.set()

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    report = f"http://127.0.0.1:{server.server_port}/result"
    page.write_text("""<!doctype html><meta charset="utf-8"><title>bench</title>
""" + CLIENT_SCRIPTS + """<script>
const qs = %s;
const send = (r) => fetch('%s', {method: 'POST', mode: 'no-cors', body: JSON.stringify(r)});
(async () => {
  // As the header box asks (8 results, no facets) from an empty cache, then again warm;
  // then as the results page does from an empty cache: 20 results, then the facets.
  const cold = [], warm = [], page = [];
  for (const q of qs) {
    PmoSearch.reset();
    let t = performance.now();
    await PmoSearch.search(q, {limit: 8, facets: false});
    cold.push(performance.now() - t);
    t = performance.now();
    await PmoSearch.search(q, {limit: 8, facets: false});
    warm.push(performance.now() - t);
    PmoSearch.reset();
    t = performance.now();
    await PmoSearch.search(q, {limit: 20, facets: false});
    await PmoSearch.search(q, {limit: 0, excerpts: false});
    page.push(performance.now() - t);
  }
  await send({cold, warm, page});
})().catch(e => send({error: String(e)}));
</script>""" % (json.dumps(queries), report), encoding="utf-8")
    mode = "file" if over_file else "keepalive" if keepalive else "http"
    try:
        run_page(chromium, public, page, mode, server, done, 600)
    finally:
        # A page left in public/ is a file added by hand to pmo's next build, which
        # then refuses to replace the folder.
        page.unlink(missing_ok=True)
    if "error" in result or not result:
        sys.exit(f"browser run failed: {result}")
    return result


def run_page(chromium, public, page, mode, server, done, timeout):
    """Opens `page` (a file under `public`) in headless Chromium with a fresh profile and
    waits until `done` is set (the page posted its result to `server`) or `timeout`
    seconds pass; then stops Chromium and the servers. `mode`: "file" (file://), "http"
    (`server`, the stdlib one) or "keepalive" (bench/static_server.mjs)."""
    files = None
    if mode == "file":
        url = page.resolve().as_uri()
    elif mode == "keepalive":
        files = start_static_server(public)
        url = f"http://127.0.0.1:{files[1]}/{page.name}"
    else:
        url = f"http://127.0.0.1:{server.server_port}/{page.name}"
    profile = tempfile.mkdtemp()
    proc = subprocess.Popen([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                             "--disable-background-networking", "--no-first-run",
                             f"--user-data-dir={profile}", "--remote-debugging-port=0", url],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        done.wait(timeout)
    finally:
        proc.terminate()
        proc.wait()
        server.shutdown()
        if files:
            files[0].terminate()
            files[0].wait()
        shutil.rmtree(profile, ignore_errors=True)


def start_static_server(public):
    """bench/static_server.mjs serving `public` (HTTP/1.1, keep-alive): (process, port)."""
    proc = subprocess.Popen(["node", str(REPO / "bench" / "static_server.mjs"), str(public)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return proc, int(proc.stdout.readline())


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--projects", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--site", type=Path, help="a site folder to measure instead of the generated corpus")
    ap.add_argument("--gen", type=Path, default=DEFAULT_GEN)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "pmo-bench")
    ap.add_argument("--out", type=Path, default=Path("/dev/shm/pmo-search-bench"))
    ap.add_argument("--skip-browser", action="store_true")
    ap.add_argument("--skip-timing", action="store_true")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    # Where cargo put it: CARGO_TARGET_DIR when set, as cargo itself reads it.
    pmo = str(Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target") / "release" / "pmo")

    if args.site:
        source = args.site.resolve()
        tag = source.name or "site"
    else:
        tag = f"{args.pages}-{args.projects}"
        source = args.work / f"pmo-{tag}"
        if not source.exists():
            subprocess.run([sys.executable, str(args.gen), "--pages", str(args.pages), "--projects",
                            str(args.projects), "--out", str(source), "--layout", "pmo"],
                           check=True, stdout=subprocess.DEVNULL)
    on_site, off_site = args.work / f"search-on-{tag}", args.work / f"search-off-{tag}"
    with_search(source, on_site, True)
    with_search(source, off_site, False)
    out_on, out_off = args.out / "on", args.out / "off"
    args.out.mkdir(parents=True, exist_ok=True)

    report = {}
    on_times, off_times, rss_on, rss_off, stage = [], [], [], [], []
    digests = set()
    for run in range(1 if args.skip_timing else args.runs):
        t, r, text = timed([pmo, "--root", str(off_site), "build", "--output", str(out_off)])
        off_times.append(t)
        rss_off.append(r)
        t, r, text = timed([pmo, "--root", str(on_site), "build", "--output", str(out_on)])
        on_times.append(t)
        rss_on.append(r)
        m = re.search(r"index[^,\]]* (\d+) ms", text)
        stage.append(int(m.group(1)) if m else 0)
        digests.add(tree_digest(out_on / "search"))
    on, off = statistics.median(on_times), statistics.median(off_times)
    report["build"] = {
        "runs": len(on_times), "with_search_s": on, "without_search_s": off,
        "index_share_pct": round(100 * (on - off) / on, 1),
        "index_stage_ms_median": statistics.median(stage),
        "peak_rss_mib_with": round(max(rss_on)), "peak_rss_mib_without": round(max(rss_off)),
        "all_with_s": on_times, "all_without_s": off_times,
    }

    search_dir = out_on / "search"
    files = [p for p in search_dir.rglob("*.js")]
    sizes = sorted(((p.stat().st_size, str(p.relative_to(search_dir))) for p in files), reverse=True)
    report["index"] = {
        "files": len(files), "total_mb": round(sum(s for s, _ in sizes) / 1e6, 1),
        "largest": [{"file": n, "kb": round(s / 1024, 1)} for s, n in sizes[:3]],
        "over_1mb": sum(1 for s, _ in sizes if s > 1 << 20),
        "deterministic": len(digests) == 1 if len(on_times) > 1 else None,
    }

    rng = random.Random(args.seed)
    texts = load_texts(search_dir)
    queries = make_queries(texts, args.queries, rng)
    qfile = args.out / "queries.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    node = subprocess.run(["node", str(REPO / "bench" / "search_node.mjs"), str(search_dir), str(qfile)],
                          capture_output=True, text=True)
    if node.returncode != 0:
        sys.exit(f"node failed:\n{node.stderr[-3000:]}")
    res = json.loads(node.stdout)
    missed = [r for r in res["recall"] if r["nmissed"]]
    expected = sum(r["expected"] for r in res["recall"])
    report["recall"] = {
        "queries": len(res["recall"]), "expected_hits": expected,
        "missed_hits": sum(r["nmissed"] for r in res["recall"]),
        "recall_pct": round(100 * (1 - sum(r["nmissed"] for r in res["recall"]) / max(1, expected)), 3),
        "queries_with_misses": missed[:5],
    }
    for view in ("header", "page", "facets"):
        kb = [f["gz"] / 1024 for f in res["first"] if f["view"] == view]
        worst = max((f for f in res["first"] if f["view"] == view), key=lambda f: f["gz"])
        report[f"first_query_kb_gz_{view}"] = {
            "median": round(statistics.median(kb), 1), "p95": round(pct(kb, 95), 1),
            "max": round(max(kb), 1), "worst_query": worst["q"],
        }

    if not args.skip_browser:
        chromium = next((c for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None)
        if chromium:
            for mode in ("http", "file"):
                lat = browser_latency(out_on, [q["q"] for q in queries], chromium, mode == "file")
                report[f"browser_ms_{mode}"] = {
                    "queries": len(lat["cold"]),
                    "cold_median": round(statistics.median(lat["cold"]), 1), "cold_p95": round(pct(lat["cold"], 95), 1),
                    "warm_median": round(statistics.median(lat["warm"]), 1), "warm_p95": round(pct(lat["warm"], 95), 1),
                    "page_with_facets_median": round(statistics.median(lat["page"]), 1),
                    "page_with_facets_p95": round(pct(lat["page"], 95), 1),
                }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
