"""XFA4xx: Pydantic v2 and schemas.

What is a model comes from this file and the project index (see "what is a model" below):
a class inheriting ``BaseModel``/``BaseSettings``/``RootModel``/``SQLModel`` directly or
through project base classes of any module, and names imported from the configured schema
modules.  Models that inherit ``pydantic.v1`` classes are v1 on purpose: the v1-syntax
rules leave them alone.

``V1_CONFIG_KEYS``, ``V1_METHODS``, ``V2_CONFIG_KEYS`` and the ``*_fix_blocker`` functions
are shared with the fixer, so that a message advertises a fix exactly when it is made.
"""

from __future__ import annotations

import ast
import re

from .. import lazy_re
from ..context import (
    ORM_BASES,
    PYDANTIC_BASES,
    PYDANTIC_SETTINGS_BASES,
    Binding,
    Context,
    dotted_name,
    kinds_of,
    short_source,
    target_names,
)
from ..project import Symbol, _statements, import_bindings
from ..registry import moved_off, rule, visitor

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
#: keys of pydantic v2 ``ConfigDict`` and pydantic-settings ``SettingsConfigDict``
V2_CONFIG_KEYS = frozenset(
    """title model_title_generator field_title_generator str_to_lower str_to_upper
    str_strip_whitespace str_min_length str_max_length extra frozen populate_by_name
    use_enum_values validate_assignment arbitrary_types_allowed from_attributes loc_by_alias
    alias_generator ignored_types allow_inf_nan json_schema_extra json_encoders strict
    revalidate_instances ser_json_timedelta ser_json_bytes ser_json_inf_nan val_json_bytes
    validate_default validate_return protected_namespaces hide_input_in_errors defer_build
    plugin_settings schema_generator json_schema_serialization_defaults_required
    json_schema_mode_override coerce_numbers_to_str regex_engine validation_error_cause
    use_attribute_docstrings cache_strings validate_by_alias validate_by_name serialize_by_alias
    case_sensitive env_prefix env_file env_file_encoding env_ignore_empty env_nested_delimiter
    env_parse_none_str env_parse_enums secrets_dir json_file json_file_encoding yaml_file
    yaml_file_encoding toml_file cli_parse_args nested_model_default_partial_update
    env_nested_max_split""".split()
)
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
#: the keyword arguments of each v1 method that ``fastapi-conventions fix`` carries over to
#: the v2 method (``None``: any)
V1_METHOD_KWARGS: dict[str, frozenset[str] | None] = {
    "dict": frozenset({"include", "exclude", "by_alias", "exclude_unset", "exclude_defaults", "exclude_none"}),
    "json": frozenset(
        {"include", "exclude", "by_alias", "exclude_unset", "exclude_defaults", "exclude_none", "indent"}
    ),
    "copy": frozenset({"update", "deep"}),
    "schema": frozenset({"by_alias", "ref_template"}),
    "schema_json": None,  # any: split between model_json_schema and json.dumps
    "update_forward_refs": frozenset(),
    "construct": None,
    "parse_obj": frozenset(),
    "parse_raw": frozenset(),
    "from_orm": frozenset(),
}
#: the v1 methods that take exactly one positional argument
_ONE_ARG = frozenset({"parse_obj", "parse_raw", "from_orm"})
#: class methods whose result is an instance of the class
_CONSTRUCTORS = frozenset(
    {
        "model_validate", "model_validate_json", "model_validate_strings", "model_construct",
        "parse_obj", "parse_raw", "from_orm", "construct",
    }
)

_SETTINGS_KEYS = frozenset(
    {"env_file", "env_prefix", "env_nested_delimiter", "env_file_encoding", "secrets_dir", "env_ignore_empty"}
)
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

_FIX_WHEN_V2 = (
    "the project is on Pydantic 2 (its dependencies or lock file say so, or the option "
    "`fastapi-target-pydantic = 2`); on a Pydantic 1 project this is a migration, left to you"
)

XFA401 = rule(
    "XFA401",
    "pydantic-v1-config-class",
    default=False,
    precision=moved_off("10 of 20", reading="sixth"),
    seeds=("004",),
    message="class Config is Pydantic v1 configuration in {model}; use model_config = {replacement}",
    what="""
        Reports a nested `class Config:` inside a Pydantic model (a class that inherits
        `BaseModel`, `BaseSettings`, `RootModel` or `SQLModel`, directly or through project
        base classes in any module, which the project index follows through imports and package
        re-exports, or a model imported from a configured schema module). The message spells out
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
        "`class Config` in classes that are not Pydantic models: SQLAlchemy models, "
        "dataclasses, Django `Meta`-style classes, classes whose bases cannot be traced to Pydantic.",
        "Models built on `pydantic.v1` on purpose (`from pydantic.v1 import BaseModel`), also through "
        "a project compat module that imports it from `pydantic.v1` in one branch of a version switch (`if PYDANTIC_V2: from pydantic.v1 import BaseModel` / `else: from pydantic import BaseModel`) gives the v1 API on every install.",
        "Code of a Pydantic v1/v2 compatibility layer: either branch of an `if` on the installed "
        "version (`if IS_PYDANTIC_V2:`, `if pydantic.VERSION < \"2\"`, `hasattr(x, \"model_dump\")`), "
        "and what follows such an `if` whose body returns.",
        "Generated modules (a header comment or docstring saying `auto-generated`, `generated by`, "
        "`DO NOT EDIT`, `@generated`): they are regenerated from their schema, not edited.",
    ),
    fix="safe",
    fix_when=_FIX_WHEN_V2,
    config="""
        Models of other modules of the project are known through the project index. Names
        imported from the modules named in `fastapi-schema-modules` (e.g.
        `fastapi-schema-modules = app.schemas`) count as models too, unless the index shows
        the class is something else (useful when the models live outside the checked tree).
    """,
)

XFA402 = rule(
    "XFA402",
    "pydantic-v1-method",
    default=False,
    precision=moved_off("11 of 20", reading="sixth"),
    seeds=("004",),
    message="{receiver}.{method}() is Pydantic v1 API; use {replacement}",
    what="""
        Reports the v1 methods `.dict()`, `.json()`, `.parse_obj()`, `.parse_raw()`, `.from_orm()`,
        `.copy()`, `.schema()`, `.schema_json()`, `.update_forward_refs()` and `.construct()` when the
        receiver is known to be a Pydantic model: a model class defined or imported here
        (`User.parse_obj(data)`; models of other modules through the project index), a parameter
        or variable annotated with such a class (also `Optional[...]`, `... | None`,
        `Annotated[...]`, a string, a `TypeVar` bound to a model), a name assigned from
        `Model(...)` / `Model.model_validate(...)` earlier in the same function, `Model(...)`
        itself, `self` in a model's methods, `cls` in its class methods, or a parameter annotated
        `type[Model]`. The message names the v2 call:
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
        "Models built on `pydantic.v1` on purpose, also through "
        "a project compat module that imports it from `pydantic.v1` in one branch of a version switch (`if PYDANTIC_V2: from pydantic.v1 import BaseModel` / `else: from pydantic import BaseModel`) gives the v1 API on every install.",
        "A model whose own class or a project base class defines the method itself (`def dict(self)`), "
        "ORM classes (SQLAlchemy models with their own `.dict()`), names of enclosing functions "
        "used in a closure.",
        "Code of a Pydantic v1/v2 compatibility layer: either branch of an `if` on the installed "
        "version (`if IS_PYDANTIC_V2:`, `if pydantic.VERSION < \"2\"`, `hasattr(x, \"model_dump\")`), "
        "and what follows such an `if` whose body returns.",
        "Generated modules (a header comment or docstring saying `auto-generated`, `generated by`, "
        "`DO NOT EDIT`, `@generated`): they are regenerated from their schema, not edited.",
    ),
    fix="safe",
    fix_when=_FIX_WHEN_V2,
    config="""
        Models of other modules of the project are known through the project index. Names
        imported from the modules named in `fastapi-schema-modules` (e.g.
        `fastapi-schema-modules = app.schemas`) count as models too, unless the index shows
        the class is something else (useful when the models live outside the checked tree).
    """,
)

XFA403 = rule(
    "XFA403",
    "pydantic-v1-validator",
    default=False,
    precision=moved_off("8 of 20", reading="sixth"),
    seeds=("004",),
    message="@{name} is a Pydantic v1 validator; use {replacement}",
    what="""
        Reports `@validator(...)` and `@root_validator` imported from `pydantic`, directly or
        through a project module that re-exports them (v2 keeps them only as deprecated shims).
        The fixer rewrites `@validator` when it is imported by name or used as
        `pydantic.validator`; `compat.validator` of a project module is left to you.
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
    not_flagged=(
        "`validator`/`root_validator` imported from `pydantic.v1` (v1 on purpose), also through "
        "a project compat module that imports it from `pydantic.v1` in one branch of a version switch (`if PYDANTIC_V2: from pydantic.v1 import BaseModel` / `else: from pydantic import BaseModel`) gives the v1 API on every install.",
        "Code of a Pydantic v1/v2 compatibility layer: either branch of an `if` on the installed "
        "version (`if IS_PYDANTIC_V2:`, `if pydantic.VERSION < \"2\"`, `hasattr(x, \"model_dump\")`), "
        "and what follows such an `if` whose body returns.",
        "Generated modules (a header comment or docstring saying `auto-generated`, `generated by`, "
        "`DO NOT EDIT`, `@generated`): they are regenerated from their schema, not edited.",
    ),
    fix="safe",
    fix_when=_FIX_WHEN_V2,
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
        "`class Config` of classes not known to be Pydantic models, and `pydantic.v1` models (also "
        "through a project compat module that imports it from `pydantic.v1` in one branch of a version switch (`if PYDANTIC_V2: from pydantic.v1 import BaseModel` / `else: from pydantic import BaseModel`) gives the v1 API on every install).",
        "Code of a Pydantic v1/v2 compatibility layer: either branch of an `if` on the installed "
        "version (`if IS_PYDANTIC_V2:`, `if pydantic.VERSION < \"2\"`, `hasattr(x, \"model_dump\")`), "
        "and what follows such an `if` whose body returns.",
        "Generated modules (a header comment or docstring saying `auto-generated`, `generated by`, "
        "`DO NOT EDIT`, `@generated`): they are regenerated from their schema, not edited.",
    ),
    fix="safe",
    fix_when=_FIX_WHEN_V2,
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
    not_flagged=(
        "`HTTPException` raised in a nested function, or in an ordinary method of the model.",
        "Generated modules (a header comment or docstring saying `auto-generated`, `generated by`, "
        "`DO NOT EDIT`, `@generated`): they are regenerated from their schema, not edited.",
    ),
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
    not_flagged=(
        "`@model_validator` methods (`mode=\"after\"` ones are instance methods).",
        "Generated modules (a header comment or docstring saying `auto-generated`, `generated by`, "
        "`DO NOT EDIT`, `@generated`): they are regenerated from their schema, not edited.",
    ),
)

XFA407 = rule(
    "XFA407",
    "email-as-str",
    default=False,
    precision=moved_off("7 of 14"),
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
        "A field the model checks itself: named by a `@field_validator(\"email\")`/`@validator` of its "
        "class, or `Annotated[str, AfterValidator(...)]` (also `BeforeValidator`, `PlainValidator`, "
        "`WrapValidator`).",
        "Columns of a SQLModel table (`class User(SQLModel, table=True)`): SQLModel does not validate "
        "table models, the request models do.",
        "A field read from a key that names no email (`email: str = Field(alias=\"username\")`: a login), "
        "git identities (`author_email`, `committer_email`: free-form, `root@localhost` is valid), and "
        "the account email of a stored OAuth token record (a model with `refresh_token`, or "
        "`access_token` with `expires_in`/`expires_at`/`token_type`/`scope`).",
        "Generated modules (a header comment or docstring saying `auto-generated`, `generated by`, "
        "`DO NOT EDIT`, `@generated`): they are regenerated from their schema, not edited.",
    ),
)

XFA408 = rule(
    "XFA408",
    "money-as-float",
    default=False,
    precision=moved_off("0 of 20", reading="fifth"),
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
        "A `..._total`/`..._amount` whose other words name another quantity (`request_time_total`, "
        "`bytes_total`, `tokens_total`, `scroll_amount`).",
        "The cost of a usage/telemetry record: a model or table with fields that count tokens or measure "
        "latency or a duration (`cost` beside `total_tokens`, `input_token_count`, `latency`, "
        "`duration_ms`), or an LLM's cost (`llm_cost`, a class `LLMCost`), an estimate from per-token "
        "prices in fractions of a cent. A payment's `card_token` is no token count.",
        "A statistics aggregate: `total` beside `count` and `minimum`/`maximum`/`mean` sums arbitrary numbers.",
        "A field documented as an estimate (`Field(description=\"Estimated cost ...\")`).",
        "Generated modules (a header comment or docstring saying `auto-generated`, `generated by`, "
        "`DO NOT EDIT`, `@generated`): they are regenerated from their schema, not edited.",
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
    not_flagged=(
        "`model_config: ConfigDict = {...}` (annotated, so still type-checked).",
        "Generated modules (a header comment or docstring saying `auto-generated`, `generated by`, "
        "`DO NOT EDIT`, `@generated`): they are regenerated from their schema, not edited.",
    ),
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
        "Generated modules (a header comment or docstring saying `auto-generated`, `generated by`, "
        "`DO NOT EDIT`, `@generated`): they are regenerated from their schema, not edited.",
    ),
)

XFA411 = rule(
    "XFA411",
    "naive-datetime",
    default=False,
    precision=moved_off("3 of 20"),
    seeds=("004",),
    message="{call}() returns a naive datetime; use {replacement}",
    what="""
        Reports `datetime.utcnow()`, `datetime.utcfromtimestamp(ts)`, and `datetime.now()` /
        `datetime.today()` without a time zone, for both `from datetime import datetime` and
        `import datetime` (`datetime.datetime.utcnow()`). The message advises
        `datetime.now(timezone.utc)`, which works on every Python version (`datetime.UTC`, an
        alias, from Python 3.11 on; when the file already imports `UTC`, that). The fixer rewrites
        `utcnow()`.
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
        "The same after `± timedelta(...)` or `.replace(minute=0, …)` (no `tzinfo=`): "
        "`(datetime.now() - timedelta(days=7)).timestamp()`; and `datetime.now().astimezone(UTC)`, "
        "which is aware.",
        "The same through a local variable that is only read that way (`end = datetime.now()` ... "
        "`end.strftime(\"%Y-%m-%d\")`).",
        "An in-process interval timer: `self.loaded_at = datetime.now()` and `datetime.now() - "
        "self.loaded_at > ttl`, when the class sets that attribute only from `now()` and reads it only "
        "to subtract it from `now()`.",
        "`datetime.now()`/`today()` in tests (`tests/`, `test_*.py`, `conftest.py`): mock and fixture "
        "timestamps are the test's own data. `utcnow()`/`utcfromtimestamp()`, deprecated, are still "
        "flagged there.",
        "Generated modules (a header comment or docstring saying `auto-generated`, `generated by`, "
        "`DO NOT EDIT`, `@generated`): they are regenerated from their schema, not edited.",
    ),
    fix="unsafe",
)

ALL = (XFA401, XFA402, XFA403, XFA404, XFA405, XFA406, XFA407, XFA408, XFA409, XFA410, XFA411)

# -- what is a model ------------------------------------------------------------
#
# A class is known from this file and the project index: a class defined here (module
# level or nested) is judged by its bases; a name imported from another module of the
# project, or a module-level alias of a class, is followed by the index through project
# base classes at any depth and package re-exports to the external classes it inherits.
# Names imported from a configured ``fastapi-schema-modules`` module count as models too,
# unless the index shows the class is something else.  Anything that cannot be followed
# is unknown, and unknown receivers are never reported.


class _Cls:
    """What is known of a class.  ``pydantic``: a Pydantic model class (``BaseModel``,
    ``BaseSettings``, ``RootModel``, ``SQLModel``, ... in its ancestors), ``v1`` when
    through ``pydantic.v1``; ``settings``: a ``BaseSettings``; ``orm``: an ORM class
    (``DeclarativeBase``, ``declarative_base()``, a ``SQLModel`` table), ``sqlmodel``: a
    ``SQLModel``; ``defines``: the v1 method names (``dict``, ``json``, ...) that a project
    class of its MRO defines itself (a method, class attribute or field), so a call of
    them is not Pydantic's; ``base``: the Pydantic base class itself (``BaseModel``);
    ``unknown``: a base could not be followed."""

    __slots__ = ("pydantic", "v1", "settings", "orm", "sqlmodel", "defines", "base", "unknown")

    def __init__(
        self,
        pydantic: bool = False,
        *,
        v1: bool = False,
        settings: bool = False,
        orm: bool = False,
        sqlmodel: bool = False,
        defines: frozenset[str] = frozenset(),
        base: bool = False,
        unknown: bool = False,
    ) -> None:
        self.pydantic = pydantic
        self.v1 = v1
        self.settings = settings
        self.orm = orm
        self.sqlmodel = sqlmodel
        self.defines = defines
        self.base = base
        self.unknown = unknown

    @property
    def model(self) -> bool:
        """A Pydantic model for certain: an ORM class that also inherits Pydantic is one
        only as a ``SQLModel`` (an SQLAlchemy class mixed with ``BaseModel`` is left alone)."""
        return self.pydantic and (self.sqlmodel or not self.orm)

    @property
    def v2(self) -> bool:
        """A model the v1-syntax rules apply to (``pydantic.v1`` models are v1 on purpose)."""
        return self.model and not self.v1


_UNKNOWN = _Cls(unknown=True)
_NOT_A_MODEL = _Cls()
#: the names whose definition in a project class makes a "v1 method" call that class's own
_V1_NAMES = frozenset(V1_METHODS)
_TYPEVARS = frozenset({"typing.TypeVar", "typing_extensions.TypeVar"})
_TYPE_OF = frozenset({"type", "typing.Type", "typing_extensions.Type"})


def _external(qualname: str) -> _Cls:
    if qualname in PYDANTIC_BASES or qualname in PYDANTIC_SETTINGS_BASES:
        return _Cls(
            True,
            v1=qualname.startswith("pydantic.v1."),
            settings=qualname in PYDANTIC_SETTINGS_BASES,
            sqlmodel=qualname == "sqlmodel.SQLModel",
            base=True,
        )
    if qualname in ORM_BASES:
        return _Cls(orm=True)
    return _UNKNOWN  # a third-party class: whatever it is, not known to be a model


def _own_names(cls: ast.ClassDef) -> frozenset[str]:
    """The v1 method names a class body defines (methods, class attributes, fields)."""
    names = set()
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Assign):
            names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            names.add(stmt.target.id)
    return frozenset(names & _V1_NAMES)


def _symbol_class(ctx: Context, sym: Symbol) -> _Cls:
    """A project class followed through the index: its MRO's project classes and the
    external classes they inherit (as :meth:`ProjectIndex.external_ancestors`, plus the
    names the project classes define)."""
    if sym.kind == "external":
        return _external(sym.qualname)
    if sym.kind != "class":
        return _NOT_A_MODEL if sym.kind in ("function", "module") else _UNKNOWN
    memo: dict[str, _Cls] = ctx.memo("xfa4_symbols", dict)
    found = memo.get(sym.qualname)
    if found is not None:
        return found
    index = ctx.index
    ancestors: set[str] = set()
    defines: set[str] = set()
    seen: set[str] = set()
    stack = [sym]
    while stack:
        current = stack.pop()
        if current.qualname in seen:
            continue
        seen.add(current.qualname)
        if current.kind == "external":
            ancestors.add(current.qualname)
            continue
        if current.kind == "value" and current.path is not None:
            # ``Base = declarative_base()``: the call it is built with
            desc = current.info or {}
            callee = index.lookup(current.path, desc["f"]) if desc.get("k") == "call" and desc.get("f") else None
            ancestors.add(callee.qualname + "()" if callee is not None and callee.kind == "external" else "?")
            continue
        if current.kind != "class" or current.path is None:
            ancestors.add("?")
            continue
        info = current.info or {}
        for key in ("methods", "attrs", "fields"):
            names = info.get(key)
            if names:
                defines.update(n for n in names if n in _V1_NAMES)
        for base in info.get("bases", ()):
            target = index.lookup(current.path, base)
            if target is None:
                ancestors.add("?")
            else:
                stack.append(target)
    kinds = kinds_of(frozenset(ancestors), sym)
    result = _Cls(
        "pydantic" in kinds or "settings" in kinds,
        v1="pydantic_v1" in kinds,
        settings="settings" in kinds,
        orm="orm" in kinds,
        sqlmodel="sqlmodel.SQLModel" in ancestors,
        defines=frozenset(defines),
        unknown="?" in ancestors,
    )
    memo[sym.qualname] = result
    return result


def _classdef(ctx: Context, node: ast.ClassDef) -> _Cls:
    """A class statement of this file, judged by its bases (as they resolve where it is
    used) and its own body."""
    memo: dict[int, _Cls] = ctx.memo("xfa4_classdefs", dict)
    found = memo.get(id(node))
    if found is not None:
        return found
    memo[id(node)] = _UNKNOWN  # a class that reaches itself through its bases: unknown
    pydantic = v1 = settings = orm = sqlmodel = unknown = False
    defines = set(_own_names(node))
    for base in node.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        info = _class_ref(ctx, target) or _UNKNOWN
        pydantic |= info.pydantic
        v1 |= info.v1
        settings |= info.settings
        orm |= info.orm
        sqlmodel |= info.sqlmodel
        unknown |= info.unknown
        defines |= info.defines
    if sqlmodel and any(kw.arg == "table" and _is_true(kw.value) for kw in node.keywords):
        orm = True
    result = _Cls(
        pydantic, v1=v1, settings=settings, orm=orm, sqlmodel=sqlmodel, defines=frozenset(defines), unknown=unknown
    )
    memo[id(node)] = result
    return result


def _binding(ctx: Context, name: str) -> Binding | None:
    """``ctx.lookup(name)`` as Python sees it here (see :func:`_binding_here`)."""
    return _binding_here(ctx, name)[0]


def _binding_here(ctx: Context, name: str) -> tuple[Binding | None, bool]:
    """``(binding, replaced)``: ``ctx.lookup(name)`` as Python sees it here: a parameter
    rebound in its function is that later binding, and inside the value of
    ``name = <value>`` it is the binding of the current scope that the assignment replaces
    (``user = user.dict()``: the parameter ``user``), with ``replaced`` true."""
    found = ctx.lookup(name)
    if found is not None and found.kind == "param":
        for frame in reversed(ctx.frames):
            if frame.node is found.node:
                later = frame.bindings.get(name)
                if later is not None and later.kind not in ("global", "nonlocal"):
                    found = later
                break
    if found is not None and found.kind in ("assign", "walrus") and found.node is not None:
        statement = found.node
        if any(a is statement for a in ctx.ancestors):
            return ctx.frame.data.get("xfa4_prev", {}).get((id(statement), name)), True
    return found, False


@visitor(ast.Assign, ast.AnnAssign, ast.NamedExpr, codes=(XFA402,))
def before_binding(node: ast.Assign | ast.AnnAssign | ast.NamedExpr, ctx: Context) -> None:
    """What an assigned name of the current scope was bound to before the assignment, for
    its value (whose names the walk resolves after the new binding is recorded)."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    for target in targets:
        if isinstance(target, ast.Name):
            previous = _scoped(ctx, target.id)
            if previous is not None and previous.node is not node:
                ctx.frame.data.setdefault("xfa4_prev", {})[(id(node), target.id)] = previous


def _class_ref(ctx: Context, expr: ast.expr) -> _Cls | None:
    """What class ``expr`` (a name or attribute chain) names; ``None`` when it does not
    name a class (a local variable, a parameter, a builtin) or cannot be followed."""
    head = expr
    while isinstance(head, ast.Attribute):
        head = head.value
    if not isinstance(head, ast.Name):
        return None
    found = _binding(ctx, head.id)
    if found is None:
        return None
    if head is expr:
        if found.kind == "class":
            return _classdef(ctx, found.node) if isinstance(found.node, ast.ClassDef) else None
        if found.kind not in ("import", "assign") or found.kind == "assign" and ctx.bindings.get(head.id) is not found:
            return None  # a local variable, parameter, loop target ...
    if found.kind == "import" and ctx.bindings.get(head.id) is found:
        v1 = _conditional_v1(ctx).get(head.id)
        if v1 is not None:
            # ``try: from pydantic.v1 import BaseModel / except ImportError: from pydantic
            # import BaseModel``: v1 wherever it runs
            text = dotted_name(expr) or head.id
            return _external(v1 + text[len(head.id) :])
    sym = ctx.symbol(expr)
    info = _symbol_class(ctx, sym) if sym is not None and sym.kind in ("class", "external") else None
    if info is None or (info.unknown and not info.pydantic):
        qualname = ctx.resolve(expr)
        if qualname and _schema_model(ctx, qualname):
            tail = qualname.rsplit(".", 1)[-1]
            return _Cls(True, settings=tail.endswith("Settings"), defines=info.defines if info else frozenset())
    return info


def _conditional_v1(ctx: Context) -> dict[str, str]:
    """Names this module imports from ``pydantic.v1`` in one branch and from elsewhere in
    another (a try/except or version check): name -> the ``pydantic.v1`` qualname."""

    def compute() -> dict[str, str]:
        targets: dict[str, set[str]] = {}
        tree = ctx.tree
        if isinstance(tree, ast.Module):
            for stmt in _statements(tree.body):
                if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                    for local, qualname in import_bindings(stmt):
                        targets.setdefault(local, set()).add(qualname)
        result = {}
        for local, qualnames in targets.items():
            if len(qualnames) > 1:
                for q in qualnames:
                    if q == "pydantic.v1" or q.startswith("pydantic.v1."):
                        result[local] = q
        return result

    return ctx.memo("xfa4_conditional_v1", compute)


def _schema_model(ctx: Context, qualname: str) -> bool:
    """``schemas.UserOut`` / ``UserOut`` imported from a configured schema module."""
    tail = qualname.rsplit(".", 1)[-1]
    return bool(tail[:1].isupper()) and ctx._from_schema_module(qualname)


def _scoped(ctx: Context, name: str) -> Binding | None:
    """The binding of ``name`` when it is bound in the current function (or lambda) or
    at module level; ``None`` for a name of an enclosing function (a closure sees its
    last value, which the walk has not seen yet)."""
    found, replaced = _binding_here(ctx, name)
    if found is None:
        return None
    if replaced:
        return found  # recorded by ``before_binding`` from this scope
    frame = ctx.frame
    if found.kind == "param":
        return found if found.node is frame.node else None
    if len(ctx.frames) > 1 and frame.bindings.get(name) is found:
        return found
    if ctx.bindings.get(name) is found:
        return found
    return None


def _annotated(ctx: Context, annotation: ast.expr | None, depth: int = 0) -> _Cls | None:
    """The model class an annotation names (``User``, ``Optional[User]``, ``User | None``,
    ``Annotated[User, ...]``, ``"User"``, a ``TypeVar`` bound to a model)."""
    if annotation is None or depth > 3:
        return None
    base, _ = ctx.unwrap_annotation(annotation)
    base = _optional_union(ctx, base)
    if not isinstance(base, (ast.Name, ast.Attribute)):
        return None
    if isinstance(base, ast.Name):
        bound = _typevar_bound(ctx, base.id)
        if bound is not None:
            return _annotated(ctx, bound, depth + 1)
    info = _class_ref(ctx, base)
    return info if info is not None and info.model else None


def _typevar_bound(ctx: Context, name: str) -> ast.expr | None:
    """``bound=`` of ``T = TypeVar("T", bound=BaseModel)`` at module level."""
    found = ctx.lookup(name)
    if found is None or found.kind != "assign" or ctx.bindings.get(name) is not found:
        return None
    value = found.value
    if not isinstance(value, ast.Call) or ctx.resolve(value.func) not in _TYPEVARS:
        return None
    for kw in value.keywords:
        if kw.arg == "bound":
            return kw.value
    return None


def _class_annotation(ctx: Context, annotation: ast.expr | None) -> _Cls | None:
    """The model class of ``type[User]`` / ``Type[T]`` (a parameter holding a class)."""
    base, _ = ctx.unwrap_annotation(annotation)
    base = _optional_union(ctx, base)
    if isinstance(base, ast.Subscript) and ctx.resolve(base.value) in _TYPE_OF:
        inner = base.slice
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            return _annotated(ctx, inner)
        if isinstance(inner, (ast.Name, ast.Attribute)):
            return _annotated(ctx, inner)
    return None


def _made(ctx: Context, value: ast.expr | None) -> _Cls | None:
    """The model ``value`` makes: ``Model(...)``, ``Model.model_validate(...)``, a call of a
    project function whose return annotation is a model (``await get_user(...)`` for an
    ``async def``)."""
    awaited = isinstance(value, ast.Await)
    if awaited:
        value = value.value  # type: ignore[union-attr]
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    if awaited:
        return _returned_model(ctx, func, True)
    if isinstance(func, ast.Attribute) and func.attr in _CONSTRUCTORS:
        info = _class_ref(ctx, func.value)
    else:
        info = _class_ref(ctx, func)
        if info is None:
            return _returned_model(ctx, func, False)
    if info is None or not info.model or info.base:
        return None
    return info


def _returned_model(ctx: Context, func: ast.expr, awaited: bool) -> _Cls | None:
    """The model a project function returns by its annotation (``-> UserOut``)."""
    if not isinstance(func, (ast.Name, ast.Attribute)):
        return None
    sym = ctx.symbol(func)
    if sym is None or sym.kind != "function" or sym.path is None:
        return None
    info = sym.info or {}
    if bool(info.get("async")) != awaited or not info.get("ann"):
        return None
    target = ctx.index.lookup(sym.path, info["ann"])
    if target is None or target.kind != "class":
        return None
    model = _symbol_class(ctx, target)
    return model if model.model else None


def _instance(ctx: Context, expr: ast.expr) -> _Cls | None:
    """The model class of the instance ``expr`` is, when that is certain."""
    if isinstance(expr, ast.Call):
        return _made(ctx, expr)
    if not isinstance(expr, ast.Name):
        return None
    found = _scoped(ctx, expr.id)
    if found is None:
        return None
    if found.kind == "param":
        receiver = _method_receiver(ctx, expr.id)
        if receiver is not None:
            kind, info = receiver
            return info if kind == "instance" else None
        return _annotated(ctx, found.annotation)
    if found.kind == "assign":
        if found.annotation is not None:
            return _annotated(ctx, found.annotation)
        return _made(ctx, found.value)
    if found.kind == "walrus":
        return _made(ctx, found.value)
    if found.kind == "import":
        return _project_instance(ctx, expr)
    return None


def _project_instance(ctx: Context, expr: ast.expr) -> _Cls | None:
    """A module-level value of another project module that is a model instance:
    ``settings = Settings()`` or ``settings: Settings`` there, imported here."""
    sym = ctx.symbol(expr)
    if sym is None or sym.kind != "value" or sym.path is None:
        return None
    desc = sym.info or {}
    if desc.get("k") == "call":
        target = ctx.index.resolve_desc(sym.path, desc)
    elif desc.get("k") == "ann" and desc.get("t"):
        target = ctx.index.lookup(sym.path, desc["t"])
    else:
        return None
    if target is None or target.kind != "class":
        return None
    info = _symbol_class(ctx, target)
    return info if info.model else None


def _method_receiver(ctx: Context, name: str) -> tuple[str, _Cls] | None:
    """``("instance", model)`` for ``self`` in a method of a model, ``("class", model)``
    for ``cls`` in a ``@classmethod`` of one (and not rebound)."""
    frames = ctx.frames
    if len(frames) < 2 or name not in ("self", "cls"):
        return None
    frame, outer = frames[-1], frames[-2]
    if frame.kind != "function" or outer.kind != "class" or name in frame.bindings:
        return None
    fn = frame.node
    args = fn.args.posonlyargs + fn.args.args  # type: ignore[attr-defined]
    if not args or args[0].arg != name:
        return None
    decorators = {ctx.resolve(d) for d in fn.decorator_list if isinstance(d, ast.Name)}  # type: ignore[attr-defined]
    if "staticmethod" in decorators:
        return None
    if name == "self" and "classmethod" in decorators or name == "cls" and "classmethod" not in decorators:
        return None
    assert isinstance(outer.node, ast.ClassDef)
    info = _classdef(ctx, outer.node)
    if not info.model:
        return None
    return ("instance" if name == "self" else "class"), info


def _is_settings(ctx: Context, bases: list[ast.expr], config: ast.ClassDef | None = None) -> bool:
    """A ``BaseSettings`` subclass (through any base the index follows, or a base imported
    from a schema module whose name ends in ``Settings``), or a ``class Config`` with
    ``env_*`` keys."""
    for base in bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        info = _class_ref(ctx, target)
        if info is not None and info.settings:
            return True
    if config is not None:
        for stmt in config.body:
            if isinstance(stmt, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in _SETTINGS_KEYS for t in stmt.targets
            ):
                return True
    return False


def _model_kind(ctx: Context, node: ast.ClassDef) -> str | None:
    """``"v2"``/``"v1"`` when the class statement defines a Pydantic model, else ``None``.
    A ``pydantic.v1`` base wins: mixing is an error in Pydantic anyway."""
    if not node.bases:
        return None
    info = _classdef(ctx, node)
    if not info.model:
        return None
    return "v1" if info.v1 else "v2"


def pydantic2_target(ctx: Context) -> bool:
    """The v1 → v2 rewrites of XFA401–XFA404 are safe fixes only where the project is on
    Pydantic 2 (its dependencies or lock file, or ``fastapi-target-pydantic = 2``): on a v1
    project, or one that declares neither, they are a migration left to the user."""
    return ctx.targets.pydantic == 2


#: a name that says it holds the Pydantic version or a "Pydantic 2 is installed" flag
#: (``IS_PYDANTIC_V2``, ``PYDANTIC_V1``, ``PYDANTIC_VERSION``, ``pydantic_major``)
_VERSION_FLAG = lazy_re.compile(r"pydantic.*(v[12]\b|v[12]_|_[12]\b|version|major)|(v[12]|version).*pydantic", re.I)
_VERSION_ATTRS = frozenset({"VERSION", "__version__", "version_info", "version_short"})


def _version_test(ctx: Context, test: ast.expr) -> bool:
    """``test`` checks which Pydantic is installed: a version flag (``IS_PYDANTIC_V2``,
    ``not PYDANTIC_V1``), ``pydantic.VERSION`` / ``pydantic.__version__`` in a comparison or
    ``.startswith("2")``, or ``hasattr(x, "model_dump")`` (a v2-only name)."""
    for node in ast.walk(test):
        if isinstance(node, ast.Name) and _VERSION_FLAG.search(node.id):
            return True
        if isinstance(node, ast.Attribute):
            if node.attr in _VERSION_ATTRS and (ctx.resolve(node) or "").startswith("pydantic."):
                return True
            if _VERSION_FLAG.search(node.attr):
                return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("hasattr", "getattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and node.args[1].value.startswith(("model_", "__pydantic"))
        ):
            return True
    return False


def in_version_branch(ctx: Context) -> bool:
    """Inside either branch of an ``if`` (or ``x if ... else y``) on the installed Pydantic
    version: a v1/v2 compatibility layer, whose v1 side runs only under Pydantic 1. Also
    after an ``if`` on the version whose body returns (``if PYDANTIC_V2: return
    x.model_dump()`` then ``return x.dict()``)."""
    chain = ctx.ancestors
    for i, ancestor in enumerate(chain):
        if isinstance(ancestor, (ast.If, ast.IfExp)) and _version_test(ctx, ancestor.test):
            return True
        child = chain[i + 1] if i + 1 < len(chain) else ctx.node
        for field in ("body", "orelse", "finalbody"):
            block = getattr(ancestor, field, None)
            if not isinstance(block, list):
                continue
            for stmt in block:
                if stmt is child:
                    break
                if (
                    isinstance(stmt, ast.If)
                    and not stmt.orelse
                    and isinstance(stmt.body[-1], (ast.Return, ast.Raise))
                    and _version_test(ctx, stmt.test)
                ):
                    return True
    return False


#: a header comment or module docstring that says a generator wrote the file
_GENERATED = lazy_re.compile(
    r"auto[- ]?generated|(file|code|module) (was |is )?generated|do not edit|@generated", re.I
)
#: in a header comment also "generated by <tool>" (``# generated by datamodel-codegen:``)
_GENERATED_COMMENT = lazy_re.compile(r"^#\s*(.*\s)?generated (by|from|with|using)\b", re.I)


def generated_file(ctx: Context) -> bool:
    """The module says a generator wrote it (Fern, datamodel-code-generator, OpenAPI
    Generator, ``@generated``, "DO NOT EDIT"): in its leading comments or module docstring.
    Such models are regenerated from their schema, not edited."""

    def compute() -> bool:
        tree = ctx.tree
        lines = ctx.lines or []  # ``None`` when only the tree was given: the docstring still counts
        body = tree.body if isinstance(tree, ast.Module) else []
        end = body[0].lineno - 1 if body else len(lines)
        header = [line.strip() for line in lines[: min(end, 40)] if line.lstrip().startswith("#")]
        if any(_GENERATED_COMMENT.search(line) for line in header):
            return True
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            doc = body[0].value.value
            if isinstance(doc, str):
                header.append(doc[:2000])
        return any(_GENERATED.search(text) for text in header)

    return ctx.memo("xfa4_generated", compute)


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


def config_fix_blocker(model: ast.ClassDef, config: ast.ClassDef) -> str | None:
    """Why ``fastapi-conventions fix`` leaves this ``class Config`` to the user, or ``None``
    when it rewrites it into ``model_config = ...`` (the fixer raises this reason; the
    finding's message agrees)."""
    for stmt in model.body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "model_config" for t in targets):
            return "the model already sets model_config"
    if config.decorator_list or config.bases or config.keywords:
        return "class Config has bases or decorators"
    items = 0
    for stmt in config.body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            key, value = stmt.targets[0].id, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            key, value = stmt.target.id, stmt.value
        else:
            return "class Config holds more than `key = value` assignments"
        new = V1_CONFIG_KEYS.get(key, key)
        if new is None or new not in V2_CONFIG_KEYS:
            return f"the config key {key} has no v2 equivalent"
        if key in INVERTED_CONFIG_KEYS and not (isinstance(value, ast.Constant) and isinstance(value.value, bool)):
            return f"{key} = <expression> needs its value negated by hand"
        if key == "copy_on_model_validation" and not (
            isinstance(value, ast.Constant) and value.value in ("none", "deep", "shallow", False, True)
        ):
            return "copy_on_model_validation needs a manual migration"
        items += 1
    if not items:
        return "class Config is empty"
    return None


