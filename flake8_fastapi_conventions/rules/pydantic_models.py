"""XFA4xx: Pydantic v2 and schemas.

What is a model comes from this file only (``ctx.model_classes``: classes inheriting
``BaseModel``/``BaseSettings``/``RootModel``/``SQLModel`` directly or through classes of
this file, and names imported from the configured schema modules).  Models that inherit
``pydantic.v1`` classes are v1 on purpose: the v1-syntax rules leave them alone.

``V1_CONFIG_KEYS`` and ``V1_METHODS`` are data shared with the fixer.
"""

from __future__ import annotations

import ast

from ..context import PYDANTIC_BASES, Context, Frame, short_source
from ..registry import rule, visitor

#: v1 ``class Config`` key -> v2 ``ConfigDict`` key; ``None``: removed in v2 (drop it).
#: ``allow_mutation`` becomes ``frozen`` with the value inverted (see ``INVERTED_CONFIG_KEYS``);
#: ``copy_on_model_validation`` becomes ``revalidate_instances`` ("none" -> "never", else "always").
V1_CONFIG_KEYS: dict[str, str | None] = {
    "orm_mode": "from_attributes",
    "allow_population_by_field_name": "populate_by_name",
    "anystr_strip_whitespace": "str_strip_whitespace",
    "anystr_lower": "str_to_lower",
    "anystr_upper": "str_to_upper",
    "min_anystr_length": "str_min_length",
    "max_anystr_length": "str_max_length",
    "schema_extra": "json_schema_extra",
    "validate_all": "validate_default",
    "allow_mutation": "frozen",
    "keep_untouched": "ignored_types",
    "copy_on_model_validation": "revalidate_instances",
    "underscore_attrs_are_private": None,
    "fields": None,
    "smart_union": None,
    "getter_dict": None,
    "json_loads": None,
    "json_dumps": None,
    "error_msg_templates": None,
    "post_init_call": None,
}
#: v1 keys whose v2 key takes the negated value
INVERTED_CONFIG_KEYS = frozenset({"allow_mutation"})

#: v1 method -> v2 method.  ``from_orm(x)`` becomes ``model_validate(x, from_attributes=True)``
#: and ``schema_json()`` becomes ``json.dumps(Model.model_json_schema())``.
V1_METHODS: dict[str, str] = {
    "dict": "model_dump",
    "json": "model_dump_json",
    "parse_obj": "model_validate",
    "parse_raw": "model_validate_json",
    "from_orm": "model_validate",
    "copy": "model_copy",
    "schema": "model_json_schema",
    "schema_json": "model_json_schema",
    "update_forward_refs": "model_rebuild",
    "construct": "model_construct",
}
#: the v1 methods that make sense on the class itself (``User.parse_obj(data)``)
V1_CLASS_METHODS = frozenset(
    {"parse_obj", "parse_raw", "from_orm", "schema", "schema_json", "update_forward_refs", "construct"}
)
#: class methods whose result is an instance of the class
_CONSTRUCTORS = frozenset(
    {
        "model_validate", "model_validate_json", "model_validate_strings", "model_construct",
        "parse_obj", "parse_raw", "from_orm", "construct",
    }
)

_SETTINGS_BASES = frozenset({"pydantic_settings.BaseSettings", "pydantic.BaseSettings", "pydantic.v1.BaseSettings"})
_SETTINGS_KEYS = frozenset(
    {"env_file", "env_prefix", "env_nested_delimiter", "env_file_encoding", "secrets_dir", "env_ignore_empty"}
)
_V2_BASES = frozenset(q for q in PYDANTIC_BASES if not q.startswith("pydantic.v1."))
_CONFIG_DICTS = frozenset(
    {
        "pydantic.ConfigDict",
        "pydantic.config.ConfigDict",
        "pydantic_settings.SettingsConfigDict",
        "pydantic_settings.main.SettingsConfigDict",
    }
)
_V1_VALIDATORS = {"pydantic.validator": "validator", "pydantic.root_validator": "root_validator",
                  "pydantic.class_validators.validator": "validator",
                  "pydantic.class_validators.root_validator": "root_validator"}
_VALIDATOR_DECORATORS = frozenset(
    {
        "pydantic.field_validator", "pydantic.model_validator", "pydantic.validator",
        "pydantic.root_validator", "pydantic.functional_validators.field_validator",
        "pydantic.functional_validators.model_validator", "pydantic.v1.validator",
        "pydantic.v1.root_validator", "pydantic.class_validators.validator",
        "pydantic.class_validators.root_validator",
    }
)
_HTTP_EXCEPTIONS = frozenset(
    {"fastapi.HTTPException", "fastapi.exceptions.HTTPException", "starlette.exceptions.HTTPException"}
)
_MONEY_NAMES = frozenset({"price", "amount", "cost", "balance", "total", "fee", "salary"})
_MONEY_SUFFIXES = ("_price", "_amount", "_cost", "_balance", "_total", "_fee")
_SA_FLOATS = frozenset({"Float", "FLOAT", "REAL", "Double", "DOUBLE", "DOUBLE_PRECISION"})
_SA_COLUMNS = frozenset({"Column", "mapped_column"})
_DATETIME_METHODS = frozenset({"utcnow", "utcfromtimestamp", "now", "today"})
#: what a naive *local* ``now()`` is used for correctly on the spot (no datetime escapes)
_LOCAL_TIME_USES = frozenset(
    {"timestamp", "strftime", "date", "time", "year", "month", "day", "hour", "minute", "second", "weekday", "isoweekday"}
)
_REQUEST_SUFFIXES = ("Create", "Update", "Request", "In")

# -- declarations ---------------------------------------------------------------

