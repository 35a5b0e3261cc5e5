"""A fix does not leave a line longer than the project's line length when the line it
rewrites was within it: it declines (the finding stays, with the reason). Found on
fastapi-users (max-line-length = 88): 18 XFA309 rewrites gave lines of up to 99 characters."""

from __future__ import annotations

from pathlib import Path

from flake8_fastapi_conventions.fixer import fix_text
from flake8_fastapi_conventions.settings import Settings, enabled_codes
from flake8_fastapi_conventions.targets import read_targets

SOURCE = (
    "from fastapi import APIRouter, Depends\n"
    "\n"
    "router = APIRouter()\n"
    "\n"
    "\n"
    '@router.get("/me")\n'
    "async def me(\n"
    "    db: Session = Depends(get_db),\n"
    "    user_manager: BaseUserManager[models.UP, models.ID] = Depends(get_user_manager),\n"
    ") -> None:\n"
    "    pass\n"
)
#: two markers on one line
ONE_LINE = SOURCE.replace(
    "async def me(\n    db: Session = Depends(get_db),\n"
    "    user_manager: BaseUserManager[models.UP, models.ID] = Depends(get_user_manager),\n) -> None:\n",
    "async def me(a: str = Depends(f), b: str = Depends(g)) -> None:\n",
)
SETTINGS = Settings(enabled=enabled_codes(None, ["XFA309"]))


def _at(tmp_path: Path, files: dict[str, str]) -> str:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "app").mkdir()
    return str(tmp_path / "app" / "routes.py")


def test_a_rewrite_over_the_flake8_line_length_is_declined(tmp_path):
    path = _at(tmp_path, {"setup.cfg": "[flake8]\nmax-line-length = 88\n"})
    result = fix_text(SOURCE, path, SETTINGS)
    assert result.fixed == 1
    assert "    db: Annotated[Session, Depends(get_db)],\n" in result.text
    assert "    user_manager: BaseUserManager[models.UP, models.ID] = Depends(get_user_manager),\n" in result.text
    assert [(m.finding.line, m.reason) for m in result.manual] == [
        (11, "the rewritten line would be 94 characters, over the project's line length of 88 (setup.cfg)")
    ]
    assert max(len(line) for line in result.text.splitlines()) <= 88


def test_without_a_configured_length_the_rewrite_is_applied(tmp_path):
    path = _at(tmp_path, {"pyproject.toml": '[project]\nname = "x"\n'})
    result = fix_text(SOURCE, path, SETTINGS)
    assert result.fixed == 2 and not result.manual


def test_a_line_already_over_the_length_may_be_rewritten(tmp_path):
    path = _at(tmp_path, {"pyproject.toml": "[tool.ruff]\nline-length = 70\n"})
    result = fix_text(SOURCE, path, SETTINGS)
    assert result.fixed == 2  # the first line was 84 > 70 already; the second stays within 70


def test_two_rewrites_of_one_line_are_measured_together(tmp_path):
    source = ONE_LINE
    path = _at(tmp_path, {"pyproject.toml": "[tool.black]\nline-length = 76\n"})
    result = fix_text(source, path, SETTINGS)
    assert result.fixed == 1
    assert "async def me(a: Annotated[str, Depends(f)], b: str = Depends(g)) -> None:\n" in result.text
    assert max(len(line) for line in result.text.splitlines()) <= 76


def test_where_the_line_length_comes_from(tmp_path):
    for files, expected in (
        ({".flake8": "[flake8]\nmax_line_length = 100\n", "pyproject.toml": "[tool.black]\nline-length = 120\n"}, (100, ".flake8")),
        ({"pyproject.toml": "[tool.ruff]\ntarget-version = 'py310'\n"}, (88, "pyproject.toml [tool.ruff] (its default)")),
        ({"pyproject.toml": "[tool.black]\nline-length = 120\n"}, (120, "pyproject.toml [tool.black]")),
        ({"pyproject.toml": "[project]\nname = 'x'\n"}, (None, None)),
    ):
        root = tmp_path / f"p{len(list(tmp_path.iterdir()))}"
        root.mkdir()
        for name, text in files.items():
            (root / name).write_text(text, encoding="utf-8")
        t = read_targets(str(root))
        assert (t.line_length, t.line_length_source) == expected


def test_a_parameter_after_a_declined_one_keeps_the_order_valid(tmp_path):
    # the declined parameter keeps its default, so the next one cannot lose its own: both
    # stay (before, the combination did not parse and the whole file was left unchanged)
    source = SOURCE.replace(
        "    db: Session = Depends(get_db),\n    user_manager: BaseUserManager[models.UP, models.ID] = Depends(get_user_manager),\n",
        "    user_manager: BaseUserManager[models.UP, models.ID] = Depends(get_user_manager),\n    db: Session = Depends(get_db),\n",
    )
    path = _at(tmp_path, {"setup.cfg": "[flake8]\nmax-line-length = 88\n"})
    result = fix_text(source, path, SETTINGS)
    assert result.text == source
    assert [(m.finding.line, m.reason) for m in result.manual] == [
        (8, "the rewritten line would be 94 characters, over the project's line length of 88 (setup.cfg)"),
        (9, "without its default this parameter would follow one with a default"),
    ]


def _messages(source: str, path: str) -> list[tuple[int, str]]:
    from flake8_fastapi_conventions.checker import check_source

    return [(line, message) for line, _, message in check_source(source, path, SETTINGS)]


