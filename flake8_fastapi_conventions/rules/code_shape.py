"""XFA9xx: code shape (opinionated, all off by default).

Thresholds are flake8 options (``ctx.settings.thresholds``):
``--fastapi-max-function-length``, ``--fastapi-max-primitive-params``,
``--fastapi-max-if-depth`` and ``--fastapi-bool-prefixes``.
"""

from __future__ import annotations

import ast
import re

from .. import lazy_re
from ..context import SESSION_NAMES, SCOPE_TYPES, Context, has_kwargs_splat, keyword
from ..registry import rule, visitor
from .observability.loggers import log_call

_THRESHOLD_NOTE = "Off by default (all XFA9xx are): enable it with `extend-select = {code}` (or `XFA9`)."

XFA901 = rule(
    "XFA901",
    "function-too-long",
    default=False,
    seeds=("004",),
    message="function {name} has a {length}-line body (max {limit})",
    fix_hint="split it into smaller helpers that each do one thing",
    what="""
        Reports a function whose body is longer than the limit (30 lines by default). The
        body is counted from its first statement after the docstring to the last line of
        its last statement, blank lines and comments inside included; the signature,
        decorators and docstring are not counted.
    """,
    why="""
        Seed 004: "Keep functions under 30 lines. If longer, decompose into smaller
        helpers." and "Each function should do ONE thing."
    """,
    bad="""
        def report(row: dict) -> int:
            total = 0
            total += row.get("f1", 0)
            total += row.get("f2", 0)
            total += row.get("f3", 0)
            total += row.get("f4", 0)
            total += row.get("f5", 0)
            total += row.get("f6", 0)
            total += row.get("f7", 0)
            total += row.get("f8", 0)
            total += row.get("f9", 0)
            total += row.get("f10", 0)
            total += row.get("f11", 0)
            total += row.get("f12", 0)
            total += row.get("f13", 0)
            total += row.get("f14", 0)
            total += row.get("f15", 0)
            total += row.get("f16", 0)
            total += row.get("f17", 0)
            total += row.get("f18", 0)
            total += row.get("f19", 0)
            total += row.get("f20", 0)
            total += row.get("f21", 0)
            total += row.get("f22", 0)
            total += row.get("f23", 0)
            total += row.get("f24", 0)
            total += row.get("f25", 0)
            total += row.get("f26", 0)
            total += row.get("f27", 0)
            total += row.get("f28", 0)
            total += row.get("f29", 0)
            total += row.get("f30", 0)
            return total
    """,
    good="""
        def report(row: dict) -> int:
            return sum(row.get(f"f{i}", 0) for i in range(1, 31))
    """,
    not_flagged=("The docstring, the signature and the decorators.",),
    config="""
        `--fastapi-max-function-length` (config: `fastapi-max-function-length = 30`): the
        longest body allowed, in lines.
    """,
)

XFA902 = rule(
    "XFA902",
    "function-name-with-and",
    default=False,
    seeds=("004",),
    message="function {name} does two things (its name has '_and_')",
    fix_hint="split it into two functions",
    what="Reports a function whose name contains `_and_`.",
    why="""
        Seed 004: "Each function should do ONE thing. If a function name has \\"and\\" in
        it, split it."
    """,
    bad="""
        def validate_and_save(order: dict) -> None:
            ...
    """,
    good="""
        def validate(order: dict) -> None:
            ...

        def save(order: dict) -> None:
            ...
    """,
    not_flagged=("Test functions (`test_*`), whose names describe a scenario.",),
)