XFA401 = rule(
    "XFA401",
    "pydantic-v1-config-class",
    default=True,
    seeds=("004",),
    message="class Config is Pydantic v1 configuration in {model}; use model_config = {replacement}",
    what="""
        Reports a nested `class Config:` inside a Pydantic model (a class that inherits
        `BaseModel`, `BaseSettings`, `RootModel` or `SQLModel`, directly or through classes of
        this file, or a model imported from a configured schema module). The message spells out
        the `ConfigDict(...)` (`SettingsConfigDict(...)` for settings) with the v2 key names:
        `orm_mode` → `from_attributes`, `allow_population_by_field_name` → `populate_by_name`,
        `anystr_strip_whitespace` → `str_strip_whitespace`, `schema_extra` → `json_schema_extra`,
        `allow_mutation=False` → `frozen=True`, and names the keys v2 removed.
    """,
    why="""
        Seed 004: "Always use Pydantic V2 syntax. Never use V1 patterns like class Config, .dict(),
        .json(), or orm_mode. Use model_config = ConfigDict(...) for model configuration." In v2 a
        `class Config` is deprecated, and its renamed keys are only honoured through a warning shim
        that will go away; removed keys are silently ignored.
    """,
    bad="""
        from pydantic import BaseModel


        class UserOut(BaseModel):
            id: int
            name: str

            class Config:
                allow_population_by_field_name = True
    """,
    good="""
        from pydantic import BaseModel, ConfigDict


        class UserOut(BaseModel):
            model_config = ConfigDict(populate_by_name=True)

            id: int
            name: str
    """,
    not_flagged=(
        "`class Config` in classes that are not Pydantic models here: SQLAlchemy models, "
        "dataclasses, Django `Meta`-style classes, classes whose bases this file cannot trace to Pydantic.",
        "Models built on `pydantic.v1` on purpose (`from pydantic.v1 import BaseModel`).",
    ),
    fix="safe",
    config="""
        Models imported from your own modules are known when those modules are named in
        `fastapi-schema-modules` (e.g. `fastapi-schema-modules = app.schemas`).
    """,
)

XFA402 = rule(
    "XFA402",
    "pydantic-v1-method",
    default=True,
    seeds=("004",),
    message="{receiver}.{method}() is Pydantic v1 API; use {replacement}",
    what="""
        Reports the v1 methods `.dict()`, `.json()`, `.parse_obj()`, `.parse_raw()`, `.from_orm()`,
        `.copy()`, `.schema()`, `.schema_json()`, `.update_forward_refs()` and `.construct()` when the
        receiver is known to be a Pydantic model: a model class of this file or imported from a
        configured schema module (`User.parse_obj(data)`), a parameter annotated with such a class,
        a name assigned from `Model(...)` / `Model.model_validate(...)` earlier in the same function,
        `Model(...)` itself, or `self` inside a model's methods. The message names the v2 call:
        `.model_dump()`, `.model_dump_json()`, `.model_validate()`, `.model_validate_json()`,
        `.model_validate(obj, from_attributes=True)`, `.model_copy()`, `.model_json_schema()`,
        `.model_rebuild()`, `.model_construct()`.
    """,
    why="""
        Seed 004: "Use .model_dump() and .model_dump_json() — never the deprecated V1 equivalents."
        The v1 names still run in v2 only through deprecation shims (with a warning on every call)
        and some of them behave differently (`.copy(update=...)` does not validate, `.json()`
        arguments such as `encoder` are gone).
    """,
    bad="""
        from pydantic import BaseModel


        class User(BaseModel):
            name: str


        def to_payload(user: User) -> dict:
            return user.dict()
    """,
    good="""
        from pydantic import BaseModel


        class User(BaseModel):
            name: str


        def to_payload(user: User) -> dict:
            return user.model_dump()
    """,
    not_flagged=(
        "`.json()` of an `httpx`/`requests` response, `.dict()`/`.copy()` of any receiver not known "
        "to be a model (dicts, lists, unannotated parameters, attributes).",
        "Models built on `pydantic.v1` on purpose.",
        "`self.dict()` in a model that defines its own `dict` method.",
    ),
    fix="safe",
    config="""
        Models imported from your own modules are known when those modules are named in
        `fastapi-schema-modules` (e.g. `fastapi-schema-modules = app.schemas`).
    """,
)

XFA403 = rule(
    "XFA403",
    "pydantic-v1-validator",
    default=True,
    seeds=("004",),
    message="@{name} is a Pydantic v1 validator; use {replacement}",
    what="""
        Reports `@validator(...)` and `@root_validator` imported from `pydantic` (v2 keeps them
        only as deprecated shims).
    """,
    why="""
        Seed 004 asks for Pydantic V2 syntax only. `@field_validator` / `@model_validator` are the
        v2 API: explicit `mode="before"/"after"`, a `ValidationInfo` argument instead of `values`,
        and no deprecation warning at import time.
    """,
    bad="""
        from pydantic import BaseModel, validator


        class SignUp(BaseModel):
            username: str

            @validator("username")
            def strip_username(cls, value: str) -> str:
                return value.strip()
    """,
    good="""
        from pydantic import BaseModel, field_validator


        class SignUp(BaseModel):
            username: str

            @field_validator("username")
            @classmethod
            def strip_username(cls, value: str) -> str:
                return value.strip()
    """,
    not_flagged=("`validator`/`root_validator` imported from `pydantic.v1` (v1 on purpose).",),
    fix="safe",
)

XFA404 = rule(
    "XFA404",
    "orm-mode",
    default=True,
    seeds=("004",),
    message="orm_mode is the Pydantic v1 name; use from_attributes=True",
    what="""
        Reports `orm_mode = True` in a model's `class Config`, `ConfigDict(orm_mode=True)` /
        `SettingsConfigDict(orm_mode=True)`, and `model_config = {"orm_mode": True}`.
    """,
    why="""
        Seed 004: "Use from_attributes=True for ORM compatibility" and never `orm_mode`. In v2
        `orm_mode` is only translated with a warning in a `class Config`; inside `ConfigDict` or a
        `model_config` dict it is not a valid key, so `Model.model_validate(orm_obj)` fails.
    """,
    bad="""
        from pydantic import BaseModel, ConfigDict


        class ItemOut(BaseModel):
            model_config = ConfigDict(orm_mode=True)

            id: int
    """,
    good="""
        from pydantic import BaseModel, ConfigDict


        class ItemOut(BaseModel):
            model_config = ConfigDict(from_attributes=True)

            id: int
    """,
    not_flagged=(
        "`orm_mode = False`.",
        "`class Config` of classes not known to be Pydantic models, and `pydantic.v1` models.",
    ),
    fix="safe",
)

