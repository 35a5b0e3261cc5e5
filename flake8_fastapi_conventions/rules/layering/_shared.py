"""XFA2xx: architecture and layering (routes / services / repositories).

A file's layer comes from its path and content (``ctx.layer``).  For the import rules the
layer of an *imported* module is found the same way: the module name is turned into the
path it would have (``app.services.user_service`` -> ``app/services/user_service.py``,
relative imports resolved against the file's own path) and run through the same globs;
when the project index finds the module's file, its content refines that layer as it does
the file's own (``services/search/model.py`` holding only Pydantic classes is a schemas
module).
"""

from __future__ import annotations

import ast
import os
import re

from .. import lazy_re
from ..context import FUNCTION_TYPES, ROUTE_DECORATORS, Context, RouteInfo, is_main_test, short_source
from ..project import HTTP_EXCEPTIONS
from ..registry import moved_off, rule, visitor
from ..settings import normalize_path

XFA201 = rule(
    "XFA201",
    "http-exception-in-service",
    default=True,
    seeds=("000", "001", "002", "003"),
    message=(
        "{what} raised in a {layer}; raise a domain exception (e.g. UserNotFoundError) "
        "and map it to HTTP in the route or an exception handler"
    ),
    what="""
        Reports `raise HTTPException(...)` (from `fastapi`, `fastapi.exceptions` or
        `starlette.exceptions`, however it was imported, also raised without arguments)
        in a services or repositories file; also a project subclass of `HTTPException`
        raised there (`class UserNotFound(HTTPException)`, defined in this module or
        another), and a module-level instance raised by name (`raise NOT_FOUND` with
        `NOT_FOUND = HTTPException(404, ...)` here or in another project module).
    """,
    why="""
        A service that raises `HTTPException` knows about HTTP: it cannot be reused from a
        CLI, a worker or a WebSocket, and its callers cannot tell a missing row from a bad
        request. Seed 001: "Services raise domain exceptions → Routes convert to
        `HTTPException`"; seed 002: "PatientNotFoundError — zero HTTP knowledge in
        service"; seed 003: "Custom domain exceptions with `@app.exception_handler` -- not
        bare `HTTPException` in services".
    """,
    bad="""
        from fastapi import HTTPException


        async def get_user(repo, user_id: int):
            user = await repo.get(user_id)
            if user is None:
                raise HTTPException(status_code=404, detail="User not found")
            return user
    """,
    good="""
        class UserNotFoundError(Exception):
            pass


        async def get_user(repo, user_id: int):
            user = await repo.get(user_id)
            if user is None:
                raise UserNotFoundError(user_id)
            return user
    """,
    not_flagged=(
        "Route, dependency, exception-handler and `main.py` files: that is where HTTP errors belong.",
        "Functions in a services file that are FastAPI dependencies (they take `Depends(...)` "
        "parameters or are passed to `Depends(...)` in the file).",
        "Names the project index cannot follow to their definition (a class with a base "
        "outside the project other than `HTTPException`, a module it cannot find).",
    ),
    example_path="app/services/user_service.py",
)

XFA202 = rule(
    "XFA202",
    "framework-import-in-service",
    default=False,
    precision=moved_off("4 of 20"),
    seeds=("002", "004"),
    message=(
        "{layer} imports the web framework ({module}); keep {layers} framework-free: take plain "
        "values and raise domain exceptions, and leave Request/Response/Depends/status to the routes"
    ),
    what="""
        Reports an import of `fastapi` or `starlette` (anything: `Request`, `Response`,
        `status`, `Depends`, `HTTPException`, `BackgroundTasks`) in a services or
        repositories file, at the import statement.
    """,
    why="""
        Seed 004: "Pure business logic functions should have ZERO framework imports — no
        FastAPI"; `service.py` has "No FastAPI imports … Fully testable in isolation".
        Seed 002: a "service coupled to HTTP — breaks gRPC/CLI/WebSocket".
    """,
    bad="""
        from fastapi import status


        def password_is_strong(password: str) -> int:
            return status.HTTP_200_OK if len(password) > 12 else status.HTTP_400_BAD_REQUEST
    """,
    good="""
        def password_is_strong(password: str) -> bool:
            return len(password) > 12
    """,
    not_flagged=(
        "Imports under `if TYPE_CHECKING:`.",
        "`from fastapi import HTTPException` when XFA201 already reports the file's "
        "`raise HTTPException(...)`: one problem, one finding; so is an import whose names "
        "appear only in the raises XFA201 reports (`status` in "
        "`raise HTTPException(status.HTTP_404_NOT_FOUND)`) or in the providers below "
        "(`from fastapi import Depends, HTTPException`).",
        "Routes, dependencies and `main.py` files.",
        "A file under `services/` that defines route handlers or registers them "
        "(`app.add_api_route(...)`): it is a routes file.",
        "An import used only by the dependency providers the file hosts next to the service: "
        "FastAPI dependencies (functions passed to `Depends(...)` in the file or taking "
        "`Depends(...)` parameters, constructors excepted) and generators that yield one "
        "resource (`async def inject(self, state: State, request: Request | None = None)` "
        "yielding the service, or passing on another generator's items); a generator that "
        "yields in a loop streams, and is no provider.",
    ),
    example_path="app/services/user_service.py",
)

XFA203 = rule(
    "XFA203",
    "db-access-in-route",
    default=True,
    seeds=("001", "002", "003"),
    message=(
        "route handler {name}() accesses the database directly ({call}); move the database work "
        "into a service/repository function and pass it the session"
    ),
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
        "A `session` whose binding shows another kind of object: `async with "
        "aiohttp.ClientSession() as session`, `session: httpx.AsyncClient`, `session = "
        "requests.Session()`, a dependency that yields an HTTP client.",
    ),
    example_path="app/api/routes/users.py",
)

XFA204 = rule(
    "XFA204",
    "commit-in-repository",
    default=True,
    seeds=("001", "003"),
    message=(
        "repository commits the transaction ({call}); use flush() here and let the service "
        "(or the request's session dependency) commit"
    ),
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
        "Services and routes (see XFA205 for services).",
    ),
    example_path="app/repositories/user_repository.py",
)

XFA205 = rule(
    "XFA205",
    "commit-in-service",
    default=False,
    seeds=("000",),
    message=(
        "service commits the request's transaction ({call}); flush() here and let the route "
        "handler or the session dependency commit"
    ),
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

XFA206 = rule(
    "XFA206",
    "layer-import-direction",
    default=False,
    precision=moved_off("15 of 20"),
    seeds=("003", "004"),
    message=(
        "{layer} module imports {target} ({module}), against the router → service → repository → "
        "models direction; {fix}"
    ),
    what="""
        Reports an import that goes against router → service → repository → models: a
        repositories file importing a services or routes module, a services file
        importing a routes module, a routes file importing a repositories module (it
        skips the service), a models/schemas file importing a routes or services module.
        The imported module's layer comes from the same path globs as the file's
        (`app.services.user_service` is `app/services/user_service.py`; relative imports
        are resolved against the file's path) and, when the project index finds the
        module's file, from its content as for the file itself: a `services/search/model.py`
        holding only Pydantic classes is a schemas module, a `services/status.py` holding only
        enums has no layer, a `models/v1/service.py` holding only Pydantic classes is a
        schemas module (under a models/ directory the content sides with the directory, not
        the `service.py` name), a `routers/models.py` defining route handlers is a routes module.
    """,
    why="""
        Seed 003: "Every domain module follows: `router.py` > `service.py` > `repository.py`
        > `models.py`", each depending only on the next. Imports the other way round create
        cycles and let data access bypass business rules. Seed 004: "Circular imports
        usually mean your domain boundaries are wrong".
    """,
    bad="""
        from fastapi import APIRouter

        from app.repositories.user_repository import UserRepository
        from app.schemas import UserRead

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: int) -> UserRead:
            return await UserRepository().get(user_id)
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import UserRead
        from app.services.user_service import get_user

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: int) -> UserRead:
            return await get_user(user_id)
    """,
    not_flagged=(
        "Imports under `if TYPE_CHECKING:`.",
        "Imports whose layer is unclear: third-party packages, modules whose path says "
        "nothing, and `from pkg import name` where the package and the name point to "
        "different layers.",
        "Modules whose content says they are not of the layer their path suggests (a "
        "`services/` module of Pydantic classes or enums only, a `models/.../service.py` or "
        "`models/.../routers.py` of Pydantic classes and enums only, an `openapi/schema.py` "
        "that assembles the routers).",
        "Dependencies, main, tests and scripts files.",
    ),
    example_path="app/api/routes/users.py",
)

XFA207 = rule(
    "XFA207",
    "cross-domain-relative-import",
    default=True,
    seeds=("004",),
    message=(
        "relative import climbs out of the '{domain}' domain into '{other}'; import it absolutely "
        "with an explicit name: from {absolute} import {name} as {other}_{name}"
    ),
    what="""
        Reports `from ..<other_domain> import x` (or `from ..<other_domain>.service import
        x`) in a module of a domain package (`src/auth/service.py`, `router.py`,
        `models.py`, …) that climbs out of its own domain into a sibling domain package.
    """,
    why="""
        Seed 004: "Never use relative imports across domain boundaries"; "Always use
        absolute imports with explicit module names: `from src.auth import constants as
        auth_constants`". Relative imports across domains hide the coupling and lead to
        circular imports.
    """,
    bad="""
        from ..users import service


        async def login(email: str):
            return await service.get_by_email(email)
    """,
    good="""
        from src.users import service as users_service


        async def login(email: str):
            return await users_service.get_by_email(email)
    """,
    not_flagged=(
        "Relative imports inside the same domain package (`from .models import User`, "
        "`from ..auth.utils import x` from `src/auth/service.py`).",
        "Files that are not a module of a domain package (`app/api/routes/items.py`, "
        "`app/api/deps.py`, `app/core/...`).",
        "Imports of shared packages (`core`, `common`, `shared`, `db`, `utils`, …) and of "
        "names whose target is not clearly a sibling domain's module.",
    ),
    example_path="src/auth/service.py",
)

XFA208 = rule(
    "XFA208",
    "app-imported-in-module",
    default=True,
    seeds=("003",),
    message=(
        "the FastAPI app is imported from {module}; pass what you need through dependencies "
        "(Depends/request.app) instead of importing app, which causes circular imports"
    ),
    what="""
        Reports `from <…>main import app` and `import <…>.main` followed by `<…>.main.app`
        in any module other than the ASGI entry point (`main.py`, `asgi.py`, `wsgi.py`,
        `__main__.py` and launcher modules such as `run.py`/`server.py`), whatever its
        layer: `core/`, `utils/` and `tasks/` modules included.
    """,
    why="""
        Seed 003: "NEVER import `app` in modules to avoid circular imports -- pass
        dependencies via DI". `main.py` imports the routers; a router that imports the app
        back closes the cycle.
    """,
    bad="""
        from app.main import app


        def get_settings():
            return app.state.settings
    """,
    good="""
        from fastapi import Request


        def get_settings(request: Request):
            return request.app.state.settings
    """,
    not_flagged=(
        "Tests, `conftest.py` and scripts.",
        "The entry modules themselves (`main.py`, `asgi.py`, `wsgi.py`, `__main__.py`, "
        "`run.py`, `server.py`, Lambda `handler.py`).",
        "Other names from `main` (`from app.main import create_app`).",
        "A package's `__init__.py` re-exporting the app of its own `main` module "
        "(`from .main import app`, for `uvicorn app:app`), and modules run as a script "
        "(with an `if __name__ == \"__main__\":` block).",
        "Imports under `if TYPE_CHECKING:`.",
        "A sub-application of a subpackage below the importing module (`plugins/__init__.py` "
        "collecting `plugins.echo.main`'s `app` to be mounted), unless the project index shows "
        "that module importing a module of the project.",
    ),
    example_path="app/api/deps.py",
)

XFA209 = rule(
    "XFA209",
    "route-on-app",
    default=False,
    precision=moved_off("7 of 20"),
    seeds=("002",),
    message=(
        "route {decorator}(...) is registered on the FastAPI app; put it on an APIRouter "
        "(router = APIRouter()) in a routes module and app.include_router(router)"
    ),
    what="""
        Reports a route decorator (`get`, `post`, …, `api_route`, `websocket`) on a name
        assigned `FastAPI(...)` in the same file (or in the enclosing app-factory function).
    """,
    why="""
        Seed 002: endpoints declared on the app are "fine at 3 endpoints, disaster at 30";
        the layering is "schemas → deps → routers → services", with every route on a router
        that `main.py` includes.
    """,
    bad="""
        from fastapi import FastAPI

        from app.schemas import ItemCreate, ItemList, ItemRead

        app = FastAPI()


        @app.get("/items")
        async def list_items() -> ItemList:
            return ItemList(items=[])


        @app.post("/items")
        async def create_item(item: ItemCreate) -> ItemRead:
            return ItemRead(id=1, name=item.name)
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import ItemCreate, ItemList, ItemRead

        router = APIRouter()


        @router.get("/items")
        async def list_items() -> ItemList:
            return ItemList(items=[])


        @router.post("/items")
        async def create_item(item: ItemCreate) -> ItemRead:
            return ItemRead(id=1, name=item.name)
    """,
    not_flagged=(
        "`@app.exception_handler`, `@app.middleware`, `@app.on_event` (not routes).",
        "Tests and scripts (a throwaway app in a test is scaffolding).",
        "`@app.get` where `app` is imported or not visibly a `FastAPI(...)` instance in "
        "this file: it may be an `APIRouter`.",
        "Health/readiness probes (a path, handler or file name with a `health…`, `ready…`, "
        "`live…` or `ping` word): they belong to the app.",
        "An app with one route in all (a worker's status page, a CLI's local OAuth "
        "callback): there is nothing to split into routers.",
        "On an app that includes routers or mounts sub-applications in the same scope (the "
        "API already lives on routers), a GET of the root path `/` or of a catch-all "
        "`{name:path}` (the fallback registered after the routers).",
    ),
    example_path="app/main.py",
)

XFA210 = rule(
    "XFA210",
    "endpoint-calls-endpoint",
    default=True,
    seeds=("004",),
    message=(
        "route handler {caller}() calls route handler {callee}(); extract the shared logic into "
        "a service function and call it from both"
    ),
    what="""
        Reports a call, inside a route handler, of another route handler: one defined in the
        same module, or one of another module of the project (imported by name or through
        its module, `users.read_user(...)`), as the project index knows it.
    """,
    why="""
        Seed 004: "One endpoint calling another endpoint internally. This adds unnecessary
        HTTP overhead (serialization, auth, logging). Extract shared logic into a service
        function instead." A handler's parameters are filled by FastAPI; called directly,
        its `Depends(...)` defaults are not resolved.
    """,
    bad="""
        from fastapi import APIRouter

        from app.schemas import UserRead
        from app.services.user_service import load_user

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: int) -> UserRead:
            return await load_user(user_id)


        @router.get("/me")
        async def read_me() -> UserRead:
            return await read_user(1)
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import UserRead
        from app.services.user_service import load_user

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: int) -> UserRead:
            return await load_user(user_id)


        @router.get("/me")
        async def read_me() -> UserRead:
            return await load_user(1)
    """,
    not_flagged=(
        "Calling shared (non-route) functions.",
        "A handler referring to another without calling it, and a name shadowed by a parameter.",
        "Tests and scripts (a mock server's `POST` alias of its `GET` is scaffolding).",
    ),
    example_path="app/api/routes/users.py",
)

XFA211 = rule(
    "XFA211",
    "raw-sql-in-service",
    default=True,
    seeds=("001",),
    message="raw SQL in a service ({call}); move the query into a repository function and call that",
    what="""
        Reports, in a services file, SQL text that reaches the database: any
        `.exec_driver_sql(...)`; an `.execute(...)` whose first argument is a string
        literal (or f-string) starting with `SELECT`, `INSERT`, `UPDATE`, `DELETE` or
        `WITH`; and a SQLAlchemy/SQLModel `text(...)` clause run by
        `.execute`/`.exec`/`.scalar(s)`/`.stream(_scalars)` — given directly (also with
        `.bindparams()`/`.columns()`, or in `select(M).from_statement(text(...))`) or
        through a name the same function (or the module) binds to it. The `text()`
        call is where it is reported. Only services files are checked, so tests and
        scripts are out of scope.
    """,
    why="""
        Seed 001's layer table: Services do NOT do "direct SQL"; Repositories "Execute
        queries, return models/DTOs". SQL in a service mixes business rules with storage
        details and scatters queries where they cannot be reviewed together.
    """,
    bad="""
        from sqlalchemy import text


        async def count_active_users(db) -> int:
            result = await db.execute(text("SELECT count(*) FROM users WHERE active"))
            return result.scalar_one()
    """,
    good="""
        from app.repositories import user_repository


        async def count_active_users(db) -> int:
            return await user_repository.count_active(db)
    """,
    not_flagged=(
        "Repositories (that is where SQL belongs) and every other layer, tests and scripts included.",
        "`execute()` with a query built by `select()`/`insert()`/… or with a non-SQL string.",
        "`text()` as a fragment of a Core statement or of DDL: `where(text(\"...\"))`, "
        "`order_by(text(\"source\"))`, a column expression, `server_default=text(\"now()\")`, "
        "a helper returning `text(f\"'{value}'::uuid\")` for a server default — the statement "
        "is still built with `select()`, and a default is schema, not a query.",
        "`text()` of a session or transaction setting: `SET LOCAL lock_timeout = '5s'`, "
        "`SET TRANSACTION ...`, `RESET`, `SHOW`, `SAVEPOINT`/`RELEASE`, `BEGIN`/`COMMIT`/"
        "`ROLLBACK` — the service owns its transaction, and these query no data.",
    ),
    example_path="app/services/user_service.py",
)

XFA212 = rule(
    "XFA212",
    "logic-in-main",
    default=False,
    seeds=("004",),
    message="{kind} {name} defined in the app's entry module; {fix}",
    what="""
        Reports, in `main.py` (and `asgi.py`/`wsgi.py`), top-level Pydantic or ORM model
        classes, route handlers, and functions other than the lifespan, the app factory,
        exception handlers, middleware/startup hooks and functions the app setup refers to.
    """,
    why="""
        Seed 004, "main.py Responsibilities (Keep It Thin)": create the app, define the
        lifespan, register routers, add middleware and global exception handlers —
        "Nothing else — no business logic, no model definitions, no utility functions."
    """,
    bad="""
        from fastapi import FastAPI
        from pydantic import BaseModel

        app = FastAPI()


        class Item(BaseModel):
            name: str
    """,
    good="""
        from fastapi import FastAPI

        from app.api.routes import items

        app = FastAPI()
        app.include_router(items.router)
    """,
    not_flagged=(
        "The lifespan (`@asynccontextmanager` or a function named `*lifespan*`), the app "
        "factory (a function that builds or returns a `FastAPI`), exception handlers, "
        "`@app.middleware`/`@app.on_event` hooks, and functions the app setup refers to "
        "(passed to `FastAPI(...)`, `app.add_exception_handler(...)`, assigned to "
        "`app.openapi`).",
        "Launcher functions such as `main()`/`run()` that start the server.",
        "Other classes (middleware classes, enums).",
    ),
    example_path="app/main.py",
)

# -- layers --------------------------------------------------------------------

_LAYER_NAMES = {
    "routes": "route",
    "services": "service",
    "repositories": "repository",
    "models": "models",
    "schemas": "schemas",
}
_LAYER_PLURALS = {"services": "services", "repositories": "repositories"}


def file_layer(ctx: Context) -> str | None:
    """The file's layer for these rules: as ``ctx.layer``, except that a file under a
    services/repositories path that defines route handlers (a domain package called
    ``service``, as in ``dispatch/service/views.py``) or registers them on an app or router
    (``app.add_api_route(path, endpoint)``, the route table of a runtime whose package is
    called ``services/``) is a routes file."""
    return ctx.memo("layering.file_layer", lambda: _file_layer(ctx))


def _file_layer(ctx: Context) -> str | None:
    layer = ctx.layer  # a file-name glob already beats a directory glob there
    if layer in ("services", "repositories") and (ctx.top_level_routes() or _registers_routes(ctx)):
        return "routes"
    return layer


_ROUTE_REGISTRATIONS = frozenset({"add_api_route", "add_api_websocket_route"})


def _registers_routes(ctx: Context) -> bool:
    """The file calls ``<app or router>.add_api_route(...)`` (or the websocket variant)."""
    if ctx.lines is not None and not any("add_api_" in line for line in ctx.lines):
        return False  # the walk below is the cost; most files never name the method
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _ROUTE_REGISTRATIONS
        and ctx.is_router(node.func.value)
        for node in ast.walk(ctx.tree)
    )