#: ``class Config`` keys SQLModel reads itself
_SQLMODEL_CONFIG_KEYS = frozenset({"table", "registry", "read_with_orm_mode", "read_from_attributes"})


def _config_replacement(ctx: Context, config: ast.ClassDef, settings: bool) -> str:
    entries, removed = v2_config_entries(config, ctx)
    parts = []
    unknown = []
    for key, text in entries:
        if key not in V2_CONFIG_KEYS:
            if key not in _SQLMODEL_CONFIG_KEYS:
                unknown.append(key)  # ``unique_together``: ignored by Pydantic 1 and 2 alike
            continue
        if len(text) > 24 or "\n" in text:
            text = "..."
        parts.append(f"{key}={text}")
    for stmt in config.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # ``def alias_generator(cls, name)`` / ``def schema_extra(schema, model)``: a callable key
            key = V1_CONFIG_KEYS.get(stmt.name, stmt.name)
            if key is None:
                removed.append(stmt.name)
            elif key in V2_CONFIG_KEYS:
                parts.append(f"{key}=<the {stmt.name} function>")
    factory = "SettingsConfigDict" if settings else "ConfigDict"
    replacement = f"{factory}({', '.join(parts)})"
    if removed:
        replacement += f" and drop {', '.join(removed)} (removed in v2)"
    if unknown:
        replacement += f"; {', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not a Pydantic setting"
    return replacement


#: words that make a ``..._total``/``..._amount`` a quantity of something else than money
#: (``requests_time_total``, ``bytes_total``, ``download_size_amount``)
_QUANTITY_WORDS = frozenset(
    """time duration latency seconds secs sec ms millis milliseconds minutes mins hours days bytes
    size count requests calls hits events score points weight distance percent pct ratio
    scroll zoom pixel pixels px offset delta rotation""".split()
)
#: fields of a usage/telemetry record: token counts (``total_tokens``, ``input_token_count``;
#: not ``card_token``, a payment's tokenised card), latency, a measured duration (``duration_ms``)
_METRIC_FIELD = lazy_re.compile(
    r"(^|_)(tokens|latency)(_|$)|(^|_)token_(count|usage)s?$|(^|_)(duration|elapsed)_(ms|millis|seconds|secs)$"
)
#: the cost of an LLM call (``llm_cost``, a class ``LLMCost``): always an estimate from per-token prices
_LLM_WORD = lazy_re.compile(r"(^|_)llm(_|$)|(^|[a-z_])LLM([A-Z_]|$)|(^|[a-z_])Llm([A-Z_]|$)")
#: the other fields of a statistics aggregate: ``total`` beside ``count`` and ``minimum``/``mean``…
_AGGREGATE_FIELDS = frozenset({"min", "max", "minimum", "maximum", "mean", "avg", "average", "median"})