XFA405 = rule(
    "XFA405",
    "http-exception-in-validator",
    default=True,
    seeds=("004",),
    message="HTTPException raised inside Pydantic validator {name}(); raise ValueError (FastAPI turns it into a 422)",
    what="""
        Reports `raise HTTPException(...)` (from `fastapi` or `starlette`) in the body of a method
        decorated `@field_validator`, `@model_validator`, `@validator` or `@root_validator`.
    """,
    why="""
        Seed 004: "Raising HTTPException inside Pydantic @field_validator — this returns a 500
        instead of 422. Raise ValueError or use Pydantic's built-in constraints instead." Pydantic
        only turns `ValueError`/`AssertionError` into validation errors; anything else escapes the
        validation machinery (e.g. when validating a response or a settings object).
    """,
    bad="""
        from fastapi import HTTPException
        from pydantic import BaseModel, field_validator


        class Transfer(BaseModel):
            amount_cents: int

            @field_validator("amount_cents")
            @classmethod
            def positive(cls, value: int) -> int:
                if value <= 0:
                    raise HTTPException(status_code=400, detail="amount must be positive")
                return value
    """,
    good="""
        from pydantic import BaseModel, field_validator


        class Transfer(BaseModel):
            amount_cents: int

            @field_validator("amount_cents")
            @classmethod
            def positive(cls, value: int) -> int:
                if value <= 0:
                    raise ValueError("amount must be positive")
                return value
    """,
    not_flagged=("`HTTPException` raised in a nested function, or in an ordinary method of the model.",),
)

XFA406 = rule(
    "XFA406",
    "validator-without-classmethod",
    default=False,
    seeds=("002",),
    message="@field_validator {name}() is not a @classmethod; add @classmethod below @field_validator(...)",
    what="Reports a function decorated `@field_validator(...)` that is not also decorated `@classmethod`.",
    why="""
        Seed 002: "single-field rules — @classmethod, raises ValueError". Pydantic wraps a bare
        function in a classmethod for you, but type checkers then see the first parameter as an
        instance and the explicit form is the one the Pydantic docs use.
    """,
    bad="""
        from pydantic import BaseModel, field_validator


        class Tag(BaseModel):
            label: str

            @field_validator("label")
            def lower(cls, value: str) -> str:
                return value.lower()
    """,
    good="""
        from pydantic import BaseModel, field_validator


        class Tag(BaseModel):
            label: str

            @field_validator("label")
            @classmethod
            def lower(cls, value: str) -> str:
                return value.lower()
    """,
    not_flagged=("`@model_validator` methods (`mode=\"after\"` ones are instance methods).",),
)

XFA407 = rule(
    "XFA407",
    "email-as-str",
    default=True,
    seeds=("004",),
    message="field {name} holds an email address typed str; annotate it EmailStr (from pydantic import EmailStr)",
    what="""
        Reports a Pydantic model field named `email` or ending in `_email` (any case) whose type is
        `str`, `Optional[str]`, `str | None` or `Annotated[str, ...]`.
    """,
    why="""
        Seed 004: "Use EmailStr for emails." A `str` accepts anything, so malformed addresses reach
        the database and the mail provider; `EmailStr` validates and normalises at the edge.
    """,
    bad="""
        from pydantic import BaseModel


        class Invite(BaseModel):
            email: str
    """,
    good="""
        from pydantic import BaseModel, EmailStr


        class Invite(BaseModel):
            email: EmailStr
    """,
    not_flagged=(
        "Fields typed `EmailStr` or anything but `str`; names such as `email_verified` or `emails`.",
        "Response models are flagged too: use `EmailStr` there as well.",
        "Attributes of classes that are not Pydantic models here.",
    ),
)

XFA408 = rule(
    "XFA408",
    "money-as-float",
    default=True,
    seeds=("004",),
    message="{kind} {name} holds money typed float; use {fix} or integer minor units",
    what="""
        Reports money typed as a binary float: a Pydantic field, an SQLAlchemy column
        (`Mapped[float]`, `Column(Float)`, `mapped_column(Float)`) or a route-handler parameter named
        `price`, `amount`, `cost`, `balance`, `total`, `fee`, `salary` or ending in `_price`,
        `_amount`, `_cost`, `_balance`, `_total`, `_fee`.
    """,
    why="""
        Seed 004: "Using floats for money/currency. Floating point precision drift causes rounding
        errors. Use integer minor units (cents) or Decimal with explicit precision."
    """,
    bad="""
        from pydantic import BaseModel


        class Order(BaseModel):
            total: float
    """,
    good="""
        from decimal import Decimal

        from pydantic import BaseModel


        class Order(BaseModel):
            total: Decimal
    """,
    not_flagged=(
        "`Decimal`, `condecimal`, `Numeric` columns and `int` minor units (`price_cents: int`).",
        "`Mapped[float]` with an explicit non-float column type (`mapped_column(Numeric(10, 2))`).",
        "Other names (`total_count`, `price_ratio`) and attributes of plain classes.",
    ),
)

XFA409 = rule(
    "XFA409",
    "config-dict-literal",
    default=False,
    seeds=("004",),
    message="model_config is a plain dict; use model_config = {factory}(...) so the keys are type-checked",
    what="Reports `model_config = {...}` (a dict literal) in the body of a Pydantic model.",
    why="""
        Seed 004: "Use model_config = ConfigDict(...) for model configuration." `ConfigDict` is a
        `TypedDict`: type checkers reject misspelt or v1 keys (`orm_mode`) that a plain dict accepts
        silently. Seed 000 uses the dict form, hence off by default.
    """,
    bad="""
        from pydantic import BaseModel


        class Item(BaseModel):
            model_config = {"from_attributes": True}

            id: int
    """,
    good="""
        from pydantic import BaseModel, ConfigDict


        class Item(BaseModel):
            model_config = ConfigDict(from_attributes=True)

            id: int
    """,
    not_flagged=("`model_config: ConfigDict = {...}` (annotated, so still type-checked).",),
)

