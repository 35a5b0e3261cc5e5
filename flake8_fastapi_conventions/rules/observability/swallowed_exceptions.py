"""XFA809: a broad ``except`` that neither logs nor re-raises."""

from __future__ import annotations

import ast
import re

from ... import lazy_re
from ...context import comment_of, Context, dotted_name, SCOPE_TYPES
from ...registry import moved_off, rule, visitor


XFA809 = rule(
    "XFA809",
    "swallowed-exception",
    default=False,
    precision=moved_off("3 of 20"),
    seeds=("000",),
    message="exception swallowed with '{body}' and no comment",
    fix_hint="handle or log it, or say why it is safe to ignore in a comment (or use contextlib.suppress(...))",
    what="""
        Reports an `except` (or `except*`) block whose body is only `pass` or `...`, with no
        comment on the `except` line, the `pass` line or a line between them.
    """,
    why="""
        Seed 000 lists `except SomeError: pass` among the things not to do: the error
        disappears, and the next reader cannot tell whether that was intended.
    """,
    bad="""
        def cleanup(path: str) -> None:
            try:
                remove(path)
            except OSError:
                pass
    """,
    good="""
        import contextlib

        def cleanup(path: str) -> None:
            with contextlib.suppress(FileNotFoundError):
                remove(path)
    """,
    not_flagged=(
        "Handlers that do anything else: `except asyncio.CancelledError: raise`, logging, returning.",
        "`contextlib.suppress(...)`, which states the intent.",
        "A comment on the `except` line, the `pass` line or between them; a tool directive alone (`# type: ignore`, `# pragma: no cover`) is no comment, a directive followed by a reason is (`# pragma: no cover — defensive`).",
        "A catch another linter's warning was silenced for, on the `except` line: `# pylint: disable=broad-exception-caught` (or `bare-except`, `broad-except`, `W0702`/`W0703`/`W0718`), `# noqa: E722`/`BLE001`/`S110`, `# nosec B110` — the author met the warning and kept the catch on purpose.",
        "`except ImportError`/`ModuleNotFoundError` (the optional-import idiom).",
        "A specific exception class, which names the condition that is expected: `except FileNotFoundError: pass` around a best-effort `os.unlink`, `except ValueError: pass` in a parse fallback, `except httpx.TimeoutException: pass` in a poll or retry loop, `except KeyError: pass` on optional data (as bandit's B110 by default). Only a bare `except:`, `Exception`, `BaseException`, `OSError` (which also hides a permission or disk error), `KeyboardInterrupt`/`SystemExit`/`GeneratorExit` and `asyncio.CancelledError` are reported, alone or in a tuple.",
        "A `try` with an `else:` block (`try: x = d[k]` / `except KeyError: pass` / `else: use(x)`): the else states the intent.",
        "`except asyncio.CancelledError: pass` after a `try` whose body only awaits (awaiting a task just cancelled); "
        "after `task.cancel()` the handler of `try: await task` may catch anything (`except (CancelledError, Exception): pass`).",
        "In tests, a best-effort teardown step in a `finally:` block (`try: api.delete(x)` / `except Exception: pass`).",
    ),
)


_OPTIONAL_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "builtins.ImportError", "builtins.ModuleNotFoundError"})
_CANCELLED = frozenset({"asyncio.CancelledError", "asyncio.exceptions.CancelledError", "CancelledError", "anyio.get_cancelled_exc_class"})
#: classes that say nothing about which failure was expected (``except Exception: pass``,
#: ``except OSError: pass`` also hides a permission or disk error) or that must not be
#: swallowed (an interrupt, an exit, a generator's close)
_BROAD_ERRORS = frozenset(
    {
        "Exception",
        "BaseException",
        "OSError",
        "IOError",
        "EnvironmentError",
        "KeyboardInterrupt",
        "SystemExit",
        "GeneratorExit",
    }
)


def _broad(qualname: str) -> bool:
    name = qualname[len("builtins.") :] if qualname.startswith("builtins.") else qualname
    return name in _BROAD_ERRORS


#: tool directives say nothing about why an exception is ignored; ``error: XFAnnn``
#: is the expectation marker of this project's eval files
_DIRECTIVE = lazy_re.compile(
    r"^\s*(noqa\b|type:|pragma\b|pylint:|nosec\b|fmt:|isort:|mypy:|pyright:|ruff:|error:\s*XFA\d)",
    re.IGNORECASE,
)


#: a reason written after a directive in the same comment: ``pragma: no cover — defensive``
_DIRECTIVE_REASON = lazy_re.compile(r"(?:\s[-–—]{1,2}\s|[–—]|;)\s*[A-Za-z]{3,}")


def explains(line: str) -> bool:
    """``line`` has a comment that is not only tool directives (a directive followed by a
    reason, ``# pragma: no cover — defensive``, explains)."""
    text = comment_of(line)
    if text is None:
        return False
    return any(
        part.strip() and (not _DIRECTIVE.match(part) or _DIRECTIVE_REASON.search(part)) for part in text.split("#")
    )


