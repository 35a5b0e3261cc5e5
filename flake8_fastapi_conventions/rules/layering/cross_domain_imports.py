"""XFA207: a relative import that climbs out of one domain package into another."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import rule, visitor
from ._shared import _file_dirs, _file_stem, file_layer

XFA207 = rule(
    "XFA207",
    "cross-domain-relative-import",
    default=True,
    seeds=("004",),
    message="relative import climbs out of the '{domain}' domain into '{other}'",
    fix_hint="import it absolutely with an explicit name: from {absolute} import {name} as {other}_{name}",
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


@visitor(ast.ImportFrom, codes=(XFA207,))
def cross_domain_relative_imports(node: ast.ImportFrom, ctx: Context) -> None:
    if ctx.in_type_checking or (node.level or 0) < 2:
        return
    layer = file_layer(ctx)
    if layer is None or layer in ("tests", "scripts"):
        return
    _cross_domain(node, ctx)


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
