"""Facts about one file, computed once and read by every rule.

:class:`Context` is built from the tree flake8 parsed.  A cheap pre-pass over the
module's top-level statements collects imports, top-level functions, classes and
assignments; everything else is either maintained by the single walk in
:mod:`.walker` (scope frames, ancestors) or computed lazily on first use and cached.
"""

from __future__ import annotations

import ast
import builtins
import os
import re
from typing import Any, Callable, Iterator, TypeVar

from . import lazy_re
from . import project as _project
from .project import ROUTE_DECORATORS, ProjectIndex, Symbol, router_like, target_names
from .registry import Rule
from .settings import Settings, normalize_path
from .targets import Targets, project_targets

T = TypeVar("T")
S = TypeVar("S")

#: top-level modules whose ``app``/``router`` objects are not FastAPI ones
NON_FASTAPI_FRAMEWORKS = frozenset(
    {
        "flask", "quart", "sanic", "bottle", "celery", "typer", "click", "django",
        "litestar", "starlite", "aiohttp", "falcon", "tornado", "connexion", "responder",
        "blacksheep", "robyn", "dramatiq", "rq", "huey", "arq", "faust", "socketio",
        "strawberry", "graphene", "ariadne", "slack_bolt", "discord", "telegram", "aiogram",
        "chalice", "pyramid", "cherrypy", "web", "emmett", "apiflask", "fastmcp", "mcp",
    }
)
FASTAPI_APP_FACTORIES = frozenset(
    {"fastapi.FastAPI", "fastapi.APIRouter", "fastapi.routing.APIRouter", "fastapi.applications.FastAPI"}
)
PYDANTIC_BASES = frozenset(
    {
        "pydantic.BaseModel",
        "pydantic.main.BaseModel",
        "pydantic.RootModel",
        "pydantic.root_model.RootModel",
        "pydantic.BaseSettings",
        "pydantic_settings.BaseSettings",
        "pydantic.v1.BaseModel",
        "pydantic.v1.BaseSettings",
        "pydantic.generics.GenericModel",
        "sqlmodel.SQLModel",
        "fastapi_users.schemas.BaseUser",
        "fastapi_users.schemas.BaseUserCreate",
        "fastapi_users.schemas.BaseUserUpdate",
        "fastapi_users.schemas.CreateUpdateDictModel",
    }
)
SESSION_TYPES = frozenset(
    {
        "sqlalchemy.ext.asyncio.AsyncSession",
        "sqlalchemy.ext.asyncio.session.AsyncSession",
        "sqlalchemy.ext.asyncio.AsyncConnection",
        "sqlalchemy.orm.Session",
        "sqlalchemy.orm.session.Session",
        "sqlmodel.Session",
        "sqlmodel.ext.asyncio.session.AsyncSession",
        "sqlmodel.orm.session.Session",
    }
)
SESSION_NAMES = frozenset({"db", "session", "db_session", "async_session", "dbsession", "sess"})
SESSION_ATTRS = frozenset({"db", "session", "_db", "_session", "db_session", "_db_session"})
#: libraries whose ``Session`` classes are not database sessions
NON_DB_SESSION_MODULES = frozenset(
    {"requests", "aiohttp", "httpx", "boto3", "botocore", "aioboto3", "niquests", "urllib3", "tls_client"}
)

#: DBAPI drivers and non-ORM database clients: their connections are no ORM sessions
NON_ORM_DB_MODULES = frozenset(
    {"sqlite3", "aiosqlite", "psycopg2", "psycopg", "asyncpg", "pymysql", "MySQLdb", "aiomysql",
     "databases", "redis", "aioredis", "motor", "pymongo", "duckdb", "cassandra", "neo4j"}
)
#: test-double libraries: what their objects are called with is no real call
MOCK_MODULES = ("unittest.mock", "mock", "pytest_mock", "asynctest")
#: class names that are no database session whatever they are imported from
NON_SESSION_CLASS_NAMES = frozenset({"ClientSession", "Client", "AsyncClient", "Redis", "Database"})
#: factories whose result makes sessions when called (``SessionLocal = sessionmaker(...)``)
SESSION_MAKERS = frozenset(
    {
        "sqlalchemy.orm.sessionmaker",
        "sqlalchemy.orm.session.sessionmaker",
        "sqlalchemy.ext.asyncio.async_sessionmaker",
        "sqlalchemy.ext.asyncio.session.async_sessionmaker",
    }
)
#: registries that are a session themselves and make one when called
SCOPED_SESSIONS = frozenset(
    {
        "sqlalchemy.orm.scoped_session",
        "sqlalchemy.orm.scoping.scoped_session",
        "sqlalchemy.ext.asyncio.async_scoped_session",
        "sqlalchemy.ext.asyncio.scoping.async_scoped_session",
    }
)
#: ``Depends(...)`` / ``Security(...)``, however imported
DEPENDS_CALLS = frozenset(
    {
        "fastapi.Depends",
        "fastapi.Security",
        "fastapi.params.Depends",
        "fastapi.params.Security",
        "fastapi.param_functions.Depends",
        "fastapi.param_functions.Security",
    }
)
#: ``-> AsyncGenerator[AsyncSession, None]``: what a dependency or context manager yields
_YIELDING_TYPES = frozenset(
    {"Generator", "AsyncGenerator", "Iterator", "AsyncIterator", "Iterable", "AsyncIterable",
     "ContextManager", "AsyncContextManager", "AbstractContextManager", "AbstractAsyncContextManager"}
)
_SESSION_FACTORY_NAME = lazy_re.compile(
    r"^_?(async_?)?(session_?(local|maker|factory)|local_?session|async_session|sessionlocal)$", re.I
)
#: how many hops the session detector follows through aliases, dependencies and factories
_SESSION_DEPTH = 6
_NOT_SESSION_VALUES = (
    ast.Constant, ast.Dict, ast.List, ast.Tuple, ast.Set, ast.JoinedStr, ast.ListComp,
    ast.DictComp, ast.SetComp, ast.GeneratorExp, ast.Lambda, ast.Compare, ast.BinOp,
)

_SESSION_ALIAS_NAME = lazy_re.compile(r"(Session|Db|DB)")

FUNCTION_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)
SCOPE_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


class RouteInfo:
    """One route decorator on a handler.

    A plain class rather than a dataclass (as are :class:`Frame` and :class:`Binding`): the
    ``@dataclass`` machinery costs about 0.2 ms per class when the plugin is imported, which
    every flake8 run pays. Equality is the dataclass's (same class, equal fields)."""

    __slots__ = ("node", "decorator", "router", "kind", "methods", "path")

    def __init__(
        self,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        decorator: ast.Call,
        router: str,
        kind: str,
        methods: tuple[str, ...],
        path: str | None,
    ) -> None:
        self.node = node
        self.decorator = decorator
        #: the dotted source of the router expression: ``router``, ``app``, ``api.router``
        self.router = router
        #: ``get``, ``post``, …, ``api_route``, ``websocket``
        self.kind = kind
        #: upper-case HTTP methods (``("WEBSOCKET",)`` for websocket routes)
        self.methods = methods
        #: the path literal, or ``None`` when it is not a string literal
        self.path = path

    def _fields(self) -> tuple:
        return (self.node, self.decorator, self.router, self.kind, self.methods, self.path)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return _repr(self)

    def keyword(self, name: str) -> ast.expr | None:
        for kw in self.decorator.keywords:
            if kw.arg == name:
                return kw.value
        return None

    @property
    def is_websocket(self) -> bool:
        return self.kind == "websocket"


