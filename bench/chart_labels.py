#!/usr/bin/env python3
"""Finds chart labels drawn over one another in a built site, measured in Chromium
(issue 13, point 7).

Takes every inline SVG chart of every HTML page of a built site (each distinct drawing
once), sets them at their natural size on a few pages of a scratch folder, and lets
headless Chromium measure every <text> with tests/chart_labels.js: across, the advance
the browser lays out; up and down, the ink of the glyphs. Reports the pairs of labels
that overlap and the labels that stick out of their chart. The sample portal is held to
zero by tests/charts.rs; this runs the same measure over a generated corpus:

    python3 ../shared/bench/gen_corpus.py --pages 10000 --projects 300 --out /dev/shm/c10k --force
    cargo build --release
    ./target/release/pmo --root /dev/shm/c10k build --output /dev/shm/c10k-charts --force
    python3 bench/chart_labels.py /dev/shm/c10k-charts

The fonts are the machine's (Debian: DejaVu Sans for Latin, Noto Sans CJK for Chinese,
`apt-get install fonts-noto-cjk`). Exit status 1 when any overlap is found.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = os.path.join(HERE, "..", "tests", "chart_labels.js")
SVG = re.compile(r'<svg [^>]*class="chart [^"]*"[^>]*>.*?</svg>', re.S)
VIEWBOX = re.compile(r'viewBox="0 0 (\d+) (\d+)"')
PER_PAGE = 300


def charts(site):
    """(page, svg) for each distinct chart drawing, in path order."""
    seen = set()
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for svg in SVG.findall(text):
                if svg not in seen:
                    seen.add(svg)
                    yield os.path.relpath(path, site), svg


def page(items):
    with open(PROBE, encoding="utf-8") as f:
        probe = f.read()
    body = []
    for i, (source, svg) in enumerate(items):
        size = VIEWBOX.search(svg)
        width = size.group(1) if size else "720"
        label = html.escape(f"{source}#{i}", quote=True)
        body.append(f'<div data-chart-source="{label}" style="width:{width}px">{svg}</div>')
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>labels</title></head>'
        '<body style="margin:0">' + "".join(body) + "<script>" + probe +
        "\nwindow.addEventListener('load', () => { document.body.dataset.probe = chartLabels(0); });"
        "</script></body></html>"
    )


def measure(file, chromium):
    profile = tempfile.mkdtemp(prefix="labels-", dir="/dev/shm")
    try:
        out = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--no-first-run",
             f"--user-data-dir={profile}", "--window-size=1280,2000",
             "--virtual-time-budget=20000", "--dump-dom", "file://" + file],
            capture_output=True, text=True, timeout=600,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    found = re.search(r'data-probe="([^"]*)"', out.stdout)
    if not found:
        sys.exit("the probe did not run:\n" + out.stderr[-2000:])
    return json.loads(html.unescape(found.group(1)))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("needs Debian's chromium: apt-get install -y chromium")
    items = list(charts(sys.argv[1]))
    total = {"charts": 0, "texts": 0, "overlaps": [], "outside": []}
    scratch = tempfile.mkdtemp(prefix="chart-labels-", dir="/dev/shm")
    try:
        for start in range(0, len(items), PER_PAGE):
            file = os.path.join(scratch, f"charts-{start}.html")
            with open(file, "w", encoding="utf-8") as f:
                f.write(page(items[start:start + PER_PAGE]))
            found = measure(file, chromium)
            for key in total:
                total[key] += found[key]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for chart, a, b, w, h in total["overlaps"]:
        print(f"overlap  {chart}: `{a}` and `{b}` ({w} x {h} px)")
    for chart, text in total["outside"]:
        print(f"outside  {chart}: `{text}`")
    print(f"{total['charts']} distinct charts, {total['texts']} labels: "
          f"{len(total['overlaps'])} overlapping pairs, {len(total['outside'])} outside their chart")
    return 1 if total["overlaps"] or total["outside"] else 0


if __name__ == "__main__":
    sys.exit(main())
