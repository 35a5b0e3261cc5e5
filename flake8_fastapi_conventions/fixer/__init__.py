"""``fastapi-conventions fix``: rewrites for the fixable rules, built on ast-grep-py.

Only the fixer imports ast-grep; the flake8 plugin (checker, rules) never does.
"""

from __future__ import annotations

from .engine import FIXERS, Finding, FixResult, Manual, fix_safety, fix_text


def load_fixers() -> None:
    """Declare every rule and, beside each fixable one's detection, its fix (the rules
    package registers them with :func:`..fixes.fixes` when imported)."""
    from .. import rules  # noqa: F401


__all__ = ["FIXERS", "Finding", "FixResult", "Manual", "fix_safety", "fix_text", "load_fixers"]
