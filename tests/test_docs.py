"""The docs are derived from the rule declarations, and their examples are executed."""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_fastapi_conventions.docs import render_rule, rules_table
from flake8_fastapi_conventions.registry import RULES
from harness import check

ROOT = Path(__file__).resolve().parent.parent
CODES = sorted(RULES)


@pytest.mark.parametrize("code", CODES)
def test_bad_example_raises_exactly_its_code(code):
    r = RULES[code]
    found = check(r.bad + "\n", r.example_path, select=[code])
    assert found, f"{code}: the flagged example raises nothing"
    assert {c for _, _, c in found} == {code}, f"{code}: the flagged example raises {found}"


@pytest.mark.parametrize("code", CODES)
def test_good_example_raises_nothing(code):
    r = RULES[code]
    assert check(r.good + "\n", r.good_path or r.example_path, select=[code]) == []


@pytest.mark.parametrize("code", CODES)
def test_docs_page_is_generated_from_the_declaration(code):
    page = ROOT / "docs" / "rules" / f"{code}.md"
    assert page.exists(), f"run: python scripts/gen_docs.py {code}"
    assert page.read_text(encoding="utf-8") == render_rule(RULES[code]), (
        f"docs/rules/{code}.md is stale: run python scripts/gen_docs.py {code}"
    )


@pytest.mark.parametrize("code", CODES)
def test_declaration_is_complete(code):
    r = RULES[code]
    assert r.what and r.why and r.bad and r.good
    # a rule without a seed comes from FastAPI's own guidance or ruff's FAST rules; it is
    # then listed in that section of docs/coverage.md (tests/test_coverage_map.py)
    assert r.seeds or "FastAPI" in r.why
    assert r.name == r.name.lower() and " " not in r.name
    assert r.fix_hint and "; " not in r.message, f"{code}: the message says what is wrong, fix_hint how to fix it"
    assert r.format(**{name: "x" for name in _fields(r.message + r.fix_hint)}).startswith(f"{code} ")


@pytest.mark.parametrize("code", CODES)
def test_the_docs_page_points_at_the_rule_s_module_and_tests(code):
    root = Path(__file__).resolve().parent.parent
    r = RULES[code]
    assert r.module.startswith("flake8_fastapi_conventions.rules."), r.module
    declaring = root / (r.module.replace(".", "/") + ".py")
    assert f'"{code}"' in declaring.read_text(encoding="utf-8"), f"{code} is declared in {declaring}"
    assert list((root / "tests" / "eval").glob(f"{code}*.py")), f"{code} has no eval file"


def _fields(template: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_readme_lists_every_rule():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert rules_table() in readme, "README rules table is stale: run python scripts/gen_docs.py"


def test_no_stale_docs_pages():
    pages = {p.stem for p in (ROOT / "docs" / "rules").glob("XFA*.md")}
    assert pages <= set(RULES), f"pages of undeclared rules: {sorted(pages - set(RULES))}"