#: a suppression, on the ``except`` line, of another linter's report of this very catch —
#: pylint's bare/broad except, pycodestyle's E722, flake8-blind-except's BLE001, bandit's
#: try-except-pass: the author met the warning and kept the catch on purpose
_BROAD_CATCH_SUPPRESSED = lazy_re.compile(
    r"pylint:\s*disable\s*=.*\b(bare-except|broad-except|broad-exception-caught|W0702|W0703|W0718)\b"
    r"|noqa\s*:.*\b(E722|BLE001|S110|B001)\b"
    r"|nosec\b.*\bB110\b",
    re.IGNORECASE,
)


def _catch_suppressed(line: str) -> bool:
    text = comment_of(line)
    return text is not None and _BROAD_CATCH_SUPPRESSED.search(text) is not None


def _handler_types(handler: ast.ExceptHandler, ctx: Context) -> list[str]:
    exc = handler.type
    if exc is None:
        return []
    items = exc.elts if isinstance(exc, ast.Tuple) else [exc]
    return [ctx.resolve(item) or "" for item in items]


@visitor(ast.ExceptHandler, codes=(XFA809,))
def swallowed_exceptions(node: ast.ExceptHandler, ctx: Context) -> None:
    body = node.body
    if not body or not all(_is_noop(stmt) for stmt in body):
        return
    lines = ctx.lines
    if lines is None:
        return  # comments are not known: stay silent
    end = getattr(body[-1], "end_lineno", None) or body[-1].lineno
    for lineno in range(node.lineno, end + 1):
        if 0 < lineno <= len(lines) and explains(lines[lineno - 1]):
            return
    if 0 < node.lineno <= len(lines) and _catch_suppressed(lines[node.lineno - 1]):
        return  # ``except Exception:  # pylint: disable=broad-exception-caught``: kept on purpose
    parent = ctx.parent
    if getattr(parent, "orelse", None):
        return  # ``try: x = d[k] except KeyError: pass else: use(x)``: the else is the intent
    types = _handler_types(node, ctx)
    if types and all(t in _OPTIONAL_IMPORT_ERRORS for t in types):
        return
    if types and not any(_broad(t) or t in _CANCELLED for t in types):
        return  # ``except FileNotFoundError: pass``: the class names the expected condition
    if types and all(t in _CANCELLED for t in types):
        if isinstance(parent, ast.Try) or parent.__class__.__name__ == "TryStar":
            if all(
                isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Await)
                for stmt in parent.body  # type: ignore[attr-defined]
            ):
                return
    if isinstance(parent, ast.Try) or parent.__class__.__name__ == "TryStar":
        if _test_teardown(parent, ctx) or _awaits_cancelled(node, parent, ctx):
            return
    stmt = body[0]
    ctx.report(node, XFA809, body="pass" if isinstance(stmt, ast.Pass) else "...")


def _test_teardown(parent: ast.AST, ctx: Context) -> bool:
    """In a test, ``try: client.delete(x) / except Exception: pass`` as a step of a
    ``finally:`` block: best-effort removal of the test's own leftovers."""
    body = getattr(parent, "body", [])
    if not ctx.is_test or len(body) != 1 or not isinstance(body[0], ast.Expr):
        return False
    chain = ctx.ancestors
    for i in range(len(chain) - 2, -1, -1):
        ancestor = chain[i]
        if isinstance(ancestor, SCOPE_TYPES):
            return False
        child = chain[i + 1]
        if isinstance(ancestor, ast.Try) and any(c is child for c in ancestor.finalbody):
            return True
    return False


def _awaits_cancelled(handler: ast.ExceptHandler, parent: ast.AST, ctx: Context) -> bool:
    """``task.cancel()`` then ``try: await task / except (CancelledError, Exception): pass``:
    waiting for a task just cancelled, whatever it ends with."""
    body = getattr(parent, "body", [])
    if len(body) != 1 or not isinstance(body[0], ast.Expr) or not isinstance(body[0].value, ast.Await):
        return False
    awaited = dotted_name(body[0].value.value)
    if awaited is None:
        return False
    chain = ctx.ancestors
    if len(chain) < 2:
        return False
    container = chain[-2]
    for field in ("body", "orelse", "finalbody"):
        block = getattr(container, field, None)
        if isinstance(block, list) and any(s is parent for s in block):
            index = next(i for i, s in enumerate(block) if s is parent)
            if index == 0:
                return False
            prev = block[index - 1]
            return (
                isinstance(prev, ast.Expr)
                and isinstance(prev.value, ast.Call)
                and isinstance(prev.value.func, ast.Attribute)
                and prev.value.func.attr == "cancel"
                and dotted_name(prev.value.func.value) == awaited
            )
    return False


def _is_noop(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Pass):
        return True
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and stmt.value.value is Ellipsis