XFA410 = rule(
    "XFA410",
    "unbounded-str-field",
    default=False,
    seeds=("004",),
    message="str field {name} of request model {model} has no max_length; use Field(max_length=...) or Annotated[str, StringConstraints(max_length=...)]",
    what="""
        Reports a `str` field (also `Optional[str]`, `str | None`) declared in a request model — a
        Pydantic model whose name ends in `Create`, `Update`, `Request` or `In` — without a
        `max_length` from `Field(...)`, `constr(...)`, `StringConstraints(...)` or the model's
        `str_max_length` config.
    """,
    why="""
        Seed 004: "Not validating or constraining input lengths and formats via Pydantic. Unbounded
        string inputs can be used for denial-of-service or injection attacks."
    """,
    bad="""
        from pydantic import BaseModel


        class CommentCreate(BaseModel):
            body: str
    """,
    good="""
        from pydantic import BaseModel, Field


        class CommentCreate(BaseModel):
            body: str = Field(max_length=2000)
    """,
    not_flagged=(
        "Response and base models (names not ending in `Create`/`Update`/`Request`/`In`).",
        "Fields inherited from a base model (reported, if at all, where they are declared).",
        "Models with `str_max_length` in their `model_config`.",
    ),
)

XFA411 = rule(
    "XFA411",
    "naive-datetime",
    default=True,
    seeds=("004",),
    message="{call}() returns a naive datetime; use {replacement}",
    what="""
        Reports `datetime.utcnow()`, `datetime.utcfromtimestamp(ts)`, and `datetime.now()` /
        `datetime.today()` without a time zone, for both `from datetime import datetime` and
        `import datetime` (`datetime.datetime.utcnow()`). The fixer rewrites `utcnow()`.
    """,
    why="""
        Seed 004: "Mixing naive and timezone-aware datetimes. Always use timezone-aware datetimes
        (UTC) throughout the application. Naive datetimes cause silent bugs when serializing or
        comparing across timezones." `utcnow()` is also deprecated since Python 3.12. The fix is
        unsafe because comparing the new aware value with stored naive ones raises `TypeError`.
    """,
    bad="""
        from datetime import datetime


        def stamp() -> datetime:
            return datetime.utcnow()
    """,
    good="""
        from datetime import UTC, datetime


        def stamp() -> datetime:
            return datetime.now(UTC)
    """,
    not_flagged=(
        "`datetime.now(tz=...)`, `datetime.now(UTC)`, `datetime.now(timezone.utc)`.",
        "`date.today()` (a date has no time zone) and methods of other libraries (`pendulum.now()`).",
        "`datetime.utcnow` passed without being called (e.g. `default=datetime.utcnow`).",
        "`datetime.now().timestamp()` (correct: a naive local time converts to the right epoch), and "
        "`datetime.now().strftime(...)`/`.date()`/`.year`, which use the local time on the spot. "
        "`datetime.utcnow().timestamp()` is still flagged: it is off by the UTC offset.",
    ),
    fix="unsafe",
)

ALL = (XFA401, XFA402, XFA403, XFA404, XFA405, XFA406, XFA407, XFA408, XFA409, XFA410, XFA411)

# -- what is a model ------------------------------------------------------------


class _Models:
    """Per-file model facts: v2 (or unversioned) models, ``pydantic.v1`` models, settings."""

    __slots__ = ("models", "v1", "settings", "nested")

    def __init__(self, models: set[str], v1: set[str], settings: set[str]) -> None:
        self.models = models
        self.v1 = v1
        self.settings = settings
        #: names of model classes defined inside functions or classes (looked up by scope)
        self.nested: set[str] = set()


def _models(ctx: Context) -> _Models:
    return ctx.memo("xfa4_models", lambda: _compute_models(ctx))


def _compute_models(ctx: Context) -> _Models:
    v1: set[str] = {n for n, q in ctx.imports.items() if q.startswith("pydantic.v1.")}
    settings: set[str] = {n for n, q in ctx.imports.items() if q in _SETTINGS_BASES}
    changed = True
    while changed:
        changed = False
        for name, cls in ctx.classes.items():
            for base in cls.bases:
                target = base.value if isinstance(base, ast.Subscript) else base
                qualname = ctx.resolve(target) or ""
                if name not in v1 and (
                    qualname.startswith("pydantic.v1.") or (isinstance(target, ast.Name) and target.id in v1)
                ):
                    v1.add(name)
                    changed = True
                if name not in settings and (
                    qualname in _SETTINGS_BASES or (isinstance(target, ast.Name) and target.id in settings)
                ):
                    settings.add(name)
                    changed = True
    models = set(ctx.model_classes) - v1
    return _Models(models, v1, settings)


def _base_kind(ctx: Context, bases: list[ast.expr]) -> str | None:
    """``"v2"``/``"v1"`` when a class with these bases is a Pydantic model, else ``None``.
    A ``pydantic.v1`` base wins: mixing is an error in Pydantic anyway."""
    facts = _models(ctx)
    kind = None
    for base in bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        if isinstance(target, ast.Name):
            name = target.id
            if name in facts.v1:
                return "v1"
            if name in facts.models or _nested_model(ctx, name):
                kind = "v2"
                continue
        qualname = ctx.resolve(target)
        if qualname is None:
            continue
        if qualname.startswith("pydantic.v1."):
            return "v1"
        if qualname in _V2_BASES or (isinstance(target, ast.Attribute) and _schema_model(ctx, qualname)):
            kind = "v2"
    return kind