def _money_name(name: str) -> bool:
    lowered = name.lower()
    if lowered in _MONEY_NAMES:
        return True
    for suffix in _MONEY_SUFFIXES:
        if lowered.endswith(suffix):
            words = set(lowered[: -len(suffix)].split("_"))
            if suffix in ("_total", "_amount") and words & (
                _QUANTITY_WORDS | {"token", "tokens"} if suffix == "_total" else _QUANTITY_WORDS
            ):
                return False
            return True
    return False


def _usage_metrics(cls: ast.ClassDef) -> bool:
    """A usage/telemetry record: fields beside the cost that count tokens or measure latency
    or duration (``cost`` next to ``total_tokens``, ``input_token_count``, ``latency``,
    ``duration_ms``), or an LLM's cost (``class LLMCost``): its cost is an estimate from
    per-token prices, fractions of a cent, which ``decimal_places=2`` would round away.
    A statistics aggregate (``total`` beside ``count`` and ``minimum``/``maximum``/``mean``)
    sums arbitrary numbers."""
    if _LLM_WORD.search(cls.name):
        return True
    names: set[str] = set()
    for stmt in cls.body:
        targets = [stmt.target] if isinstance(stmt, ast.AnnAssign) else stmt.targets if isinstance(stmt, ast.Assign) else []
        for t in targets:
            if isinstance(t, ast.Name):
                if _METRIC_FIELD.search(t.id.lower()):
                    return True
                names.add(t.id.lower())
    return "count" in names and bool(names & _AGGREGATE_FIELDS)


def _estimate_field(ctx: Context, value: ast.expr | None) -> bool:
    """``Field(description="Estimated cost ...")``: a field its model documents as an estimate."""
    if not isinstance(value, ast.Call) or (ctx.resolve(value.func) or "").rsplit(".", 1)[-1] != "Field":
        return False
    return any(
        isinstance(n, ast.Constant) and isinstance(n.value, str) and "estimat" in n.value.lower()
        for kw in value.keywords
        if kw.arg == "description"
        for n in ast.walk(kw.value)
    )


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


@visitor(ast.ClassDef, codes=(XFA401, XFA404, XFA407, XFA408, XFA409, XFA410))
def class_body(node: ast.ClassDef, ctx: Context) -> None:
    if generated_file(ctx):
        return
    kind = _model_kind(ctx, node)
    if kind is None:
        if ctx.wants(XFA408):
            _orm_money(node, ctx)
        return
    request_model = (
        kind == "v2" and node.name.endswith(_REQUEST_SUFFIXES) and ctx.wants(XFA410) and not _config_max_length(node)
    )
    settings = None
    checked: frozenset[str] | None = None
    fields_wanted = ctx.wants(XFA407, XFA408, XFA410)
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign):
            if not fields_wanted:
                continue
            if checked is None:
                checked = _validated_fields(node, ctx)
            _field(stmt, node, ctx, request_model, checked)
        elif isinstance(stmt, ast.ClassDef):
            if stmt.name == "Config" and kind == "v2" and not in_version_branch(ctx):
                settings = _is_settings(ctx, node.bases, stmt)
                ctx.report(
                    stmt,
                    XFA401,
                    fixable=pydantic2_target(ctx) and config_fix_blocker(node, stmt) is None,
                    model=node.name,
                    replacement=_config_replacement(ctx, stmt, settings),
                )
                for inner in stmt.body:
                    if (
                        isinstance(inner, ast.Assign)
                        and _is_true(inner.value)
                        and any(isinstance(t, ast.Name) and t.id == "orm_mode" for t in inner.targets)
                    ):
                        target = next(t for t in inner.targets if isinstance(t, ast.Name) and t.id == "orm_mode")
                        ctx.report(target, XFA404, fixable=pydantic2_target(ctx))
        elif isinstance(stmt, ast.Assign) and kind == "v2":
            if any(isinstance(t, ast.Name) and t.id == "model_config" for t in stmt.targets) and isinstance(
                stmt.value, ast.Dict
            ):
                if settings is None:
                    settings = _is_settings(ctx, node.bases)
                ctx.report(stmt.value, XFA409, factory="SettingsConfigDict" if settings else "ConfigDict")
                for key, value in zip(stmt.value.keys, stmt.value.values):
                    if isinstance(key, ast.Constant) and key.value == "orm_mode" and _is_true(value):
                        ctx.report(key, XFA404, fixable=pydantic2_target(ctx))


def _is_true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


_FIELD_VALIDATORS = frozenset(
    {
        "pydantic.field_validator", "pydantic.functional_validators.field_validator", "pydantic.validator",
        "pydantic.class_validators.validator",
    }
)
_ANNOTATED_VALIDATORS = frozenset({"AfterValidator", "BeforeValidator", "PlainValidator", "WrapValidator"})


def _validated_fields(cls: ast.ClassDef, ctx: Context) -> frozenset[str]:
    """Fields the model checks itself: named by a ``@field_validator("a", "b")`` /
    ``@validator("a")`` of its body (``"*"`` left out: a catch-all rarely checks one format)."""
    names: set[str] = set()
    for stmt in cls.body:
        if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in stmt.decorator_list:
            if isinstance(decorator, ast.Call) and ctx.resolve(decorator.func) in _FIELD_VALIDATORS:
                names.update(
                    a.value for a in decorator.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                )
    names.discard("*")
    return frozenset(names)


def _is_sqlmodel_table(cls: ast.ClassDef) -> bool:
    """``class User(SQLModel, table=True)``: only SQLModel's metaclass takes ``table``; a table
    model is the ORM table, which SQLModel does not validate on construction."""
    return any(kw.arg == "table" and _is_true(kw.value) for kw in cls.keywords)


def _field(
    stmt: ast.AnnAssign, cls: ast.ClassDef, ctx: Context, request_model: bool, checked: frozenset[str] = frozenset()
) -> None:
    target = stmt.target
    if not isinstance(target, ast.Name) or not stmt.simple:
        return  # ``(x): int`` is not recorded in ``__annotations__``
    name = target.id
    lowered = name.lower()
    if lowered == "email" or (lowered.endswith("_email") and "_or_" not in lowered):
        is_str, metadata = _is_str(ctx, stmt.annotation)
        if is_str:
            if name in checked or _is_sqlmodel_table(cls) or _validator_metadata(ctx, metadata):
                return  # checked by the model itself, or an ORM table (validation is the API models')
            if lowered in _GIT_IDENTITIES or _other_wire_name(ctx, [*metadata, stmt.value]) or _credentials(cls):
                return
            ctx.report(target, XFA407, name=name)
            return
    if _money_name(name):
        if (
            _is_float(ctx, stmt.annotation)
            and not _LLM_WORD.search(name)
            and not _usage_metrics(cls)
            and not _estimate_field(ctx, stmt.value)
        ):
            ctx.report(target, XFA408, kind="field", name=name, fix="Decimal (Field(decimal_places=2))")
            return
    if request_model:
        is_str, metadata = _is_str(ctx, stmt.annotation)
        if is_str and not _has_max_length(metadata, stmt.value):
            ctx.report(target, XFA410, name=name, model=cls.name)


#: a git identity: free-form (``root@localhost`` is a valid commit author), not an address to validate
_GIT_IDENTITIES = frozenset({"author_email", "committer_email", "git_email", "git_author_email", "git_committer_email"})
_ALIAS_KEYWORDS = frozenset({"alias", "validation_alias"})
_FIELD_FUNCTIONS = frozenset({"pydantic.Field", "pydantic.fields.Field", "sqlmodel.Field", "sqlmodel.main.Field"})