def layer_of_path(ctx: Context, path: str) -> str | None:
    """The layer of a project path (``Settings.layer_of`` caches the glob matching)."""
    return ctx.settings.layer_of(path)


def _file_dirs(ctx: Context) -> list[str]:
    """The directories of the file's path (``/a/b/c.py`` -> ``["a", "b"]``)."""
    return ctx.memo(
        "layering.file_dirs", lambda: [p for p in normalize_path(ctx.filename).split("/")[:-1] if p]
    )


def _file_stem(ctx: Context) -> str:
    name = normalize_path(ctx.filename).rsplit("/", 1)[-1]
    return name[:-3] if name.endswith(".py") else name


def _path_layer(ctx: Context, parts: list[str]) -> str | None:
    """The layer of the module ``parts`` (``["app", "services", "user_service"]``), from
    the part of its path that is not shared with the importing file's own directory: a
    ``service/models.py`` importing ``service/enums.py`` learns nothing from the
    ``service`` directory they both sit in, while ``app/api/routes/users.py`` importing
    ``app/repositories/x.py`` sees ``repositories/x.py``."""
    return _path_class(ctx, parts)[0]


def _path_class(ctx: Context, parts: list[str]) -> tuple[str | None, bool]:
    """``(layer, by_directory)`` of the module ``parts`` (see :func:`_path_layer`)."""
    if not parts or any(not p or p in (".", "..") for p in parts):
        return None, False
    rest = parts[_shared_prefix(ctx, parts) :]
    if not rest:
        return None, False
    return ctx.settings.classify("_/" + "/".join(rest) + ".py")


def _module_file_layer(ctx: Context, dotted: str, parts: list[str]) -> tuple[bool, str | None]:
    """``(found, layer)`` of the module ``dotted`` (as imported here; ``parts`` is its path
    from the package the file's path starts at): when the project index finds its file, the
    layer is the path's refined by the file's content (``ctx.module_layer``)."""
    path = ctx.index.module_path(ctx.filename, dotted)
    if path is None:
        return False, None
    if path.replace("\\", "/").endswith("/__init__.py"):
        parts = [*parts, "__init__"]
    path_layer, by_directory = _path_class(ctx, parts)
    return True, ctx.module_layer(path, path_layer, by_directory)


def _join(module: str, name: str) -> str:
    return f"{module}{name}" if module.endswith(".") else f"{module}.{name}"


def _shared_prefix(ctx: Context, parts: list[str]) -> int:
    """How many leading ``parts`` are the file's own directories (aligned where the
    first part occurs in the file's path)."""
    dirs = _file_dirs(ctx)
    best = 0
    for start, name in enumerate(dirs):
        if name != parts[0]:
            continue
        n = 0
        while start + n < len(dirs) and n < len(parts) and dirs[start + n] == parts[n]:
            n += 1
        best = max(best, n)
    return best


def _relative_base(ctx: Context, level: int) -> list[str] | None:
    """The package directory a ``level``-dot relative import starts from."""
    dirs = _file_dirs(ctx)
    if level - 1 > len(dirs):
        return None
    return dirs[: len(dirs) - (level - 1)]


def _is_internal(ctx: Context, module: str) -> bool:
    """An absolute import of the project itself: its top package is a directory of the
    file's path (``app.services.x`` from ``app/api/routes/users.py``)."""
    head = module.split(".", 1)[0]
    return head in _file_dirs(ctx)


