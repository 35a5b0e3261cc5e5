"""``fastapi-conventions fix``: rewrites for the fixable rules, built on ast-grep-py.

Only the fixer imports ast-grep; the flake8 plugin (checker, rules) never does.
"""

from __future__ import annotations

from .engine import FIXERS, Finding, FixResult, Manual, fix_safety, fix_text

_FIX_MODULES = (
    "async_fixes",  # XFA102
    "route_fixes",  # XFA309
    "pydantic_fixes",  # XFA401 XFA402 XFA403 XFA404 XFA411
    "db_fixes",  # XFA504 XFA601
    "logging_fixes",  # XFA801 XFA804 XFA810
    "guidance_fixes",  # XFA322 XFA323
)


def load_fixers() -> None:
    """Import every fix module (each registers its fixers)."""
    import importlib

    for name in _FIX_MODULES:
        importlib.import_module(f"{__name__}.{name}")


__all__ = ["FIXERS", "Finding", "FixResult", "Manual", "fix_safety", "fix_text", "load_fixers"]