XFA903 = rule(
    "XFA903",
    "primitive-obsession",
    default=False,
    seeds=("000", "004"),
    message="service function {name} takes {count} primitive parameters (max {limit})",
    fix_hint="take a Pydantic request model instead (RORO)",
    what="""
        Reports a function in a services file with more than 3 (configurable) parameters
        annotated with a primitive type — `str`, `int`, `float`, `bool`, `dict`, `list`
        (also `Optional[...]`, `X | None`, `list[str]`, `typing.Dict`) — not counting the
        session, the user id (`user_id`, `*_user_id`), `self` and `cls`.
    """,
    why="""
        Seeds 000 and 004: "Services receive structured input and return structured output
        — never raw primitives"; "Follow the RORO pattern — Receive an Object, Return an
        Object." Scattered primitives are "easy to mix up", and none of them is validated.
    """,
    bad="""
        from sqlalchemy.ext.asyncio import AsyncSession

        async def create_workflow(db: AsyncSession, user_id: int, name: str, event_type: str, description: str, priority: int) -> None:
            ...
    """,
    good="""
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.schemas import CreateWorkflowRequest

        async def create_workflow(db: AsyncSession, user_id: int, request: CreateWorkflowRequest) -> None:
            ...
    """,
    not_flagged=(
        "Unannotated parameters (their type is not known; XFA904 asks for the hint).",
        "Functions outside services files.",
    ),
    example_path="app/services/workflow_service.py",
    config="""
        `--fastapi-max-primitive-params` (config: `fastapi-max-primitive-params = 3`): the
        most primitive parameters allowed.
    """,
)

XFA904 = rule(
    "XFA904",
    "missing-type-hints",
    default=False,
    seeds=("004",),
    message="function {name} lacks type hints ({missing})",
    fix_hint="annotate every parameter and the return type",
    what="""
        Reports a function in a routes, services or repositories file with a parameter
        without annotation (`self` and `cls` excepted) or without a return annotation.
    """,
    why="""
        Seed 004: "Every function must have complete type hints for parameters and return
        values." and "Skipping type hints. FastAPI's validation, documentation, and IDE
        support all rely on them."
    """,
    bad="""
        async def get_user(db, user_id: int):
            ...
    """,
    good="""
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.models import User

        async def get_user(db: AsyncSession, user_id: int) -> User | None:
            ...
    """,
    not_flagged=(
        "`self`/`cls`, and the return type of `__init__`.",
        "Lambdas, and files outside the routes, services and repositories layers.",
    ),
    example_path="app/services/user_service.py",
)

XFA905 = rule(
    "XFA905",
    "module-name-not-snake-case",
    default=False,
    seeds=("004",),
    message="module name {name!r} is not lowercase_with_underscores",
    fix_hint="rename the {kind} to {suggestion!r}",
    what="""
        Reports (at line 1) a module whose file name, or a package whose directory name
        (checked through its `__init__.py`), is not `lowercase_with_underscores`.
    """,
    why="""
        Seed 004: "All files and directories use lowercase with underscores:
        user_service.py, auth_router.py." PEP 8 asks the same of module names.
    """,
    bad="""
        x = 1
    """,
    good="""
        x = 1
    """,
    not_flagged=(
        "`__init__.py` and `__main__.py` themselves (the package directory is checked instead).",
        "Code read from stdin without `--stdin-display-name`, scripts, and Alembic revisions (files importing `alembic`, wherever they live).",
    ),
    example_path="app/services/UserService.py",
    good_path="app/services/user_service.py",
)

XFA906 = rule(
    "XFA906",
    "boolean-name-without-verb",
    default=False,
    seeds=("004",),
    message="function {name} returns bool but its name does not start with {prefixes}",
    fix_hint="rename it, e.g. {suggestion}",
    what="""
        Reports a function annotated `-> bool` whose name (leading underscores aside)
        does not start with `is_`, `has_`, `can_` or `should_` (configurable).
    """,
    why="""
        Seed 004: "Use descriptive names with auxiliary verbs: is_active, has_permission,
        can_edit, should_notify." `if user_active(u)` reads like an action; `if
        is_active(u)` reads like a question.
    """,
    bad="""
        def active(user: dict) -> bool:
            return bool(user.get("active"))
    """,
    good="""
        def is_active(user: dict) -> bool:
            return bool(user.get("active"))
    """,
    not_flagged=(
        "Dunder methods (`__eq__`, `__bool__`, `__contains__`) and methods decorated `@override`, whose names are not ours to choose.",
        "Functions without a return annotation.",
    ),
    config="""
        `--fastapi-bool-prefixes` (config: `fastapi-bool-prefixes = is_,has_,can_,should_`):
        the accepted prefixes.
    """,
)

