"""XFA204, XFA205: ``commit()`` in a repository, or in a service that does not own the session."""

from __future__ import annotations

import ast
import re

from ... import lazy_re
from ...context import Context, FUNCTION_TYPES, short_source
from ...registry import moved_off, rule
from ._shared import LAYER_CALLS, file_layer

XFA204 = rule(
    "XFA204",
    "commit-in-repository",
    default=False,
    precision=moved_off("12 of 20", reading="sixth"),
    seeds=("001", "003"),
    message="repository commits the transaction ({call})",
    fix_hint="use flush() here and let the service (or the request's session dependency) commit",
    what="Reports `commit()` on a session (`session`, `db`, `self.session`, a parameter annotated `AsyncSession`/`Session`) in a repositories file.",
    why="""
        A repository that commits ends the caller's transaction: two repository calls in
        one service operation can no longer succeed or fail together. Seed 001:
        "Repository methods do NOT call `commit()`—services own the transaction"; its
        layer table lists "commit transactions" among what repositories do NOT do.
    """,
    bad="""
        class UserRepository:
            def __init__(self, session):
                self.session = session

            async def create(self, user):
                self.session.add(user)
                await self.session.commit()
                return user
    """,
    good="""
        class UserRepository:
            def __init__(self, session):
                self.session = session

            async def create(self, user):
                self.session.add(user)
                await self.session.flush()
                return user
    """,
    not_flagged=(
        "`flush()`, `rollback()`, `refresh()`.",
        "`commit()` on something that is not a session (`conn.commit()`, `repo.commit()`).",
        "A session the function opened itself (`async with get_db_session() as session`, "
        "`with Session(engine) as db`, `db = SessionLocal()`), a module-private helper "
        "(`_delete_row(session, ...)`) whose every call in the module passes such a session, "
        "and an `if __name__ == \"__main__\":` block: there is no caller's transaction to "
        "end, and `flush()` would lose the write when the session closes.",
        "A commit the caller opts out of: under an `if` on a transaction parameter of the "
        "function (`if not uow: await db.commit()`, `if commit:`, `if auto_commit:`, "
        "`if transaction is None:`) — a caller composing several calls passes its unit of "
        "work and the repository does not commit.",
        "Services and routes (see XFA205 for services).",
    ),
    example_path="app/repositories/user_repository.py",
)

XFA205 = rule(
    "XFA205",
    "commit-in-service",
    default=False,
    seeds=("000",),
    message="service commits the request's transaction ({call})",
    fix_hint="flush() here and let the route handler or the session dependency commit",
    what="""
        Reports `commit()` on a session in a services file, unless the same function opened
        that session itself (`async with SessionLocal() as session`, `session = SessionLocal()`).
    """,
    why="""
        Seed 000: "The 'no db.commit() in services' rule applies to request-scoped services
        where the FastAPI route handler owns the transaction"; the service "uses flush()
        only". Seed 001 lets services commit, so this rule is off by default.
    """,
    bad="""
        async def register(db, user):
            db.add(user)
            await db.commit()
            return user
    """,
    good="""
        async def register(db, user):
            db.add(user)
            await db.flush()
            return user
    """,
    not_flagged=(
        "Webhook-style functions that open their own session (`async with SessionLocal() as "
        "db:` or `db = SessionLocal()` in the same function) and so own its transaction.",
        "`flush()`.",
    ),
    example_path="app/services/user_service.py",
)


@LAYER_CALLS.on("commit", rules=(XFA204, XFA205))
def _commit_call(node: ast.Call, attr: str, ctx: Context) -> None:
    _commit(node, node.func, ctx)  # type: ignore[arg-type]


def _commit(node: ast.Call, func: ast.Attribute, ctx: Context) -> None:
    layer = file_layer(ctx)
    if layer == "repositories":
        if (
            ctx.is_session(func.value)
            and not ctx.in_main_block
            and not _owns_session(func.value, ctx)
            and not _callers_own_session(func.value, ctx)
            and not _caller_chooses_commit(ctx)
        ):
            ctx.report(node, XFA204, call=f"{short_source(func.value)}.commit()")
    elif layer == "services" and ctx.wants(XFA205):
        if ctx.is_session(func.value) and not _owns_session(func.value, ctx):
            ctx.report(node, XFA205, call=f"{short_source(func.value)}.commit()")


#: parameter names that hand the repository the caller's transaction or commit choice
_TRANSACTION_PARAM = lazy_re.compile(r"uow|unit_of_work|commit|transaction|txn|^tx$|atomic", re.IGNORECASE)
_TRANSACTION_TYPE = lazy_re.compile(r"UnitOfWork|Transaction", re.IGNORECASE)


