#!/usr/bin/env python3
"""Measures `pmo serve` on the generated corpus: the time from saving one lesson to the
reload signal a browser receives, and what each rebuild redid.

Starts the release binary's `pmo serve` on a copy of the corpus (so the cached corpus stays
as generated), listens to its live-reload events like a browser does, then saves lessons
one after another and times each save → `reload` event. Two kinds of edit:

  body      a paragraph appended at the end: the page itself changes
  summary   the first paragraph changed: the page and every list showing it change
  title     the title changed: the lesson moves in every list it is in (linked again)
  new       a new lesson (a third as many), then
  delete    that lesson deleted
  busy      a body edit saved while the work owed by the save before is still running
            (related lessons, the search index …): it is given up, and this save served

Each edit but `busy` waits until serve has paid what the save before left owed (its
"search index" line), as an author who saves, reads and saves again does.

Usage:
    python3 bench/serve.py                  # 10,000 pages, 300 projects, 30 edits of each kind
    python3 bench/serve.py --edits 50 --pages 1000
    python3 bench/serve.py --pages 100000 --projects 1000 --edits 5 --kinds title
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"


def generate(gen, pages, projects, out):
    if out.exists():
        return
    subprocess.run(
        [sys.executable, str(gen), "--pages", str(pages), "--projects", str(projects),
         "--out", str(out), "--layout", "pmo"],
        check=True, stdout=subprocess.DEVNULL)


class Events:
    """The server's event stream, read on a thread; `wait(name)` blocks for the next one."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__pmo/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          b"Accept: text/event-stream\r\n\r\n")
        self.cond = threading.Condition()
        self.events = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buf = b""
        name = None
        while True:
            chunk = self.sock.recv(65536)
            if not chunk:
                return
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                line = line.decode("utf-8", "replace").rstrip("\r")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    with self.cond:
                        self.events.append((time.perf_counter(), name))
                        self.cond.notify_all()

    def wait(self, name, since, timeout=300):
        deadline = time.perf_counter() + timeout
        with self.cond:
            while True:
                for at, n in self.events:
                    if n == name and at >= since:
                        return at
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"no {name} event")
                self.cond.wait(left)


class Log:
    """serve's stderr, line by line."""

    def __init__(self, stream):
        self.lines = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.cond.notify_all()

    def wait_for(self, pattern, start, timeout=120):
        deadline = time.perf_counter() + timeout
        with self.cond:
            while True:
                for i in range(start, len(self.lines)):
                    if re.search(pattern, self.lines[i]):
                        return i, self.lines[i]
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"serve never logged {pattern!r}")
                self.cond.wait(left)


def memory(pid):
    """The server's resident memory now and its peak so far (Linux /proc)."""
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    mib = lambda key: int(fields.get(key, "0 kB").split()[0]) / 1024
    return f"RSS {mib('VmRSS'):,.0f} MiB, peak {mib('VmHWM'):,.0f} MiB"


def first_paragraph_edit(text, n):
    """Prefixes the first paragraph after the front matter."""
    head, sep, body = text.partition("\n---\n")
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if line.strip():
            lines[i] = f"修订 {n}：" + line
            break
    return head + sep + "\n".join(lines)


def title_edit(text, n):
    """Appends to the title in the front matter."""
    return re.sub(r'^title: "?(.*?)"?$', lambda m: f'title: "{m.group(1)}（修订 {n}）"', text,
                  count=1, flags=re.M)


