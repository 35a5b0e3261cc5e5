"""Facts about one file, computed once and read by every rule.

:class:`Context` is built from the tree flake8 parsed.  A cheap pre-pass over the
module's top-level statements collects imports, top-level functions, classes and
assignments; everything else is either maintained by the single walk in
:mod:`.walker` (scope frames, ancestors) or computed lazily on first use and cached.
"""

from __future__ import annotations

import ast
import builtins
from typing import Any, Callable, Iterator, Sequence, TypeVar

from . import project as _project
from .project import ROUTE_DECORATORS, ProjectIndex, Symbol, router_like, target_names
from .line_budget import LineBudget, LineEdit, source_text
from .registry import Rule
from .registry import declined as _declined
from .settings import Settings
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


from .layers import (  # noqa: F401  (re-exported: the rules import them from here)
    ENUM_BASES,
    ORM_BASES,
    PYDANTIC_BASE_NAMES,
    PYDANTIC_BASES,
    PYDANTIC_SETTINGS_BASES,
    content_layer,
    directory_layer,
    globs_configured,
    imports_routers,
    kinds_of,
    summary_layer,
)
from .names import DEPENDS_CALLS, depends_desc_target, desc_has_depends  # noqa: F401
from .sessions import (  # noqa: F401
    MOCK_MODULES,
    NON_DB_SESSION_MODULES,
    NON_ORM_DB_MODULES,
    NON_SESSION_CLASS_NAMES,
    SCOPED_SESSIONS,
    SESSION_ATTRS,
    SESSION_MAKERS,
    SESSION_NAMES,
    SESSION_TYPES,
    SessionFacts,
)
from . import syntax as _syntax
from .syntax import (  # noqa: F401
    FUNCTION_TYPES,
    SCOPE_TYPES,
    _head_id,
    _is_none,
    _string_items,
    comment_of,
    dotted_name,
    has_kwargs_splat,
    is_main_test,
    last_name,
    param_default,
    short_source,
    string_value,
)


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

    __slots__ = ("node", "kind", "is_async", "route", "params", "has_await", "bindings", "states")

    def __init__(
        self,
        node: ast.AST,
        kind: str,
        is_async: bool = False,
        route: RouteInfo | None = None,
        params: dict[str, ast.expr | None] | None = None,
        has_await: bool = False,
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
        #: names bound in this scope so far in the walk (module scope: see ``Context.bindings``)
        self.bindings: dict[str, Binding] = {} if bindings is None else bindings
        #: per-rule state of this scope, by its class (:meth:`state`)
        self.states: dict[type, Any] = {} if states is None else states

    def _fields(self) -> tuple:
        return (self.node, self.kind, self.is_async, self.route, self.params, self.has_await,
                self.bindings, self.states)

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


class Context(SessionFacts):
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

    def report(
        self,
        node: ast.AST | tuple[int, int],
        rule: Rule,
        *,
        fixable: bool = True,
        edits: Sequence[LineEdit] | None = None,
        declined: str | None = None,
        **kwargs: object,
    ) -> None:
        """Report ``rule`` at ``node`` (or at ``(line, col)``, col 0-based UTF-8 bytes).

        For a rule with a fix: ``fixable=False`` where the fixer leaves the finding to the
        user; ``edits``, the edits the fix will make, so that a fix the fixer would decline
        for the project's line length is not offered (:meth:`rewrite_blocker`);
        ``declined``, the reason the fix is not offered, shown in the message."""
        if rule.code not in self.enabled:
            return
        if isinstance(node, tuple):
            line, col = node
        else:
            line, col = node.lineno, node.col_offset  # type: ignore[attr-defined]
        if fixable and edits is not None and declined is None and rule.fix is not None:
            declined = self.rewrite_blocker(edits)
        if declined is not None and rule.fix is not None:
            message = _declined(rule.format(False, **kwargs), declined)
        else:
            message = rule.format(fixable, **kwargs)
        self.findings.append((line, col, message))
        end_line = getattr(node, "end_lineno", None)
        if end_line is not None:
            self.ends[(line, col, message)] = (end_line, node.end_col_offset)  # type: ignore[union-attr]

    def text_of(self, node: ast.AST) -> str:
        """The source text of ``node`` (needs :attr:`lines`)."""
        assert self.lines is not None
        return source_text(self.lines, node)

    def written_name(self, module: str, name: str | None = None) -> str:
        """The name a fix writes for ``module`` (or ``module.name``), as the fixer's
        ``Source.use`` chooses it: a module-level import's (the longest, if several: the
        lint path measures an upper bound), or the name itself, which the fix imports."""
        qualname = f"{module}.{name}" if name else module
        names = [local for local, imported in self.module_imports.items() if imported == qualname]
        return max(names, key=len) if names else (name or module)

    def rewrite_blocker(self, edits: Sequence[LineEdit]) -> str | None:
        """Why a fix making ``edits`` would leave a line over the project's line length
        (where the line was within it), or None; a rewrite it lets through is counted, so
        the next one of the same line is measured against the longer line. Ask it only for
        a finding reported as fixable."""
        budget = self.memo("context.line_budget", self._line_budget)
        return budget.blocker(edits) if budget is not None else None

    def _line_budget(self) -> LineBudget | None:
        limit = self.targets.line_length
        if limit is None or self.lines is None:
            return None
        return LineBudget(self.lines, limit, self.targets.line_length_source)

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




_UNSET = object()


#: re-exported for the rules (imported after RouteInfo, whose method of that name it would shadow)
keyword = _syntax.keyword
