"""The Python and Pydantic versions a project declares (read by the fixer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_fastapi_conventions.targets import lowest_version, pydantic_major, read_targets


@pytest.mark.parametrize(
    "spec, low",
    [(">=3.9", (3, 9)), (">=3.9,<4", (3, 9)), ("^3.10", (3, 10)), ("~=3.11.0", (3, 11)), ("==3.12.*", (3, 12)),
     ("3.8", (3, 8)), ("<4", None), ("", None)],
)
def test_lowest_python(spec, low):
    assert lowest_version(spec) == low


@pytest.mark.parametrize(
    "spec, major",
    [(">=2.5", 2), ("^1.10", 1), ("<2", 1), ("<2.0.0", 1), (">=1.10,<2.0", 1), (">=1.10,<3", None),
     ("==2.7.1", 2), ("~=1.10", 1), ("", None), ("*", None), (">1.8", None), ("<=1.10.9", 1), ("^2", 2)],
)
def test_pydantic_major(spec, major):
    assert pydantic_major(spec) == major


def make(tmp_path: Path, files: dict[str, str]) -> str:
    root = tmp_path / f"p{len(list(tmp_path.iterdir()))}"
    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return str(root)


def test_pyproject_pep621_and_poetry(tmp_path):
    t = read_targets(make(tmp_path, {"pyproject.toml": '[project]\nrequires-python = ">=3.10"\ndependencies = ["fastapi", "pydantic>=2.4,<3"]\n'}))
    assert (t.python, t.pydantic) == ((3, 10), 2)
    t = read_targets(make(tmp_path, {"pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.9"\npydantic = {version = "^1.9", extras = ["email"]}\n'}))
    assert (t.python, t.pydantic, t.pydantic_source) == ((3, 9), 1, "pyproject.toml")


def test_lock_files_say_what_is_installed(tmp_path):
    root = make(tmp_path, {
        "pyproject.toml": '[project]\ndependencies = ["pydantic"]\n',
        "poetry.lock": '[[package]]\nname = "pydantic"\nversion = "1.10.13"\n',
    })
    t = read_targets(root)
    assert (t.pydantic, t.pydantic_source) == (1, "poetry.lock")


def test_setup_cfg_and_requirements(tmp_path):
    t = read_targets(make(tmp_path, {"setup.cfg": "[options]\npython_requires = >=3.11\ninstall_requires =\n    pydantic-settings>=2\n"}))
    assert (t.python, t.pydantic) == ((3, 11), 2)
    t = read_targets(make(tmp_path, {"requirements.txt": "fastapi==0.95.0\npydantic==1.10.7  # pinned\n"}))
    assert (t.python, t.pydantic, t.pydantic_source) == (None, 1, "requirements.txt")


def test_unknown_is_none(tmp_path):
    assert read_targets(make(tmp_path, {"pyproject.toml": "[project]\nname = 'x'\n"})) == read_targets(None)
    assert read_targets(None).pydantic is None
