"""XFA513: a Redis key set without a TTL."""

from __future__ import annotations

import ast

from ...context import Context, dotted_name, has_kwargs_splat, keyword, last_name, string_value
from ...registry import moved_off, rule, visitor
from ._shared import DATABASE_METHODS, SESSION_BINDINGS, _binding, _flatten_add, _literal_head, is_db_session


XFA513 = rule(
    "XFA513",
    "redis-set-without-ttl",
    default=False,
    precision=moved_off("0 of 1", reading="tenth", earlier="2 of 2", pooled_over="second reading"),
    seeds=("004",),
    message="{receiver}.{method}() stores a key without a TTL",
    fix_hint="{fix}",
    what="""
        Reports `.set(key, value)` without `ex=`/`px=`/`exat=`/`pxat=`/`keepttl=`, and
        `.hset(...)`/`.mset(...)`, when the same function does not call
        `.expire`/`.pexpire`/`.expireat`/`.pexpireat` on the receiver afterwards. The
        receiver must be a Redis client: built in this file (`Redis(...)`,
        `redis.from_url(...)`), annotated `Redis`, or named `redis`/`redis_client`/`cache`
        (also as `self.` attribute) in a file that imports `redis`. Keys the module
        deletes itself are left out. Scripts are checked like application code (a
        script that fills a cache fills it for the app); tests are not.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        A key without expiry lives until it is deleted; caches then grow without bound
        and serve stale data. Seed 004: "Always set TTL (expiration) on cached values.
        Never cache without an expiry."
    """,
    bad="""
        from redis.asyncio import Redis

        redis = Redis.from_url("redis://cache:6379/0")


        async def cache_profile(user_id: str, payload: str) -> None:
            await redis.set(f"user:{user_id}", payload)
    """,
    good="""
        from redis.asyncio import Redis

        redis = Redis.from_url("redis://cache:6379/0")


        async def cache_profile(user_id: str, payload: str) -> None:
            await redis.set(f"user:{user_id}", payload, ex=300)
    """,
    not_flagged=(
        "`.set(...)` followed by `.expire(...)` on the same receiver in the same function.",
        "`.set(...)` on objects that are not Redis clients (`asyncio.Event.set()`, "
        "`cache.set` in a file without a Redis import, a `TTLCache`).",
        "A third positional argument (that is `ex`), or a `**kwargs` splat.",
        "A `.set(...)` with a keyword redis-py's `set` does not take (`cache.set(key, value, "
        "expire=10)`: the fifteenth reading's roboflow inference cache, whose own `set` takes the TTL "
        "as `expire`).",
        "Keys the same module deletes explicitly (`.delete(key)`, `.unlink(key)`, "
        "`.getdel(key)`, `.hdel(key, ...)` on any receiver but a database session): a lock, a "
        "flag or session data whose lifetime the code manages, not a cache. The key matches by "
        "its constant value, its literal prefix (`f\"lock:{job_id}\"` and `f\"lock:{other}\"`), "
        "or the expression naming it (the same variable, attribute or key-building function).",
        "Tests and `conftest.py`: they write the keys a case needs against a throwaway Redis.",
    ),
)


# -- XFA513 ----------------------------------------------------------------------------

_REDIS_NAMES = frozenset({"redis", "redis_client", "cache", "_redis", "_redis_client", "_cache", "redis_cache"})


_REDIS_FACTORIES = frozenset({"Redis", "StrictRedis", "from_url", "from_pool", "RedisCluster"})


_EXPIRE = frozenset({"expire", "pexpire", "expireat", "pexpireat"})


def _file_imports_redis(ctx: Context) -> bool:
    return ctx.memo(
        "xfa5.redis_import",
        lambda: any(q.split(".", 1)[0] in ("redis", "aioredis", "coredis") for q in ctx.imports.values()),
    )


def _is_redis_factory_call(ctx: Context, value: ast.expr) -> bool:
    if isinstance(value, ast.Await):
        value = value.value
    if not isinstance(value, ast.Call):
        return False
    return last_name(value.func) in _REDIS_FACTORIES and ctx.imported_from(value.func, "redis", "aioredis", "coredis")