def imported_layers(ctx: Context, node: ast.Import | ast.ImportFrom) -> list[tuple[str, str]]:
    """``(layer, module)`` of each project module the import statement brings in, where
    the layer is clear."""
    found: list[tuple[str, str]] = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            if not _is_internal(ctx, alias.name):
                continue
            parts = alias.name.split(".")
            known, layer = _module_file_layer(ctx, alias.name, parts)
            if not known:
                layer = _path_layer(ctx, parts)
            if layer is not None:
                found.append((layer, alias.name))
        return found
    level = node.level or 0
    module = node.module or ""
    if level:
        base = _relative_base(ctx, level)
        if base is None:
            return found
        display = "." * level + module
    else:
        if not module or not _is_internal(ctx, module):
            return found
        base = []
        display = module
    mod_parts = base + (module.split(".") if module else [])
    dotted = "." * level + module
    package_known, package_content = _module_file_layer(ctx, dotted, mod_parts) if mod_parts else (False, None)
    module_layer = _path_layer(ctx, mod_parts) if module else None
    init_layer = _path_layer(ctx, mod_parts + ["__init__"]) if mod_parts else None
    package_layer = package_content if package_known else module_layer or init_layer
    for alias in node.names:
        name = alias.name
        sub_known, sub_layer = (False, None)
        if name != "*" and name == name.lower():
            # a submodule the index finds: its own content decides
            sub_known, sub_layer = _module_file_layer(ctx, _join(dotted, name), mod_parts + [name])
        if sub_known:
            layer = sub_layer
        elif package_known:
            layer = package_layer  # a member of the package's (or module's) file
        elif name == "*":
            layer = package_layer
        else:
            name_layer = _path_layer(ctx, mod_parts + [name]) if name == name.lower() else None
            if package_layer is None:
                # ``from app import crud``: the name is a submodule or subpackage when it
                # reads as one both ways (``crud.py`` and ``crud/__init__.py``); a
                # function such as ``get_service`` does not
                layer = name_layer if name_layer == _path_layer(ctx, mod_parts + [name, "__init__"]) else None
            elif name_layer is None or name_layer == package_layer:
                layer = package_layer
            else:
                layer = None  # the package and the name disagree: unclear
        if layer is not None:
            target = display if name == "*" else (f"{display}.{name}" if not display.endswith(".") else f"{display}{name}")
            found.append((layer, target))
    return found


#: file layer -> imported layers that go against router -> service -> repository -> models
_FORBIDDEN = {
    "repositories": {"services", "routes"},
    "services": {"routes"},
    "routes": {"repositories"},
    "models": {"routes", "services"},
    "schemas": {"routes", "services"},
}

_DIRECTION_FIX = {
    ("repositories", "services"): "a repository must not call services: move the shared code down into the repository or a models/utils module",
    ("repositories", "routes"): "a repository must not depend on the routes: move what it needs into a models/schemas module",
    ("services", "routes"): "a service must not depend on the routes: move what it needs (schemas, helpers) into a schemas or services module",
    ("routes", "repositories"): "call a service function that uses the repository instead",
    ("models", "routes"): "models must not depend on the routes: move the shared code into the models/schemas layer",
    ("models", "services"): "models must not depend on services: move the shared code into the models layer or call the service from the caller",
    ("schemas", "routes"): "schemas must not depend on the routes: move the shared code into the schemas layer",
    ("schemas", "services"): "schemas must not depend on services: move the shared code into the schemas layer",
}

_TARGET_NAMES = {
    "routes": "a routes module",
    "services": "a services module",
    "repositories": "a repository module",
}

# -- XFA201 ---------------------------------------------------------------------


@visitor(ast.Raise, codes=(XFA201,))
def http_exception_in_service(node: ast.Raise, ctx: Context) -> None:
    exc = node.exc
    if exc is None:
        return
    called = isinstance(exc, ast.Call)
    target = exc.func if isinstance(exc, ast.Call) else exc
    if not isinstance(target, (ast.Name, ast.Attribute)):
        return
    layer = file_layer(ctx)
    if layer not in ("services", "repositories"):
        return
    what = _http_exception(target, called, ctx)
    if what is None:
        return
    frame = ctx.function
    if frame is not None and _is_dependency_function(frame.node, ctx):
        return
    ctx.frames[0].data["layering.raised_http"] = True
    ctx.report(node, XFA201, what=what, layer=_LAYER_NAMES[layer])


def _http_exception(target: ast.Name | ast.Attribute, called: bool, ctx: Context) -> str | None:
    """What the raised ``target`` is when it is FastAPI's/Starlette's ``HTTPException``, a
    project subclass of it, or (raised by name, not called) a module-level instance of
    either; ``None`` otherwise or when it cannot be followed."""
    if ctx.resolve(target) in HTTP_EXCEPTIONS and ctx.imported_from(target, "fastapi", "starlette"):
        return "HTTPException"
    sym = ctx.symbol(target)
    if sym is None:
        return None
    if sym.kind == "external":  # re-exported by a project module
        return "HTTPException" if sym.qualname in HTTP_EXCEPTIONS else None
    if sym.kind == "class":
        if ctx.index.external_ancestors(sym) & HTTP_EXCEPTIONS:
            return f"HTTPException subclass {sym.name}"
        return None
    if sym.kind == "value" and not called and sym.path is not None:
        desc = sym.info or {}
        if desc.get("k") != "call" or not desc.get("f"):
            return None
        cls = ctx.index.lookup(sym.path, desc["f"])
        if cls is None:
            return None
        if cls.kind == "external" and cls.qualname in HTTP_EXCEPTIONS:
            return f"HTTPException instance {short_source(target)}"
        if cls.kind == "class" and ctx.index.external_ancestors(cls) & HTTP_EXCEPTIONS:
            return f"HTTPException instance {short_source(target)}"
    return None


def _is_dependency_function(fn: ast.AST, ctx: Context) -> bool:
    """A FastAPI dependency: it takes ``Depends(...)`` parameters (also through an
    ``Annotated`` alias of another module), or it is passed to ``Depends(...)`` somewhere
    in the file."""
    if not isinstance(fn, FUNCTION_TYPES):
        return False
    if ctx.takes_dependencies(fn):
        return True
    return fn.name in ctx.memo("layering.depends_targets", lambda: _depends_targets(ctx))


def _depends_targets(ctx: Context) -> frozenset[str]:
    """Functions of the file passed to ``Depends(...)`` or to ``add_exception_handler``."""
    names = set()
    for node in ast.walk(ctx.tree):
        if not isinstance(node, ast.Call):
            continue
        target = ctx.depends_target(node)
        if isinstance(target, ast.Name):
            names.add(target.id)
        elif (  # functions passed to another app hook: exception handlers
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "add_exception_handler"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Name)
        ):
            names.add(node.args[1].id)
    return frozenset(names)


# -- imports: XFA202, XFA206, XFA207, XFA208 -------------------------------------------


@visitor(ast.Import, ast.ImportFrom, codes=(XFA202, XFA206, XFA207, XFA208))
def layered_imports(node: ast.Import | ast.ImportFrom, ctx: Context) -> None:
    if ctx.in_type_checking:
        return
    if isinstance(node, ast.ImportFrom):
        _app_import_from(node, ctx)  # any module but the entry points, whatever its layer
    layer = file_layer(ctx)
    if layer is None or layer in ("tests", "scripts"):
        return
    if layer in ("services", "repositories") and ctx.wants(XFA202):
        _framework_import(node, ctx, layer)
    if layer in _FORBIDDEN and ctx.wants(XFA206):
        for target_layer, module in imported_layers(ctx, node):
            if target_layer in _FORBIDDEN[layer]:
                ctx.report(
                    node,
                    XFA206,
                    layer=_LAYER_NAMES[layer],
                    target=_TARGET_NAMES[target_layer],
                    module=module,
                    fix=_DIRECTION_FIX[(layer, target_layer)],
                )
                break
    if isinstance(node, ast.ImportFrom) and (node.level or 0) >= 2:
        _cross_domain(node, ctx)


def _framework_import(node: ast.Import | ast.ImportFrom, ctx: Context, layer: str) -> None:
    if isinstance(node, ast.ImportFrom):
        if node.level or not node.module:
            return
        modules = [node.module]
    else:
        modules = [alias.name for alias in node.names]
    for module in modules:
        head = module.split(".", 1)[0]
        if head in ("fastapi", "starlette"):
            covered = _covered_uses(node, ctx)
            if covered == "providers":
                return
            if ctx.wants(XFA201) and (
                covered == "raises"
                or (isinstance(node, ast.ImportFrom) and all(a.name == "HTTPException" for a in node.names))
            ):
                # reported at the end of the file unless XFA201 reports its raises
                ctx.frames[0].data.setdefault("layering.http_imports", []).append((node, module))
                return
            ctx.report(node, XFA202, layer=_LAYER_NAMES[layer], layers=_LAYER_PLURALS[layer], module=module)
            return


