"""XFA507, XFA510, from a session's ``commit()``: a commit per loop iteration (XFA507), a
commit of a session the function opened with no rollback on failure (XFA510)."""

from __future__ import annotations

import ast
import re

from ...context import Context, dotted_name, last_name
from ...registry import moved_off, rule, visitor
from ._shared import (
    _TRY_STAR,
    DATABASE_CALLEES,
    DATABASE_METHODS,
    SESSION_BINDINGS,
    _is_begin,
    _outside_app,
    _receiver_text,
    is_db_session,
    is_session_factory_call,
)


class SessionCleanup:
    """XFA510's facts about a function: the sessions it opens (name -> ``("assign"|"with",
    statement)``), the names a ``begin()`` block commits and rolls back itself, the names it
    rolls back or closes (itself or through a project cleanup function), and its commits
    (``(call, name, the try that swallows the failure or None)``)."""

    __slots__ = ("owned", "begun", "cleaned", "commits")

    def __init__(self) -> None:
        self.owned: dict[str, tuple[str, ast.AST]] = {}
        self.begun: set[str] = set()
        self.cleaned: set[str] = set()
        self.commits: list[tuple[ast.Call, str, ast.AST | None]] = []


XFA507 = rule(
    "XFA507",
    "commit-in-loop",
    default=False,
    precision=moved_off("5 of 11", reading="fifth"),
    seeds=("004",),
    message="{receiver}.commit() inside a loop commits once per item",
    fix_hint="add the items in the loop and commit once after it",
    what="""
        Reports `commit()` on a session when the call is in the body of a `for`,
        `async for` or `while` loop of the same function and the session was opened
        outside that loop. Application code only: tests, scripts and test-data builders
        (seed, fixture and factory modules or functions) are not checked.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        One commit per row is one transaction and one round trip per row, and a failure
        halfway leaves half the batch written. Seed 004: "Batch inserts using bulk methods
        — never insert in a loop with individual commits."
    """,
    bad="""
        from sqlalchemy.ext.asyncio import AsyncSession


        async def import_users(session: AsyncSession, users: list) -> None:
            for user in users:
                session.add(user)
                await session.commit()
    """,
    good="""
        from sqlalchemy.ext.asyncio import AsyncSession


        async def import_users(session: AsyncSession, users: list) -> None:
            session.add_all(users)
            await session.commit()
    """,
    not_flagged=(
        "A commit after the loop, or in the loop's `else:` block.",
        "A commit in a function defined inside the loop body.",
        "A commit directly followed by `break`/`return` (a retry loop commits once).",
        "A commit in a `try` with `except` inside the loop body, or in a loop body whose "
        "`except` handler rolls the same session back: one transaction per item on purpose, so "
        "that one failing item does not undo the others.",
        "A commit in a loop whose body already commits the same session once per batch in a "
        "nested loop (`for doc in docs:` holding `while True: ... .limit(500) ... commit()`): "
        "each iteration is several transactions by design.",
        "A commit once per batch: `for batch in batches`, `for start in range(0, n, size)` "
        "(also `enumerate(range(0, n, size))`), "
        "`for chunk in batched(rows, 500)`, a `while` loop that pages with `.limit(...)` or a "
        "`batch_size`, a commit under `if len(pending) >= N:` or `if i % N == 0:`.",
        "`commit()` on objects that are not sessions.",
        "A session opened inside the loop body (`async with SessionLocal() as s:`, `with "
        "Session(engine) as s:`, `s = SessionLocal()` in the loop): each iteration is its own "
        "unit of work, committed once.",
        "A commit that follows, in the same iteration, a call acting outside the database: a "
        "statement that calls a method of an object that is neither the session nor bound in the "
        "loop nor imported (`executor.revoke(task.external_id)`, `await queue.publish(event)`; "
        "`helpers.validate(row)` on an imported module does not count). Committing per "
        "item then records each effect already made; one commit after the loop would lose that "
        "record for every item when one fails. Log calls and calls on the loop's own objects "
        "(`task.touch()`) do not count. So do, on any object, a task-queue dispatch "
        "(`handler.delay(...)`, `.apply_async(...)`, `.send_task(...)`, `.enqueue_job(...)`), "
        "and an awaited call of a function named for an effect that is not handed the session "
        "(`result = await execute_step(step)`, `await send_invite(user)`: a verb such as "
        "execute, run, send, dispatch, publish, notify, invoke, trigger, upload); a call in "
        "another branch of an `if` than the commit does not precede it.",
        "Tests, scripts, and test-data builders: files whose path names `seed`/`seeding`/"
        "`fixtures`/`factories` and functions named like `seed_users`/`user_factory` — one "
        "commit per built object is how they are written, and no request waits on them.",
    ),
)


