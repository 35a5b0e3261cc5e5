"""XFA601: ``app.on_event(...)`` / ``add_event_handler(...)``, deprecated for a lifespan."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ... import lazy_re
from ...context import Context, dotted_name, last_name
from ...fixes import Edit, Finding, Fix, Skip, fixes, keyword_edit, keyword_line_edits
from ...line_budget import LineEdit, LineText
from ...registry import rule
from ...syntax import own_nodes
from ...targets import LIFESPAN, reaches
from ._shared import _APP_FACTORY_TAILS, APP_BINDINGS, APP_SETUP_CALLS, _is_app, _is_app_factory

if TYPE_CHECKING:  # the fix engine, on ast-grep, is imported only when fixing
    from ...fixer.engine import Source


XFA601 = rule(
    "XFA601",
    "on-event-deprecated",
    default=True,
    seeds=("002", "003", "004"),
    message="{form} is deprecated",
    fix_hint="move the startup/shutdown code into a lifespan context manager (setup before `yield`, teardown after it) and pass FastAPI(lifespan=lifespan)",
    what="""
        Reports the deprecated start-up/shut-down hooks of a FastAPI app or router: the
        `@app.on_event("startup")`/`@app.on_event("shutdown")` decorator (at the
        decorator), `app.add_event_handler(...)` and `FastAPI(on_startup=..., on_shutdown=...)`
        / `APIRouter(on_startup=...)` (at the call). The receiver must be a FastAPI app or
        router: assigned `FastAPI()`/`APIRouter()` in this file, or named `*app`/`*router`
        and not provably an object of another framework.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        `on_event` is deprecated in FastAPI and Starlette; start-up and shut-down code
        belongs in one lifespan context manager, where the resources created before
        `yield` are in scope for the clean-up after it. Seed 004: "Never use the
        deprecated @app.on_event("startup") or @app.on_event("shutdown") decorators.
        Always use the lifespan async context manager"; seed 002: lifespan "replaces
        @app.on_event — startup/shutdown with yield".
    """,
    bad="""
        from fastapi import FastAPI

        from app.db import engine

        app = FastAPI()


        @app.on_event("shutdown")
        async def close_engine() -> None:
            await engine.dispose()
    """,
    good="""
        from contextlib import asynccontextmanager

        from fastapi import FastAPI

        from app.db import engine


        @asynccontextmanager
        async def lifespan(app: FastAPI):
            yield
            await engine.dispose()


        app = FastAPI(lifespan=lifespan)
    """,
    not_flagged=(
        "Test files (the tests layer): test apps configure middleware, handlers and events on purpose.",
        "`on_event`/`add_event_handler` on objects that are not a FastAPI app or router "
        "(a `socketio` server, an object created by another framework, `self` inside a library).",
        "`FastAPI(on_startup=None)` and empty `on_startup=[]` lists.",
        "Either branch of an `if` on the installed FastAPI version (`if _FASTAPI_VERSION >= "
        "\"0.109.1\":`, `fastapi.__version__`, `metadata.version(\"fastapi\")`, or a name bound "
        "to one of them): a library supporting FastAPI releases older than lifespan "
        "(the tenth reading's DB-GPT `register_event_handler`).",
        "A project whose FastAPI cannot be 0.93 or newer (its lock file, or the upper bound of "
        "its FastAPI requirement such as `^0.79.1`): lifespans arrived in 0.93, so events are "
        "the only way there.",
    ),
    fix="unsafe",
)
APP_BINDINGS.used_by(XFA601)  # reads the apps and middleware lists of app_assignments


def _implements(ctx: Context, method: str) -> bool:
    """The call is inside a function of the same name: a wrapper forwarding the API."""
    frame = ctx.function
    return frame is not None and getattr(frame.node, "name", None) == method


#: a name that says it holds the FastAPI version (``_FASTAPI_VERSION``, ``fastapi_version``)
_FASTAPI_VERSION_NAME = lazy_re.compile(r"fastapi.*version|version.*fastapi", re.I)


def _fastapi_version_test(ctx: Context, test: ast.expr, follow: bool = True) -> bool:
    for node in ast.walk(test):
        if isinstance(node, ast.Name):
            if _FASTAPI_VERSION_NAME.search(node.id):
                return True
            bound = ctx.lookup(node.id) if follow else None
            if bound is not None and bound.kind == "assign" and bound.value is not None:
                if _fastapi_version_test(ctx, bound.value, follow=False):
                    return True
        elif isinstance(node, ast.Attribute) and node.attr in ("__version__", "VERSION"):
            if (ctx.resolve(node) or "").startswith("fastapi."):
                return True
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == "fastapi"
            and (ctx.resolve(node.func) or "").endswith("metadata.version")
        ):
            return True
    return False


def in_fastapi_version_branch(ctx: Context) -> bool:
    """Inside either branch of an ``if`` (or ``x if ... else y``) on the installed FastAPI
    version: a compatibility layer for releases without lifespan support."""
    return any(
        isinstance(ancestor, (ast.If, ast.IfExp)) and _fastapi_version_test(ctx, ancestor.test)
        for ancestor in ctx.ancestors
    )


def _tail(expr: ast.expr) -> str | None:
    return expr.attr if isinstance(expr, ast.Attribute) else expr.id if isinstance(expr, ast.Name) else None


def _no_lifespans(ctx: Context) -> bool:
    """The project's FastAPI cannot be one that has lifespans (its lock file or requirement)."""
    return reaches(ctx.targets.fastapi, LIFESPAN) is False


