"""XFA106, XFA107: a coroutine dropped without ``await``, a task whose reference is dropped."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import back_on, rule, visitor
from ._shared import _dotted_call, _module_binding, _project_function

XFA106 = rule(
    "XFA106",
    "async-call-not-awaited",
    default=True,
    seeds=("004",),
    message="coroutine {call}() is called but never awaited, so it never runs",
    fix_hint="add await: await {call}(...)",
    what="""
        Reports an expression statement that calls a coroutine function and drops the result:
        (a) an `async def` defined at module level in the same file (called by name, or as
        `self.<name>()` when the enclosing class defines `async def <name>`) or in another
        module of the project, found through the imports (`from app.services import notify`
        then `notify(user)`, or `from app import services` then `services.notify(user)`), (b) one of
        `execute, scalar, scalars, get, flush, commit, rollback, refresh, delete, close, merge,
        stream, run_sync` on a parameter annotated `AsyncSession`/`AsyncConnection`,
        (c) `asyncio.sleep(...)` (and `anyio.sleep`).
    """,
    why="""
        Calling a coroutine function only creates the coroutine; without `await` its body
        never runs and Python warns "coroutine ... was never awaited" at garbage
        collection. Seed 004: "Forgetting to await async function calls. This silently
        returns a coroutine object instead of the actual result."
    """,
    bad="""
        from sqlalchemy.ext.asyncio import AsyncSession

        async def close_account(db: AsyncSession, account) -> None:
            account.closed = True
            db.commit()
    """,
    good="""
        from sqlalchemy.ext.asyncio import AsyncSession

        async def close_account(db: AsyncSession, account) -> None:
            account.closed = True
            await db.commit()
    """,
    not_flagged=(
        "Calls that are awaited, returned, assigned, or passed to `asyncio.gather`, `create_task`, "
        "`TaskGroup.start_soon` and the like.",
        "`AsyncSession.add`/`add_all`/`expunge` (synchronous methods).",
        "An `async def` that has decorators other than route decorators (a decorator may make it "
        "synchronous), an async generator, or a name shadowed by a local binding, a parameter, "
        "an import or a later sync `def`.",
        "Methods of classes of other modules (`service.notify()` on an instance), and imported names "
        "the project index cannot follow to an `async def` (a re-export it cannot read, a module "
        "defining the name twice).",
        "Tests are in scope: a coroutine a test never awaits means the test checks nothing.",
    ),
)

XFA107 = rule(
    "XFA107",
    "dangling-task",
    default=True,
    precision=back_on("20 of 20", reading="seventh"),
    seeds=("002", "004"),
    message="task from {call}() is discarded, so it can be garbage-collected mid-run and its exception is lost",
    fix_hint="keep a reference (tasks.add(task); task.add_done_callback(tasks.discard)) or use asyncio.TaskGroup",
    what="""
        Reports `asyncio.create_task(...)`, `asyncio.ensure_future(...)` (also spelled
        `asyncio.tasks.create_task`) and `loop.create_task(...)` (on an event loop: `asyncio.get_event_loop()`,
        `asyncio.get_running_loop()`, or a variable named `loop`) used as a statement, the
        returned task thrown away.
    """,
    why="""
        The event loop keeps only a weak reference to a task: an unreferenced task can be
        garbage-collected before it finishes, and an exception it raises is never
        retrieved. Seed 002: "asyncio.create_task() exceptions silently dropped"; seed
        004: "Using asyncio.create_task() inside route handlers without retaining
        references. Orphaned tasks can be garbage collected, silently dropped".
    """,
    bad="""
        import asyncio

        async def notify(user_id: int) -> None: ...

        async def on_signup(user_id: int) -> None:
            asyncio.create_task(notify(user_id))
    """,
    good="""
        import asyncio

        background_tasks: set[asyncio.Task] = set()

        async def notify(user_id: int) -> None: ...

        async def on_signup(user_id: int) -> None:
            task = asyncio.create_task(notify(user_id))
            background_tasks.add(task)
            task.add_done_callback(background_tasks.discard)
    """,
    not_flagged=(
        "A task that is stored, returned, added to a set, passed on or awaited.",
        "`TaskGroup.create_task` (`async with asyncio.TaskGroup() as tg: tg.create_task(...)`) and anyio "
        "task groups: the group holds the reference.",
        "`create_task` on a receiver that is not known to be an event loop.",
        "In tests, a call inside `with pytest.raises(...)`/`self.assertRaises(...)` (it is expected to fail).",
        "In tests, a task running a coroutine function the test defines inside itself "
        "(`async def _release_after_delay(): ...`, then `asyncio.create_task(_release_after_delay())`): "
        "that test's scaffolding, which it waits for and asserts on; and, in a class the test module "
        "defines, a task running one of that class's own coroutine methods (`asyncio.create_task("
        "self._delayed_release(...))` in a simulator): the tests' helper scheduling its own work.",
    ),
)


_ASYNC_SESSION_METHODS = frozenset(
    {"execute", "scalar", "scalars", "get", "flush", "commit", "rollback", "refresh", "delete", "close",
     "merge", "stream", "run_sync"}
)
_ASYNC_SESSION_TAILS = frozenset({"AsyncSession", "AsyncConnection"})


_ASYNC_SLEEPS = frozenset({"asyncio.sleep", "anyio.sleep"})

_TASK_SPAWNERS = frozenset(
    {"asyncio.create_task", "asyncio.ensure_future", "asyncio.tasks.create_task", "asyncio.tasks.ensure_future"}
)
_LOOP_GETTERS = frozenset({"asyncio.get_event_loop", "asyncio.get_running_loop", "asyncio.new_event_loop"})
_LOOP_NAMES = frozenset({"loop", "event_loop", "_loop"})


@visitor(ast.Expr, codes=(XFA106, XFA107))
def discarded_calls(node: ast.Expr, ctx: Context) -> None:
    call = node.value
    if not isinstance(call, ast.Call):
        return
    func = call.func
    if ctx.is_test and _expects_exception(ctx):
        return
    if isinstance(func, ast.Name):
        name = func.id
        if name in ctx.functions:
            _unawaited_module_function(call, ctx, name)
            return
        found = ctx.lookup(name)
        if found is None or found.kind != "import":
            return
    elif isinstance(func, ast.Attribute):
        attr = func.attr
        if attr == "create_task" and _is_event_loop(func.value, ctx):
            if not _test_local_helper_task(call, ctx):
                ctx.report(call, XFA107, call=f"{_dotted_call(func.value)}.create_task")
            return
        if attr in _ASYNC_SESSION_METHODS and isinstance(func.value, ast.Name):
            if _is_async_session_param(ctx, func.value.id):
                ctx.report(call, XFA106, call=f"{func.value.id}.{attr}")
                return
        if isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
            _unawaited_method(call, ctx, func)
            return
    else:
        return
    qualname = ctx.call_name(call)
    if qualname in _TASK_SPAWNERS and ctx.imported_from(func, "asyncio"):
        if not _test_local_helper_task(call, ctx):
            ctx.report(call, XFA107, call=qualname)
    elif qualname in _ASYNC_SLEEPS and ctx.imported_from(func, "asyncio", "anyio"):
        ctx.report(call, XFA106, call=qualname)
    elif ctx.wants(XFA106):
        _unawaited_project_coroutine(call, ctx)


def _unawaited_project_coroutine(call: ast.Call, ctx: Context) -> None:
    """XFA106: an ``async def`` of another module of the project, reached through an
    import (``notify(user)``, ``services.notify(user)``), whose coroutine is dropped."""
    sym = _project_function(call, ctx)
    if sym is None:
        return
    info = sym.info or {}
    if not info.get("async") or info.get("gen") or info.get("dec") or info.get("dup"):
        return
    ctx.report(call, XFA106, call=_dotted_call(call.func))


def _test_local_helper_task(call: ast.Call, ctx: Context) -> bool:
    """XFA107 in a test file: the task runs a coroutine function the test defines inside
    itself (``async def _release_after_delay(): ...`` then
    ``asyncio.create_task(_release_after_delay())``): scaffolding of that one test, whose
    effect the test waits for and asserts; nothing outlives the test, and a failing helper
    fails it; also a coroutine method of the helper class whose method creates the task
    (:func:`_own_helper_method`). A module-level coroutine (``job()``) is still reported."""
    if not ctx.is_test or not call.args:
        return False
    coro = call.args[0]
    if isinstance(coro, ast.Call) and _own_helper_method(coro.func, ctx):
        return True
    if not isinstance(coro, ast.Call) or not isinstance(coro.func, ast.Name):
        return False
    name = coro.func.id
    found = ctx.lookup(name)
    if found is not None:
        return (
            found.kind == "def"
            and isinstance(found.node, ast.AsyncFunctionDef)
            and ctx.functions.get(name) is not found.node
            and ctx.function is not None
        )
    # not bound yet at this point of the walk: a helper the test defines further down
    # (``async def _hold(): create_task(_observe())`` then ``async def _observe(): ...``)
    for frame in reversed(ctx.frames):
        if frame.kind == "function":
            for stmt in getattr(frame.node, "body", ()):
                if isinstance(stmt, ast.AsyncFunctionDef) and stmt.name == name:
                    return True
    return False


def _own_helper_method(func: ast.expr, ctx: Context) -> bool:
    """``self.<m>`` where ``m`` is an ``async def`` of the class (defined in this test
    module) whose method is running: a helper class of the tests, a simulator scheduling
    its own work (ninth reading: a memory-pressure simulator releasing its blocks later)."""
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self"):
        return False
    frames = [f for f in ctx.frames if f.kind in ("class", "function")]
    if len(frames) < 2 or frames[-1].kind != "function" or frames[-2].kind != "class":
        return False
    return any(
        isinstance(stmt, ast.AsyncFunctionDef) and stmt.name == func.attr for stmt in frames[-2].node.body
    )


def _expects_exception(ctx: Context) -> bool:
    """Inside ``with pytest.raises(...)`` / ``with self.assertRaises(...)``: the call is
    expected to fail, its result is never meant to be used."""
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, (ast.With, ast.AsyncWith)):
            for item in ancestor.items:
                expr = item.context_expr
                if isinstance(expr, ast.Call):
                    func = expr.func
                    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                    if name in ("raises", "assertRaises", "assertRaisesRegex", "assertWarns", "assertWarnsRegex", "warns"):
                        return True
        elif isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return False
    return False


def _is_event_loop(expr: ast.expr, ctx: Context) -> bool:
    if isinstance(expr, ast.Call):
        return ctx.call_name(expr) in _LOOP_GETTERS and ctx.imported_from(expr.func, "asyncio")
    if isinstance(expr, ast.Name):
        name = expr.id
        is_param, annotation = ctx.annotation_of(name)
        if is_param:
            if annotation is None:
                return name in _LOOP_NAMES
            return (ctx.resolve(annotation) or "").endswith("AbstractEventLoop")
        return name in _LOOP_NAMES or _assigned_loop(ctx, name)
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
        return expr.attr in _LOOP_NAMES
    return False


def _assigned_loop(ctx: Context, name: str) -> bool:
    fn = ctx.function
    scope = fn.node if fn is not None else None
    loops = _loop_names(ctx, scope) if scope is not None else ()
    if name in loops:
        return True
    value = ctx.assignments.get(name)
    return isinstance(value, ast.Call) and ctx.call_name(value) in _LOOP_GETTERS


def _loop_names(ctx: Context, scope: ast.AST) -> frozenset[str]:
    def compute() -> frozenset[str]:
        names = set()
        for stmt in ast.walk(scope):
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
                if ctx.call_name(stmt.value) in _LOOP_GETTERS:
                    names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        return frozenset(names)

    return ctx.memo(f"xfa107_loops_{id(scope)}", compute)


def _is_async_session_param(ctx: Context, name: str) -> bool:
    is_param, annotation = ctx.annotation_of(name)
    if not is_param or annotation is None:
        return False
    base, _ = ctx.unwrap_annotation(annotation)
    if base is None or isinstance(base, ast.Subscript):
        return False
    qualname = ctx.resolve(base) or ""
    return qualname.rsplit(".", 1)[-1] in _ASYNC_SESSION_TAILS


def _plain_coroutine_function(ctx: Context, fn: ast.AST) -> bool:
    """An ``async def`` (not an async generator) whose decorators, if any, are routes."""
    if not isinstance(fn, ast.AsyncFunctionDef):
        return False
    if fn.decorator_list and len(ctx.routes_of(fn)) != len(fn.decorator_list):
        return False
    return not ctx.memo(f"xfa106_gen_{id(fn)}", lambda: _is_generator(fn))


def _is_generator(fn: ast.AST) -> bool:
    stack = list(fn.body)  # type: ignore[attr-defined]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return False


def _unawaited_module_function(call: ast.Call, ctx: Context, name: str) -> None:
    found = ctx.lookup(name)
    # the module's own ``async def`` (not a parameter, a local binding or an import that
    # shadows it, nor a later module-level ``name = wrap(name)``)
    if not _module_binding(ctx, name, found) or found.kind != "def":  # type: ignore[union-attr]
        return
    if not _plain_coroutine_function(ctx, found.node):  # type: ignore[union-attr]
        return
    if ctx.memo(f"xfa106_toplevel_{name}", lambda: _defined_once_async(ctx, name)) is False:
        return
    ctx.report(call, XFA106, call=name)


def _defined_once_async(ctx: Context, name: str) -> bool:
    """No other top-level statement (a sync ``def`` under ``if``/``try``, an assignment)
    binds ``name``."""
    tree = ctx.tree
    count = 0
    for stmt in getattr(tree, "body", ()):
        for node in ast.walk(stmt) if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else (stmt,):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                count += 1
            elif isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
                return False
    return count == 1


def _unawaited_method(call: ast.Call, ctx: Context, func: ast.Attribute) -> None:
    frames = ctx.frames
    if len(frames) < 3 or frames[-1].kind != "function" or frames[-2].kind != "class":
        return
    method = frames[-1].node
    args = method.args  # type: ignore[attr-defined]
    first = (args.posonlyargs + args.args)[:1]
    if not first or first[0].arg != func.value.id:  # type: ignore[attr-defined]
        return
    if any(ctx.resolve(d) in ("staticmethod",) for d in method.decorator_list):  # type: ignore[attr-defined]
        return
    cls = frames[-2].node
    target = None
    for stmt in cls.body:  # type: ignore[attr-defined]
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == func.attr:
            if target is not None:
                return  # defined twice (overloads, property setters): not sure
            target = stmt
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id == func.attr for t in targets):
                return
    if target is None or not isinstance(target, ast.AsyncFunctionDef) or target.decorator_list:
        return
    if ctx.memo(f"xfa106_gen_{id(target)}", lambda: _is_generator(target)):
        return
    ctx.report(call, XFA106, call=f"{func.value.id}.{func.attr}")  # type: ignore[attr-defined]