def _bound_names(node: ast.Import | ast.ImportFrom) -> set[str]:
    """The names an import statement binds (``import fastapi.responses`` binds ``fastapi``)."""
    if isinstance(node, ast.ImportFrom):
        return {a.asname or a.name for a in node.names if a.name != "*"}
    return {a.asname or a.name.split(".", 1)[0] for a in node.names}


def _covered_uses(node: ast.Import | ast.ImportFrom, ctx: Context) -> str | None:
    """Where the names ``node`` imports are used, when no use is the service's own code:
    ``"providers"`` when every use is inside a dependency provider of the file
    (:func:`_is_provider`; the module only hosts the DI glue that builds the service, an
    ``inject(self, state, request: Request | None = None)`` that yields it);
    ``"raises"`` when every use is inside a provider or in the exception of a raise that
    XFA201 reports (``status`` in ``raise HTTPException(status.HTTP_404_NOT_FOUND)``, a
    ``Depends`` of the provider next to it): that is XFA201's problem, one finding is
    enough. ``None`` when a name is used elsewhere, or not at all."""
    names = _bound_names(node)
    if not names or any(isinstance(a, ast.alias) and a.name == "*" for a in node.names):
        return None
    inside, raised, outside = ctx.memo("layering.name_uses", lambda: _name_uses(ctx))
    if any(outside.get(n, 0) or not (inside.get(n, 0) or raised.get(n, 0)) for n in names):
        return None
    return "raises" if any(raised.get(n, 0) for n in names) else "providers"


def _name_uses(ctx: Context) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """How often each name is loaded inside dependency providers, in the exception of a
    raise XFA201 reports (outside providers), and elsewhere (a string in an annotation
    counts, outside providers, for every identifier it contains)."""
    inside: dict[str, int] = {}
    raised: dict[str, int] = {}
    outside: dict[str, int] = {}
    word = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
    annotations = []
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.arg) or isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
        elif isinstance(node, FUNCTION_TYPES):
            annotations.append(node.returns)
    strings = {
        id(sub)
        for annotation in annotations
        if annotation is not None
        for sub in ast.walk(annotation)
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str)
    }

    def visit(node: ast.AST, where: dict[str, int]) -> None:
        if isinstance(node, FUNCTION_TYPES) and where is not inside and _is_provider(node, ctx):
            where = inside
        elif isinstance(node, ast.Raise) and where is outside and _raises_http(node, ctx):
            for child in ast.walk(node.exc):  # the cause (``from exc``) stays the code's own
                if isinstance(child, ast.Name) and not isinstance(child.ctx, ast.Store):
                    raised[child.id] = raised.get(child.id, 0) + 1
            if node.cause is not None:
                visit(node.cause, where)
            return
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Store):
            where[node.id] = where.get(node.id, 0) + 1
        elif id(node) in strings and where is not inside:
            for name in set(word.findall(node.value)):
                outside[name] = outside.get(name, 0) + 1
        for child in ast.iter_child_nodes(node):
            visit(child, where)

    visit(ctx.tree, outside)
    return inside, raised, outside


def _raises_http(node: ast.Raise, ctx: Context) -> bool:
    """XFA201 reports this raise (outside dependency providers, which the caller skips):
    its exception is FastAPI's/Starlette's ``HTTPException``, a project subclass or a
    module-level instance (:func:`_http_exception`)."""
    exc = node.exc
    if exc is None:
        return False
    target = exc.func if isinstance(exc, ast.Call) else exc
    if not isinstance(target, (ast.Name, ast.Attribute)):
        return False
    return _http_exception(target, isinstance(exc, ast.Call), ctx) is not None


