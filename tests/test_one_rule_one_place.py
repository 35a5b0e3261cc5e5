"""A rule's code leads to one module: each code is written in exactly one source module of
the package, the one declaring it (``XFAnnn = rule("XFAnnn", ...)``); other modules, the
generic ones (registry, docs, CLI, formatters, settings) included, never write it. A rule's
docs name another rule as ``[[rule-name]]``, rendered as its code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import flake8_fastapi_conventions
from flake8_fastapi_conventions import rules  # noqa: F401  (declares them)
from flake8_fastapi_conventions.registry import RULES, rule_references

PACKAGE = Path(flake8_fastapi_conventions.__file__).parent
_CODE = re.compile(r"XFA\d{3}")


def _modules() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_rule_is_declared_in_one_module_and_written_nowhere_else():
    modules = _modules()
    declared: dict[str, list[Path]] = {}
    for path, text in modules.items():
        for code in re.findall(r"^(XFA\d{3}) = rule\(", text, re.M):
            declared.setdefault(code, []).append(path)
    assert set(declared) == set(RULES), "a registered rule without its `XFAnnn = rule(` line, or the reverse"
    assert all(len(paths) == 1 for paths in declared.values()), {c: p for c, p in declared.items() if len(p) > 1}
    foreign = [
        f"{path.relative_to(PACKAGE)}:{number}: {code}"
        for path, text in modules.items()
        for number, line in enumerate(text.splitlines(), start=1)
        for code in _CODE.findall(line)
        if code in declared and declared[code][0] != path
    ]
    assert foreign == [], "write [[rule-name]] in docs text, the rule's name in comments: " + ", ".join(foreign)


def test_a_reference_renders_as_the_code_of_the_rule_it_names():
    assert rule_references("enable [[async-route-without-await]] instead") == "enable XFA109 instead"
    assert rule_references("[[blocking-http-call-in-async]]–[[sync-client-library-in-async]]") == "XFA101–XFA105"
    assert rule_references("no reference, [brackets] kept") == "no reference, [brackets] kept"


def test_a_reference_to_a_name_no_rule_has_is_an_error():
    with pytest.raises(KeyError, match="no-such-rule"):
        rule_references("see [[no-such-rule]]")


def test_the_docs_texts_hold_no_unresolved_reference():
    for r in RULES.values():
        texts = [r.what, r.why, r.bad, r.good, r.config or "", *(rule_references(t) for t in r.not_flagged)]
        assert not any("[[" in t for t in texts), r.code
