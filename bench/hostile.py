#!/usr/bin/env python3
"""Times `pmo build` of the bundled sample portal with one hostile input added at a time
(issue 11: "no input makes a build take more than a few seconds or ~500 MB beyond what
the same site without it takes"), against the same site without it.

Each case is added to a fresh copy of the sample portal (search on, output on tmpfs).
A case may end in an error (a refused input, named at its place) or in a built site;
what matters is the time and memory it costs. Prints one line per case and a JSON
report. Not a test: nothing here asserts a time.

    python3 bench/hostile.py               # every case, the release binary
    python3 bench/hostile.py --case word   # one case
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FRONT = "---\ntitle: {title}\n---\n\n"


def page(root, name, body, title="恶意输入"):
    path = root / "content" / "reports" / f"{name}.md"
    path.write_text(FRONT.format(title=title) + body, encoding="utf-8")


def long_line(root):
    words = ["项目", "风险", "delay", "budget", "供应商", "进度"]
    line = " ".join(words[i % 6] for i in range(1_700_000))[:10_000_000]
    page(root, "long-line", line + "\n")


def nested_divs(root):
    page(root, "nested", "<div>" * 100_000 + "\n")


def nested_quotes(root):
    page(root, "quotes", ">" * 100_000 + " 引用\n")


def chart_series(root):
    rows = "".join(f"n{i},g{i},{i}\n" for i in range(10_000))
    (root / "data" / "wide.csv").write_text("name,group,value\n" + rows, encoding="utf-8")
    page(
        root,
        "wide-chart",
        '```chart\ntype = "line"\ndata = "wide"\nx = "name"\ny = "value"\nseries = "group"\n```\n',
    )


def long_word(root):
    page(root, "word", "a" * 33_000 + "\n")


def hex_dump(root):
    dump = "".join(f"{i % 256:02x}" for i in range(20_000))
    page(root, "hex", "```\n" + dump + "\n```\n")


def shared_prefix(root):
    prefix = "p" * 2_000
    page(root, "prefix", " ".join(f"{prefix}{i}" for i in range(40)) + "\n")


def inflating_workbook(root):
    """A 400 KB .xlsx whose shared strings inflate to about 400 MB."""
    path = root / "data" / "bomb.xlsx"
    strings = "<si><t>" + "x" * 1_000_000 + "</t></si>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="400" uniqueCount="400">'
            + strings * 400
            + "</sst>",
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
        )


CASES = {
    "baseline": lambda root: None,
    "long-line": long_line,
    "nested-divs": nested_divs,
    "nested-quotes": nested_quotes,
    "chart-series": chart_series,
    "word": long_word,
    "hex-dump": hex_dump,
    "shared-prefix": shared_prefix,
    "xlsx-bomb": inflating_workbook,
}


def run(binary, site, out, timeout):
    cmd = ["/usr/bin/time", "-f", "@@%e %M", str(binary), "--root", str(site), "build",
           "--output", str(out), "--force"]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "rss_mib": None, "status": f"still running after {timeout} s"}
    marker = proc.stderr.rsplit("@@", 1)[1].split()
    first_error = next((l.strip() for l in proc.stderr.splitlines() if "×" in l), "")
    return {
        "seconds": float(marker[0]),
        "rss_mib": round(int(marker[1]) / 1024, 1),
        "status": "built" if proc.returncode == 0 else f"refused: {first_error[:120]}",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--case", choices=list(CASES), action="append")
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--no-build", action="store_true", help="use the release binary as it is")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    # Where cargo put it: CARGO_TARGET_DIR when set, as cargo itself reads it.
    binary = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target") / "release" / "pmo"
    if not binary.is_file():
        sys.exit(f"no release binary at {binary}: build it, or leave out --no-build")
    shm = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix="pmo-hostile-", dir=shm))
    report = {}
    try:
        for name in ["baseline"] + [c for c in (args.case or CASES) if c != "baseline"]:
            site = work / name
            shutil.copytree(REPO, site, ignore=shutil.ignore_patterns(
                "target", "public", ".git", ".public.*", "bench", "tests", "src", "docs"))
            text = (site / "site.toml").read_text(encoding="utf-8")
            if "search = true" not in text:
                (site / "site.toml").write_text(text + "\nsearch = true\n", encoding="utf-8")
            (site / "data").mkdir(exist_ok=True)
            CASES[name](site)
            result = run(binary, site, work / f"{name}-out", args.timeout)
            report[name] = result
            print(f"{name:14} {result['seconds']!s:>7} s {result['rss_mib']!s:>8} MiB  {result['status']}",
                  file=sys.stderr)
            shutil.rmtree(site, ignore_errors=True)
            shutil.rmtree(work / f"{name}-out", ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
