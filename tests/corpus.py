"""Run every rule over whole trees of real code and collect exceptions."""

from __future__ import annotations

import ast
import os
import sysconfig
import warnings
from pathlib import Path
from typing import Iterable, Iterator

from flake8_fastapi_conventions import walker
from flake8_fastapi_conventions.checker import run_checks
from flake8_fastapi_conventions.registry import RULES
from flake8_fastapi_conventions.settings import Settings


def all_rules() -> Settings:
    return Settings(enabled=frozenset(RULES))


def python_files(*roots: Path | str, skip: Iterable[str] = ()) -> Iterator[Path]:
    skipped = {"__pycache__", *skip}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in skipped]
            for name in filenames:
                if name.endswith(".py"):
                    yield Path(dirpath, name)


def interpreter_files() -> Iterator[Path]:
    """The running interpreter's standard library and its installed site-packages
    (a base interpreter's own site-packages below the stdlib directory is not walked
    when running from a virtual environment)."""
    paths = sysconfig.get_paths()
    yield from python_files(paths["stdlib"], skip=("site-packages", "dist-packages"))
    for site in sorted({paths["purelib"], paths["platlib"]}):
        yield from python_files(site)


def run_over(files: Iterable[Path], settings: Settings | None = None) -> tuple[int, int, list]:
    """(files checked, findings, failures) — files that do not parse are skipped."""
    settings = settings or all_rules()
    start = len(walker.failures)
    checked = findings = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in files:
            try:
                tree = ast.parse(path.read_bytes(), str(path))
            except (SyntaxError, ValueError, OSError, RecursionError, MemoryError):
                continue
            checked += 1
            findings += len(run_checks(tree, str(path), settings))
    return checked, findings, walker.failures[start:]
