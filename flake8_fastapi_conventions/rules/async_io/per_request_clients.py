"""XFA110: an HTTP client built per request instead of once per app."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import moved_off, rule, visitor
from ._shared import _app_scoped_function, _locally_bound

XFA110 = rule(
    "XFA110",
    "http-client-per-request",
    default=False,
    precision=moved_off("13 of 15"),
    seeds=("001", "004"),
    message="{call}() is created per call inside {where}",
    fix_hint="create one client at startup (lifespan/app.state or a module-level lazy singleton) and reuse it",
    what="""
        Reports `httpx.AsyncClient(...)`, `httpx.Client(...)` and `aiohttp.ClientSession(...)`
        constructed inside a route handler, or inside any function of a routes, services or
        repositories file — also as `async with httpx.AsyncClient() as client:`.
    """,
    why="""
        A new client opens a new connection pool (and TLS handshakes) on every call and throws
        it away. Seed 001: "**Never** create `httpx.AsyncClient()` per request—use a shared
        module-level client with lazy init"; seed 004: "Always use connection pooling.
        Opening a new connection per request is extremely expensive."
    """,
    bad="""
        import httpx

        async def fetch_rates(base: str) -> dict:
            async with httpx.AsyncClient(timeout=10) as client:
                response = await client.get(f"https://rates.example.com/{base}")
                return response.json()
    """,
    good="""
        import httpx

        _client: httpx.AsyncClient | None = None

        def get_client() -> httpx.AsyncClient:
            global _client
            if _client is None:
                _client = httpx.AsyncClient(timeout=10)
            return _client

        async def fetch_rates(base: str) -> dict:
            response = await get_client().get(f"https://rates.example.com/{base}")
            return response.json()
    """,
    not_flagged=(
        "Clients built at module level.",
        "Construction inside a lifespan (`@asynccontextmanager` function taking `app`, or one passed "
        "to `lifespan=`), an `on_event(\"startup\")` handler, or a `functools.cache`/`lru_cache` factory.",
        "Lazy initialisation that stores the client in a module global (`global _client`), on "
        "`app.state`/`request.app.state`, or on `self`.",
        "A client whose connection settings come from the call (`verify=delivery.verify_ssl`, "
        "`transport=httpx.AsyncHTTPTransport(uds=socket_path)`, `cert=`/`proxy=`/`mounts=` from a parameter or "
        "local): httpx fixes them per client, so one shared client cannot serve every call.",
        "Functions outside route handlers in other layers (main, dependencies, models), and all tests and scripts.",
    ),
    example_path="app/services/rates_service.py",
)


_PER_REQUEST_CLIENTS = frozenset({"httpx.AsyncClient", "httpx.Client", "aiohttp.ClientSession"})
_CLIENT_LAYERS = frozenset({"routes", "services", "repositories"})


@visitor(ast.Call, codes=(XFA110,))
def http_clients_built_per_call(node: ast.Call, ctx: Context) -> None:
    frame = ctx.frames[-1]
    if frame.kind == "module" or frame.kind == "class":
        return
    name = ctx.call_name(node)
    if name is not None and name in _PER_REQUEST_CLIENTS:
        _per_request_client(node, ctx, name)


def _per_request_client(node: ast.Call, ctx: Context, name: str) -> None:
    if ctx.is_test or ctx.is_script:
        return
    if not ctx.imported_from(node.func, "httpx", "aiohttp"):
        return
    functions = [f for f in ctx.frames if f.kind == "function"]
    if not functions:
        return
    handler = next((f for f in reversed(functions) if f.route is not None), None)
    if handler is None and ctx.layer not in _CLIENT_LAYERS:
        return
    for frame in functions:
        if _app_scoped_function(ctx, frame.node):
            return
    if _stored_for_reuse(ctx, functions[-1].node):
        return
    if _per_call_connection_setting(node, ctx):
        return
    where = f"route handler {handler.node.name}()" if handler is not None else (
        f"{functions[-1].node.name}() in a {ctx.layer} file"  # type: ignore[attr-defined]
    )
    ctx.report(node, XFA110, call=name, where=where)


#: client settings fixed at construction that no request can override (httpx sets ``verify``,
#: ``cert``, the transport and proxies per client; aiohttp its connector)
_CLIENT_CONNECTION_SETTINGS = frozenset({"verify", "cert", "transport", "proxy", "proxies", "mounts", "connector"})


def _per_call_connection_setting(node: ast.Call, ctx: Context) -> bool:
    """A connection setting of the client comes from this call's own values
    (``verify=delivery.verify_ssl``, ``transport=AsyncHTTPTransport(uds=socket_path)`` with a
    parameter or local): one shared client cannot serve every call, so building it per call is
    the design, not a missed pool."""
    for keyword in node.keywords:
        if keyword.arg not in _CLIENT_CONNECTION_SETTINGS:
            continue
        for sub in ast.walk(keyword.value):
            if isinstance(sub, ast.Name) and _locally_bound(ctx, sub.id):
                return True
    return False


def _stored_for_reuse(ctx: Context, fn: ast.AST) -> bool:
    """The client is assigned to a module global, to ``*.state.*`` or to ``self``."""
    stmt = None
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, ast.stmt):
            stmt = ancestor
            break
    if isinstance(stmt, ast.Assign):
        targets = stmt.targets
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        targets = [stmt.target]
    else:
        return False
    if isinstance(stmt, ast.AnnAssign) and stmt.value is None:
        return False
    for target in targets:
        if isinstance(target, ast.Name):
            if target.id in _globals_of(ctx, fn):
                return True
        elif isinstance(target, (ast.Attribute, ast.Subscript)):
            node = target
            while isinstance(node, (ast.Attribute, ast.Subscript)):
                if isinstance(node, ast.Attribute) and node.attr == "state":
                    return True
                node = node.value
            if isinstance(node, ast.Name) and node.id in ("self", "cls"):
                return True
    return False


def _globals_of(ctx: Context, fn: ast.AST) -> frozenset[str]:
    def compute() -> frozenset[str]:
        names: set[str] = set()
        stack = list(getattr(fn, "body", ()))
        while stack:
            node = stack.pop()
            if isinstance(node, ast.Global):
                names.update(node.names)
            elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                stack.extend(ast.iter_child_nodes(node))
        return frozenset(names)

    return ctx.memo(f"xfa110_globals_{id(fn)}", compute)