class Frame:
    """A scope: the module, a class body, a function or a lambda."""

    __slots__ = ("node", "kind", "is_async", "route", "params", "has_await", "data", "bindings", "states")

    def __init__(
        self,
        node: ast.AST,
        kind: str,
        is_async: bool = False,
        route: RouteInfo | None = None,
        params: dict[str, ast.expr | None] | None = None,
        has_await: bool = False,
        data: dict[str, Any] | None = None,
        bindings: dict[str, Binding] | None = None,
        states: dict[type, Any] | None = None,
    ) -> None:
        self.node = node
        self.kind = kind  # "module" | "class" | "function" | "lambda"
        self.is_async = is_async
        self.route = route
        #: parameter name -> annotation (``None`` when unannotated)
        self.params: dict[str, ast.expr | None] = {} if params is None else params
        #: an ``await``, ``async for`` or ``async with`` directly in this scope
        self.has_await = has_await
        #: free space for rules that collect facts about the scope while it is walked
        self.data: dict[str, Any] = {} if data is None else data
        #: names bound in this scope so far in the walk (module scope: see ``Context.bindings``)
        self.bindings: dict[str, Binding] = {} if bindings is None else bindings
        #: per-rule state of this scope, by its class (:meth:`state`)
        self.states: dict[type, Any] = {} if states is None else states

    def _fields(self) -> tuple:
        return (self.node, self.kind, self.is_async, self.route, self.params, self.has_await,
                self.data, self.bindings, self.states)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return _repr(self)

    def state(self, kind: type[S]) -> S:
        """This scope's instance of a rule's state class (made with ``kind()`` on first use)."""
        found = self.states.get(kind)
        if found is None:
            found = self.states[kind] = kind()
        return found


