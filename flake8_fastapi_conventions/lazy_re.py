"""Regular expressions compiled on first use.

A module-level ``re.compile`` runs when flake8 imports the plugin, for every run, even
when the file at hand never reaches the pattern: 75 of them cost about a quarter of the
plugin's import time, which is most of what linting one file from an editor adds to flake8.
``lazy_re.compile(...)`` returns a stand-in that compiles on first attribute access and
then keeps the compiled pattern's methods as its own attributes (no indirection after).
"""

from __future__ import annotations

import re
from typing import Any

_FORWARDED = (
    "match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer",
    "pattern", "flags", "groups", "groupindex",
)


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(*self._source)
        for attr in _FORWARDED:
            self.__dict__[attr] = getattr(compiled, attr)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_re.compile({self._source[0]!r})"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - mirrors re.compile
    """``re.compile`` deferred to the pattern's first use."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
