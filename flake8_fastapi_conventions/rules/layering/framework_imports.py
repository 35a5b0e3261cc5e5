"""XFA202: a service or repository that imports FastAPI/Starlette."""

from __future__ import annotations

import ast
import re

from ...context import Context, FUNCTION_TYPES
from ...registry import moved_off, rule, visitor
from ._shared import _LAYER_NAMES, file_layer
from .http_exception_in_service import HTTPExceptionUse, _http_exception, _is_dependency_function, reports_raises

XFA202 = rule(
    "XFA202",
    "framework-import-in-service",
    default=False,
    precision=moved_off("4 of 20"),
    seeds=("002", "004"),
    message="{layer} imports the web framework ({module})",
    fix_hint="keep {layers} framework-free: take plain values and raise domain exceptions, and leave Request/Response/Depends/status to the routes",
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
        "`from fastapi import HTTPException` when [[http-exception-in-service]] already reports the file's "
        "`raise HTTPException(...)`: one problem, one finding; so is an import whose names "
        "appear only in the raises [[http-exception-in-service]] reports (`status` in "
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


_LAYER_PLURALS = {"services": "services", "repositories": "repositories"}


@visitor(ast.Import, ast.ImportFrom, codes=(XFA202,))
def framework_imports_in_services(node: ast.Import | ast.ImportFrom, ctx: Context) -> None:
    if ctx.in_type_checking:
        return
    layer = file_layer(ctx)
    if layer in ("services", "repositories") and ctx.wants(XFA202):
        _framework_import(node, ctx, layer)


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
            if reports_raises(ctx) and (
                covered == "raises"
                or (isinstance(node, ast.ImportFrom) and all(a.name == "HTTPException" for a in node.names))
            ):
                # reported at the end of the file unless http-exception-in-service reports its raises
                ctx.frames[0].state(HTTPExceptionUse).imports.append((node, module))
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
    ``http-exception-in-service`` reports (``status`` in ``raise HTTPException(status.HTTP_404_NOT_FOUND)``, a
    ``Depends`` of the provider next to it): that is that rule's problem, one finding is
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
    raise ``http-exception-in-service`` reports (outside providers), and elsewhere (a string in an annotation
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
    """``http-exception-in-service`` reports this raise (outside dependency providers, which the caller skips):
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
    ``http-exception-in-service`` reported the raises, the import is not reported again."""
    use = ctx.frames[0].state(HTTPExceptionUse)
    pending = use.imports
    if not pending or use.raised:
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
