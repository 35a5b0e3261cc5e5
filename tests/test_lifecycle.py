"""XFA6xx facts that eval files cannot express compactly: the XFA611 path test,
odd syntax and message wording."""

from __future__ import annotations

import pytest

from flake8_fastapi_conventions.rules.lifecycle.env_reads import is_config_module
from flake8_fastapi_conventions.rules.lifecycle.settings_secrets import secret_field_name
from harness import check, messages

ENV_READ = "import os\n\nSECRET = os.getenv('SECRET')\n"


@pytest.mark.parametrize(
    "path",
    [
        "app/core/config.py",
        "app/config.py",
        "app/settings.py",
        "src/config/database.py",
        "app/settings/base.py",
        "app/core/settings/production.py",
        "app/db_config.py",
        "app/app_settings.py",
        "project/conf/__init__.py",
        "configuration.py",
    ],
)
def test_env_reads_in_settings_modules_are_fine(path):
    assert is_config_module(path)
    assert check(ENV_READ, path, select=["XFA611"]) == []


@pytest.mark.parametrize(
    "path",
    ["app/services/cache.py", "app/main.py", "app/configure_logging.py", "app/settingsview.py", "config_loader/x.py"],
)
def test_env_reads_elsewhere_are_reported(path):
    assert not is_config_module(path)
    assert check(ENV_READ, path, select=["XFA611"]) == [(3, 10, "XFA611")]


@pytest.mark.parametrize(
    "path", ["tests/test_env.py", "app/tests/conftest.py", "scripts/seed.py", "tools/i18n-tool.py", "bin/run.py"]
)
def test_env_reads_in_tests_and_scripts_are_fine(path):
    assert check(ENV_READ, path, select=["XFA611"]) == []


def test_xfa611_is_off_by_default():
    assert check(ENV_READ, "app/services/cache.py") == []


@pytest.mark.parametrize(
    "name, secret",
    [
        ("SECRET_KEY", True),
        ("database_url", True),
        ("ASYNC_DATABASE_URL", True),
        ("sentry_dsn", True),
        ("FIRST_SUPERUSER_PASSWORD", True),
        ("github_api_key", True),
        ("token_url", False),
        ("ACCESS_TOKEN_EXPIRE_MINUTES", False),
        ("JWT_TOKEN_PREFIX", False),
        ("secret_name", False),
        ("redis_url", False),
        ("username", False),
        ("COOKIE_REFRESH_TOKEN_KEY", False),
        ("api_key_header_name", False),
        ("_DEFAULT_PASSWORD", False),
    ],
)
def test_secret_field_names(name, secret):
    assert secret_field_name(name) is secret


def test_messages_name_the_fix():
    source = (
        "from fastapi import FastAPI\n"
        "app = FastAPI()\n"
        "@app.on_event('startup')\n"
        "async def start() -> None: ...\n"
    )
    (finding,) = [m for m in messages(source) if m[2].startswith("XFA601")]
    assert "lifespan" in finding[2] and "unsafe fix" in finding[2]


ODD_SYNTAX = '''
from contextlib import asynccontextmanager
from fastapi import FastAPI, HTTPException
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI(**{"on_startup": []}, lifespan=None)
app.add_middleware(*[CORSMiddleware], **{"allow_origins": ["*"]})
app.add_middleware()
app.add_exception_handler(*handlers)
app.on_event()(lambda: None)
(lambda: app)().add_middleware(CORSMiddleware)
FastAPI(middleware=[*stack, Middleware()])
FastAPI(exception_handlers={**base, Exception: handle})


@asynccontextmanager
async def lifespan(app: FastAPI):
    try:
        await start()
    except* ValueError:
        pass
    match app:
        case {"x": y}:
            pass
    if (n := 1):
        yield
    yield


async def handle(request, exc=None, /):
    return None


async def mw(*args, call_next=None):
    return await call_next(args)


def f(call_next):
    async def g(request, call_next):
        try:
            return await call_next(request)
        except* Exception:
            raise HTTPException(500, f"{request!r}")
    return g


class S(BaseSettings):
    password: str = b"bytes"
    token: str = Field(default=...)
    secret: str = Field(default=None)
    api_key: str = SecretStr()


try:
    pass
except Exception as e:
    raise HTTPException(status_code=500, detail=f"{e!r:>10}")
'''


