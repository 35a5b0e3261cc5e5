"""The ``fastapi-conventions`` console script: ``fix``, ``check``, ``rules``, ``rule``,
``explain`` and ``server`` (the language server, :mod:`.server`).

``fix`` and ``check`` read the same flake8 configuration files and options as the plugin
(flake8's own option parsing is used), so the findings they act on are exactly the ones
flake8 reports. Errors are one line on stderr, never a traceback; exit status 2.
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import sys
import tempfile
import tokenize
from bisect import bisect_right
from collections.abc import Callable
from contextlib import redirect_stderr
from dataclasses import dataclass
from typing import Sequence

PROG = "fastapi-conventions"

EXIT_OK, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A one-line error; ``main`` prints it and exits with status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line instead of usage + error
        raise UsageError(f"{self.prog}: {message} (see {PROG} --help)")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Fix and check the FastAPI conventions of flake8-fastapi-conventions.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    fix = sub.add_parser(
        "fix",
        help="apply the fixes of the fixable rules, in place",
        description=(
            "Apply the fixes of the fixable rules to the files, in place. Reads the flake8 "
            "configuration (select/ignore, per-file-ignores, the fastapi-* options); other "
            "flake8 options are accepted too. Exit status: 0 nothing changed, 1 something "
            "changed (or would, with --diff), 2 usage or I/O error."
        ),
    )
    fix.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .)")
    fix.add_argument("--diff", action="store_true", help="print a unified diff and change nothing")
    fix.add_argument("--unsafe-fixes", action="store_true", help="also apply the fixes marked unsafe")
    fix.add_argument("-q", "--quiet", action="store_true", help="print only the summary and errors")
    fix.add_argument(
        "--show-remaining",
        action="store_true",
        help="also list the findings no fix exists for (by default only the declined fixes are listed, the rest counted)",
    )
    fix.add_argument(
        "--no-progress", action="store_true", help="no progress bar, even on a terminal"
    )
    for option in ("--select", "--ignore", "--extend-select", "--extend-ignore"):
        fix.add_argument(option, metavar="CODES", help=f"as flake8 {option}")

    sub.add_parser(
        "check",
        help="run only this plugin's rules through flake8",
        description=(
            "Run only this plugin's rules with flake8's options and configuration (other "
            "plugins, pycodestyle and pyflakes stay quiet; E902/E999 still report files "
            "that cannot be read or parsed). Each file is parsed once, without flake8's "
            "tokenizer; # noqa, select/ignore, output and exit status are flake8's."
        ),
        add_help=False,
    )
    explain = sub.add_parser(
        "explain",
        help="which layer a file is in and why, and the project facts its findings use",
        description=(
            "For each file: the project root, the layer (from the path's globs and the "
            "file's content), the versions the project declares, what the file defines "
            "and what its imports of the project's modules are."
        ),
    )
    explain.add_argument("paths", nargs="+", metavar="PATH", help="Python files")
    rules = sub.add_parser("rules", help="the table of rules")
    rules.add_argument("--fixable", action="store_true", help="only the rules fastapi-conventions fix rewrites")
    rules.add_argument(
        "--enabled",
        action="store_true",
        help="only the rules the flake8 configuration here enables (default-on ones, and off ones it selects)",
    )
    rule = sub.add_parser("rule", help="one rule's documentation")
    rule.add_argument("code", help="a rule code (as `fastapi-conventions rules` lists them)")
    sub.add_parser(
        "server",
        help="a language server on stdin/stdout, for editors (needs the [server] extra)",
        description=(
            "Run a Language Server Protocol server on stdin/stdout: this plugin's findings "
            "as diagnostics of the open documents, their fixes as quick fixes, the rules' "
            "documentation on hover. Run it from the editor (docs/editors.md); it reads the "
            "flake8 configuration of the workspace root. Needs "
            "pip install 'flake8-fastapi-conventions[server]'."
        ),
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["check"]:
            return run_check(argv[1:])
        parser = _parser()
        args, rest = parser.parse_known_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_ERROR
        if args.command == "fix":
            return run_fix(args, rest)
        if rest:
            raise UsageError(f"{PROG} {args.command}: unrecognized arguments: {' '.join(rest)}")
        if args.command == "rules":
            return run_rules(fixable=args.fixable, enabled=args.enabled)
        if args.command == "explain":
            return run_explain(args.paths)
        if args.command == "server":
            return run_server()
        return run_rule(args.code)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:  # never a traceback
        print(f"{PROG}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


# -- flake8 options ----------------------------------------------------------------


def flake8_options(argv: list[str]):
    """``(plugins, options)`` from flake8's own parser: config files, plugins' options."""
    from flake8.options import config
    from flake8.options.parse_args import parse_args

    buffer = io.StringIO()
    load_config = config.load_config
    config.load_config = _with_pyproject(load_config)  # type: ignore[assignment]
    try:
        with redirect_stderr(buffer):
            return parse_args(argv)
    except SystemExit as exc:
        if isinstance(exc.code, str):  # the plugin's OptionError: "flake8: --x: expected ..."
            message = exc.code
            if message.startswith("flake8: "):
                message = f"{PROG}: " + message[len("flake8: ") :]
            raise UsageError(message) from None
        lines = [line for line in buffer.getvalue().splitlines() if line.strip()]
        raise UsageError(lines[-1] if lines else f"{PROG}: bad flake8 options") from None
    except Exception as exc:  # flake8's config errors (ExecutionError, ConfigParser errors)
        raise UsageError(f"{PROG}: flake8 configuration: {exc}".splitlines()[0]) from None
    finally:
        config.load_config = load_config  # type: ignore[assignment]


def _with_pyproject(load_config):
    """flake8's ``load_config``, reading ``[tool.flake8]`` of ``pyproject.toml`` when no
    ``setup.cfg``/``tox.ini``/``.flake8`` configures flake8 (as Flake8-pyproject does for
    flake8 itself): ``check`` and ``fix`` then see what a ruff-only project configured."""

    def load(config, extra, *, isolated=False):
        cfg, cfg_dir = load_config(config, extra, isolated=isolated)
        if isolated or config is not None or cfg.has_section("flake8"):
            return cfg, cfg_dir
        found = _pyproject_flake8_table(os.path.abspath("."))
        if found is None:
            return cfg, cfg_dir
        path, table = found
        cfg.add_section("flake8")
        for key, value in table.items():
            if isinstance(value, bool):
                text = "true" if value else "false"
            elif isinstance(value, (list, tuple)):
                text = ",".join(str(v) for v in value)
            else:
                text = str(value)
            cfg.set("flake8", key, text)
        return cfg, os.path.dirname(path)

    return load


def _pyproject_flake8_table(directory: str):
    """``(path, table)`` of the nearest ``pyproject.toml`` with a ``[tool.flake8]`` table."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError:
            return None
    home = os.path.expanduser("~")
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            try:
                with open(candidate, "rb") as fh:
                    table = tomllib.load(fh).get("tool", {}).get("flake8")
            except (OSError, ValueError):
                table = None
            if isinstance(table, dict):
                return candidate, table
        parent = os.path.dirname(directory)
        if parent == directory or directory == home:
            return None
        directory = parent


