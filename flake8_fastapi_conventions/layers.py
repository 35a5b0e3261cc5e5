"""What layer a module is (routes, services, repositories, schemas, models, ...): from the
layer globs the user configured, else from its content (what its classes are, whether it defines
routes or imports routers), else from its directory. Used by the context for the checked file
and by the project index for every other module."""

from __future__ import annotations

import os
from typing import Callable

from .project import ProjectIndex, Symbol, router_like
from .settings import Settings, normalize_path


PYDANTIC_BASES = frozenset(
    {
        "pydantic.BaseModel",
        "pydantic.main.BaseModel",
        "pydantic.RootModel",
        "pydantic.root_model.RootModel",
        "pydantic.BaseSettings",
        "pydantic_settings.BaseSettings",
        "pydantic.v1.BaseModel",
        "pydantic.v1.BaseSettings",
        "pydantic.generics.GenericModel",
        "sqlmodel.SQLModel",
        "fastapi_users.schemas.BaseUser",
        "fastapi_users.schemas.BaseUserCreate",
        "fastapi_users.schemas.BaseUserUpdate",
        "fastapi_users.schemas.CreateUpdateDictModel",
    }
)


PYDANTIC_BASE_NAMES = frozenset(q.rsplit(".", 1)[-1] for q in PYDANTIC_BASES)


PYDANTIC_SETTINGS_BASES = frozenset(
    {"pydantic.BaseSettings", "pydantic_settings.BaseSettings", "pydantic.v1.BaseSettings", "pydantic.env_settings.BaseSettings"}
)
#: the standard library's enum classes: a class deriving from one is a value type
ENUM_BASES = frozenset(
    {"enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag", "enum.ReprEnum"}
)

ORM_BASES = frozenset(
    {
        "sqlalchemy.orm.DeclarativeBase",
        "sqlalchemy.orm.DeclarativeBaseNoMeta",
        "sqlalchemy.orm.decl_api.DeclarativeBase",
        "sqlalchemy.orm.declarative_base()",
        "sqlalchemy.ext.declarative.declarative_base()",
        "sqlalchemy.orm.decl_api.declarative_base()",
        "flask_sqlalchemy.SQLAlchemy.Model",
    }
)


def kinds_of(ancestors: frozenset[str] | set[str], sym: Symbol | None = None) -> frozenset[str]:
    """Class kinds from a class's external ancestors (see :meth:`Context.class_kinds`)."""
    kinds = set()
    if ancestors & PYDANTIC_BASES:
        kinds.add("pydantic")
        if any(a.startswith("pydantic.v1.") for a in ancestors):
            kinds.add("pydantic_v1")
    if ancestors & PYDANTIC_SETTINGS_BASES:
        kinds.add("settings")
    if ancestors & ORM_BASES:
        kinds.add("orm")
    if "sqlmodel.SQLModel" in ancestors and sym is not None and sym.kind == "class":
        if (sym.info or {}).get("kw", {}).get("table") is True:
            kinds.add("orm")
    if ancestors & ENUM_BASES:
        kinds.add("enum")
    return frozenset(kinds)


def globs_configured(settings: Settings, layer: str | None) -> bool:
    """The user replaced the default globs of ``layer``."""
    if layer is None:
        return False
    from .settings import DEFAULT_LAYER_GLOBS

    return tuple(settings.layer_globs.get(layer, ())) != DEFAULT_LAYER_GLOBS.get(layer, ())


def imports_routers(imports: dict[str, str], settings: Settings | None = None) -> bool:
    """A module's imports bring in routers (``from app.api.routes.users import router``)
    or routes modules (``from app.routers import items``, by the routes globs)."""
    for local, qualname in imports.items():
        if router_like(local) and local.lower().endswith("router"):
            return True
        tail = qualname.rsplit(".", 1)[-1]
        if tail.lower().endswith("router"):
            return True
        if settings is not None:
            parts = [p for p in qualname.lstrip(".").split(".") if p]
            if len(parts) > 1 and settings.layer_of("_/" + "/".join(parts) + ".py") == "routes":
                return True
    return False