def _is_redis(ctx: Context, receiver: ast.expr) -> bool:
    if isinstance(receiver, ast.Name):
        name = receiver.id
        is_param, annotation = ctx.annotation_of(name)
        if is_param:
            if annotation is not None:
                base, _ = ctx.unwrap_annotation(annotation)
                qual = ctx.resolve(base) if base is not None else None
                if qual and qual.split(".", 1)[0] in ("redis", "aioredis", "coredis") and qual.endswith(("Redis", "StrictRedis", "RedisCluster")):
                    return True
                return False
            return name in _REDIS_NAMES and _file_imports_redis(ctx)
        bound = _binding(ctx, name)
        if bound is not None:
            value = bound[1]
            if _is_redis_factory_call(ctx, value):
                return True
            if isinstance(value, (ast.Call, ast.Await)):
                return False
        return name in _REDIS_NAMES and _file_imports_redis(ctx)
    if isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name) and receiver.value.id in ("self", "cls"):
        return receiver.attr in _REDIS_NAMES and _file_imports_redis(ctx)
    return False


SESSION_BINDINGS.used_by(XFA513)


class RedisWrites:
    """Per scope (a function or the module): the keys stored without a TTL there (call,
    receiver text, method) and the ``expire``-style calls made there (receiver text, line,
    column)."""

    __slots__ = ("stores", "expires")

    def __init__(self) -> None:
        self.stores: list[tuple[ast.Call, str, str]] = []
        self.expires: list[tuple[str, int, int]] = []


class RedisKeys:
    """Per file: the stores no later ``expire`` covered in their scope, waiting for the end
    of the module, and the shapes of the keys the module deletes."""

    __slots__ = ("pending", "deleted")

    def __init__(self) -> None:
        self.pending: list[tuple[ast.Call, str, str]] = []
        self.deleted: set[tuple[str, str]] = set()


@DATABASE_METHODS.on("set", "hset", "mset", "hmset", "expire", "pexpire", "expireat", "pexpireat", rules=(XFA513,))
def _redis_call(node: ast.Call, attr: str, receiver: ast.expr, ctx: Context) -> None:
    if not ctx.wants(XFA513) or ctx.is_test:
        return  # tests write the keys their case needs against a throwaway Redis
    frame = ctx.frame
    if frame.kind not in ("function", "module"):
        return
    text = dotted_name(receiver)
    if text is None:
        return
    if attr in _EXPIRE:
        frame.state(RedisWrites).expires.append((text, node.lineno, node.col_offset))
        return
    if has_kwargs_splat(node) or any(isinstance(a, ast.Starred) for a in node.args):
        return
    if attr == "set":
        given = len(node.args) + sum(1 for kw in node.keywords if kw.arg in ("name", "value"))
        if len(node.args) >= 3 or given != 2:
            return
        if any(keyword(node, k) is not None for k in ("ex", "px", "exat", "pxat", "keepttl")):
            return
        if any(kw.arg not in _REDIS_SET_KEYWORDS for kw in node.keywords):
            return  # ``cache.set(key, value, expire=10)``: not redis-py's set (it takes no such keyword)
    elif not node.args and not node.keywords:
        return
    if not _is_redis(ctx, receiver):
        return
    frame.state(RedisWrites).stores.append((node, text, attr))


#: every keyword redis-py's ``set`` takes; a call with another one is some other cache's
_REDIS_SET_KEYWORDS = frozenset({"name", "value", "ex", "px", "nx", "xx", "keepttl", "get", "exat", "pxat", "ifeq", "ifne"})


def _check_redis(writes: RedisWrites, ctx: Context) -> None:
    """Keys stored without a TTL and not given one later in the same scope wait for the
    end of the module: a key the module also deletes is not reported."""
    expires = writes.expires
    pending = ctx.frames[0].state(RedisKeys).pending
    for node, text, attr in writes.stores:
        pos = (node.lineno, node.col_offset)
        if any(t == text and (line, col) > pos for t, line, col in expires):
            continue
        pending.append((node, text, attr))
    writes.stores = []