def _caller_chooses_commit(ctx: Context) -> bool:
    """The commit sits under an ``if`` (of the enclosing function) whose test names a
    parameter that carries the caller's transaction or its choice to commit (``if not uow:``,
    ``if commit:``, ``if transaction is None:``; by name, or annotated ``UnitOfWork``/
    ``…Transaction``): a caller that owns the transaction passes it, and the repository
    does not commit."""
    frame = ctx.function
    if frame is None or not isinstance(frame.node, FUNCTION_TYPES):
        return False
    chosen = {
        name
        for name, annotation in frame.params.items()
        if _TRANSACTION_PARAM.search(name)
        or (annotation is not None and _TRANSACTION_TYPE.search(ast.unparse(annotation)))
    }
    if not chosen:
        return False
    for ancestor in reversed(ctx.ancestors):
        if ancestor is frame.node:
            break
        if isinstance(ancestor, ast.If) and any(
            isinstance(n, ast.Name) and n.id in chosen for n in ast.walk(ancestor.test)
        ):
            return True
    return False


def _owns_session(receiver: ast.expr, ctx: Context) -> bool:
    """The enclosing function opened ``receiver`` itself: ``async with SessionLocal() as
    db``, ``with Session(engine) as db`` or ``db = SessionLocal()``."""
    if not isinstance(receiver, ast.Name):
        return False
    frame = ctx.function
    if frame is None:
        return False
    binding = ctx.lookup(receiver.id)
    return (
        binding is not None
        and frame.bindings.get(receiver.id) is binding
        and binding.kind in ("with", "assign")
        and isinstance(binding.value, ast.Call)
    )


def _callers_own_session(receiver: ast.expr, ctx: Context) -> bool:
    """``receiver`` is a parameter of a module-private function (``_delete_row(session,
    ...)``) that this module only ever calls, and every call passes a session its caller
    opened itself (``async with get_db_session() as session: return await
    _delete_row(session, ...)``): the commit ends the caller's own transaction, one call
    deep, not a service's (XFA204)."""
    if not isinstance(receiver, ast.Name):
        return False
    frame = ctx.function
    if frame is None or frame.kind != "function":
        return False
    binding = ctx.lookup(receiver.id)
    fn = frame.node
    if binding is None or binding.kind != "param" or binding.node is not fn:
        return False
    if not isinstance(fn, FUNCTION_TYPES) or not fn.name.startswith("_") or ctx.functions.get(fn.name) is not fn:
        return False
    key = f"layering.callers_own_session.{fn.name}.{receiver.id}"
    return ctx.memo(key, lambda: _every_call_passes_owned_session(fn, receiver.id, ctx))


def _every_call_passes_owned_session(fn: ast.AST, param: str, ctx: Context) -> bool:
    positional = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    index = positional.index(param) if param in positional else None
    keyword_ok = param not in (a.arg for a in fn.args.posonlyargs)
    parents = ctx.memo("layering.parents", lambda: _parent_map(ctx.tree))
    calls = 0
    for node in ast.walk(ctx.tree):
        if not (isinstance(node, ast.Name) and node.id == fn.name):
            continue
        if isinstance(node.ctx, ast.Store):
            return False  # rebound: the name may be something else where it is called
        call = parents.get(id(node))
        if not (isinstance(call, ast.Call) and call.func is node):
            return False  # passed on or stored: callers unknown
        arg = None
        if index is not None and index < len(call.args):
            if any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
                return False
            arg = call.args[index]
        elif keyword_ok:
            arg = next((kw.value for kw in call.keywords if kw.arg == param), None)
        if not isinstance(arg, ast.Name):
            return False
        caller = parents.get(id(call))
        while caller is not None and not isinstance(caller, (*FUNCTION_TYPES, ast.Lambda, ast.ClassDef, ast.Module)):
            caller = parents.get(id(caller))
        if not isinstance(caller, FUNCTION_TYPES) or caller is fn or not _opens_name(caller, arg.id, ctx):
            return False
        calls += 1
    return calls > 0


def _opened(value: ast.expr | None) -> bool:
    """``value`` makes a new object (a call), as :func:`_owns_session` takes it; not
    ``session.begin()``, which enters a transaction of a session made elsewhere."""
    if isinstance(value, ast.Await):
        value = value.value
    if not isinstance(value, ast.Call):
        return False
    return not (isinstance(value.func, ast.Attribute) and value.func.attr in ("begin", "begin_nested"))


def _opens_name(fn: ast.AST, name: str, ctx: Context) -> bool:
    """Every binding of ``name`` in ``fn`` (its own scope) opens something new: ``async
    with get_db_session() as name`` or ``name = SessionLocal()`` (the helper's commit
    already knows it is a session); a parameter never does."""
    args = fn.args
    if name in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}:
        return False
    found = False
    stack = list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (*FUNCTION_TYPES, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if isinstance(item.optional_vars, ast.Name) and item.optional_vars.id == name:
                    if not _opened(item.context_expr):
                        return False
                    found = True
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr, ast.For, ast.AsyncFor)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if any(isinstance(t, ast.Name) and t.id == name for t in ast.walk(target)):
                    value = getattr(node, "value", None)
                    if not isinstance(node, (ast.Assign, ast.AnnAssign)) or not isinstance(target, ast.Name) or not _opened(value):
                        return False
                    found = True
        stack.extend(ast.iter_child_nodes(node))
    return found


def _parent_map(tree: ast.AST) -> dict[int, ast.AST]:
    parents: dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    return parents
