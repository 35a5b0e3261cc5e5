"""Eval files: Python sources with the expected findings written next to the code.

A line that must be reported ends with ``# error: XFA101:5`` (code and flake8's 1-based
column; several separated by commas).  A quoted text after an item is an argument the
message must contain, as flake8-async writes them: ``# error: XFA101:5 "requests.get"``
(several texts may follow one item; ``\"`` inside a text is a quote).  Header comments
before the code:

    # path: app/services/user_service.py   the file is checked as this path (default app/main.py)
    # select: XFA109, XFA9                 extend-select these "off" rules
    # options: fastapi-max-if-depth=3      other plugin options (comma-separated key=value)

The file name starts with the code it tests (``XFA101.py``, ``XFA101_nested.py``) or the
group (``XFA1xx_scopes.py``); only that code's, or that group's, findings are compared. A
file named after one code runs that rule whether it is on or off by default (except a
``*_off_ok.py`` file, which shows the rule is off).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from flake8_fastapi_conventions.checker import check_source
from flake8_fastapi_conventions.settings import LAYER_OPTION, settings_from_options

EVAL_DIR = Path(__file__).parent / "eval"
_EXPECT = re.compile(r"#\s*error:\s*(.+?)\s*$")
_ITEM = re.compile(r'\s*(XFA\d{3}):(\d+)((?:\s+"(?:[^"\\]|\\.)*")*)\s*(?:,|$)')
_TEXT = re.compile(r'"((?:[^"\\]|\\.)*)"')
_HEADER = re.compile(r"^#\s*(path|select|options):\s*(.*?)\s*$")


@dataclass
class EvalFile:
    path: Path
    source: str
    check_path: str
    select: list[str]
    options: dict[str, str]
    prefix: str

    @property
    def expected(self) -> set[tuple[int, int, str]]:
        return set(self.expected_texts)

    @property
    def expected_texts(self) -> dict[tuple[int, int, str], list[str]]:
        """Each expected finding with the texts its message must contain."""
        found: dict[tuple[int, int, str], list[str]] = {}
        for lineno, line in enumerate(self.source.splitlines(), start=1):
            m = _EXPECT.search(line)
            if not m:
                continue
            spec, pos = m.group(1), 0
            while pos < len(spec):
                im = _ITEM.match(spec, pos)
                if not im or im.end() == pos:
                    raise ValueError(f"{self.path.name}:{lineno}: bad expectation {spec[pos:]!r}")
                texts = [t.replace('\\"', '"') for t in _TEXT.findall(im.group(3))]
                found[(lineno, int(im.group(2)), im.group(1))] = texts
                pos = im.end()
        return found

    def actual_messages(self) -> dict[tuple[int, int, str], str]:
        """``(line, col, code)`` → message of this file's findings of its code or group."""
        findings = messages(self.source, self.check_path, select=self.select, **self.options)
        return {
            (line, col, message.split(" ", 1)[0]): message
            for line, col, message in findings
            if message.startswith(self.prefix)
        }

    def actual(self) -> set[tuple[int, int, str]]:
        return set(self.actual_messages())


def load(path: Path) -> EvalFile:
    source = path.read_text(encoding="utf-8")
    check_path, select, options = "app/main.py", [], {}
    for line in source.splitlines():
        m = _HEADER.match(line)
        if not m:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = m.groups()
        if key == "path":
            check_path = value
        elif key == "select":
            select = [v.strip() for v in value.split(",") if v.strip()]
        else:
            for pair in value.split(","):
                k, _, v = pair.partition("=")
                options[k.strip()] = v.strip()
    stem = path.stem
    prefix = stem[:4] if stem[4:6] == "xx" else stem[:6]
    if prefix != stem[:4] and prefix not in select and not stem.endswith("off_ok"):
        select = [*select, prefix]
    return EvalFile(path, source, check_path, select, options, prefix)


def settings_for(select: list[str] | None = None, **options: str):
    """Settings as flake8 would build them from ``extend-select`` and plugin options."""
    namespace = SimpleNamespace(select=None, extend_select=list(select or ()))
    for layer, option in LAYER_OPTION.items():
        setattr(namespace, option.replace("-", "_"), None)
    namespace.fastapi_schema_modules = None
    namespace.fastapi_bool_prefixes = None
    for key in ("fastapi_max_function_length", "fastapi_max_primitive_params", "fastapi_max_if_depth"):
        setattr(namespace, key, None)
    for key, value in options.items():
        attr = key.replace("-", "_")
        if attr.endswith("_paths") or attr in ("fastapi_schema_modules", "fastapi_bool_prefixes"):
            setattr(namespace, attr, [v for v in value.split("|") if v])
        else:
            setattr(namespace, attr, value)
    return settings_from_options(namespace)


def check(source: str, path: str = "app/main.py", select: list[str] | None = None, **options: str):
    """``(line, col, code)`` of every finding, columns 1-based as flake8 prints them.

    List-valued options take ``|``-separated values: ``fastapi_routes_paths="*/api/*|*/web/*"``.
    """
    findings = check_source(source, path, settings_for(select, **options))
    return [(line, col, message.split(" ", 1)[0]) for line, col, message in findings]


def messages(source: str, path: str = "app/main.py", select: list[str] | None = None, **options: str):
    return check_source(source, path, settings_for(select, **options))


def declined(length: int, limit: int) -> str:
    """How a message ends whose fix is not offered for a setup.cfg ``max-line-length``."""
    return (
        f"[no automatic fix: the rewritten line would be {length} characters, over the "
        f"project's line length of {limit} (setup.cfg)]"
    )


def at_line_length(tmp_path_factory, limit: int, path: str) -> str:
    """``path`` in a new project whose setup.cfg sets ``max-line-length = limit``. Not under
    the test's own ``tmp_path``: its name (``test_*``) would put the file in the tests layer."""
    root = tmp_path_factory.mktemp("shop")
    (root / "setup.cfg").write_text(f"[flake8]\nmax-line-length = {limit}\n", encoding="utf-8")
    return str(root / path)