def _report_redis(ctx: Context) -> None:
    keys = ctx.frames[0].state(RedisKeys)
    deleted = keys.deleted
    for node, text, attr in keys.pending:
        if deleted and any(shape in deleted for shape in _stored_key_shapes(node, attr)):
            continue
        if attr == "set":
            fix = f"pass a TTL: {text}.set(key, value, ex=<seconds>)"
        else:
            fix = f"follow it with {text}.expire(key, <seconds>)"
        ctx.report(node, XFA513, receiver=text, method=attr, fix=fix)


@DATABASE_METHODS.on("delete", "unlink", "getdel", "hdel", rules=(XFA513,))
def _redis_delete(node: ast.Call, attr: str, receiver: ast.expr, ctx: Context) -> None:
    """``.delete(key)``/``.unlink(key)``/``.getdel(key)``/``.hdel(key, ...)``: the module
    manages that key's lifetime itself (a lock, a flag, shared state), so storing it
    without a TTL is not a cache without expiry."""
    if not ctx.wants(XFA513) or not _file_imports_redis(ctx) or is_db_session(ctx, receiver):
        return
    keys = node.args[:1] if attr in ("getdel", "hdel") else node.args
    deleted = ctx.frames[0].state(RedisKeys).deleted
    for key in keys:
        shape = _key_shape(key)
        if shape is not None:
            deleted.add(shape)


def _stored_key_shapes(node: ast.Call, attr: str) -> list[tuple[str, str]]:
    if attr in ("mset", "msetnx"):
        mapping = node.args[0] if node.args else None
        keys = [k for k in mapping.keys if k is not None] if isinstance(mapping, ast.Dict) else []
    else:
        key = node.args[0] if node.args else next((kw.value for kw in node.keywords if kw.arg in ("name", "key")), None)
        keys = [key] if key is not None else []
    return [shape for shape in map(_key_shape, keys) if shape is not None]


def _key_shape(key: ast.expr) -> tuple[str, str] | None:
    """What identifies a key family in the source: a constant key, the literal prefix of a
    built key (``f"lock:{job_id}"`` -> ``lock:``), or the expression that names it (a
    variable, an attribute, a key-building call)."""
    if isinstance(key, ast.Starred):
        return None
    text = string_value(key)
    if text is not None:
        return ("key", text)
    prefix = None
    if isinstance(key, ast.JoinedStr):
        prefix = _literal_head(key)
    elif isinstance(key, ast.BinOp) and isinstance(key.op, ast.Add):
        prefix = string_value(_flatten_add(key)[0])
    elif isinstance(key, ast.BinOp) and isinstance(key.op, ast.Mod):
        prefix = (string_value(key.left) or "").split("%", 1)[0]
    elif isinstance(key, ast.Call) and isinstance(key.func, ast.Attribute) and key.func.attr == "format":
        prefix = (string_value(key.func.value) or "").split("{", 1)[0]
    if prefix is not None:
        return ("prefix", prefix) if prefix else None
    if isinstance(key, ast.Call):
        name = dotted_name(key.func)
        return ("call", name) if name else None
    name = dotted_name(key)
    return ("name", name) if name else None


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, leave=True, codes=(XFA513,))
def redis_keys_without_ttl_in_function(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    writes = ctx.frame.states.get(RedisWrites)
    if writes is not None and writes.stores:
        _check_redis(writes, ctx)


@visitor(ast.Module, leave=True, codes=(XFA513,))
def redis_keys_without_ttl(node: ast.Module, ctx: Context) -> None:
    states = ctx.frames[0].states
    writes = states.get(RedisWrites)
    if writes is not None and writes.stores:
        _check_redis(writes, ctx)
    keys = states.get(RedisKeys)
    if keys is not None and keys.pending:
        _report_redis(ctx)