XFA510 = rule(
    "XFA510",
    "session-commit-without-rollback",
    default=True,
    seeds=("000", "002"),
    message="{receiver}.commit() in a function that owns the session has no rollback on the error path",
    fix_hint="{fix}",
    what="""
        Reports `commit()` on a session the function opened itself when a failure leaves
        the session in a broken transaction:

        * the session was created by a plain call (`db = SessionLocal()`, also in a
          generator dependency that yields it) and the function has neither a
          `rollback()` nor a `close()` of it in an `except`/`finally` block;
        * the session is managed by `async with SessionLocal() as db:` (or `with
          Session(engine) as db:`) and the commit is in a `try` whose `except` swallows
          the error without `rollback()`.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        Seed 000: handlers that own their session "MUST await db.commit() (and
        db.rollback() on error)"; seed 002: "commit on success · rollback on exception".
        A session left without rollback after a failed flush refuses all further work
        (`PendingRollbackError`), and a session that is never closed keeps its pooled
        connection (and its open transaction and locks) until garbage collection.

        What is not a defect, and not reported: when the error propagates out of `async
        with SessionLocal() as db:`, `AsyncSession.__aexit__` closes the session and
        closing rolls back the open transaction, so that block needs no explicit rollback
        as long as the exception is not swallowed inside it.
    """,
    bad="""
        from app.db import SessionLocal


        def get_db():
            db = SessionLocal()
            yield db
            db.commit()
            db.close()
    """,
    good="""
        from app.db import SessionLocal


        def get_db():
            db = SessionLocal()
            try:
                yield db
                db.commit()
            except Exception:
                db.rollback()
                raise
            finally:
                db.close()
    """,
    not_flagged=(
        "Request-scoped services and repositories that receive the session (they do not own it).",
        "`async with session.begin():` / `async with SessionLocal.begin() as db:` blocks "
        "(they commit or roll back themselves).",
        "`async with SessionLocal() as db:` where the error propagates: closing the session "
        "rolls the transaction back.",
        "A function that calls `rollback()` on the session anywhere, or closes it in `finally`.",
        "A session handed, in an `except` handler or a `finally` block, to a function of the "
        "project that rolls back or closes the parameter it receives it as (`finally: await "
        "release_session(session)`, also in another module, through the project index).",
        "A `with`-managed session whose swallowing `try` is its last use: no later statement "
        "of the block and not the handler names the session, and no loop inside the block runs "
        "the `try` again — leaving the block closes the session, which rolls back.",
        "Tests, scripts, Alembic migrations, `__main__` blocks and CLI commands "
        "(`@<group>.command()`): one-shot processes where the exception ends the process.",
    ),
)


@SESSION_BINDINGS.on("assign", rules=(XFA507, XFA510))
def _session_assigned(name: str, value: ast.expr, node: ast.AST, ctx: Context) -> None:
    if isinstance(value, ast.Call) and is_session_factory_call(ctx, value):
        ctx.frame.state(SessionCleanup).owned[name] = ("assign", node)


@SESSION_BINDINGS.on("with", rules=(XFA507, XFA510))
def _session_opened(item: ast.withitem, node: ast.With | ast.AsyncWith, ctx: Context) -> None:
    call, target = item.context_expr, item.optional_vars
    state = ctx.frame.state(SessionCleanup)
    if isinstance(call, ast.Call) and _is_begin(call):
        owner = call.func.value  # type: ignore[attr-defined]
        if isinstance(owner, ast.Name):
            state.begun.add(owner.id)
        if isinstance(target, ast.Name):
            # ``async with SessionLocal.begin() as db`` commits/rolls back itself
            state.begun.add(target.id)
    if isinstance(target, ast.Name) and isinstance(call, ast.Call) and is_session_factory_call(ctx, call):
        state.owned[target.id] = ("with", node)


@DATABASE_METHODS.on("rollback", "close", rules=(XFA510,))
def _session_cleaned(node: ast.Call, method: str, receiver: ast.expr, ctx: Context) -> None:
    fn = ctx.function
    if fn is not None and isinstance(receiver, ast.Name):
        if method == "rollback" or ctx.in_body_of((ast.Try, _TRY_STAR, ast.ExceptHandler), ("finalbody", "body")):
            fn.state(SessionCleanup).cleaned.add(receiver.id)


@DATABASE_CALLEES.on("(arguments)", rules=(XFA510,))
def _cleanup_helper_call(node: ast.Call, name: str, ctx: Context) -> None:
    if ctx.wants(XFA510):
        _cleanup_helper(node, ctx)


def _cleanup_helper(node: ast.Call, ctx: Context) -> None:
    """In an ``except`` handler or a ``finally`` block, a session handed to a function of
    the project that rolls back or closes the parameter it receives it as
    (``finally: await close_session(session)`` with ``async def close_session(session):
    ... await session.rollback() ... await session.close()``): that function is the
    cleanup the rule looks for. A function the project index cannot follow does not
    count."""
    fn = ctx.function
    if fn is None:
        return
    names = [(i, a.id) for i, a in enumerate(node.args) if isinstance(a, ast.Name)]
    if not names:
        return
    if not (
        ctx.in_body_of((ast.ExceptHandler,), ("body",)) or ctx.in_body_of((ast.Try, _TRY_STAR), ("finalbody",))
    ):
        return
    sym = ctx.symbol(node.func)
    if sym is None or sym.kind != "function" or not isinstance(sym.info, dict):
        return
    params = sym.info.get("sig", {}).get("p", [])
    callees = {c[0] for c in sym.info.get("calls", ()) if c and isinstance(c[0], str)}
    for index, name in names:
        if index < len(params):
            param = params[index]
            if f"{param}.rollback" in callees or f"{param}.close" in callees:
                fn.state(SessionCleanup).cleaned.add(name)


# -- XFA507 / XFA510 ----------------------------------------------------------------------


@DATABASE_METHODS.on("commit", rules=(XFA507, XFA510))
def _commit(node: ast.Call, method: str, receiver: ast.expr, ctx: Context) -> None:
    if node.args or not is_db_session(ctx, receiver):
        return
    loop = ctx.in_body_of((ast.For, ast.While, ast.AsyncFor), ("body",))
    if (
        loop is not None
        and not _followed_by_exit(ctx)
        and not _isolated_per_item(ctx, loop)
        and not _batched(ctx, loop)
        and not _opened_in_loop(ctx, loop, receiver)
        and not _builds_test_data(ctx)
        and not _follows_outside_effect(ctx, loop, node, receiver)
        and not _per_item_by_design(ctx, loop, receiver)
    ):
        ctx.report(node, XFA507, receiver=_receiver_text(receiver))
    fn = ctx.function
    if fn is not None and isinstance(receiver, ast.Name) and ctx.wants(XFA510) and not _outside_app(ctx):
        state = fn.state(SessionCleanup)
        owned = state.owned.get(receiver.id)
        swallowing = None
        if owned is not None and owned[0] == "with":
            swallowing = _swallowing_try(ctx, receiver.id, owned[1])
        state.commits.append((node, receiver.id, swallowing))


_BATCH_WORDS = ("batch", "chunk")


_BATCH_TARGETS = ("batch", "chunk", "page")


def _batch_word(name: str | None) -> bool:
    low = (name or "").lower()
    return any(w in low for w in _BATCH_WORDS)


def _batch_target(name: str) -> bool:
    low = name.lower()
    return any(low == w or low.endswith(("_" + w, w + "es", w + "s")) for w in _BATCH_TARGETS)


def _mentions_batch(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            if _batch_word(sub.id):
                return True
        elif isinstance(sub, ast.Attribute):
            if _batch_word(sub.attr):
                return True
        elif isinstance(sub, ast.keyword):
            if _batch_word(sub.arg):
                return True
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str) and len(sub.value) < 40:
            if _batch_word(sub.value):
                return True
    return False


def _threshold(node: ast.AST) -> bool:
    """``i % N`` or ``len(pending) >= N``."""
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, ast.Mod)
    return (
        isinstance(node, ast.Compare)
        and isinstance(node.left, ast.Call)
        and isinstance(node.left.func, ast.Name)
        and node.left.func.id == "len"
        and len(node.ops) == 1
        and isinstance(node.ops[0], (ast.Gt, ast.GtE))
    )


def _batched(ctx: Context, loop: ast.AST) -> bool:
    """The loop commits once per batch, not once per item (seed 004 asks for batching):
    ``for batch in batches``/``for start in range(0, n, size)``, a ``while`` loop that pages
    with ``.limit(...)`` or a ``batch_size``, or a commit under ``if len(batch) >= N:`` /
    ``if i % N == 0:``."""
    if _batch_loop(loop):
        return True
    # a threshold commit inside the loop: if len(batch) >= N / if i % N == 0
    chain = ctx.ancestors
    inside = False
    for ancestor in chain:
        if ancestor is loop:
            inside = True
        elif inside and isinstance(ancestor, ast.If):
            test = ancestor.test
            if _mentions_batch(test) or any(_threshold(b) for b in ast.walk(test)):
                return True
    return False


def _batch_loop(loop: ast.AST) -> bool:
    """The loop walks batches: ``for batch in batches``, ``for start in range(0, n, size)``
    (also inside ``enumerate``), ``for chunk in batched(rows, 500)``, or a ``while`` loop
    that pages with ``.limit(...)`` or names a batch."""
    if isinstance(loop, (ast.For, ast.AsyncFor)):
        if any(isinstance(t, ast.Name) and _batch_target(t.id) for t in ast.walk(loop.target)):
            return True
        it = loop.iter
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "enumerate" and it.args:
            it = it.args[0]  # ``for i, start in enumerate(range(0, n, size))``
        if isinstance(it, ast.Call):
            func = it.func
            tail = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if tail == "range" and len(it.args) == 3:
                return True
            if _batch_word(tail):
                return True  # batched(rows, 500), chunks(...), iter_batches(...)
    elif isinstance(loop, ast.While):
        for sub in ast.walk(loop):
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "limit":
                return True
        if _mentions_batch(loop):
            return True
    return False


def _opened_in_loop(ctx: Context, loop: ast.AST, receiver: ast.expr) -> bool:
    """The committed session is opened inside the loop body (``async with SessionLocal()
    as s:``, ``with Session(engine) as s:``, ``s = SessionLocal()``): each iteration is its
    own unit of work with its own session, and its commit is that unit's one commit."""
    if not isinstance(receiver, ast.Name):
        return False
    name = receiver.id
    chain = ctx.ancestors
    inside = False
    for ancestor in chain:
        if ancestor is loop:
            inside = True
        elif inside and isinstance(ancestor, (ast.With, ast.AsyncWith)):
            if any(isinstance(item.optional_vars, ast.Name) and item.optional_vars.id == name for item in ancestor.items):
                return True
    stack: list[ast.AST] = list(getattr(loop, "body", ()))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Call, ast.Await)):
            call = node.value.value if isinstance(node.value, ast.Await) else node.value
            if isinstance(call, ast.Call) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                return True
        if isinstance(node, ast.stmt):
            stack.extend(ast.iter_child_nodes(node))
    return False


#: the logging API's methods: a log line is no effect that the commit must record
_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "fatal"})


#: methods that hand work to a task queue: the work is done outside this transaction,
#: whatever object they are called on (``task = handlers[kind]; task.delay(...)``)
_DISPATCH_METHODS = frozenset({"delay", "apply_async", "send_task", "enqueue_job", "kiq"})


#: the leading verb of a function whose call acts outside the database (when awaited and
#: not handed the session): ``await execute_step(...)``, ``await send_invite(...)``
_EFFECT_VERBS = frozenset(
    {"execute", "run", "send", "dispatch", "publish", "notify", "deliver", "invoke", "trigger",
     "post", "upload", "charge", "revoke", "enqueue", "emit", "call", "perform", "process"}
)


def _preceding_statements(ctx: Context, loop: ast.AST) -> list[ast.stmt] | None:
    """The statements of the current iteration that run before the statement holding the
    current node, block by block from the loop body down (``for x in xs: a(); if c: b();
    commit()`` gives ``a()`` and ``b()``; a sibling branch of an ``if`` is not among them)."""
    chain = ctx.ancestors + [ctx.node]
    try:
        start = next(i for i, a in enumerate(chain) if a is loop)
    except StopIteration:
        return None
    before: list[ast.stmt] = []
    for parent, child in zip(chain[start:], chain[start + 1:]):
        if not isinstance(child, ast.stmt):
            continue
        for name in ("body", "orelse", "finalbody"):
            block = getattr(parent, name, None)
            if parent is loop and name != "body":
                continue
            if isinstance(block, list) and any(s is child for s in block):
                for stmt in block:
                    if stmt is child:
                        break
                    before.append(stmt)
                break
    return before


def _passes(call: ast.Call, receiver_text: str | None) -> bool:
    """``call`` hands the session (or something of it) over as an argument."""
    if receiver_text is None:
        return True
    for arg in (*call.args, *(k.value for k in call.keywords)):
        for sub in ast.walk(arg):
            if isinstance(sub, (ast.Name, ast.Attribute)) and dotted_name(sub) == receiver_text:
                return True
    return False


def _effect_verb(func: ast.expr) -> bool:
    name = (last_name(func) or "").lstrip("_").lower()
    return name.split("_", 1)[0] in _EFFECT_VERBS


def _follows_outside_effect(ctx: Context, loop: ast.AST, commit: ast.Call, receiver: ast.expr) -> bool:
    """Earlier in the same iteration, a call acts on something outside the database: a
    statement that only calls a method of an object (a parameter, an attribute of ``self``,
    a name bound outside the loop; not an imported module or name) that is neither the
    session nor bound in the loop (``executor.revoke(task_id)``, ``await
    self.queue.publish(event)``), a task-queue dispatch on any object (``task.delay(...)``,
    ``.apply_async(...)``), or an awaited call of a function named for an effect
    (``result = await execute_step(step)``, ``await send_invite(user)``) that is not handed
    the session — the commit then records, item by item, what was already done outside the
    transaction, and committing once after the loop would lose that record for every item
    when one fails. Log calls and calls on the loop's own objects (``row.touch()``) do not
    count."""
    preceding = _preceding_statements(ctx, loop)
    if not preceding:
        return False
    local = _loop_bound_names(loop)
    receiver_text = dotted_name(receiver)
    for stmt in preceding:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Expr):
                value = node.value
            elif isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Await):
                value = node.value
            else:
                continue
            awaited = isinstance(value, ast.Await)
            call = value.value if awaited else value
            if not isinstance(call, ast.Call):
                continue
            if awaited and _effect_verb(call.func) and not _passes(call, receiver_text) and _function_callee(ctx, call.func):
                return True
            if not isinstance(node, ast.Expr) or not isinstance(call.func, ast.Attribute):
                continue
            if call.func.attr in _LOG_METHODS:
                continue
            target = call.func.value
            if receiver_text is not None and (dotted_name(target) or "").startswith(receiver_text):
                continue  # the session itself: session.add(...), session.execute(...)
            if call.func.attr in _DISPATCH_METHODS and not is_db_session(ctx, target):
                return True  # ``task.delay(...)``: queued work, outside this transaction
            head = target
            while isinstance(head, (ast.Attribute, ast.Subscript, ast.Call)):
                head = head.func if isinstance(head, ast.Call) else head.value
            if not isinstance(head, ast.Name) or head.id in local:
                continue
            if head.id in ("self", "cls") and not isinstance(target, ast.Attribute):
                continue  # self.helper(): this object's own method, effect unknown
            if is_db_session(ctx, target) or ctx.is_builtin(head):
                continue
            binding = ctx.lookup(head.id)
            if binding is not None and binding.kind == "assign" and isinstance(binding.value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
                continue  # a local container: results.append(...)
            if binding is None and head.id not in ("self", "cls"):
                continue  # unknown name
            if binding is not None and binding.kind == "import":
                continue  # a module's function (``helpers.validate_key(...)``): what it does is unknown
            return True
    return False


def _function_callee(ctx: Context, func: ast.expr) -> bool:
    """``func`` names a function, not a method of an object: a name of this module or an
    imported one (``execute_step``), or a function of an imported module
    (``steps.execute_step``) — not of ``asyncio``/``anyio``/``trio``."""
    if isinstance(func, ast.Name):
        binding = ctx.lookup(func.id)
        if binding is None or binding.kind not in ("import", "def"):
            return False
        head = func
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        binding = ctx.lookup(func.value.id)
        if binding is None or binding.kind != "import":
            return False
        head = func.value
    else:
        return False
    return not ctx.imported_from(head, "asyncio", "anyio", "trio")


def _own_nodes_of(body: list[ast.stmt]) -> list[ast.AST]:
    """The nodes of ``body``, nested functions, classes and lambdas left out."""
    found: list[ast.AST] = []
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _session_call(node: ast.AST, method: str, receiver_text: str | None) -> bool:
    return (
        receiver_text is not None
        and isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == method
        and dotted_name(node.func.value) == receiver_text
    )


def _per_item_by_design(ctx: Context, loop: ast.AST, receiver: ast.expr) -> bool:
    """Each iteration is its own transaction by design, shown by the loop body itself:

    * an ``except`` handler in the body rolls the same session back — one failing item is
      undone alone, which a commit batched after the loop would turn into undoing them all;
    * a loop nested in the body commits the same session once per batch (``while True:
      ... .limit(n) ... commit()``) — the iteration is already several transactions, so one
      commit after the outer loop would not make it one."""
    receiver_text = dotted_name(receiver)
    if receiver_text is None:
        return False
    for node in _own_nodes_of(getattr(loop, "body", [])):
        if isinstance(node, ast.ExceptHandler):
            if any(_session_call(sub, "rollback", receiver_text) for sub in _own_nodes_of(node.body)):
                return True
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.While)) and _batch_loop(node):
            if any(_session_call(sub, "commit", receiver_text) for sub in _own_nodes_of(node.body)):
                return True
    return False


