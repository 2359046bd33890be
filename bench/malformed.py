#!/usr/bin/env python3
"""A seeded mutation sweep: real sites, one malformed change each, every build judged
against the quality bar (README, "Diagnostics for CI and editors" and "Messages in the
site's language").

The sites: `pmo init --lang zh` and `--lang en` sites grown with every kind of file
(milestones, risks, a review, a report with chart and table blocks, JSON/YAML/XLSX
tables, a template override, audiences), a zh site on its own copy of the default theme
(templates and i18n on disk), the bundled sample portal and a 200-page corpus from
../shared/bench/gen_corpus.py. Each case copies one site (with a built public/) to
/dev/shm, applies ONE mutation and runs `pmo build --format json`, then `pmo check`
(human). A case is a defect when:

- panic: a panic, RUST_BACKTRACE, a signal or a timeout;
- exit: exit code 0 with an error reported, or non-zero with none;
- json: a stdout line that is not a JSON diagnostic;
- position: a line/column outside the named file (line > lines, column > length + 1);
- elsewhere: the build failed and no error names the mutated file;
- language: English prose in a zh site's message (outside `code` and quotes), CJK in an
  en site's, or an error without help;
- public: a failed build changed the previously built public/;
- twice: a successful build run again gives different bytes;
- lost: a source file (anything outside the output folder) changed or vanished;
- output: a build writing into the sources (`--output content`, the site itself, its
  parent, a link to it, a file) went through.

`silent` (a doubtful value built without a word about its file) is listed for review, not
counted as a defect: many such values are fine (a title that is a number).

Not a test: it prints one line per non-clean case and a summary by outcome.

    python3 bench/malformed.py --binary $CARGO_TARGET_DIR/debug/pmo --cases 400 --seed 1
"""

import argparse
import collections
import hashlib
import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "bench" / "gen_corpus.py"

# ---------------------------------------------------------------- xlsx, by hand

XLSX_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{sheets}</Types>'
)
XLSX_SHEET_CT = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
XLSX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org'
    '/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def col_name(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet_xml(rows, merges=(), formulas=None):
    """rows: lists of str/int/float/None; formulas: {(r, c): (formula, cached)}."""
    formulas = formulas or {}
    out = [f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS_MAIN}"><sheetData>']
    for r, row in enumerate(rows):
        out.append(f'<row r="{r + 1}">')
        for c, value in enumerate(row):
            ref = f"{col_name(c)}{r + 1}"
            if (r, c) in formulas:
                f, cached = formulas[(r, c)]
                out.append(f'<c r="{ref}"><f>{esc(f)}</f><v>{cached}</v></c>')
            elif value is None:
                continue
            elif isinstance(value, (int, float)):
                out.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{esc(value)}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData>")
    if merges:
        out.append(f'<mergeCells count="{len(merges)}">')
        out.extend(f'<mergeCell ref="{m}"/>' for m in merges)
        out.append("</mergeCells>")
    out.append("</worksheet>")
    return "".join(out)


