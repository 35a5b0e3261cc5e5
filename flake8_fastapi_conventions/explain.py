"""``fastapi-conventions explain PATH``: what the plugin knows about a file — its project,
its layer and why, the versions the project declares, what it defines, and what its imports
of other project modules are (the facts cross-module findings rest on)."""

from __future__ import annotations

import ast
import os
from fnmatch import fnmatchcase

from .context import Context
from .project import ROOT_MARKERS, find_root
from .settings import LAYER_ORDER, Settings, normalize_path, path_in_nested_project
from .targets import project_targets


def _glob_that_matched(settings: Settings, path: str, layer: str, by_directory: bool) -> str | None:
    paths = [normalize_path(path)]
    nested = path_in_nested_project(path)
    if nested is not None and layer not in LAYER_ORDER[:2]:
        paths.insert(0, nested)  # as Settings.classify reads it
    for norm in paths:
        for pattern in settings.layer_globs.get(layer, ()):
            if layer in LAYER_ORDER[:2] or pattern.endswith("/*") == by_directory:
                if fnmatchcase(norm, pattern):
                    return pattern
    return None


def _layer_lines(ctx: Context, settings: Settings, path: str) -> list[str]:
    path_layer, by_directory = settings.classify(path)
    layer = ctx.layer
    if path_layer is None:
        said = "the path matches no layer glob"
    else:
        pattern = _glob_that_matched(settings, path, path_layer, by_directory)
        kind = "a directory glob" if by_directory else "a file-name glob"
        configured = ", configured" if ctx.settings_configured(path_layer) else ", a default"
        said = f"the path says {path_layer} ({pattern}: {kind}{configured})"
    lines = [f"  layer: {layer or 'none'}", f"    {said}"]
    if layer != path_layer:
        routes = len(ctx.top_level_routes())
        if layer == "routes":
            why = f"it defines {routes} route handler{'s' if routes != 1 else ''}"
        elif layer in ("schemas", "models"):
            why = f"it defines only {'Pydantic' if layer == 'schemas' else 'ORM'} classes and no functions"
        else:
            why = "it defines no classes but functions and imports routers (it assembles them)"
        lines.append(f"    the content decides: {why}")
    return lines


def _kinds(ctx: Context, name: str) -> str:
    ancestors = ctx.class_ancestors(ast.Name(name))
    kinds = sorted(ctx.class_kinds(ast.Name(name)))
    bases = ", ".join(sorted(a for a in ancestors or () if a != "?"))
    text = "/".join(kinds) if kinds else "class"
    return f"{text} ({bases})" if bases else text


def explain(tree: ast.AST, path: str, settings: Settings) -> str:
    ctx = Context(tree, path, settings)
    root = find_root(path, settings.project_root)
    out = [path]
    if root is None:
        out.append("  project root: none found (no " + ", ".join(ROOT_MARKERS) + " above it)")
    else:
        marker = next((m for m in ROOT_MARKERS if os.path.exists(os.path.join(root, m))), None)
        how = "set by fastapi-project-root" if settings.project_root else f"holds {marker}"
        out.append(f"  project root: {root} ({how})")
    out += _layer_lines(ctx, settings, path)
    targets = project_targets(path, settings)
    python = ".".join(map(str, targets.python)) if targets.python else "unknown"
    pydantic = str(targets.pydantic) if targets.pydantic else "unknown"
    out.append(
        f"  declares: Python >= {python}"
        + (f" ({targets.python_source})" if targets.python_source else "")
        + f", Pydantic {pydantic}"
        + (f" ({targets.pydantic_source})" if targets.pydantic_source else "")
        + (f", FastAPI {targets.fastapi or 'unversioned'} ({targets.fastapi_source})" if targets.fastapi is not None else "")
    )
    if ctx.classes:
        out.append("  classes: " + "; ".join(f"{n}: {_kinds(ctx, n)}" for n in ctx.classes))
    if ctx.functions:
        routes = {id(r.node) for r in ctx.top_level_routes()}
        described = []
        for name, fn in ctx.functions.items():
            tags = ["async" if isinstance(fn, ast.AsyncFunctionDef) else "sync"]
            if id(fn) in routes:
                tags.append("route handler")
            described.append(f"{name} ({', '.join(tags)})")
        out.append("  functions: " + "; ".join(described))
    facts = []
    for local, qualname in ctx.module_imports.items():
        sym = ctx.index.lookup(path, qualname)
        if sym is None or sym.kind == "external":
            continue
        where = os.path.relpath(sym.path, root) if sym.path and root else sym.path
        if sym.kind == "class":
            facts.append(f"{local} → class in {where}: {_kinds(ctx, local)}")
        elif sym.kind == "function":
            kind = "async def" if sym.info.get("async") else "def"
            extra = ", route handler" if sym.info.get("route") else ""
            facts.append(f"{local} → {kind} in {where}{extra}")
        elif sym.kind == "value":
            desc = sym.info or {}
            value = f"{desc.get('f')}(...)" if desc.get("k") == "call" else desc.get("k", "value")
            facts.append(f"{local} → {value} in {where}")
        elif sym.kind == "module":
            facts.append(f"{local} → module {where}")
    if facts:
        out.append("  imports from the project:")
        out += [f"    {fact}" for fact in facts]
    return "\n".join(out)