XFA907 = rule(
    "XFA907",
    "nested-if-depth",
    default=False,
    seeds=("004",),
    message="if nested {depth} deep (max {limit})",
    fix_hint="return early with guard clauses instead of nesting",
    what="""
        Reports an `if` statement nested more than 2 (configurable) `if` levels deep
        within one function (or the module). An `elif` — or an `else:` whose only
        statement is an `if` — continues the chain and does not nest; an `else:` block
        with more statements nests like the `if` body. Loops, `with` and `try` do not count.
        Only the first `if` past the limit is reported, not the ones inside it.
    """,
    why="""
        Seed 004: "Handle errors and edge cases FIRST using guard clauses and early
        returns." and "Avoid deeply nested if/else. Use if-return pattern instead."
    """,
    bad="""
        def ship(order: dict) -> str:
            if order:
                if order.get("paid"):
                    if order.get("address"):
                        return "shipped"
            return "pending"
    """,
    good="""
        def ship(order: dict) -> str:
            if not order or not order.get("paid"):
                return "pending"
            if not order.get("address"):
                return "pending"
            return "shipped"
    """,
    not_flagged=(
        "`elif` chains of any length.",
        "Conditional expressions (`a if b else c`) and comprehension filters.",
    ),
    config="""
        `--fastapi-max-if-depth` (config: `fastapi-max-if-depth = 2`): the deepest nesting
        allowed.
    """,
)

XFA908 = rule(
    "XFA908",
    "repository-logs",
    default=False,
    seeds=("001",),
    message="logger call in a repository",
    fix_hint="let the service log the domain event and keep repositories to queries",
    what="""
        Reports a logger call (`logger.info/debug/warning/error/exception/critical/log`) in
        a repositories file.
    """,
    why="""
        Seed 001: "Where to log: Services log domain events. Routes log only if adding
        context beyond middleware. Repositories generally don't log."
    """,
    bad="""
        import logging

        logger = logging.getLogger(__name__)

        async def get_user(db, user_id: int):
            logger.info("user.fetch", extra={"user_id": user_id})
            return await db.get(User, user_id)
    """,
    good="""
        async def get_user(db, user_id: int):
            return await db.get(User, user_id)
    """,
    not_flagged=("Objects that are not loggers (`audit_log.append(...)`).",),
    example_path="app/repositories/user_repository.py",
)

XFA909 = rule(
    "XFA909",
    "mock-without-autospec",
    default=False,
    seeds=("001",),
    message="{call}() without autospec=True accepts calls the real object would reject",
    fix_hint="add autospec=True",
    what="""
        In test files, reports `mock.patch(...)`, `mock.patch.object(...)` (`unittest.mock`
        or the `mock` package) and pytest-mock's `mocker.patch(...)`/`mocker.patch.object(...)`
        without `autospec=`.
    """,
    why="""
        Seed 001: "Mock external services (LLM, GitHub API) with `autospec=True`". A bare
        `MagicMock` accepts any attribute and any arguments, so a test keeps passing after
        the real signature changed.
    """,
    bad="""
        from unittest import mock

        def test_sends_email() -> None:
            with mock.patch("app.services.email.send") as send:
                send.assert_not_called()
    """,
    good="""
        from unittest import mock

        def test_sends_email() -> None:
            with mock.patch("app.services.email.send", autospec=True) as send:
                send.assert_not_called()
    """,
    not_flagged=(
        "Patches that replace the target with a value: `new=`/a positional `new`, `new_callable=`, `spec=`, `spec_set=` (autospec cannot be combined with them).",
        "`patch.dict`, `patch.multiple`, and `**kwargs` calls.",
        "Files outside the tests layer.",
    ),
    example_path="tests/test_email.py",
)

