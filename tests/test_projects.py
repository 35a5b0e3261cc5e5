"""Multi-module projects under tests/projects/: findings that need the project index, checked
through real flake8 on the whole tree, with --jobs, with a cold and a warm cache, and file by
file through stdin as editors run it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

PROJECTS_DIR = Path(__file__).parent / "projects"
PROJECTS = sorted(p for p in PROJECTS_DIR.iterdir() if (p / ".flake8").is_file())
_EXPECT = re.compile(r"#\s*error:\s*(.+?)\s*$")
_ITEM = re.compile(r"^(XFA\d{3}):(\d+)$")
_OUTPUT = re.compile(r"^(.+?):(\d+):(\d+): (XFA\d{3}) ")


def expected(project: Path) -> set[tuple[str, int, int, str]]:
    found = set()
    for path in sorted(project.rglob("*.py")):
        rel = path.relative_to(project).as_posix()
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            m = _EXPECT.search(line)
            if not m:
                continue
            for item in m.group(1).split(","):
                im = _ITEM.match(item.strip())
                assert im, f"{rel}:{lineno}: bad expectation {item!r}"
                found.add((rel, lineno, int(im.group(2)), im.group(1)))
    return found


def flake8(project: Path, *args: str, stdin: str | None = None) -> set[tuple[str, int, int, str]]:
    result = subprocess.run(
        [sys.executable, "-m", "flake8", *args],
        cwd=project,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1) and not result.stderr, result.stderr
    found = set()
    for line in result.stdout.splitlines():
        m = _OUTPUT.match(line)
        assert m, line
        rel = m.group(1)
        rel = rel[2:] if rel.startswith("./") else rel
        found.add((rel, int(m.group(2)), int(m.group(3)), m.group(4)))
    return found


def report(expected_set, actual) -> str:
    return f"missing {sorted(expected_set - actual)}, unexpected {sorted(actual - expected_set)}"


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_whole_tree_cold_then_warm(project: Path, tmp_path: Path):
    want = expected(project)
    assert want, f"{project.name} expects no finding"
    cache = f"--fastapi-cache-dir={tmp_path / 'cache'}"
    cold = flake8(project, cache, ".")
    assert cold == want, report(want, cold)
    assert any((tmp_path / "cache").rglob("*.json")), "the cold run wrote no cache entry"
    warm = flake8(project, cache, ".")
    assert warm == want, report(want, warm)


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_jobs_two_equals_jobs_one(project: Path, tmp_path: Path):
    one = flake8(project, "--jobs=1", f"--fastapi-cache-dir={tmp_path / 'a'}", ".")
    two = flake8(project, "--jobs=2", f"--fastapi-cache-dir={tmp_path / 'b'}", ".")
    assert one == two


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_each_file_through_stdin_uses_the_rest_of_the_project(project: Path):
    want = expected(project)
    for path in sorted(project.rglob("*.py")):
        rel = path.relative_to(project).as_posix()
        mine = {f for f in want if f[0] == rel}
        got = flake8(project, "--fastapi-no-cache", "--stdin-display-name", rel, "-", stdin=path.read_text(encoding="utf-8"))
        assert got == mine, f"{rel}: {report(mine, got)}"


def test_an_unsaved_buffer_never_enters_the_cache_as_its_saved_file(tmp_path: Path):
    # editor mode: the buffer makes ``Thing`` a Pydantic model, the saved file does not
    project = tmp_path / "proj"
    (project / "app").mkdir(parents=True)
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    (project / "app/__init__.py").write_text("", encoding="utf-8")
    (project / "app/models.py").write_text("class Thing:\n    def dict(self):\n        return {}\n", encoding="utf-8")
    (project / "app/use.py").write_text(
        "from app.models import Thing\n\n\ndef dump(thing: Thing) -> dict:\n    return thing.dict()\n",
        encoding="utf-8",
    )
    cache = f"--fastapi-cache-dir={tmp_path / 'cache'}"
    buffer = "from pydantic import BaseModel\n\n\nclass Thing(BaseModel):\n    name: str\n"
    flake8(project, cache, "--select=XFA", "--stdin-display-name", "app/models.py", "-", stdin=buffer)
    # with the buffer as the module, app/use.py would call .dict() on a Pydantic model
    assert {f[3] for f in flake8(project, cache, "--select=XFA", "--stdin-display-name", "app/use.py", "-",
                                 stdin=(project / "app/use.py").read_text(encoding="utf-8"))} == set()
    assert flake8(project, cache, "--select=XFA", "app/use.py") == set()
    # saved, the same content is the module's
    (project / "app/models.py").write_text(buffer, encoding="utf-8")
    assert {f[3] for f in flake8(project, cache, "--select=XFA", "app/use.py")} == {"XFA402"}
