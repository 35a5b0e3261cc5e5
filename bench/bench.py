"""Benchmark: what the plugin adds to a flake8 run, measured in one run.

    python bench/bench.py [--repeat 3] [--no-bugbear] [EXTRA_TREE ...]

On one tree (the standard library of this interpreter, FastAPI's sdist downloaded into
bench/.cache, and every EXTRA_TREE given) it measures:

(a) whole-process ``flake8 --jobs 1`` with the plugin against flake8 without it, as a
    ratio of wall time and of peak RSS (three virtual environments under bench/.venvs:
    bare flake8, flake8 + this plugin, flake8 + flake8-bugbear; same flake8 version);
(b) the plugin's own time over the parsed trees against a do-nothing
    ``ast.NodeVisitor`` pass over the same trees (in this process);
(c) ratio (a) for flake8-bugbear, the reference users know.

Runs alternate between the environments and the median of ``--repeat`` runs is kept.
Prints a Markdown table; nothing here is a test.
"""

from __future__ import annotations

import argparse
import ast
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import time
import venv
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench"
CACHE = HERE / ".cache"
VENVS = HERE / ".venvs"


def fastapi_sdist() -> Path | None:
    CACHE.mkdir(parents=True, exist_ok=True)
    found = sorted(CACHE.glob("fastapi-*/"))
    if found:
        return found[-1]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-binary", ":all:", "--no-deps", "fastapi", "-d", str(CACHE)],
        check=False,
    )
    archives = sorted(CACHE.glob("fastapi-*.tar.gz"))
    if not archives:
        print("could not download FastAPI's sdist; measuring without it", file=sys.stderr)
        return None
    with tarfile.open(archives[-1]) as tar:
        tar.extractall(CACHE, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(CACHE)
    return sorted(CACHE.glob("fastapi-*/"))[-1]


def flake8_version() -> str:
    from importlib.metadata import version

    return version("flake8")


def make_venv(name: str, *packages: str, refresh: str | None = None) -> Path:
    """A virtual environment with ``packages``; ``refresh`` is reinstalled every run (the
    plugin, installed from a wheel as users get it: bytecode compiled at install time)."""
    path = VENVS / name
    python = path / "bin" / "python"
    if not python.exists():
        venv.create(path, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *packages], check=True)
    if refresh:
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", refresh],
            check=True,
        )
    return python


EXCLUDED = ("__pycache__", "site-packages", "dist-packages")


def run_flake8(python: Path, trees: list[Path]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one
    ``flake8 --jobs 1`` process. CPU time is the steadier figure on a shared machine."""
    started = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.Popen(
        [
            str(python), "-m", "flake8", "--jobs", "1", "--exit-zero", "--isolated",
            "--extend-exclude", ",".join(EXCLUDED), *map(str, trees),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def visitor_ratio(files: list[Path]) -> tuple[float, float, int]:
    sys.path.insert(0, str(ROOT))
    from flake8_fastapi_conventions.checker import run_checks
    from flake8_fastapi_conventions.settings import Settings

    trees = []
    warnings.simplefilter("ignore")
    for path in files:
        try:
            trees.append((str(path), ast.parse(path.read_bytes())))
        except (SyntaxError, ValueError, RecursionError):
            pass  # flake8 reports E999 for these; neither pass can walk them
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))

    class Nothing(ast.NodeVisitor):
        pass

    settings = Settings()
    best_visit = best_plugin = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _, tree in trees:
            Nothing().visit(tree)
        best_visit = min(best_visit, time.perf_counter() - started)
        started = time.perf_counter()
        for name, tree in trees:
            run_checks(tree, name, settings)
        best_plugin = min(best_plugin, time.perf_counter() - started)
    return best_visit, best_plugin, len(trees)


def main() -> None:
    parser = argparse.ArgumentParser(description="flake8-fastapi-conventions benchmark")
    parser.add_argument("trees", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-bugbear", action="store_true")
    args = parser.parse_args()

    import sysconfig

    stdlib = Path(sysconfig.get_paths()["stdlib"])
    sdist = fastapi_sdist()
    trees = [stdlib, *([sdist] if sdist else []), *args.trees]
    files = []
    for tree in trees:
        for dirpath, dirnames, filenames in os.walk(tree):
            dirnames[:] = [d for d in dirnames if d not in EXCLUDED and not d.startswith(".")]
            files += [Path(dirpath, f) for f in filenames if f.endswith(".py")]

    version = flake8_version()
    envs = {
        "bare flake8": make_venv("bare", f"flake8=={version}"),
        "flake8 + flake8-fastapi-conventions": make_venv("plugin", f"flake8=={version}", str(ROOT), refresh=str(ROOT)),
    }
    if not args.no_bugbear:
        envs["flake8 + flake8-bugbear"] = make_venv("bugbear", f"flake8=={version}", "flake8-bugbear")
    times: dict[str, list[float]] = {k: [] for k in envs}
    cpu: dict[str, list[float]] = {k: [] for k in envs}
    rss: dict[str, list[int]] = {k: [] for k in envs}
    for _ in range(args.repeat):
        for name, python in envs.items():
            seconds, cpu_seconds, peak = run_flake8(python, trees)
            times[name].append(seconds)
            cpu[name].append(cpu_seconds)
            rss[name].append(peak)

    visit, plugin, parsed = visitor_ratio(files)
    bare_t = statistics.median(times["bare flake8"])
    bare_c = statistics.median(cpu["bare flake8"])
    bare_m = statistics.median(rss["bare flake8"])
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, flake8 {version}")
    print(f"Tree: {len(files)} files ({parsed} parsed): stdlib" + (f", {sdist.name}" if sdist else "") + "".join(f", {t}" for t in args.trees))
    print(f"Median of {args.repeat} runs of `flake8 --jobs 1`, environments alternated.\n")
    print("| run | CPU seconds | CPU ratio to bare flake8 | wall seconds | wall ratio | peak RSS MiB | RSS ratio |")
    print("|---|---|---|---|---|---|---|")
    for name in envs:
        t = statistics.median(times[name])
        c = statistics.median(cpu[name])
        m = statistics.median(rss[name])
        print(
            f"| {name} | {c:.1f} | {c / bare_c:.3f} | {t:.1f} | {t / bare_t:.3f} "
            f"| {m / 1024:.1f} | {m / bare_m:.3f} |"
        )
    print("\n| in-process pass over the parsed trees | seconds | ratio |\n|---|---|---|")
    print(f"| do-nothing ast.NodeVisitor | {visit:.2f} | 1.00 |")
    print(f"| flake8-fastapi-conventions (default rules) | {plugin:.2f} | {plugin / visit:.2f} |")


if __name__ == "__main__":
    main()