XFA910 = rule(
    "XFA910",
    "testclient-without-context",
    default=False,
    seeds=("004",),
    message="TestClient(...) not used as a context manager, so the app's lifespan does not run",
    fix_hint="use: with TestClient(app) as client:",
    what="""
        Reports `TestClient(...)` (FastAPI's or Starlette's) that is not entered as a context
        manager: neither `with TestClient(app) as client:`, nor assigned to a name this file
        later uses in a `with` statement, nor passed to `ExitStack.enter_context`.
    """,
    why="""
        Seed 004: "Not using TestClient as a context manager (with TestClient(app) as
        client:). Without the context manager, lifespan events (startup/shutdown) do not
        execute, so dependencies initialized in lifespan are missing during tests."
    """,
    bad="""
        from fastapi.testclient import TestClient

        from app.main import app

        client = TestClient(app)
    """,
    good="""
        from fastapi.testclient import TestClient

        from app.main import app

        def test_health() -> None:
            with TestClient(app) as client:
                assert client.get("/health").status_code == 200
    """,
    not_flagged=(
        "`client = TestClient(app)` followed by `with client:` in the same file.",
        "`stack.enter_context(TestClient(app))`.",
    ),
    example_path="tests/test_main.py",
)

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _body_without_docstring(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.stmt]:
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        return body[1:]
    return body


