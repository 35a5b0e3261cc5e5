"""XFA203: a route handler that queries the database session itself."""

from __future__ import annotations

import ast

from ...context import Context, FUNCTION_TYPES, short_source
from ...registry import back_on, rule
from ._shared import _SQL_MODULES, LAYER_CALLS, _is_probe

XFA203 = rule(
    "XFA203",
    "db-access-in-route",
    default=True,
    precision=back_on("20 of 20", reading="eighth"),
    seeds=("001", "002", "003"),
    message="route handler {name}() accesses the database directly ({call})",
    fix_hint="move the database work into a service/repository function and pass it the session",
    what="""
        Reports, inside a route handler, a call on a database session (a name whose binding
        shows one: a parameter annotated `AsyncSession`/`Session` or an `Annotated` alias of
        it, also one defined in another module such as `SessionDep`; `Depends(get_db)` where
        `get_db` yields or returns a session; `async with SessionLocal() as session` where
        `SessionLocal` is a `sessionmaker`; or, when nothing shows what it is, an
        unannotated parameter or name called `db`/`session`) of
        `execute`, `exec` (SQLModel), `scalar`, `scalars`, `get`, `add`, `add_all`, `delete`, `commit`,
        `flush`, `refresh`, `query` or `merge`; and a SQLAlchemy/SQLModel `select()`,
        `insert()`, `update()`, `delete()` or `text()` built in the handler (when it is
        not already the argument of a reported session call).
    """,
    why="""
        Routes are thin HTTP adapters. Seed 001's layer table: Routes "Validate input,
        call services, return responses" and do NOT do "direct DB access"; seed 003:
        `router.py` depends on the service, `repository.py` does "Data access, queries";
        seed 004: "Putting business logic in routers … Logic belongs in services".
    """,
    bad="""
        from fastapi import APIRouter
        from sqlalchemy import select
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.models import User
        from app.schemas import UserRead

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: int, db: AsyncSession) -> UserRead:
            result = await db.execute(select(User).where(User.id == user_id))
            return result.scalar_one()
    """,
    good="""
        from fastapi import APIRouter
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.schemas import UserRead
        from app.services import user_service

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: int, db: AsyncSession) -> UserRead:
            return await user_service.get_user(db, user_id)
    """,
    not_flagged=(
        "Passing the session on to a service or repository call, and the `commit()` of a "
        "handler that does nothing else with the session and changes no object itself: it "
        "owns the transaction of the work it delegated (seed 000; services that do not "
        "commit).",
        "Health/readiness/liveness probes (a route path, handler or file name with a "
        "`health…`, `ready…` or `live…` word), whose job is to ping the database.",
        "A handler or local function called `delete`/`select`: names are resolved through "
        "the imports, only SQLAlchemy's and SQLModel's builders count.",
        "Functions that are not route handlers, including functions nested in a handler.",
        "`session.get(\"runs\")` with a string key: a mapping lookup, not SQLAlchemy's "
        "`Session.get(Entity, ident)` (the twelfth reading's agno session record).",
        "A `session` whose binding shows another kind of object: `async with "
        "aiohttp.ClientSession() as session`, `session: httpx.AsyncClient`, `session = "
        "requests.Session()`, a dependency that yields an HTTP client.",
    ),
    example_path="app/api/routes/users.py",
)


_SESSION_METHODS = frozenset(
    {"execute", "exec", "scalar", "scalars", "get", "add", "add_all", "delete", "commit", "flush", "refresh", "query", "merge"}
)
_QUERY_BUILDERS = frozenset({"select", "insert", "update", "delete", "text"})


def _mapping_get(call: ast.Call, attr: str) -> bool:
    """``x.get("runs")``: a lookup by a string key, not SQLAlchemy's ``Session.get(Entity,
    ident)`` (the twelfth reading: agno's stored session record, a dict named ``session``)."""
    return (
        attr == "get"
        and bool(call.args)
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    )


@LAYER_CALLS.on(*_SESSION_METHODS, rules=(XFA203,))
def _session_call(node: ast.Call, attr: str, ctx: Context) -> None:
    route = ctx.route
    func = node.func
    if (
        route is not None
        and not _mapping_get(node, attr)
        and ctx.is_session(func.value)  # type: ignore[attr-defined]
        and not _is_probe(route, ctx)
        and not (attr in _UNIT_OF_WORK and _closes_delegated_work(route.node, func.value, ctx))  # type: ignore[attr-defined]
    ):
        ctx.report(node, XFA203, name=route.node.name, call=f"{short_source(func.value)}.{attr}()")  # type: ignore[attr-defined]