def test_odd_syntax_does_not_crash(capsys):
    found = check(ODD_SYNTAX, select=["XFA602", "XFA608", "XFA609", "XFA611", "XFA614"])
    assert "internal error" not in capsys.readouterr().err
    ours = {f for f in found if f[2].startswith("XFA6")}
    # the deprecated hook called directly, the `except*` before the lifespan's yield,
    # and f"{e!r:>10}" formatting the caught exception into a 5xx detail
    assert ours == {(10, 1, "XFA601"), (20, 5, "XFA602"), (57, 11, "XFA614")}


# XFA612: a ``__main__`` block of a package its project starts through a command of its own
# (third precision reading). The project layout must be on disk: the rule reads the project's
# packaging files at the index root.
SERVE = (
    "import uvicorn\n"
    "\n"
    "\n"
    "def main() -> None:\n"
    "    uvicorn.run('shop.main:app', reload=True)\n"
    "\n"
    "\n"
    "if __name__ == '__main__':\n"
    "    uvicorn.run('shop.main:app', reload=True)\n"
)


@pytest.mark.parametrize(
    ("filename", "text", "package_dir"),
    [
        ("pyproject.toml", '[project]\nname = "shop"\n\n[project.scripts]\nshop = "shop.cli:app"\n', "shop"),
        ("pyproject.toml", '[tool.poetry.scripts]\nshop = "shop.cli:main"\n', "src/shop"),
        ("setup.cfg", "[options.entry_points]\nconsole_scripts =\n    shop = shop.cli:main\n", "shop"),
        ("shop-1.0.dist-info/entry_points.txt", "[console_scripts]\nshop = shop.__main__:main\n", "shop"),
    ],
)
def test_uvicorn_reload_in_main_block_of_a_commanded_package(tmp_path_factory, filename, text, package_dir):
    tmp_path = tmp_path_factory.mktemp("shopproject")  # a test's own tmp_path is named test_*
    (tmp_path / filename).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / filename).write_text(text)
    (tmp_path / "pyproject.toml").touch()
    module = tmp_path / package_dir / "main.py"
    module.parent.mkdir(parents=True)
    module.write_text(SERVE)
    found = check(SERVE, str(module), select=["XFA612"], fastapi_project_root=str(tmp_path))
    assert found == [(5, 5, "XFA612")]  # the command's own function; not the __main__ block


@pytest.mark.parametrize(
    "text",
    [
        '[project]\nname = "shop"\n',  # no command
        '[project.scripts]\ntool = "other_pkg.cli:main"\n',  # a command of another package
        '[project.scripts]\n# shop = "shop.cli:main"\n',  # commented out
    ],
)
def test_uvicorn_reload_in_main_block_without_a_command_of_the_package(tmp_path_factory, text):
    tmp_path = tmp_path_factory.mktemp("shopproject")
    (tmp_path / "pyproject.toml").write_text(text)
    module = tmp_path / "shop" / "main.py"
    module.parent.mkdir(parents=True)
    module.write_text(SERVE)
    found = check(SERVE, str(module), select=["XFA612"], fastapi_project_root=str(tmp_path))
    assert found == [(5, 5, "XFA612"), (9, 5, "XFA612")]


def test_uvicorn_reload_in_main_block_of_an_unpacked_wheel(tmp_path_factory):
    # an unpacked wheel has no project marker: its root is the directory holding *.dist-info
    root = tmp_path_factory.mktemp("wheelproject")
    (root / "shop-1.0.dist-info").mkdir()
    (root / "shop-1.0.dist-info" / "entry_points.txt").write_text("[console_scripts]\nshop = shop.cli:main\n")
    module = root / "shop" / "main.py"
    module.parent.mkdir()
    module.write_text(SERVE)
    found = check(SERVE, str(module), select=["XFA612"])
    assert found == [(5, 5, "XFA612")]


