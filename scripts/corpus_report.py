"""Run the plugin over a directory of projects; report per project and per rule.

    python scripts/corpus_report.py /path/to/corpus [--all] [--findings findings.txt] [--json out.json]
        [--sample 20 --seed 7 --sample-dir samples/]

Each immediate subdirectory of the corpus directory is a project. For every project and
rule: findings, files with findings; per project: files, crashes (exceptions inside a
rule, which are bugs) and time. ``--findings`` writes every finding as
``path:line:col: message`` — the list to read when measuring precision. ``--sample-dir``
writes, per rule, every finding (20 or fewer) or a seeded random sample of ``--sample`` of them,
each with the source lines around it: the reading list of docs/precision.md.
"""

from __future__ import annotations

import argparse
import ast
import io
import os
import json
import random
import sys
import time
import tokenize
import warnings
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flake8_fastapi_conventions import walker  # noqa: E402
from flake8_fastapi_conventions.checker import run_checks  # noqa: E402
from flake8_fastapi_conventions.registry import RULES  # noqa: E402
from flake8_fastapi_conventions.settings import Settings, enabled_codes  # noqa: E402


#: what flake8 excludes by default; dot-directories such as .github/ are checked
_EXCLUDED = frozenset({".svn", "CVS", ".bzr", ".hg", ".git", "__pycache__", ".tox", ".nox", ".eggs"})


def project_files(project: Path):
    for path in sorted(project.rglob("*.py")):
        parts = path.relative_to(project).parts
        if not any(p in _EXCLUDED or p.endswith(".egg") for p in parts):
            yield path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--all", action="store_true", help="also the rules that are off by default")
    parser.add_argument("--select", default="", help="comma-separated codes/prefixes to report")
    parser.add_argument("--findings", type=Path, help="write every finding to this file")
    parser.add_argument("--json", type=Path, help="write the report as JSON")
    parser.add_argument("--sample-dir", type=Path, help="write a reading sample per rule here")
    parser.add_argument("--sample", type=int, default=20, help="findings per rule in the sample (default 20)")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the sample (default 7)")
    args = parser.parse_args(argv)
    args.corpus = args.corpus.resolve()
    for name in ("findings", "json", "sample_dir"):  # output paths as the user gave them
        if getattr(args, name) is not None:
            setattr(args, name, getattr(args, name).resolve())
    # paths are reported relative to the corpus, and the project index resolves them from here
    os.chdir(args.corpus)

    enabled = frozenset(RULES) if args.all else enabled_codes(None, None)
    settings = Settings(enabled=enabled)
    wanted = tuple(s.strip() for s in args.select.split(",") if s.strip())
    projects = sorted(p for p in args.corpus.iterdir() if p.is_dir()) or [args.corpus]
    report: dict[str, dict] = {}
    lines_out: list[str] = []
    found: list[tuple[str, str, int, int, str]] = []
    warnings.simplefilter("ignore")
    for project in projects:
        per_rule: Counter[str] = Counter()
        files_per_rule: dict[str, set[str]] = defaultdict(set)
        crashes_before = len(walker.failures)
        files = unparsable = 0
        started = time.perf_counter()
        for path in project_files(project):
            rel = str(path.relative_to(args.corpus))
            try:
                data = path.read_bytes()
                tree = ast.parse(data, rel)
                encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
                lines = data.decode(encoding).splitlines(keepends=True)
            except (SyntaxError, ValueError, RecursionError, LookupError):
                unparsable += 1
                continue
            files += 1
            # the physical lines, as flake8 passes them (XFA809 reads comments)
            for line, col, message in run_checks(tree, rel, settings, lines):
                code = message.split(" ", 1)[0]
                if wanted and not code.startswith(wanted):
                    continue
                per_rule[code] += 1
                files_per_rule[code].add(rel)
                lines_out.append(f"{rel}:{line}:{col + 1}: {message}")
                found.append((code, rel, line, col + 1, message))
        elapsed = time.perf_counter() - started
        report[project.name] = {
            "files": files,
            "unparsable": unparsable,
            "seconds": round(elapsed, 3),
            "crashes": walker.failures[crashes_before:],
            "rules": {c: {"findings": per_rule[c], "files": len(files_per_rule[c])} for c in sorted(per_rule)},
        }

    print("| project | files | findings | crashes | seconds |\n|---|---|---|---|---|")
    for name, r in report.items():
        total = sum(v["findings"] for v in r["rules"].values())
        print(f"| {name} | {r['files']} | {total} | {len(r['crashes'])} | {r['seconds']} |")
    codes = sorted({c for r in report.values() for c in r["rules"]})
    if codes:
        print("\n| rule | " + " | ".join(report) + " |")
        print("|---|" + "---|" * len(report))
        for code in codes:
            cells = []
            for r in report.values():
                hit = r["rules"].get(code)
                cells.append(f"{hit['findings']} ({hit['files']} files)" if hit else "")
            print(f"| {code} | " + " | ".join(cells) + " |")
    crashes = [c for r in report.values() for c in r["crashes"]]
    for crash in crashes:
        print("CRASH", *crash, file=sys.stderr)
    if args.findings:
        args.findings.write_text("\n".join(lines_out) + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    if args.sample_dir:
        write_samples(args.corpus, found, args.sample_dir, args.sample, args.seed)
    return 1 if crashes else 0


def write_samples(corpus: Path, found, out: Path, size: int, seed: int) -> None:
    by_rule: dict[str, list] = defaultdict(list)
    for code, rel, line, col, message in found:
        by_rule[code].append((rel, line, col, message))
    out.mkdir(parents=True, exist_ok=True)
    for code, items in sorted(by_rule.items()):
        items.sort()
        picked = items if len(items) <= size else random.Random(seed).sample(items, size)
        text = [f"### {code}: {len(items)} findings, reading {len(picked)} (seed {seed})"]
        for i, (rel, line, col, message) in enumerate(picked):
            source = (corpus / rel).read_text(encoding="utf-8", errors="replace").splitlines()
            text.append(f"--- [{i}] {rel}:{line}:{col} {message}")
            for k in range(max(1, line - 3), min(len(source), line + 1) + 1):
                text.append(f"{'>' if k == line else ' '}{k:5} {source[k - 1]}")
        (out / f"{code}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