# -- check -------------------------------------------------------------------------


def run_check(argv: list[str]) -> int:
    """Only this plugin's checker and codes, through :mod:`.check_driver`."""
    if argv[:1] in (["-h"], ["--help"]):
        print(
            f"usage: {PROG} check [flake8 options] [PATH ...]\n\n"
            "Runs only this plugin's rules, with flake8's configuration files and\n"
            "options (pycodestyle, pyflakes and other plugins stay quiet; E902/E999\n"
            "report files that cannot be read or parsed). Each file is parsed once,\n"
            "without flake8's tokenizer; # noqa, select/ignore, per-file-ignores,\n"
            "--jobs, output and exit status are flake8's."
        )
        return EXIT_OK
    from flake8.main.application import Application

    from .check_driver import CheckManager

    argv = _json_format(argv)
    app = Application()
    app.plugins, app.options = check_setup(argv)
    app.make_formatter()
    app.make_guide()
    # the XFA rules need the tree only: no tokenising, no logical lines (check_driver);
    # flake8's style guide, noqa decision, formatters and jobs rules for everything else
    app.file_checker_manager = CheckManager(
        style_guide=app.guide, plugins=app.plugins.checkers, argv=argv, setup=check_setup
    )
    _fewer_collections()
    app.run_checks()
    app.report()
    if not app.catastrophic_failure and app.options.count:
        print(app.result_count)
    return app.exit_code()


