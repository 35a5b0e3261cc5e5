"""Where the flake8 configuration came from, for messages that name the file: a bad
``fastapi-*`` value in ``setup.cfg`` is reported as a line of that file, not as the
command-line flag, and a misspelt ``fastapi-*`` key (flake8 ignores unknown keys without a
word) gets a warning."""

from __future__ import annotations

import configparser
import os
import sys
from typing import Any

_warned: set[tuple[str, str]] = set()


def config_files(options: Any) -> list[str]:
    """The configuration files flake8 read for ``options``, in reading order."""
    if getattr(options, "isolated", False):
        return []
    found = getattr(options, "config", None)
    if found is None:
        try:
            from flake8.options.config import _find_config_file

            found = _find_config_file(os.path.abspath("."))
        except Exception:  # a private helper of flake8: without it, no file is named
            found = None
    files = [found] if found else []
    files += list(getattr(options, "append_config", None) or ())
    return files


def _flake8_keys(path: str) -> dict[str, str]:
    cfg = configparser.RawConfigParser()
    try:
        cfg.read(path, encoding="UTF-8")
    except (OSError, UnicodeDecodeError, configparser.Error):
        return {}
    if not cfg.has_section("flake8"):
        return {}
    return {key.replace("_", "-"): value for key, value in cfg.items("flake8")}


def from_command_line(option: str, argv: list[str] | None = None) -> bool:
    argv = sys.argv if argv is None else argv
    flag = f"--{option}"
    return any(arg == flag or arg.startswith(flag + "=") for arg in argv)


def where_set(option: str, options: Any) -> str | None:
    """The configuration file that sets ``option`` (when the command line does not)."""
    if from_command_line(option):
        return None
    source = None
    for path in config_files(options):
        if option in _flake8_keys(path):
            source = path
    return source


def warn_unknown_keys(options: Any) -> None:
    """One line on stderr per misspelt ``fastapi-*`` key of the configuration files."""
    known = {name.replace("_", "-") for name in vars(options) if name.startswith("fastapi_")}
    for path in config_files(options):
        for key in _flake8_keys(path):
            if not key.startswith("fastapi") or key in known or (path, key) in _warned:
                continue
            _warned.add((path, key))
            import difflib  # here: importing it cost every flake8 run about 1 ms

            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            sys.stderr.write(
                f"flake8-fastapi-conventions: {_display(path)}: unknown option {key}{hint}; it is ignored\n"
            )


def _display(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel
