"""The project index: finding modules, following names across them, content layers, and the
semantic model's scopes."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from flake8_fastapi_conventions import project
from flake8_fastapi_conventions.context import Context
from flake8_fastapi_conventions.project import ProjectIndex, find_root, summarize
from flake8_fastapi_conventions.settings import Settings


def write(root: Path, files: dict[str, str]) -> None:
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")


@pytest.fixture
def app(tmp_path: Path) -> Path:
    write(
        tmp_path,
        {
            "pyproject.toml": "[project]\nname = 'x'\n",
            "app/__init__.py": "",
            "app/core/__init__.py": "",
            "app/core/base.py": """
                from pydantic import BaseModel as _Base

                class AppBase(_Base):
                    pass
            """,
            "app/models/__init__.py": """
                from .prompt import PromptCreate
                from .orm import *
            """,
            "app/models/prompt.py": """
                from app.core.base import AppBase

                class PromptBase(AppBase):
                    text: str

                class PromptCreate(PromptBase):
                    pass
            """,
            "app/models/orm.py": """
                from sqlalchemy.orm import DeclarativeBase

                class Base(DeclarativeBase):
                    pass

                class Row(Base):
                    def dict(self):
                        return {}

                __all__ = ["Row"]
            """,
            "app/log.py": """
                import logging
                from loguru import logger as log

                logger = logging.getLogger(__name__)
                alias = logger

                def get_logger(name: str) -> logging.Logger:
                    return logging.getLogger(name)
            """,
            "app/cycle_a.py": "from app.cycle_b import Thing\n",
            "app/cycle_b.py": "from app.cycle_a import Thing\n",
        },
    )
    return tmp_path


def index_at(root: Path) -> ProjectIndex:
    return ProjectIndex(str(root))


def test_root_is_the_nearest_ancestor_with_a_marker(tmp_path: Path):
    write(tmp_path, {"a/setup.cfg": "", "a/b/c/mod.py": "", "d/mod.py": ""})
    assert find_root(str(tmp_path / "a/b/c/mod.py")) == str(tmp_path / "a")
    assert find_root(str(tmp_path / "a/b/c/mod.py"), override=str(tmp_path)) == str(tmp_path)


def test_classes_are_followed_through_project_bases_and_package_reexports(app: Path):
    index = index_at(app)
    user = str(app / "app/routes.py")
    sym = index.lookup(user, "app.models.PromptCreate")
    assert sym is not None and sym.kind == "class" and sym.path.endswith("prompt.py")
    assert index.external_ancestors(sym) == {"pydantic.BaseModel"}
    # a star re-export, and a class with its own dict()
    row = index.lookup(user, "app.models.Row")
    assert row is not None and row.kind == "class"
    assert index.external_ancestors(row) == {"sqlalchemy.orm.DeclarativeBase"}
    assert "dict" in row.info["methods"]


def test_the_index_holds_summaries_without_lists(app: Path):
    # lists are always tracked by the garbage collector, and summaries live until the run ends
    index = index_at(app)
    here = str(app / "app/main.py")
    assert index.lookup(here, "app.log.get_logger") is not None
    held = [index.summary(str(app / name)) for name in ("app/log.py", "app/models/prompt.py")]

    def lists(value) -> int:
        if isinstance(value, list):
            return 1
        if isinstance(value, (tuple, dict)):
            return sum(lists(v) for v in (value.values() if isinstance(value, dict) else value))
        return 0

    assert all(summary for summary in held) and sum(lists(s) for s in held) == 0


def test_relative_imports_and_external_names(app: Path):
    index = index_at(app)
    sym = index.lookup(str(app / "app/models/prompt.py"), ".orm.Row")
    assert sym is not None and sym.kind == "class"
    assert index.lookup(str(app / "app/x.py"), "pydantic.BaseModel").kind == "external"
    # a relative import that leaves the project's files cannot be followed
    assert index.lookup(str(app / "app/x.py"), "...nowhere.Thing") is None


def test_values_functions_and_aliases(app: Path):
    index = index_at(app)
    here = str(app / "app/main.py")
    logger = index.lookup(here, "app.log.logger")
    assert logger.kind == "value" and logger.info == {"k": "call", "f": "logging.getLogger", "a": "$__name__"}
    assert index.lookup(here, "app.log.alias") == logger
    log = index.lookup(here, "app.log.log")
    assert log.kind == "external" and log.qualname == "loguru.logger"
    fn = index.lookup(here, "app.log.get_logger")
    assert fn.kind == "function" and fn.info["ann"] == "logging.Logger" and not fn.info["async"]
    assert fn.info["ret"] == ({"k": "call", "f": "logging.getLogger", "a": "$name"},)


def test_import_cycles_end(app: Path):
    index = index_at(app)
    assert index.lookup(str(app / "app/main.py"), "app.cycle_a.Thing") is None


def test_src_and_nested_layouts(tmp_path: Path):
    write(
        tmp_path,
        {
            ".git/HEAD": "",
            "src/pkg/__init__.py": "",
            "src/pkg/models.py": "class M:\n    pass\n",
            "backend/app/__init__.py": "",
            "backend/app/models.py": "class N:\n    pass\n",
        },
    )
    index = index_at(tmp_path)
    assert index.lookup(str(tmp_path / "src/pkg/api.py"), "pkg.models.M").kind == "class"
    assert index.lookup(str(tmp_path / "tests/test_x.py"), "pkg.models.M").kind == "class"
    assert index.lookup(str(tmp_path / "backend/app/api/routes.py"), "app.models.N").kind == "class"


def test_blocking_chains_are_shortest_and_cycle_safe(tmp_path: Path):
    write(
        tmp_path,
        {
            "pyproject.toml": "",
            "app/__init__.py": "",
            "app/helpers.py": """
                import requests
                from app import deep

                def fetch(url):
                    return requests.get(url)

                def via():
                    return deep.outer()

                def loop_a():
                    return loop_b()

                def loop_b():
                    return loop_a()

                def pure(x):
                    return x + 1

                async def already_async():
                    return requests.get("u")
            """,
            "app/deep.py": """
                import time

                def outer():
                    return inner()

                def inner():
                    time.sleep(1)
            """,
        },
    )
    index = index_at(tmp_path)
    here = str(tmp_path / "app/main.py")
    blocking = {"requests.get": "requests.get()", "time.sleep": "time.sleep()"}.get
    assert index.chain(index.lookup(here, "app.helpers.fetch"), blocking) == ["fetch()", "requests.get()"]
    assert index.chain(index.lookup(here, "app.helpers.via"), blocking) == [
        "via()", "outer()", "inner()", "time.sleep()"
    ]
    assert index.chain(index.lookup(here, "app.helpers.loop_a"), blocking) is None
    assert index.chain(index.lookup(here, "app.helpers.pure"), blocking) is None
    assert index.chain(index.lookup(here, "app.helpers.already_async"), blocking) is None


def test_a_helper_passed_to_a_thread_is_not_called():
    tree = ast.parse(
        textwrap.dedent(
            """
            import asyncio

            def work():
                return asyncio.to_thread(render, 1)
            """
        )
    )
    calls = [c for c, _ in summarize(tree)["functions"]["work"]["calls"]]
    assert calls == ["asyncio.to_thread"]


def test_returned_and_stored_values_are_described_by_the_function_s_own_names():
    tree = ast.parse(
        textwrap.dedent(
            """
            import logging
            import structlog

            logger = structlog.get_logger()

            def build(name):
                logger = logging.getLogger(name)
                logger.setLevel(10)
                return logger

            def child(name):
                base = logging.getLogger("app")
                return base.getChild(name)

            def passthru(logger: "logging.Logger | None"):
                return logger

            def rebound(name):
                log = logging.getLogger(name)
                log = wrap(log)
                return log

            def cached(name):
                if name in CACHE:
                    return CACHE[name]
                return logger

            class Service:
                def __init__(self, logger: Optional[logging.Logger] = None, sink=None):
                    self.logger = logger or logging.getLogger(__name__)
                    self.sink = sink
                    self.late = None

                def setup(self):
                    self.late = logging.getLogger("late")
                    self.sink = structlog.get_logger()
            """
        )
    )
    summary = summarize(tree)
    functions = summary["functions"]
    # a local is described by its value, never as the module-level ``logger``
    assert functions["build"]["ret"] == [{"k": "call", "f": "logging.getLogger", "a": "$name"}]
    assert functions["child"]["ret"] == [
        {"k": "method", "of": {"k": "call", "f": "logging.getLogger", "a": "app"}, "m": "getChild"}
    ]
    assert functions["passthru"]["ret"] == [{"k": "param", "t": "logging.Logger"}]
    assert functions["rebound"]["ret"] == [{"k": "other"}]
    # every return is kept: an undescribable one as "other"; a module-level name stays a ref
    assert functions["cached"]["ret"] == [{"k": "other"}, {"k": "ref", "n": "logger"}]
    attrs = summary["classes"]["Service"]["attrs"]
    assert attrs["logger"] == {
        "k": "or",
        "of": [{"k": "param", "t": "logging.Logger"}, {"k": "call", "f": "logging.getLogger", "a": "$__name__"}],
    }
    # an attribute assigned differently in two methods keeps both values
    assert attrs["sink"] == {"k": "any", "of": [{"k": "param"}, {"k": "call", "f": "structlog.get_logger"}]}
    assert attrs["late"] == {
        "k": "any",
        "of": [{"k": "const", "t": "NoneType"}, {"k": "call", "f": "logging.getLogger", "a": "late"}],
    }
    assert summary["v"] == project.SUMMARY_VERSION >= 2


def test_the_checked_buffer_replaces_the_file_on_disk(app: Path):
    # editor mode: the buffer defines a class the saved file does not have yet
    settings = Settings()
    path = str(app / "app/models/prompt.py")
    buffer = "from pydantic import BaseModel\n\nclass Fresh(BaseModel):\n    pass\n"
    ctx = Context(ast.parse(buffer), path, settings)
    assert ctx.class_kinds(ast.Name("Fresh")) == {"pydantic"}
    other = str(app / "app/models/other.py")
    assert ctx.index.lookup(other, ".prompt.Fresh").kind == "class"
    assert ctx.index.lookup(other, ".prompt.PromptBase") is None


def test_a_stale_summary_is_read_again(app: Path):
    index = index_at(app)
    here = str(app / "app/main.py")
    assert index.lookup(here, "app.log.get_logger").kind == "function"
    (app / "app/log.py").write_text("get_logger = None\nextra = 1\n", encoding="utf-8")
    # one flake8 run sees one state of the tree: lookups are kept across its files
    index.set_current(str(app / "app/other.py"), ast.parse(""))
    assert index.lookup(here, "app.log.get_logger").kind == "function"
    index.invalidate()  # a long-lived index (the language server) told files changed
    assert index.lookup(here, "app.log.get_logger").kind == "value"


def test_an_unparseable_module_is_unknown(tmp_path: Path):
    write(tmp_path, {"pyproject.toml": "", "app/__init__.py": "", "app/bad.py": "def (:\n"})
    index = index_at(tmp_path)
    assert index.lookup(str(tmp_path / "app/main.py"), "app.bad.X") is None


# -- the semantic model: scopes -------------------------------------------------------


def _resolved_calls(source: str) -> dict[int, str | None]:
    """Line -> resolved callee of every call, as rules see them during the walk."""
    from flake8_fastapi_conventions import walker
    from flake8_fastapi_conventions.registry import Visitor

    seen: dict[int, str | None] = {}

    def record(node, ctx):
        seen[node.lineno] = ctx.call_name(node)

    probe = Visitor(record, (ast.Call,), False)
    walker.VISITORS.append(probe)
    walker._dispatch_cache.clear()
    try:
        ctx = Context(ast.parse(textwrap.dedent(source)), "app/x.py", Settings())
        walker.walk(ctx)
    finally:
        walker.VISITORS.remove(probe)
        walker._dispatch_cache.clear()
    return seen


def test_function_local_imports_stay_in_their_function():
    seen = _resolved_calls(
        """
        import requests

        def a():
            import httpx as requests
            requests.get("u")

        def b():
            requests.get("u")
        """
    )
    assert seen == {6: "httpx.get", 9: "requests.get"}


def test_local_bindings_shadow_imports():
    seen = _resolved_calls(
        """
        import requests
        from loguru import logger

        def a(requests):
            requests.get("u")

        def b():
            logger = make()
            logger.info("x")

        def c():
            for requests in sessions():
                requests.get("u")

        def d():
            global logger
            logger.info("x")

        def e():
            with open("f") as logger:
                logger.write("x")

        def f():
            if (requests := build()):
                requests.get("u")
        """
    )
    assert seen[6] is None
    assert seen[10] is None
    assert seen[14] is None
    assert seen[18] == "loguru.logger.info"
    assert seen[22] is None
    assert seen[26] is None


def test_class_bodies_are_not_seen_from_their_methods():
    seen = _resolved_calls(
        """
        import requests

        class C:
            requests = None

            def m(self):
                requests.get("u")
        """
    )
    assert seen[8] == "requests.get"


def test_match_captures_bind():
    seen = _resolved_calls(
        """
        import requests

        def a(x):
            match x:
                case {"client": requests}:
                    requests.get("u")
        """
    )
    assert seen[7] is None


def test_a_long_module_level_if_chain_does_not_recurse():
    branches = "\n".join(f"elif x == {i}:\n    import mod{i} as m{i}" for i in range(1, 990))
    source = f"x = 0\nif x == 0:\n    import mod0 as m0\n{branches}\n"
    ctx = Context(ast.parse(source), "app/x.py", Settings())
    assert ctx.module_imports["m989"] == "mod989"


# -- content layers ----------------------------------------------------------------


def layer_of(path: str, source: str) -> str | None:
    return Context(ast.parse(textwrap.dedent(source)), path, Settings()).layer


def test_a_models_file_with_route_handlers_is_a_routes_file():
    assert layer_of(
        "app/routers/models.py",
        """
        from fastapi import APIRouter

        router = APIRouter()

        @router.get("/models")
        async def list_models() -> list[str]:
            return []
        """,
    ) == "routes"


def test_a_schema_file_that_assembles_routers_is_no_schemas_file():
    assert layer_of(
        "app/openapi/schema.py",
        """
        from app.routers.users import router as users_router
        from app.routers.items import router as items_router

        def build_schema(app):
            return app.openapi()
        """,
    ) is None


def test_a_services_module_of_pydantic_classes_is_a_schemas_module():
    assert layer_of(
        "app/services/search/model.py",
        """
        from pydantic import BaseModel

        class Query(BaseModel):
            text: str

        class Hit(BaseModel):
            score: float
        """,
    ) == "schemas"
    # a service module that defines functions stays a service
    assert layer_of(
        "app/services/search/model.py",
        """
        from pydantic import BaseModel

        class Query(BaseModel):
            text: str

        def search(q: Query):
            return []
        """,
    ) == "services"


def test_a_services_module_of_enums_only_has_no_layer():
    enum_only = """
        from enum import StrEnum

        class ACR(StrEnum):
            LEVEL_ZERO = "0"

            def __lt__(self, other: object) -> bool:
                return False
        """
    assert layer_of("app/services/acr.py", enum_only) is None
    # enums next to ORM classes: a models module
    assert layer_of(
        "app/repositories/tables.py",
        """
        import enum
        from sqlalchemy.orm import DeclarativeBase

        class Base(DeclarativeBase):
            pass

        class Kind(enum.Enum):
            A = 1
        """,
    ) == "models"
    # a file name says more than an enum: a user_service.py of enums stays a service
    assert layer_of("app/user_service.py", enum_only) == "services"
    # an enum and a function: a service
    assert layer_of("app/services/acr.py", enum_only + "\n        def level():\n            return 0\n") == "services"


def test_a_service_file_name_under_models_holding_data_classes_follows_the_directory():
    pydantic_only = """
        from pydantic import BaseModel

        class ServiceRequest(BaseModel):
            name: str

            def label(self) -> str:
                return self.name
        """
    assert layer_of("app/models/v2/core/service.py", pydantic_only) == "schemas"
    assert layer_of("app/schemas/user_service.py", pydantic_only) == "schemas"
    # not under a models/schemas directory: the file name decides
    assert layer_of("app/core/service.py", pydantic_only) == "services"
    # functions make it a service again
    assert layer_of("app/models/v2/core/service.py", pydantic_only + "\n        def start():\n            pass\n") == "services"


def test_configured_globs_win_over_content():
    from types import SimpleNamespace

    from flake8_fastapi_conventions.settings import LAYER_OPTION, settings_from_options

    namespace = SimpleNamespace(select=None, extend_select=[])
    for option in LAYER_OPTION.values():
        setattr(namespace, option.replace("-", "_"), None)
    namespace.fastapi_schema_modules = None
    namespace.fastapi_bool_prefixes = None
    for key in ("fastapi_max_function_length", "fastapi_max_primitive_params", "fastapi_max_if_depth"):
        setattr(namespace, key, None)
    namespace.fastapi_models_paths = ["*/routers/models.py"]
    settings = settings_from_options(namespace)
    source = "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.get('/')\nasync def f() -> int:\n    return 1\n"
    assert Context(ast.parse(source), "app/routers/models.py", settings).layer == "models"


def test_index_for_shares_one_index_per_root(app: Path):
    settings = Settings()
    a = project.index_for(str(app / "app/a.py"), ast.parse(""), settings)
    b = project.index_for(str(app / "app/b.py"), ast.parse(""), settings)
    assert a is b


def test_an_assignment_binds_after_its_value_and_a_parameter_can_be_rebound():
    seen = _resolved_calls(
        """
        import requests

        def a():
            requests = requests.Session()
            requests.get("u")

        def b(requests):
            requests.get("u")
            import httpx as requests
            requests.get("u")
        """
    )
    # the right-hand ``requests`` is still the module's import; after the assignment the
    # name is a local session
    assert seen[5] == "requests.Session" and seen[6] is None
    assert seen[9] is None and seen[11] == "httpx.get"


# -- summaries: type aliases, dependencies, yields (SUMMARY_VERSION 2) ----------------


def test_summaries_describe_annotated_aliases_and_depends_targets():
    summary = summarize(
        ast.parse(
            textwrap.dedent(
                """
                from typing import Annotated
                from fastapi import Depends
                from sqlalchemy.ext.asyncio import AsyncSession
                from app.db import get_db

                def local_dep():
                    return 1

                SessionDep = Annotated[AsyncSession, Depends(get_db)]
                LocalDep = Annotated[int, Depends(local_dep)]
                """
            )
        )
    )
    assert summary["values"]["SessionDep"] == {
        "k": "sub",
        "of": "typing.Annotated",
        "items": [
            {"k": "ref", "n": "sqlalchemy.ext.asyncio.AsyncSession"},
            {"k": "call", "f": "fastapi.Depends", "a": "$get_db", "ar": "app.db.get_db"},
        ],
    }
    # a name of the module itself keeps only "a"
    assert summary["values"]["LocalDep"]["items"][1] == {"k": "call", "f": "fastapi.Depends", "a": "$local_dep"}


def test_summaries_record_what_functions_yield_through_their_local_names():
    functions = summarize(
        ast.parse(
            textwrap.dedent(
                """
                from typing import AsyncGenerator
                import httpx
                from sqlalchemy.ext.asyncio import AsyncSession
                from app.db import SessionLocal

                async def get_db() -> AsyncGenerator[AsyncSession, None]:
                    async with SessionLocal() as session:
                        yield session

                def get_sync():
                    db = SessionLocal()
                    try:
                        yield db
                    finally:
                        db.close()

                def passthrough(client):
                    return client

                async def get_client():
                    async with httpx.AsyncClient() as client:
                        yield client
                """
            )
        )
    )["functions"]
    assert functions["get_db"]["yld"] == [{"k": "call", "f": "app.db.SessionLocal"}]
    assert functions["get_db"]["rt"] == {
        "k": "sub",
        "of": "typing.AsyncGenerator",
        "items": [{"k": "ref", "n": "sqlalchemy.ext.asyncio.AsyncSession"}, {"k": "const", "t": "NoneType"}],
    }
    assert functions["get_sync"]["yld"] == [{"k": "call", "f": "app.db.SessionLocal"}]
    # a parameter is described as one (unannotated: nothing more is known)
    assert functions["passthrough"]["ret"] == [{"k": "param"}]
    assert functions["get_client"]["yld"] == [{"k": "call", "f": "httpx.AsyncClient"}]


def test_method_attributes_assigned_from_parameters_are_not_described():
    cls = summarize(
        ast.parse(
            textwrap.dedent(
                """
                import httpx

                session = httpx.Client()

                class Repo:
                    def __init__(self, session):
                        self.session = session
                        self.http = httpx.AsyncClient()
                """
            )
        )
    )["classes"]["Repo"]
    # ``self.session = session`` is the parameter, not the module's ``session``
    assert cls["attrs"] == {"session": {"k": "param"}, "http": {"k": "call", "f": "httpx.AsyncClient"}}


def test_handlers_of_a_non_fastapi_app_are_no_routes():
    summary = summarize(
        ast.parse(
            textwrap.dedent(
                """
                from flask import Flask
                from fastapi import APIRouter

                app = Flask(__name__)
                router = APIRouter()

                @app.get("/")
                def index():
                    return "x"

                @router.get("/")
                def api_index():
                    return "x"
                """
            )
        ),
        non_fastapi=("flask",),
    )
    assert summary["routes"] == 1
    assert "route" not in summary["functions"]["index"]


# -- the one session detector -----------------------------------------------------------


def _probe(source: str, path: str, fn) -> dict[int, object]:
    """Line -> ``fn(call_node, ctx)`` for every call, as rules see it during the walk."""
    from flake8_fastapi_conventions import walker
    from flake8_fastapi_conventions.registry import Visitor

    seen: dict[int, object] = {}

    def record(node, ctx):
        seen.setdefault(node.lineno, fn(node, ctx))

    probe = Visitor(record, (ast.Call,), False)
    walker.VISITORS.append(probe)
    walker._dispatch_cache.clear()
    try:
        ctx = Context(ast.parse(textwrap.dedent(source)), path, Settings())
        walker.walk(ctx)
    finally:
        walker.VISITORS.remove(probe)
        walker._dispatch_cache.clear()
    return seen


def _receiver_is_session(node, ctx):
    return ctx.is_session(node.func.value) if isinstance(node.func, ast.Attribute) else None


def test_async_with_and_async_for_bind_their_names():
    seen = _probe(
        """
        import aiohttp

        async def f(items):
            async with aiohttp.ClientSession() as session:
                session.get("u")
            async for db in items:
                db.get("u")
        """,
        "app/x.py",
        lambda node, ctx: (ctx.lookup(node.func.value.id).kind if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) and ctx.lookup(node.func.value.id) else None),
    )
    assert seen[6] == "with"
    assert seen[8] == "for"


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    write(
        tmp_path,
        {
            "pyproject.toml": "[project]\nname = 'x'\n",
            "app/__init__.py": "",
            "app/db.py": """
                from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
                from sqlalchemy.orm import scoped_session, sessionmaker

                SessionLocal = async_sessionmaker(create_async_engine("sqlite+aiosqlite://"))
                registry = scoped_session(sessionmaker())

                async def get_db():
                    async with SessionLocal() as session:
                        yield session
            """,
            "app/deps.py": """
                from typing import Annotated, AsyncIterator

                import httpx
                from fastapi import Depends
                from sqlalchemy.ext.asyncio import AsyncSession

                from app.db import get_db

                async def get_http() -> AsyncIterator[httpx.AsyncClient]:
                    async with httpx.AsyncClient() as client:
                        yield client

                SessionDep = Annotated[AsyncSession, Depends(get_db)]
                DbDep = SessionDep
                AnyDep = Annotated[object, Depends(get_db)]
                HttpDep = Annotated[httpx.AsyncClient, Depends(get_http)]
                ClientSessionDep = Annotated[object, Depends(get_http)]
            """,
        },
    )
    return tmp_path


def test_sessions_are_followed_across_modules(sessions: Path):
    seen = _probe(
        """
        from fastapi import Depends

        from app.db import SessionLocal, get_db, registry
        from app.deps import AnyDep, ClientSessionDep, DbDep, HttpDep, SessionDep, get_http

        async def a(s: SessionDep, d: DbDep, x: AnyDep, h: HttpDep, session: ClientSessionDep):
            s.get(1)
            d.get(1)
            x.get(1)
            h.get(1)
            session.get(1)

        async def b(conn=Depends(get_db), session=Depends(get_http), db=Depends(unknown)):
            conn.get(1)
            session.get(1)
            db.get(1)

        async def c():
            async with SessionLocal() as s:
                s.get(1)
            registry.get(1)
        """,
        str(sessions / "app/routes.py"),
        _receiver_is_session,
    )
    assert [seen[n] for n in range(8, 13)] == [True, True, True, False, False]
    assert [seen[n] for n in range(15, 18)] == [True, False, True]
    assert seen[21] is True and seen[22] is True


def test_opens_session_and_depends_helpers(sessions: Path):
    seen = _probe(
        """
        import httpx
        from fastapi import Depends, Security
        from app.db import SessionLocal, get_db

        def f():
            SessionLocal()
            httpx.AsyncClient()
            async_session_maker()
            Depends(get_db)
            Security(dependency=get_db, scopes=["a"])
            Depends()
        """,
        str(sessions / "app/x.py"),
        lambda node, ctx: (ctx.opens_session(node), ast.unparse(ctx.depends_target(node)) if ctx.depends_target(node) else None),
    )
    assert seen[7] == (True, None)
    assert seen[8] == (False, None)
    assert seen[9] == (True, None)  # nothing says what it is: its name does
    assert seen[10][1] == "get_db" and seen[11][1] == "get_db" and seen[12][1] is None


def test_absolute_imports_are_not_found_beside_the_importing_package_module(tmp_path: Path):
    write(
        tmp_path,
        {
            "pyproject.toml": "",
            "app/__init__.py": "",
            "app/models.py": "class Top:\n    pass\n",
            "app/core/__init__.py": "",
            "app/core/logging.py": "def get_logger():\n    pass\n",
            "app/core/models.py": "class Inner:\n    pass\n",
        },
    )
    index = index_at(tmp_path)
    here = str(tmp_path / "app/core/service.py")
    # ``import logging`` is the standard library's, not the sibling app/core/logging.py
    assert index.lookup(here, "logging.getLogger").kind == "external"
    # ``import models`` inside the package app.core is no sibling either
    assert index.lookup(here, "models.Inner") is not None and index.lookup(here, "models.Inner").kind == "external"
    assert index.lookup(here, "app.models.Top").kind == "class"
    assert index.lookup(here, ".models.Inner").kind == "class"


def test_calls_through_a_functions_own_names_are_not_calls_of_the_import():
    tree = ast.parse(
        textwrap.dedent(
            """
            import requests
            from aiofiles import open as aopen

            def f(open, items):
                open("x")
                requests = {}
                requests.get("k")
                [r.get() for r in items]
                aopen("y")

            def g():
                global cache
                cache.get("k")
                print(open("z"))
            """
        )
    )
    functions = summarize(tree)["functions"]
    f = functions["f"]
    assert [c for c, _ in f["calls"]] == ["open", "requests.get", "r.get", "aiofiles.open"]
    assert f["lv"] == [0, 1, 2]
    assert "lv" not in functions["g"]  # a global and the builtin are not the function's own


def test_function_facts_generators_decorators_duplicates(tmp_path: Path):
    write(
        tmp_path,
        {
            "pyproject.toml": "",
            "app/__init__.py": "",
            "app/helpers.py": """
                import functools
                import time
                from contextlib import contextmanager

                from fastapi import APIRouter

                router = APIRouter()

                def lines(p):
                    yield from open(p)

                @functools.lru_cache(maxsize=1)
                def cached():
                    time.sleep(1)

                @contextmanager
                def locked():
                    time.sleep(1)
                    yield

                @router.get("/x")
                def handler():
                    return 1

                try:
                    def twice(): ...
                except ImportError:
                    def twice(): ...

                def uses_cached(open):
                    open("x")
                    return cached()
            """,
        },
    )
    index = index_at(tmp_path)
    here = str(tmp_path / "app/main.py")
    info = {n: index.lookup(here, f"app.helpers.{n}").info for n in ("lines", "cached", "locked", "handler", "twice")}
    assert info["lines"].get("gen") is True and "dec" not in info["lines"]
    assert info["cached"]["dec"] == ("functools.lru_cache",)
    assert info["locked"]["dec"] == ("contextlib.contextmanager",) and info["locked"].get("gen") is True
    assert info["handler"].get("route") is True and "dec" not in info["handler"]
    assert info["twice"].get("dup") is True and "dup" not in info["cached"]
    blocking = {"time.sleep": "time.sleep()", "open": "open()"}.get
    uses_cached = index.lookup(here, "app.helpers.uses_cached")
    # the parameter ``open`` is not the builtin; the chain goes through ``cached`` unless told not to
    assert index.chain(uses_cached, blocking) == ["uses_cached()", "cached()", "time.sleep()"]
    assert index.chain(uses_cached, blocking, follow=lambda s: "dec" not in s.info) is None
    assert [s is None for s, _, _ in index.function_calls(uses_cached)] == [True, False]


def test_a_package_binding_wins_over_the_submodule_of_the_same_name(tmp_path: Path):
    write(
        tmp_path,
        {
            "pyproject.toml": "",
            "app/__init__.py": "",
            "app/services/__init__.py": "from .notify import notify\nfrom . import mail\n",
            "app/services/notify.py": "async def notify(user_id): ...\n",
            "app/services/mail.py": "def send(): ...\n",
            "app/services/plain.py": "def plain(): ...\n",
        },
    )
    index = index_at(tmp_path)
    here = str(tmp_path / "app/routers/users.py")
    notify = index.lookup(here, "app.services.notify")
    assert notify.kind == "function" and notify.info["async"] is True
    assert index.lookup(here, "app.services.notify.notify").kind == "function"
    assert index.lookup(here, "app.services.mail").kind == "module"
    assert index.lookup(here, "app.services.plain").kind == "module"
    assert index.lookup(here, "app.services.mail.send").kind == "function"


def test_a_lazy_singleton_is_marked():
    tree = ast.parse(
        textwrap.dedent(
            """
            _logger = None
            _count = 0

            def get_logger():
                global _logger
                if _logger is None:
                    _logger = build()
                return _logger

            def bump():
                global _count
                _count = _count + 1
                open("log").write(str(_count))
            """
        )
    )
    functions = summarize(tree)["functions"]
    assert functions["get_logger"].get("lazy") is True
    assert "lazy" not in functions["bump"]  # sets a global it never tests: runs each time


# -- signatures of dependencies (SUMMARY_VERSION 7-8) ----------------------------------


def test_function_signatures_record_what_a_dependency_takes():
    summary = summarize(
        ast.parse(
            textwrap.dedent(
                """
                from typing import Annotated
                from fastapi import Depends, Request
                from app.deps import get_db, CurrentUser

                def dep(item_id: int, /, token: str, db=Depends(get_db), *, user: CurrentUser, **extra): ...
                def reads(request: Request):
                    return request.path_params["x"]
                def state_only(request: Request):
                    return request.state.db
                def hands_on(request: Request):
                    check(request)
                class Checker:
                    def __init__(self, scope: str): ...
                    def __call__(self, item_id: int): ...
                """
            )
        )
    )
    functions = summary["functions"]
    # positional-only names are left out: FastAPI passes keywords
    assert functions["dep"]["sig"] == {"p": ["token", "db", "user"], "kw": True, "d": ["app.deps.get_db", "@app.deps.CurrentUser"]}
    assert functions["reads"]["sig"]["pp"] is True
    assert "pp" not in functions["state_only"]["sig"]
    assert functions["hands_on"]["sig"]["pp"] is True
    checker = summary["classes"]["Checker"]
    assert checker["init"]["p"] == ["self", "scope"] and checker["call"]["p"] == ["self", "item_id"]


def test_an_import_is_followed_in_a_module_that_binds_its_head_name(tmp_path: Path):
    # ``from app.deps import CurrentUser`` beside ``app = FastAPI()``: the import, not the app
    write(tmp_path, {
        "pyproject.toml": "",
        "app/__init__.py": "",
        "app/deps.py": "from fastapi import Depends\n\ndef user():\n    return 1\n\nCurrentUser = Depends(user)\n",
        "app/models.py": "from pydantic import BaseModel\n\nclass Base(BaseModel):\n    pass\n",
    })
    source = (
        "from fastapi import FastAPI\nfrom app.deps import CurrentUser\nfrom app.models import Base\n\n"
        "app = FastAPI()\n\nclass Item(Base):\n    name: str\n"
    )
    path = str(tmp_path / "app/main2.py")
    (tmp_path / "app/main2.py").write_text(source, encoding="utf-8")
    for lines in (source.splitlines(keepends=True), None):  # the saved file, and a buffer
        project._indexes.clear()
        ctx = Context(ast.parse(source), path, Settings(), lines)
        assert ctx.symbol(ast.Name("CurrentUser")).kind == "value"
        assert ctx.class_kinds(ast.Name("Item")) == {"pydantic"}
        assert ctx.symbol(ast.Name("app")).kind == "value"


def test_directories_above_the_project_root_say_nothing_of_a_layer(tmp_path: Path):
    # a checkout under a directory named like a test (pytest's own tmp_path is test_<name>0)
    root = tmp_path / "test_checkout0" / "my_tests" / "proj"
    write(root, {"pyproject.toml": "", "app/__init__.py": "", "app/routes/items.py": "x = 1\n",
                 "app/tests/test_items.py": "x = 1\n"})
    settings = Settings()
    assert settings.layer_of(str(root / "app/routes/items.py")) == "routes"
    assert settings.layer_of(str(root / "app/tests/test_items.py")) == "tests"


def test_a_default_factory_is_summarised_as_what_it_produces():
    # SUMMARY_VERSION 12: a lambda factory is its body (XFA312 shows the default a field gets)
    source = textwrap.dedent(
        """
        from datetime import datetime, timezone
        from uuid import uuid4

        from pydantic import BaseModel, Field


        class Outcome(BaseModel):
            at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
            key: str = Field(default_factory=uuid4)
            tags: list[str] = Field(default_factory=list)
        """
    )
    defaults = summarize(ast.parse(source))["classes"]["Outcome"]["defaults"]
    assert defaults == {"at": "datetime.now(timezone.utc)", "key": "uuid4()", "tags": "[]"}


def test_a_function_returning_a_fixed_catalog_is_marked():
    # SUMMARY_VERSION 12: ``cat`` when every return is built from module-level values (XFA303)
    source = textwrap.dedent(
        """
        from app.data import VOICES

        SCOPES = ("team", "project")
        _ROLES, _SOURCE = build()


        def roles_for(scope):
            if scope not in SCOPES:
                return []
            return _ROLES[scope]


        def voice_ids():
            ids = [v.id for v in VOICES]
            return sorted(ids)


        def of(source):
            return list(source.values())


        def fetched():
            return load_all()


        async def later():
            return list(SCOPES)


        def helper():
            return SCOPES


        def calls_helper():
            return helper


        def filled(rows):
            found = []
            for row in rows:
                found.append(row)
            return found


        def keyed(rows):
            table = {}
            for row in rows:
                table[row.id] = row
            return list(table.values())
        """
    )
    functions = summarize(ast.parse(source))["functions"]
    assert {name for name, info in functions.items() if info.get("cat")} == {"roles_for", "voice_ids", "helper"}


def test_the_first_check_of_a_catalog_function_answers_as_the_whole_analysis():
    # _returns_fixed_catalog rules out most functions by their ``return`` statements alone
    # before walking the whole body; on every function of these sources it answers as the
    # whole analysis does, and some of them are catalogs
    from flake8_fastapi_conventions import module_summary as project_module
    here = Path(__file__).parent
    sources = [*here.glob("eval/*.py"), *here.glob("projects/**/*.py"), Path(__file__),
               *Path(project_module.__file__).parent.rglob("*.py")]
    compared = catalogs = 0
    for path in sources:
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        module_names = {t.id for s in tree.body if isinstance(s, ast.Assign) for t in s.targets if isinstance(t, ast.Name)}
        module_names |= {(a.asname or a.name).split(".")[0] for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom)) for a in s.names}
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            params = {a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)}
            params |= {a.arg for a in (fn.args.vararg, fn.args.kwarg) if a is not None}
            whole = project_module._fixed_catalog_analysis(fn, params, module_names)
            assert project_module._returns_fixed_catalog(fn, module_names) == whole, (path, fn.lineno)
            compared += 1
            catalogs += whole
    assert compared > 3000 and catalogs > 20
