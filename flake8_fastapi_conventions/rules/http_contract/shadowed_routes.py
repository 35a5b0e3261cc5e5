"""XFA304: a route that an earlier route of the same router matches first (``/users/{id}`` before
``/users/me``)."""

from __future__ import annotations

import ast
import re

from ... import lazy_re
from ...context import Context, RouteInfo
from ...registry import rule, visitor
from ._shared import ROUTE_HANDLERS, _PARAM, _PURE_PARAM

XFA304 = rule(
    "XFA304",
    "shadowed-route",
    default=True,
    seeds=("001", "002"),
    message="route {method} {path} is unreachable: {method} {earlier} (line {line}) on the same router matches it first",
    fix_hint="register {path} before {earlier}",
    what="""
        Reports a route that an earlier route of the same router object (or app) in the
        same file always matches first, as Starlette matches routes in registration
        order: same method (or overlapping `methods=`), same number of path segments,
        every segment of the later path equal to the earlier one's or matched by a
        `{param}` of the earlier one, at least one literal segment taken by a parameter.
        `{param:path}` matches the rest of the path; `{id:int}`, `{x:float}` and
        `{x:uuid}` only match literals of their shape.
    """,
    why="""
        Seed 001: "Route ordering: literal paths (`/items/stats`) BEFORE parameterized
        (`/items/{id}`)"; seed 002: "/me before /{id} — registration order matters ...
        'me' passed as patient_id → nonsense 404".
    """,
    bad="""
        from fastapi import APIRouter

        from app.schemas import UserRead

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: str) -> UserRead:
            return await load_user(user_id)


        @router.get("/users/me")
        async def read_me() -> UserRead:
            return await load_current_user()
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import UserRead

        router = APIRouter()


        @router.get("/users/me")
        async def read_me() -> UserRead:
            return await load_current_user()


        @router.get("/users/{user_id}")
        async def read_user(user_id: str) -> UserRead:
            return await load_user(user_id)
    """,
    not_flagged=(
        "Different methods (`GET /items/{id}` before `DELETE /items/stats`).",
        "A different number of segments (`/items/{id}` before `/items/stats/today`), unless "
        "the earlier parameter is `{param:path}`.",
        "Typed converters that cannot match the literal (`/items/{id:int}` before `/items/stats`).",
        "Routes on different router objects, and paths that are not string literals.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/users.py",
)


_CONVERTORS = {
    "str": r"[^/]+",
    "path": r".*",
    "int": r"[0-9]+",
    "float": r"[0-9]+(\.[0-9]+)?",
    "uuid": r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
}
_CONVERTOR_RE = {name: lazy_re.compile(regex) for name, regex in _CONVERTORS.items()}
#: which convertor's matches include which (a param of the key matches params of the values)
_CONVERTOR_COVERS = {
    "str": {"str", "int", "float", "uuid"},
    "float": {"float", "int"},
    "int": {"int"},
    "uuid": {"uuid"},
}


class _RegisteredRoutes:
    """The routes a file registers, in registration order, each with its router's key."""

    __slots__ = ("routes",)

    def __init__(self) -> None:
        self.routes: list = []


@ROUTE_HANDLERS.on("handler", rules=(XFA304,))
def _collect_for_shadowing(node, routes: list[RouteInfo], params, ctx: Context) -> None:
    if not ctx.wants(XFA304):
        return
    frame = ctx.frames[-1]
    scope = "module" if frame.kind == "module" else id(frame.node)
    data = ctx.state(_RegisteredRoutes).routes
    # stacked decorators apply bottom-up: the lowest one registers first
    for r in reversed(routes):
        if r.path is not None and not r.is_websocket:
            data.append(((scope, r.router), r))


def _segments(path: str) -> list[str]:
    return path.split("/")


def _segment_regex(segment: str) -> re.Pattern[str] | None:
    out = []
    pos = 0
    for m in _PARAM.finditer(segment):
        conv = m.group(2) or "str"
        if conv not in _CONVERTORS or conv == "path":
            return None
        out.append(re.escape(segment[pos : m.start()]))
        out.append(_CONVERTORS[conv])
        pos = m.end()
    out.append(re.escape(segment[pos:]))
    return re.compile("".join(out))


def shadows(earlier: str, later: str) -> bool:
    """Starlette's router, trying ``earlier`` first, takes every request ``later`` matches
    (and ``later`` has at least one literal segment that a parameter of ``earlier`` takes)."""
    if "{" not in earlier:
        return False
    e_segs = _segments(earlier)
    l_segs = _segments(later)
    literal_taken = False
    for i, e in enumerate(e_segs):
        pure = _PURE_PARAM.match(e)
        if pure and (pure.group(2) or "str") == "path":
            if i != len(e_segs) - 1 or i >= len(l_segs) + 1:
                return False
            rest = l_segs[i:]
            if not rest:
                return False
            for seg in rest:
                if _PARAM.search(seg) and not _PURE_PARAM.match(seg):
                    return False
                if not _PARAM.search(seg):
                    literal_taken = True
            return literal_taken
        if i >= len(l_segs):
            return False
        seg = l_segs[i]
        if "{" in e and not _PARAM.search(e):
            return False  # braces we do not understand
        l_pure = _PURE_PARAM.match(seg)
        if pure:
            conv = pure.group(2) or "str"
            if conv not in _CONVERTORS:
                return False
            if l_pure:
                if (l_pure.group(2) or "str") not in _CONVERTOR_COVERS.get(conv, ()):
                    return False
                continue
            if _PARAM.search(seg):
                return False
            if not re.fullmatch(_CONVERTORS[conv], seg):
                return False
            literal_taken = True
            continue
        if _PARAM.search(e):  # a segment mixing literal text and parameters
            if _PARAM.search(seg):
                if seg != e:
                    return False
                continue
            regex = _segment_regex(e)
            if regex is None or not regex.fullmatch(seg):
                return False
            literal_taken = True
            continue
        if seg != e:
            return False
    if len(e_segs) != len(l_segs):
        return False
    return literal_taken


def _methods_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> list[str]:
    return [m for m in b if m in a]


class _Node:
    """A node of :class:`_ShadowIndex`'s trie: the earlier routes' segments so far."""

    __slots__ = ("literal", "pure", "mixed", "ends", "tails")

    def __init__(self) -> None:
        #: a literal segment -> the node after it
        self.literal: dict[str, _Node] = {}
        #: ``{x}``/``{x:int}``/… -> the node after it, keyed by convertor (names do not matter)
        self.pure: dict[str, _Node] = {}
        #: a segment mixing text and parameters (``{name}.json``) -> (its regex, the node after it)
        self.mixed: dict[str, tuple[re.Pattern[str] | None, _Node]] = {}
        #: method -> the routes whose path ends here, in registration order
        self.ends: dict[str, list[tuple[int, RouteInfo]]] = {}
        #: method -> the routes whose path ends here with ``/{x:path}``
        self.tails: dict[str, list[tuple[int, RouteInfo]]] = {}


class _ShadowIndex:
    """The parameterised routes of one router, in a trie over their segments, so that a
    later route is compared only with the earlier routes that can match it (instead of
    every earlier route: a file with thousands of routes on one router stays linear).

    The trie only narrows the candidates; :func:`shadows` still decides each pair.
    """

    def __init__(self) -> None:
        self.root = _Node()

    def add(self, index: int, route: RouteInfo) -> None:
        path = route.path or ""
        if "{" not in path:
            return  # a literal path never shadows anything
        segs = _segments(path)
        node = self.root
        for i, seg in enumerate(segs):
            pure = _PURE_PARAM.match(seg)
            if pure:
                conv = pure.group(2) or "str"
                if conv == "path":
                    if i != len(segs) - 1:
                        return  # shadows() rejects a {x:path} that is not last
                    for method in dict.fromkeys(route.methods):
                        node.tails.setdefault(method, []).append((index, route))
                    return
                if conv not in _CONVERTORS:
                    return  # a convertor Starlette does not know: shadows() says no
                node = node.pure.setdefault(conv, _Node())
            elif "{" in seg:
                if not _PARAM.search(seg):
                    return  # braces shadows() does not understand
                entry = node.mixed.get(seg)
                if entry is None:
                    entry = node.mixed[seg] = (_segment_regex(seg), _Node())
                node = entry[1]
            else:
                node = node.literal.setdefault(seg, _Node())
        for method in dict.fromkeys(route.methods):
            node.ends.setdefault(method, []).append((index, route))

    def candidates(self, route: RouteInfo) -> list[list[tuple[int, RouteInfo]]]:
        """Lists (each in registration order) of the earlier routes that may shadow
        ``route``: their segments match its segments and at least one of its literal
        segments is taken by a parameter, for one of its methods."""
        segs = _segments(route.path or "")
        n = len(segs)
        # per segment: 0 literal, 1 a whole parameter, 2 text mixed with parameters
        kinds = [
            (1 if _PURE_PARAM.match(s) else 2) if _PARAM.search(s) else 0 for s in segs
        ]
        literal_after = [False] * (n + 1)
        mixed_after = [False] * (n + 1)
        for i in range(n - 1, -1, -1):
            literal_after[i] = literal_after[i + 1] or kinds[i] == 0
            mixed_after[i] = mixed_after[i + 1] or kinds[i] == 2
        found: list[list[tuple[int, RouteInfo]]] = []
        stack = [(self.root, 0, False)]
        while stack:
            node, i, taken = stack.pop()
            if node.tails and i < n and not mixed_after[i] and (taken or literal_after[i]):
                found += _lists_for(node.tails, route.methods)
            if i == n:
                if taken and node.ends:
                    found += _lists_for(node.ends, route.methods)
                continue
            seg, kind = segs[i], kinds[i]
            nxt = node.literal.get(seg) if kind == 0 else None
            if nxt is not None:
                stack.append((nxt, i + 1, taken))
            if node.pure:
                if kind == 1:
                    conv = _PURE_PARAM.match(seg).group(2) or "str"
                    for covering, child in node.pure.items():
                        if conv in _CONVERTOR_COVERS.get(covering, ()):
                            stack.append((child, i + 1, taken))
                elif kind == 0:
                    for conv, child in node.pure.items():
                        if _CONVERTOR_RE[conv].fullmatch(seg):
                            stack.append((child, i + 1, True))
            if node.mixed:
                if kind:
                    entry = node.mixed.get(seg)
                    if entry is not None:
                        stack.append((entry[1], i + 1, taken))
                else:
                    for regex, child in node.mixed.values():
                        if regex is not None and regex.fullmatch(seg):
                            stack.append((child, i + 1, True))
        return found


def _lists_for(by_method: dict[str, list[tuple[int, RouteInfo]]], methods: tuple[str, ...]) -> list:
    return [by_method[m] for m in dict.fromkeys(methods) if m in by_method]


def _first_shadowing(index: _ShadowIndex, later: RouteInfo) -> RouteInfo | None:
    """The earliest route of ``index`` that shadows ``later`` (as the pairwise rule:
    same handler excluded, a common method, :func:`shadows`)."""
    best: tuple[int, RouteInfo] | None = None
    for entries in index.candidates(later):
        for position, earlier in entries:  # registration order: the first that holds
            if best is not None and position >= best[0]:
                break
            if earlier.node is later.node:
                continue
            if _methods_overlap(earlier.methods, later.methods) and shadows(
                earlier.path or "", later.path or ""
            ):
                best = (position, earlier)
                break
    return best[1] if best else None


@visitor(ast.Module, leave=True, codes=(XFA304,))
def shadowed_routes(node: ast.Module, ctx: Context) -> None:
    """The routes the module registered (``_collect_for_shadowing``), each against the earlier
    ones of its router."""
    if ctx.is_test:
        return
    routes = ctx.state(_RegisteredRoutes).routes
    if routes and ctx.wants(XFA304):
        by_router: dict[object, _ShadowIndex] = {}
        for position, (key, later) in enumerate(routes):
            index = by_router.get(key)
            if index is None:
                index = by_router[key] = _ShadowIndex()
            earlier = _first_shadowing(index, later)
            if earlier is not None:
                ctx.report(
                    later.decorator,
                    XFA304,
                    method="/".join(_methods_overlap(earlier.methods, later.methods)),
                    path=later.path,
                    earlier=earlier.path,
                    line=earlier.decorator.lineno,
                )
            index.add(position, later)