@APP_SETUP_CALLS.on(*_APP_FACTORY_TAILS, rules=(XFA601,))
def startup_and_shutdown_lists(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    """``FastAPI(on_startup=[...])`` / ``on_shutdown=``: deprecated beside lifespans."""
    if not _is_app_factory(ctx, node) or _no_lifespans(ctx):
        return
    for kw in node.keywords:
        if kw.arg in ("on_startup", "on_shutdown"):
            value = kw.value
            if isinstance(value, ast.Constant) and value.value is None:
                continue
            if isinstance(value, (ast.List, ast.Tuple)) and not value.elts:
                continue
            if isinstance(value, ast.Name) and any(value.id in f.params for f in ctx.frames):
                continue  # forwarding a parameter (a wrapper around FastAPI)
            name = last_name(node.func) or "FastAPI"
            # the fix moves @app.on_event handlers only: these lists are left to the user
            ctx.report(node, XFA601, form=f"{name}({kw.arg}=...)", fixable=False)
            break


@APP_SETUP_CALLS.on("on_event", "add_event_handler", rules=(XFA601,))
def event_handler_calls(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    if (
        isinstance(func, ast.Attribute)
        and _is_app(ctx, func.value)
        and not _implements(ctx, func.attr)
        and not in_fastapi_version_branch(ctx)
        and not _no_lifespans(ctx)
    ):
        form = f"{dotted_name(func.value) or 'app'}.{func.attr}()"
        fixable = on_event_fixable(ctx, node)
        declined = _lifespan_blocker(ctx, node) if fixable else None
        ctx.report(node, XFA601, form=form, fixable=fixable, declined=declined)


class LifespanPlans:
    """Per file: the lifespan plan of each app of each scope (see :func:`lifespan_plan`),
    and whether its rewrite keeps to the project's line length (see :func:`_lifespan_blocker`)."""

    __slots__ = ("plans", "too_long")

    def __init__(self) -> None:
        self.plans: dict[tuple[int, str], tuple | str] = {}
        #: why the rewrite of a plan is declined for the line length, or None
        self.too_long: dict[tuple[int, str], str | None] = {}


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def handler_scope(call: ast.Call, ancestors: Iterable[ast.AST]) -> ast.AST | None:
    """The module or function whose body defines the handler decorated by ``call``
    (``ancestors`` innermost first), or None when ``call`` is not such a decorator."""
    chain = iter(ancestors)
    handler, scope = next(chain, None), next(chain, None)
    if not (isinstance(handler, _FUNCTIONS) and any(d is call for d in handler.decorator_list)):
        return None
    if isinstance(scope, (ast.Module, *_FUNCTIONS)) and any(s is handler for s in scope.body):  # type: ignore[attr-defined]
        return scope
    return None


def on_event_fixable(ctx: Context, call: ast.Call) -> bool:
    """Whether the fix moves the handler registered by ``call`` (``app.on_event(...)``) to a
    lifespan: the rule's message offers the fix only then, so the fixer never declines one
    it offered."""
    if on_event_call_blocker(call) is not None:
        return False
    scope = handler_scope(call, reversed(ctx.ancestors))
    if scope is None:
        return False
    plans = ctx.state(LifespanPlans).plans
    app = call.func.value.id  # type: ignore[attr-defined]
    key = (id(scope), app)
    if key not in plans:
        plans[key] = lifespan_plan(ctx.tree, scope, app, ctx.lines)
    return not isinstance(plans[key], str)


def _lifespan_blocker(ctx: Context, call: ast.Call) -> str | None:
    """Why the fix of a fixable ``@app.on_event(...)`` (see :func:`on_event_fixable`) would
    leave a line over the project's line length, or None: measured once per lifespan, as the
    fix writes it (:func:`lifespan_text`, :func:`.keyword_insertion`) for every handler of the app."""
    lines = ctx.lines
    if ctx.targets.line_length is None or lines is None:
        return None
    scope = handler_scope(call, reversed(ctx.ancestors))
    state = ctx.state(LifespanPlans)
    key = (id(scope), call.func.value.id)  # type: ignore[attr-defined]
    if key not in state.too_long:
        plan = state.plans[key]
        assert not isinstance(plan, str)  # on_event_fixable
        creation, factory, handlers = plan
        if not 0 < creation.lineno <= len(lines):
            return None
        line = LineText(lines, creation.lineno, creation.lineno)
        at = line.offset(creation.lineno, creation.col_offset)
        previous = lines[creation.lineno - 2] if creation.lineno > 1 else None
        text = lifespan_text(
            scope, creation, handlers, line.text[:at], ctx.written_name("contextlib", "asynccontextmanager"), ctx.text_of(factory.func), "\n", previous
        )
        edits: list[LineEdit] = [((creation.lineno, 0), (creation.lineno, 0), text)]
        # the decorators it removes leave no line longer; the imports it adds are not measured
        keyword = keyword_line_edits(lines, factory, _LIFESPAN_KEYWORD)
        state.too_long[key] = ctx.rewrite_blocker(edits + (keyword if isinstance(keyword, list) else []))
    return state.too_long[key]


def on_event_call_blocker(call: ast.Call) -> str | None:
    """Why the handler registered by ``call`` is not moved to a lifespan whatever the rest of
    the file holds, or None: only ``app.on_event(...)`` of a plain name. (On a FastAPI
    without lifespans the rule reports nothing.)"""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "on_event"):
        return "only @app.on_event(...) handlers are rewritten automatically"
    if not isinstance(func.value, ast.Name):
        return "the app is not a plain name"
    return None


def lifespan_plan(tree: ast.AST, scope: ast.AST, app: str, lines: list[str] | None = None) -> tuple | str:
    """``(creation, factory, handlers)`` for moving the ``@app.on_event`` handlers defined
    in the body of ``scope`` (the module, or an app factory such as ``create_app()``) into
    one lifespan passed to ``app = FastAPI(...)`` of the same body, or why that is left to
    the user. Read from the tree alone (and the file's lines, when given), so that the rule
    and the fix decide alike."""
    body = scope.body  # type: ignore[attr-defined]
    in_function = isinstance(scope, _FUNCTIONS)
    creation = None
    for stmt in body:
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id == app
        ):
            if creation is not None:
                return f"{app} is assigned more than once"
            if isinstance(stmt.value, ast.Call) and _tail(stmt.value.func) == "FastAPI":
                creation = stmt
    if creation is None:
        where = f"the body of {scope.name}()" if in_function else "this module's top level"  # type: ignore[attr-defined]
        return f"{app} = FastAPI(...) is not assigned in {where}: move the handlers to a lifespan by hand"
    factory = creation.value
    assert isinstance(factory, ast.Call)
    if any(k.arg in (None, "lifespan", "on_startup", "on_shutdown") for k in factory.keywords):
        return "FastAPI(...) already has lifespan=/on_startup=/on_shutdown= or **kwargs"
    handlers: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef, ast.Call]] = []
    registered = set()
    for stmt in body:
        if not isinstance(stmt, _FUNCTIONS):
            continue
        for dec in stmt.decorator_list:
            if (
                isinstance(dec, ast.Call)
                and isinstance(dec.func, ast.Attribute)
                and dec.func.attr == "on_event"
                and isinstance(dec.func.value, ast.Name)
                and dec.func.value.id == app
            ):
                event = dec.args[0] if len(dec.args) == 1 and not dec.keywords else None
                if not (isinstance(event, ast.Constant) and event.value in ("startup", "shutdown")):
                    return "an on_event call with other than \"startup\"/\"shutdown\""
                handlers.append((event.value, stmt, dec))
                registered.add(id(dec.func))
                if lines is not None and _shares_its_line(dec, lines):
                    return "the on_event decorator shares its line with other code or a comment"
    bound: set[str] = set()
    for node in ast.walk(scope if in_function else tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("on_event", "add_event_handler", "router")
            and isinstance(node.value, ast.Name)
            and node.value.id == app
            and id(node) not in registered
        ):
            return f"{app} has event handlers that are not @{app}.on_event decorators of functions beside it"
        if isinstance(node, (*_FUNCTIONS, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.Name) and (in_function or isinstance(node.ctx, ast.Store)):
            bound.add(node.id)  # in a function, a read of a global lifespan would be shadowed
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update(alias.asname or alias.name.split(".")[0] for alias in node.names)
    if in_function:
        last = max(fn.lineno for _, fn, _ in handlers) if handlers else 0
        for node in own_nodes(scope):
            if isinstance(node, (ast.Global, ast.Nonlocal)) and app in node.names:
                return f"{app} is declared {'global' if isinstance(node, ast.Global) else 'nonlocal'}"
            if isinstance(node, ast.Name) and node.id == app and isinstance(node.ctx, (ast.Store, ast.Del)) and node is not creation.targets[0]:
                return f"{app} is assigned more than once"
            if isinstance(node, ast.Return) and node.lineno < last:
                return f"{scope.name}() can return before a handler is defined"  # type: ignore[attr-defined]
    names = [s.name for s in body if isinstance(s, (*_FUNCTIONS, ast.ClassDef))]
    for _, fn, _ in handlers:
        a = fn.args
        if a.posonlyargs or a.args or a.vararg or a.kwarg or any(d is None for d in a.kw_defaults):
            return f"the handler {fn.name} takes arguments"
        if names.count(fn.name) != 1:
            return f"the handler name {fn.name} is defined more than once"
    if "lifespan" in bound:
        return "the name lifespan is already used in this file"
    if lines is not None:
        keyword = keyword_line_edits(lines, factory, _LIFESPAN_KEYWORD)
        if isinstance(keyword, str):
            return keyword  # e.g. a comment inside FastAPI(...)
    return creation, factory, handlers


def _shares_its_line(dec: ast.Call, lines: list[str]) -> bool:
    """``@app.on_event(...)`` has other code or a comment on its first or last line."""
    if not (0 < dec.lineno <= len(lines) and 0 < (dec.end_lineno or 0) <= len(lines)):
        return False
    first = lines[dec.lineno - 1].encode("utf-8")
    last = lines[dec.end_lineno - 1].encode("utf-8")  # type: ignore[index]
    return bool(first[: max(dec.col_offset - 1, 0)].strip() or last[dec.end_col_offset :].strip())


# -- the fix ---------------------------------------------------------------------------


@fixes(XFA601)
def fix_on_event_to_lifespan(src: Source, finding: Finding) -> Fix:
    calls = [
        c for c in src.ast_at(finding, ast.Call)
        if isinstance(c.func, ast.Attribute) and c.func.attr == "on_event"  # type: ignore[attr-defined]
    ]
    if not calls:
        raise Skip("only @app.on_event(...) handlers are rewritten automatically")
    reason = on_event_call_blocker(calls[0])
    if reason is not None:
        raise Skip(reason)
    scope = handler_scope(calls[0], src.ancestors(calls[0]))
    if scope is None:
        raise Skip("the on_event decorator is not on a function of a module or function body")
    app = calls[0].func.value.id  # type: ignore[attr-defined]
    key = ("XFA601", id(scope), app)
    if key in src.cache:
        cached = src.cache[key]
        if isinstance(cached, Skip):
            raise cached
        raise Skip("handled with the other handlers of this app")
    try:
        fix = _fix_lifespan(src, scope, app)
    except Skip as skip:
        src.cache[key] = skip
        raise
    src.cache[key] = fix
    return fix


def _fix_lifespan(src: Source, scope: ast.AST, app: str) -> Fix:
    plan = lifespan_plan(src.tree, scope, app)
    if isinstance(plan, str):
        raise Skip(plan)
    creation, factory, handlers = plan
    decorator_name, needs = src.use("contextlib", "asynccontextmanager")
    nl = src.newline
    edits: list[Edit] = []
    for _, fn, dec in handlers:
        start = src.start_of(dec) - 1  # the "@"
        line_start = src.line_start(start)
        end = src.end_of(dec)
        rest = src.text[end : src.next_line_start(end)]
        if src.text[line_start:start].strip() or rest.strip():
            raise Skip("the on_event decorator shares its line with other code or a comment")
        edits.append(Edit(line_start, src.next_line_start(end), ""))
    at = src.line_start(src.start_of(creation))
    previous = src.text[src.line_start(at - 1) : at] if at else None
    fastapi = src.text[src.start_of(factory.func) : src.end_of(factory.func)]
    indent = src.text[at : src.start_of(creation)]
    edits.append(Edit(at, at, lifespan_text(scope, creation, handlers, indent, decorator_name, fastapi, nl, previous)))
    edits.append(keyword_edit(src, factory, _LIFESPAN_KEYWORD))
    covers = tuple(
        f for f in src.findings
        if f.code == "XFA601" and any((dec.lineno, dec.col_offset) == (f.line, f.col) for _, _, dec in handlers)
    )
    return Fix(edits, needs, covers)


#: the keyword argument the fix passes to ``FastAPI(...)``
_LIFESPAN_KEYWORD = "lifespan=lifespan"


def lifespan_text(
    scope: ast.AST,
    creation: ast.Assign,
    handlers: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef, ast.Call]],
    indent: str,
    decorator: str,
    fastapi: str,
    nl: str,
    previous: str | None,
) -> str:
    """The lifespan the fix inserts before ``app = FastAPI(...)`` (``creation``, after
    ``indent`` on its line; ``previous`` is the line above, None on the first line),
    calling the ``handlers`` around its ``yield``: the fixer writes it, the rule measures it."""
    body: list[str] = []
    for event in ("startup", "yield", "shutdown"):
        if event == "yield":
            body.append(f"{indent}    yield")
            continue
        for kind, fn, _ in handlers:
            if kind == event:
                body.append(f"{indent}    {'await ' if isinstance(fn, ast.AsyncFunctionDef) else ''}{fn.name}()")
    blank = nl if indent else nl * 2  # PEP 8: two blank lines around a top-level function
    lifespan = (
        f"{indent}@{decorator}{nl}{indent}async def lifespan(app: {fastapi}):{nl}"
        + nl.join(body)
        + nl + blank
    )
    first_in_function = indent and creation is scope.body[0]  # type: ignore[attr-defined]
    if previous is not None and not first_in_function and previous.strip():
        lifespan = blank + lifespan  # blank lines after the code above
    return lifespan
