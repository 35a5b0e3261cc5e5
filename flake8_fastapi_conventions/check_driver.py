"""How ``fastapi-conventions check`` checks files: read, parse once, run this plugin's
checker, hand the findings to flake8's style guide.

flake8 makes a ``FileProcessor`` per file (lines, ``# flake8: noqa`` scan) and, for every
file with a finding, tokenizes the whole file to map each line to the text flake8 searches
for ``# noqa`` (a statement's or a multi-line string's lines joined). The XFA rules need
neither tokens nor logical lines, so :class:`CheckManager` replaces flake8's
``FileChecker`` with :func:`check_file`:

- the file is read and decoded as flake8 reads it (``tokenize.open``: the coding cookie
  or BOM, universal newlines, latin-1 when that fails; stdin as flake8 reads it);
- a file none of whose text matches ``noqa`` (case-insensitively) can have no ``# noqa``
  comment and no ``# flake8: noqa`` line: its findings carry their physical line and
  nothing is tokenized. Any other file gets flake8's own ``# noqa`` line map
  (``FileProcessor._noqa_line_mapping``), and is skipped as flake8 skips it for a
  ``# flake8: noqa`` line; so do files whose output shows the lines (``--show-source``,
  report formats that read them, e.g. SARIF's UTF-16 columns);
- select/ignore, per-file-ignores, the ``# noqa`` decision itself (bare, codes, prefixes),
  the report formats, ``--count``, ``--statistics``, ``--exit-zero`` stay flake8's: its
  ``StyleGuideManager`` and formatters get the same ``(code, line, column, text,
  physical line)`` results its ``FileChecker`` would hand them;
- a file that does not parse is E999 with flake8's line, column and reason; one too deep
  to parse or walk (``RecursionError``) is E999 at line 1, and the other files go on;
- ``--jobs``: flake8's rules (``auto``, stdin runs serially, serial when a pool cannot be
  made) with a pool of this module's workers; with a start method other than ``fork``
  each worker sets itself up again from the command line.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from typing import Any, Callable

from flake8 import checker as flake8_checker
from flake8 import defaults, utils
from flake8.processor import FileProcessor

#: every ``# noqa`` comment and every ``# flake8: noqa`` line contains this
_NOQA = re.compile("noqa", re.IGNORECASE)

#: report formats whose output never reads a finding's physical line (``--show-source``
#: aside): flake8's own, and this package's GitHub and JSON ones
_LINE_FREE_FORMATS = frozenset({"default", "pylint", "quiet-filename", "quiet-nothing", "github", "fastapi-json"})

Result = tuple[str, int, int, str, "str | None"]


def read_lines(filename: str, options: Any) -> tuple[str, list[str], str | None]:
    """``(display name, lines, first line as read)`` as flake8's ``FileProcessor`` reads
    them: the lines with the BOM stripped from the first; the first line before that (for
    flake8's own processor, which strips it itself). Raises ``OSError``."""
    if filename == "-":
        display = options.stdin_display_name or "stdin"
        lines = utils.stdin_get_lines()
    else:
        display = filename
        with open(filename, "rb") as fh:
            data = fh.read()
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
            text = data.decode(encoding)
        except (SyntaxError, UnicodeError, LookupError):
            text = data.decode("latin-1")
        lines = io.StringIO(text, newline=None).readlines()
    first = lines[0] if lines else None
    if first is not None:
        if first[:1] == "\ufeff":
            lines[0] = first[1:]
        elif first[:3] == "\xef\xbb\xbf":
            lines[0] = first[3:]
    return display, lines, first


def _syntax_position(exc: Exception) -> tuple[int, int]:
    """flake8's ``FileChecker._extract_syntax_information``."""
    return flake8_checker.FileChecker._extract_syntax_information(exc)


def check_file(filename: str, plugins: Any, options: Any) -> tuple[str, list[Result], dict[str, int]]:
    """``(display name, results, statistics)`` of one file, as flake8's
    ``FileChecker.run_checks`` returns them for this plugin's checkers."""
    statistics = {"tokens": 0, "logical lines": 0, "physical lines": 0}
    try:
        display, lines, first = read_lines(filename, options)
    except OSError as exc:
        return filename, [("E902", 0, 0, f"{type(exc).__name__}: {exc}", None)], statistics
    statistics["physical lines"] = len(lines)
    source = "".join(lines)
    exact = _NOQA.search(source) is not None
    if exact and not options.disable_noqa and any(defaults.NOQA_FILE.match(line) for line in lines):
        return display, [], statistics  # `# flake8: noqa`
    if not exact:
        exact = bool(options.show_source) or not _line_free(options.format)
    results: list[Result] = []
    physical = _physical_lines(display, lines, first, options, exact)

    def report(code: str, line: int, column: int, text: str) -> None:
        results.append((code, line, column, text, physical(line)))

    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        row, column = _syntax_position(exc)
        report("E999", row, column, f"{type(exc).__name__}: {exc.args[0]}")
        return display, results, statistics
    except (RecursionError, MemoryError) as exc:
        report("E999", 1, 0, f"{type(exc).__name__}: too deeply nested to parse")
        return display, results, statistics
    except ValueError as exc:  # Python 3.11: "source code string cannot contain null bytes"
        report("E999", 1, 0, f"{type(exc).__name__}: {exc}")
        return display, results, statistics
    try:
        for plugin in plugins.tree:
            for line, column, message, _ in _run_plugin(plugin, tree, display, lines, filename, options):
                code, text = message.split(" ", 1)
                report(code, line, column, text)
    except (RecursionError, MemoryError) as exc:  # flake8 would stop the whole run
        report("E999", 1, 0, f"{type(exc).__name__}: too deeply nested to parse")
    return display, results, statistics


def _line_free(format_name: str) -> bool:
    # a format string (``--format='%(path)s:...'``) uses flake8's default formatter
    return format_name in _LINE_FREE_FORMATS or "%(" in format_name


def _physical_lines(
    display: str, lines: list[str], first: str | None, options: Any, exact: bool
) -> Callable[[int], str | None]:
    """The line flake8's ``FileChecker.report`` attaches to a finding on line N."""
    if not exact:
        # no `noqa` anywhere: the decision is the same for any line of this file, and
        # the output does not show it; the physical line itself
        total = len(lines)
        return lambda n: lines[n - 1] if 0 < n <= total else None
    mapping: dict[int, str] | None = None

    def noqa_line(n: int) -> str | None:
        nonlocal mapping
        if mapping is None:
            original = lines if first is None else [first, *lines[1:]]
            mapping = FileProcessor(display, options, lines=list(original))._noqa_line_mapping
        return mapping.get(n)

    return noqa_line


def _run_plugin(plugin: Any, tree: ast.AST, display: str, lines: list[str], filename: str, options: Any):
    """flake8's ``FileChecker.run_check`` + ``run_ast_checks`` for one tree plugin."""
    from flake8 import exceptions

    known = {"tree": tree, "filename": display, "lines": lines}
    if set(plugin.parameters) <= known.keys():
        params = {name: known[name] for name in plugin.parameters}
    else:  # a parameter only flake8's processor has
        processor = FileProcessor(filename, options, lines=list(lines))
        try:
            params = processor.keyword_arguments_for(plugin.parameters, {"tree": tree})
        except AttributeError as exc:
            raise exceptions.PluginRequestedUnknownParameters(plugin_name=plugin.display_name, exception=exc) from exc
        params["tree"] = tree
    try:
        checker = plugin.obj(**params)
        try:
            runner = checker.run()
        except AttributeError:
            runner = checker
        yield from runner
    except (RecursionError, MemoryError):
        raise
    except Exception as exc:
        raise exceptions.PluginExecutionFailed(
            filename=filename, plugin_name=plugin.display_name, exception=exc
        ) from exc


# -- the run -------------------------------------------------------------------------

#: ``(plugins, options)`` of this process's run, for the ``--jobs`` workers
_state: tuple[Any, Any] | None = None
def _worker_init(argv: list[str], setup: Callable[[list[str]], tuple[Any, Any]]) -> None:
    import signal

    global _state
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # as flake8: ^C is the parent's
    if _state is None:
        plugins, options = setup(argv)
        _state = (plugins.checkers, options)


def _worker_run(filename: str) -> tuple[str, list[Result], dict[str, int]]:
    assert _state is not None
    plugins, options = _state
    return check_file(filename, plugins, options)


class CheckManager(flake8_checker.Manager):
    """flake8's ``Manager`` (paths, exclusion, jobs, sorting and reporting of results)
    with :func:`check_file` as the file checker."""

    def __init__(self, *args: Any, setup: Callable[[list[str]], tuple[Any, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup = setup
        global _state
        _state = (self.plugins, self.options)

    def run_serial(self) -> None:
        self.results = [check_file(name, self.plugins, self.options) for name in self.filenames]

    def run_parallel(self) -> None:
        import multiprocessing

        try:
            pool = multiprocessing.Pool(self.jobs, _worker_init, initargs=(list(self.argv), self.setup))
        except OSError as err:
            if err.errno not in flake8_checker.SERIAL_RETRY_ERRNOS:
                raise
            pool = None
        except ImportError:
            pool = None
        if pool is None:
            self.run_serial()
            return
        closed = False
        try:
            self.results = list(pool.imap_unordered(_worker_run, self.filenames))
            pool.close()
            pool.join()
            closed = True
        finally:
            if not closed:
                pool.terminate()
                pool.join()
