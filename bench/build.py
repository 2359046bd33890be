#!/usr/bin/env python3
"""Times `pmo build` on the generated benchmark corpus, and Hugo on the same pages when
hugo is installed, alternating runs so both see the same machine load.

Prints, per tool: median wall time, pages per second, median peak RSS, and pmo's own
per-stage timings; then the pmo/Hugo ratios, pmo's largest output files, and one row of
the README's performance table. Not a test: nothing here asserts a time.

    python3 bench/build.py                      # 10,000 pages, 300 projects, 5 runs each
    python3 bench/build.py --pages 100000 --projects 1000 --runs 1
    python3 bench/build.py --pages 1000 --runs 3

The outputs are deleted at the end (they take gigabytes of tmpfs at 100,000 pages);
`--keep-output` keeps them.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"


def timed(cmd, cwd):
    """Runs cmd under GNU time; returns (seconds, peak RSS in MiB, stderr)."""
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "@@%e %M"] + cmd,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # pmo's summary line is parsed below: in English whatever the site's language.
        env=dict(os.environ, PMO_LANG="en"),
    )
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    marker = proc.stderr.rsplit("@@", 1)[1].split()
    return float(marker[0]), int(marker[1]) / 1024, proc.stderr


def generate(gen, layout, pages, projects, out):
    if out.exists():
        return
    subprocess.run(
        [sys.executable, str(gen), "--pages", str(pages), "--projects", str(projects),
         "--out", str(out), "--layout", layout],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--projects", type=int, default=300)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--gen", type=Path, default=Path(os.environ.get("PMO_CORPUS_GEN", DEFAULT_GEN)))
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "pmo-bench")
    ap.add_argument("--no-hugo", action="store_true", help="time pmo only")
    ap.add_argument("--keep-output", action="store_true", help="leave both outputs in place")
    ap.add_argument("--out", type=Path, default=Path("/dev/shm/pmo-bench") if Path("/dev/shm").is_dir() else None,
                    help="where both tools write their output (default: tmpfs /dev/shm, as the "
                         "reference figures were measured; the shared disk here is too noisy to compare)")
    args = ap.parse_args()

    if not args.gen.exists():
        sys.exit(f"corpus generator not found: {args.gen} (pass --gen)")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    # Where cargo put it: CARGO_TARGET_DIR when set, as cargo itself reads it.
    pmo = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target") / "release" / "pmo"

    tag = f"{args.pages}-{args.projects}"
    pmo_site = args.work / f"pmo-{tag}"
    generate(args.gen, "pmo", args.pages, args.projects, pmo_site)
    hugo = None if args.no_hugo else shutil.which("hugo")
    hugo_site = args.work / f"hugo-{tag}"
    if hugo:
        generate(args.gen, "hugo", args.pages, args.projects, hugo_site)

    results = {"pmo": [], "hugo": []}
    stages = []
    for run in range(args.runs):
        out_base = args.out or args.work
        out = out_base / "out-pmo"
        secs, rss, err = timed([str(pmo), "--root", str(pmo_site), "build", "--output", str(out)], pmo_site)
        results["pmo"].append((secs, rss))
        m = re.search(r"built (\d+) pages .*\[(.*)\]", err)
        if m:
            stages.append(m.group(2))
            pages = int(m.group(1))
        if hugo:
            hout = out_base / "out-hugo"
            shutil.rmtree(hout, ignore_errors=True)
            secs, rss, _ = timed([hugo, "--quiet", "-s", str(hugo_site), "-d", str(hout)], hugo_site)
            results["hugo"].append((secs, rss))
        print(f"run {run + 1}/{args.runs} done", file=sys.stderr)

    def summary(name):
        runs = results[name]
        wall = statistics.median(r[0] for r in runs)
        rss = statistics.median(r[1] for r in runs)
        print(f"{name:5} median wall {wall:6.2f} s  {pages / wall:8.0f} pages/s  peak RSS {rss:6.0f} MiB  "
              f"(runs: {', '.join(f'{r[0]:.2f}s' for r in runs)})")
        return wall, rss

    print(f"corpus: {args.pages} pages, {args.projects} projects; {pages} content pages built by pmo; "
          f"output under {args.out or args.work}")
    pw, pr = summary("pmo")
    # Median time of each stage over the runs, and the chart stage's share of the build.
    per_stage = {}
    for line in stages:
        for part in line.split(", "):
            name, ms, _ = part.split(" ")
            per_stage.setdefault(name, []).append(float(ms))
    if per_stage:
        medians = {k: statistics.median(v) for k, v in per_stage.items()}
        total = sum(medians.values())
        print("pmo stages (median ms): " + ", ".join(f"{k} {v:.0f}" for k, v in medians.items()))
        if "charts" in medians and total:
            print(f"chart stage: {medians['charts']:.0f} ms = {100 * medians['charts'] / (pw * 1000):.1f}% of the median wall time")
    out_base = args.out or args.work
    pmo_out = out_base / "out-pmo"
    sizes = sorted(((f.stat().st_size, f) for f in pmo_out.rglob("*") if f.is_file()), reverse=True)
    over = [f for size, f in sizes if size > 1024 * 1024]
    print(f"pmo output: {len(sizes)} files, {sum(s for s, _ in sizes) / 2**20:.0f} MiB; "
          f"{len(over)} over 1 MiB; largest: "
          + ", ".join(f"{f.relative_to(pmo_out)} {size / 1024:.0f} KiB" for size, f in sizes[:3]))
    row = f"| {args.pages:,} pages, {args.projects:,} projects | {pw:.2f} s, {pr:,.0f} MiB |"
    if hugo and results["hugo"]:
        hw, hr = summary("hugo")
        print(f"ratio pmo/hugo: wall {pw / hw:.2f}x, peak RSS {pr / hr:.2f}x")
        row += f" {hw:.2f} s, {hr:,.0f} MiB | {pw / hw:.2f}x |"
    else:
        print("hugo not installed (apt-get install -y hugo): no comparison")
    runs = "median of %d alternating runs" % args.runs if args.runs > 1 else "one run"
    print(f"table row ({runs}): {row}")
    if not args.keep_output:
        for name in ("out-pmo", "out-hugo"):
            shutil.rmtree(out_base / name, ignore_errors=True)


if __name__ == "__main__":
    main()
