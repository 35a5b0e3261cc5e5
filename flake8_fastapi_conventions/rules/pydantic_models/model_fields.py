"""XFA407 (an email field typed ``str``), XFA408 (money typed ``float``: model fields, ORM
columns, route parameters) and XFA410 (an unbounded ``str`` field in a request model), from a
model's annotated fields."""

from __future__ import annotations

import ast

from ... import lazy_re
from ...context import Context
from ...registry import moved_off, rule, visitor
from ._shared import (
    _model_kind,
    generated_file,
    _is_true,
    NOT_FLAGGED_GENERATED,
    _optional_union,
)


_MONEY_NAMES = frozenset({"price", "amount", "cost", "balance", "total", "fee", "salary"})


_MONEY_SUFFIXES = ("_price", "_amount", "_cost", "_balance", "_total", "_fee")


_SA_FLOATS = frozenset({"Float", "FLOAT", "REAL", "Double", "DOUBLE", "DOUBLE_PRECISION"})


_SA_COLUMNS = frozenset({"Column", "mapped_column"})


XFA407 = rule(
    "XFA407",
    "email-as-str",
    default=False,
    precision=moved_off("7 of 14"),
    seeds=("004",),
    message="field {name} holds an email address typed str",
    fix_hint="annotate it EmailStr (from pydantic import EmailStr)",
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
        NOT_FLAGGED_GENERATED,
    ),
)


XFA408 = rule(
    "XFA408",
    "money-as-float",
    default=False,
    precision=moved_off("0 of 20", reading="fifth"),
    seeds=("004",),
    message="{kind} {name} holds money typed float",
    fix_hint="use {fix} or integer minor units",
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
        "A field bounded to at most 1 (`amount: float = Field(ge=0, le=1)`, `lt=1`): an "
        "intensity or a ratio, not money.",
        "In test files, a model defined inside a function (a test's or a fixture's throwaway "
        "model, e.g. to exercise an error handler or a tool schema).",
        NOT_FLAGGED_GENERATED,
    ),
)


XFA410 = rule(
    "XFA410",
    "unbounded-str-field",
    default=False,
    seeds=("004",),
    message="str field {name} of request model {model} has no max_length",
    fix_hint="use Field(max_length=...) or Annotated[str, StringConstraints(max_length=...)]",
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
        NOT_FLAGGED_GENERATED,
    ),
)


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


_UPPER_BOUNDS = frozenset({"le", "lt"})


def _fraction_field(stmt: ast.AnnAssign) -> bool:
    """``amount: float = Field(ge=0, le=1)`` (also ``InputField(...)``, ``Annotated[float,
    Field(lt=1)]``): a value bounded to at most 1 is an intensity or a ratio, not money."""
    for part in (stmt.value, stmt.annotation):
        for sub in ast.walk(part) if part is not None else ():
            if not isinstance(sub, ast.Call):
                continue
            for kw in sub.keywords:
                if (
                    kw.arg in _UPPER_BOUNDS
                    and isinstance(kw.value, ast.Constant)
                    and isinstance(kw.value.value, (int, float))
                    and not isinstance(kw.value.value, bool)
                    and kw.value.value <= 1
                ):
                    return True
    return False


def _local_class(ctx: Context) -> bool:
    """The model is defined inside a function (a test's or a fixture's throwaway model)."""
    return any(isinstance(a, (ast.FunctionDef, ast.AsyncFunctionDef)) for a in ctx.ancestors)


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
            and not _fraction_field(stmt)
            and not (ctx.is_test and _local_class(ctx))
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


#: the model names of request bodies (``UserCreate``), whose string fields need a max_length
_REQUEST_SUFFIXES = ("Create", "Update", "Request", "In")


@visitor(ast.ClassDef, codes=(XFA407, XFA408, XFA410))
def model_field_checks(node: ast.ClassDef, ctx: Context) -> None:
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
    checked: frozenset[str] | None = None
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign):
            if checked is None:
                checked = _validated_fields(node, ctx)
            _field(stmt, node, ctx, request_model, checked)


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA408,))
def money_route_parameters(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if generated_file(ctx):
        return
    if ctx.wants(XFA408):
        args = node.args
        money = [a for a in (*args.posonlyargs, *args.args, *args.kwonlyargs) if _money_name(a.arg)]
        if money and ctx.routes_of(node):
            for arg in money:
                if _is_float(ctx, arg.annotation):
                    ctx.report(arg, XFA408, kind="route parameter", name=arg.arg, fix="Decimal")


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