def _fewer_collections() -> None:
    """The cyclic garbage collector less often during ``check``: parsing a file makes tens of
    thousands of AST nodes, and the default threshold (700 allocations) runs a collection
    every few statements while little of it is cyclic garbage (peak RSS on 843 files: 33.0 MB
    against 32.5 MB with the default threshold, 51 MB with the collector off). Objects made
    so far (modules, rule declarations) are moved out of the collections' way. About 6 % of
    ``check``'s time on application code."""
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def check_setup(argv: list[str]):
    """``(plugins, options)`` of ``check``: flake8's options and configuration, only this
    plugin's tree checker, its codes (and E902/E999) selected."""
    from flake8.plugins.finder import Checkers

    plugins, options = flake8_options(argv)
    options.select = plugin_select(options.select)
    options.extend_select = [c for c in options.extend_select or () if _is_ours(c)]
    ours = [p for p in plugins.checkers.tree if p.plugin.package == "flake8-fastapi-conventions" or p.entry_name == "XFA"]
    return plugins._replace(checkers=Checkers(tree=ours, logical_line=[], physical_line=[])), options


def _json_format(argv: list[str]) -> list[str]:
    """``--format json`` names this package's JSON report unless another one is installed."""
    from importlib.metadata import entry_points

    if any(ep.name == "json" for ep in entry_points(group="flake8.report")):
        return argv
    out = []
    for i, arg in enumerate(argv):
        if arg == "--format=json":
            arg = "--format=fastapi-json"
        elif arg == "json" and i and argv[i - 1] == "--format":
            arg = "fastapi-json"
        out.append(arg)
    return out


def _is_ours(code: str) -> bool:
    return code.strip().upper().startswith("XFA")


def plugin_select(select: list[str] | None) -> list[str]:
    """``--select`` for ``check``: the user's XFA entries (or ``XFA``), plus E902/E999.

    Keeps default-off semantics: ``XFA`` switches no "off" rule on; the user's
    ``select``/``extend-select`` entries that name one still do.
    """
    ours = [c for c in select or () if _is_ours(c)]
    return [*(ours or ["XFA"]), "E902", "E999"]


# -- fix ---------------------------------------------------------------------------


@dataclass
class Policy:
    """flake8's decision for a finding: select/ignore, per-file-ignores, ``# noqa``."""

    options: object

    def __post_init__(self) -> None:
        from flake8.style_guide import StyleGuideManager

        self.guide = StyleGuideManager(self.options, formatter=None)  # type: ignore[arg-type]

    def __call__(self, filename, lines, findings):
        from flake8.processor import FileProcessor
        from flake8.style_guide import Decision
        from flake8.violation import Violation

        decider = self.guide.style_guide_for(filename).decider
        kept = [f for f in findings if decider.decision_for(f.code) is Decision.Selected]
        if not kept or self.options.disable_noqa:
            return kept
        if not any("noqa" in line.lower() for line in lines):
            return kept  # no ``# noqa`` anywhere: no need to tokenize the file for its lines
        processor = FileProcessor(filename, self.options, lines=list(lines))
        out = []
        for f in kept:
            physical = processor.noqa_line_for(f.line)
            if physical is None:
                physical = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
            if not Violation(f.code, filename, f.line, f.col + 1, f.text, physical).is_inline_ignored(False):
                out.append(f)
        return out