def _all_params(args: ast.arguments) -> list[ast.arg]:
    params = [*args.posonlyargs, *args.args]
    if args.vararg is not None:
        params.append(args.vararg)
    params.extend(args.kwonlyargs)
    if args.kwarg is not None:
        params.append(args.kwarg)
    return params


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA901, XFA902, XFA903, XFA904, XFA906))
def function_shape(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    thresholds = ctx.settings.thresholds
    name = node.name
    if ctx.wants(XFA901):
        body = _body_without_docstring(node)
        if body:
            end = getattr(body[-1], "end_lineno", None) or body[-1].lineno
            length = end - body[0].lineno + 1
            if length > thresholds.max_function_length:
                ctx.report(node, XFA901, name=name, length=length, limit=thresholds.max_function_length)
    if "_and_" in name and not name.startswith("test_"):
        ctx.report(node, XFA902, name=name)
    layer = ctx.layer
    if layer == "services" and ctx.wants(XFA903):
        count = sum(1 for arg in _all_params(node.args) if _primitive_param(arg, ctx))
        if count > thresholds.max_primitive_params:
            ctx.report(node, XFA903, name=name, count=count, limit=thresholds.max_primitive_params)
    if layer in ("routes", "services", "repositories") and ctx.wants(XFA904):
        missing = [
            arg.arg
            for i, arg in enumerate(_all_params(node.args))
            if arg.annotation is None and not (i == 0 and arg.arg in ("self", "cls", "mcs", "metacls"))
        ]
        parts = []
        if missing:
            parts.append("parameter" + ("s " if len(missing) > 1 else " ") + ", ".join(missing))
        if node.returns is None and name != "__init__":
            parts.append("return type")
        if parts:
            ctx.report(node, XFA904, name=name, missing=" and ".join(parts))
    if node.returns is not None and ctx.wants(XFA906):
        _check_bool_name(node, ctx)


_PRIMITIVES = frozenset(
    {
        "str", "int", "float", "bool", "dict", "list",
        "builtins.str", "builtins.int", "builtins.float", "builtins.bool", "builtins.dict", "builtins.list",
        "typing.Dict", "typing.List", "typing_extensions.Dict", "typing_extensions.List",
    }
)


def _primitive_param(arg: ast.arg, ctx: Context) -> bool:
    name = arg.arg
    if arg.annotation is None or name in ("self", "cls") or name in SESSION_NAMES:
        return False
    if name == "user_id" or name.endswith("_user_id"):
        return False
    if ctx.is_session_annotation(arg.annotation):
        return False
    base, _ = ctx.unwrap_annotation(arg.annotation)
    if isinstance(base, ast.Subscript):
        base = base.value
    return ctx.resolve(base) in _PRIMITIVES


def _check_bool_name(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    returns = node.returns
    if isinstance(returns, ast.Constant) and isinstance(returns.value, str):
        if returns.value.strip() != "bool":
            return
    elif not (isinstance(returns, ast.Name) and returns.id == "bool" and ctx.resolve(returns) == "bool"):
        if ctx.resolve(returns) != "builtins.bool":
            return
    name = node.name
    if name.startswith("__") and name.endswith("__"):
        return
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if (ctx.resolve(target) or "").rsplit(".", 1)[-1] == "override":
            return
    prefixes = ctx.settings.thresholds.bool_prefixes
    bare = name.lstrip("_")
    if not prefixes or any(bare.startswith(p) for p in prefixes):
        return
    lead = name[: len(name) - len(bare)]
    suggestion = f"{lead}{prefixes[0]}{bare}"
    shown = ", ".join(prefixes[:-1]) + (" or " if len(prefixes) > 1 else "") + prefixes[-1]
    ctx.report(node, XFA906, name=name, prefixes=shown, suggestion=suggestion)


# -- XFA905 ---------------------------------------------------------------------------

_SNAKE = lazy_re.compile(r"^[a-z_][a-z0-9_]*$")


@visitor(ast.Module, codes=(XFA905,))
def module_name(node: ast.Module, ctx: Context) -> None:
    path = ctx.filename.replace("\\", "/")
    if path in ("stdin", "-", "<stdin>", "") or ctx.is_script:
        return
    if any(q == "alembic" or q.startswith("alembic.") for q in ctx.imports.values()):
        return  # an Alembic revision (``versions/2021-06-02_f011c050b9ba.py``) wherever it lives
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if not parts:
        return
    base = parts[-1]
    if not (base.endswith(".py") or base.endswith(".pyi")):
        return
    stem = base.rsplit(".", 1)[0]
    kind = "module"
    if stem in ("__init__", "__main__"):
        if stem == "__main__" or len(parts) < 2:
            return
        stem = parts[-2]
        kind = "package directory"
    if _SNAKE.match(stem):
        return
    suggestion = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", stem)
    suggestion = re.sub(r"[^A-Za-z0-9_]+", "_", suggestion).lower().strip("_") or "module"
    if suggestion[0].isdigit():
        suggestion = "m_" + suggestion
    ctx.report((1, 0), XFA905, name=stem, kind=kind, suggestion=suggestion)


# -- XFA907 ---------------------------------------------------------------------------


def _is_elif(node: ast.If, parent: ast.AST | None) -> bool:
    return isinstance(parent, ast.If) and len(parent.orelse) == 1 and parent.orelse[0] is node


@visitor(ast.If, codes=(XFA907,))
def nested_ifs(node: ast.If, ctx: Context) -> None:
    chain = ctx.ancestors
    if _is_elif(node, ctx.parent):
        return  # reported (or not) with the ``if`` that starts the chain
    depth = 1
    child: ast.AST = node
    for i in range(len(chain) - 1, -1, -1):
        ancestor = chain[i]
        if isinstance(ancestor, SCOPE_TYPES):
            break
        if isinstance(ancestor, ast.If):
            if any(c is child for c in ancestor.body):
                depth += 1
            elif any(c is child for c in ancestor.orelse) and not _is_elif(child, ancestor):  # type: ignore[arg-type]
                depth += 1
        child = ancestor
    limit = ctx.settings.thresholds.max_if_depth
    if depth == limit + 1:
        ctx.report(node, XFA907, depth=depth, limit=limit)


# -- XFA908 ---------------------------------------------------------------------------


@visitor(ast.Call, codes=(XFA908,))
def repository_logs(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not isinstance(func, ast.Attribute):
        return
    if ctx.layer != "repositories":
        return
    if log_call(node, ctx) is not None:
        ctx.report(node, XFA908)


# -- XFA909 ---------------------------------------------------------------------------

_PATCHES = {
    "unittest.mock.patch": 1,
    "mock.patch": 1,
    "unittest.mock.patch.object": 2,
    "mock.patch.object": 2,
}


@visitor(ast.Call, codes=(XFA909,))
def mock_without_autospec(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not ctx.is_test or not isinstance(func, (ast.Attribute, ast.Name)):
        return
    attr = func.attr if isinstance(func, ast.Attribute) else func.id
    if attr not in ("patch", "object"):
        return
    name = ctx.call_name(node)
    if name is None:
        return
    positional = _PATCHES.get(name)
    shown = name.replace("unittest.", "")
    if positional is not None:
        if not ctx.imported_from(func, "unittest", "mock"):
            return
    elif name in ("mocker.patch", "mocker.patch.object") and _is_param_or_fixture("mocker", ctx):
        positional = 1 if name == "mocker.patch" else 2
        shown = name
    else:
        return
    if has_kwargs_splat(node) or len(node.args) > positional:
        return  # a positional ``new``
    for kw in ("autospec", "new", "new_callable", "spec", "spec_set"):
        if keyword(node, kw) is not None:
            return
    ctx.report(node, XFA909, call=shown)


def _is_param_or_fixture(name: str, ctx: Context) -> bool:
    return name not in ctx.imports and any(name in frame.params for frame in ctx.frames)


# -- XFA910 ---------------------------------------------------------------------------

_TEST_CLIENTS = frozenset({"fastapi.testclient.TestClient", "starlette.testclient.TestClient"})


class ClientUses:
    """Per file: the ``TestClient(...)`` calls not entered where they are made (with the
    name or ``.attr`` they are bound to) and the names and ``.attr`` entered by ``with``."""

    __slots__ = ("clients", "entered")

    def __init__(self) -> None:
        self.clients: list[tuple[ast.Call, str | None]] = []
        self.entered: set[str] = set()


@visitor(ast.Call, codes=(XFA910,))
def test_clients(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not (isinstance(func, ast.Name) and func.id == "TestClient" or isinstance(func, ast.Attribute) and func.attr == "TestClient"):
        return
    if ctx.call_name(node) not in _TEST_CLIENTS or not ctx.imported_from(func, "fastapi", "starlette"):
        return
    parent = ctx.parent
    if isinstance(parent, ast.withitem):
        return
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and parent.func.attr in ("enter_context", "enter_async_context"):
        return
    bound = None
    if isinstance(parent, (ast.Assign, ast.AnnAssign)):
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        for target in targets:
            if isinstance(target, ast.Name):
                bound = target.id
            elif isinstance(target, ast.Attribute):
                bound = "." + target.attr
    ctx.frames[0].state(ClientUses).clients.append((node, bound))


@visitor(ast.withitem, codes=(XFA910,))
def entered_names(node: ast.withitem, ctx: Context) -> None:
    expr = node.context_expr
    name = expr.id if isinstance(expr, ast.Name) else "." + expr.attr if isinstance(expr, ast.Attribute) else None
    if name is not None:
        ctx.frames[0].state(ClientUses).entered.add(name)


@visitor(ast.Module, leave=True, codes=(XFA910,))
def report_test_clients(node: ast.Module, ctx: Context) -> None:
    uses = ctx.frames[0].states.get(ClientUses)
    if uses is None:
        return
    entered = uses.entered
    for call, bound in uses.clients:
        if bound is None or bound not in entered:
            ctx.report(call, XFA910)
