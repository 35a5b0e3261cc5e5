"""Layers from paths, option parsing, and which codes run."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from flake8_fastapi_conventions.registry import RULES
from flake8_fastapi_conventions.settings import (
    OptionError,
    Settings,
    enabled_codes,
    normalize_path,
)
from harness import settings_for


@pytest.mark.parametrize(
    ("path", "layer"),
    [
        # full-stack-fastapi-template
        ("backend/app/api/routes/items.py", "routes"),
        ("backend/app/crud.py", "repositories"),
        ("backend/app/api/deps.py", "dependencies"),
        ("backend/app/models.py", "models"),
        ("backend/app/main.py", "main"),
        ("backend/app/tests/api/routes/test_items.py", "tests"),
        ("backend/app/alembic/versions/e2412789c190_initialize_models.py", "scripts"),
        # routers/ and services/ layouts
        ("app/routers/users.py", "routes"),
        ("app/services/user_service.py", "services"),
        ("app/services/__init__.py", "services"),
        ("app/repositories/user_repository.py", "repositories"),
        ("app/repos/users.py", "repositories"),
        ("app/crud/crud_user.py", "repositories"),
        ("app/user_service.py", "services"),
        ("app/user_repository.py", "repositories"),
        # FastAPI-boilerplate
        ("src/app/api/v1/users.py", "routes"),
        ("src/app/api/dependencies.py", "dependencies"),
        ("app/api/v1/endpoints/users.py", "routes"),
        ("src/app/crud/crud_users.py", "repositories"),
        ("src/app/schemas/user.py", "schemas"),
        # domain packages (netflix/dispatch, zhanymkanov's layout)
        ("src/auth/router.py", "routes"),
        ("src/auth/service.py", "services"),
        ("src/auth/repository.py", "repositories"),
        ("src/auth/schemas.py", "schemas"),
        ("src/auth/models.py", "models"),
        ("src/dispatch/incident/views.py", None),  # decided by its route handlers
        ("src/dispatch/service/models.py", "models"),  # a file name beats a directory
        ("src/dispatch/service/service.py", "services"),
        ("src/app/api/v1/tasks.py", "routes"),
        ("app/api/v1/schemas.py", "schemas"),
        ("app/services/user_repository.py", "repositories"),
        # realworld app
        ("app/api/routes/articles/articles_resource.py", "routes"),
        ("app/db/repositories/articles.py", "repositories"),
        ("app/services/articles.py", "services"),
        # tests and scripts anywhere
        ("tests/test_users.py", "tests"),
        ("ruoyi-fastapi-test/common/login.py", "tests"),
        ("backend/api_tests/routes/users.py", "tests"),
        ("app/latest/routes/users.py", "routes"),
        ("tests/conftest.py", "tests"),
        ("conftest.py", "tests"),
        ("app/users_test.py", "tests"),
        ("scripts/seed.py", "scripts"),
        ("setup.py", "scripts"),
        ("src/app/core/setup.py", None),  # FastAPI-boilerplate's app setup is app code
        ("app/worker/tasks.py", None),
        # paths as flake8 reports them
        ("./app/routers/users.py", "routes"),
        ("app\\routers\\users.py", "routes"),
        ("routes/users.py", "routes"),
        ("main.py", "main"),
        ("app/utils.py", None),
    ],
)
def test_default_layers(path, layer):
    assert Settings().layer_of(path) == layer


def test_layer_globs_are_configurable():
    settings = settings_for(fastapi_routes_paths="*/web/*|*/handlers.py")
    assert settings.layer_of("app/web/users.py") == "routes"
    assert settings.layer_of("app/handlers.py") == "routes"
    assert settings.layer_of("app/routers/users.py") is None  # replaced, not extended
    assert settings.layer_of("app/services/x.py") == "services"  # other layers keep defaults


def test_absolute_paths_under_the_working_directory_are_made_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert normalize_path(str(tmp_path / "app" / "routers" / "x.py")) == "/app/routers/x.py"


def test_route_handlers_make_a_silent_path_a_routes_file():
    from flake8_fastapi_conventions.context import Context
    import ast

    source = "from fastapi import APIRouter\nrouter = APIRouter()\n@router.get('/')\nasync def index(): ...\n"
    assert Context(ast.parse(source), "src/dispatch/incident/views.py", Settings()).layer == "routes"
    assert Context(ast.parse("x = 1\n"), "src/dispatch/incident/views.py", Settings()).layer is None
    # a services/ directory says less than the route handlers the file defines
    assert Context(ast.parse(source), "src/dispatch/service/views.py", Settings()).layer == "routes"
    assert Context(ast.parse("x = 1\n"), "src/dispatch/service/views.py", Settings()).layer == "services"
    # a file name says more
    assert Context(ast.parse(source), "app/user_service.py", Settings()).layer == "services"


def _off_rule():
    return next(code for code, r in sorted(RULES.items()) if not r.default and not code.startswith("XFA9"))


def test_on_rules_run_by_default():
    enabled = enabled_codes(None, None)
    assert enabled == {c for c, r in RULES.items() if r.default}


@pytest.mark.parametrize("select", [["XFA"], ["XFA1", "XFA2", "XFA3", "XFA4", "XFA5", "XFA6", "XFA7", "XFA8"], ["E", "F", "W"], ["X"]])
def test_broad_prefixes_do_not_switch_off_rules_on(select):
    assert enabled_codes(select, None) == enabled_codes(None, None)


def test_specific_prefixes_switch_off_rules_on():
    off = [c for c, r in RULES.items() if not r.default]
    if not any(not c.startswith("XFA9") for c in off):
        pytest.skip("no off rule outside XFA9 declared yet")
    code = _off_rule()
    assert code in enabled_codes(None, [code])
    assert code in enabled_codes([code[:5]], None)
    assert code not in enabled_codes([code[:4]], None)
    assert code in enabled_codes(["xfa" + code[3:]], None)  # flake8 codes are case-insensitive here too


def test_xfa9_group_prefix_switches_the_whole_group_on():
    nine = {c for c in RULES if c.startswith("XFA9")}
    if not nine:
        pytest.skip("XFA9xx not declared yet")
    assert nine <= enabled_codes(None, ["XFA9"])
    assert not nine & enabled_codes(["XFA"], None)


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("fastapi_max_function_length", "abc"),
        ("fastapi_max_function_length", "0"),
        ("fastapi_max_if_depth", "-1"),
        ("fastapi_routes_paths", "*/[routes/*"),
        ("fastapi_no_cache", "maybe"),
        ("fastapi_cache_dir", "x\x00y"),
    ],
)
def test_bad_option_values_stop_with_one_line_naming_the_option(option, value):
    with pytest.raises(OptionError) as raised:
        settings_for(**{option: value})
    message = str(raised.value.code)
    assert "\n" not in message
    assert "--" + option.replace("_", "-") in message


def test_thresholds_are_read():
    settings = settings_for(fastapi_max_function_length="50", fastapi_bool_prefixes="is_|was_")
    assert settings.thresholds.max_function_length == 50
    assert settings.thresholds.bool_prefixes == ("is_", "was_")


def test_settings_from_a_namespace_without_plugin_options():
    # tools that build options by hand may leave attributes out
    from flake8_fastapi_conventions.settings import settings_from_options

    assert settings_from_options(SimpleNamespace()).enabled == enabled_codes(None, None)


# -- the summary cache and the project root --------------------------------------------


def _parsed(argv, monkeypatch, cwd):
    """Settings as the real flake8 option machinery builds them (command line and config
    files found from ``cwd``)."""
    from flake8.options.parse_args import parse_args

    from flake8_fastapi_conventions.checker import Checker

    monkeypatch.chdir(cwd)
    monkeypatch.setattr(Checker, "settings", Checker.settings)  # parse_options sets it; undone after
    parse_args(list(argv))
    return Checker.settings


def test_cache_and_root_defaults(tmp_path, monkeypatch):
    settings = _parsed(["--isolated", "a.py"], monkeypatch, tmp_path)
    assert (settings.no_cache, settings.cache_dir, settings.project_root) == (False, None, None)
    assert (Settings().no_cache, Settings().cache_dir, Settings().project_root) == (False, None, None)


def test_cache_and_root_options_from_the_command_line(tmp_path, monkeypatch):
    settings = _parsed(
        ["--fastapi-no-cache", "--fastapi-cache-dir=build/xfa-cache", "--fastapi-project-root", "backend", "a.py"],
        monkeypatch,
        tmp_path,
    )
    assert settings.no_cache is True
    assert settings.cache_dir == str(tmp_path / "build" / "xfa-cache")
    assert settings.project_root == str(tmp_path / "backend")


def test_cache_and_root_options_from_a_config_file(tmp_path, monkeypatch):
    (tmp_path / ".flake8").write_text(
        "[flake8]\nfastapi-no-cache = true\nfastapi-cache-dir = build/xfa-cache\nfastapi-project-root = ./backend\n"
    )
    (tmp_path / "backend" / "app").mkdir(parents=True)
    for cwd in (tmp_path, tmp_path / "backend" / "app"):  # flake8 finds the config upwards
        settings = _parsed(["a.py"], monkeypatch, cwd)
        assert settings.no_cache is True
        # relative to the config file's directory, wherever flake8 runs from
        assert settings.cache_dir == str(tmp_path / "build" / "xfa-cache")
        assert settings.project_root == str(tmp_path / "backend")
    (tmp_path / ".flake8").write_text("[flake8]\nfastapi-no-cache = false\nfastapi-cache-dir =\n")
    settings = _parsed(["a.py"], monkeypatch, tmp_path)
    assert (settings.no_cache, settings.cache_dir) == (False, None)


@pytest.mark.parametrize(("text", "value"), [("yes", True), ("On", True), ("1", True), ("off", False), ("0", False)])
def test_no_cache_takes_the_usual_booleans_in_a_config_file(tmp_path, monkeypatch, text, value):
    (tmp_path / "setup.cfg").write_text(f"[flake8]\nfastapi-no-cache = {text}\n")
    assert _parsed(["a.py"], monkeypatch, tmp_path).no_cache is value
    # the flag on the command line switches the cache off whatever the config says
    assert _parsed(["--fastapi-no-cache", "a.py"], monkeypatch, tmp_path).no_cache is True


def test_the_command_line_wins_over_the_config_file(tmp_path, monkeypatch):
    (tmp_path / ".flake8").write_text("[flake8]\nfastapi-cache-dir = from/config\n")
    settings = _parsed(["--fastapi-cache-dir=from/cli", "a.py"], monkeypatch, tmp_path)
    assert settings.cache_dir == str(tmp_path / "from" / "cli")


def test_cache_and_root_options_from_a_namespace():
    settings = settings_for(fastapi_no_cache=True, fastapi_cache_dir="/tmp/xfa", fastapi_project_root="/srv/app")
    assert (settings.no_cache, settings.cache_dir, settings.project_root) == (True, "/tmp/xfa", "/srv/app")


def test_layers_are_read_within_a_nested_project(tmp_path, monkeypatch):
    # dataherald: services/engine/ and services/enterprise/ are deployables of a monorepo,
    # each with its own pyproject.toml; the engine's services layer is dataherald/services/
    (tmp_path / ".git").mkdir()
    for project in ("services/engine", "services/enterprise"):
        (tmp_path / project).mkdir(parents=True)
        (tmp_path / project / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    assert settings.layer_of("services/engine/dataherald/api/fastapi.py") is None
    assert settings.layer_of("services/engine/dataherald/services/sql_generations.py") == "services"
    assert settings.layer_of("services/enterprise/modules/user/controller.py") is None
    assert settings.layer_of(str(tmp_path / "services/engine/dataherald/api/fastapi.py")) is None
    # tests and scripts are still read from the whole path
    assert settings.layer_of("services/engine/tests/fixtures/app/services/x.py") == "tests"
    # a path with no nested project keeps its directory layers
    assert settings.layer_of("services/billing.py") == "services"
    assert settings.layer_of("services/billing/api.py") == "services"


def test_nested_projects_do_not_rebase_configured_globs(tmp_path, monkeypatch):
    (tmp_path / "services" / "engine").mkdir(parents=True)
    (tmp_path / "services" / "engine" / "pyproject.toml").write_text("")
    monkeypatch.chdir(tmp_path)
    settings = settings_for(fastapi_services_paths="/services/engine/*")
    assert settings.layer_of("services/engine/api/fastapi.py") == "services"
    # and an explicit project root is the root, as written
    assert Settings(project_root=str(tmp_path)).layer_of("services/engine/api/fastapi.py") == "services"