def _loop_bound_names(loop: ast.AST) -> set[str]:
    """Names the loop binds: its target and every name assigned in its body."""
    names: set[str] = set()
    target = getattr(loop, "target", None)
    if target is not None:
        names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    for stmt in getattr(loop, "body", []):
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                names.add(node.id)
    return names


_TEST_DATA_WORDS = frozenset(
    {"seed", "seeds", "seeding", "seeder", "seeders", "fixture", "fixtures", "factory", "factories"}
)


def _builds_test_data(ctx: Context) -> bool:
    """Tests, scripts, and test-data builders (seed, fixture and factory modules or
    functions): one commit per built object is how they are written, and no request
    waits on them."""
    if ctx.is_test or ctx.is_script:
        return True
    def by_path() -> bool:
        path = ctx.filename.replace("\\", "/").lower()
        if path.endswith(".py"):
            path = path[:-3]
        words = set(re.split(r"[/_\-.]+", path))
        return bool(words & _TEST_DATA_WORDS)
    if ctx.memo("xfa5.test_data_path", by_path):
        return True
    for frame in ctx.frames:
        if frame.kind == "function":
            words = set(getattr(frame.node, "name", "").lower().strip("_").split("_"))
            if words & _TEST_DATA_WORDS:
                return True
    return False


def _isolated_per_item(ctx: Context, loop: ast.AST) -> bool:
    """The commit is in a ``try`` (with ``except``) inside the loop: one transaction per
    item on purpose, so that one failing item does not undo the others."""
    tried = ctx.in_body_of((ast.Try, _TRY_STAR), ("body",))
    if tried is None or not getattr(tried, "handlers", None):
        return False
    position = {id(a): i for i, a in enumerate(ctx.ancestors)}
    return position.get(id(tried), -1) > position.get(id(loop), len(position))


def _statement_of(ctx: Context) -> tuple[ast.stmt, list[ast.stmt]] | None:
    """The statement holding the current node and the statement list it is in."""
    chain = ctx.ancestors + [ctx.node]
    for i in range(len(chain) - 1, 0, -1):
        node = chain[i]
        if isinstance(node, ast.stmt):
            parent = chain[i - 1]
            for name in ("body", "orelse", "finalbody"):
                block = getattr(parent, name, None)
                if isinstance(block, list) and any(s is node for s in block):
                    return node, block
            return None
    return None


