"""The flake8 plugin: entry point ``XFA`` under ``flake8.extension``."""

from __future__ import annotations

import ast
import gc
from typing import Any, Iterator

# Importing the rules allocates thousands of objects (functions, declarations, tables) that
# live as long as the process; looking for garbage among them while they are made (15
# collections) cost every flake8 run about 2 ms, a seventh of the import. The import makes
# no garbage cycles to collect. Then ``gc.freeze()`` moves them (and what the process made
# before) out of every later collection's way, the last one at interpreter exit included:
# without it, exiting cost an editor's one-file flake8 run 10-20 ms more than bare flake8's.
_collecting = gc.isenabled()
gc.disable()
try:
    from . import __version__, _bundle
    from . import rules as _rules  # noqa: F401  (declares every rule and visitor)
    from .context import Context
    from .settings import Settings, add_options, settings_from_options
    from .walker import report_failure, walk
finally:
    if _collecting:
        gc.freeze()
        gc.enable()


class Checker:
    name = "flake8-fastapi-conventions"
    version = __version__

    #: set by :meth:`parse_options` once per flake8 run (and per ``--jobs`` worker)
    settings = Settings()

    def __init__(self, tree: ast.AST, filename: str = "stdin", lines: list[str] | None = None) -> None:
        self.tree = tree
        self.filename = filename
        #: the file's physical lines (flake8 passes them; used for comments)
        self.lines = lines

    @classmethod
    def add_options(cls, parser: Any) -> None:
        add_options(parser)

    @classmethod
    def parse_options(cls, options: Any) -> None:
        from . import config_file
        from .settings import OptionError

        config_file.warn_unknown_keys(options)
        try:
            cls.settings = settings_from_options(options)
        except OptionError as exc:
            source = config_file.where_set(exc.option, options)
            if source is None:
                raise
            raise OptionError(exc.option, exc.value, exc.expected, source=config_file._display(source)) from None

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        for line, col, message in run_checks(self.tree, self.filename, self.settings, self.lines):
            yield line, col, message, type(self)


def run_checks(
    tree: ast.AST, filename: str, settings: Settings, lines: list[str] | None = None
) -> list[tuple[int, int, str]]:
    """Findings ``(line, col, message)`` of one parsed file; never raises."""
    ctx = check_context(tree, filename, settings, lines)
    return sorted(ctx.findings) if ctx is not None else []


def check_context(
    tree: ast.AST, filename: str, settings: Settings, lines: list[str] | None = None
) -> Context | None:
    """The :class:`Context` of one parsed file after the walk (its ``findings`` and their
    ``ends``); ``None`` when it could not be built. Never raises."""
    ctx = None
    try:
        ctx = Context(tree, filename, settings, lines)
        walk(ctx)
    except Exception as exc:  # the walk itself; rule failures are caught per visitor
        report_failure("flake8_fastapi_conventions.walker", filename, getattr(ctx, "node", None), exc)
    _bundle.save_once()  # after the first check: with the modules a check imports on its way
    return ctx


def check_source(
    source: str, filename: str = "app/main.py", settings: Settings | None = None
) -> list[tuple[int, int, str]]:
    """Findings of ``source`` as if it were the file ``filename`` (for tests and tools).

    Columns are flake8's: 1-based.
    """
    tree = ast.parse(source, filename)
    found = run_checks(tree, filename, settings or Settings(), source.splitlines(keepends=True))
    return [(line, col + 1, message) for line, col, message in found]
