"""The message offers a fix exactly where ``fastapi-conventions fix`` applies it, also when
the project has a line length: the rule measures the rewrite its fix will write
(:mod:`flake8_fastapi_conventions.line_budget`) and the fixer follows that decision.

Each fixture pair and each fixable rule's docs example is fixed under the line lengths
where its rewritten lines start to be too long (one below and at each rewritten line's
length), then the findings that offered a fix are compared with what the fixer did.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_fastapi_conventions.checker import check_source
from flake8_fastapi_conventions.fixer import fix_text, load_fixers
from flake8_fastapi_conventions.registry import RULES, declined_reason
from flake8_fastapi_conventions.settings import Settings, enabled_codes

FIXES = Path(__file__).parent / "fixes"
FIXABLE = [code for code, r in sorted(RULES.items()) if r.fix]
SETTINGS = Settings(target_pydantic=2, enabled=enabled_codes(None, FIXABLE))
OFFERS = ("(fix: fastapi-conventions fix)", "(unsafe fix: fastapi-conventions fix --unsafe-fixes)")
LENGTH = "the rewritten line would be "

load_fixers()


def _cases() -> list[tuple[str, str, str]]:
    cases = []
    for before in sorted(FIXES.glob("XFA*.py")):
        if before.name.endswith(".fixed.py"):
            continue
        text = before.read_text()
        path = text.splitlines()[0].removeprefix("# path: ").strip()
        cases.append((before.stem, path, text))
    for code in FIXABLE:
        declared = RULES[code]
        cases.append((f"{code}-docs", declared.example_path, declared.bad + "\n"))
    return cases


CASES = [
    pytest.param(*case, id=case[0]) for case in _cases()
]


def _offered(text: str, path: str) -> list[str]:
    return [m for _, _, m in check_source(text, path, SETTINGS) if m.endswith(OFFERS)]


def _limits(original: str, fixed: str) -> list[int]:
    """The line lengths at which the fixed text's new lines start to be too long."""
    old = set(original.splitlines())
    lengths = sorted({len(line) for line in fixed.splitlines() if line not in old and line.strip()})
    return sorted({n for length in lengths for n in (length - 1, length) if n > 10})


def _project(tmp_path: Path, path: str, limit: int) -> str:
    root = tmp_path / f"max{limit}"
    root.mkdir()
    (root / "setup.cfg").write_text(f"[flake8]\nmax-line-length = {limit}\n", encoding="utf-8")
    return str(root / path)


@pytest.mark.parametrize("name,path,text", CASES)
def test_a_fix_declined_for_the_line_length_is_not_offered(tmp_path, name, path, text):
    file = _project(tmp_path, path, 10_000)
    unlimited = fix_text(text, file, SETTINGS, unsafe=True)
    assert unlimited.fixed and not _offered(unlimited.text, file)
    for limit in _limits(text, unlimited.text):
        file = _project(tmp_path, path, limit)
        result = fix_text(text, file, SETTINGS, unsafe=True)
        for manual in result.manual:
            if manual.reason and manual.reason.startswith(LENGTH):
                # the message the user sees offers no fix either
                assert not manual.finding.message.endswith(OFFERS), (limit, manual)
                if declined_reason(manual.finding.message) is not None:
                    assert declined_reason(manual.finding.message) == manual.reason
        # every finding that offered a fix was fixed: none still offers one
        assert not _offered(result.text, file), (limit, result.manual)