def test_the_message_offers_the_fix_only_where_the_fixer_applies_it(tmp_path):
    # one decision: the rule measures the rewrite the fixer would write, and the message
    # says why the fix is not offered; `fix` then gives the same reason
    path = _at(tmp_path, {"setup.cfg": "[flake8]\nmax-line-length = 88\n"})
    reason = "the rewritten line would be 94 characters, over the project's line length of 88 (setup.cfg)"
    assert _messages(SOURCE, path) == [
        (8, "XFA309 parameter db uses a default Depends(get_db); declare it as db: "
            "Annotated[Session, Depends(get_db)] (fix: fastapi-conventions fix)"),
        (9, "XFA309 parameter user_manager uses a default Depends(get_user_manager); declare it as "
            "user_manager: Annotated[BaseUserManager[models.UP, models.ID], Depends(get_user_manager)] "
            f"[no automatic fix: {reason}]"),
    ]
    assert [(m.finding.line, m.reason) for m in fix_text(SOURCE, path, SETTINGS).manual] == [(11, reason)]


def test_the_message_measures_two_rewrites_of_one_line_together(tmp_path):
    source = ONE_LINE
    path = _at(tmp_path, {"pyproject.toml": "[tool.black]\nline-length = 76\n"})
    found = _messages(source, path)
    assert [m.endswith("(fix: fastapi-conventions fix)") for _, m in found] == [True, False]
    # 73 characters once `a` is rewritten, and `b: str = Depends(g)` grows by 10
    reason = "the rewritten line would be 83 characters, over the project's line length of 76 (pyproject.toml [tool.black])"
    assert found[1][1].endswith(f"[no automatic fix: {reason}]")
    # line 9 of the fixed text: the fix added `from typing import Annotated` and a blank line
    assert [(m.finding.line, m.reason) for m in fix_text(source, path, SETTINGS).manual] == [(9, reason)]


def test_a_parameter_after_a_declined_one_offers_no_fix_either(tmp_path):
    source = SOURCE.replace(
        "    db: Session = Depends(get_db),\n    user_manager: BaseUserManager[models.UP, models.ID] = Depends(get_user_manager),\n",
        "    user_manager: BaseUserManager[models.UP, models.ID] = Depends(get_user_manager),\n    db: Session = Depends(get_db),\n",
    )
    path = _at(tmp_path, {"setup.cfg": "[flake8]\nmax-line-length = 88\n"})
    found = _messages(source, path)
    assert [line for line, _ in found] == [8, 9]
    assert "[no automatic fix: the rewritten line would be 94 characters" in found[0][1]
    assert "fix" not in found[1][1].rsplit(";", 1)[1].replace("declare it as", "")


def test_the_edits_of_one_line_are_measured_together(tmp_path):
    # `    @validator("name", pre=True)` is 32 characters; the fix renames the decorator
    # (alone: 38) and rewrites its arguments (alone: 37), and the line it writes has both:
    # `    @field_validator("name", mode="before")` = 4 + 39 = 43, over 40
    source = (
        "from pydantic import BaseModel, validator\n"
        "\n"
        "\n"
        "class User(BaseModel):\n"
        "    name: str\n"
        "\n"
        '    @validator("name", pre=True)\n'
        "    def strip(cls, v):\n"
        "        return v.strip()\n"
    )
    path = _at(tmp_path, {"setup.cfg": "[flake8]\nmax-line-length = 40\n"})
    settings = Settings(target_pydantic=2, enabled=enabled_codes(None, ["XFA403"]))
    reason = "the rewritten line would be 43 characters, over the project's line length of 40 (setup.cfg)"
    result = fix_text(source, path.replace("routes", "schemas"), settings)
    assert result.text == source
    assert [(m.finding.line, m.reason) for m in result.manual] == [(7, reason)]


def test_the_fixer_measures_the_edits_of_one_line_together(tmp_path):
    # the fixer's own check (the one that follows a rule which did not measure its edits)
    from flake8_fastapi_conventions.fixer.engine import Edit, Source, _over_length

    text = 'class A:\n    @validator("name", pre=True)\n    def f(cls, v): ...\n'
    src = Source(text, str(tmp_path / "m.py"), Settings())
    name = text.index("validator")
    args = text.index("(")
    close = text.index(")") + 1
    edits = [Edit(name, name + len("validator"), "field_validator"), Edit(args, close, '("name", mode="before")')]
    assert _over_length(src, edits[:1], 40) is None and _over_length(src, edits[1:], 40) is None  # 38, 37
    assert _over_length(src, edits, 40) == 43
    assert _over_length(src, edits, 43) is None


def test_an_import_line_the_fix_would_make_too_long_gets_a_line_of_its_own(tmp_path):
    # found on PySpur (line length 100): `from typing import Any, Awaitable, ...` of 95
    # characters became 106 with `Annotated, ` added
    path = _at(tmp_path, {"setup.cfg": "[flake8]\nmax-line-length = 88\n"})
    names = "Any, Awaitable, Callable, Coroutine, Dict, List, Optional"
    # 19 ("from typing import ") + 57 = 76; with "Annotated, " (11): 87, within 88
    result = fix_text(f"from typing import {names}\n\n" + SOURCE, path, SETTINGS)
    assert result.text.startswith(f"from typing import Annotated, {names}\n\n")
    names += ", Set, Tuple"  # 19 + 69 = 88; with "Annotated, ": 99, over 88
    result = fix_text(f"from typing import {names}\n\n" + SOURCE, path, SETTINGS)
    assert result.text.startswith(f"from typing import {names}\nfrom typing import Annotated\n\n")
    assert max(len(line) for line in result.text.splitlines()) <= 88
