"""Before/after fixture pairs: ``tests/fixes/XFAnnn_<topic>.py`` → ``.fixed.py``.

The first line names the path the file is fixed as (``# path: app/routes/x.py``). A
rule's unsafe fixes run with ``unsafe=True``. A pair is skipped only while its rule is
not declared yet.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from flake8_fastapi_conventions import checker  # noqa: F401  (declares the rules)
from flake8_fastapi_conventions.fixer import FIXERS, fix_safety, fix_text, load_fixers
from flake8_fastapi_conventions.registry import RULES
from flake8_fastapi_conventions.settings import Settings, enabled_codes

FIXES = Path(__file__).parent / "fixes"
PAIRS = sorted(p for p in FIXES.glob("XFA*.py") if not p.name.endswith(".fixed.py"))
#: fixability is declared once, by the rule (``rule(fix=...)``); everything here derives from it
FIXABLE = tuple(code for code, r in sorted(RULES.items()) if r.fix)
SAFETY = {code: r.fix for code, r in sorted(RULES.items()) if r.fix == "unsafe"}

load_fixers()


def test_the_fixable_rules_are_the_ones_users_were_told_about() -> None:
    # a rule that gains or loses its fix changes this list on purpose (and the README's table)
    assert FIXABLE == ("XFA102", "XFA309", "XFA322", "XFA323", "XFA401", "XFA402", "XFA403", "XFA404",
                       "XFA411", "XFA504", "XFA601", "XFA801", "XFA804", "XFA810")


@pytest.mark.parametrize("code", FIXABLE)
def test_every_declared_fix_fixes_its_own_docs_example(code: str) -> None:
    from flake8_fastapi_conventions.checker import check_source

    declared = RULES[code]
    settings = Settings(target_pydantic=2, enabled=enabled_codes(None, [code]))
    before = [m for _, _, m in check_source(declared.bad + "\n", declared.example_path, settings) if m.startswith(code)]
    assert before and all("fastapi-conventions fix" in m for m in before), "the example's findings advertise the fix"
    result = fix_text(declared.bad + "\n", declared.example_path, settings, unsafe=declared.fix == "unsafe")
    assert result.fixed == len(before) or result.fixed >= 1 and not result.manual
    after = [m for _, _, m in check_source(result.text, declared.example_path, settings) if m.startswith(code)]
    assert not after, f"{code}: the fixed example is still reported: {after}"


def _path_of(text: str) -> str:
    first = text.splitlines()[0]
    assert first.startswith("# path: "), "a fixture starts with '# path: <file path>'"
    return first[len("# path: ") :].strip()


def _require(code: str) -> None:
    if code not in RULES:
        pytest.skip(f"{code} is not declared yet")


@pytest.mark.parametrize("before", PAIRS, ids=lambda p: p.stem)
def test_fixture_pair(before: Path) -> None:
    code = before.name[:6]
    _require(code)
    after = before.with_name(before.stem + ".fixed.py")
    source, expected = before.read_text(), after.read_text()
    path = _path_of(source)
    unsafe = RULES[code].fix == "unsafe"
    # the fixtures are files of a project on Pydantic 2 (where the XFA401-XFA404 fixes apply);
    # an off-by-default rule is fixed as a project that selected it (extend-select) is
    settings = Settings(target_pydantic=2)
    if not RULES[code].default:
        settings = Settings(target_pydantic=2, enabled=enabled_codes(None, [code]))
    result = fix_text(source, path, settings, unsafe=unsafe)
    assert not result.cannot_parse
    assert result.text == expected
    assert result.fixed >= 1
    ast.parse(result.text)
    again = fix_text(result.text, path, settings, unsafe=unsafe)
    assert again.text == result.text, "a second fix changes nothing"
    assert again.fixed == 0


@pytest.mark.parametrize("code", FIXABLE)
def test_every_fixable_rule_has_a_pair_and_a_fixer(code: str) -> None:
    assert list(FIXES.glob(f"{code}_*.fixed.py")), f"no fixture pair for {code}"
    assert code in FIXERS
    assert fix_safety(code) == SAFETY.get(code, "safe")
    _require(code)
    assert RULES[code].fix == fix_safety(code), f"{code}: rule declares fix={RULES[code].fix!r}"


def test_no_fixer_without_a_declared_fix() -> None:
    for code in FIXERS:
        if code in RULES:
            assert RULES[code].fix is not None, code


@pytest.mark.parametrize("code", [c for c in SAFETY])
def test_unsafe_fixes_need_the_flag(code: str) -> None:
    _require(code)
    (before,) = [p for p in PAIRS if p.name.startswith(code)][:1] or [None]
    assert before is not None
    source = before.read_text()
    settings = Settings(enabled=enabled_codes(None, [code]))  # switched on where it is off by default
    result = fix_text(source, _path_of(source), settings, unsafe=False)
    assert result.text == source
    assert result.unsafe_available >= 1