def _is_settings(ctx: Context, bases: list[ast.expr], config: ast.ClassDef | None = None) -> bool:
    """A ``BaseSettings`` subclass: through this file's classes, a base imported from a
    schema module whose name ends in ``Settings``, or a ``class Config`` with ``env_*`` keys."""
    facts = _models(ctx)
    for base in bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        if isinstance(target, ast.Name) and target.id in facts.settings:
            return True
        if ctx.resolve(target) in _SETTINGS_BASES:
            return True
        name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else ""
        if name.endswith("Settings") and name not in ctx.classes:
            return True
    if config is not None:
        for stmt in config.body:
            if isinstance(stmt, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in _SETTINGS_KEYS for t in stmt.targets
            ):
                return True
    return False


def _schema_model(ctx: Context, qualname: str) -> bool:
    """``schemas.UserOut`` with ``from app import schemas`` and schema module ``app.schemas``."""
    tail = qualname.rsplit(".", 1)[-1]
    return bool(tail[:1].isupper()) and ctx._from_schema_module(qualname)


def _nested_model(ctx: Context, name: str) -> bool:
    if name not in _models(ctx).nested:
        return False
    for frame in reversed(ctx.frames):
        nested = frame.data.get("xfa4_models")
        if nested and name in nested:
            return True
    return False


def _model_class_ref(ctx: Context, expr: ast.expr) -> str | None:
    """Display name when ``expr`` names a (non-v1) Pydantic model class."""
    if isinstance(expr, ast.Name):
        name = expr.id
        facts = _models(ctx)
        if name in facts.models:
            if ctx.imports.get(name) in PYDANTIC_BASES:  # BaseModel itself, however aliased
                return None
            return name
        if _nested_model(ctx, name) and name not in facts.v1:
            return name
        return None
    if isinstance(expr, ast.Attribute):
        qualname = ctx.resolve(expr)
        if qualname and _schema_model(ctx, qualname):
            return short_source(expr)
    return None


def _annotated_model(ctx: Context, annotation: ast.expr | None) -> bool:
    if annotation is None:
        return False
    base, _ = ctx.unwrap_annotation(annotation)
    if base is None or isinstance(base, ast.Subscript):
        return False
    if _model_class_ref(ctx, base) is not None:
        return True
    return ctx.resolve(base) in _V2_BASES and ctx.imported_from(base, "pydantic", "sqlmodel", "pydantic_settings")


def _makes_model(ctx: Context, value: ast.expr | None) -> bool:
    """``value`` evaluates to a model instance: ``Model(...)``, ``Model.model_validate(...)``."""
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    if _model_class_ref(ctx, func) is not None:
        return True
    return (
        isinstance(func, ast.Attribute)
        and func.attr in _CONSTRUCTORS
        and _model_class_ref(ctx, func.value) is not None
    )


def _known_instances(frame: Frame) -> dict[str, bool]:
    known = frame.data.get("xfa4_inst")
    if known is None:
        known = frame.data["xfa4_inst"] = {}
    return known


def _model_instance(ctx: Context, expr: ast.expr) -> bool:
    if isinstance(expr, ast.Call):
        return _makes_model(ctx, expr)
    if not isinstance(expr, ast.Name):
        return False
    name = expr.id
    known = ctx.frame.data.get("xfa4_inst")
    if known is not None and name in known:
        return known[name]
    if name == "self":
        return _self_in_model(ctx) is not None
    is_param, annotation = ctx.annotation_of(name)
    if is_param:
        # only the current function's own parameters
        return name in ctx.frame.params and _annotated_model(ctx, annotation)
    return False


def _self_in_model(ctx: Context) -> ast.ClassDef | None:
    """The model class when the current scope is a method of it and ``self`` its first param."""
    frames = ctx.frames
    if len(frames) < 2:
        return None
    frame, outer = frames[-1], frames[-2]
    if frame.kind != "function" or outer.kind != "class":
        return None
    fn = frame.node
    args = fn.args.posonlyargs + fn.args.args  # type: ignore[attr-defined]
    if not args or args[0].arg != "self":
        return None
    cls = outer.node
    assert isinstance(cls, ast.ClassDef)
    return cls if _base_kind(ctx, cls.bases) == "v2" else None




# -- XFA401, XFA404, XFA407, XFA408, XFA409, XFA410: class bodies --------------


def v2_config_entries(config: ast.ClassDef, ctx: Context | None = None) -> tuple[list[tuple[str, str]], list[str]]:
    """``([(v2_key, value_source)], [removed v1 keys])`` of a v1 ``class Config`` body."""
    entries: list[tuple[str, str]] = []
    removed: list[str] = []
    for stmt in config.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            key, value = stmt.targets[0].id, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            key, value = stmt.target.id, stmt.value
        else:
            continue
        if key in V1_CONFIG_KEYS:
            new = V1_CONFIG_KEYS[key]
            if new is None:
                removed.append(key)
                continue
        else:
            new = key
        if key in INVERTED_CONFIG_KEYS:
            if isinstance(value, ast.Constant) and isinstance(value.value, bool):
                text = repr(not value.value)
            else:
                text = f"not ({ast.unparse(value)})"
        elif key == "copy_on_model_validation":
            literal = value.value if isinstance(value, ast.Constant) else None
            text = '"never"' if literal in ("none", False) else '"always"'
        elif (
            key == "extra"
            and isinstance(value, ast.Attribute)
            and value.attr in ("allow", "forbid", "ignore")
            and (ctx is None or (ctx.resolve(value.value) or "").endswith("Extra"))
        ):
            text = f'"{value.attr}"'
        else:
            text = ast.unparse(value)
        entries.append((new, text))
    return entries, removed


def _config_replacement(ctx: Context, config: ast.ClassDef, settings: bool) -> str:
    entries, removed = v2_config_entries(config, ctx)
    parts = []
    for key, text in entries:
        if len(text) > 24 or "\n" in text:
            text = "..."
        parts.append(f"{key}={text}")
    factory = "SettingsConfigDict" if settings else "ConfigDict"
    replacement = f"{factory}({', '.join(parts)})"
    if removed:
        replacement += f" and drop {', '.join(removed)} (removed in v2)"
    return replacement


