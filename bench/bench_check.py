"""Benchmark: ``fastapi-conventions check`` against ``ruff check --select ALL --no-cache``.

    python bench/bench_check.py [--repeat 3] TREE [TREE ...]

Both run single-threaded on the same trees (``check --jobs 1``; ruff with
``RAYON_NUM_THREADS=1``), alternated, and the median CPU time (user + sys of the child
process) of ``--repeat`` runs is kept. ``flake8 --select XFA --jobs 1`` with this plugin is
measured beside them, for the share of flake8's own machinery. ruff comes from the
interpreter's environment (``pip install ruff``) or ``PATH``. Prints a Markdown table;
nothing here is a test. Run it on application code (the target of the fixer/CLI issue:
``check`` within 3x ruff).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
from pathlib import Path


def cpu_seconds(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ruff = shutil.which("ruff", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if ruff is None:
        sys.exit("ruff is not installed: pip install ruff")
    trees = [str(t.resolve()) for t in args.trees]
    env = {**os.environ, "RAYON_NUM_THREADS": "1"}
    bin_dir = Path(sys.executable).parent
    # every run without a cache, as ruff's --no-cache
    runs = {
        "ruff check --select ALL --no-cache": [ruff, "check", "--select", "ALL", "--no-cache", "--exit-zero", "--isolated", *trees],
        "fastapi-conventions check --jobs 1": [
            str(bin_dir / "fastapi-conventions"), "check", "--isolated", "--jobs", "1",
            "--fastapi-no-cache", *trees,
        ],
        "flake8 --select XFA --jobs 1": [
            str(bin_dir / "flake8"), "--isolated", "--select", "XFA", "--jobs", "1",
            "--fastapi-no-cache", *trees,
        ],
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    for name, cmd in runs.items():  # untimed: the OS's file cache, the interpreters' bytecode
        cpu_seconds(cmd, Path.cwd(), env)
    for _ in range(args.repeat):
        for name, cmd in runs.items():
            times[name].append(cpu_seconds(cmd, Path.cwd(), env))
    ruff_time = statistics.median(times["ruff check --select ALL --no-cache"])
    files = sum(1 for t in trees for _ in Path(t).rglob("*.py"))
    print(f"{files} Python files; median CPU seconds of {args.repeat} runs, single-threaded\n")
    print("| run | CPU seconds | ratio to ruff |")
    print("|---|---|---|")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.2f} | {median / ruff_time:.2f}x |")


if __name__ == "__main__":
    main()
