"""What an editor's flake8 pays at start-up, a new process per check: the lint path's code
read from one bundle (flake8_fastapi_conventions/_bundle.py) and the project's targets kept in
its cache (targets.stored_targets). The times are in bench/bench.py
(``--stdin-file-in-project``); these tests hold the behaviour."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import flake8_fastapi_conventions
from flake8_fastapi_conventions import cache as cache_mod
from flake8_fastapi_conventions import targets as targets_mod
from flake8_fastapi_conventions.cache import entry_name

PACKAGE = Path(flake8_fastapi_conventions.__file__).parent
READ_TARGETS = targets_mod.read_targets  # lru-cached; a test stands a failing one in its place
BUNDLES = f"flake8-fastapi-conventions/lint-path-*.{sys.implementation.cache_tag}.bundle"

# what the process reports: where the rules package and one rule module were loaded from,
# whether the edited module's mark is there, and the findings of a bad route
PROBE = """
import sys
import flake8_fastapi_conventions.checker as checker
import ast
# the package itself and _bundle are imported before the bundle is opened
mods = [m for n, m in sys.modules.items() if n.startswith("flake8_fastapi_conventions.") and n != "flake8_fastapi_conventions._bundle"]
loaders = sorted({type(m.__spec__.loader).__name__ for m in mods if m.__spec__ and m.__spec__.origin and m.__spec__.origin.endswith(".py")})
blocking = sys.modules["flake8_fastapi_conventions.rules.async_io.blocking_calls"]
source = "import time\\nfrom fastapi import FastAPI\\napp = FastAPI()\\n@app.get('/')\\nasync def f():\\n    time.sleep(1)\\n"
found = checker.run_checks(ast.parse(source), "app/main.py", checker.Checker.settings, source.splitlines(True))
print(loaders, type(blocking.__spec__.loader).__name__, getattr(blocking, "MARK", None), [(l, c, m.split()[0]) for l, c, m in found])
"""


@pytest.fixture
def package_copy(tmp_path):
    """The package copied without its compiled files, importable from ``tmp_path``; the
    user's cache directory is ``tmp_path / "cache"``."""
    shutil.copytree(PACKAGE, tmp_path / PACKAGE.name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def bundles(root: Path) -> list[Path]:
    return list((root / "cache").glob(BUNDLES))


def probe(root: Path, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    environ.update({"PYTHONPATH": str(root), "XDG_CACHE_HOME": str(root / "cache"), "HOME": str(root), **env})
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=environ, cwd=root, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_second_process_reads_the_lint_path_from_the_bundle_with_the_same_findings(package_copy):
    first = probe(package_copy)
    assert len(bundles(package_copy)) == 1
    assert not list(package_copy.glob(f"{PACKAGE.name}/**/*.bundle"))  # nothing in the installation
    second = probe(package_copy)
    assert first == "['SourceFileLoader'] SourceFileLoader None [(6, 4, 'XFA102')]"
    assert second == "['_Finder'] _Finder None [(6, 4, 'XFA102')]"


def test_an_edited_module_is_read_from_its_source_and_the_bundle_rewritten(package_copy):
    probe(package_copy)
    module = package_copy / PACKAGE.name / "rules" / "async_io" / "blocking_calls.py"
    module.write_text(module.read_text() + "\nMARK = 'edited'\n")
    edited = probe(package_copy)
    assert edited == "['SourceFileLoader', '_Finder'] SourceFileLoader edited [(6, 4, 'XFA102')]"
    again = probe(package_copy)
    assert again == "['_Finder'] _Finder edited [(6, 4, 'XFA102')]"


@pytest.mark.parametrize("content", [b"", b"garbage", b"xfa-lint-path-bundle-1\n\x00\x01", b"xfa-lint-path-bundle-1\nN"])
def test_a_corrupt_or_foreign_bundle_is_ignored_and_replaced(package_copy, content):
    probe(package_copy)
    (bundle,) = bundles(package_copy)
    bundle.write_bytes(content)
    assert probe(package_copy) == "['SourceFileLoader'] SourceFileLoader None [(6, 4, 'XFA102')]"
    assert probe(package_copy) == "['_Finder'] _Finder None [(6, 4, 'XFA102')]"


def test_no_bundle_is_written_when_python_writes_no_bytecode(package_copy):
    assert probe(package_copy, PYTHONDONTWRITEBYTECODE="1").startswith("['SourceFileLoader']")
    assert not bundles(package_copy)
    prefix = package_copy / "prefix"
    assert probe(package_copy, PYTHONPYCACHEPREFIX=str(prefix)).startswith("['SourceFileLoader']")
    assert not bundles(package_copy)


def test_a_bundle_that_cannot_be_written_is_not_written(package_copy):
    # a file where the cache directory should be: unwritable, even for root
    (package_copy / "cache").write_text("")
    for _ in range(2):
        assert probe(package_copy) == "['SourceFileLoader'] SourceFileLoader None [(6, 4, 'XFA102')]"


def test_two_installations_keep_their_own_bundles(package_copy, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(package_copy / PACKAGE.name, other / PACKAGE.name)
    probe(package_copy)
    environ_cache = {"XDG_CACHE_HOME": str(package_copy / "cache")}
    assert probe(other, **environ_cache).startswith("['SourceFileLoader']")
    assert len(bundles(package_copy)) == 2
    assert probe(other, **environ_cache).startswith("['_Finder']")


def test_cache_entry_names_are_sha256_digests():
    # the interpreter's own sha256 module stands in for hashlib's: the same names
    assert entry_name("/app/users.py") == hashlib.sha256(b"/app/users.py").hexdigest()[:32] + ".json"


class _Settings:
    cache_dir = None
    no_cache = False


@pytest.fixture
def project(tmp_path, monkeypatch):
    cache_mod.reset()
    monkeypatch.setattr(targets_mod, "_stored", {})
    READ_TARGETS.cache_clear()
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nrequires-python = ">=3.11"\ndependencies = ["fastapi>=0.110", "pydantic>=2"]\n'
        "[tool.ruff]\nline-length = 100\n"
    )
    yield tmp_path
    READ_TARGETS.cache_clear()
    cache_mod.reset()


def _entry(root: Path) -> Path:
    (found,) = root.glob(".fastapi_conventions_cache/*/targets.json")
    return found


def _new_process(monkeypatch) -> None:
    monkeypatch.setattr(targets_mod, "_stored", {})
    READ_TARGETS.cache_clear()


def test_targets_are_read_once_and_then_come_from_the_cache(project, monkeypatch):
    first = targets_mod.stored_targets(str(project), _Settings())
    assert (first.python, first.pydantic, first.fastapi, first.line_length) == ((3, 11), 2, ">=0.110", 100)
    assert json.loads(_entry(project).read_text())["inputs"][0][0] == "pyproject.toml"
    _new_process(monkeypatch)
    monkeypatch.setattr(targets_mod, "read_targets", lambda root: pytest.fail("parsed again"))
    assert targets_mod.stored_targets(str(project), _Settings()) == first


def test_an_edited_or_added_project_file_is_read_again(project, monkeypatch):
    targets_mod.stored_targets(str(project), _Settings())
    _new_process(monkeypatch)
    (project / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.12"\n')
    assert targets_mod.stored_targets(str(project), _Settings()).python == (3, 12)
    _new_process(monkeypatch)
    (project / "setup.cfg").write_text("[flake8]\nmax-line-length = 120\n")
    assert targets_mod.stored_targets(str(project), _Settings()).line_length == 120


@pytest.mark.parametrize(
    "entry",
    ["garbage", "{}", '{"format": 1, "version": "x", "inputs": [], "data": {}}', "null"],
)
def test_a_corrupt_targets_entry_is_read_again(project, monkeypatch, entry):
    targets_mod.stored_targets(str(project), _Settings())
    _entry(project).write_text(entry)
    _new_process(monkeypatch)
    assert targets_mod.stored_targets(str(project), _Settings()).python == (3, 11)


def test_a_targets_entry_of_the_wrong_types_is_read_again(project, monkeypatch):
    targets_mod.stored_targets(str(project), _Settings())
    path = _entry(project)
    entry = json.loads(path.read_text())
    entry["data"]["python"] = "3.11"
    path.write_text(json.dumps(entry))
    _new_process(monkeypatch)
    assert targets_mod.stored_targets(str(project), _Settings()).python == (3, 11)


def test_no_cache_writes_no_targets_entry(project):
    class NoCache(_Settings):
        no_cache = True

    assert targets_mod.stored_targets(str(project), NoCache()).python == (3, 11)
    assert not (project / ".fastapi_conventions_cache").exists()