def _other_wire_name(ctx: Context, items: list[ast.expr | None]) -> bool:
    """``Field(alias="username")``: the field is read from a key that does not name an email
    (every string of its ``alias``/``validation_alias``, ``AliasChoices`` included, lacks
    "mail"), so what it holds is that: a user name, a login."""
    for item in items:
        if not isinstance(item, ast.Call) or ctx.resolve(item.func) not in _FIELD_FUNCTIONS:
            continue
        for kw in item.keywords:
            if kw.arg in _ALIAS_KEYWORDS:
                names = [n.value for n in ast.walk(kw.value) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
                if names and not any("mail" in n.lower() for n in names):
                    return True
    return False


def _credentials(cls: ast.ClassDef) -> bool:
    """A stored OAuth token record (``refresh_token``, or ``access_token`` with
    ``expires_in``/``expires_at``/``token_type``/``scope``): its email is the provider
    account's profile, copied from the provider, not input to validate."""
    fields = {
        stmt.target.id.lower()
        for stmt in cls.body
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
    }
    if "refresh_token" in fields:
        return True
    return "access_token" in fields and bool(fields & {"expires_in", "expires_at", "token_type", "scope"})


def _validator_metadata(ctx: Context, metadata: list[ast.expr]) -> bool:
    """``Annotated[str, AfterValidator(check)]``: the field carries its own check."""
    for item in metadata:
        if isinstance(item, ast.Call):
            qualname = ctx.resolve(item.func) or ""
            if qualname.rsplit(".", 1)[-1] in _ANNOTATED_VALIDATORS and qualname.startswith("pydantic."):
                return True
    return False


def _orm_money(cls: ast.ClassDef, ctx: Context) -> None:
    if _usage_metrics(cls):
        return
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            if not _money_name(stmt.target.id) or _LLM_WORD.search(stmt.target.id):
                continue
            column_type = _column_type(ctx, stmt.value)
            if column_type is not None:
                if _sa_float(ctx, column_type):
                    ctx.report(stmt.target, XFA408, kind="column", name=stmt.target.id, fix="a Numeric(12, 2) column")
            elif _mapped_float(ctx, stmt.annotation):
                ctx.report(stmt.target, XFA408, kind="column", name=stmt.target.id, fix="Mapped[Decimal] = mapped_column(Numeric(12, 2))")
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            if not _money_name(stmt.targets[0].id) or _LLM_WORD.search(stmt.targets[0].id):
                continue
            column_type = _column_type(ctx, stmt.value)
            if column_type is not None and _sa_float(ctx, column_type):
                ctx.report(stmt.targets[0], XFA408, kind="column", name=stmt.targets[0].id, fix="a Numeric(12, 2) column")


# -- XFA402, XFA404 (ConfigDict), XFA411: calls -----------------------------------


@visitor(ast.Call, codes=(XFA402, XFA404, XFA411))
def calls(node: ast.Call, ctx: Context) -> None:
    if generated_file(ctx):
        return
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
                if _is_true(kw.value) and ctx.resolve(func) in _CONFIG_DICTS and not in_version_branch(ctx):
                    ctx.report(kw, XFA404, fixable=pydantic2_target(ctx))
                return


def _v1_method(node: ast.Call, func: ast.Attribute, ctx: Context) -> None:
    method = func.attr
    receiver = func.value
    if isinstance(receiver, ast.Name) and _comprehension_target(ctx, receiver.id):
        return
    if in_version_branch(ctx):
        return  # a v1/v2 compatibility layer
    cls = _receiver_class(ctx, receiver)
    if cls is not None:
        if method not in V1_CLASS_METHODS or not cls.v2 or method in cls.defines:
            return
        shown = short_source(receiver)
    else:
        info = _instance(ctx, receiver)
        if info is None or not info.v2 or method in info.defines:
            return
        shown = _receiver_source(receiver)
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
    ctx.report(
        node,
        XFA402,
        fixable=pydantic2_target(ctx) and v1_call_blocker(node) is None,
        receiver=shown,
        method=method,
        replacement=replacement,
    )


def _receiver_class(ctx: Context, receiver: ast.expr) -> _Cls | None:
    """The model class a receiver names: a model class (not ``BaseModel`` itself), ``cls``
    in a model's ``@classmethod``, a parameter annotated ``type[Model]``."""
    if isinstance(receiver, ast.Name):
        found = _scoped(ctx, receiver.id)
        if found is not None and found.kind == "param":
            method_receiver = _method_receiver(ctx, receiver.id)
            if method_receiver is not None:
                return method_receiver[1] if method_receiver[0] == "class" else None
            return _class_annotation(ctx, found.annotation)
    info = _class_ref(ctx, receiver)
    if info is None or info.base:
        return None
    return info


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _comprehension_target(ctx: Context, name: str) -> bool:
    """``name`` is bound by an enclosing comprehension (its own scope, which the bindings
    do not record)."""
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, _COMPREHENSIONS):
            for generator in ancestor.generators:
                if name in target_names(generator.target):
                    return True
        elif isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return False
    return False


def v1_call_blocker(call: ast.Call) -> str | None:
    """Why ``fastapi-conventions fix`` leaves this v1 method call to the user, or ``None``
    when it rewrites it (the fixer raises this reason; the finding's message agrees)."""
    if not isinstance(call.func, ast.Attribute) or call.func.attr not in V1_METHODS:
        return "no v1 method call at the reported position"
    method = call.func.attr
    kwargs = {k.arg for k in call.keywords}
    if None in kwargs or any(isinstance(a, ast.Starred) for a in call.args):
        return "*args/**kwargs: check the arguments by hand"
    allowed = V1_METHOD_KWARGS.get(method, frozenset())
    if allowed is not None and not kwargs <= allowed:
        return f".{method}() with {', '.join(sorted(str(k) for k in kwargs - allowed))}: no v2 equivalent argument"
    if method in _ONE_ARG and len(call.args) != 1:
        return f".{method}() takes one positional argument"
    if method not in _ONE_ARG and method != "construct" and call.args:
        return f".{method}() with positional arguments"
    return None


def _receiver_source(receiver: ast.expr) -> str:
    if isinstance(receiver, ast.Call):
        return f"{short_source(receiver.func, 30)}(...)"
    return short_source(receiver, 30)


def _naive_datetime(node: ast.Call, func: ast.Attribute, ctx: Context) -> None:
    method = func.attr
    qualname = ctx.resolve(func)
    if qualname != f"datetime.datetime.{method}" or not ctx.imported_from(func, "datetime"):
        return
    shown = short_source(func.value, 30)
    # ``timezone.utc`` works on every Python; ``UTC`` (an alias of it) from 3.11 on
    notes = []
    if isinstance(func.value, ast.Attribute):  # ``datetime.datetime.now()``
        module = short_source(func.value.value, 30)
        utc = f"{module}.timezone.utc"
        notes.append(f"or {module}.UTC on Python >= 3.11")
    else:
        imported = {q: name for name, q in ctx.module_imports.items() if q in ("datetime.UTC", "datetime.timezone")}
        if "datetime.UTC" in imported:
            utc = imported["datetime.UTC"]
        else:
            utc = f"{imported.get('datetime.timezone', 'timezone')}.utc"
            if "datetime.timezone" not in imported:
                notes.append("from datetime import timezone")
            notes.append("or UTC on Python >= 3.11")
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
        if ctx.is_test:
            return  # a test's naive timestamps are its own data (``utcnow()``, deprecated, still counts)
        if _used_as_local_time(node, ctx):
            return  # ``datetime.now().timestamp()`` is right; ``.strftime()`` shows local time on purpose
        if _interval_clock(node, ctx):
            return  # ``now() - self.loaded_at > timedelta(...)``, both ends from the same clock
    if notes:
        replacement += f" ({'; '.join(notes)})"
    fixable = method == "utcnow" and not meets_unknown_timezone(node, ctx.parent)
    ctx.report(node, XFA411, fixable=fixable, call=f"{shown}.{method}", replacement=replacement)


def _used_as_local_time(call: ast.Call, ctx: Context) -> bool:
    """A naive local ``now()`` that is used on the spot where that is right: converted to an
    epoch, formatted, taken apart (``_LOCAL_TIME_USES``) or made aware (``.astimezone(...)``),
    also after ``± timedelta(...)`` arithmetic (``(now() - timedelta(days=7)).timestamp()``) or
    ``.replace(minute=0, ...)`` without ``tzinfo=`` (``now().replace(second=0).astimezone(UTC)``)."""
    current: ast.expr = call
    ancestors = ctx.ancestors
    index = len(ancestors) - 1
    while index >= 0:
        parent = ancestors[index]
        if isinstance(parent, ast.BinOp) and isinstance(parent.op, (ast.Add, ast.Sub)):
            other = parent.right if parent.left is current else parent.left
            if isinstance(parent.op, ast.Sub) and parent.left is not current:
                return False  # ``x - now()``: not a datetime any more
            if not (isinstance(other, ast.Call) and ctx.resolve(other.func) == "datetime.timedelta"):
                return False
            current = parent
            index -= 1
            continue
        if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is current:
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            if len(targets) == 1 and isinstance(targets[0], ast.Name):
                return _only_local_uses(ctx, targets[0].id)
            return False
        if not isinstance(parent, ast.Attribute) or parent.value is not current:
            return False
        if parent.attr in _LOCAL_TIME_USES or parent.attr == "astimezone":
            return True
        if parent.attr != "replace" or index == 0:
            return False
        replace = ancestors[index - 1]
        if not isinstance(replace, ast.Call) or replace.func is not parent:
            return False
        if any(kw.arg in ("tzinfo", None) for kw in replace.keywords) or len(replace.args) > 7 or any(
            isinstance(a, ast.Starred) for a in replace.args
        ):
            return False  # ``.replace(tzinfo=UTC)`` labels local time as UTC: still naive-wrong
        current = replace
        index -= 2
    return False