def _is_provider(fn: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> bool:
    """A dependency provider: a FastAPI dependency (:func:`_is_dependency_function`), or a
    generator that yields its resource once (no ``yield`` in a loop, but for a loop that
    only passes on another generator's items, ``async for x in gen: yield x``), the shape of
    a ``yield`` dependency. A generator that streams (yields in a loop) is not one, nor is
    a constructor taking ``Depends(...)`` (the service class itself is then FastAPI-wired)."""
    if fn.name == "__init__":
        return False
    if _is_dependency_function(fn, ctx):
        return True
    found = False
    stack: list[tuple[ast.AST, bool]] = [(stmt, False) for stmt in fn.body]
    while stack:
        node, in_loop = stack.pop()
        if isinstance(node, (*FUNCTION_TYPES, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            if in_loop:
                return False
            found = True
        loop = isinstance(node, (ast.For, ast.AsyncFor, ast.While)) and not _delegates(node)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            loop = True
        for child in ast.iter_child_nodes(node):
            stack.append((child, in_loop or loop))
    return found


def _delegates(loop: ast.For | ast.AsyncFor | ast.While) -> bool:
    """``for x in gen: yield x``: the loop re-yields another generator's items."""
    if not isinstance(loop, (ast.For, ast.AsyncFor)) or loop.orelse or len(loop.body) != 1:
        return False
    stmt = loop.body[0]
    return (
        isinstance(loop.target, ast.Name)
        and isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Yield)
        and isinstance(stmt.value.value, ast.Name)
        and stmt.value.value.id == loop.target.id
    )


@visitor(ast.Module, leave=True, codes=(XFA202,))
def http_exception_only_imports(node: ast.Module, ctx: Context) -> None:
    """``from fastapi import HTTPException`` in a service is one problem, not two: when
    XFA201 reported the raises, the import is not reported again."""
    data = ctx.frames[0].data
    pending = data.get("layering.http_imports")
    if not pending or data.get("layering.raised_http"):
        return
    layer = file_layer(ctx)
    for stmt, module in pending:
        ctx.report(
            stmt,
            XFA202,
            layer=_LAYER_NAMES.get(layer or "", "service"),
            layers=_LAYER_PLURALS.get(layer or "", "services"),
            module=module,
        )


#: module names of a domain package (seed 004's ``src/<domain>/`` layout)
_DOMAIN_MODULES = frozenset(
    {
        "router", "routes", "views", "controller", "service", "services", "repository",
        "crud", "models", "schemas", "dependencies", "constants", "exceptions", "config",
        "utils", "enums",
    }
)
#: directories that hold shared code or one layer, not a domain
_NOT_DOMAINS = frozenset(
    {
        "core", "common", "shared", "lib", "libs", "utils", "util", "helpers", "db",
        "database", "infra", "infrastructure", "config", "settings", "base", "internal",
        "api", "app", "src", "models", "schemas", "services", "service", "repositories",
        "repository", "crud", "routers", "routes", "router", "endpoints", "exceptions",
        "middleware", "middlewares", "dependencies", "deps", "tests", "test", "scripts",
        "web", "server", "backend", "domain", "domains", "modules", "features", "apps",
        "views", "controllers", "handlers", "adapters", "integrations", "plugins", "v1", "v2",
    }
)


def _cross_domain(node: ast.ImportFrom, ctx: Context) -> None:
    dirs = _file_dirs(ctx)
    if not dirs or _file_stem(ctx) not in _DOMAIN_MODULES:
        return
    domain = dirs[-1]
    if domain in _NOT_DOMAINS or not domain.isidentifier():
        return
    level = node.level or 0
    if level - 1 > len(dirs) - 1:
        return
    below = dirs[len(dirs) - (level - 1):]  # the packages climbed out of (domain included)
    module_parts = node.module.split(".") if node.module else []
    if not module_parts:
        # ``from .. import users``: the names are the sibling packages; unclear what they hold
        return
    other = module_parts[0]
    if other in below or other in _NOT_DOMAINS or other in _DOMAIN_MODULES:
        return
    if len(module_parts) >= 2:
        clear = module_parts[1] in _DOMAIN_MODULES
        name = module_parts[1] if clear else None
    else:
        names = [a.name for a in node.names]
        clear = bool(names) and all(n in _DOMAIN_MODULES for n in names)
        name = names[0] if clear else None
    if not clear or name is None:
        return
    climbed = dirs[: len(dirs) - (level - 1)]
    absolute = ".".join([*climbed[-1:], other]) if climbed else other
    ctx.report(node, XFA207, domain=domain, other=other, absolute=absolute, name=name)


#: entry modules that may import the app
_ENTRY_MODULES = frozenset(
    {"main", "asgi", "wsgi", "__main__", "run", "server", "serve", "handler", "lambda_function", "lambda_handler", "conftest"}
)


def _app_import_allowed(ctx: Context) -> bool:
    return ctx.memo(
        "layering.app_import_allowed",
        lambda: ctx.is_test
        or ctx.is_script
        or ctx.path_layer == "main"
        or _file_stem(ctx) in _ENTRY_MODULES
        or _runs_as_script(ctx),
    )


def _runs_as_script(ctx: Context) -> bool:
    """The module has a top-level ``if __name__ == "__main__":`` block: it is run, not
    imported (a launcher, an OpenAPI export)."""
    body = getattr(ctx.tree, "body", [])
    return any(isinstance(stmt, ast.If) and is_main_test(stmt.test) for stmt in body)


def _app_import_from(node: ast.ImportFrom, ctx: Context) -> None:
    module = node.module or ""
    if module.rsplit(".", 1)[-1] != "main" or not any(a.name == "app" for a in node.names):
        return
    if not node.level and module.split(".", 1)[0] in _THIRD_PARTY_MAINS:
        return
    if _app_import_allowed(ctx) or _reexports_own_main(node, ctx) or _sub_app_below(module, node.level or 0, ctx):
        return
    ctx.report(node, XFA208, module="." * (node.level or 0) + module)


def _sub_app_below(module: str, level: int, ctx: Context) -> bool:
    """The ``main`` module imported lives in a subpackage of the importing file's own
    package (``plugins/__init__.py`` importing ``plugins.echo.main``'s ``app``, ``from
    .echo.main import app``): a sub-application the package collects to be mounted, not the
    app that serves the importer — the app module is below the importer, so the importer
    does not sit under the app's routers and no cycle closes through it."""
    parts = [p for p in module.split(".") if p]
    package = parts[:-1]  # without ``main``
    if level:
        # ``from .echo.main import app``: ``echo`` is a subpackage of the importer's directory
        below = level == 1 and len(package) >= 1
    else:
        dirs = _file_dirs(ctx)
        below = any(dirs[-k:] == package[:k] for k in range(min(len(dirs), len(package) - 1), 0, -1))
    return below and not _imports_project(module, level, ctx)


def _imports_project(module: str, level: int, ctx: Context) -> bool:
    """The module ``module`` (as the importing file names it), when the project index finds
    it, imports a module of the project at its top level: it may import the importer back.
    Unknown (no index, not found) is ``False``: the path said enough."""
    index = ctx.index
    path = index.module_path(ctx.filename, "." * level + module) if index is not None else None
    summary = index.summary(path) if path is not None else None
    if not summary:
        return False
    path_dirs = normalize_path(path).split("/")[:-1]
    for qualname in summary.get("imports", {}).values():
        if index.root is None and not qualname.startswith(".") and qualname.split(".", 1)[0] in path_dirs:
            return True  # no project root to search from: ``app.core`` imported by ``app/…``
        parent = qualname.rsplit(".", 1)[0] if "." in qualname.lstrip(".") else qualname
        for candidate in {qualname, parent}:
            if candidate.strip(".") == "" and candidate:
                return True  # ``from . import x``: its own package
            if candidate and index.module_path(path, candidate) is not None:
                return True
    return False


def _reexports_own_main(node: ast.ImportFrom, ctx: Context) -> bool:
    """A package's ``__init__.py`` importing the app of its own ``main`` module (``from
    .main import app`` in ``app/__init__.py``, so that ``uvicorn app:app`` works)."""
    if _file_stem(ctx) != "__init__":
        return False
    module = node.module or ""
    if node.level:
        return node.level == 1 and module == "main"
    package = module.split(".")[:-1]
    dirs = _file_dirs(ctx)
    return bool(package) and dirs[-len(package):] == package


_THIRD_PARTY_MAINS = frozenset({"uvicorn", "typer", "click", "fastapi", "fastapi_cli", "gunicorn", "pip", "celery"})


@visitor(ast.Attribute, codes=(XFA208,))
def app_attribute_of_main(node: ast.Attribute, ctx: Context) -> None:
    if node.attr != "app":
        return
    value = node.value
    head = value
    while isinstance(head, ast.Attribute):
        head = head.value
    if not isinstance(head, ast.Name) or head.id not in ctx.imports:
        return
    dotted = ctx.resolve(value)
    if dotted is None or dotted.rsplit(".", 1)[-1] != "main":
        return
    if dotted.lstrip(".").split(".", 1)[0] in _THIRD_PARTY_MAINS:
        return
    if ctx.in_type_checking or _app_import_allowed(ctx):
        return
    stripped = dotted.lstrip(".")
    if _sub_app_below(stripped, len(dotted) - len(stripped), ctx):
        return
    ctx.report(node, XFA208, module=dotted)


# -- calls: XFA203, XFA204, XFA205, XFA210, XFA211 ------------------------------------

_SESSION_METHODS = frozenset(
    {"execute", "exec", "scalar", "scalars", "get", "add", "add_all", "delete", "commit", "flush", "refresh", "query", "merge"}
)
_QUERY_BUILDERS = frozenset({"select", "insert", "update", "delete", "text"})
_SQL_MODULES = ("sqlalchemy", "sqlmodel")
_SQL_START = lazy_re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", re.IGNORECASE)
_PROBE_WORD = lazy_re.compile(r"(?:^|[^a-z])(health|ready|readiness|live|liveness|alive|ping)", re.IGNORECASE)


@visitor(ast.Call, codes=(XFA203, XFA204, XFA205, XFA210, XFA211))
def layered_calls(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if func.__class__ is ast.Attribute:
        attr = func.attr
        if attr in _SESSION_METHODS:
            route = ctx.route
            if (
                route is not None
                and ctx.is_session(func.value)
                and not _is_probe(route, ctx)
                and not (attr in _UNIT_OF_WORK and _closes_delegated_work(route.node, func.value, ctx))
            ):
                ctx.report(node, XFA203, name=route.node.name, call=f"{short_source(func.value)}.{attr}()")
            if attr == "commit":
                _commit(node, func, ctx)
        elif attr == "exec_driver_sql":
            if file_layer(ctx) == "services":
                ctx.report(node, XFA211, call=f"{short_source(func.value)}.exec_driver_sql()")
        if attr in _SQL_EXECUTORS:
            _raw_sql_execute(node, attr, ctx)
        if attr in _QUERY_BUILDERS:  # ``sa.select(...)``, ``sqlalchemy.delete(...)``
            _query_builder(node, ctx)
        if ctx.route is not None and ctx.wants(XFA210):
            _imported_endpoint_call(node, ctx)  # ``users.read_user(...)``
    elif func.__class__ is ast.Name:
        name = func.id
        if name in ctx.imports:
            _query_builder(node, ctx)
            if ctx.route is not None and ctx.wants(XFA210):
                _imported_endpoint_call(node, ctx)
        elif name in ctx.functions:
            _endpoint_call(node, name, ctx)


#: session calls that end the request's unit of work rather than do database work
_UNIT_OF_WORK = frozenset({"commit"})


def _closes_delegated_work(handler: ast.AST, session: ast.expr, ctx: Context) -> bool:
    """The handler hands its session ``session`` (a name) to other functions (a service,
    ``PodcastService(session).regenerate(...)``), makes no database call of its own but
    ``commit()`` and changes no object itself (no ``obj.attr = ...``): it owns the
    transaction of the work it delegated (seed 000's "the route handler owns the
    transaction"; XFA205 stays off for the services that do not commit), it does not access
    the database itself. A ``refresh()`` (a load) or a change made in the handler and
    committed there is its own database work."""
    if not isinstance(session, ast.Name):
        return False
    key = ("layering.delegates", id(handler), session.id)
    data = ctx.frames[0].data
    found = data.get(key)
    if found is None:
        found = data[key] = _delegates_only(handler, session.id, ctx)
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


def _is_probe(route: RouteInfo, ctx: Context) -> bool:
    if route.path and _PROBE_WORD.search(route.path):
        return True
    if _PROBE_WORD.search(route.node.name):
        return True
    return bool(_PROBE_WORD.search(_file_stem(ctx)))


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


def _commit(node: ast.Call, func: ast.Attribute, ctx: Context) -> None:
    layer = file_layer(ctx)
    if layer == "repositories":
        if (
            ctx.is_session(func.value)
            and not ctx.in_main_block
            and not _owns_session(func.value, ctx)
            and not _callers_own_session(func.value, ctx)
        ):
            ctx.report(node, XFA204, call=f"{short_source(func.value)}.commit()")
    elif layer == "services" and ctx.wants(XFA205):
        if ctx.is_session(func.value) and not _owns_session(func.value, ctx):
            ctx.report(node, XFA205, call=f"{short_source(func.value)}.commit()")


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


#: session/connection methods that run a statement (XFA211)
_SQL_EXECUTORS = frozenset({"execute", "exec", "scalar", "scalars", "stream", "stream_scalars"})
#: methods of a ``TextClause`` that return the clause itself (``text(...).bindparams(...)``)
_TEXT_CLAUSE_METHODS = frozenset({"bindparams", "columns", "params", "execution_options"})


def _raw_sql_execute(node: ast.Call, attr: str, ctx: Context) -> None:
    """XFA211: SQL text that reaches ``execute``/``exec``/``scalar(s)`` in a services file:
    a string literal starting with ``SELECT``/``INSERT``/…, or a ``text(...)`` clause given
    directly, through ``select(...).from_statement(text(...))``, or through a name this
    function (or the module) binds to ``text(...)``.  A ``text()`` used as a fragment of a
    Core statement (``where(text(...))``, ``order_by(text(...))``) or a DDL default
    (``server_default=text("now()")``) is not a raw query and never reaches here."""
    if not node.args or file_layer(ctx) != "services":
        return
    first = node.args[0]
    if attr == "execute":
        text = _sql_literal_head(first)
        if text is not None and _SQL_START.match(text):
            ctx.report(node, XFA211, call=f"{short_source(node.func)}(\"{text.strip().split()[0].upper()} ...\")")
            return
    for clause in _raw_text_clauses(first, ctx):
        if _session_control(clause):
            continue
        reported = ctx.frames[0].data.setdefault("layering.xfa211.reported", set())
        if id(clause) not in reported:
            reported.add(id(clause))
            ctx.report(clause, XFA211, call="text()")


#: statements that set up the session or transaction rather than query data
_SESSION_CONTROL = lazy_re.compile(
    r"\s*(SET|RESET|SHOW|SAVEPOINT|RELEASE|BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK)\b", re.IGNORECASE
)


def _session_control(clause: ast.Call) -> bool:
    """``text("SET LOCAL lock_timeout = '5s'")``: a setting of the transaction the service
    owns, no query (as the plain-string check, which only counts SELECT/INSERT/…)."""
    head = _sql_literal_head(clause.args[0]) if clause.args else None
    return head is not None and bool(_SESSION_CONTROL.match(head))


def _sql_literal_head(first: ast.expr) -> str | None:
    """The leading literal text of a string, f-string or ``"..." + x`` argument."""
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    if isinstance(first, ast.JoinedStr) and first.values:
        head = first.values[0]
        if isinstance(head, ast.Constant) and isinstance(head.value, str):
            return head.value
    elif isinstance(first, ast.BinOp) and isinstance(first.op, ast.Add):
        left = first.left
        while isinstance(left, ast.BinOp) and isinstance(left.op, ast.Add):
            left = left.left
        if isinstance(left, ast.Constant) and isinstance(left.value, str):
            return left.value
    return None


def _text_clause(expr: ast.expr, ctx: Context) -> ast.Call | None:
    """The ``text(...)`` call (from sqlalchemy/sqlmodel) at the root of ``expr``:
    ``text(...)``, ``text(...).bindparams(...)``, ``select(M).from_statement(text(...))``."""
    node = expr
    for _ in range(12):
        if not isinstance(node, ast.Call):
            return None
        func = node.func
        if isinstance(func, ast.Attribute):
            if func.attr == "from_statement" and node.args:
                node = node.args[0]
                continue
            if func.attr in _TEXT_CLAUSE_METHODS:
                node = func.value
                continue
        name = ctx.call_name(node)
        if (
            name is not None
            and name.rsplit(".", 1)[-1] == "text"
            and name.split(".", 1)[0] in _SQL_MODULES
            and ctx.imported_from(func, *_SQL_MODULES)
        ):
            return node
        return None
    return None


def _raw_text_clauses(first: ast.expr, ctx: Context) -> list[ast.Call]:
    clause = _text_clause(first, ctx)
    if clause is not None:
        return [clause]
    if not isinstance(first, ast.Name):
        return []
    name = first.id
    frame = ctx.function
    for f in reversed(ctx.frames):
        if f.kind == "class":
            break
        if name in f.params:
            return []
        if f.kind == "function":
            bound = f.data.get("layering.xfa211.bindings")
            if bound is None:
                bound = f.data["layering.xfa211.bindings"] = _local_bindings(f.node)
            if name in bound:
                return [c for c in (_text_clause(v, ctx) for v in bound[name]) if c is not None]
    if frame is None and ctx.frame.kind != "module":
        return []
    value = ctx.assignments.get(name)
    clause = _text_clause(value, ctx) if value is not None else None
    return [clause] if clause is not None else []


def _local_bindings(fn: ast.AST) -> dict[str, list[ast.expr]]:
    """Every ``name = value`` of a function's own body (nested scopes left out); a name
    bound any other way (``for``, ``with``, augmented assignment) maps to no value."""
    out: dict[str, list[ast.expr]] = {}
    stack = list(getattr(fn, "body", ()))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    out.setdefault(target.id, []).append(node.value)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            out.setdefault(node.id, [])
        stack.extend(ast.iter_child_nodes(node))
    return out


def _imported_endpoint_call(node: ast.Call, ctx: Context) -> None:
    """A route handler calling a route handler of another module of the project."""
    func = node.func
    head = func
    while isinstance(head, ast.Attribute):
        head = head.value
    if not isinstance(head, ast.Name):
        return
    binding = ctx.lookup(head.id)
    if binding is None or binding.kind != "import":
        return
    if not _endpoint_calls_checked(ctx):
        return
    sym = ctx.symbol(func)
    if sym is None or sym.kind != "function" or not (sym.info or {}).get("route"):
        return
    if sym.path == _own_path(ctx):
        return  # this module's handlers: see _endpoint_call
    route = ctx.route
    assert route is not None
    ctx.report(node, XFA210, caller=route.node.name, callee=short_source(func))


def _endpoint_calls_checked(ctx: Context) -> bool:
    """XFA210 leaves tests and scripts out: a mock server's ``POST`` alias of its ``GET``
    is scaffolding (as XFA209 leaves their apps)."""
    return not (ctx.is_test or ctx.is_script)


def _own_path(ctx: Context) -> str:
    return ctx.memo("layering.own_path", lambda: os.path.abspath(ctx.filename))


def _endpoint_call(node: ast.Call, name: str, ctx: Context) -> None:
    route = ctx.route
    if route is None or not _endpoint_calls_checked(ctx):
        return
    target = ctx.functions[name]
    if target is route.node or not ctx.routes_of(target):
        return
    for frame in ctx.frames[1:]:
        if name in frame.params:
            return
    ctx.report(node, XFA210, caller=route.node.name, callee=name)


# -- XFA209 ---------------------------------------------------------------------------

_FASTAPI = frozenset({"fastapi.FastAPI", "fastapi.applications.FastAPI"})


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA209,))
def route_on_app(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if not node.decorator_list or ctx.is_test or ctx.is_script:
        return
    for decorator in node.decorator_list:
        if not (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr in ROUTE_DECORATORS
            and isinstance(decorator.func.value, ast.Name)
        ):
            continue
        target = decorator.func.value.id
        scope = _fastapi_instance_scope(target, ctx)
        if scope is None:
            continue
        if _is_probe_route(node, decorator, ctx):
            continue  # a health/readiness probe belongs to the app, routers or not
        if _app_level_route(node, decorator, ctx) and _composes(scope, target, ctx):
            continue
        if _route_count(scope, target, ctx) == 1:
            continue  # a one-endpoint app (a CLI's OAuth callback, a worker's status page)
        ctx.report(decorator, XFA209, decorator=f"@{target}.{decorator.func.attr}")


def _is_probe_route(fn: ast.FunctionDef | ast.AsyncFunctionDef, decorator: ast.Call, ctx: Context) -> bool:
    """A health/readiness probe, as :func:`_is_probe` knows them (the app may be called
    anything: ``worker = FastAPI()``)."""
    path = decorator.args[0] if decorator.args else next((k.value for k in decorator.keywords if k.arg == "path"), None)
    if isinstance(path, ast.Constant) and isinstance(path.value, str) and _PROBE_WORD.search(path.value):
        return True
    return bool(_PROBE_WORD.search(fn.name) or _PROBE_WORD.search(_file_stem(ctx)))


def _route_count(scope: ast.AST, name: str, ctx: Context) -> int:
    """How many routes ``scope`` registers on the app ``name``: route decorators and
    ``add_api_route``/``add_route`` calls (nested scopes included: an app factory's
    closures)."""
    key = ("layering.route_count", id(scope), name)
    data = ctx.frames[0].data
    if key not in data:
        data[key] = _count_routes(scope, name)
    return data[key]


def _count_routes(scope: ast.AST, name: str) -> int:
    count = 0
    for node in ast.walk(scope):
        if isinstance(node, FUNCTION_TYPES):
            for d in node.decorator_list:
                f = d.func if isinstance(d, ast.Call) else d
                if (
                    isinstance(f, ast.Attribute)
                    and f.attr in ROUTE_DECORATORS
                    and isinstance(f.value, ast.Name)
                    and f.value.id == name
                ):
                    count += 1
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in (*_ROUTE_REGISTRATIONS, "add_route", "add_websocket_route")
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
        ):
            count += 1
    return count


def _is_fastapi_instance(name: str, ctx: Context) -> bool:
    return _fastapi_instance_scope(name, ctx) is not None


def _fastapi_instance_scope(name: str, ctx: Context) -> ast.AST | None:
    """The scope (the app factory's function, or the module) where ``name`` is assigned
    ``FastAPI(...)``; ``None`` when it is not visibly an app."""
    # the enclosing function (an app factory) first: a local name hides the module's
    frame = ctx.function
    if frame is not None:
        local = _local_assignments(frame, ctx).get(name)
        if local is not None:
            return frame.node if local else None
        if name in frame.params:
            return None
    value = ctx.assignments.get(name)
    if isinstance(value, ast.Call) and ctx.resolve(value.func) in _FASTAPI and ctx.imported_from(value.func, "fastapi"):
        return ctx.tree
    return None


_COMPOSING = frozenset({"include_router", "mount"})


def _composes(scope: ast.AST, name: str, ctx: Context) -> bool:
    """The app ``name`` includes routers or mounts sub-applications in ``scope``: the API
    lives on routers already, the app is the composition root."""
    key = ("layering.composes", id(scope), name)
    found = ctx.frames[0].data.get(key)
    if found is None:
        found = ctx.frames[0].data[key] = any(
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _COMPOSING
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
            for node in ast.walk(scope)
        )
    return found


def _app_level_route(fn: ast.FunctionDef | ast.AsyncFunctionDef, decorator: ast.Call, ctx: Context) -> bool:
    """A route that belongs to the app rather than to a router: a health/readiness probe
    (as XFA203 knows them), or a GET of the root path ``/`` or of a catch-all (a
    ``{name:path}`` parameter: the fallback registered after the routers)."""
    route = next((r for r in ctx.routes_of(fn) if r.decorator is decorator), None)
    if route is None:
        return False
    if _is_probe(route, ctx):
        return True
    if not route.methods or not set(route.methods) <= {"GET", "HEAD"}:
        return False  # a form posted to "/" is the API's
    path = decorator.args[0] if decorator.args else next((k.value for k in decorator.keywords if k.arg == "path"), None)
    if path is None:
        return False
    if isinstance(path, ast.Constant) and path.value == "/":
        return True
    return any(
        isinstance(sub, ast.Constant) and isinstance(sub.value, str) and ":path}" in sub.value for sub in ast.walk(path)
    )


def _local_assignments(frame, ctx: Context) -> dict[str, bool]:
    found = frame.data.get("layering.local_apps")
    if found is None:
        found = {}
        for node in ast.walk(frame.node):
            if isinstance(node, ast.Assign):
                targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
                value = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                targets = [node.target.id]
                value = node.value
            else:
                continue
            is_app = isinstance(value, ast.Call) and ctx.resolve(value.func) in _FASTAPI
            for t in targets:
                found[t] = found.get(t, False) or is_app
        frame.data["layering.local_apps"] = found
    return found


# -- XFA212 ---------------------------------------------------------------------------

_LAUNCHERS = frozenset({"main", "run", "start", "serve", "cli", "run_server", "start_server"})
_HOOK_DECORATORS = frozenset({"exception_handler", "middleware", "on_event"})
_CONTEXT_MANAGERS = frozenset({"contextlib.asynccontextmanager", "contextlib.contextmanager"})


@visitor(ast.Module, codes=(XFA212,))
def logic_in_main(node: ast.Module, ctx: Context) -> None:
    if ctx.path_layer != "main":
        return
    wired = set(_wired_names(node))
    for stmt in node.body:  # what the app factory and the lifespan refer to is wiring too
        if isinstance(stmt, FUNCTION_TYPES) and not ctx.routes_of(stmt) and _builds_app(stmt, ctx):
            wired.update(_loaded_names(stmt))
    for stmt in node.body:
        if isinstance(stmt, ast.ClassDef):
            kind = _model_kind(stmt, ctx)
            if kind:
                ctx.report(
                    stmt, XFA212, kind=kind, name=stmt.name,
                    fix="move it to the models/schemas module of its domain and import it",
                )
        elif isinstance(stmt, FUNCTION_TYPES):
            if ctx.routes_of(stmt):
                ctx.report(
                    stmt, XFA212, kind="route handler", name=f"{stmt.name}()",
                    fix="move it to an APIRouter in a routes module and app.include_router() it",
                )
            elif not _allowed_in_main(stmt, ctx, wired):
                ctx.report(
                    stmt, XFA212, kind="helper function", name=f"{stmt.name}()",
                    fix="move it to a service or utils module; main.py only builds the app",
                )


def _model_kind(cls: ast.ClassDef, ctx: Context) -> str | None:
    if ctx.is_model_class(ast.Name(id=cls.name)):
        return "Pydantic model"
    for stmt in cls.body:
        targets: list[ast.expr] = []
        if isinstance(stmt, ast.Assign):
            targets = stmt.targets
        elif isinstance(stmt, ast.AnnAssign):
            targets = [stmt.target]
        if any(isinstance(t, ast.Name) and t.id == "__tablename__" for t in targets):
            return "ORM model"
    for base in cls.bases:
        qualname = ctx.resolve(base) or ""
        if qualname.startswith("sqlalchemy.") and qualname.endswith(("DeclarativeBase", "DeclarativeBaseNoMeta")):
            return "ORM model"
    return None


def _loaded_names(node: ast.AST) -> set[str]:
    return {sub.id for sub in ast.walk(node) if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load)}