def summary_layer(
    index: ProjectIndex, settings: Settings, path: str, path_layer: str | None, by_directory: bool
) -> str | None:
    """:func:`content_layer` of a project module from its summary (routes, classes and
    their kinds through the index, functions, imports): the same judgement
    :attr:`Context.layer` makes of the checked file."""
    if path_layer in ("tests", "scripts") or globs_configured(settings, path_layer):
        return path_layer
    summary = index.summary(path)
    if summary is None:
        return path_layer
    full = _abspath(path)

    def class_kinds() -> list[frozenset[str]]:
        kinds = []
        for name, info in summary["classes"].items():
            sym = Symbol("class", f"{full}:{name}", full, name, info)
            kinds.append(kinds_of(index.external_ancestors(sym), sym))
        return kinds

    return content_layer(
        path_layer,
        by_directory,
        has_routes=summary.get("routes", 0) > 0,
        class_kinds=class_kinds,
        functions=len(summary["functions"]),
        imports_routers=lambda: imports_routers(summary["imports"], settings),
        directory_layer=lambda: directory_layer(settings, path),
    )


def content_layer(
    path_layer: str | None,
    by_directory: bool,
    *,
    has_routes: bool,
    class_kinds: Callable[[], list[frozenset[str]]],
    functions: int,
    imports_routers: Callable[[], bool],
    directory_layer: Callable[[], str | None] = lambda: None,
) -> str | None:
    """A module's layer from what it defines, where the path's default globs say little or
    could be wrong: route handlers make a routes module (``routers/models.py`` with
    handlers); a ``schema.py``/``models.py`` that defines no classes but functions is no
    schemas/models module (``openapi/schema.py`` assembling the routers' document); a module
    in a services/ or repositories/ directory that holds only Pydantic classes is a schemas
    module (``services/search/model.py``), one that holds only ORM classes a models one,
    one that holds only enums has no layer (``services/acr.py``: an ``ACR`` enum); so is a
    ``service.py`` file name under a models/schemas directory (``directory_layer``) when the
    file holds only such classes (``models/v2/core/service.py``: the Service entity's
    Pydantic models), and a routes path with no route handlers, no functions and only
    such classes (``models/routers.py``: a load balancer's config models, "router" in
    another sense)."""
    if path_layer in ("main", "dependencies"):
        return path_layer
    if has_routes and (path_layer in (None, "models", "schemas") or by_directory):
        # a file name such as ``user_service.py`` still says more than its handlers
        return "routes"
    if path_layer in ("models", "schemas"):
        kinds = class_kinds()
        if not kinds and functions and imports_routers():
            return None
        return path_layer
    if path_layer in ("services", "repositories", "routes") and not functions:
        data = _data_layer(class_kinds())
        if data is not _NOT_DATA and (by_directory or directory_layer() in ("models", "schemas")):
            return data
    return path_layer


#: :func:`_data_layer` of a module that defines something else than data classes
_NOT_DATA = "?"


def _data_layer(kinds: list[frozenset[str]]) -> str | None:
    """The layer of a module whose classes are all data classes: ``models`` (ORM classes),
    ``schemas`` (Pydantic classes), ``None`` (enums only: constants, no layer); enums
    next to the others do not change it. :data:`_NOT_DATA` when a class is of another
    kind or the module defines none."""
    if not kinds:
        return _NOT_DATA
    data = [k for k in kinds if "enum" not in k]
    if not data:
        return None
    if all("orm" in k for k in data):
        return "models"
    if all("pydantic" in k and "orm" not in k for k in data):
        return "schemas"
    return _NOT_DATA


def directory_layer(settings: Settings, path: str) -> str | None:
    """The layer that the directories of ``path`` give, whatever its file name says
    (``zenml/models/v2/core/service.py`` -> ``models``)."""
    head = normalize_path(path).rsplit("/", 1)[0]
    layer, by_directory = settings.classify(head + "/_.py")
    return layer if by_directory else None


# -- sessions across modules (the project index's summaries) ---------------------------


def _abspath(path: str) -> str:
    return os.path.abspath(path)
