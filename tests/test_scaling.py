"""Work that must grow linearly with the input: counted calls, not timings.

- XFA304 (shadowed routes) compares a route only with the earlier routes that can match
  it, so a file with thousands of routes on one router costs a few comparisons per route;
- the path -> layer classification matches each distinct path once per settings.
"""

from __future__ import annotations

import random

import pytest

from flake8_fastapi_conventions.checker import check_source
from flake8_fastapi_conventions.rules.http_contract import shadowed_routes
from flake8_fastapi_conventions.settings import Settings
import flake8_fastapi_conventions.settings as settings_module


# -- XFA304 ---------------------------------------------------------------------------


def _many_routes(blocks: int) -> tuple[str, int]:
    """A routes file with ``blocks`` groups of routes on one router (8 routes a group,
    2 of them shadowed), under one shared prefix, plus a few parameterised routes at the
    top that every later path of their length must be tried against."""
    lines = [
        "from fastapi import APIRouter",
        "",
        "router = APIRouter()",
        "",
        "@router.get('/api/v1/{tenant}/settings')",
        "async def tenant_settings(tenant: str) -> None: ...",
        "@router.get('/api/v1/{tenant}/{item}/{sub}/{leaf}')",
        "async def deep(tenant: str, item: str, sub: str, leaf: str) -> None: ...",
        "@router.delete('/api/{rest:path}')",  # a catch-all for another method
        "async def delete_any(rest: str) -> None: ...",
    ]
    shadowed = 0
    for k in range(blocks):
        lines += [
            f"@router.get('/api/v1/r{k}/{{item_id}}')",
            f"async def read_{k}(item_id: str) -> None: ...",
            f"@router.get('/api/v1/r{k}/me')",  # shadowed by read_k
            f"async def me_{k}() -> None: ...",
            f"@router.post('/api/v1/r{k}/search')",  # another method
            f"async def search_{k}() -> None: ...",
            f"@router.get('/api/v1/r{k}/{{item_id:int}}/owner')",
            f"async def owner_{k}(item_id: int) -> None: ...",
            f"@router.get('/api/v1/r{k}/pending/owner')",  # not an int
            f"async def pending_{k}() -> None: ...",
            f"@router.get('/api/v1/r{k}/42/owner')",  # shadowed by owner_k
            f"async def owner_42_{k}() -> None: ...",
            f"@router.put('/api/v1/r{k}/{{item_id}}')",
            f"async def update_{k}(item_id: str) -> None: ...",
            f"@router.get('/api/v1/stats{k}')",
            f"async def stats_{k}() -> None: ...",
        ]
        shadowed += 2
    return "\n".join(lines) + "\n", shadowed


def _count_shadows_calls(monkeypatch, source: str) -> tuple[int, list]:
    calls = 0
    original = shadowed_routes.shadows

    def counting(earlier: str, later: str) -> bool:
        nonlocal calls
        calls += 1
        return original(earlier, later)

    monkeypatch.setattr(shadowed_routes, "shadows", counting)
    found = [f for f in check_source(source, "app/routes/items.py") if f[2].startswith("XFA304")]
    return calls, found


def test_xfa304_comparisons_grow_linearly_with_the_routes_of_one_router(monkeypatch):
    small_source, small_shadowed = _many_routes(250)  # 2,003 routes
    big_source, big_shadowed = _many_routes(1000)  # 8,003 routes
    small_calls, small_found = _count_shadows_calls(monkeypatch, small_source)
    big_calls, big_found = _count_shadows_calls(monkeypatch, big_source)
    # every shadowed route is still reported, nothing else is
    assert len(small_found) == small_shadowed
    assert len(big_found) == big_shadowed
    assert all("/me is unreachable" in m or "/42/owner is unreachable" in m for _, _, m in big_found)
    # a few comparisons per route: pairwise would be ~N²/2 (32 million for 8,003 routes)
    assert big_calls <= 2 * 8003
    assert big_calls <= 4.5 * small_calls  # 4x the routes: about 4x the comparisons


# a differential test: the index must pick exactly the route the pairwise rule picks

_SEGMENTS = [
    "a", "b", "me", "42", "3.5", "", "x.json", "v-7",
    "123e4567-e89b-12d3-a456-426614174000",
    "{id}", "{id:int}", "{id:float}", "{id:uuid}", "{id:str}", "{n:date}", "{p:path}",
    "{name}.json", "{n:int}-v", "v-{n:int}", "{bad", "{x}{y}",
]
_METHODS = [["GET"], ["GET"], ["POST"], ["GET", "POST"], ["PUT", "GET"], ["GET", "GET"]]


def _random_routes(rng: random.Random) -> list[tuple[str, str, list[str], int]]:
    """``(router, path, methods, handler)`` in source order of the decorators."""
    out = []
    for handler in range(rng.randint(2, 14)):
        for _ in range(1 if rng.random() < 0.8 else 2):  # sometimes stacked decorators
            path = "/" + "/".join(rng.choice(_SEGMENTS) for _ in range(rng.randint(1, 4)))
            out.append((rng.choice(["router", "router", "admin"]), path, rng.choice(_METHODS), handler))
    return out


def _render(routes) -> tuple[str, list[tuple[int, str, str, list[str], int]]]:
    """The source, and the routes in registration order with their decorator lines."""
    lines = ["from fastapi import APIRouter", "router = APIRouter()", "admin = APIRouter()"]
    registered = []
    by_handler: dict[int, list] = {}
    for route in routes:
        by_handler.setdefault(route[3], []).append(route)
    for handler, decorators in by_handler.items():
        placed = []
        for router, path, methods, _ in decorators:
            if methods == ["GET"] and len(placed) % 2 == 0:
                lines.append(f"@{router}.get({path!r})")
            else:
                lines.append(f"@{router}.api_route({path!r}, methods={methods!r})")
            placed.append((len(lines), router, path, methods, handler))
        lines.append(f"async def handler_{handler}() -> None: ...")
        registered += reversed(placed)  # stacked decorators register bottom-up
    return "\n".join(lines) + "\n", registered