def run_fix(args: argparse.Namespace, rest: list[str]) -> int:
    from flake8.discover_files import expand_paths

    from .fixer import fix_text
    from .registry import declined_reason, strip_fix_suffix
    from .settings import settings_from_options

    flake8_argv = list(rest)
    for option in ("select", "ignore", "extend_select", "extend_ignore"):
        value = getattr(args, option)
        if value is not None:
            flake8_argv += [f"--{option.replace('_', '-')}", value]
    flake8_argv += ["--", *args.paths] if args.paths else []
    _plugins, options = flake8_options(flake8_argv)
    try:
        settings = settings_from_options(options)
    except SystemExit as exc:
        raise UsageError(str(exc.code)) from None
    if "-" in options.filenames:
        raise UsageError(f"{PROG} fix: cannot fix stdin; name the files")
    policy = Policy(options)
    paths = list(
        expand_paths(
            paths=options.filenames,
            stdin_display_name=options.stdin_display_name,
            filename_patterns=options.filename,
            exclude=(*options.exclude, *options.extend_exclude),
        )
    )
    out = sys.stderr if args.diff else sys.stdout
    progress = Progress(len(paths), enabled=not args.no_progress)
    errors = fixed = files = manual = unsafe = unlisted = 0
    for path in paths:
        progress.step(path)
        try:
            original, encoding, bom = read_source(path)
        except OSError as exc:
            progress.clear()
            print(f"{path}: {exc.strerror or exc}", file=sys.stderr)
            errors += 1
            continue
        except (UnicodeDecodeError, SyntaxError, LookupError):
            progress.clear()
            print(f"{path}: cannot decode its text, left unchanged", file=sys.stderr)
            errors += 1
            continue
        result = fix_text(original, path, settings, unsafe=args.unsafe_fixes, policy=policy)
        if result.cannot_parse:
            progress.clear()
            print(f"{path}: cannot parse ({result.parse_error}), left unchanged", file=sys.stderr)
            continue
        manual += len(result.manual)
        unsafe += result.unsafe_available
        if not args.quiet and result.manual:
            progress.clear()
            # --diff leaves the file as it is: its findings name the file's lines, not the fixed text's
            line_of = _line_before(result.original, result.text) if args.diff and result.changed else int
            for m in result.manual:
                if m.reason is None and not args.show_remaining:
                    unlisted += 1  # no fix exists: `check` lists it; the summary counts it
                    continue
                f = m.finding
                why = f" [not fixed: {m.reason}]" if m.reason else ""
                message = f.message if declined_reason(f.message) is None else strip_fix_suffix(f.message)
                print(f"{path}:{line_of(f.line)}:{f.col + 1}: {message}{why}", file=out)
        if not result.changed:
            continue
        if args.diff:
            progress.clear()
            sys.stdout.write(unified_diff(path, result.original, result.text))
        else:
            try:
                write_source(path, result.text, encoding, bom)
            except NotWritten as exc:
                progress.clear()
                print(f"{path}: {exc}", file=sys.stderr)
                continue
            except OSError as exc:
                progress.clear()
                print(f"{path}: cannot write: {exc.strerror or exc}", file=sys.stderr)
                errors += 1
                continue
        fixed += result.fixed
        files += 1
    progress.clear()
    if unlisted:
        print(
            f"{_plural(unlisted, 'finding')} with no fix not listed: `{PROG} check` lists "
            f"{'it' if unlisted == 1 else 'them'} "
            f"(or fix --show-remaining)",
            file=out,
        )
    print(summary(fixed, files, manual, unsafe, args.diff), file=sys.stderr if args.diff else sys.stdout)
    if errors:
        return EXIT_ERROR
    return EXIT_CHANGED if files else EXIT_OK


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(fixed: int, files: int, manual: int, unsafe: int, diff: bool) -> str:
    verb = "Would fix" if diff else "Fixed"
    text = f"{verb} {_plural(fixed, 'finding')} in {_plural(files, 'file')}"
    extra = []
    if manual:
        extra.append(f"{manual} more need{'s' if manual == 1 else ''} a manual fix")
    if unsafe:
        extra.append(f"{unsafe} more fixable with --unsafe-fixes")
    return text + (f" ({', '.join(extra)})" if extra else "")


def _display(path: str) -> str:
    while path.startswith("./"):
        path = path[2:]
    return path


def unified_diff(path: str, before: str, after: str, context: int = 3) -> str:
    """A unified diff that shows only changed lines as ``-``/``+``: difflib's
    ``unified_diff`` treats lines repeated across a long file (``return``, ``)``) as junk
    and then pairs unchanged lines as removed and added."""
    a = before.splitlines(keepends=True)
    b = after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[str] = []
    for group in matcher.get_grouped_opcodes(context):
        if not out:
            out += [f"--- a/{_display(path)}\n", f"+++ b/{_display(path)}\n"]
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [" " + line for line in a[i1:i2]]
                continue
            out += ["-" + line for line in a[i1:i2]]
            out += ["+" + line for line in b[j1:j2]]
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in out)


def _line_before(before: str, after: str) -> Callable[[int], int]:
    """The line of ``before`` that a line of ``after`` comes from (1-based); a changed line
    maps to the first line of the lines it replaced."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    blocks = matcher.get_opcodes()
    starts = [j1 for _, _, _, j1, _ in blocks]

    def line_before(line: int) -> int:
        tag, i1, _, j1, _ = blocks[max(bisect_right(starts, line - 1) - 1, 0)]
        return i1 + (line - 1 - j1) + 1 if tag == "equal" else i1 + 1

    return line_before


def _range(start: int, stop: int) -> str:
    """A hunk's ``start,length`` as unified diffs write it (1-based; ``n,0`` when empty)."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


