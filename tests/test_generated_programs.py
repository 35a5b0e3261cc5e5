"""Property-based: the plugin never raises on generated Python programs.

hypothesmith generates syntactically valid source from Python's grammar; every rule
(the "off" ones too) runs over each program. Bounded so CI stays fast.
"""

from __future__ import annotations

import ast
import warnings

import pytest

hypothesis = pytest.importorskip("hypothesis")
hypothesmith = pytest.importorskip("hypothesmith")

from hypothesis import HealthCheck, given, settings  # noqa: E402

from corpus import all_rules  # noqa: E402
from flake8_fastapi_conventions import walker  # noqa: E402
from flake8_fastapi_conventions.checker import run_checks  # noqa: E402

ALL = all_rules()
# generated programs are valid but often silly (``1()``): Python warns while compiling them
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")


def _check(source: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return
    before = len(walker.failures)
    run_checks(tree, "app/services/generated_service.py", ALL)
    run_checks(tree, "app/api/routes/generated.py", ALL)
    assert walker.failures[before:] == []


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_grammar_generated_programs(source):
    _check(source)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_node())
def test_libcst_generated_programs(source):
    _check(source)