def _wired_names(module: ast.Module) -> frozenset[str]:
    """Names the module-level code refers to (app setup: ``FastAPI(lifespan=...)``,
    ``app.add_exception_handler(E, handler)``, ``app.openapi = custom_openapi``)."""
    names = set()
    for stmt in module.body:
        if isinstance(stmt, (*FUNCTION_TYPES, ast.ClassDef)):
            continue
        for sub in ast.walk(stmt):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
                names.add(sub.id)
    return frozenset(names)


def _allowed_in_main(fn: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context, wired: frozenset[str] | set[str]) -> bool:
    name = fn.name
    lowered = name.lower()
    if name in wired or lowered in _LAUNCHERS or "lifespan" in lowered:
        return True
    for decorator in fn.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in _HOOK_DECORATORS:
            return True
        if ctx.resolve(target) in _CONTEXT_MANAGERS:
            return True
    return _builds_app(fn, ctx) or lowered.endswith(("exception_handler", "error_handler"))


def _builds_app(fn: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> bool:
    """The app factory (builds or returns a ``FastAPI``) or the lifespan."""
    lowered = fn.name.lower()
    if "lifespan" in lowered or lowered in ("create_app", "get_app", "get_application", "app_factory", "make_app"):
        return True
    if any(ctx.resolve(d) in _CONTEXT_MANAGERS for d in fn.decorator_list):
        return True
    returns = ctx.resolve(fn.returns) if fn.returns is not None else None
    if returns in _FASTAPI or returns == "FastAPI":
        return True
    return any(isinstance(sub, ast.Call) and ctx.resolve(sub.func) in _FASTAPI for sub in ast.walk(fn))
