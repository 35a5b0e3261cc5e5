"""The fixer writes only what the FastAPI and Python versions a project declares can run.

Found by running ``fastapi-conventions fix`` on the realworld example app (``fastapi =
"^0.79.1"``, locked at 0.79.1): the XFA309 rewrite to ``Annotated[T, Depends(f)]`` made 83 of
its 90 tests error at start-up (FastAPI before 0.95 takes ``Annotated[...]`` for a field type:
"Invalid args for response field!").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_fastapi_conventions.checker import check_source
from flake8_fastapi_conventions.fixer import fix_text
from flake8_fastapi_conventions.settings import Settings, enabled_codes
from flake8_fastapi_conventions.targets import read_targets, reaches, upper_bound

ROUTE = (
    "from fastapi import APIRouter, Depends, Query\n"
    "\n"
    "from app.db import get_db\n"
    "\n"
    "router = APIRouter()\n"
    "\n"
    "\n"
    '@router.get("/items")\n'
    "async def list_items(db: object = Depends(get_db), limit: int = Query(10, le=99)) -> list:\n"
    "    return []\n"
)

ON_EVENT = (
    "from fastapi import FastAPI\n"
    "\n"
    "app = FastAPI()\n"
    "\n"
    "\n"
    '@app.on_event("startup")\n'
    "async def connect() -> None:\n"
    "    pass\n"
)


@pytest.mark.parametrize(
    "spec, bound, reach",
    [
        ("^0.79.1", ((0, 80), False), False),
        ("==0.79.1", ((0, 79, 1), True), False),
        ("~=0.94.0", ((0, 95), False), False),
        ("~0.94.1", ((0, 95), False), False),
        ("==0.94.*", ((0, 95), False), False),
        ("<0.95", ((0, 95), False), False),
        ("<=0.95.0", ((0, 95, 0), True), True),
        ("~=0.94", ((1,), False), True),
        (">=0.90,<0.100", ((0, 100), False), True),
        (">=0.65.2", None, True),
        ("", None, True),
    ],
)
def test_the_newest_fastapi_a_requirement_admits(spec, bound, reach):
    assert upper_bound(spec) == bound
    assert reaches(spec, (0, 95)) is reach


def test_unknown_fastapi_is_no_reason_to_decline():
    assert reaches(None, (0, 95)) is None


def _project(tmp_path: Path, files: dict[str, str], source: str = ROUTE) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "app").mkdir()
    path = tmp_path / "app" / "routes.py"
    path.write_text(source, encoding="utf-8")
    return path


def test_the_lock_file_wins_over_the_declared_range(tmp_path):
    _project(tmp_path, {
        "pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.9"\nfastapi = "^0.79.1"\n',
        "poetry.lock": '[[package]]\nname = "fastapi"\nversion = "0.79.1"\n',
    })
    t = read_targets(str(tmp_path))
    assert (t.fastapi, t.fastapi_source) == ("==0.79.1", "poetry.lock")


def test_requirements_files_declare_fastapi(tmp_path):
    _project(tmp_path, {"requirements.txt": "fastapi[all]>=0.70,<0.90  # old\n"})
    t = read_targets(str(tmp_path))
    assert (t.fastapi, t.fastapi_source) == (">=0.70,<0.90", "requirements.txt")


def _settings(code: str) -> Settings:
    return Settings(enabled=enabled_codes(None, [code]))


def test_no_xfa309_on_a_project_pinned_below_fastapi_0_95(tmp_path):
    # markers inside Annotated arrived in FastAPI 0.95: under ^0.79.1 a default is the only
    # form, so the advice would be dismissed (found on the realworld app: 79 findings)
    path = _project(tmp_path, {"pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.9"\nfastapi = "^0.79.1"\n'})
    settings = _settings("XFA309")
    assert [m for _, _, m in check_source(ROUTE, str(path), settings) if m.startswith("XFA309")] == []
    result = fix_text(ROUTE, str(path), settings)
    assert result.text == ROUTE and result.fixed == 0 and result.manual == []


def test_a_range_that_admits_fastapi_0_95_gets_the_rewrite(tmp_path):
    path = _project(tmp_path, {"pyproject.toml": '[project]\nrequires-python = ">=3.10"\ndependencies = ["fastapi>=0.65.2"]\n'})
    settings = _settings("XFA309")
    found = [m for _, _, m in check_source(ROUTE, str(path), settings) if m.startswith("XFA309")]
    assert len(found) == 2 and all(m.endswith("(fix: fastapi-conventions fix)") for m in found)
    result = fix_text(ROUTE, str(path), settings)
    assert result.fixed == 2
    assert "db: Annotated[object, Depends(get_db)], limit: Annotated[int, Query(le=99)] = 10" in result.text
    assert "from typing import Annotated\n" in result.text


def test_before_python_3_9_annotated_comes_from_typing_extensions(tmp_path):
    path = _project(tmp_path, {"pyproject.toml": '[project]\nrequires-python = ">=3.8"\ndependencies = ["fastapi>=0.100"]\n'})
    result = fix_text(ROUTE, str(path), _settings("XFA309"))
    assert result.fixed == 2
    assert "from typing_extensions import Annotated\n" in result.text
    assert "from typing import" not in result.text


@pytest.mark.parametrize("locked, lines", [("0.92.0", []), ("0.93.0", [6, 11, 12])])
def test_no_xfa601_on_a_project_locked_below_fastapi_0_93(tmp_path, locked, lines):
    # lifespans arrived in FastAPI 0.93: on 0.92 events are the only way
    path = _project(
        tmp_path,
        {"pyproject.toml": '[project]\ndependencies = ["fastapi"]\n', "uv.lock": f'[[package]]\nname = "fastapi"\nversion = "{locked}"\n'},
        ON_EVENT + "\n\nother = FastAPI(on_startup=[connect])\nother.add_event_handler(\"shutdown\", connect)\n",
    )
    source = path.read_text()
    found = [line for line, _, m in check_source(source, str(path), _settings("XFA601")) if m.startswith("XFA601")]
    assert found == lines
    if not lines:
        result = fix_text(source, str(path), _settings("XFA601"), unsafe=True)
        assert result.text == source and result.manual == []


def test_the_lifespan_rewrite_where_the_lock_is_new_enough(tmp_path):
    path = _project(
        tmp_path,
        {"pyproject.toml": '[project]\ndependencies = ["fastapi"]\n', "uv.lock": '[[package]]\nname = "fastapi"\nversion = "0.93.0"\n'},
        ON_EVENT,
    )
    result = fix_text(ON_EVENT, str(path), _settings("XFA601"), unsafe=True)
    assert result.fixed == 1 and "app = FastAPI(lifespan=lifespan)" in result.text


def test_explain_shows_the_fastapi_the_project_declares(tmp_path, monkeypatch, capsys):
    from flake8_fastapi_conventions import cli

    _project(tmp_path, {"pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.9"\nfastapi = "^0.79.1"\n'})
    monkeypatch.chdir(tmp_path)
    assert cli.main(["explain", "app/routes.py"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "declares:" in line]
    assert lines == ["  declares: Python >= 3.9 (pyproject.toml), Pydantic unknown, FastAPI ^0.79.1 (pyproject.toml)"]