def _money_name(name: str) -> bool:
    lowered = name.lower()
    return lowered in _MONEY_NAMES or lowered.endswith(_MONEY_SUFFIXES)


def _is_float(ctx: Context, annotation: ast.expr | None) -> bool:
    base, _ = ctx.unwrap_annotation(annotation)
    base = _optional_union(ctx, base)
    return isinstance(base, ast.Name) and base.id == "float" and ctx.is_builtin(base)


def _is_str(ctx: Context, annotation: ast.expr | None) -> tuple[bool, list[ast.expr]]:
    base, metadata = ctx.unwrap_annotation(annotation)
    base = _optional_union(ctx, base)
    return isinstance(base, ast.Name) and base.id == "str" and ctx.is_builtin(base), metadata


def _optional_union(ctx: Context, base: ast.expr | None) -> ast.expr | None:
    """``T`` of ``Union[T, None]`` / ``Union[None, T]``."""
    if isinstance(base, ast.Subscript) and isinstance(base.slice, ast.Tuple) and len(base.slice.elts) == 2:
        if (ctx.resolve(base.value) or "").rsplit(".", 1)[-1] == "Union":
            first, second = base.slice.elts
            if isinstance(second, ast.Constant) and second.value is None:
                return first
            if isinstance(first, ast.Constant) and first.value is None:
                return second
    return base


def _sa_float(ctx: Context, expr: ast.expr) -> bool:
    target = expr.func if isinstance(expr, ast.Call) else expr
    if isinstance(target, (ast.Name, ast.Attribute)):
        qualname = ctx.resolve(target) or ""
        return qualname.rsplit(".", 1)[-1] in _SA_FLOATS and ctx.imported_from(target, "sqlalchemy", "sqlmodel")
    return False


def _column_type(ctx: Context, value: ast.expr | None) -> ast.expr | None:
    """The type argument of ``Column(...)``/``mapped_column(...)`` from sqlalchemy."""
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    if name not in _SA_COLUMNS or not ctx.imported_from(func, "sqlalchemy", "sqlmodel"):
        return None
    for arg in value.args:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            continue  # the column name
        if isinstance(arg, ast.Starred):
            return None
        return arg
    for kw in value.keywords:
        if kw.arg == "type_":
            return kw.value
    return None


def _mapped_float(ctx: Context, annotation: ast.expr | None) -> bool:
    if not isinstance(annotation, ast.Subscript):
        return False
    if (ctx.resolve(annotation.value) or "").rsplit(".", 1)[-1] != "Mapped":
        return False
    if not ctx.imported_from(annotation.value, "sqlalchemy"):
        return False
    return _is_float(ctx, annotation.slice)


def _has_max_length(metadata: list[ast.expr], value: ast.expr | None) -> bool:
    """``Field(max_length=...)``, ``StringConstraints(max_length=...)``, ``MaxLen(n)`` — or
    arguments we cannot see (``**kwargs``), which count as bounded."""
    items = [*metadata, value] if value is not None else metadata
    for item in items:
        if not isinstance(item, ast.Call):
            continue
        if any(kw.arg == "max_length" or kw.arg is None for kw in item.keywords):
            return True
        if any(isinstance(a, ast.Starred) for a in item.args):
            return True
        func = item.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in ("MaxLen", "Len"):
            return True
    return False


def _config_max_length(cls: ast.ClassDef) -> bool:
    for stmt in cls.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id == "model_config" for t in targets) and stmt.value is not None:
                for node in ast.walk(stmt.value):
                    if isinstance(node, ast.keyword) and node.arg in ("str_max_length", None):
                        return True
                    if isinstance(node, ast.Constant) and node.value == "str_max_length":
                        return True
        elif isinstance(stmt, ast.ClassDef) and stmt.name == "Config":
            for inner in stmt.body:
                if isinstance(inner, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id in ("max_anystr_length", "str_max_length") for t in inner.targets
                ):
                    return True
    return False


@visitor(ast.ClassDef, codes=(XFA401, XFA402, XFA404, XFA407, XFA408, XFA409, XFA410))
def class_body(node: ast.ClassDef, ctx: Context) -> None:
    kind = _base_kind(ctx, node.bases) if node.bases else None
    if kind == "v2" and ctx.frame.kind != "module":
        ctx.frame.data.setdefault("xfa4_models", set()).add(node.name)
        _models(ctx).nested.add(node.name)
    if kind is None:
        if ctx.wants(XFA408):
            _orm_money(node, ctx)
        return
    request_model = (
        kind == "v2" and node.name.endswith(_REQUEST_SUFFIXES) and ctx.wants(XFA410) and not _config_max_length(node)
    )
    settings = None
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign):
            _field(stmt, node, ctx, request_model)
        elif isinstance(stmt, ast.ClassDef):
            if stmt.name == "Config" and kind == "v2":
                settings = _is_settings(ctx, node.bases, stmt)
                ctx.report(stmt, XFA401, model=node.name, replacement=_config_replacement(ctx, stmt, settings))
                for inner in stmt.body:
                    if (
                        isinstance(inner, ast.Assign)
                        and _is_true(inner.value)
                        and any(isinstance(t, ast.Name) and t.id == "orm_mode" for t in inner.targets)
                    ):
                        target = next(t for t in inner.targets if isinstance(t, ast.Name) and t.id == "orm_mode")
                        ctx.report(target, XFA404)
        elif isinstance(stmt, ast.Assign) and kind == "v2":
            if any(isinstance(t, ast.Name) and t.id == "model_config" for t in stmt.targets) and isinstance(
                stmt.value, ast.Dict
            ):
                if settings is None:
                    settings = _is_settings(ctx, node.bases)
                ctx.report(stmt.value, XFA409, factory="SettingsConfigDict" if settings else "ConfigDict")
                for key, value in zip(stmt.value.keys, stmt.value.values):
                    if isinstance(key, ast.Constant) and key.value == "orm_mode" and _is_true(value):
                        ctx.report(key, XFA404)


