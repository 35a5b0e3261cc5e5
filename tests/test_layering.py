"""The layer of an imported module, as the XFA206 import-direction rule sees it."""

from __future__ import annotations

import ast

import pytest

from flake8_fastapi_conventions.context import Context
from flake8_fastapi_conventions.rules.layering._shared import file_layer, imported_layers
from flake8_fastapi_conventions.settings import Settings


def layers(path: str, statement: str) -> list[tuple[str, str]]:
    tree = ast.parse(statement)
    ctx = Context(tree, path, Settings())
    return imported_layers(ctx, tree.body[0])


@pytest.mark.parametrize(
    "path, statement, expected",
    [
        ("app/api/routes/users.py", "from app.services import user_service", "services"),
        ("app/api/routes/users.py", "from app.services.user_service import get_user", "services"),
        ("app/api/routes/users.py", "import app.repositories.user_repository", "repositories"),
        ("app/api/routes/users.py", "from app import crud", "repositories"),
        ("app/api/routes/users.py", "from app.crud import crud_user", "repositories"),
        ("app/api/routes/users.py", "from ...crud import crud_user", "repositories"),
        ("app/api/routes/users.py", "from app.models import User", "models"),
        ("app/api/routes/users.py", "from app.api.deps import SessionDep", "dependencies"),
        ("src/auth/router.py", "from . import service", "services"),
        ("src/auth/router.py", "from .repository import get_row", "repositories"),
        ("src/auth/router.py", "from src.users.service import get_user", "services"),
        ("src/app/api/v1/posts.py", "from ...crud.crud_posts import crud_posts", "repositories"),
        # the file name wins over a directory called ``service``
        ("src/dispatch/incident/models.py", "from dispatch.service.models import ServiceRead", "models"),
    ],
)
def test_layer_of_an_imported_module(path, statement, expected):
    assert [layer for layer, _ in layers(path, statement)] == [expected]


@pytest.mark.parametrize(
    "path, statement",
    [
        # third-party packages: their top package is not a directory of the project
        ("app/api/routes/users.py", "from fastapi_users.router import get_users_router"),
        ("app/api/routes/users.py", "from sqlalchemy.orm import Session"),
        # a function whose name happens to end in _service: unclear
        ("app/repositories/user_repository.py", "from app.core import get_service"),
        # the package says services, the name says repositories: unclear
        ("app/repositories/user_repository.py", "from app.services.user_service import user_repository"),
        # the layer would only come from the directory both files are in
        ("src/dispatch/feedback/service/models.py", "from .enums import ServiceFeedbackRating"),
        ("app/api/routes/users.py", "from app.core.config import settings"),
        # climbing above the path
        ("users.py", "from ...services import x"),
    ],
)
def test_unclear_imports_have_no_layer(path, statement):
    assert layers(path, statement) == []


@pytest.mark.parametrize(
    "path, source, expected",
    [
        ("app/services/user_service.py", "", "services"),
        ("src/dispatch/service/models.py", "", "models"),
        ("src/dispatch/service/views.py", "from fastapi import APIRouter\nrouter = APIRouter()\n@router.get('/')\ndef f(): pass\n", "routes"),
        ("src/dispatch/service/service.py", "", "services"),
        ("tests/services/test_user_service.py", "", "tests"),
        ("app/api/v1/endpoints/users.py", "", "routes"),
        ("app/crud/crud_user.py", "", "repositories"),
    ],
)
def test_file_layer(path, source, expected):
    tree = ast.parse(source)
    assert file_layer(Context(tree, path, Settings())) == expected


def test_framework_import_messages_name_the_layer_in_the_plural():
    from flake8_fastapi_conventions.checker import check_source

    from harness import settings_for

    on = settings_for(["XFA202"])
    repo = check_source("from fastapi import Request\n", "app/repositories/user_repository.py", on)
    assert [m for _, _, m in repo] == [
        "XFA202 repository imports the web framework (fastapi); keep repositories framework-free: "
        "take plain values and raise domain exceptions, and leave Request/Response/Depends/status "
        "to the routes"
    ]
    service = check_source("from fastapi import HTTPException\n", "app/services/user_service.py", on)
    assert "keep services framework-free" in service[0][2]