# -- files -------------------------------------------------------------------------

_BOM = b"\xef\xbb\xbf"


def read_source(path: str) -> tuple[str, str, bool]:
    """``(text, encoding, had_bom)``; the text keeps its line endings, without the BOM."""
    with open(path, "rb") as fh:
        data = fh.read()
    bom = data.startswith(_BOM)
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    if bom:
        data, encoding = data[len(_BOM) :], "utf-8"
    return data.decode(encoding), encoding, bom


class NotWritten(Exception):
    """The fixer leaves a file as it is, on purpose (the reason is the message)."""


def write_source(path: str, text: str, encoding: str, bom: bool) -> None:
    """Write the fixed text, never losing or corrupting the file: a symlink's target is
    written (the link stays a link); a file without write permission is left unchanged
    (``NotWritten``), even when root could write it; mode, owner and group are kept; the
    write is atomic (a temporary file beside the target, then ``os.replace``) where the
    directory allows it, in place where only the file is writable."""
    data = (_BOM if bom else b"") + text.encode(encoding)
    target = os.path.realpath(path)
    st = os.stat(target)
    if not st.st_mode & 0o222:
        raise NotWritten("read-only file, left unchanged")
    directory = os.path.dirname(target)
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    except OSError:
        # a read-only directory: the file itself may still be writable
        with open(target, "r+b") as fh:
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o7777)
        if hasattr(os, "chown"):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass  # not ours to give away: the new file stays ours, like an editor's save
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass  # the temporary file may not exist yet; the original error is re-raised
        raise


class Progress:
    """A progress bar on stderr, only when stderr is a terminal and there are many files."""

    MIN_FILES = 20

    def __init__(self, total: int, enabled: bool = True) -> None:
        self.total = total
        self.done = 0
        self.shown = False
        try:
            tty = sys.stderr.isatty()
        except (AttributeError, ValueError):
            tty = False
        self.enabled = enabled and tty and total >= self.MIN_FILES

    def step(self, path: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 30
        filled = width * self.done // max(self.total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {self.done}/{self.total} files")
        sys.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self.shown = False


# -- rules / rule --------------------------------------------------------------------


def run_rules(fixable: bool = False, enabled: bool = False) -> int:
    from . import checker  # noqa: F401  (declares the rules)
    from .docs import fix_label
    from .registry import RULES

    on: frozenset[str] | None = None
    if enabled:
        from .settings import settings_from_options

        from flake8.style_guide import Decision, DecisionEngine

        _plugins, options = flake8_options([])
        decider = DecisionEngine(options)
        on = frozenset(
            c for c in settings_from_options(options).enabled if decider.decision_for(c) is Decision.Selected
        )
    rows = [("code", "name", "default", "fix")]
    for code in sorted(RULES):
        r = RULES[code]
        if (fixable and r.fix is None) or (on is not None and code not in on):
            continue
        rows.append((code, r.name, "on" if r.default else "off", fix_label(r)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    return EXIT_OK


def run_explain(paths: list[str]) -> int:
    import ast

    from .explain import explain
    from .settings import settings_from_options

    _plugins, options = flake8_options([])
    try:
        settings = settings_from_options(options)
    except SystemExit as exc:
        raise UsageError(str(exc.code)) from None
    status = EXIT_OK
    for path in paths:
        try:
            source, _, _ = read_source(path)
            tree = ast.parse(source, path)
        except OSError as exc:
            print(f"{path}: {exc.strerror or exc}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError) as exc:
            where = f":{exc.lineno}" if isinstance(exc, SyntaxError) and exc.lineno else ""
            print(f"{path}{where}: cannot parse: {exc}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        print(explain(tree, path, settings))
    return status


def run_server() -> int:
    try:
        from .server import serve
    except ImportError as exc:
        raise UsageError(
            f"{PROG} server: needs pygls and lsprotocol ({exc}); "
            "pip install 'flake8-fastapi-conventions[server]'"
        ) from None
    return serve()


def run_rule(code: str) -> int:
    from . import checker  # noqa: F401
    from .docs import render_rule
    from .registry import RULES

    declared = RULES.get(code.strip().upper())
    if declared is None:
        raise UsageError(f"{PROG} rule: unknown rule {code!r} (see {PROG} rules)")
    print(render_rule(declared).rstrip("\n"))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