def _is_true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _field(stmt: ast.AnnAssign, cls: ast.ClassDef, ctx: Context, request_model: bool) -> None:
    target = stmt.target
    if not isinstance(target, ast.Name) or not stmt.simple:
        return  # ``(x): int`` is not recorded in ``__annotations__``
    name = target.id
    lowered = name.lower()
    if lowered == "email" or (lowered.endswith("_email") and "_or_" not in lowered):
        if _is_str(ctx, stmt.annotation)[0]:
            ctx.report(target, XFA407, name=name)
            return
    if _money_name(name):
        if _is_float(ctx, stmt.annotation):
            ctx.report(target, XFA408, kind="field", name=name, fix="Decimal (Field(decimal_places=2))")
            return
    if request_model:
        is_str, metadata = _is_str(ctx, stmt.annotation)
        if is_str and not _has_max_length(metadata, stmt.value):
            ctx.report(target, XFA410, name=name, model=cls.name)


def _orm_money(cls: ast.ClassDef, ctx: Context) -> None:
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            if not _money_name(stmt.target.id):
                continue
            column_type = _column_type(ctx, stmt.value)
            if column_type is not None:
                if _sa_float(ctx, column_type):
                    ctx.report(stmt.target, XFA408, kind="column", name=stmt.target.id, fix="a Numeric(12, 2) column")
            elif _mapped_float(ctx, stmt.annotation):
                ctx.report(stmt.target, XFA408, kind="column", name=stmt.target.id, fix="Mapped[Decimal] = mapped_column(Numeric(12, 2))")
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            if not _money_name(stmt.targets[0].id):
                continue
            column_type = _column_type(ctx, stmt.value)
            if column_type is not None and _sa_float(ctx, column_type):
                ctx.report(stmt.targets[0], XFA408, kind="column", name=stmt.targets[0].id, fix="a Numeric(12, 2) column")


# -- XFA402, XFA404 (ConfigDict), XFA411: calls -----------------------------------


