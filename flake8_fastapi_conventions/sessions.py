"""What is a database session: SQLAlchemy/SQLModel session types, the factories that make
them, and :class:`SessionFacts`, the part of the :class:`~.context.Context` that tells a
session from an HTTP client or a mock — through annotations, bindings, dependencies and the
project index (a function of another module that yields a session)."""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from . import lazy_re
from .layers import _abspath
from .names import _SESSION_DEPTH, depends_desc_target
from .project import ProjectIndex, Symbol
from .syntax import last_name, param_default

if TYPE_CHECKING:
    from .context import Binding


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

_YIELDING_TYPES = frozenset(
    {"Generator", "AsyncGenerator", "Iterator", "AsyncIterator", "Iterable", "AsyncIterable",
     "ContextManager", "AsyncContextManager", "AbstractContextManager", "AbstractAsyncContextManager"}
)
_SESSION_FACTORY_NAME = lazy_re.compile(
    r"^_?(async_?)?(session_?(local|maker|factory)|local_?session|async_session|sessionlocal)$", re.I
)
#: how many hops the session detector follows through aliases, dependencies and factories
_NOT_SESSION_VALUES = (
    ast.Constant, ast.Dict, ast.List, ast.Tuple, ast.Set, ast.JoinedStr, ast.ListComp,
    ast.DictComp, ast.SetComp, ast.GeneratorExp, ast.Lambda, ast.Compare, ast.BinOp,
)

_SESSION_ALIAS_NAME = lazy_re.compile(r"(Session|Db|DB)")


def _non_session_name(qualname: str) -> bool:
    """An external name that is known not to be (or make) a database session."""
    head = qualname.split(".", 1)[0]
    return (
        head in NON_DB_SESSION_MODULES
        or head in NON_ORM_DB_MODULES
        or qualname.rsplit(".", 1)[-1] in NON_SESSION_CLASS_NAMES
        or qualname in ("builtins.dict", "dict", "str", "int", "bool", "list", "bytes")
    )


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


class SessionFacts:
    """The session questions of :class:`~.context.Context` (a mixin: it reads the context's
    bindings, imports and project index)."""

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
