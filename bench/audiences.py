#!/usr/bin/env python3
"""Times `pmo build --all-audiences` against one plain build of the same corpus, runs
alternating so both see the same machine load (issue 15: all audiences ≤ 2× one build).

The generated corpus has no audiences; a copy of it gets a site.toml declaring
`public < internal < pmo`, with projects (and so their lessons) `internal`, reviews `pmo`
and money restricted to `internal`. Printed: median wall time and peak RSS of the plain
build, of `--audience pmo` alone (everything, through the audience filter), and of
`--all-audiences`, with pages per audience and the ratio. Not a test: nothing asserts a time.

    python3 bench/audiences.py                   # 10,000 pages, 300 projects, 5 runs each
    python3 bench/audiences.py --pages 1000 --runs 3
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import DEFAULT_GEN, REPO, generate  # noqa: E402


def timed(cmd, cwd):
    """Runs cmd under GNU time: (wall s, peak RSS MiB, CPU s user+system, stderr). CPU
    time is the steadier measure of the work on a machine shared with other builds."""
    proc = subprocess.run(["/usr/bin/time", "-f", "@@%e %M %U %S"] + cmd, cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    wall, rss, user, system = proc.stderr.rsplit("@@", 1)[1].split()
    return float(wall), int(rss) / 1024, float(user) + float(system), proc.stderr

AUDIENCES = """
audiences = ["public", "internal", "pmo"]

[audience_defaults]
projects = "internal"
reviews = "pmo"

[restrict]
money = "internal"
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--projects", type=int, default=300)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--gen", type=Path, default=Path(os.environ.get("PMO_CORPUS_GEN", DEFAULT_GEN)))
    ap.add_argument("--work", type=Path, default=Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir()))
    ap.add_argument("--pmo", type=Path, help="the pmo binary (default: build target/release/pmo)")
    args = ap.parse_args()
    os.environ["PMO_LANG"] = "en"  # the summary lines read below

    if args.pmo:
        pmo = args.pmo
    else:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        pmo = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target") / "release" / "pmo"

    tag = f"{args.pages}-{args.projects}"
    plain = args.work / f"pmo-audiences-bench-{tag}" / "plain"
    generate(args.gen, "pmo", args.pages, args.projects, plain)
    split = plain.parent / "audiences"
    if not split.exists():
        shutil.copytree(plain, split)
        with open(split / "site.toml", "a", encoding="utf-8") as f:
            f.write(AUDIENCES)
    out = plain.parent / "out"

    cases = {
        "one build (no audiences)": (plain, ["build", "--output", str(out / "plain")]),
        "--audience pmo": (split, ["build", "--audience", "pmo", "--output", str(out / "pmo")]),
        "--all-audiences": (split, ["build", "--all-audiences", "--output", str(out / "all")]),
    }
    results = {name: [] for name in cases}
    pages = {}
    for run in range(args.runs):
        for name, (root, cmd) in cases.items():
            secs, rss, cpu, err = timed([str(pmo), "--root", str(root)] + cmd, root)
            results[name].append((secs, rss, cpu))
            pages[name] = re.findall(r"built (?:`(\w+)`: )?(\d+) pages", err)
        print(f"run {run + 1}/{args.runs} done", file=sys.stderr)

    print(f"corpus: {args.pages} pages, {args.projects} projects; output on {args.work}")
    base = results["one build (no audiences)"]
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        rss = statistics.median(r[1] for r in runs)
        cpu = statistics.median(r[2] for r in runs)
        # Each run against the plain build run just before it, under the same load.
        wall_ratio = statistics.median(r[0] / b[0] for r, b in zip(runs, base))
        cpu_ratio = statistics.median(r[2] / b[2] for r, b in zip(runs, base))
        built = ", ".join(f"{a or 'all'} {n}" for a, n in pages[name])
        print(f"{name:26} median wall {wall:6.2f} s (×{wall_ratio:4.2f})  CPU {cpu:6.2f} s (×{cpu_ratio:4.2f})  "
              f"peak RSS {rss:5.0f} MiB  pages: {built}  (wall runs: {', '.join(f'{r[0]:.2f}s' for r in runs)})")


if __name__ == "__main__":
    main()
