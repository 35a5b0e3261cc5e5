"""Names the project index and the rules share: route decorators, router factories,
FastAPI's HTTP exceptions, project root markers, and the helpers that read dotted names
and import bindings from the syntax tree."""

from __future__ import annotations

import ast
import sys
from typing import Iterator


ROUTE_DECORATORS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "trace", "api_route", "websocket"}
)
ROUTER_FACTORIES = frozenset(
    {"fastapi.FastAPI", "fastapi.APIRouter", "fastapi.routing.APIRouter", "fastapi.applications.FastAPI"}
)
HTTP_EXCEPTIONS = frozenset(
    {
        "fastapi.HTTPException",
        "fastapi.exceptions.HTTPException",
        "starlette.exceptions.HTTPException",
    }
)
ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "tox.ini", ".flake8", ".git")
#: absolute imports of these are the standard library's, whatever the project holds
_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) - {"__main__"}
#: how many calls of one function a summary keeps (bounds a generated module's summary)
_MAX_CALLS = 400
#: how many hops a name is followed through re-exports and aliases
_MAX_HOPS = 12

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_TRY_TYPES = tuple(t for t in (ast.Try, getattr(ast, "TryStar", None)) if t is not None)
def router_like(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith("router") or lowered.endswith("app")


def dotted(node: ast.AST | None) -> str | None:
    """``a.b.c`` of a name or attribute chain, else ``None``."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def import_bindings(stmt: ast.Import | ast.ImportFrom) -> Iterator[tuple[str, str]]:
    """``(local name, qualified name)`` of an import statement; relative modules keep
    their leading dots (``from ..models import User`` binds ``User`` to ``..models.User``)."""
    if isinstance(stmt, ast.Import):
        for alias in stmt.names:
            if alias.asname:
                yield alias.asname, alias.name
            else:
                head = alias.name.split(".", 1)[0]
                yield head, head
        return
    module = "." * (stmt.level or 0) + (stmt.module or "")
    sep = "" if module.endswith(".") else "."
    for alias in stmt.names:
        if alias.name != "*":
            yield alias.asname or alias.name, f"{module}{sep}{alias.name}"


#: how deep a session or dependency is followed through the project's functions
_SESSION_DEPTH = 6


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