def summary(name, times):
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    print(f"{name:8} save → reload: median {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
          f"min {times[0]:6.1f} ms  max {times[-1]:6.1f} ms  ({len(times)} edits)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--projects", type=int, default=300)
    ap.add_argument("--edits", type=int, default=30, help="edits of each kind")
    ap.add_argument("--kinds", default="body,summary,title,new,busy",
                    help="which edits, comma-separated (`new` is followed by `delete`)")
    ap.add_argument("--gen", type=Path, default=Path(os.environ.get("PMO_CORPUS_GEN", DEFAULT_GEN)))
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "pmo-bench")
    ap.add_argument("--scratch", type=Path,
                    default=Path("/dev/shm/pmo-bench") if Path("/dev/shm").is_dir() else None,
                    help="where the copy of the corpus that gets edited lives (default: tmpfs)")
    args = ap.parse_args()

    if not args.gen.exists():
        sys.exit(f"corpus generator not found: {args.gen} (pass --gen)")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    # Where cargo put it: CARGO_TARGET_DIR when set, as cargo itself reads it.
    pmo = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target") / "release" / "pmo"
    corpus = args.work / f"pmo-{args.pages}-{args.projects}"
    generate(args.gen, args.pages, args.projects, corpus)
    site = (args.scratch or args.work) / "serve-site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(corpus, site)

    server = subprocess.Popen([str(pmo), "--root", str(site), "serve", "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              # Its log lines are parsed: in English whatever the site's language.
                              env=dict(os.environ, PMO_LANG="en"))
    try:
        log = Log(server.stderr)
        started = time.perf_counter()
        line = server.stdout.readline()
        if not line.startswith("serving "):
            sys.exit(f"serve did not start: {line}")
        port = int(line.strip().rstrip("/").rsplit(":", 1)[1])
        # At 100,000 pages the first build takes minutes.
        _, first = log.wait_for(r"built \d+ files into memory", 0, timeout=1800)
        print(f"first build (into memory): {first.split(' in ')[-1]}; "
              f"serving after {time.perf_counter() - started:.1f} s; "
              f"memory: {memory(server.pid)}")
        events = Events(port)
        events.wait("hello", 0)

        lessons = sorted((site / "content" / "lessons").glob("*.md"))
        # Search is on unless site.toml turns it off; its index is the last of the work
        # a save leaves owed, so its line says serve has settled.
        search = not re.search(r"(?m)^search\s*=\s*false", (site / "site.toml").read_text())
        chosen = set(args.kinds.split(","))
        unknown = chosen - {"body", "summary", "title", "new", "busy"}
        if unknown:
            sys.exit(f"unknown kinds of edit: {', '.join(sorted(unknown))}")
        kinds = tuple(k for k in ("body", "summary", "title") if k in chosen)
        results = {k: [] for k in kinds}
        scopes = {k: {} for k in kinds}
        rebuild_ms = {k: [] for k in kinds}
        for n in range(args.edits):
            for k, kind in enumerate(kinds):
                path = lessons[(n * 7 + k) % len(lessons)]
                text = path.read_text(encoding="utf-8")
                if kind == "body":
                    new = text + f"\n\n追加段落 {n}：每周核对接口清单。\n"
                elif kind == "summary":
                    new = first_paragraph_edit(text, n)
                else:
                    new = title_edit(text, n)
                mark = len(log.lines)
                t0 = time.perf_counter()
                path.write_text(new, encoding="utf-8")
                t1 = events.wait("reload", t0)
                results[kind].append((t1 - t0) * 1000)
                _, line = log.wait_for(r"→", mark)
                what = re.sub(r"\d+ ", "N ", line.split("→ ", 1)[1].split(",")[0])
                rebuild_ms[kind].append(int(re.search(r"in (\d+) ms", line).group(1)))
                scopes[kind][what] = scopes[kind].get(what, 0) + 1
                if search:
                    log.wait_for(r"search index", mark)
                time.sleep(0.1)
        # A new lesson, then the same lesson deleted: no longer a full rebuild.
        for kind in ("new", "delete"):
            results[kind], rebuild_ms[kind], scopes[kind] = [], [], {}
        template = lessons[0].read_text(encoding="utf-8")
        for n in range(max(1, args.edits // 3) if "new" in chosen else 0):
            path = lessons[0].with_name(f"bench-new-{n}.md")
            for kind in ("new", "delete"):
                mark = len(log.lines)
                t0 = time.perf_counter()
                if kind == "new":
                    path.write_text(title_edit(template, f"新增 {n}"), encoding="utf-8")
                else:
                    path.unlink()
                results[kind].append((events.wait("reload", t0) - t0) * 1000)
                _, line = log.wait_for(r"→", mark)
                what = re.sub(r"\d+ ", "N ", line.split("→ ", 1)[1].split(",")[0])
                rebuild_ms[kind].append(int(re.search(r"in (\d+) ms", line).group(1)))
                scopes[kind][what] = scopes[kind].get(what, 0) + 1
                if search:
                    log.wait_for(r"search index", mark)
                time.sleep(0.1)
        # A save while the save before is still owed work: served first.
        results["busy"], rebuild_ms["busy"], scopes["busy"] = [], [], {}
        for n in range(max(1, args.edits // 3) if "busy" in chosen else 0):
            first = lessons[(n * 11 + 5) % len(lessons)]
            second = lessons[(n * 11 + 6) % len(lessons)]
            mark = len(log.lines)
            t0 = time.perf_counter()
            first.write_text(first.read_text(encoding="utf-8") + f"\n\n忙时段落 {n}。\n",
                             encoding="utf-8")
            events.wait("reload", t0)
            log.wait_for(r"→", mark)
            time.sleep(0.3)
            mark = len(log.lines)
            t0 = time.perf_counter()
            second.write_text(second.read_text(encoding="utf-8") + f"\n\n忙时段落 {n}。\n",
                              encoding="utf-8")
            results["busy"].append((events.wait("reload", t0) - t0) * 1000)
            _, line = log.wait_for(r"→", mark)
            what = re.sub(r"\d+ ", "N ", line.split("→ ", 1)[1].split(",")[0])
            rebuild_ms["busy"].append(int(re.search(r"in (\d+) ms", line).group(1)))
            scopes["busy"][what] = scopes["busy"].get(what, 0) + 1
            if search:
                log.wait_for(r"search index", mark)
            time.sleep(0.1)
        print(f"memory after the edits: {memory(server.pid)}")
        # The work each save left owed, as serve reports each step after the reload.
        steps = {"register data": r"lessons register data: .* in (\d+) ms",
                 "hygiene + sanity": r"hygiene page and sanity checks: .* in (\d+) ms",
                 "related lessons": r"related lessons found again in (\d+) ms",
                 "related pages": r"related lessons: .* in (\d+) ms",
                 "search index": r"search index: .* in (\d+) ms"}
        with log.cond:
            lines = list(log.lines)
        for name, pattern in steps.items():
            ms = [int(m.group(1)) for m in (re.search(pattern, l) for l in lines) if m]
            if ms:
                print(f"after the reload, {name:17} median {statistics.median(ms):7.0f} ms, "
                      f"max {max(ms):7.0f} ms ({len(ms)} steps)")
        for kind in kinds + ("new", "delete", "busy"):
            if not results[kind]:
                continue
            summary(kind, results[kind])
            print(f"         of which rebuilding (as serve reports it): median "
                  f"{statistics.median(rebuild_ms[kind]):.0f} ms")
            for what, count in scopes[kind].items():
                print(f"         {count:3} × {what}")
    finally:
        server.kill()
        server.wait()
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
