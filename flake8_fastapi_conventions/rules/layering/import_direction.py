"""XFA206: an import against routes -> services -> repositories -> models."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import moved_off, rule, visitor
from ._shared import _LAYER_NAMES, file_layer, imported_layers

XFA206 = rule(
    "XFA206",
    "layer-import-direction",
    default=False,
    precision=moved_off("15 of 20"),
    seeds=("003", "004"),
    message="{layer} module imports {target} ({module}), against the router → service → repository → models direction",
    fix_hint="{fix}",
    what="""
        Reports an import that goes against router → service → repository → models: a
        repositories file importing a services or routes module, a services file
        importing a routes module, a routes file importing a repositories module (it
        skips the service), a models/schemas file importing a routes or services module.
        The imported module's layer comes from the same path globs as the file's
        (`app.services.user_service` is `app/services/user_service.py`; relative imports
        are resolved against the file's path) and, when the project index finds the
        module's file, from its content as for the file itself: a `services/search/model.py`
        holding only Pydantic classes is a schemas module, a `services/status.py` holding only
        enums has no layer, a `models/v1/service.py` holding only Pydantic classes is a
        schemas module (under a models/ directory the content sides with the directory, not
        the `service.py` name), a `routers/models.py` defining route handlers is a routes module.
    """,
    why="""
        Seed 003: "Every domain module follows: `router.py` > `service.py` > `repository.py`
        > `models.py`", each depending only on the next. Imports the other way round create
        cycles and let data access bypass business rules. Seed 004: "Circular imports
        usually mean your domain boundaries are wrong".
    """,
    bad="""
        from fastapi import APIRouter

        from app.repositories.user_repository import UserRepository
        from app.schemas import UserRead

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: int) -> UserRead:
            return await UserRepository().get(user_id)
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import UserRead
        from app.services.user_service import get_user

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: int) -> UserRead:
            return await get_user(user_id)
    """,
    not_flagged=(
        "Imports under `if TYPE_CHECKING:`.",
        "Imports whose layer is unclear: third-party packages, modules whose path says "
        "nothing, and `from pkg import name` where the package and the name point to "
        "different layers.",
        "Modules whose content says they are not of the layer their path suggests (a "
        "`services/` module of Pydantic classes or enums only, a `models/.../service.py` or "
        "`models/.../routers.py` of Pydantic classes and enums only, an `openapi/schema.py` "
        "that assembles the routers).",
        "Dependencies, main, tests and scripts files.",
    ),
    example_path="app/api/routes/users.py",
)


#: file layer -> imported layers that go against router -> service -> repository -> models
_FORBIDDEN = {
    "repositories": {"services", "routes"},
    "services": {"routes"},
    "routes": {"repositories"},
    "models": {"routes", "services"},
    "schemas": {"routes", "services"},
}

_DIRECTION_FIX = {
    ("repositories", "services"): "a repository must not call services: move the shared code down into the repository or a models/utils module",
    ("repositories", "routes"): "a repository must not depend on the routes: move what it needs into a models/schemas module",
    ("services", "routes"): "a service must not depend on the routes: move what it needs (schemas, helpers) into a schemas or services module",
    ("routes", "repositories"): "call a service function that uses the repository instead",
    ("models", "routes"): "models must not depend on the routes: move the shared code into the models/schemas layer",
    ("models", "services"): "models must not depend on services: move the shared code into the models layer or call the service from the caller",
    ("schemas", "routes"): "schemas must not depend on the routes: move the shared code into the schemas layer",
    ("schemas", "services"): "schemas must not depend on services: move the shared code into the schemas layer",
}

_TARGET_NAMES = {
    "routes": "a routes module",
    "services": "a services module",
    "repositories": "a repository module",
}


@visitor(ast.Import, ast.ImportFrom, codes=(XFA206,))
def imports_against_layer_direction(node: ast.Import | ast.ImportFrom, ctx: Context) -> None:
    if ctx.in_type_checking:
        return
    layer = file_layer(ctx)
    if layer in _FORBIDDEN and ctx.wants(XFA206):
        for target_layer, module in imported_layers(ctx, node):
            if target_layer in _FORBIDDEN[layer]:
                ctx.report(
                    node,
                    XFA206,
                    layer=_LAYER_NAMES[layer],
                    target=_TARGET_NAMES[target_layer],
                    module=module,
                    fix=_DIRECTION_FIX[(layer, target_layer)],
                )
                break