@LAYER_CALLS.on(*_QUERY_BUILDERS, rules=(XFA203,))
def _query_builder_method(node: ast.Call, attr: str, ctx: Context) -> None:
    _query_builder(node, ctx)  # ``sa.select(...)``, ``sqlalchemy.delete(...)``


@LAYER_CALLS.on("(imported name)", rules=(XFA203,))
def _imported_query_builder(node: ast.Call, name: str, ctx: Context) -> None:
    _query_builder(node, ctx)


#: session calls that end the request's unit of work rather than do database work
_UNIT_OF_WORK = frozenset({"commit"})


class DelegatedWork:
    """Per file, by ``(id(handler), session name)``: whether the handler only delegates its
    session's work and commits it (:func:`_delegates_only`)."""

    __slots__ = ("delegates",)

    def __init__(self) -> None:
        self.delegates: dict[tuple[int, str], bool] = {}


def _closes_delegated_work(handler: ast.AST, session: ast.expr, ctx: Context) -> bool:
    """The handler hands its session ``session`` (a name) to other functions (a service,
    ``PodcastService(session).regenerate(...)``), makes no database call of its own but
    ``commit()`` and changes no object itself (no ``obj.attr = ...``): it owns the
    transaction of the work it delegated (seed 000's "the route handler owns the
    transaction"; the services that do not commit are not reported either), it does not access
    the database itself. A ``refresh()`` (a load) or a change made in the handler and
    committed there is its own database work."""
    if not isinstance(session, ast.Name):
        return False
    key = (id(handler), session.id)
    delegates = ctx.frames[0].state(DelegatedWork).delegates
    found = delegates.get(key)
    if found is None:
        found = delegates[key] = _delegates_only(handler, session.id, ctx)
    return found


def _delegates_only(handler: ast.AST, name: str, ctx: Context) -> bool:
    passed = False
    stack = list(getattr(handler, "body", ()))
    while stack:
        node = stack.pop()
        if isinstance(node, (*FUNCTION_TYPES, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)) and _local_object(node, handler):
            return False  # ``incident.assignee = user``: the handler writes the change it commits
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in _SESSION_METHODS and ctx.is_session(func.value):
                if func.attr not in _UNIT_OF_WORK:
                    return False  # ``session.execute(...)``, ``session.add(...)``: its own work
            elif _sql_builder(node, ctx):
                return False
            else:
                args = [*node.args, *(kw.value for kw in node.keywords)]
                if any(isinstance(a, ast.Name) and a.id == name for a in args):
                    passed = True
        stack.extend(ast.iter_child_nodes(node))
    return passed


def _local_object(target: ast.Attribute, handler: ast.AST) -> bool:
    """``target`` is an attribute of an object the handler got itself (``incident.assignee``
    with ``incident = get_incident(...)``), not of a parameter (``response.status_code``)."""
    head = target.value
    while isinstance(head, ast.Attribute):
        head = head.value
    if not isinstance(head, ast.Name):
        return False
    args = getattr(handler, "args", None)
    params = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)} if args else set()
    return head.id not in params


def _sql_builder(node: ast.Call, ctx: Context) -> bool:
    """``select(...)``/``insert(...)``/… of SQLAlchemy or SQLModel."""
    name = ctx.call_name(node)
    if name is None:
        return False
    return (
        name.split(".", 1)[0] in _SQL_MODULES
        and name.rsplit(".", 1)[-1] in _QUERY_BUILDERS
        and ctx.imported_from(node.func, *_SQL_MODULES)
    )


def _query_builder(node: ast.Call, ctx: Context) -> None:
    name = ctx.call_name(node)
    if name is None:
        return
    head, _, tail = name.partition(".")
    tail = name.rsplit(".", 1)[-1]
    if head not in _SQL_MODULES or tail not in _QUERY_BUILDERS or not ctx.imported_from(node.func, *_SQL_MODULES):
        return
    route = ctx.route
    if route is None or _is_probe(route, ctx):
        return
    # ``db.execute(select(...))``: the session call is reported already
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, ast.Call):
            f = ancestor.func
            if isinstance(f, ast.Attribute) and f.attr in _SESSION_METHODS and ctx.is_session(f.value):
                return
        elif isinstance(ancestor, (ast.stmt,)):
            break
    ctx.report(node, XFA203, name=route.node.name, call=f"{tail}()")