def write_xlsx(path, sheets):
    """sheets: [(name, sheet_xml_text)]."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", XLSX_CT.format(
            sheets="".join(XLSX_SHEET_CT.format(n=i + 1) for i in range(len(sheets)))))
        z.writestr("_rels/.rels", XLSX_RELS)
        names = "".join(
            f'<sheet name="{esc(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
            for i, (n, _) in enumerate(sheets))
        z.writestr("xl/workbook.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS_MAIN}" '
                   f'xmlns:r="{NS_REL}"><sheets>{names}</sheets></workbook>')
        rels = "".join(
            f'<Relationship Id="rId{i + 1}" Type="{NS_REL}/worksheet" '
            f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
                   f'schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        for i, (_, text) in enumerate(sheets):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", text)


COSTS = [["部门", "月份", "金额"], ["信息中心", "2026-10", 120000], ["财务部", "2026-10", 80000],
         ["信息中心", "2026-11", 130000], ["财务部", "2026-11", 76000]]

# ---------------------------------------------------------------- base sites

ZH_EXTRA = {
    "content/projects/pilot/milestones.csv":
        "name,baseline,forecast,actual\n项目启动会,2026-10-08,,2026-10-08\n"
        "需求确认,2026-11-15,2026-11-30,\n上线,2027-03-15,,\n",
    "content/projects/pilot/risks.csv":
        "id,title,probability,impact,owner,status,response\n"
        "R-01,关键用户抽调不足,3,4,王芳,open,与部门经理签订投入承诺\n"
        "R-02,接口供应商延期,2,3,李强,closed,合同增加里程碑付款\n",
    "content/projects/second/index.md":
        "---\ntitle: 第二个项目\ncode: PRJ-2026-002\nmanager: 李强\ndepartment: 财务部\n"
        "start: 2026-09-01\nfinish: 2027-02-28\nbac: 300000\ncurrency: CNY\nstatus: active\n---\n\n"
        "财务共享中心建设。\n",
    "content/projects/second/budget.json":
        '[\n  {"period": "2026-09", "pv": 50000, "ev": 48000, "ac": 51000},\n'
        '  {"period": "2026-10", "pv": 50000, "ev": 52000, "ac": 50000},\n'
        '  {"period": "2026-11", "pv": 50000}\n]\n',
    "content/projects/second/milestones.yaml":
        "- name: 方案评审\n  baseline: 2026-09-30\n  actual: 2026-10-09\n"
        "- name: 系统上线\n  baseline: 2027-01-31\n  forecast: 2027-02-15\n",
    "content/reviews/pilot-gate.md":
        "---\ntitle: 试点项目阶段关口评审\ndate: 2026-11-30\nproject: pilot\ntype: phase-gate\n"
        "tags: [评审]\nowner: 王芳\nsummary: 试点项目规划阶段评审通过。\n---\n\n"
        "评审对象为[试点项目](../projects/pilot/index.md)。\n",
    "content/reports/_index.md": "---\ntitle: 报告\n---\n",
    "content/reports/monthly.md":
        "---\ntitle: 2026 年 11 月项目组合报告\ndate: 2026-11-30\n---\n\n"
        '```chart\ntype = "line"\ndata = "projects/pilot/budget"\nx = "period"\n'
        'y = ["pv", "ev", "ac"]\ncumulative = true\ntitle = "试点项目累计 PV / EV / AC"\n```\n\n'
        '```table\ndata = "costs"\ncolumns = ["部门", "月份", "金额"]\nsort = "-金额"\n'
        'title = "部门费用"\n```\n\n'
        '```chart\ntype = "bar"\ndata = "depts"\nx = "name"\ny = "staff"\n```\n',
    "data/depts.yaml": "- name: 信息中心\n  staff: 42\n- name: 财务部\n  staff: 18\n",
    "data/teams.json": '[{"team": "实施组", "size": 6}, {"team": "测试组", "size": 4}]\n',
}
EN_EXTRA = {
    "content/projects/pilot/milestones.csv":
        "name,baseline,forecast,actual\nKick-off,2026-10-08,,2026-10-08\n"
        "Requirements signed off,2026-11-15,2026-11-30,\nGo-live,2027-03-15,,\n",
    "content/projects/pilot/risks.csv":
        "id,title,probability,impact,owner,status,response\n"
        "R-01,Key users not released,3,4,Ann Lee,open,Commitment from line managers\n"
        "R-02,Interface vendor late,2,3,Bo Chen,closed,Milestone payments\n",
    "content/reviews/pilot-gate.md":
        "---\ntitle: Pilot phase-gate review\ndate: 2026-11-30\nproject: pilot\ntype: phase-gate\n"
        "tags: [review]\nowner: Ann Lee\nsummary: Planning gate passed.\n---\n\n"
        "Reviewed [the pilot](../projects/pilot/index.md).\n",
    "content/reports/_index.md": "---\ntitle: Reports\n---\n",
    "content/reports/monthly.md":
        "---\ntitle: Portfolio report, November 2026\ndate: 2026-11-30\n---\n\n"
        '```chart\ntype = "line"\ndata = "projects/pilot/budget"\nx = "period"\n'
        'y = ["pv", "ev", "ac"]\ncumulative = true\n```\n\n'
        '```table\ndata = "costs"\ncolumns = ["部门", "月份", "金额"]\n```\n',
}
ZH_SITE_TOP = 'search_words = ["主数据", "挣值"]\naudiences = ["public", "internal", "pmo"]\n\n'
ZH_SITE_TAIL = (
    '\n[audience_defaults]\n"reviews" = "internal"\n\n[restrict]\nmoney = "internal"\n'
    'money_tables = ["costs"]\n\n[budget]\nbasis = "period"\ntolerance = 0.01\n\n'
    '[currency]\nportfolio = "CNY"\nrates = { USD = 7.1 }\n\n[hygiene]\n'
    'practice_max_age_months = 24\ndata_stale_months = 3\ndraft_max_age_days = 30\n'
)


def run_pmo(binary, args, timeout=90, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k not in ("PMO_LANG", "RUST_BACKTRACE")}
    env.update(env_extra or {})
    try:
        p = subprocess.run([str(binary)] + args, capture_output=True, timeout=timeout, env=env)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, "", f"timeout after {timeout} s"


def make_bases(binary, work):
    bases = {}
    for lang, extra in (("zh", ZH_EXTRA), ("en", EN_EXTRA)):
        site = work / lang
        run_pmo(binary, ["init", "--lang", lang, str(site)])
        for rel, text in extra.items():
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_text(text, encoding="utf-8")
        (site / "data").mkdir(exist_ok=True)
        write_xlsx(site / "data" / "costs.xlsx", [("费用", sheet_xml(COSTS))])
        (site / "templates").mkdir(exist_ok=True)
        shutil.copy(REPO / "themes/default/templates/lesson.html", site / "templates/lesson.html")
        if lang == "zh":
            text = (site / "site.toml").read_text(encoding="utf-8")
            text = text.replace("\n[thresholds]", "\n" + ZH_SITE_TOP + "[thresholds]", 1)
            # `pmo init` writes the site's currency; the tail gives it with a rate.
            text = re.sub(r"\n\[currency\]\n(?:[^\[\n][^\n]*\n|\n)*", "\n", text)
            (site / "site.toml").write_text(text + ZH_SITE_TAIL, encoding="utf-8")
        bases[lang] = site
    theme = work / "zh-theme"
    run_pmo(binary, ["init", "--lang", "zh", str(theme)])
    shutil.copytree(REPO / "themes/default", theme / "themes/custom",
                    ignore=shutil.ignore_patterns("static", "README.md"))
    text = (theme / "site.toml").read_text(encoding="utf-8")
    (theme / "site.toml").write_text(text.replace('search = true', 'search = true\ntheme = "custom"'),
                                     encoding="utf-8")
    bases["zh-theme"] = theme
    sample = work / "sample"
    sample.mkdir()
    for part in ("content", "data", "themes", "static"):
        if (REPO / part).is_dir():
            shutil.copytree(REPO / part, sample / part)
    shutil.copy(REPO / "site.toml", sample / "site.toml")
    bases["sample"] = sample
    corpus = work / "corpus"
    subprocess.run([sys.executable, str(CORPUS), "--pages", "200", "--projects", "6",
                    "--out", str(corpus), "--seed", "7", "--layout", "pmo"],
                   check=True, capture_output=True)
    bases["corpus"] = corpus
    for name, site in bases.items():
        rc, out, err = run_pmo(binary, ["--root", str(site), "build", "--output",
                                        str(site / "public"), "--format", "json"])
        errors = [l for l in out.splitlines() if '"severity":"error"' in l]
        if rc != 0:
            sys.exit(f"base site {name} does not build: {errors[:3]} {err[-400:]}")
    return bases


# ---------------------------------------------------------------- mutations

FIELD_VALUES = ['"文本值"', "42", "[1, 2]", "{a: 1}", "2024-03-18", "", "1e400",
                "99999999999999999999999", "-5", ".nan", ".inf", "2024-02-30", "2024-13-01",
                "24/03/2024", "true", "~", "'未闭合"]
TOML_VALUES = ['"文本值"', "42", "[1, 2]", "{ a = 1 }", "2024-03-18", '""', "1e400",
               "99999999999999999999999", "-5", "nan", "inf", '"2024-02-30"', "2024-13-01",
               '"24/03/2024"', "true", "", '"未闭合']
CELL_VALUES = ["1.200.000,50", "¥1,200", "$1200", "12%", "NaN", "inf", "-5", "1e400", "",
               "２００", "abc", "2024-02-30", "2024-13-01", "24/03/2024", "1 200", "１２"]
JSON_VALUES = ['"文本"', "42", "[1, 2]", '{"a": 1}', '"2024-02-30"', '""', "1e400", "-5",
               "null", "true", '"1.200.000,50"', '"12%"', '"24/03/2024"']
TEMPLATE_BREAKS = ["{{ page.nosuch.deeper }}", "{{ page.title | nosuchfilter }}", "{% if %}",
                   "{% for x in %}", "{{ ", "{% endblock %}", "{% include \"nosuch.html\" %}"]
DOUBTFUL = {"1e400", "99999999999999999999999", "-5", ".nan", ".inf", "nan", "inf", "NaN",
            "1.200.000,50", "¥1,200", "$1200", "12%", "2024-02-30", "2024-13-01",
            "24/03/2024", '"24/03/2024"', '"2024-02-30"', "1 200", "２００", "１２",
            '"1.200.000,50"', '"12%"'}


class Mutation:
    def __init__(self, op, rel, detail=""):
        self.op, self.rel, self.detail = op, rel, detail
        self.named = {rel}   # files an error caused by it may name
        self.doubtful = False
        self.output = None   # an --output other than public/ (the "output" mutation)

    def __str__(self):
        return f"{self.op} {self.rel} {self.detail}".strip()


def lines_of(data):
    return data.split(b"\n")


def front_matter_range(lines):
    if lines and lines[0].strip() in (b"---", b"+++"):
        for i in range(1, len(lines)):
            if lines[i].strip() == lines[0].strip():
                return 1, i
    return None


def pick_field_line(rng, lines, start, end, sep):
    cands = [i for i in range(start, end) if re.match(rb"^\s*[A-Za-z_\"][\w\".-]*\s*" + sep, lines[i])]
    return rng.choice(cands) if cands else None


def mutate(rng, site, rel):
    """Applies one mutation to `site/rel`; returns the Mutation."""
    path = site / rel
    data = path.read_bytes()
    ext = path.suffix.lower()
    generic = ["truncate", "del-line", "dup-line", "swap-lines", "drop-char", "double-char",
               "bom", "crlf", "utf16", "gbk", "nul", "long-line", "empty", "dir",
               "dangling-link", "loop-link", "fifo"]
    special = []
    if ext == ".md":
        special = ["field"] * 5 + ["key-typo"] * 2 + ["tabs", "missing-link", "dup-file",
                                                      "wrong-folder", "case-twin",
                                                      "folder-twin", "null-fields",
                                                      "active-attachment", "reserved"]
        if b"```chart" in data or b"```table" in data:
            special += ["block"] * 4
    elif ext == ".toml":
        special = ["toml-field"] * 5 + ["key-typo"] * 2
    elif ext == ".csv":
        special = ["ragged", "no-header", "dup-column", "cell"] * 2 + ["cell"] * 3
    elif ext in (".json",):
        special = ["json-value"] * 4 + ["trailing-comma"]
    elif ext in (".yaml", ".yml"):
        special = ["field"] * 4 + ["tabs"]
    elif ext == ".xlsx":
        special = ["xlsx-merged", "xlsx-formula", "xlsx-date-number", "xlsx-empty",
                   "xlsx-second-sheet", "xlsx-text-number"]
        generic = ["truncate", "empty", "dir", "dangling-link"]
    elif ext == ".html":
        special = ["template"] * 4
    op = rng.choice(special * 2 + generic if special else generic)
    if rng.random() < 0.04:
        op = "output"
    m = Mutation(op, rel)
    lines = lines_of(data)
    text_lines = [i for i, l in enumerate(lines) if l.strip()]

    def write(b):
        path.write_bytes(b)

    if op == "truncate":
        cut = rng.randrange(0, max(1, len(data)))
        m.detail = f"at byte {cut}"
        write(data[:cut])
    elif op in ("del-line", "dup-line"):
        i = rng.choice(text_lines) if text_lines else 0
        m.detail = f"line {i + 1}"
        if op == "del-line":
            del lines[i]
        else:
            lines.insert(i, lines[i])
        write(b"\n".join(lines))
    elif op == "swap-lines":
        if len(text_lines) >= 2:
            a, b = rng.sample(text_lines, 2)
            lines[a], lines[b] = lines[b], lines[a]
            m.detail = f"lines {a + 1},{b + 1}"
        write(b"\n".join(lines))
    elif op in ("drop-char", "double-char"):
        chars = [i for i, c in enumerate(data) if chr(c) in "\"'[]{}:,="]
        if chars:
            i = rng.choice(chars)
            m.detail = f"{chr(data[i])!r} at byte {i}"
            write(data[:i] + data[i + 1:] if op == "drop-char" else data[:i + 1] + data[i:])
    elif op == "bom":
        write(b"\xef\xbb\xbf" + data)
    elif op == "crlf":
        write(data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    elif op == "utf16":
        write(data.decode("utf-8", "replace").encode("utf-16"))
    elif op == "gbk":
        write(data.decode("utf-8", "replace").encode("gbk", "replace"))
    elif op == "nul":
        i = rng.randrange(0, len(data) + 1)
        m.detail = f"at byte {i}"
        write(data[:i] + b"\x00" + data[i:])
    elif op == "long-line":
        i = rng.choice(text_lines) if text_lines else 0
        m.detail = f"line {i + 1}"
        lines.insert(i + 1, ("长行" * 60000).encode())
        write(b"\n".join(lines))
    elif op == "empty":
        write(b"")
    elif op == "dir":
        path.unlink()
        path.mkdir()
        (path / "inner.txt").write_text("x")
    elif op == "dangling-link":
        path.unlink()
        os.symlink("nowhere-" + path.name, path)
    elif op == "loop-link":
        path.unlink()
        os.symlink(path.name, path)
    elif op == "fifo":
        path.unlink()
        os.mkfifo(path)
    elif op in ("field", "key-typo", "tabs") and ext in (".md", ".yaml", ".yml"):
        fm = front_matter_range(lines) if ext == ".md" else (0, len(lines))
        if fm is None:
            m.op = op + "(no front matter)"
            return m
        toml = ext == ".md" and lines[0].strip() == b"+++"
        i = pick_field_line(rng, lines, fm[0], fm[1], rb"=" if toml else rb":")
        if op == "tabs":
            for j in range(fm[0], fm[1]):
                lines[j] = re.sub(rb"^( +)", lambda mm: b"\t" * (len(mm.group(1)) // 2 or 1), lines[j])
            write(b"\n".join(lines))
        elif i is not None:
            sep = b"=" if toml else b":"
            key, _, _ = lines[i].partition(sep)
            if op == "key-typo":
                k = key.strip().decode()
                typo = k[:-1] if len(k) > 3 and rng.random() < .5 else k[0] + k[2] + k[1] + k[3:] if len(k) > 2 else k + "x"
                lines[i] = key.replace(k.encode(), typo.encode()) + sep + lines[i].partition(sep)[2]
                m.detail = f"line {i + 1}: {k} -> {typo}"
            else:
                value = rng.choice(TOML_VALUES if toml else FIELD_VALUES)
                m.doubtful = value in DOUBTFUL
                lines[i] = key + sep + b" " + value.encode()
                m.detail = f"line {i + 1}: {key.strip().decode()} = {value}"
            write(b"\n".join(lines))
    elif op in ("toml-field", "key-typo"):
        cands = [i for i, l in enumerate(lines) if re.match(rb"^\s*[\w\"-]+\s*=", l)]
        if cands:
            i = rng.choice(cands)
            key, _, rest = lines[i].partition(b"=")
            if op == "key-typo":
                k = key.strip().strip(b'"').decode()
                typo = k[0] + k[2] + k[1] + k[3:] if len(k) > 2 else k + "x"
                lines[i] = key.replace(k.encode(), typo.encode(), 1) + b"=" + rest
                m.detail = f"line {i + 1}: {k} -> {typo}"
            else:
                value = rng.choice(TOML_VALUES)
                m.doubtful = value in DOUBTFUL
                lines[i] = key + b"= " + value.encode()
                m.detail = f"line {i + 1}: {key.strip().decode()} = {value}"
            write(b"\n".join(lines))
    elif op == "missing-link":
        lines.append("\n参见[不存在的页面](nosuch-page.md)和[另一个](../nowhere/x.md#锚点)。\n".encode())
        write(b"\n".join(lines))
    elif op == "dup-file":
        copy = path.with_name(path.stem + "-copy.md")
        shutil.copy(path, copy)
        m.named.add(str(copy.relative_to(site)))
        m.detail = f"-> {copy.name}"
    elif op == "wrong-folder":
        parts = Path(rel).parts
        kinds = ["practices", "lessons", "reviews", "reports", "projects"]
        target = rng.choice([k for k in kinds if k not in parts] or kinds)
        dest = site / "content" / target / path.name
        if path.name in ("_index.md", "index.md"):
            dest = site / "content" / target / f"moved-{path.parent.name}.md"
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists():
            shutil.move(str(path), str(dest))
            m.named.add(str(dest.relative_to(site)))
            m.detail = f"-> {dest.relative_to(site)}"
    elif op == "block":
        inside, cands = False, []
        for i, l in enumerate(lines):
            if l.startswith(b"```chart") or l.startswith(b"```table"):
                inside = True
            elif l.startswith(b"```"):
                inside = False
            elif inside:
                cands.append(i)
        if cands:
            i = rng.choice(cands)
            key, eq, _ = lines[i].partition(b"=")
            choice = rng.random()
            if choice < .5 and eq:
                value = rng.choice(TOML_VALUES + ['"nosuch"', '"projects/nosuch/budget"', '["pv", "zz"]'])
                lines[i] = key + b"= " + value.encode()
                m.detail = f"line {i + 1}: {key.strip().decode()} = {value}"
            elif choice < .75:
                del lines[i]
                m.detail = f"deleted line {i + 1}"
            else:
                lines[i] = lines[i].replace(b"=", b":", 1)
                m.detail = f"line {i + 1}: = -> :"
            write(b"\n".join(lines))
    elif op in ("ragged", "no-header", "dup-column", "cell"):
        rows = [l for l in lines]
        body = [i for i in range(1, len(rows)) if rows[i].strip()]
        if op == "no-header":
            del rows[0]
        elif op == "ragged" and body:
            i = rng.choice(body)
            rows[i] = rows[i] + ",多余".encode() if rng.random() < .5 else rows[i].rsplit(b",", 1)[0]
            m.detail = f"line {i + 1}"
        elif op == "dup-column":
            c = rng.randrange(0, rows[0].count(b",") + 1)
            for i in range(len(rows)):
                if rows[i].strip():
                    cells = rows[i].split(b",")
                    if c < len(cells):
                        cells.insert(c, cells[c])
                    rows[i] = b",".join(cells)
            m.detail = f"column {c + 1}"
        elif op == "cell" and body:
            i = rng.choice(body)
            cells = rows[i].split(b",")
            c = rng.randrange(len(cells))
            value = rng.choice(CELL_VALUES)
            m.doubtful = value in DOUBTFUL
            cells[c] = ('"' + value + '"').encode() if "," in value else value.encode()
            rows[i] = b",".join(cells)
            m.detail = f"line {i + 1} col {c + 1} = {value}"
        write(b"\n".join(rows))
    elif op == "json-value":
        spots = [mm for mm in re.finditer(rb'(?<=: )("[^"]*"|-?[\d.]+)', data)]
        if spots:
            s = rng.choice(spots)
            value = rng.choice(JSON_VALUES)
            m.doubtful = value in DOUBTFUL
            m.detail = f"{s.group().decode()} -> {value}"
            write(data[:s.start()] + value.encode() + data[s.end():])
    elif op == "trailing-comma":
        write(data.replace(b"}\n]", b"},\n]"))
    elif op.startswith("xlsx-"):
        rows = [list(r) for r in COSTS]
        sheets = None
        if op == "xlsx-merged":
            sheets = [("费用", sheet_xml(rows, merges=["A2:A3"]))]
        elif op == "xlsx-formula":
            sheets = [("费用", sheet_xml(rows, formulas={(2, 2): ("C2*2", 160000),
                                                           (3, 2): ("SUM(C2:C3)", "")}))]
        elif op == "xlsx-date-number":
            rows[1][1] = 46296
            sheets = [("费用", sheet_xml(rows))]
        elif op == "xlsx-empty":
            sheets = [("费用", sheet_xml([]))]
        elif op == "xlsx-second-sheet":
            sheets = [("费用", sheet_xml(rows)), ("备注", sheet_xml([["说明"], ["第二张表"]]))]
        elif op == "xlsx-text-number":
            rows[2][2] = "80,000.00"
            rows[3][2] = "1.200.000,50"
            m.doubtful = True
            sheets = [("费用", sheet_xml(rows))]
        path.unlink()
        write_xlsx(path, sheets)
    elif op == "template":
        i = rng.randrange(len(lines))
        brk = rng.choice(TEMPLATE_BREAKS)
        lines.insert(i, brk.encode())
        m.detail = f"line {i + 1}: {brk}"
        write(b"\n".join(lines))
    elif op == "case-twin":
        # The same page again under a name differing only in case (Windows and macOS
        # authors never see the two apart; addresses are lowercase).
        stem = path.stem
        twin = stem.upper() if stem.upper() != stem else stem.capitalize()
        if twin == stem or not re.search(r"[A-Za-z]", stem):
            twin = "X" + stem
            mate = path.with_name("x" + stem + ".md")
            shutil.copy(path, mate)
            m.named.add(str(mate.relative_to(site)))
        copy = path.with_name(twin + ".md")
        shutil.copy(path, copy)
        m.named.add(str(copy.relative_to(site)))
        m.detail = f"-> {copy.name}"
    elif op == "folder-twin":
        # A page named like the folder beside it (`practices.md` next to `practices/`).
        folder = path.parent
        if folder.name != "content":
            twin = folder.with_name(folder.name + ".md")
            shutil.copy(path, twin)
            m.named.add(str(twin.relative_to(site)))
            m.named.add(str(folder.relative_to(site)))
            m.detail = f"-> {twin.relative_to(site)}"
    elif op == "null-fields":
        fm = front_matter_range(lines)
        if fm:
            toml = lines[0].strip() == b"+++"
            sep = rb"=" if toml else rb":"
            for j in range(fm[0], fm[1]):
                if re.match(rb"^[A-Za-z_][\w-]*\s*" + sep, lines[j]):
                    key = lines[j].split(sep[-1:], 1)[0]
                    lines[j] = key + (b'= ""' if toml else b": null")
            write(b"\n".join(lines))
    elif op == "active-attachment":
        # A diagram or an HTML export beside the page that would run a script.
        name, text = rng.choice([
            ("流程图.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<rect width="9" onload="alert(1)"/>\n</svg>\n'),
            ("架构.svg", '<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;avascript:alert(1)"><text>x</text></a></svg>'),
            ("导出.html", "<p>报表</p><script>alert(1)</script>"),
        ])
        extra = path.with_name(name)
        extra.write_text(text, encoding="utf-8")
        m.named.add(str(extra.relative_to(site)))
        m.detail = f"+ {name}"
    elif op == "reserved":
        # A page at an address the portal writes itself.
        name = rng.choice(["search.md", "tags.md", "sitemap.xml.md", "dashboard/index.md",
                           "categories/x.md"])
        dest = site / "content" / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, dest)
        m.named.add(str(dest.relative_to(site)))
        m.detail = f"-> content/{name}"
    elif op == "output":
        # --output somewhere a build must never write: the sources, the site, its
        # parent, a link to it, a file.
        choice = rng.choice(["content", ".", "content/lessons", "static", "data",
                             "templates", "..", "link", "site.toml"])
        if choice == "link":
            link = site / "public-link"
            os.symlink(".", link)
            m.output = link
        else:
            m.output = (site / choice).resolve() if choice == ".." else site / choice
        m.named.add(str(m.output))
        m.detail = f"--output {choice}"
    return m


# ---------------------------------------------------------------- judging

ENGLISH = re.compile(r"(?<![`\w./-])[A-Za-z][a-z]{3,}(?: [a-z]{2,}){1,}")
QUOTED = re.compile(r"`[^`]*`|\"[^\"]*\"|“[^”]*”|'[^']*'|‘[^’]*’|「[^」]*」")
CJK = re.compile(r"[\u4e00-\u9fff]")


def tree_hash(root):
    h = {}
    if not root.exists():
        return h
    for dirpath, _, files in os.walk(root):
        for f in files:
            p = Path(dirpath) / f
            h[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return h


def sources_hash(site):
    """Every regular file outside the output folder (a named pipe is not read)."""
    h = {}
    for dirpath, dirs, files in os.walk(site):
        if Path(dirpath) == site:
            dirs[:] = [d for d in dirs if d != "public"]
        for f in files:
            p = Path(dirpath) / f
            if stat.S_ISREG(os.lstat(p).st_mode):
                h[str(p.relative_to(site))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return h


def read_lines(path):
    data = path.read_bytes()
    for enc in ("utf-8-sig", "utf-16", "gbk", "latin-1"):
        try:
            text = data.decode(enc)
            if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            break
        except UnicodeDecodeError:
            continue
    return [l.rstrip("\r") for l in text.split("\n")]


# Terms a Chinese message keeps in English on purpose (the file format's own words).
KEPT_TERMS = re.compile(r"front matter|Front matter|YAML|TOML|JSON|CSV|Markdown")


def language_problems(text, lang):
    bare = KEPT_TERMS.sub("", QUOTED.sub("", text or ""))
    if lang == "zh":
        hit = ENGLISH.search(bare)
        return hit.group() if hit else None
    hit = CJK.search(bare)
    return bare[max(0, hit.start() - 10):hit.start() + 10] if hit else None


def judge(binary, site, lang, m, base_public):
    out_dir = m.output or site / "public"
    defects, notes = [], []
    # The parent of the site holds the other cases: only the site's own files are judged.
    sources = sources_hash(site)
    t0 = time.monotonic()
    rc, out, err = run_pmo(binary, ["--root", str(site), "build", "--output", str(out_dir),
                                    "--format", "json"])
    secs = time.monotonic() - t0
    if rc is None or rc < 0 or rc == 101 or "panicked" in out + err or "RUST_BACKTRACE" in out + err:
        return ["panic"], [err[-600:]], rc, secs
    diags = []
    for line in out.splitlines():
        try:
            diags.append(json.loads(line))
        except ValueError:
            defects.append("json")
            notes.append(f"not JSON: {line[:120]}")
    errors = [d for d in diags if d.get("severity") == "error"]
    if (rc == 0) == bool(errors):
        defects.append("exit")
        notes.append(f"rc={rc} with {len(errors)} errors: {err[-200:]}")
    for d in diags:
        f = d.get("file")
        if not f:
            notes.append(f"no file: {d.get('message')}")
            defects.append("position")
            continue
        p = site / f
        if d.get("line") is not None and p.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
            # A workbook's line and column are its cell's row and column.
            if not (d["line"] >= 1 and (d.get("column") or 0) >= 1):
                defects.append("position")
                notes.append(f"{f}:{d['line']}:{d.get('column')} is no cell")
        elif d.get("line") is not None:
            if not p.is_file():
                defects.append("position")
                notes.append(f"{f}:{d['line']} is not a readable file")
                continue
            ls = read_lines(p)
            for pos in (d, d.get("end") or {}):
                ln, col = pos.get("line"), pos.get("column")
                if ln is None:
                    continue
                if not (1 <= ln <= len(ls)) or col is None or not (1 <= col <= len(ls[ln - 1]) + 1):
                    defects.append("position")
                    width = len(ls[ln - 1]) if 1 <= ln <= len(ls) else "-"
                    notes.append(f"{f}:{ln}:{col} outside ({len(ls)} lines, width {width}): {d['message'][:100]}")
        for field in ("message", "help"):
            leak = language_problems(d.get(field), lang)
            if leak:
                defects.append("language")
                notes.append(f"{field} not in {lang}: {leak!r} in {d.get(field)[:140]!r}")
        if d.get("severity") == "error" and not d.get("help"):
            defects.append("language")
            notes.append(f"error without help: {d.get('message')[:140]}")
    if errors and not any(d.get("file") in m.named for d in errors):
        defects.append("elsewhere")
        notes.append("errors name " + ", ".join(sorted({str(d.get('file')) for d in errors}))[:200])
    if sources_hash(site) != sources:
        after = sources_hash(site)
        changed = sorted(k for k in set(after) | set(sources) if after.get(k) != sources.get(k))
        defects.append("lost")
        notes.append(f"sources changed: {changed[:5]}")
    if m.output is not None:
        if rc == 0:
            defects.append("output")
            notes.append(f"built into {m.output}")
        return sorted(set(defects)), notes, rc, time.monotonic() - t0
    if rc != 0:
        if tree_hash(out_dir) != base_public:
            defects.append("public")
            notes.append("public/ changed by a failed build")
    else:
        first = tree_hash(out_dir)
        rc2, _, err2 = run_pmo(binary, ["--root", str(site), "build", "--output", str(out_dir)])
        if rc2 != 0 or tree_hash(out_dir) != first:
            a = tree_hash(out_dir)
            diff = sorted(k for k in set(a) | set(first) if a.get(k) != first.get(k))
            defects.append("twice")
            notes.append(f"second build differs: rc={rc2} {diff[:5]}")
        if m.doubtful and not any(d.get("file") in m.named for d in diags):
            notes.append("silent: doubtful value built without a word about its file")
    rc3, _, human = run_pmo(binary, ["--root", str(site), "check"])
    if rc3 is None or rc3 == 101 or "panicked" in human:
        defects.append("panic")
        notes.append("check: " + human[-300:])
    for line in human.splitlines():
        s = line.strip()
        if s.startswith(("×", "⚠", "help:")) or "help:" in s[:8]:
            leak = language_problems(s, lang)
            if leak:
                defects.append("language")
                notes.append(f"human not in {lang}: {s[:140]!r}")
    return sorted(set(defects)), notes, rc, secs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=str(REPO / "target" / "debug" / "pmo"))
    ap.add_argument("--cases", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", help="run only case numbers, e.g. 3,17")
    ap.add_argument("--keep", help="copy each defective case's site here")
    ap.add_argument("--json", help="write every case's outcome here")
    args = ap.parse_args()
    shm = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix="pmo-malformed-", dir=shm))
    only = {int(x) for x in args.only.split(",")} if args.only else None
    try:
        bases = make_bases(args.binary, work / "bases")
        langs = {"zh": "zh", "en": "en", "zh-theme": "zh", "sample": "zh", "corpus": "zh"}
        weights = {"zh": 40, "en": 20, "zh-theme": 12, "sample": 16, "corpus": 12}
        files = {}
        publics = {}
        for name, site in bases.items():
            files[name] = sorted(
                str(p.relative_to(site)) for p in site.rglob("*")
                if p.is_file() and "public" not in p.relative_to(site).parts
                and p.name not in (".gitignore", ".gitkeep", ".pmo-output")
                and p.suffix.lower() in (".md", ".toml", ".csv", ".json", ".yaml", ".yml",
                                         ".xlsx", ".html"))
            publics[name] = tree_hash(site / "public")
        rng = random.Random(args.seed)
        counts, results = collections.Counter(), []
        for n in range(args.cases):
            case_rng = random.Random(rng.random())
            base = case_rng.choices(list(weights), weights=list(weights.values()))[0]
            pool = files[base]
            if base in ("sample", "corpus", "zh-theme"):
                # Favour the kinds of file rather than the many pages of one kind.
                by_ext = collections.defaultdict(list)
                for f in pool:
                    key = f.split("/")[0] + Path(f).suffix if not f.startswith("content/") else \
                        "/".join(f.split("/")[:2]) + Path(f).suffix
                    by_ext[key].append(f)
                rel = case_rng.choice(by_ext[case_rng.choice(sorted(by_ext))])
            else:
                rel = case_rng.choice(pool)
            if only is not None and n not in only:
                continue
            site = work / f"case-{n}"
            shutil.copytree(bases[base], site, symlinks=True)
            m = mutate(case_rng, site, rel)
            defects, notes, rc, secs = judge(args.binary, site, langs[base], m, publics[base])
            outcome = ",".join(defects) if defects else ("built" if rc == 0 else "refused")
            for d in defects or [outcome]:
                counts[d] += 1
            silent = any(n.startswith("silent") for n in notes)
            counts["silent (review)"] += silent
            results.append({"case": n, "base": base, "mutation": str(m), "rc": rc,
                            "outcome": outcome, "notes": notes, "seconds": round(secs, 2)})
            if defects or silent:
                print(f"#{n} [{base}] {m}: {outcome} {'silent' if silent else ''}", flush=True)
                for note in notes[:4]:
                    print("    " + note.replace("\n", " ")[:300], flush=True)
                if args.keep and defects:
                    try:
                        shutil.copytree(site, Path(args.keep) / f"case-{n}", symlinks=True,
                                        ignore=shutil.ignore_patterns("public"))
                    except shutil.Error:
                        pass  # a FIFO is not copied; the rest is
            shutil.rmtree(site, ignore_errors=True)
        print(f"\n{len(results)} mutations (seed {args.seed}):")
        for k, v in sorted(counts.items(), key=lambda kv: -kv[1]):
            print(f"  {k:18} {v}")
        if args.json:
            Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
