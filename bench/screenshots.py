#!/usr/bin/env python3
"""Screenshots of the sample portal to check by eye (issues 13 and 17): home, dashboard,
a project, the lessons register and search results, at 1280 px and at 390 px, with the
UI in Chinese and in English.

Builds the sample portal twice (site.toml's language as shipped, then `en`) with the
given pmo binary into OUT/site-<lang>, and writes OUT/<lang>-<width>-<page>.png:

    cargo build --release
    python3 bench/screenshots.py ./target/release/pmo /dev/shm/shots

Headless Chromium will not make its window narrower than 500 px, so a 390 px shot is the
page in a 390 px wide frame at the left of a 500 px window. Install `fonts-noto-cjk` for
Chinese. Keep the pictures out of the repository.
"""

import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGES = [
    ("home", "index.html", ""),
    ("dashboard", "dashboard/index.html", ""),
    ("project", "projects/erp-upgrade/index.html", ""),
    ("lessons", "lessons/index.html", ""),
    ("search", "search/index.html", "?q=%E4%BE%9B%E5%BA%94%E5%95%86"),
]
HEIGHT = 2400


def build(pmo, language, out):
    source = tempfile.mkdtemp(prefix="shots-src-", dir="/dev/shm")
    try:
        for folder in ["content", "data", "static"]:
            shutil.copytree(os.path.join(REPO, folder), os.path.join(source, folder))
        with open(os.path.join(REPO, "site.toml"), encoding="utf-8") as f:
            config = f.read()
        config = config.replace('language = "zh-CN"', f'language = "{language}"')
        with open(os.path.join(source, "site.toml"), "w", encoding="utf-8") as f:
            f.write(config)
        site = os.path.join(out, f"site-{language}")
        subprocess.run([pmo, "--root", source, "build", "--output", site, "--force"],
                       check=True, capture_output=True)
        return site
    finally:
        shutil.rmtree(source, ignore_errors=True)


def shoot(url, png, width):
    profile = tempfile.mkdtemp(prefix="shots-", dir="/dev/shm")
    try:
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--disable-background-networking", "--no-first-run",
             f"--user-data-dir={profile}", f"--window-size={width},{HEIGHT}",
             "--virtual-time-budget=4000", f"--screenshot={png}", url],
            check=True, capture_output=True, timeout=120,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    pmo, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    for language in ["zh-CN", "en"]:
        site = build(pmo, language, out)
        for name, page, query in PAGES:
            url = "file://" + os.path.join(site, page) + query
            shoot(url, os.path.join(out, f"{language}-1280-{name}.png"), 1280)
            frame = os.path.join(site, f"phone-{name}.html")
            with open(frame, "w", encoding="utf-8") as f:
                f.write(f'<!doctype html><html><body style="margin:0;background:#888">'
                        f'<iframe src="{url}" width="390" height="{HEIGHT}" '
                        f'style="border:0;background:#fff"></iframe></body></html>')
            shoot("file://" + frame, os.path.join(out, f"{language}-390-{name}.png"), 500)
            print(f"{language} {name}")


if __name__ == "__main__":
    main()
