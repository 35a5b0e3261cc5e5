"""No rule raises on real code: the interpreter's standard library and site-packages."""

from __future__ import annotations

from corpus import interpreter_files, run_over


def test_every_rule_runs_clean_over_the_stdlib_and_site_packages():
    checked, findings, failures = run_over(interpreter_files())
    assert checked > 500, f"only {checked} files found"
    assert failures == [], "\n".join(map(str, failures[:20]))
