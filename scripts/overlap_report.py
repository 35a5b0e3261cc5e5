"""Which codes of other linters fire where an XFA rule fires — the data behind docs/overlap.md.

Each rule's flagged example (``RULES[code].bad``) is written to a temporary tree under the
rule's ``example_path``; ruff (``--select ALL``), flake8 with flake8-async, flake8-bugbear,
flake8-logging-format and flake8-datetimez (``--select ASYNC,B,B9,G,DTZ``) and bandit run
over that tree once each, and every code of theirs whose reported span covers a line where
our rule fires is recorded. Tools that are not installed are skipped (and named).

The tools are documentation tooling, not dependencies of this package; install them in a
separate environment and point the script at its ``bin`` directory:

    python3 -m venv /tmp/venv-overlap
    /tmp/venv-overlap/bin/pip install ruff flake8 flake8-async flake8-bugbear \\
        flake8-logging-format flake8-datetimez bandit
    python scripts/overlap_report.py --bin /tmp/venv-overlap/bin            # curated table
    python scripts/overlap_report.py --bin /tmp/venv-overlap/bin --raw      # every same-line code
    python scripts/overlap_report.py --bin /tmp/venv-overlap/bin XFA1 XFA8  # some rules only
    python scripts/overlap_report.py --bin /tmp/venv-overlap/bin --eval     # + tests/eval coverage

The curated table (``CURATED`` below) lists only codes that catch the same problem; each
entry is checked against the run: ``verified`` when it fired on the example's flagged line,
``NOT FIRED`` otherwise (then the entry, or the example, needs a look). ``--check`` exits 1
when a curated entry did not fire.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from flake8_fastapi_conventions import rules as _rules  # noqa: E402,F401
from flake8_fastapi_conventions.registry import RULES  # noqa: E402
from harness import EVAL_DIR, check, load  # noqa: E402

#: XFA code → [(tool, code, note)]; note "" = catches the same thing, otherwise "partial: …".
#: Tools: ruff, flake8-async, flake8-bugbear, flake8-logging-format, flake8-datetimez, bandit.
CURATED: dict[str, list[tuple[str, str, str]]] = {
    "XFA101": [("ruff", "ASYNC210", ""), ("flake8-async", "ASYNC210", "")],
    "XFA102": [("ruff", "ASYNC251", ""), ("flake8-async", "ASYNC251", "")],
    "XFA103": [
        ("ruff", "ASYNC230", "same for builtin open()"),
        ("ruff", "ASYNC240", "same for pathlib.Path methods"),
        ("flake8-async", "ASYNC230", "partial: builtin open() only"),
    ],
    "XFA104": [
        ("ruff", "ASYNC221", ""), ("ruff", "ASYNC220", ""),
        ("flake8-async", "ASYNC221", ""), ("flake8-async", "ASYNC220", ""),
    ],
    "XFA107": [
        ("ruff", "RUF006", ""),
        ("flake8-async", "ASYNC300", "partial: create_task, not ensure_future"),
    ],
    "XFA109": [("flake8-async", "ASYNC124", "same for route handlers; theirs flags every async def")],
    "XFA207": [("ruff", "TID252", "partial: every relative import from a parent package")],
    "XFA301": [("ruff", "ANN201", "partial: a route with response_model= still needs it")],
    "XFA309": [
        ("ruff", "FAST002", ""),
        ("ruff", "B008", "partial: any call in a default; usually silenced for Depends/Query"),
        ("flake8-bugbear", "B008", "partial: any call in a default; usually silenced for Depends/Query"),
    ],
    "XFA313": [("ruff", "ANN001", "partial: every function, not only route handlers")],
    "XFA406": [
        ("ruff", "N805", "partial: flags the `cls` name and suggests `self`, the wrong fix"),
        ("flake8-bugbear", "B902", "partial: flags the `cls` name and suggests `self`, the wrong fix"),
    ],
    "XFA411": [
        ("ruff", "DTZ003", "same for utcnow()"), ("ruff", "DTZ005", "same for now()"),
        ("ruff", "DTZ002", "same for today()"), ("ruff", "DTZ004", "same for utcfromtimestamp()"),
        ("flake8-datetimez", "DTZ003", "same for utcnow()"),
        ("flake8-datetimez", "DTZ005", "same for now()"),
        ("flake8-datetimez", "DTZ002", "same for today()"),
        ("flake8-datetimez", "DTZ004", "same for utcfromtimestamp()"),
    ],
    "XFA512": [
        ("ruff", "S608", "partial: only strings that look like SQL; also outside text()/execute"),
        ("bandit", "B608", "partial: only strings that look like SQL; also outside text()/execute"),
    ],
    "XFA610": [("ruff", "S105", "partial: password/secret/token names, not database_url/dsn")],
    "XFA701": [
        ("ruff", "S105", "partial: name-based; no URLs with an inline password"),
        ("ruff", "S106", "partial: keyword arguments"), ("ruff", "S107", "partial: parameter defaults"),
        ("bandit", "B105", "partial: name-based; no URLs with an inline password"),
        ("bandit", "B106", "partial: keyword arguments"), ("bandit", "B107", "partial: parameter defaults"),
    ],
    "XFA705": [
        ("ruff", "S324", "partial: md5/sha1 anywhere; not sha256 of a password"),
        ("bandit", "B324", "partial: md5/sha1 anywhere; not sha256 of a password"),
    ],
    "XFA801": [
        ("ruff", "G004", "same for f-strings"), ("ruff", "G002", "same for %"),
        ("ruff", "G001", "same for .format()"), ("ruff", "G003", "same for +"),
        ("flake8-logging-format", "G004", "same for f-strings"),
        ("flake8-logging-format", "G002", "same for %"),
        ("flake8-logging-format", "G001", "same for .format()"),
        ("flake8-logging-format", "G003", "same for +"),
    ],
    "XFA804": [("ruff", "TRY400", "")],
    "XFA805": [("ruff", "T201", "")],
    "XFA809": [
        ("ruff", "S110", "partial: only `except Exception`/bare `except`; ignores comments"),
        ("ruff", "SIM105", "partial: suggests contextlib.suppress, which we accept"),
        ("bandit", "B110", "partial: only `except Exception`/bare `except`; ignores comments"),
    ],
    "XFA810": [("ruff", "B904", ""), ("flake8-bugbear", "B904", "")],
    "XFA901": [("ruff", "PLR0915", "partial: counts statements (default 50), not lines")],
    "XFA903": [("ruff", "PLR0913", "partial: every argument (default 5), not primitives")],
    "XFA904": [
        ("ruff", "ANN001", "partial: every file"), ("ruff", "ANN201", "partial: every file"),
    ],
    "XFA907": [
        ("ruff-preview", "PLR1702", "partial: any nested block (default 5 levels)"),
        ("ruff", "SIM102", "partial: only nested ifs that can be collapsed"),
    ],
}

#: XFA code → extra flagged sources (checked under the rule's example_path): variants of the
#: pattern that other tools have separate codes for. Our rule must fire on each of them too.
PROBES: dict[str, tuple[str, ...]] = {
    "XFA101": (
        "import httpx\nimport urllib.request\n\n\n"
        "async def fetch(url: str) -> bytes:\n"
        "    httpx.get(url)\n"
        "    return urllib.request.urlopen(url).read()\n",
    ),
    "XFA103": (
        "from pathlib import Path\n\n\n"
        "async def load() -> str:\n"
        "    return Path('config.json').read_text()\n",
    ),
    "XFA104": (
        "import os\nimport subprocess\n\n\n"
        "async def run(cmd: str) -> None:\n"
        "    os.system(cmd)\n"
        "    subprocess.Popen(['ls'])\n",
    ),
    "XFA107": (
        "import asyncio\n\n\n"
        "async def main(coro) -> None:\n"
        "    asyncio.ensure_future(coro)\n",
    ),
    "XFA411": (
        "from datetime import datetime\n\n\n"
        "def stamps() -> list:\n"
        "    a = datetime.now()\n"
        "    b = datetime.today()\n"
        "    c = datetime.utcfromtimestamp(0)\n"
        "    return [a, b, c]\n",
    ),
    "XFA512": (
        "from sqlalchemy import text\n\n\n"
        "async def find(db, name: str):\n"
        "    return await db.execute(text(\"SELECT * FROM users WHERE name = '{}'\".format(name)))\n",
    ),
    "XFA701": (
        "def connect(host: str, password: str = 'hunter2') -> None:\n"
        "    open_connection(host, token='tok_live_123')\n",
    ),
    "XFA705": (
        "import hashlib\n\n\n"
        "def hash_password(password: str) -> str:\n"
        "    return hashlib.md5(password.encode()).hexdigest()\n",
    ),
    "XFA801": (
        "import logging\n\nlogger = logging.getLogger(__name__)\n\n\n"
        "def report(user_id: int) -> None:\n"
        "    logger.info('user %s' % user_id)\n"
        "    logger.info('user {}'.format(user_id))\n"
        "    logger.info('user ' + str(user_id))\n",
    ),
    "XFA809": (
        "def cleanup(path: str) -> None:\n"
        "    try:\n"
        "        remove(path)\n"
        "    except Exception:\n"
        "        pass\n"
        "    try:\n"
        "        remove(path)\n"
        "    except:\n"
        "        pass\n",
    ),
    "XFA901": (
        "def long_function() -> int:\n"
        + "".join(f"    x{i} = {i}\n" for i in range(55))
        + "    return x0\n",
    ),
    "XFA907": (
        "def nested(a: int) -> int:\n"
        + "".join("    " * (i + 1) + f"if a > {i}:\n" for i in range(6))
        + "    " * 7 + "return a\n"
        + "    return 0\n",
    ),
}

FLAKE8_PLUGINS = {
    "ASYNC": "flake8-async",
    "B": "flake8-bugbear",
    "G": "flake8-logging-format",
    "DTZ": "flake8-datetimez",
}


def find_tool(name: str, bin_dir: Path | None) -> str | None:
    if bin_dir is not None:
        candidate = bin_dir / name
        return str(candidate) if candidate.exists() else None
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    return shutil.which(name)


Case = tuple[str, str, str, str]  # XFA code, label, path, source


def cases(codes: list[str]) -> list[Case]:
    """The flagged example of each rule, then its probes (variants other tools know about)."""
    out: list[Case] = []
    for code in codes:
        r = RULES[code]
        out.append((code, "example", r.example_path, r.bad + "\n"))
        for i, source in enumerate(PROBES.get(code, ()), 1):
            out.append((code, f"probe {i}", r.example_path, source))
    return out


def write_cases(all_cases: list[Case], tmp: Path) -> dict[Path, tuple[str, str, set[int]]]:
    """Write each case; map its file → (code, label, lines where the code fires)."""
    files: dict[Path, tuple[str, str, set[int]]] = {}
    for n, (code, label, rel, source) in enumerate(all_cases):
        lines = {line for line, _, c in check(source, rel, select=[code]) if c == code}
        if not lines:
            print(f"warning: {code} {label}: our rule does not fire on it", file=sys.stderr)
        path = tmp / f"{code}_{n}" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
        files[path.resolve()] = (code, label, lines)
    return files


Finding = tuple[Path, int, int, str]  # file, first line, last line, code


def run_ruff(exe: str, tmp: Path, preview: bool = False) -> list[Finding]:
    proc = subprocess.run(
        [exe, "check", "--select", "ALL", "--isolated", "--target-version", "py312",
         "--no-cache", "--output-format", "json", "--exit-zero", str(tmp)]
        + (["--preview"] if preview else []),
        capture_output=True, text=True, check=False,
    )
    out = []
    for item in json.loads(proc.stdout or "[]"):
        start = item["location"]["row"]
        end = (item.get("end_location") or item["location"])["row"]
        out.append((Path(item["filename"]).resolve(), start, end, item["code"] or "E999"))
    return out


def _flake8(exe: str, targets: list[Path], jobs: str = "auto") -> subprocess.CompletedProcess:
    return subprocess.run(
        [exe, "--isolated", "--select", "ASYNC,B,B9,G,DTZ", "--enable", "ASYNC", "--jobs", jobs,
         "--format", "%(path)s\t%(row)d\t%(code)s", *map(str, targets)],
        capture_output=True, text=True, check=False,
    )


def _flake8_failed(proc: subprocess.CompletedProcess) -> bool:
    return "Traceback" in proc.stderr or "failed during execution" in proc.stdout


def run_flake8(exe: str, tmp: Path) -> list[Finding]:
    procs = [_flake8(exe, [tmp])]
    if _flake8_failed(procs[0]):
        # A plugin that crashes on one file aborts the whole run (flake8-async's libcst on
        # PEP 695 syntax or a lambda decorator): run each case directory on its own instead.
        # Chunks of case directories first, then one directory at a time inside the chunks
        # that still crash.
        dirs = sorted(p for p in tmp.iterdir() if p.is_dir())
        chunks = [dirs[i : i + 20] for i in range(0, len(dirs), 20)]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as pool:
            chunk_procs = list(pool.map(lambda c: _flake8(exe, c, "1"), chunks))
            procs, retry = [], []
            for chunk, proc in zip(chunks, chunk_procs):
                (retry.extend(chunk) if _flake8_failed(proc) else procs.append(proc))
            single = list(pool.map(lambda d: _flake8(exe, [d], "1"), retry))
        for d, proc in zip(retry, single):
            if _flake8_failed(proc):
                print(f"note: a flake8 plugin crashed on {d.name}, its results are missing",
                      file=sys.stderr)
            else:
                procs.append(proc)
    out = []
    for proc in procs:
        for line in proc.stdout.splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[1].isdigit():
                out.append((Path(parts[0]).resolve(), int(parts[1]), int(parts[1]), parts[2]))
    return out


def run_bandit(exe: str, tmp: Path) -> list[Finding]:
    proc = subprocess.run(
        [exe, "-r", "-q", "-f", "json", str(tmp)], capture_output=True, text=True, check=False
    )
    out = []
    for item in json.loads(proc.stdout or "{}").get("results", []):
        rng = item.get("line_range") or [item["line_number"]]
        out.append((Path(item["filename"]).resolve(), min(rng), max(rng), item["test_id"]))
    return out


def run_ruff_preview(exe: str, tmp: Path) -> list[Finding]:
    return run_ruff(exe, tmp, preview=True)


def tool_of(code: str, runner: str) -> str:
    if runner in ("ruff", "ruff-preview"):
        return runner
    if runner == "bandit":
        return "bandit"
    for prefix in sorted(FLAKE8_PLUGINS, key=len, reverse=True):
        if code.startswith(prefix):
            return FLAKE8_PLUGINS[prefix]
    return "flake8"


Hits = dict[str, dict[str, dict[str, set[str]]]]  # XFA code → tool → other code → case labels


def collect(codes: list[str], bin_dir: Path | None) -> tuple[Hits, list[str]]:
    """Codes of the other tools whose span covers a line where the XFA code fires."""
    hits: Hits = {c: defaultdict(lambda: defaultdict(set)) for c in codes}
    missing: list[str] = []
    runners = (
        ("ruff", "ruff", run_ruff),
        ("ruff-preview", "ruff", run_ruff_preview),
        ("flake8", "flake8", run_flake8),
        ("bandit", "bandit", run_bandit),
    )
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d).resolve()
        files = write_cases(cases(codes), tmp)
        for name, exe_name, runner in runners:
            exe = find_tool(exe_name, bin_dir)
            if exe is None:
                if exe_name not in missing:
                    missing.append(exe_name)
                continue
            for path, first, last, other in runner(exe, tmp):
                if path not in files:
                    continue
                code, label, lines = files[path]
                if any(first <= line <= last for line in lines):
                    hits[code][tool_of(other, name)][other].add(label)
    for code in codes:  # a code that also fires without --preview is not a preview code
        stable = hits[code].get("ruff", {})
        preview = hits[code].get("ruff-preview", {})
        for other in list(preview):
            if other in stable:
                del preview[other]
    return hits, missing


def eval_coverage(bin_dir: Path | None, codes: list[str]) -> dict[tuple[str, str, str], tuple[int, int, int]]:
    """For each curated pair: (our eval findings, of those also caught, their extra lines).

    Runs the tools over tests/eval (each file under its ``# path:``): how many of our rule's
    findings the other code also reports on the same line, and on how many other lines of
    the rule's own eval files (its near-misses) the other code fires where we stay silent.
    """
    ours: dict[str, set[tuple[Path, int]]] = defaultdict(set)
    own_files: dict[str, set[Path]] = defaultdict(set)
    theirs: dict[str, set[tuple[Path, int, int]]] = defaultdict(set)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d).resolve()
        for n, src in enumerate(sorted(EVAL_DIR.glob("XFA*.py"))):
            ef = load(src)
            path = (tmp / f"e{n}" / ef.check_path).resolve()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(ef.source, encoding="utf-8")
            for line, _, code in ef.actual():
                ours[code].add((path, line))
            for code in codes:
                if src.name.startswith(code):
                    own_files[code].add(path)
        runners = (("ruff", "ruff", run_ruff), ("ruff-preview", "ruff", run_ruff_preview),
                   ("flake8", "flake8", run_flake8), ("bandit", "bandit", run_bandit))
        for name, exe_name, runner in runners:
            exe = find_tool(exe_name, bin_dir)
            if exe is None:
                continue
            for path, first, last, other in runner(exe, tmp):
                theirs[tool_of(other, name) + ":" + other].add((path, first, last))
    out = {}
    for code in codes:
        for tool, other, _ in CURATED.get(code, []):
            spans = theirs.get(f"{tool}:{other}", set())
            mine = ours.get(code, set())
            caught = sum(1 for p, ln in mine if any(p == q and a <= ln <= b for q, a, b in spans))
            silent = {(q, a) for q, a, b in spans if q in own_files[code]
                      and not any(p == q and a <= ln <= b for p, ln in mine)}
            out[(code, tool, other)] = (len(mine), caught, len(silent))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("prefixes", nargs="*", help="only rules whose code starts with one of these")
    ap.add_argument("--bin", type=Path, help="directory holding ruff, flake8 and bandit")
    ap.add_argument("--raw", action="store_true", help="print every same-line code, uncurated")
    ap.add_argument("--check", action="store_true", help="exit 1 if a curated code did not fire")
    ap.add_argument("--eval", action="store_true",
                    help="also run the tools over tests/eval: how many of our findings they share")
    args = ap.parse_args(argv)

    codes = [c for c in sorted(RULES) if not args.prefixes or c.startswith(tuple(args.prefixes))]
    hits, missing = collect(codes, args.bin)
    for name in missing:
        print(f"note: {name} not found, skipped", file=sys.stderr)

    failed = 0
    if args.raw:
        print("| rule | tool | codes on the same line |")
        print("|---|---|---|")
        for code in codes:
            for tool, found in sorted(hits[code].items()):
                if found:
                    shown = ", ".join(f"{o} ({'/'.join(sorted(found[o]))})" for o in sorted(found))
                    print(f"| {code} | {tool} | {shown} |")
        return 0

    cover = eval_coverage(args.bin, codes) if args.eval else {}
    extra = " eval: both / ours | extra lines |" if args.eval else ""
    print("| rule | other tool's code | overlap | verified on |" + extra)
    print("|---|---|---|---|" + ("---|---|" if args.eval else ""))
    for code in codes:
        entries = CURATED.get(code, [])
        if not entries:
            print(f"| {code} {RULES[code].name} | — | | |" + (" | |" if args.eval else ""))
            continue
        for tool, other, note in entries:
            runner = tool if tool in ("bandit", "flake8") else "ruff" if "ruff" in tool else "flake8"
            labels = hits[code].get(tool, {}).get(other)
            if runner in missing:
                status = "skipped (not installed)"
            elif labels:
                status = ", ".join(sorted(labels))
            else:
                status = "NOT FIRED"
                failed += 1
            row = f"| {code} {RULES[code].name} | {tool} `{other}` | {note or 'same'} | {status} |"
            if args.eval:
                n, both, silent = cover.get((code, tool, other), (0, 0, 0))
                row += f" {both}/{n} | {silent} |"
            print(row)
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