def _followed_by_exit(ctx: Context) -> bool:
    """The commit statement is followed by ``break``/``return`` in its block (also when
    the block is a ``try`` body, or the ``try`` is followed by one)."""
    chain = ctx.ancestors + [ctx.node]
    for i in range(len(chain) - 1, 0, -1):
        node = chain[i]
        if isinstance(node, (ast.For, ast.While, ast.AsyncFor)) or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return False
        if not isinstance(node, ast.stmt):
            continue
        parent = chain[i - 1]
        for name in ("body", "orelse", "finalbody"):
            block = getattr(parent, name, None)
            if isinstance(block, list):
                for j, stmt in enumerate(block):
                    if stmt is node:
                        if any(isinstance(s, (ast.Break, ast.Return)) for s in block[j + 1:]):
                            return True
        if not isinstance(parent, (ast.Try, _TRY_STAR, ast.If, ast.With, ast.AsyncWith)):
            return False
    return False


def _swallowing_try(ctx: Context, name: str, with_node: ast.AST) -> ast.AST | None:
    """The ``try`` inside the session's ``with`` block whose body holds the commit, when
    one of its handlers neither re-raises nor rolls ``name`` back.  (A ``try`` around the
    whole ``with`` runs its handlers after the session was closed, i.e. rolled back.)"""
    tried = ctx.in_body_of((ast.Try, _TRY_STAR), ("body",))
    if tried is None:
        return None
    position = {id(a): i for i, a in enumerate(ctx.ancestors)}
    if id(with_node) not in position or position[id(tried)] < position[id(with_node)]:
        return None
    for handler in tried.handlers:  # type: ignore[attr-defined]
        raises = rolls_back = False
        for sub in ast.walk(handler):
            if isinstance(sub, ast.Raise):
                raises = True
            elif (
                isinstance(sub, ast.Call)
                and isinstance(sub.func, ast.Attribute)
                and sub.func.attr in ("rollback", "close")
                and isinstance(sub.func.value, ast.Name)
                and sub.func.value.id == name
            ):
                rolls_back = True
        if not raises and not rolls_back:
            if _last_use(ctx, name, with_node, tried, handler):
                return None  # nothing uses the session again: leaving the block closes it
            return tried
    return None


def _last_use(ctx: Context, name: str, with_node: ast.AST, tried: ast.AST, handler: ast.ExceptHandler) -> bool:
    """After the swallowed error nothing touches ``name`` again before its ``with`` block
    ends: no loop between the block and the ``try`` runs it again, the handler does not use
    it, and no later statement of the block names it — so the next thing to happen to the
    session is ``__exit__``/``__aexit__``, which closes it and so rolls the failed
    transaction back."""
    chain = ctx.ancestors
    position = {id(a): i for i, a in enumerate(chain)}
    for ancestor in chain[position[id(with_node)] + 1 : position[id(tried)]]:
        if isinstance(ancestor, (ast.For, ast.AsyncFor, ast.While)):
            return False
    if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(handler)):
        return False
    end = getattr(tried, "end_lineno", None)
    if end is None:
        return False
    for stmt in getattr(with_node, "body", []):
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and node.id == name and node.lineno > end:
                return False
    return True


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, leave=True, codes=(XFA510,))
def commits_without_rollback(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    state = ctx.frame.state(SessionCleanup)
    if state.commits:
        _check_rollback(state, ctx)


def _check_rollback(state: SessionCleanup, ctx: Context) -> None:
    owned = state.owned
    begun = state.begun
    cleaned = state.cleaned
    for call, name, swallowing in state.commits:
        if name not in owned or name in begun or name in cleaned:
            continue
        kind, _ = owned[name]
        if kind == "assign":
            fix = f"wrap it in try/except: {name}.rollback(); raise, with {name}.close() in finally (or use async with SessionLocal.begin() as {name}:)"
            ctx.report(call, XFA510, receiver=name, fix=fix)
        elif swallowing is not None:
            fix = f"call {name}.rollback() in the except block before carrying on (or re-raise)"
            ctx.report(call, XFA510, receiver=name, fix=fix)
