#!/usr/bin/env python3
"""Looks for chart labels drawn over one another in a built site (issue 13, point 7).

Walks every HTML page of a built site, takes each inline SVG chart, estimates the box of
each <text> as a browser would lay it out (CJK characters one em wide, others 0.6 em;
the vertical place from the `dy` the renderer writes; a pixel of slack each side) and
reports the pairs whose boxes overlap. The same estimate as tests/numbers.rs, which
holds the sample portal to zero; this runs it over a generated corpus:

    python3 ../shared/bench/gen_corpus.py --pages 10000 --projects 300 --out /dev/shm/c10k --force
    cargo run --release -- build --root /dev/shm/c10k --output /dev/shm/c10k-out --force
    python3 bench/chart_labels.py /dev/shm/c10k-out

Exit status 1 when any overlap is found.
"""

import os
import re
import sys

ATTR = re.compile(r'\s([a-z-]+)="([^"]*)"')


def label_box(tag, text):
    attrs = dict(ATTR.findall(tag))
    if "transform" in attrs:
        return None
    try:
        x, y, size = float(attrs["x"]), float(attrs["y"]), float(attrs["font-size"])
    except (KeyError, ValueError):
        return None
    width = sum(size if ord(c) >= 0x2E80 else size * 0.6 for c in text)
    anchor = attrs.get("text-anchor")
    x0 = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    dy = attrs.get("dy")
    y0 = y if dy == "0.76em" else y - size if dy == "-0.5ex" else y - size / 2
    return (x0 + 1, y0 + 1, x0 + width - 1, y0 + size - 1)


def overlaps(svg):
    boxes = []
    found = []
    for piece in svg.split("<text")[1:]:
        if ">" not in piece:
            continue
        tag, rest = piece.split(">", 1)
        text = rest.split("</text>", 1)[0]
        box = label_box(tag, text)
        if box is None:
            continue
        for other, o in boxes:
            if box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3]:
                found.append((other, text))
                break
        boxes.append((text, box))
    return found


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    site = sys.argv[1]
    charts = pages = 0
    problems = []
    for root, _, files in os.walk(site):
        for name in files:
            if not name.endswith(".html"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                html = f.read()
            svgs = [s.split("</svg>", 1)[0] for s in html.split("<svg")[1:]]
            if svgs:
                pages += 1
            for svg in svgs:
                charts += 1
                for a, b in overlaps(svg):
                    problems.append(f"{os.path.relpath(path, site)}: `{a}` overlaps `{b}`")
    print(f"{charts} charts on {pages} pages, {len(problems)} overlapping label pairs")
    for p in problems[:50]:
        print("  " + p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
