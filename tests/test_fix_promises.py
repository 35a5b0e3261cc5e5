"""A finding that advertises a fix is fixed: over every eval file, the fixer (with
``--unsafe-fixes``) applies a fix to each finding whose message says "(fix: …)" or
"(unsafe fix: …)". A message never promises a fix the fixer then declines."""

from __future__ import annotations

import pytest

from harness import EVAL_DIR, load, settings_for

from flake8_fastapi_conventions.fixer import fix_text, load_fixers

FILES = sorted(EVAL_DIR.glob("XFA*.py"))

#: promises not kept yet, (eval file, line, code) -> the fixer's reason: each entry is a
#: bug (the rule must report those findings as not fixable, or the fixer must fix them);
#: the list only shrinks
NOT_KEPT_YET: dict[tuple[str, int, str], str] = {}

load_fixers()


def _broken_promises(path):
    case = load(path)
    result = fix_text(case.source, case.check_path, settings_for(case.select, **case.options), unsafe=True)
    return {
        (path.name, m.finding.line, m.finding.code): m.reason or ""
        for m in result.manual
        if "fastapi-conventions fix" in m.finding.message
    }


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_advertised_fix_is_applied(path):
    broken = _broken_promises(path)
    new = {k: v for k, v in broken.items() if k not in NOT_KEPT_YET}
    assert not new, f"findings advertise a fix the fixer declines: {new}"
    kept_now = [k for k in NOT_KEPT_YET if k[0] == path.name and k not in broken]
    assert not kept_now, f"kept now, take them off NOT_KEPT_YET: {kept_now}"