def _pairwise(registered) -> list[tuple[int, int, str]]:
    """What the rule reported when it compared every pair (the original loop)."""
    expected = []
    for j, (line, router, path, methods, handler) in enumerate(registered):
        for e_line, e_router, e_path, e_methods, e_handler in registered[:j]:
            if e_router != router or e_handler == handler:
                continue
            common = [m for m in methods if m in e_methods]
            if common and shadowed_routes.shadows(e_path, path):
                method = "/".join(common)
                expected.append((
                    line, 2,
                    shadowed_routes.XFA304.format(method=method, path=path, earlier=e_path, line=e_line),
                ))
                break
    return sorted(expected)


def test_xfa304_index_reports_what_comparing_every_pair_reports():
    rng = random.Random(304)
    reported = 0
    for _ in range(1500):
        source, registered = _render(_random_routes(rng))
        found = [f for f in check_source(source, "app/routes/x.py") if f[2].startswith("XFA304")]
        expected = _pairwise(registered)
        assert found == expected, source
        reported += len(expected)
    assert reported > 300  # the generator does produce shadowed routes


# -- path -> layer --------------------------------------------------------------------


def _old_classify(norm: str, settings: Settings) -> tuple[str | None, bool]:
    """The classification as it was written first: one fnmatchcase per glob."""
    from fnmatch import fnmatchcase

    globs = [(layer, tuple(settings.layer_globs.get(layer, ()))) for layer in settings_module.LAYER_ORDER]
    for layer, patterns in globs[:2]:
        if any(fnmatchcase(norm, p) for p in patterns):
            return layer, False
    for by_directory in (False, True):
        for layer, patterns in globs[2:]:
            if any(p.endswith("/*") == by_directory and fnmatchcase(norm, p) for p in patterns):
                return layer, by_directory
    return None, False


def _project_paths(count: int) -> list[str]:
    rng = random.Random(5000)
    dirs = ["app", "src", "api", "v1", "v2", "routes", "routers", "services", "service",
            "repositories", "crud", "models", "schemas", "tests", "scripts", "core",
            "domain", "deps", "endpoints", "alembic", "utils", "my-app-tests", "api_test"]
    names = ["users", "items", "main", "models", "schemas", "service", "router", "deps",
             "crud", "conftest", "test_users", "users_test", "user_service", "user_repo",
             "setup", "tasks", "repository", "tables", "orm", "asgi", "routes"]
    paths: set[str] = set()
    while len(paths) < count:
        depth = rng.randint(0, 4)
        parts = [rng.choice(dirs) for _ in range(depth)] + [f"{rng.choice(names)}{rng.randint(0, 60)}" if rng.random() < 0.5 else rng.choice(names)]
        paths.add("/".join(parts) + ".py")
    return sorted(paths)


@pytest.mark.parametrize(
    "globs",
    [
        None,
        {"routes": ("*/web/*", "*/handlers.py", "*/api/v[0-9]*/*"), "tests": ("*/spec/*",), "models": ()},
        {"services": ("*[!/]service.py", "*/svc?/*", "*/[sS]ervices/*"), "scripts": ("/setup.py", "*/bin/*")},
    ],
)
@pytest.mark.parametrize("compile_after", [None, 0, 10**9])
def test_compiled_globs_classify_as_one_fnmatchcase_per_glob(globs, compile_after, monkeypatch):
    # None: the default (the first paths glob by glob, then the compiled regex); 0: only the
    # compiled regex; 10**9: only glob by glob
    if compile_after is not None:
        monkeypatch.setattr(settings_module.LayerMatcher, "COMPILE_AFTER", compile_after)
    settings_module._matcher_for.cache_clear()
    settings = Settings() if globs is None else Settings(layer_globs={**settings_module.DEFAULT_LAYER_GLOBS, **globs})
    paths = _project_paths(3000) + ["/setup.py", "setup.py", "a/setup.py", "/x_test.py", "test_x.py", "tests",
                                    "api/v1/x.py", "api/v12/users/x.py", "api/v/x.py", "svc1/x.py", "xservice.py"]
    for path in paths:
        norm = settings_module.normalize_path(path)
        assert settings.classify(path) == _old_classify(norm, settings), path
    settings_module._matcher_for.cache_clear()


def test_classifying_a_large_project_matches_each_path_once(monkeypatch):
    calls = 0
    original = settings_module.LayerMatcher.match

    def counting(self, norm):
        nonlocal calls
        calls += 1
        return original(self, norm)

    monkeypatch.setattr(settings_module.LayerMatcher, "match", counting)
    import fnmatch

    def no_glob_by_glob(*args):
        raise AssertionError("paths are matched against the compiled globs, not glob by glob")

    monkeypatch.setattr(fnmatch, "fnmatchcase", no_glob_by_glob)
    monkeypatch.setattr(fnmatch, "fnmatch", no_glob_by_glob)
    settings_module._matcher_for.cache_clear()  # a fresh matcher, nothing classified yet
    settings = Settings()
    paths = _project_paths(5000)
    for _ in range(3):  # each file's own path, then the modules it imports, again and again
        layers = [settings.classify(path) for path in paths]
    assert calls == len(paths)
    assert sum(1 for layer, _ in layers if layer) > 2500  # the paths do hit the globs