def test_xfa605_names_the_middleware_added_by_call():
    """Fourth reading: a header-only BaseHTTPMiddleware added after CORS is not the
    culprit; the ``app.middleware("http")(...)`` one that answers 401 is."""
    source = (
        "from fastapi import FastAPI, Request\n"
        "from fastapi.middleware.cors import CORSMiddleware\n"
        "from fastapi.responses import JSONResponse\n"
        "from starlette.middleware.base import BaseHTTPMiddleware\n"
        "\n"
        "class NoCache(BaseHTTPMiddleware):\n"
        "    async def dispatch(self, request, call_next):\n"
        "        response = await call_next(request)\n"
        "        response.headers['Cache-Control'] = 'no-store'\n"
        "        return response\n"
        "\n"
        "class RequireLogin:\n"
        "    async def __call__(self, request: Request, call_next):\n"
        "        if 'session' not in request.cookies:\n"
        "            return JSONResponse({}, status_code=401)\n"
        "        return await call_next(request)\n"
        "\n"
        "app = FastAPI()\n"
        "app.add_middleware(CORSMiddleware, allow_origins=['https://a.example'])\n"
        "app.add_middleware(NoCache)\n"
        "app.middleware('http')(RequireLogin())\n"
    )
    found = [m for _, _, m in messages(source, "app/main.py", select=["XFA605"]) if m.startswith("XFA605")]
    assert len(found) == 1, found
    assert found[0].startswith("XFA605 RequireLogin wraps CORSMiddleware (app.middleware('http')(RequireLogin) is added later")


def test_on_event_handlers_of_an_app_factory_offer_the_lifespan_fix_unless_it_can_return_first():
    from pathlib import Path

    source = (Path(__file__).parent / "fixes" / "XFA601_factory.py").read_text()
    found = {(line, col): message for line, col, message in messages(source, select=["XFA601"])}
    assert sorted(found) == [(12, 6), (16, 6), (28, 6)]  # at the decorator, after its "@"
    assert "(unsafe fix:" in found[12, 6] and "(unsafe fix:" in found[16, 6]
    assert "fix:" not in found[28, 6].split(";", 1)[0] and "fastapi-conventions fix" not in found[28, 6]


def test_on_event_offers_the_lifespan_fix_only_where_its_lines_keep_to_the_line_length(tmp_path_factory):
    from flake8_fastapi_conventions.fixer import fix_text
    from harness import at_line_length, settings_for

    source = (
        "from fastapi import FastAPI\n"
        "\n"
        "app = FastAPI()\n"
        "\n"
        "\n"
        '@app.on_event("startup")\n'
        "async def connect() -> None:\n"
        "    await database.connect()\n"
    )
    # the longest line the fix writes is the lifespan's `def`: len("async def lifespan(") = 19,
    # + len("app: FastAPI") = 12, + len("):") = 2: 33 (`app = FastAPI(lifespan=lifespan)` is 32)
    reason = "the rewritten line would be 33 characters, over the project's line length of 32 (setup.cfg)"
    found = {}
    for limit in (32, 33):
        path = at_line_length(tmp_path_factory, limit, "app/main.py")
        [(_, _, found[limit])] = messages(source, path, select=["XFA601"])
        if limit == 32:  # the fixer gives the same reason
            result = fix_text(source, path, settings_for(["XFA601"]), unsafe=True)
            assert [m.reason for m in result.manual] == [reason]
    assert found[32].startswith("XFA601 app.on_event() is deprecated; move the startup/shutdown code")
    assert found[32].endswith(f"pass FastAPI(lifespan=lifespan) [no automatic fix: {reason}]")
    assert found[33].endswith("(unsafe fix: fastapi-conventions fix --unsafe-fixes)")