class Binding:
    """What a name is bound to in one scope.

    ``kind``: ``import`` (``qualname`` is the imported dotted name), ``assign`` (``value``:
    the assigned expression; ``annotation`` for annotated assignments), ``param``
    (``annotation``), ``def`` / ``class`` (``node``), ``for`` / ``with`` / ``except`` /
    ``walrus`` / ``match`` (``value``: the iterated, entered or caught expression when there
    is one), ``global`` / ``nonlocal`` (the name lives in another scope).
    """

    __slots__ = ("kind", "node", "value", "annotation", "qualname")

    def __init__(
        self,
        kind: str,
        node: ast.AST | None = None,
        value: ast.expr | None = None,
        annotation: ast.expr | None = None,
        qualname: str | None = None,
    ) -> None:
        self.kind = kind
        self.node = node
        self.value = value
        self.annotation = annotation
        self.qualname = qualname

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.kind, self.node, self.value, self.annotation, self.qualname) == (
            other.kind, other.node, other.value, other.annotation, other.qualname  # type: ignore[attr-defined]
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return _repr(self)


def _repr(obj: object) -> str:
    """The dataclass-style ``Name(field=value, ...)`` of a class with ``__slots__``."""
    fields = ", ".join(f"{name}={getattr(obj, name)!r}" for name in type(obj).__slots__)  # type: ignore[attr-defined]
    return f"{type(obj).__qualname__}({fields})"


class Context:
    def __init__(
        self, tree: ast.AST, filename: str, settings: Settings, lines: list[str] | None = None
    ) -> None:
        self.tree = tree
        self.filename = filename
        #: the file's physical lines, line endings kept (``lines[0]`` is line 1);
        #: ``None`` when the caller passed only the tree
        self.lines = lines
        self.settings = settings
        self.enabled = settings.enabled
        self.path_layer, self._layer_by_directory = settings.classify(filename)
        self.findings: list[tuple[int, int, str]] = []
        #: where the node of each finding ends, ``(end_line, end_col)`` (col 0-based UTF-8
        #: bytes), for tools that show a range (the language server); findings reported
        #: at a ``(line, col)`` have none
        self.ends: dict[tuple[int, int, str], tuple[int, int]] = {}
        #: every import of the file, module level and function-local (local name ->
        #: dotted qualified name, ``r`` -> ``requests``), for "does this file import X"
        #: questions; names are resolved with :meth:`resolve`, which knows scopes
        self.imports: dict[str, str] = {}
        #: imports at module level (also under module-level ``if``/``try``)
        self.module_imports: dict[str, str] = {}
        #: module-level bindings by name (the last one wins)
        self.bindings: dict[str, Binding] = {}
        #: top-level ``def``/``async def`` by name
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self.classes: dict[str, ast.ClassDef] = {}
        #: top-level ``name = value`` (last one wins), including ``type X = ...``
        self.assignments: dict[str, ast.expr] = {}
        #: the node being visited and its ancestors, root first (maintained by the walker)
        self.node: ast.AST = tree
        self.ancestors: list[ast.AST] = []
        self.frames: list[Frame] = [Frame(tree, "module")]
        self._memo: dict[str, Any] = {}
        self._states: dict[type, Any] = {}
        self._routes: dict[int, list[RouteInfo]] = {}
        #: function-local imports by name; a name imported in one way only is used by
        #: resolutions made after the walk left the function (module-level checks)
        self._local_imports: dict[str, set[str]] = {}
        self._index: ProjectIndex | None | bool = False
        self._call_names: dict[tuple[int, int], str | None] = {}
        if isinstance(tree, ast.Module):
            self._prepass(tree.body)

    # -- pre-pass -----------------------------------------------------------------

    def _prepass(self, body: list[ast.stmt]) -> None:
        bindings = self.bindings
        for stmt in _project._statements(body):
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                for local, qualname in _project.import_bindings(stmt):
                    self.imports[local] = qualname
                    self.module_imports[local] = qualname
                    bindings[local] = Binding("import", stmt, qualname=qualname)
            elif isinstance(stmt, FUNCTION_TYPES):
                self.functions[stmt.name] = stmt
                bindings[stmt.name] = Binding("def", stmt)
            elif isinstance(stmt, ast.ClassDef):
                self.classes[stmt.name] = stmt
                bindings[stmt.name] = Binding("class", stmt)
            elif isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        self.assignments[target.id] = stmt.value
                        bindings[target.id] = Binding("assign", stmt, value=stmt.value)
                    else:
                        for name in target_names(target):
                            bindings[name] = Binding("assign", stmt)
            elif isinstance(stmt, ast.AnnAssign):
                if isinstance(stmt.target, ast.Name):
                    if stmt.value is not None:
                        self.assignments[stmt.target.id] = stmt.value
                    bindings[stmt.target.id] = Binding(
                        "assign", stmt, value=stmt.value, annotation=stmt.annotation
                    )
            elif stmt.__class__.__name__ == "TypeAlias":  # PEP 695, Python 3.12+
                name = getattr(stmt, "name", None)
                if isinstance(name, ast.Name):
                    self.assignments[name.id] = stmt.value  # type: ignore[attr-defined]
                    bindings[name.id] = Binding("assign", stmt, value=stmt.value)  # type: ignore[attr-defined]

    def add_import(self, stmt: ast.Import | ast.ImportFrom) -> None:
        """An import met by the walk inside a function or class: bound in that scope only."""
        bindings = self.frames[-1].bindings if len(self.frames) > 1 else self.bindings
        for local, qualname in _project.import_bindings(stmt):
            self.imports[local] = qualname
            bindings[local] = Binding("import", stmt, qualname=qualname)
            if len(self.frames) > 1:
                self._local_imports.setdefault(local, set()).add(qualname)

    def bind(self, name: str, binding: Binding) -> None:
        """Record a binding the walk met in the current scope (module-level ones come from
        the pre-pass and are not replaced)."""
        if len(self.frames) > 1:
            frame = self.frames[-1]
            if binding.kind not in ("global", "nonlocal") and frame.bindings.get(name, binding).kind in (
                "global",
                "nonlocal",
            ):
                return  # ``global x`` then ``x = ...``: still the module's ``x``
            frame.bindings[name] = binding
        elif name not in self.bindings:
            self.bindings[name] = binding

    # -- names --------------------------------------------------------------------

    def lookup(self, name: str) -> Binding | None:
        """The binding ``name`` refers to at the current point of the walk: the innermost
        scope that binds it (class bodies are not seen from the functions inside them,
        ``global``/``nonlocal`` are followed), else the module's; ``None`` when nothing in
        this file binds it (a builtin, or a name bound later)."""
        frames = self.frames
        innermost = len(frames) - 1
        skip_to_module = False
        for i in range(innermost, 0, -1):
            frame = frames[i]
            if frame.kind == "class" and i != innermost:
                continue
            if skip_to_module:
                break
            # a binding the walk met in this scope comes after the parameters were bound
            found = frame.bindings.get(name)
            if found is not None:
                if found.kind == "global":
                    skip_to_module = True
                    continue
                if found.kind == "nonlocal":
                    continue
                return found
            if name in frame.params:
                return Binding("param", frame.node, annotation=frame.params[name])
        return self.bindings.get(name)

    def import_of(self, name: str) -> str | None:
        """The dotted name ``name`` was imported as, where it is used now (scope-aware)."""
        found = self.lookup(name)
        if found is not None:
            return found.qualname if found.kind == "import" else None
        if len(self.frames) == 1:
            late = self._local_imports.get(name)
            if late is not None and len(late) == 1:
                return next(iter(late))
        return None

    def resolve(self, node: ast.AST | None) -> str | None:
        """Dotted name of ``node`` after following the imports in scope.

        ``r.get`` with ``import requests as r`` is ``requests.get``; a name that is not
        imported resolves to itself; a name bound locally (a parameter, an assignment) that
        shadows an import resolves to ``None``; anything but names and attributes is ``None``.
        """
        if isinstance(node, ast.Name):
            return self._resolve_head(node.id)
        if isinstance(node, ast.Attribute):
            parts = [node.attr]
            value = node.value
            while isinstance(value, ast.Attribute):
                parts.append(value.attr)
                value = value.value
            if isinstance(value, ast.Name):
                head = self._resolve_head(value.id)
                if head is None:
                    return None
                parts.append(head)
                return ".".join(reversed(parts))
        return None

    def _resolve_head(self, name: str) -> str | None:
        found = self.lookup(name)
        if found is None:
            if len(self.frames) == 1:
                late = self._local_imports.get(name)
                if late is not None and len(late) == 1:
                    return next(iter(late))
            return name
        if found.kind == "import":
            return found.qualname
        if name in self.module_imports or name in self._local_imports:
            return None  # a local name that shadows an import is not the import
        return name

    def call_name(self, call: ast.Call) -> str | None:
        """The resolved callee of ``call``; computed once per call, in the scope the call
        stands in (the many ``ast.Call`` visitors ask for the same name)."""
        key = (id(call), id(self.frames[-1].node))
        found = self._call_names.get(key, _UNSET)
        if found is not _UNSET:
            return found  # type: ignore[return-value]
        name = self._call_names[key] = self.resolve(call.func)
        return name

    def is_imported(self, name: str) -> bool:
        return name in self.imports

    def is_builtin(self, node: ast.expr) -> bool:
        """``node`` is a name of a builtin that this file does not shadow."""
        if not isinstance(node, ast.Name) or not hasattr(builtins, node.id):
            return False
        return self.lookup(node.id) is None and node.id not in self._local_imports

    def imported_from(self, node: ast.expr, *modules: str) -> bool:
        """The head name of ``node`` was imported from one of ``modules`` (or below)."""
        qualname = self.resolve(node)
        if qualname is None:
            return False
        head = node
        while isinstance(head, ast.Attribute):
            head = head.value
        if not isinstance(head, ast.Name) or self.import_of(head.id) is None:
            return False
        return any(qualname == m or qualname.startswith(m + ".") for m in modules)

    # -- scopes -------------------------------------------------------------------

    @property
    def frame(self) -> Frame:
        return self.frames[-1]

    @property
    def in_async_scope(self) -> bool:
        """In the body of an ``async def``, not in a nested def, lambda or class."""
        return self.frames[-1].is_async

    @property
    def function(self) -> Frame | None:
        """The innermost enclosing function frame (lambda frames skipped)."""
        for frame in reversed(self.frames):
            if frame.kind == "function":
                return frame
            if frame.kind == "class":
                return None
        return None

    @property
    def route(self) -> RouteInfo | None:
        """The route of the innermost enclosing function, if it is a route handler."""
        frame = self.frames[-1]
        return frame.route if frame.kind == "function" else None

    @property
    def parent(self) -> ast.AST | None:
        return self.ancestors[-1] if self.ancestors else None

    def enclosing(self, *types: type, cross_scopes: bool = False) -> ast.AST | None:
        """The nearest ancestor of one of ``types``; by default not beyond the current
        function, lambda or class."""
        for ancestor in reversed(self.ancestors):
            if isinstance(ancestor, types):
                return ancestor
            if not cross_scopes and isinstance(ancestor, SCOPE_TYPES):
                return None
        return None

    def in_body_of(self, types: tuple[type, ...], fields: tuple[str, ...] = ("body",)) -> ast.AST | None:
        """The nearest ancestor of ``types`` whose ``fields`` hold the current node
        (e.g. the loop whose body, not whose ``else``, contains it)."""
        chain = self.ancestors
        for i in range(len(chain) - 1, -1, -1):
            ancestor = chain[i]
            if isinstance(ancestor, types):
                child = chain[i + 1] if i + 1 < len(chain) else self.node
                for name in fields:
                    value = getattr(ancestor, name, None)
                    if child is not None and isinstance(value, list) and any(c is child for c in value):
                        return ancestor
            if isinstance(ancestor, SCOPE_TYPES):
                return None
        return None

    @property
    def in_main_block(self) -> bool:
        """Inside ``if __name__ == "__main__":`` (either side order)."""
        return any(isinstance(a, ast.If) and is_main_test(a.test) for a in self.ancestors)

    @property
    def in_type_checking(self) -> bool:
        """Inside the body of ``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``)."""
        chain = self.ancestors
        for i, ancestor in enumerate(chain):
            if isinstance(ancestor, ast.If) and self.resolve(ancestor.test) in (
                "TYPE_CHECKING",
                "typing.TYPE_CHECKING",
                "typing_extensions.TYPE_CHECKING",
            ):
                child = chain[i + 1] if i + 1 < len(chain) else self.node
                if child is not None and any(c is child for c in ancestor.body):
                    return True
        return False

    # -- the project --------------------------------------------------------------

    @property
    def index(self) -> ProjectIndex:
        """The index of the project this file belongs to (other modules' facts)."""
        if self._index is False:
            self._index = _project.index_for(
                self.filename, self.tree, self.settings, NON_FASTAPI_FRAMEWORKS, self.lines
            )
        return self._index  # type: ignore[return-value]

    @property
    def targets(self) -> Targets:
        """The Python and Pydantic versions the project declares (or the options set)."""
        return self.memo("context.targets", lambda: project_targets(self.filename, self.settings))

    def symbol(self, expr: ast.AST | None) -> Symbol | None:
        """What a name or attribute chain is, through this file's bindings and the project
        index: a class, function or module-level value of this module or another one of
        the project, an ``external`` name (``pydantic.BaseModel``), or ``None`` when it is
        a local variable, a parameter or anything that cannot be followed."""
        text = dotted_name(expr) if expr is not None else None
        if text is None:
            return None
        head, _, rest = text.partition(".")
        found = self.lookup(head)
        if found is None:
            return None
        if found.kind == "import":
            qualname = f"{found.qualname}.{rest}" if rest else found.qualname
            return self.index.lookup(self.filename, qualname or "", imported=True)
        if self.bindings.get(head) is found and found.kind in ("def", "class", "assign"):
            return self.index.lookup(self.filename, text, own=True)
        return None

    def class_ancestors(self, expr: ast.AST | None) -> frozenset[str] | None:
        """The external classes a class inherits from, through the project's classes (a
        base that cannot be followed adds ``"?"``); ``None`` when ``expr`` is not a class."""
        sym = self.symbol(expr)
        if sym is None:
            return None
        if sym.kind == "external":
            return frozenset({sym.qualname})
        if sym.kind != "class":
            return None
        return frozenset(self.index.external_ancestors(sym))

    def class_kinds(self, expr: ast.AST | None) -> frozenset[str]:
        """What kind of class ``expr`` is: ``pydantic`` (a Pydantic model, SQLModel
        included), ``settings``, ``orm``, ``pydantic_v1``, ``enum``; empty when unknown."""
        ancestors = self.class_ancestors(expr)
        if not ancestors:
            return frozenset()
        return kinds_of(ancestors, self.symbol(expr))

    # -- layers -------------------------------------------------------------------

    @property
    def layer(self) -> str | None:
        """The file's layer: from its content where the path's default globs could be wrong
        (see :func:`content_layer`), from the path otherwise; globs the user configured win."""
        return self.memo("layer", self._layer)

    def _layer(self) -> str | None:
        path_layer = self.path_layer
        if path_layer in ("tests", "scripts") or self.settings_configured(path_layer):
            return path_layer
        return content_layer(
            path_layer,
            self._layer_by_directory,
            has_routes=bool(self.top_level_routes()),
            class_kinds=lambda: [self.class_kinds(ast.Name(name)) for name in self.classes],
            functions=len(self.functions),
            imports_routers=lambda: imports_routers(self.module_imports, self.settings),
            directory_layer=lambda: directory_layer(self.settings, self.filename),
        )

    def settings_configured(self, layer: str | None) -> bool:
        """The user replaced the default globs of ``layer``."""
        return globs_configured(self.settings, layer)

    def module_layer(self, path: str, path_layer: str | None, by_directory: bool) -> str | None:
        """The layer of another module of the project (the file ``path``, whose path says
        ``path_layer``), from its summary's content as :attr:`layer` judges this file's."""
        return summary_layer(self.index, self.settings, path, path_layer, by_directory)

    @property
    def is_test(self) -> bool:
        return self.path_layer == "tests"

    @property
    def is_script(self) -> bool:
        return self.path_layer == "scripts"

    # -- routes -------------------------------------------------------------------

    def routes_of(self, node: ast.AST) -> list[RouteInfo]:
        """Every route decorator of a function (empty when it is not a route handler)."""
        if not isinstance(node, FUNCTION_TYPES):
            return []
        key = id(node)
        found = self._routes.get(key)
        if found is None:
            found = self._routes[key] = list(self._find_routes(node))
        return found

    def route_of(self, node: ast.AST) -> RouteInfo | None:
        routes = self.routes_of(node)
        return routes[0] if routes else None

    def _find_routes(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[RouteInfo]:
        for decorator in node.decorator_list:
            if not (
                isinstance(decorator, ast.Call)
                and isinstance(decorator.func, ast.Attribute)
                and decorator.func.attr in ROUTE_DECORATORS
                and self.is_router(decorator.func.value)
            ):
                continue
            kind = decorator.func.attr
            path = None
            if decorator.args and isinstance(decorator.args[0], ast.Constant):
                path = decorator.args[0].value if isinstance(decorator.args[0].value, str) else None
            methods: tuple[str, ...] = (kind.upper(),)
            for kw in decorator.keywords:
                if kw.arg == "path" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    path = kw.value.value
                elif kw.arg == "methods" and kind == "api_route":
                    methods = _string_items(kw.value) or ()
            if kind == "api_route" and not any(kw.arg == "methods" for kw in decorator.keywords):
                methods = ("GET",)
            yield RouteInfo(
                node=node,
                decorator=decorator,
                router=dotted_name(decorator.func.value) or "?",
                kind=kind,
                methods=tuple(m.upper() for m in methods),
                path=path,
            )

    def is_router(self, expr: ast.expr) -> bool:
        """``expr`` is a FastAPI app or router: assigned ``APIRouter()``/``FastAPI()`` in
        this file, or named ``*router``/``*app`` and not provably something else."""
        if isinstance(expr, ast.Name):
            name = expr.id
            value = self.assignments.get(name)
            if isinstance(value, ast.Call):
                callee = self.resolve(value.func)
                if callee in FASTAPI_APP_FACTORIES:
                    return True
                if callee and callee.split(".", 1)[0] in NON_FASTAPI_FRAMEWORKS and self.imported_from(
                    value.func, callee.split(".", 1)[0]
                ):
                    return False
            qualname = self.imports.get(name)
            if qualname and qualname.split(".", 1)[0] in NON_FASTAPI_FRAMEWORKS:
                return False
            return router_like(name)
        if isinstance(expr, ast.Attribute):
            head = expr
            while isinstance(head, ast.Attribute):
                head = head.value
            if isinstance(head, ast.Name):
                qualname = self.imports.get(head.id)
                if qualname and qualname.split(".", 1)[0] in NON_FASTAPI_FRAMEWORKS:
                    return False
            return router_like(expr.attr)
        return False

    def top_level_routes(self) -> list[RouteInfo]:
        """Routes of the module's top-level functions, in source order."""

        def compute() -> list[RouteInfo]:
            routes: list[RouteInfo] = []
            for fn in self.functions.values():
                routes.extend(self.routes_of(fn))
            routes.sort(key=lambda r: (r.node.lineno, r.node.col_offset))
            return routes

        return self.memo("top_level_routes", compute)

    # -- annotations, sessions, models ----------------------------------------------

    def unwrap_annotation(self, annotation: ast.expr | None) -> tuple[ast.expr | None, list[ast.expr]]:
        """``(T, metadata)`` of ``Annotated[T, m1, m2]``, following ``Optional``/``| None``,
        string annotations and module-level aliases (``DbSession = Annotated[...]``)."""
        metadata: list[ast.expr] = []
        seen = 0
        node = annotation
        while node is not None and seen < 8:
            seen += 1
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                try:
                    node = ast.parse(node.value, mode="eval").body
                except (SyntaxError, ValueError):
                    return None, metadata
                continue
            if isinstance(node, ast.Subscript):
                base = self.resolve(node.value) or ""
                tail = base.rsplit(".", 1)[-1]
                if tail == "Annotated":
                    items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
                    if not items:
                        return None, metadata
                    metadata.extend(items[1:])
                    node = items[0]
                    continue
                if tail == "Optional":
                    node = node.slice
                    continue
                return node, metadata
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
                if _is_none(node.right):
                    node = node.left
                    continue
                if _is_none(node.left):
                    node = node.right
                    continue
                return node, metadata
            if isinstance(node, ast.Name) and node.id not in self.imports:
                alias = self.assignments.get(node.id)
                if alias is not None and isinstance(alias, (ast.Subscript, ast.BinOp, ast.Name, ast.Attribute)):
                    node = alias
                    continue
            return node, metadata
        return node, metadata

    def is_session_annotation(self, annotation: ast.expr | None) -> bool:
        """``annotation`` is a SQLAlchemy/SQLModel session type (through ``Annotated``,
        ``Optional`` and aliases of this file or, through the project index, of another)."""
        return self._annotation_session(annotation) is True

    def _bare_session_name(self, node: ast.expr) -> bool:
        # ``AsyncSession`` not imported here (e.g. from a project re-export)
        return isinstance(node, ast.Name) and node.id in ("AsyncSession",) and node.id not in self.imports

    def annotation_of(self, name: str) -> tuple[bool, ast.expr | None]:
        """``(is_parameter, annotation)`` of ``name`` in the enclosing function scopes."""
        for frame in reversed(self.frames):
            if name in frame.params:
                return True, frame.params[name]
            if frame.kind == "class":
                break
        return False, None

    # The one session detector: every rule asks ``is_session`` (or ``session_verdict`` /
    # ``opens_session``).  A name is a session when its binding here shows it: a parameter
    # annotated ``AsyncSession``/``Session`` (also through ``Annotated`` aliases of another
    # module), ``Depends(get_db)`` where ``get_db`` yields or returns one, ``async with
    # SessionLocal() as session`` where ``SessionLocal`` is a ``sessionmaker``; it is none
    # when the binding shows something else (``session = aiohttp.ClientSession()``,
    # ``session: httpx.AsyncClient``).  Only a name whose binding says nothing (an
    # unannotated parameter, a call the index cannot follow) is judged by its spelling.

    def is_session(self, expr: ast.expr) -> bool:
        """``expr`` is a SQLAlchemy/SQLModel session: its binding shows it (see above), or
        nothing shows what it is and it is called ``db``/``session`` (``self.db``,
        ``self.session``)."""
        verdict = self.session_verdict(expr)
        if verdict is not None:
            return verdict
        if isinstance(expr, ast.Name):
            return expr.id in SESSION_NAMES
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            return expr.value.id in ("self", "cls") and expr.attr in SESSION_ATTRS
        return False

    def session_verdict(self, expr: ast.expr) -> bool | None:
        """What the bindings say about ``expr`` being a database session: ``True``,
        ``False``, or ``None`` when they say nothing (the name alone would decide)."""
        if isinstance(expr, ast.Name):
            return self._name_session(expr.id)
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id in ("self", "cls"):
            return self._self_attr_session(expr.attr)
        return None

    def session_flavour(self, expr: ast.expr) -> str | None:
        """``"async"`` when ``expr`` is known to be an ``AsyncSession`` (annotated so, or
        entered with ``async with``), ``"sync"`` when it is known to be a sync ``Session``
        (annotated so, entered with a plain ``with`` — an ``AsyncSession`` has no
        ``__enter__`` —, or made by a ``sessionmaker(...)`` of this file without
        ``class_=AsyncSession``); ``None`` when nothing says which. Whether ``expr`` is a
        session at all is ``is_session``'s question: this one assumes it is."""
        if not isinstance(expr, ast.Name):
            return None
        found = self.lookup(expr.id)
        if found is None:
            return None
        annotation = found.annotation
        if found.kind == "param" and annotation is None:
            fn = found.node
            args = getattr(fn, "args", None)
            if isinstance(args, ast.arguments):
                for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
                    if arg.arg == expr.id:
                        annotation = arg.annotation
        if annotation is not None:
            base, _ = self.unwrap_annotation(annotation)
            if isinstance(base, (ast.Name, ast.Attribute)):
                qualname = self.resolve(base) or ""
                if qualname in SESSION_TYPES:
                    return "async" if ".asyncio" in qualname else "sync"
        if found.kind == "with" and found.value is not None:
            # a session entered with ``with`` is sync (``AsyncSession`` has no
            # ``__enter__``), one entered with ``async with`` is async (``Session`` has no
            # ``__aenter__``) — whatever made it; the caller decides it is a session
            return "async" if isinstance(found.node, ast.AsyncWith) else "sync"
        if found.kind == "assign" and isinstance(found.value, ast.Call):
            return self._factory_flavour(found.value.func)
        return None

    def _factory_flavour(self, func: ast.expr) -> str | None:
        """``func()`` makes an ``AsyncSession`` / a sync ``Session``: the class itself, or a
        name of this file bound to ``sessionmaker(...)`` / ``async_sessionmaker(...)``."""
        if not isinstance(func, (ast.Name, ast.Attribute)):
            return None
        qualname = self.resolve(func) or ""
        if qualname in SESSION_TYPES:
            return "async" if ".asyncio" in qualname else "sync"
        if not isinstance(func, ast.Name):
            return None
        found = self.lookup(func.id)
        if found is None or found.kind != "assign" or not isinstance(found.value, ast.Call):
            return None
        maker = found.value
        maker_name = self.resolve(maker.func) if isinstance(maker.func, (ast.Name, ast.Attribute)) else None
        if maker_name not in SESSION_MAKERS:
            return None
        if "async_sessionmaker" in maker_name:
            return "async"
        for kw in maker.keywords:
            if kw.arg == "class_":
                if isinstance(kw.value, (ast.Name, ast.Attribute)) and (self.resolve(kw.value) or "") in SESSION_TYPES:
                    return "async" if ".asyncio" in (self.resolve(kw.value) or "") else "sync"
                return None
            if kw.arg is None:
                return None
        return "sync"

    def is_test_double(self, func: ast.expr) -> bool:
        """Calling ``func`` makes no real call: ``func`` is a ``unittest.mock`` class, or a
        name bound (in this file) to a mock object (``maker = MagicMock()``)."""
        if not isinstance(func, (ast.Name, ast.Attribute)):
            return False
        if self.imported_from(func, *MOCK_MODULES):
            return True
        if isinstance(func, ast.Name):
            found = self.lookup(func.id)
            if found is not None and found.kind == "assign" and isinstance(found.value, ast.Call):
                inner = found.value.func
                return isinstance(inner, (ast.Name, ast.Attribute)) and self.imported_from(inner, *MOCK_MODULES)
        return False

    def opens_session(self, call: ast.expr) -> bool:
        """``call`` makes a new database session: ``AsyncSession(...)``/``Session(...)`` from
        sqlalchemy/sqlmodel, a call of a ``sessionmaker`` (of this module or another), of a
        function that returns one, or, when nothing says what the callee is, of a name
        spelled like a session factory (``SessionLocal``, ``async_session_maker``)."""
        if not isinstance(call, ast.Call):
            return False
        verdict = self._callee_session(call.func)
        if verdict is not None:
            return verdict
        func = call.func
        if isinstance(func, ast.Name):
            return bool(_SESSION_FACTORY_NAME.match(func.id))
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
            return bool(_SESSION_FACTORY_NAME.match(func.attr))
        return False

    def _name_session(self, name: str) -> bool | None:
        found = self.lookup(name)
        if found is None:
            return None
        return self._binding_session(found, name, 0)

    def _binding_session(self, found: Binding, name: str, depth: int) -> bool | None:
        key = ("session", id(found.node), found.kind, name)
        if key in self._memo:
            return self._memo[key]
        kind = found.kind
        verdict: bool | None = None
        if kind == "param":
            verdict = self._param_session(found.node, name, found.annotation)
        elif kind in ("assign", "walrus", "with"):
            if found.annotation is not None:
                verdict = self._annotation_session(found.annotation)
            if verdict is None and found.value is not None:
                verdict = self._value_session(found.value, entered=kind == "with")
                if verdict is None and isinstance(found.value, ast.Name) and depth < _SESSION_DEPTH:
                    # ``session = http`` (``http = requests.Session()``)
                    other = self.lookup(found.value.id)
                    if other is not None and other is not found:
                        verdict = self._binding_session(other, found.value.id, depth + 1)
        elif kind == "import" and found.qualname:
            verdict = _value_is_session(self.index, self.index.lookup(self.filename, found.qualname, imported=True), 0)
        elif kind in ("def", "class"):
            verdict = False
        self._memo[key] = verdict
        return verdict

    def _param_session(self, fn: ast.AST | None, name: str, annotation: ast.expr | None) -> bool | None:
        if annotation is not None:
            verdict = self._annotation_session(annotation)
            if verdict is not None:
                return verdict
        target = self.depends_target(param_default(fn, name))
        if target is not None:
            verdict = self._callee_session(target)
            if verdict is not None:
                return verdict
        if annotation is not None:
            # an annotation nothing can follow: a session only if it reads like a session alias
            return name in SESSION_NAMES and self._session_alias_like(annotation)
        return None

    def _annotation_session(self, annotation: ast.expr | None) -> bool | None:
        base, metadata = self.unwrap_annotation(annotation)
        if base is None:
            return None
        if isinstance(base, ast.Subscript):  # AsyncGenerator[AsyncSession, None] is not a session
            return False
        if not isinstance(base, (ast.Name, ast.Attribute)):
            return None
        qualname = self.resolve(base)
        if qualname in SESSION_TYPES or self._bare_session_name(base):
            return True
        if self.is_builtin(base):
            return False
        verdict = _symbol_as_type(self.index, self.symbol(base), 0)
        if verdict is not None:
            return verdict
        for item in metadata:  # ``Annotated[Any, Depends(get_db)]``
            target = self.depends_target(item)
            if target is not None:
                verdict = self._callee_session(target)
                if verdict is not None:
                    return verdict
        return None

    def _callee_session(self, func: ast.expr) -> bool | None:
        """Does calling ``func`` make a database session (or, for a dependency, give one)?"""
        if not isinstance(func, (ast.Name, ast.Attribute)):
            return None
        qualname = self.resolve(func)
        if qualname in SESSION_TYPES:
            return True
        if qualname in SESSION_MAKERS:
            return False  # ``sessionmaker(...)`` makes a factory
        if qualname in SCOPED_SESSIONS:
            return False  # ``scoped_session(...)`` makes the registry (see _value_is_session)
        if self.is_test_double(func):
            return False  # ``MagicMock()`` / ``maker = MagicMock(); maker()``: a test double
        if self.imported_from(func, *NON_DB_SESSION_MODULES, *NON_ORM_DB_MODULES):
            return False
        if last_name(func) in NON_SESSION_CLASS_NAMES:
            return False
        if isinstance(func, ast.Name) and self.is_builtin(func):
            return False
        return _callee_makes_session(self.index, self.symbol(func), 0)

    def _value_session(self, value: ast.expr, entered: bool) -> bool | None:
        if isinstance(value, ast.Await):
            value = value.value
        if isinstance(value, ast.Call):
            func = value.func
            if entered and isinstance(func, ast.Attribute) and func.attr in ("begin", "begin_nested"):
                return False  # ``async with session.begin() as tx`` binds a transaction
            if isinstance(func, (ast.Name, ast.Attribute)) and self.resolve(func) in SCOPED_SESSIONS:
                return True  # ``db = scoped_session(SessionLocal)``
            return self._callee_session(func)
        if isinstance(value, _NOT_SESSION_VALUES):
            return False
        return None

    def _self_attr_session(self, attr: str) -> bool | None:
        """``self.<attr>`` of a method: what the class's methods assign to it (``self.session
        = aiohttp.ClientSession()`` is no database session)."""
        for i in range(len(self.frames) - 1, 0, -1):
            frame = self.frames[i]
            if frame.kind != "class":
                continue
            cls = frame.node
            if not isinstance(cls, ast.ClassDef) or self.classes.get(cls.name) is not cls:
                return None
            summary = self.index.summary(self.filename)
            info = (summary or {}).get("classes", {}).get(cls.name) or {}
            desc = info.get("attrs", {}).get(attr)
            if desc is None:
                return None
            return _desc_value_session(self.index, _abspath(self.filename), desc, 0)
        return None

    def _session_alias_like(self, annotation: ast.expr) -> bool:
        """An annotation we cannot resolve that still reads like a session alias
        (``SessionDep``, ``DbSession``), not a known non-database ``Session``."""
        base, _ = self.unwrap_annotation(annotation)
        if base is None or isinstance(base, ast.Subscript):
            return False
        qualname = self.resolve(base) or ""
        if qualname.split(".", 1)[0] in NON_DB_SESSION_MODULES:
            return False
        if qualname in SESSION_TYPES:
            return True
        tail = qualname.rsplit(".", 1)[-1]
        return bool(_SESSION_ALIAS_NAME.search(tail)) and tail not in ("ClientSession",)

    # -- dependencies -------------------------------------------------------------

    def is_depends(self, expr: ast.AST | None) -> bool:
        """``expr`` is a call of FastAPI's ``Depends``/``Security`` (however imported)."""
        return isinstance(expr, ast.Call) and self.resolve(expr.func) in DEPENDS_CALLS

    def depends_target(self, expr: ast.AST | None) -> ast.expr | None:
        """The dependency of ``Depends(get_db)`` / ``Security(f, scopes=[...])`` /
        ``Depends(dependency=f)``; ``None`` when ``expr`` is no such call or names no
        dependency (``Depends()``, which depends on the annotation's class)."""
        if not self.is_depends(expr):
            return None
        assert isinstance(expr, ast.Call)
        if expr.args:
            return expr.args[0]
        for kw in expr.keywords:
            if kw.arg == "dependency":
                return kw.value
        return None

    def param_depends(self, fn: ast.AST, name: str) -> ast.Call | None:
        """The ``Depends(...)`` of parameter ``name`` of ``fn``: its default, or in the
        ``Annotated`` metadata of its annotation (aliases of this file followed)."""
        default = param_default(fn, name)
        if self.is_depends(default):
            return default  # type: ignore[return-value]
        args = getattr(fn, "args", None)
        if not isinstance(args, ast.arguments):
            return None
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            if arg.arg == name and arg.annotation is not None:
                _, metadata = self.unwrap_annotation(arg.annotation)
                for item in metadata:
                    if self.is_depends(item):
                        return item  # type: ignore[return-value]
        return None

    def takes_dependencies(self, fn: ast.AST) -> bool:
        """``fn`` has a parameter filled by FastAPI's dependency injection: a
        ``Depends(...)`` default, ``Annotated[..., Depends(...)]``, or an ``Annotated``
        alias of another module holding ``Depends(...)`` (``SessionDep``)."""
        args = getattr(fn, "args", None)
        if not isinstance(args, ast.arguments):
            return False
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            if self.param_depends(fn, arg.arg) is not None:
                return True
            if arg.annotation is not None:
                base, _ = self.unwrap_annotation(arg.annotation)
                if isinstance(base, (ast.Name, ast.Attribute)):
                    sym = self.symbol(base)
                    if sym is not None and sym.kind == "value" and desc_has_depends(sym.info):
                        return True
        return False

    @property
    def model_classes(self) -> frozenset[str]:
        """Names that are Pydantic model classes here: classes of this file that inherit
        ``BaseModel``/``BaseSettings``/``RootModel``/``SQLModel`` (directly or through
        classes of this file), and names imported from the configured schema modules."""
        return self.memo("model_classes", self._compute_model_classes)

    def _compute_model_classes(self) -> frozenset[str]:
        models: set[str] = set()
        for name, qualname in self.module_imports.items():
            if qualname in PYDANTIC_BASES:
                models.add(name)
            elif self._from_schema_module(qualname):
                models.add(name)
        changed = True
        while changed:
            changed = False
            for name, cls in self.classes.items():
                if name in models:
                    continue
                for base in cls.bases:
                    target = base.value if isinstance(base, ast.Subscript) else base
                    if self.resolve(target) in PYDANTIC_BASES or (
                        isinstance(target, ast.Name) and target.id in models
                    ) or self._imported_model(target):
                        models.add(name)
                        changed = True
                        break
        return frozenset(models)

    def _imported_model(self, expr: ast.AST) -> bool:
        """``expr`` names a Pydantic model class of another module of the project."""
        text = dotted_name(expr)
        if text is None:
            return False
        head = text.split(".", 1)[0]
        if self.module_imports.get(head) is None:
            return False
        cache = self.memo("imported_models", dict)
        found = cache.get(text)
        if found is None:
            found = cache[text] = "pydantic" in self.class_kinds(expr)
        return found

    def _from_schema_module(self, qualname: str) -> bool:
        """``qualname`` was imported from a configured schema module or a submodule of it
        (``app.schemas.user`` is in ``app.schemas``); relative imports are made absolute
        from the file's path (``from ..schemas.user import X`` in ``src/app/api/v1.py``)."""
        if not self.settings.schema_modules:
            return False
        if qualname.startswith("."):
            level = len(qualname) - len(qualname.lstrip("."))
            package = [p for p in self.filename.replace("\\", "/").split("/")[:-1] if p not in ("", ".")]
            if level > 1:
                package = package[: -(level - 1)] if level - 1 <= len(package) else []
            qualname = ".".join([*package, qualname.lstrip(".")])
        module = qualname.rsplit(".", 1)[0] if "." in qualname else ""
        dotted = f".{module}."
        return any(f".{m}." in dotted for m in self.settings.schema_modules)

    def is_model_class(self, expr: ast.expr) -> bool:
        """A Pydantic model class: known from this file, a configured schema module, or the
        project index (a class of another module deriving ``BaseModel``, at any depth)."""
        if isinstance(expr, ast.Name):
            if expr.id in PYDANTIC_BASE_NAMES and self.resolve(expr) in PYDANTIC_BASES:
                return False
            if expr.id in self.model_classes:
                return expr.id not in PYDANTIC_BASE_NAMES
        if isinstance(expr, (ast.Name, ast.Attribute)) and self.lookup(_head_id(expr)) is not None:
            return self._imported_model(expr)
        return False

    # -- reporting ----------------------------------------------------------------

    def report(self, node: ast.AST | tuple[int, int], rule: Rule, **kwargs: object) -> None:
        """Report ``rule`` at ``node`` (or at ``(line, col)``, col 0-based UTF-8 bytes)."""
        if rule.code not in self.enabled:
            return
        if isinstance(node, tuple):
            line, col = node
        else:
            line, col = node.lineno, node.col_offset  # type: ignore[attr-defined]
        message = rule.format(**kwargs)
        self.findings.append((line, col, message))
        end_line = getattr(node, "end_lineno", None)
        if end_line is not None:
            self.ends[(line, col, message)] = (end_line, node.end_col_offset)  # type: ignore[union-attr]

    def wants(self, *rules: Rule) -> bool:
        enabled = self.enabled
        for r in rules:  # a loop, not any(...): asked tens of thousands of times per file set
            if r.code in enabled:
                return True
        return False

    def state(self, kind: type[S]) -> S:
        """The file's instance of a rule's state class: a small class the rule declares
        next to its visitors (made with ``kind()`` on first use). Per-scope state:
        ``ctx.frame.state(kind)``."""
        found = self._states.get(kind)
        if found is None:
            found = self._states[kind] = kind()
        return found

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a per-file fact once."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value


PYDANTIC_BASE_NAMES = frozenset(q.rsplit(".", 1)[-1] for q in PYDANTIC_BASES)


_UNSET = object()

PYDANTIC_SETTINGS_BASES = frozenset(
    {"pydantic.BaseSettings", "pydantic_settings.BaseSettings", "pydantic.v1.BaseSettings", "pydantic.env_settings.BaseSettings"}
)
#: the standard library's enum classes: a class deriving from one is a value type
ENUM_BASES = frozenset(
    {"enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag", "enum.ReprEnum"}
)

ORM_BASES = frozenset(
    {
        "sqlalchemy.orm.DeclarativeBase",
        "sqlalchemy.orm.DeclarativeBaseNoMeta",
        "sqlalchemy.orm.decl_api.DeclarativeBase",
        "sqlalchemy.orm.declarative_base()",
        "sqlalchemy.ext.declarative.declarative_base()",
        "sqlalchemy.orm.decl_api.declarative_base()",
        "flask_sqlalchemy.SQLAlchemy.Model",
    }
)


def kinds_of(ancestors: frozenset[str] | set[str], sym: Symbol | None = None) -> frozenset[str]:
    """Class kinds from a class's external ancestors (see :meth:`Context.class_kinds`)."""
    kinds = set()
    if ancestors & PYDANTIC_BASES:
        kinds.add("pydantic")
        if any(a.startswith("pydantic.v1.") for a in ancestors):
            kinds.add("pydantic_v1")
    if ancestors & PYDANTIC_SETTINGS_BASES:
        kinds.add("settings")
    if ancestors & ORM_BASES:
        kinds.add("orm")
    if "sqlmodel.SQLModel" in ancestors and sym is not None and sym.kind == "class":
        if (sym.info or {}).get("kw", {}).get("table") is True:
            kinds.add("orm")
    if ancestors & ENUM_BASES:
        kinds.add("enum")
    return frozenset(kinds)


def globs_configured(settings: Settings, layer: str | None) -> bool:
    """The user replaced the default globs of ``layer``."""
    if layer is None:
        return False
    from .settings import DEFAULT_LAYER_GLOBS

    return tuple(settings.layer_globs.get(layer, ())) != DEFAULT_LAYER_GLOBS.get(layer, ())


def imports_routers(imports: dict[str, str], settings: Settings | None = None) -> bool:
    """A module's imports bring in routers (``from app.api.routes.users import router``)
    or routes modules (``from app.routers import items``, by the routes globs)."""
    for local, qualname in imports.items():
        if router_like(local) and local.lower().endswith("router"):
            return True
        tail = qualname.rsplit(".", 1)[-1]
        if tail.lower().endswith("router"):
            return True
        if settings is not None:
            parts = [p for p in qualname.lstrip(".").split(".") if p]
            if len(parts) > 1 and settings.layer_of("_/" + "/".join(parts) + ".py") == "routes":
                return True
    return False


def summary_layer(
    index: ProjectIndex, settings: Settings, path: str, path_layer: str | None, by_directory: bool
) -> str | None:
    """:func:`content_layer` of a project module from its summary (routes, classes and
    their kinds through the index, functions, imports): the same judgement
    :attr:`Context.layer` makes of the checked file."""
    if path_layer in ("tests", "scripts") or globs_configured(settings, path_layer):
        return path_layer
    summary = index.summary(path)
    if summary is None:
        return path_layer
    full = _abspath(path)

    def class_kinds() -> list[frozenset[str]]:
        kinds = []
        for name, info in summary["classes"].items():
            sym = Symbol("class", f"{full}:{name}", full, name, info)
            kinds.append(kinds_of(index.external_ancestors(sym), sym))
        return kinds

    return content_layer(
        path_layer,
        by_directory,
        has_routes=summary.get("routes", 0) > 0,
        class_kinds=class_kinds,
        functions=len(summary["functions"]),
        imports_routers=lambda: imports_routers(summary["imports"], settings),
        directory_layer=lambda: directory_layer(settings, path),
    )


def content_layer(
    path_layer: str | None,
    by_directory: bool,
    *,
    has_routes: bool,
    class_kinds: Callable[[], list[frozenset[str]]],
    functions: int,
    imports_routers: Callable[[], bool],
    directory_layer: Callable[[], str | None] = lambda: None,
) -> str | None:
    """A module's layer from what it defines, where the path's default globs say little or
    could be wrong: route handlers make a routes module (``routers/models.py`` with
    handlers); a ``schema.py``/``models.py`` that defines no classes but functions is no
    schemas/models module (``openapi/schema.py`` assembling the routers' document); a module
    in a services/ or repositories/ directory that holds only Pydantic classes is a schemas
    module (``services/search/model.py``), one that holds only ORM classes a models one,
    one that holds only enums has no layer (``services/acr.py``: an ``ACR`` enum); so is a
    ``service.py`` file name under a models/schemas directory (``directory_layer``) when the
    file holds only such classes (``models/v2/core/service.py``: the Service entity's
    Pydantic models), and a routes path with no route handlers, no functions and only
    such classes (``models/routers.py``: a load balancer's config models, "router" in
    another sense)."""
    if path_layer in ("main", "dependencies"):
        return path_layer
    if has_routes and (path_layer in (None, "models", "schemas") or by_directory):
        # a file name such as ``user_service.py`` still says more than its handlers
        return "routes"
    if path_layer in ("models", "schemas"):
        kinds = class_kinds()
        if not kinds and functions and imports_routers():
            return None
        return path_layer
    if path_layer in ("services", "repositories", "routes") and not functions:
        data = _data_layer(class_kinds())
        if data is not _NOT_DATA and (by_directory or directory_layer() in ("models", "schemas")):
            return data
    return path_layer


#: :func:`_data_layer` of a module that defines something else than data classes
_NOT_DATA = "?"


def _data_layer(kinds: list[frozenset[str]]) -> str | None:
    """The layer of a module whose classes are all data classes: ``models`` (ORM classes),
    ``schemas`` (Pydantic classes), ``None`` (enums only: constants, no layer); enums
    next to the others do not change it. :data:`_NOT_DATA` when a class is of another
    kind or the module defines none."""
    if not kinds:
        return _NOT_DATA
    data = [k for k in kinds if "enum" not in k]
    if not data:
        return None
    if all("orm" in k for k in data):
        return "models"
    if all("pydantic" in k and "orm" not in k for k in data):
        return "schemas"
    return _NOT_DATA


def directory_layer(settings: Settings, path: str) -> str | None:
    """The layer that the directories of ``path`` give, whatever its file name says
    (``zenml/models/v2/core/service.py`` -> ``models``)."""
    head = normalize_path(path).rsplit("/", 1)[0]
    layer, by_directory = settings.classify(head + "/_.py")
    return layer if by_directory else None


# -- sessions across modules (the project index's summaries) ---------------------------


def _abspath(path: str) -> str:
    return os.path.abspath(path)


def param_default(fn: ast.AST | None, name: str) -> ast.expr | None:
    """The default value of parameter ``name`` of a function or lambda."""
    args = getattr(fn, "args", None)
    if not isinstance(args, ast.arguments):
        return None
    positional = [*args.posonlyargs, *args.args]
    offset = len(positional) - len(args.defaults)
    for i, arg in enumerate(positional):
        if arg.arg == name:
            return args.defaults[i - offset] if i >= offset else None
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        if arg.arg == name:
            return default
    return None


def _non_session_name(qualname: str) -> bool:
    """An external name that is known not to be (or make) a database session."""
    head = qualname.split(".", 1)[0]
    return (
        head in NON_DB_SESSION_MODULES
        or head in NON_ORM_DB_MODULES
        or qualname.rsplit(".", 1)[-1] in NON_SESSION_CLASS_NAMES
        or qualname in ("builtins.dict", "dict", "str", "int", "bool", "list", "bytes")
    )


def depends_desc_target(desc: dict | None) -> str | None:
    """The dependency a ``Depends(get_db)`` description names (as its module spells it)."""
    if not desc or desc.get("k") != "call" or desc.get("f") not in DEPENDS_CALLS:
        return None
    if desc.get("ar"):
        return desc["ar"]
    first = desc.get("a")
    return first[1:] if isinstance(first, str) and first.startswith("$") else None


def desc_has_depends(desc: dict | None, depth: int = 0) -> bool:
    """A value description of an ``Annotated[..., Depends(...)]`` alias."""
    if not desc or depth > _SESSION_DEPTH or desc.get("k") != "sub":
        return False
    if str(desc.get("of", "")).rsplit(".", 1)[-1] == "Annotated":
        items = desc.get("items") or []
        if any(isinstance(m, dict) and m.get("k") == "call" and m.get("f") in DEPENDS_CALLS for m in items[1:]):
            return True
        return bool(items) and desc_has_depends(items[0], depth + 1)
    return False


def _symbol_as_type(index: ProjectIndex, sym: Symbol | None, depth: int) -> bool | None:
    """``sym`` used as an annotation: a session type (``True``), another type (``False``),
    or unknown."""
    if sym is None or depth > _SESSION_DEPTH:
        return None
    if sym.kind == "external":
        if sym.qualname in SESSION_TYPES:
            return True
        return False if _non_session_name(sym.qualname) else None
    if sym.kind == "class":
        ancestors = index.external_ancestors(sym)
        if ancestors & SESSION_TYPES:
            return True
        return None if "?" in ancestors else False
    if sym.kind == "value" and sym.path is not None:  # a type alias
        return _desc_as_type(index, sym.path, sym.info, depth + 1)
    if sym.kind in ("function", "module"):
        return False
    return None


def _desc_as_type(index: ProjectIndex, path: str, desc: dict | None, depth: int) -> bool | None:
    if not desc or depth > _SESSION_DEPTH:
        return None
    kind = desc.get("k")
    if kind == "ref" and desc.get("n"):
        return _symbol_as_type(index, index.lookup(path, desc["n"]), depth + 1)
    if kind == "sub":
        tail = str(desc.get("of", "")).rsplit(".", 1)[-1]
        items = desc.get("items") or []
        if tail == "Annotated" and items:
            verdict = _desc_as_type(index, path, items[0], depth + 1)
            if verdict is not None:
                return verdict
            for meta in items[1:]:  # ``Annotated[Any, Depends(get_db)]``
                target = depends_desc_target(meta)
                if target is not None:
                    return _callee_makes_session(index, index.lookup(path, target), depth + 1)
            return None
        if tail == "Optional" and items:
            return _desc_as_type(index, path, items[0], depth + 1)
        return False  # ``AsyncGenerator[AsyncSession, None]``, ``list[X]``: a container
    return None


def _callee_makes_session(index: ProjectIndex, sym: Symbol | None, depth: int) -> bool | None:
    """Calling ``sym`` (or FastAPI resolving it as a dependency) gives a session?"""
    if sym is None or depth > _SESSION_DEPTH:
        return None
    if sym.kind == "external":
        if sym.qualname in SESSION_TYPES:
            return True
        if sym.qualname in SESSION_MAKERS or sym.qualname in SCOPED_SESSIONS:
            return False
        return False if _non_session_name(sym.qualname) else None
    if sym.kind == "class":
        return _symbol_as_type(index, sym, depth + 1)
    if sym.kind == "value" and sym.path is not None:
        desc = sym.info or {}
        if desc.get("k") == "call" and desc.get("f"):
            # ``SessionLocal = sessionmaker(...)``, then ``SessionLocal()``
            maker = index.lookup(sym.path, desc["f"])
            if maker is not None and maker.kind == "external":
                if maker.qualname in SESSION_MAKERS or maker.qualname in SCOPED_SESSIONS:
                    return True
                if _non_session_name(maker.qualname):
                    return False
        return None
    if sym.kind == "function" and sym.path is not None:
        return _function_makes_session(index, sym, depth + 1)
    if sym.kind == "module":
        return False
    return None


def _function_makes_session(index: ProjectIndex, sym: Symbol, depth: int) -> bool | None:
    """A project function that returns or yields a session: its return annotation says so
    (``-> AsyncSession``, ``-> AsyncGenerator[AsyncSession, None]``), or what it returns or
    yields is made by a session factory."""
    info = sym.info or {}
    path = sym.path or ""
    ann = info.get("ann")
    if ann:
        verdict = _symbol_as_type(index, index.lookup(path, ann), depth + 1)
        if verdict is not None:
            return verdict
    rtype = info.get("rt")
    if isinstance(rtype, dict) and rtype.get("k") == "sub":
        tail = str(rtype.get("of", "")).rsplit(".", 1)[-1]
        items = rtype.get("items") or []
        if tail in _YIELDING_TYPES and items:
            verdict = _desc_as_type(index, path, items[0], depth + 1)
        else:
            verdict = _desc_as_type(index, path, rtype, depth + 1)
        if verdict is not None:
            return verdict
    verdicts = [_desc_value_session(index, path, d, depth + 1) for d in (*info.get("yld", ()), *info.get("ret", ()))]
    if any(v is True for v in verdicts):
        return True
    if verdicts and all(v is False for v in verdicts):
        return False
    return None


def _desc_value_session(index: ProjectIndex, path: str, desc: dict | None, depth: int) -> bool | None:
    """The value a description of module ``path`` stands for is a session?"""
    if not desc or depth > _SESSION_DEPTH:
        return None
    kind = desc.get("k")
    if kind == "call" and desc.get("f"):
        callee = index.lookup(path, desc["f"])
        if callee is not None and callee.kind == "external" and callee.qualname in SCOPED_SESSIONS:
            return True
        return _callee_makes_session(index, callee, depth + 1)
    if kind == "ref" and desc.get("n"):
        return _value_is_session(index, index.lookup(path, desc["n"]), depth + 1)
    if kind == "ann" and desc.get("t"):
        return _symbol_as_type(index, index.lookup(path, desc["t"]), depth + 1)
    if kind in ("const", "tuple"):
        return False
    return None


def _value_is_session(index: ProjectIndex, sym: Symbol | None, depth: int) -> bool | None:
    """A name imported from another module, used as a value: a session object?"""
    if sym is None or depth > _SESSION_DEPTH:
        return None
    if sym.kind == "value" and sym.path is not None:
        return _desc_value_session(index, sym.path, sym.info, depth + 1)
    if sym.kind in ("class", "function", "module"):
        return False
    if sym.kind == "external" and _non_session_name(sym.qualname):
        return False
    return None


def dotted_name(node: ast.AST) -> str | None:
    """The source of a name or attribute chain (``api.router``), without following imports."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _string_items(node: ast.AST) -> tuple[str, ...] | None:
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = []
        for elt in node.elts:
            if isinstance(elt, ast.Constant) and isinstance(elt.value, str):
                items.append(elt.value)
            else:
                return None
        return tuple(items)
    return None


def _head_id(expr: ast.AST) -> str:
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return expr.id if isinstance(expr, ast.Name) else ""


def _is_none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def is_main_test(test: ast.expr) -> bool:
    """``__name__ == "__main__"`` (or ``"__main__" == __name__``)."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
        sides = [test.left, test.comparators[0]]
        has_name = any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides)
        has_main = any(string_value(s) == "__main__" for s in sides)
        return has_name and has_main
    return False


def last_name(expr: ast.expr) -> str | None:
    """The last name of a callee or reference: ``Session`` of ``orm.Session``, ``f`` of ``f``."""
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Name):
        return expr.id
    return None


def short_source(node: ast.AST, limit: int = 40) -> str:
    """The node's source for a message, cut to ``limit`` characters."""
    try:
        text = ast.unparse(node)
    except Exception:  # pragma: no cover - unparse handles every parsed node
        return "..."
    return text if len(text) <= limit else text[: limit - 3] + "..."


def comment_of(line: str) -> str | None:
    """The text after a ``#`` outside string literals on one physical line
    (single-line strings), else ``None``."""
    if "#" not in line:
        return None
    quote = None
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if line.startswith(quote, i):
                i += len(quote)
                quote = None
                continue
        elif ch == "#":
            return line[i + 1 :]
        elif ch in "\"'":
            quote = line[i : i + 3] if line[i : i + 3] in ('"""', "'''") else ch
            i += len(quote)
            continue
        i += 1
    return None


def string_value(node: ast.AST | None) -> str | None:
    """The value of a string literal, else ``None``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def keyword(call: ast.Call, name: str) -> ast.keyword | None:
    for kw in call.keywords:
        if kw.arg == name:
            return kw
    return None


def has_kwargs_splat(call: ast.Call) -> bool:
    return any(kw.arg is None for kw in call.keywords)