@visitor(ast.Call, codes=(XFA402, XFA404, XFA411))
def calls(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if isinstance(func, ast.Attribute):
        attr = func.attr
        if attr in V1_METHODS:
            _v1_method(node, func, ctx)
            return
        if attr in _DATETIME_METHODS:
            _naive_datetime(node, func, ctx)
            return
    if node.keywords:
        for kw in node.keywords:
            if kw.arg == "orm_mode":
                if _is_true(kw.value) and ctx.resolve(func) in _CONFIG_DICTS:
                    ctx.report(kw, XFA404)
                return


def _v1_method(node: ast.Call, func: ast.Attribute, ctx: Context) -> None:
    method = func.attr
    receiver = func.value
    cls = _model_class_ref(ctx, receiver)
    if cls is not None:
        if method not in V1_CLASS_METHODS:
            return
        shown = cls
    elif _model_instance(ctx, receiver):
        if isinstance(receiver, ast.Name) and receiver.id == "self":
            model = _self_in_model(ctx)
            if model is not None and _defines(model, method):
                return
        shown = _receiver_source(receiver)
    else:
        return
    new = V1_METHODS[method]
    if method == "from_orm":
        arg = short_source(node.args[0], 24) if node.args else "obj"
        if arg.endswith("..."):
            arg = "obj"
        replacement = f"{shown}.model_validate({arg}, from_attributes=True)"
    elif method == "schema_json":
        replacement = f"json.dumps({shown}.model_json_schema())"
    else:
        replacement = f"{shown}.{new}({'...' if node.args or node.keywords else ''})"
    ctx.report(node, XFA402, receiver=shown, method=method, replacement=replacement)


def _receiver_source(receiver: ast.expr) -> str:
    if isinstance(receiver, ast.Call):
        return f"{short_source(receiver.func, 30)}(...)"
    return short_source(receiver, 30)


def _defines(cls: ast.ClassDef, name: str) -> bool:
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == name:
            return True
    return False


def _naive_datetime(node: ast.Call, func: ast.Attribute, ctx: Context) -> None:
    method = func.attr
    qualname = ctx.resolve(func)
    if qualname != f"datetime.datetime.{method}" or not ctx.imported_from(func, "datetime"):
        return
    shown = short_source(func.value, 30)
    # ``datetime.datetime.now()`` -> ``datetime.datetime.now(datetime.UTC)``
    utc = f"{short_source(func.value.value, 30)}.UTC" if isinstance(func.value, ast.Attribute) else "UTC"
    if method == "utcnow":
        if node.args or node.keywords:
            return
        replacement = f"{shown}.now({utc})"
    elif method == "utcfromtimestamp":
        if not node.args or len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
            return
        replacement = f"{shown}.fromtimestamp({short_source(node.args[0], 20)}, {utc})"
    elif method == "now":
        if len(node.args) > 1 or any(isinstance(a, ast.Starred) for a in node.args):
            return
        tz = node.args[0] if node.args else None
        for kw in node.keywords:
            if kw.arg == "tz":
                tz = kw.value
            else:
                return  # **kwargs or an unknown keyword: cannot tell
        if tz is not None and not (isinstance(tz, ast.Constant) and tz.value is None):
            return
        replacement = f"{shown}.now({utc})"
    else:  # today
        if node.args or node.keywords:
            return
        replacement = f"{shown}.now({utc})"
    if method in ("now", "today"):
        parent = ctx.parent
        if isinstance(parent, ast.Attribute) and parent.value is node and parent.attr in _LOCAL_TIME_USES:
            return  # ``datetime.now().timestamp()`` is right; ``.strftime()`` shows local time on purpose
    if utc == "UTC":
        replacement += " (from datetime import UTC)"
    ctx.report(node, XFA411, fixable=method == "utcnow", call=f"{shown}.{method}", replacement=replacement)


# -- tracking which names hold model instances ------------------------------------


@visitor(ast.Assign, leave=True, codes=(XFA402,))
def assign(node: ast.Assign, ctx: Context) -> None:
    targets = node.targets
    frame = ctx.frame
    if frame.kind == "class":
        return
    if len(targets) == 1 and targets[0].__class__ is ast.Name:
        name = targets[0].id  # type: ignore[attr-defined]
        value = node.value
        is_model = value.__class__ is ast.Call and _makes_model(ctx, value)
        if is_model or name in frame.params or "xfa4_inst" in frame.data:
            _known_instances(frame)[name] = is_model
        return
    for target in targets:
        _forget(target, ctx)


@visitor(ast.AnnAssign, leave=True, codes=(XFA402,))
def ann_assign(node: ast.AnnAssign, ctx: Context) -> None:
    if ctx.frame.kind == "class" or not isinstance(node.target, ast.Name):
        return
    if node.value is None and node.target.id not in ctx.frame.params:
        return
    is_model = _annotated_model(ctx, node.annotation) or _makes_model(ctx, node.value)
    _known_instances(ctx.frame)[node.target.id] = is_model


@visitor(ast.For, ast.AsyncFor, ast.comprehension, codes=(XFA402,))
def loop_target(node: ast.For | ast.AsyncFor | ast.comprehension, ctx: Context) -> None:
    _forget(node.target, ctx)


@visitor(ast.withitem, codes=(XFA402,))
def with_target(node: ast.withitem, ctx: Context) -> None:
    if node.optional_vars is not None:
        _forget(node.optional_vars, ctx)


@visitor(ast.NamedExpr, ast.AugAssign, leave=True, codes=(XFA402,))
def walrus(node: ast.NamedExpr | ast.AugAssign, ctx: Context) -> None:
    if isinstance(node.target, ast.Name):
        is_model = isinstance(node, ast.NamedExpr) and _makes_model(ctx, node.value)
        _known_instances(ctx.frame)[node.target.id] = is_model


def _forget(target: ast.expr, ctx: Context) -> None:
    if isinstance(target, ast.Name):
        frame = ctx.frame
        if "xfa4_inst" in frame.data or target.id in frame.params:
            _known_instances(frame)[target.id] = False
    elif isinstance(target, (ast.Tuple, ast.List)):
        for elt in target.elts:
            _forget(elt, ctx)
    elif isinstance(target, ast.Starred):
        _forget(target.value, ctx)


# -- XFA403, XFA406, XFA408 (route parameters): functions -------------------------


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA403, XFA406, XFA408))
def function(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    decorators = node.decorator_list
    if decorators:
        field_validator = False
        classmethod_ = False
        for decorator in decorators:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if isinstance(target, ast.Attribute):
                last = target.attr
            elif isinstance(target, ast.Name):
                last = ctx.imports.get(target.id, target.id).rsplit(".", 1)[-1]
            else:
                continue
            if last in ("validator", "root_validator"):
                qualname = ctx.resolve(target)
                if (
                    qualname in _V1_VALIDATORS
                    and ctx.imported_from(target, "pydantic")
                    and not (isinstance(target, ast.Name) and target.id in ctx.functions)
                ):
                    ctx.report(
                        decorator,
                        XFA403,
                        fixable=_validator_fixable(decorator, last),
                        name=last,
                        replacement=_validator_replacement(decorator, last),
                    )
            elif last == "field_validator":
                field_validator = ctx.resolve(target) in (
                    "pydantic.field_validator",
                    "pydantic.functional_validators.field_validator",
                )
            elif last == "classmethod":
                classmethod_ = True
        if field_validator and not classmethod_:
            ctx.report(node, XFA406, name=node.name)
    if ctx.wants(XFA408):
        args = node.args
        money = [a for a in (*args.posonlyargs, *args.args, *args.kwonlyargs) if _money_name(a.arg)]
        if money and ctx.routes_of(node):
            for arg in money:
                if _is_float(ctx, arg.annotation):
                    ctx.report(arg, XFA408, kind="route parameter", name=arg.arg, fix="Decimal")


def _validator_fixable(decorator: ast.expr, name: str) -> bool:
    """What ``fastapi-conventions fix`` rewrites: ``@validator`` without ``always=``/``each_item=``
    (a ``@root_validator`` changes its signature in v2: a manual fix)."""
    if name != "validator":
        return False
    keywords = decorator.keywords if isinstance(decorator, ast.Call) else []
    return not any(kw.arg in ("always", "each_item") or kw.arg is None for kw in keywords)


def _validator_replacement(decorator: ast.expr, name: str) -> str:
    keywords = {kw.arg: kw.value for kw in decorator.keywords} if isinstance(decorator, ast.Call) else {}
    pre = _is_true(keywords.get("pre"))
    if name == "root_validator":
        return '@model_validator(mode="before") + @classmethod' if pre else '@model_validator(mode="after") (receives the model instance)'
    fields = ", ".join(short_source(a, 20) for a in decorator.args) if isinstance(decorator, ast.Call) else ""
    mode = ', mode="before"' if pre else ""
    return f"@field_validator({fields}{mode}) + @classmethod"


# -- XFA405: HTTPException in validators ----------------------------------------


@visitor(ast.Raise, codes=(XFA405,))
def raise_in_validator(node: ast.Raise, ctx: Context) -> None:
    exc = node.exc
    if exc is None:
        return
    target = exc.func if isinstance(exc, ast.Call) else exc
    if not isinstance(target, (ast.Name, ast.Attribute)):
        return
    if isinstance(target, ast.Name):
        if target.id in ctx.classes:  # the project's own class of that name
            return
        last = ctx.imports.get(target.id, target.id)
    else:
        last = target.attr
    if not last.endswith("HTTPException"):
        return
    if ctx.resolve(target) not in _HTTP_EXCEPTIONS or not ctx.imported_from(target, "fastapi", "starlette"):
        return
    frame = ctx.frame
    if frame.kind != "function":
        return
    fn = frame.node
    for decorator in fn.decorator_list:  # type: ignore[attr-defined]
        dtarget = decorator.func if isinstance(decorator, ast.Call) else decorator
        if ctx.resolve(dtarget) in _VALIDATOR_DECORATORS:
            ctx.report(node, XFA405, name=fn.name)  # type: ignore[attr-defined]
            return
