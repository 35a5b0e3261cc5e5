"""docs/coverage.md — the seed guideline → rule map — stays in step with the declarations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import flake8_fastapi_conventions.rules  # noqa: F401  (declares the rules)
from flake8_fastapi_conventions.registry import RULES

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "coverage.md"
SEEDS_DIR = ROOT.parent / "shared" / "seeds"

CODE_RE = re.compile(r"\bXFA\d{3}\b")
SECTION_RE = re.compile(r"^## Seed (\d{3})\b", re.MULTILINE)


def _text() -> str:
    return PAGE.read_text(encoding="utf-8")


def _sections() -> dict[str, str]:
    """Seed number → the text of its ``## Seed NNN`` section."""
    text = _text()
    marks = list(SECTION_RE.finditer(text))
    out: dict[str, str] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else text.find("\n## ", m.end())
        out[m.group(1)] = text[m.start() : end if end != -1 else len(text)]
    return out


def _seed_numbers() -> set[str]:
    numbers = {s for r in RULES.values() for s in r.seeds}
    if SEEDS_DIR.is_dir():  # the seed documents live beside the repository in development
        numbers |= {p.name[:3] for p in SEEDS_DIR.glob("*.txt")}
    return numbers


def test_rules_are_declared():
    assert len(RULES) > 100  # guards the next tests against an empty registry


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_declared_code_is_on_the_map(code):
    assert code in set(CODE_RE.findall(_text())), f"{code} is missing from docs/coverage.md"


def test_every_code_on_the_map_is_declared():
    unknown = set(CODE_RE.findall(_text())) - set(RULES)
    assert not unknown, f"docs/coverage.md names undeclared codes: {sorted(unknown)}"


def test_every_seed_has_a_section():
    assert _seed_numbers() >= {"000", "001", "002", "003", "004"}
    missing = _seed_numbers() - set(_sections())
    assert not missing, f"docs/coverage.md has no '## Seed NNN' section for {sorted(missing)}"


def test_seed_sections_name_their_files():
    if not SEEDS_DIR.is_dir():
        pytest.skip("seed documents not present")
    sections = _sections()
    for path in SEEDS_DIR.glob("*.txt"):
        assert f"`{path.name}`" in sections[path.name[:3]], path.name


@pytest.mark.parametrize("code", sorted(RULES))
def test_code_is_mapped_under_one_of_its_seeds(code):
    """A rule appears in the section of at least one seed its declaration cites."""
    sections = _sections()
    if not RULES[code].seeds:
        assert code in _guidance_section(), f"{code} cites no seed and is missing from {GUIDANCE!r}"
        return
    cited = [s for s in RULES[code].seeds if code in sections.get(s, "")]
    assert cited, f"{code} (seeds {RULES[code].seeds}) appears in none of its seeds' sections"


GUIDANCE = "## FastAPI's own guidance and ruff's FAST rules"


def _guidance_section() -> str:
    """The section for rules that come from FastAPI's documentation or ruff, not a seed."""
    text = _text()
    start = text.find(GUIDANCE)
    assert start != -1, f"docs/coverage.md has no {GUIDANCE!r} section"
    end = text.find("\n## ", start + len(GUIDANCE))
    return text[start : end if end != -1 else len(text)]


def test_every_row_has_a_code_or_a_reason():
    rows = 0
    for section in _sections().values():
        for line in section.splitlines():
            if not line.startswith("| ") or line.startswith(("| guideline", "|---")):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            answer = cells[-1]
            rows += 1
            assert CODE_RE.search(answer) or "*" in answer, f"row without code or reason: {line}"
    assert rows > 200


def test_catalog_examples_of_unchecked_guidelines_are_listed():
    text = _text().lower()
    for phrase in (
        "n+1 queries across files",
        "cache invalidation after writes",
        "reverse proxy / worker count",
        "uvloop",
        "jemalloc",
        "ttlcache locking",
        ".env.example",
        "alembic `env.py` model imports",
        "route/template naming map",
    ):
        assert phrase in text, phrase
