"""Benchmark: ``fastapi-conventions check`` against ``ruff check --select ALL --no-cache``.

    python bench/bench_check.py [--repeat 3] [--baseline SRC] TREE [TREE ...]

Both run single-threaded on the same trees (``check --jobs 1``; ruff with
``RAYON_NUM_THREADS=1``), alternated, and the median CPU time (user + sys of the child
process) of ``--repeat`` runs is kept. ``flake8 --select XFA --jobs 1`` with this plugin is
measured beside them, for the share of flake8's own machinery. ruff comes from the
interpreter's environment (``pip install ruff``) or ``PATH``. Prints a Markdown table;
nothing here is a test. Run it on application code (the target of the fixer/CLI issue:
``check`` within 3x ruff).

``--baseline SRC`` adds a row for another version of this package, a source tree holding
``flake8_fastapi_conventions/`` (e.g. ``git archive main | tar -x -C SRC``), run as
``python -m flake8_fastapi_conventions.cli check`` with ``PYTHONPATH=SRC``: before and
after in one run. The runs go without ``PYTHONDONTWRITEBYTECODE``, so that the untimed
first run leaves the bytecode an installed package has (pip compiles it); with that
variable set every run would compile the plugin's ~110 modules again (about 0.1 s). The load average before and after is printed: the machine may be shared.
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
    parser.add_argument("--baseline", type=Path, help="source tree of another version of this package")
    args = parser.parse_args()
    ruff = shutil.which("ruff", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if ruff is None:
        sys.exit("ruff is not installed: pip install ruff")
    trees = [str(t.resolve()) for t in args.trees]
    env = {**os.environ, "RAYON_NUM_THREADS": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bin_dir = Path(sys.executable).parent
    envs: dict[str, dict[str, str]] = {}
    # every run without a cache, as ruff's --no-cache
    runs = {
        "ruff check --select ALL --no-cache": [ruff, "check", "--select", "ALL", "--no-cache", "--exit-zero", "--isolated", *trees],
        "fastapi-conventions check --jobs 1": [
            str(bin_dir / "fastapi-conventions"), "check", "--isolated", "--jobs", "1",
            "--fastapi-no-cache", *trees,
        ],
    }
    if args.baseline is not None:
        src = args.baseline.resolve()
        if not (src / "flake8_fastapi_conventions" / "cli.py").is_file():
            sys.exit(f"{src}: no flake8_fastapi_conventions/cli.py")
        runs[f"baseline ({src.name}) check --jobs 1"] = [
            sys.executable, "-m", "flake8_fastapi_conventions.cli", "check",
            "--isolated", "--jobs", "1", "--fastapi-no-cache", *trees,
        ]
        envs[f"baseline ({src.name}) check --jobs 1"] = {**env, "PYTHONPATH": str(src)}
    runs |= {
        "flake8 --select XFA --jobs 1": [
            str(bin_dir / "flake8"), "--isolated", "--select", "XFA", "--jobs", "1",
            "--fastapi-no-cache", *trees,
        ],
    }
    load_before = os.getloadavg()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for name, cmd in runs.items():  # untimed: the OS's file cache, the interpreters' bytecode
        cpu_seconds(cmd, Path.cwd(), envs.get(name, env))
    for _ in range(args.repeat):
        for name, cmd in runs.items():
            times[name].append(cpu_seconds(cmd, Path.cwd(), envs.get(name, env)))
    ruff_time = statistics.median(times["ruff check --select ALL --no-cache"])
    files = sum(1 for t in trees for _ in Path(t).rglob("*.py"))
    load_after = os.getloadavg()
    print(f"{files} Python files; median CPU seconds of {args.repeat} runs, single-threaded")
    print(f"load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after\n")
    print("| run | CPU seconds | ratio to ruff | per-run ratios |")
    print("|---|---|---|---|")
    for name, values in times.items():
        median = statistics.median(values)
        spread = f"{min(values) / ruff_time:.2f}-{max(values) / ruff_time:.2f}"
        print(f"| {name} | {median:.2f} | {median / ruff_time:.2f}x | {spread} |")


if __name__ == "__main__":
    main()
