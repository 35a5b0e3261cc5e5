"""flake8 report formats for CI and tools: ``--format=github``, ``--format=sarif`` and
``--format=fastapi-json`` (``fastapi-conventions check --format json``).

Both format every code flake8 reports (pycodestyle, pyflakes, other plugins), not only
this plugin's; XFA codes also carry their rule's metadata and documentation link.
"""

from __future__ import annotations

import json
import linecache
import os
from typing import Any
from urllib.parse import quote

from flake8.formatting.base import BaseFormatter
from flake8.violation import Violation

from . import DOCS_URL, HOME_URL, __version__


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _relative(path: str) -> str:
    path = path.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def xfa_parts(code: str, text: str) -> tuple[str, str, str] | None:
    """``(message, fix hint, fix suffix)`` of an XFA finding's text; ``None`` for other codes."""
    if not code.startswith("XFA"):
        return None
    from . import rules  # noqa: F401  (declares them)
    from .registry import RULES

    declared = RULES.get(code)
    if declared is None:
        return None
    message, hint = declared.split(text)
    rest = text[len(message) :]
    suffix = rest[len("; ") + len(hint) :].strip() if hint and rest.startswith("; " + hint) else ""
    return message, hint, suffix


def _message_then_fix(code: str, text: str) -> str:
    """The message on its first line, how to fix it on the second."""
    parts = xfa_parts(code, text)
    if parts is None or not parts[1]:
        return text
    message, hint, suffix = parts
    return f"{message}\nFix: {hint}" + (f" {suffix}" if suffix else "")


class GitHubFormatter(BaseFormatter):
    """GitHub Actions workflow commands: each finding becomes an annotation on the PR
    (an XFA finding's fix hint on the annotation's second line)."""

    def format(self, error: Violation) -> str:
        code = error.code
        title = f"flake8 {code}"
        text = _message_then_fix(code, error.text)
        return (
            f"::error file={_escape_property(_relative(error.filename))},"
            f"line={error.line_number},col={error.column_number},"
            f"title={_escape_property(title)}::{_escape_data(f'{code} {text}')}"
        )


class SarifFormatter(BaseFormatter):
    """SARIF 2.1.0, for GitHub code scanning and other viewers; written when flake8 stops."""

    def after_init(self) -> None:
        self._results: list[dict[str, Any]] = []
        self._rule_index: dict[str, int] = {}
        self._rules: list[dict[str, Any]] = []

    def format(self, error: Violation) -> str | None:  # everything is written in stop()
        return None

    def handle(self, error: Violation) -> None:
        index = self._rule_index.get(error.code)
        if index is None:
            index = self._rule_index[error.code] = len(self._rules)
            self._rules.append(rule_descriptor(error.code))
        result: dict[str, Any] = {
            "ruleId": error.code,
            "ruleIndex": index,
            "level": "error" if error.code[:1] in ("E", "F") and error.code[1:2] == "9" else "warning",
            "message": {"text": _message_then_fix(error.code, error.text)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(error.filename),
                        "region": {
                            "startLine": max(error.line_number, 1),
                            "startColumn": utf16_column(error),
                        },
                    }
                }
            ],
        }
        parts = xfa_parts(error.code, error.text)
        if parts is not None and parts[1]:
            result["properties"] = {"fixHint": parts[1]}
        self._results.append(result)

    def show_statistics(self, statistics: Any) -> None:  # would corrupt the JSON
        pass

    def show_benchmarks(self, benchmarks: Any) -> None:
        pass

    def stop(self) -> None:
        from importlib.metadata import version

        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "flake8",
                            "version": version("flake8"),
                            "informationUri": "https://flake8.pycqa.org/",
                            "rules": self._rules,
                        },
                        "extensions": [
                            {
                                "name": "flake8-fastapi-conventions",
                                "version": __version__,
                                "informationUri": HOME_URL,
                            }
                        ],
                    },
                    "originalUriBaseIds": {"%SRCROOT%": {"uri": _as_uri(os.getcwd())}},
                    "results": self._results,
                }
            ],
        }
        self._write(json.dumps(log, indent=2))
        super().stop()


#: codes whose columns count characters (pycodestyle reads text lines); every other
#: checker that flake8 runs on the tree (pyflakes, this plugin, most plugins) counts the
#: UTF-8 bytes of ``ast`` offsets
_CHARACTER_COLUMNS = ("E", "W", "C9")


def utf16_column(error: Violation) -> int:
    """The 1-based column in UTF-16 code units, SARIF's default ``columnKind``."""
    column = max(error.column_number, 1)
    line = error.physical_line or linecache.getline(error.filename, error.line_number)
    if not line or line.isascii():
        return column
    if error.code.startswith(_CHARACTER_COLUMNS) and not error.code.startswith("E9"):
        prefix = line[: column - 1]
    else:
        prefix = line.encode("utf-8")[: column - 1].decode("utf-8", errors="ignore")
    return len(prefix.encode("utf-16-le")) // 2 + 1


class JsonFormatter(BaseFormatter):
    """A JSON array of findings, written when flake8 stops: path, line, column (flake8's,
    1-based), code, message; XFA findings also carry the rule's name, docs URL and fix."""

    def after_init(self) -> None:
        self._findings: list[dict[str, Any]] = []

    def format(self, error: Violation) -> str | None:
        return None

    def handle(self, error: Violation) -> None:
        finding: dict[str, Any] = {
            "path": _relative(error.filename),
            "line": error.line_number,
            "column": error.column_number,
            "code": error.code,
            "message": error.text,
        }
        if error.code.startswith("XFA"):
            from . import rules  # noqa: F401  (declares them)
            from .registry import RULES

            declared = RULES.get(error.code)
            parts = xfa_parts(error.code, error.text)
            if declared is not None and parts is not None:
                finding["message"], finding["fix_hint"] = parts[0], parts[1]
                finding["name"] = declared.name
                finding["url"] = DOCS_URL.format(code=error.code)
                finding["fix"] = declared.fix if "fastapi-conventions fix" in error.text else None
        self._findings.append(finding)

    def show_statistics(self, statistics: Any) -> None:
        pass

    def show_benchmarks(self, benchmarks: Any) -> None:
        pass

    def stop(self) -> None:
        self._write(json.dumps(self._findings, indent=2, ensure_ascii=False))
        super().stop()


def _artifact(filename: str) -> dict[str, str]:
    from pathlib import Path

    if os.path.isabs(filename):
        return {"uri": Path(filename).as_uri()}
    return {"uri": quote(_relative(filename)), "uriBaseId": "%SRCROOT%"}


def _as_uri(path: str) -> str:
    from pathlib import Path

    return Path(path).resolve().as_uri() + "/"


def rule_descriptor(code: str) -> dict[str, Any]:
    from . import rules  # noqa: F401  (declares them)
    from .docs import _placeholder_values
    from .registry import RULES

    declared = RULES.get(code)
    if declared is None:
        return {"id": code}
    fix_hint = declared.fix_hint.format(**_placeholder_values(declared.fix_hint))
    return {
        "id": code,
        "name": declared.name,
        "shortDescription": {"text": declared.name.replace("-", " ")},
        "fullDescription": {"text": declared.what},
        "help": {
            "text": f"{declared.what}\n\nFix: {fix_hint}",
        },
        "helpUri": DOCS_URL.format(code=code),
        "defaultConfiguration": {"level": "warning", "enabled": declared.default},
        "properties": {"tags": [declared.group + "xx"]},
    }
