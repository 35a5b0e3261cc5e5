"""Benchmark: the fixer on one large file, against flake8 checking the same file.

    python bench/bench_fix.py [--functions 10000] [--repeat 3]

Generates (in a temporary directory, nothing is kept) a module of ``--functions`` async
functions that each call ``time.sleep()`` — 4 lines and one fixable XFA102 finding each, so
the default is a 40,000-line file with 10,000 fixes — then measures, in one run, the CPU time
of ``fastapi-conventions fix`` on it and of ``flake8 --select XFA`` on the unfixed file, and
prints the ratio. The fixer's work must grow with the file plus its findings: the target is
a ratio of at most 2. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def generate(functions: int) -> str:
    parts = ["import time\n\n"]
    for i in range(functions):
        parts.append(f"\nasync def f{i}() -> int:\n    time.sleep({i % 7})\n    return {i}\n")
    return "".join(parts)


def cpu_of(cmd: list[str], cwd: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--functions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    source = generate(args.functions)
    bindir = Path(sys.executable).parent
    fixer = shutil.which("fastapi-conventions", path=str(bindir)) or "fastapi-conventions"
    fix_times, check_times = [], []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        target = root / "app" / "big.py"
        target.parent.mkdir()
        for _ in range(args.repeat):
            target.write_text(source, encoding="utf-8")
            check_times.append(cpu_of([sys.executable, "-m", "flake8", "--isolated", "--select", "XFA", "app"], root))
            fix_times.append(cpu_of([fixer, "fix", "-q", "--no-progress", "--isolated", "app"], root))
            fixed = target.read_text(encoding="utf-8")
            assert "asyncio.sleep" in fixed and "time.sleep" not in fixed, "the fixer did not fix the file"
    lines = source.count("\n")
    fix, check = statistics.median(fix_times), statistics.median(check_times)
    print("| file | fixes | flake8 --select XFA (CPU s) | fastapi-conventions fix (CPU s) | ratio |")
    print("|---|---|---|---|---|")
    print(f"| {lines:,} lines | {args.functions:,} | {check:.2f} | {fix:.2f} | {fix / check:.2f}x |")
    print(f"\n(median of {args.repeat}; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