def _is_local_now(ctx: Context, expr: ast.expr | None) -> bool:
    """``datetime.now()`` without a time zone (as this file imports ``datetime``)."""
    return (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr == "now"
        and not expr.args
        and not expr.keywords
        and ctx.resolve(expr.func) == "datetime.datetime.now"
    )


def _self_attr(expr: ast.expr | None) -> str | None:
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
        return expr.attr
    return None


def _interval_clock(call: ast.Call, ctx: Context) -> bool:
    """``self.loaded_at = datetime.now()`` and ``datetime.now() - self.loaded_at``, where the
    class sets that attribute only from a local ``now()`` and reads it only to subtract it
    from another: an in-process interval timer, nothing is stored or compared across zones."""
    parent = ctx.parent
    if isinstance(parent, ast.Assign) and parent.value is call and len(parent.targets) == 1:
        attr = _self_attr(parent.targets[0])
    elif isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Sub) and parent.left is call:
        attr = _self_attr(parent.right)
    else:
        return False
    if attr is None:
        return False
    cls = next((f.node for f in reversed(ctx.frames) if f.kind == "class"), None)
    if not isinstance(cls, ast.ClassDef):
        return False
    memo: dict[tuple[int, str], bool] = ctx.memo("xfa411_clocks", dict)
    key = (id(cls), attr)
    if key not in memo:
        memo[key] = _clock_attribute(ctx, cls, attr)
    return memo[key]


def _clock_attribute(ctx: Context, cls: ast.ClassDef, attr: str) -> bool:
    subtracted: set[int] = set()
    for node in ast.walk(cls):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and _self_attr(node.right) == attr:
            if not _is_local_now(ctx, node.left):
                return False
            subtracted.add(id(node.right))
    stores = 0
    for node in ast.walk(cls):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_self_attr(t) == attr for t in targets):
                if not isinstance(node, ast.Assign) or len(targets) != 1 or not _is_local_now(ctx, node.value):
                    return False
                stores += 1
        elif _self_attr(node) == attr and isinstance(node.ctx, ast.Load) and id(node) not in subtracted:  # type: ignore[attr-defined]
            return False  # read for something else: stored, returned, compared
    return stores > 0 and bool(subtracted)


def _only_local_uses(ctx: Context, name: str) -> bool:
    """Every read of the local variable ``name`` in the current function is a local-time use
    (``end = datetime.now()`` ... ``end.strftime("%Y-%m-%d")``), so no naive datetime escapes."""
    frame = ctx.frame
    if frame.kind != "function":
        return False
    function = frame.node
    reads = local = 0
    for node in ast.walk(function):
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return False
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == name:
            if node.attr in _LOCAL_TIME_USES and isinstance(node.ctx, ast.Load):
                local += 1
        elif isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            reads += 1
    return reads > 0 and reads == local


def meets_unknown_timezone(call: ast.Call, parent: ast.AST | None) -> bool:
    """The call's value is compared with, or has subtracted from it, a value whose timezone
    this file cannot see (``utcnow() - row.created_at``): made aware, it would raise
    TypeError against a naive ``DateTime`` column, so the XFA411 fix is not offered."""
    if isinstance(parent, ast.Compare):
        return True
    if isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Sub):
        other = parent.right if parent.left is call else parent.left
        return not (
            parent.left is call
            and isinstance(other, ast.Call)
            and (
                (isinstance(other.func, ast.Name) and other.func.id == "timedelta")
                or (isinstance(other.func, ast.Attribute) and other.func.attr == "timedelta")
            )
        )
    return False


# -- XFA403, XFA406, XFA408 (route parameters): functions -------------------------


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA403, XFA406, XFA408))
def function(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if generated_file(ctx):
        return
    decorators = node.decorator_list
    if decorators:
        field_validator = False
        classmethod_ = False
        for decorator in decorators:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if isinstance(target, ast.Attribute):
                last = target.attr
            elif isinstance(target, ast.Name):
                last = (ctx.import_of(target.id) or target.id).rsplit(".", 1)[-1]
            else:
                continue
            if last in ("validator", "root_validator"):
                found = _v1_validator(ctx, target)
                if found is not None and not in_version_branch(ctx):
                    name, direct = found
                    ctx.report(
                        decorator,
                        XFA403,
                        # ``compat.validator`` -> ``compat.field_validator`` needs the
                        # project module to export it: left to the user
                        fixable=pydantic2_target(ctx)
                        and (direct or isinstance(target, ast.Name))
                        and validator_fix_blocker(decorator, node, ctx.lines) is None,
                        name=name,
                        replacement=_validator_replacement(decorator, name),
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


def _v1_validator(ctx: Context, target: ast.expr) -> tuple[str, bool] | None:
    """``(name, direct)`` when a decorator is pydantic's v1 ``validator``/``root_validator``:
    imported from ``pydantic`` here (``direct``), or through a project module that
    re-exports it (``from app.compat import validator``); ``pydantic.v1``'s are v1 on purpose."""
    qualname = ctx.resolve(target)
    if qualname is None:
        return None
    head = target
    while isinstance(head, ast.Attribute):
        head = head.value
    if isinstance(head, ast.Name) and head.id in _conditional_v1(ctx) and ctx.bindings.get(head.id) is ctx.lookup(head.id):
        return None  # ``pydantic.v1``'s where it exists: v1 on purpose
    if qualname in _V1_VALIDATORS:
        if ctx.imported_from(target, "pydantic") and not (isinstance(target, ast.Name) and target.id in ctx.functions):
            return _V1_VALIDATORS[qualname], True
        return None
    if qualname.startswith("pydantic."):
        return None
    sym = ctx.symbol(target)
    if sym is not None and sym.kind == "external" and sym.qualname in _V1_VALIDATORS:
        return _V1_VALIDATORS[sym.qualname], False
    return None


def validator_fix_blocker(
    decorator: ast.expr, function: ast.AST | None, lines: list[str] | None = None
) -> str | None:
    """Why ``fastapi-conventions fix`` leaves a v1 ``@validator``/``@root_validator`` to the
    user, or ``None`` when it rewrites it (the fixer raises this reason; the finding's
    message agrees).  ``lines``: the file's lines, to see comments inside the decorator."""
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    if last == "root_validator":
        return "@root_validator → @model_validator changes the signature; migrate it by hand"
    if last != "validator" or not isinstance(decorator, ast.Call):
        return "not a @validator(...) call"
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or decorator not in function.decorator_list:
        return "the decorator is not on a function"
    for kw in decorator.keywords:
        if kw.arg in ("always", "each_item"):
            return f"{kw.arg}= has no direct field_validator equivalent"
        if kw.arg == "pre":
            if not (isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, bool)):
                return "pre=<expression>: choose the mode by hand"
        elif kw.arg not in ("allow_reuse", "check_fields"):
            return f"{kw.arg}= has no field_validator equivalent"
    if any(isinstance(a, ast.Starred) for a in decorator.args) or not decorator.args:
        return "the validated fields are not listed"
    args = function.args
    if args.vararg or args.kwarg or args.kwonlyargs or len([*args.posonlyargs, *args.args]) != 2:
        return "the validator takes values/config/field: its signature changes in v2 (info: ValidationInfo)"
    if lines is not None and _has_hash(decorator, lines):
        return "comments inside the decorator"
    return None


def _has_hash(node: ast.expr, lines: list[str]) -> bool:
    """A ``#`` within the node's source (a comment, or one inside a string literal)."""
    first, last = node.lineno, node.end_lineno or node.lineno
    for number in range(first, last + 1):
        if not 0 < number <= len(lines):
            return False
        text = lines[number - 1].encode("utf-8")
        start = node.col_offset if number == first else 0
        end = node.end_col_offset if number == last and node.end_col_offset is not None else len(text)
        if b"#" in text[start:end]:
            return True
    return False


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
