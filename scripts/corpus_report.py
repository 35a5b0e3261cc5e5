"""Run the plugin over a directory of projects; report per project and per rule.

    python scripts/corpus_report.py /path/to/corpus [--all] [--findings findings.txt] [--json out.json]

Each immediate subdirectory of the corpus directory is a project. For every project and
rule: findings, files with findings; per project: files, crashes (exceptions inside a
rule, which are bugs) and time. ``--findings`` writes every finding as
``path:line:col: message`` — the list to read when measuring precision.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import time
import warnings
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flake8_fastapi_conventions import walker  # noqa: E402
from flake8_fastapi_conventions.checker import run_checks  # noqa: E402
from flake8_fastapi_conventions.registry import RULES  # noqa: E402
from flake8_fastapi_conventions.settings import Settings, enabled_codes  # noqa: E402


def project_files(project: Path):
    for path in sorted(project.rglob("*.py")):
        if "__pycache__" not in path.parts and not any(p.startswith(".") for p in path.relative_to(project).parts):
            yield path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--all", action="store_true", help="also the rules that are off by default")
    parser.add_argument("--select", default="", help="comma-separated codes/prefixes to report")
    parser.add_argument("--findings", type=Path, help="write every finding to this file")
    parser.add_argument("--json", type=Path, help="write the report as JSON")
    args = parser.parse_args(argv)

    enabled = frozenset(RULES) if args.all else enabled_codes(None, None)
    settings = Settings(enabled=enabled)
    wanted = tuple(s.strip() for s in args.select.split(",") if s.strip())
    projects = sorted(p for p in args.corpus.iterdir() if p.is_dir()) or [args.corpus]
    report: dict[str, dict] = {}
    lines_out: list[str] = []
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
                tree = ast.parse(path.read_bytes(), rel)
            except (SyntaxError, ValueError, RecursionError):
                unparsable += 1
                continue
            files += 1
            for line, col, message in run_checks(tree, rel, settings):
                code = message.split(" ", 1)[0]
                if wanted and not code.startswith(wanted):
                    continue
                per_rule[code] += 1
                files_per_rule[code].add(rel)
                lines_out.append(f"{rel}:{line}:{col + 1}: {message}")
        elapsed = time.perf_counter() - started
        report[project.name] = {
            "files": files,
            "unparsable": unparsable,
            "seconds": round(elapsed, 3),
            "crashes": walker.failures[crashes_before:],
            "rules": {c: {"findings": per_rule[c], "files": len(files_per_rule[c])} for c in sorted(per_rule)},
        }

    print(f"| project | files | findings | crashes | seconds |\n|---|---|---|---|---|")
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
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
