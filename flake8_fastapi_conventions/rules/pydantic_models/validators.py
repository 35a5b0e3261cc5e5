"""XFA403 (pydantic v1 ``@validator``/``@root_validator``) and XFA406 (a ``@field_validator``
without ``@classmethod``), from a function's decorators."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Callable

from ...context import Context, short_source
from ...fixes import Edit, Finding, Fix, Skip, fixes, offered, text_of
from ...line_budget import LineEdit, arguments_start, node_span
from ...registry import back_on, rule, visitor
from ._shared import (
    COMPAT_MODULE_V1,
    _conditional_v1,
    _FIX_WHEN_V2,
    generated_file,
    in_version_branch,
    _is_true,
    NOT_FLAGGED_GENERATED,
    NOT_FLAGGED_VERSION_BRANCHES,
    v2_migration,
)

if TYPE_CHECKING:  # the fix engine, on ast-grep, is imported only when fixing
    from ...fixer.engine import Source


_V1_VALIDATORS = {"pydantic.validator": "validator", "pydantic.root_validator": "root_validator",
                  "pydantic.class_validators.validator": "validator",
                  "pydantic.class_validators.root_validator": "root_validator"}


XFA403 = rule(
    "XFA403",
    "pydantic-v1-validator",
    default=True,
    precision=back_on("10 of 10", reading="seventh"),
    seeds=("004",),
    message="@{name} is a Pydantic v1 validator",
    fix_hint="use {replacement}",
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
        f'`validator`/`root_validator` imported from `pydantic.v1` (v1 on purpose), also through {COMPAT_MODULE_V1}.',
        NOT_FLAGGED_VERSION_BRANCHES,
        NOT_FLAGGED_GENERATED,
    ),
    fix="safe",
    fix_when=_FIX_WHEN_V2,
)


XFA406 = rule(
    "XFA406",
    "validator-without-classmethod",
    default=False,
    seeds=("002",),
    message="@field_validator {name}() is not a @classmethod",
    fix_hint="add @classmethod below @field_validator(...)",
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
        NOT_FLAGGED_GENERATED,
    ),
)


# -- XFA403, XFA406: functions -------------------------------------------------------


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA403, XFA406))
def v1_and_unclassed_validators(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
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
                    # ``compat.validator`` -> ``compat.field_validator`` needs the
                    # project module to export it: left to the user
                    fixable = (direct or isinstance(target, ast.Name)) and validator_fix_blocker(decorator, node, ctx.lines) is None
                    declined = v2_migration(ctx) if fixable else None
                    ctx.report(
                        decorator,
                        XFA403,
                        fixable=fixable,
                        declined=declined,
                        edits=_validator_edits(ctx, decorator, node) if fixable and declined is None else None,
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


def field_validator_rewrite(
    decorator: ast.Call, text: Callable[[ast.AST], str], name: str
) -> tuple[str, str]:
    """``(function, arguments)`` the XFA403 fix writes for a ``@validator(...)`` call that
    :func:`validator_fix_blocker` lets through; ``name``: what it writes for a bare
    ``field_validator`` (the module attribute form keeps its module)."""
    func = decorator.func
    if isinstance(func, ast.Attribute):
        new_func = text(func.value) + ".field_validator"
    else:
        new_func = name
    kept: list[str] = []
    mode = None
    for kw in decorator.keywords:
        if kw.arg == "pre":
            assert isinstance(kw.value, ast.Constant)
            mode = '"before"' if kw.value.value else None
        elif kw.arg == "check_fields":
            kept.append(text(kw))
    parts = [text(a) for a in decorator.args] + kept + ([f"mode={mode}"] if mode else [])
    return new_func, f"({', '.join(parts)})"


def _has_classmethod(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "classmethod" for d in function.decorator_list)


def _validator_edits(
    ctx: Context, decorator: ast.expr, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> list[LineEdit] | None:
    """The edits of the XFA403 fix (as :func:`fix_v1_validator` makes them), for the line
    length; None when the project sets none (nothing to measure)."""
    lines = ctx.lines
    if ctx.targets.line_length is None or lines is None or not isinstance(decorator, ast.Call):
        return None
    paren = arguments_start(lines, decorator)
    if paren is None:
        return None
    new_func, arguments = field_validator_rewrite(
        decorator, ctx.text_of, ctx.written_name("pydantic", "field_validator")
    )
    (start, func_end), end = node_span(decorator.func), node_span(decorator)[1]
    edits = [(start, func_end, new_func), (paren, end, arguments)]
    if not _has_classmethod(function) and end[0] < len(lines):
        first = lines[decorator.lineno - 1].encode("utf-8")[: decorator.col_offset].decode("utf-8", "replace")
        indent = first[: len(first) - len(first.lstrip(" \t"))]
        at = (end[0] + 1, 0)
        edits.append((at, at, f"{indent}@classmethod\n"))
    return edits


def _validator_replacement(decorator: ast.expr, name: str) -> str:
    keywords = {kw.arg: kw.value for kw in decorator.keywords} if isinstance(decorator, ast.Call) else {}
    pre = _is_true(keywords.get("pre"))
    if name == "root_validator":
        return '@model_validator(mode="before") + @classmethod' if pre else '@model_validator(mode="after") (receives the model instance)'
    fields = ", ".join(short_source(a, 20) for a in decorator.args) if isinstance(decorator, ast.Call) else ""
    mode = ', mode="before"' if pre else ""
    return f"@field_validator({fields}{mode}) + @classmethod"


# -- the fix ---------------------------------------------------------------------------


@fixes(XFA403)
def fix_v1_validator(src: Source, finding: Finding) -> Fix:
    candidates = src.ast_at(finding, ast.Call, ast.Name, ast.Attribute)
    if not candidates:
        raise Skip("no validator decorator at the reported position")
    decorator = candidates[0]
    function = src.parent(decorator)
    reason = validator_fix_blocker(decorator, function)
    if reason is not None:
        raise Skip(reason)
    assert isinstance(decorator, ast.Call) and isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
    func = decorator.func
    if isinstance(func, ast.Attribute) and text_of(src, func.value) != src.imported_name("pydantic"):
        raise Skip(f"{text_of(src, func)} is not pydantic's own module attribute: import field_validator by hand")
    offered(finding)
    node = src.sg(decorator, "call")
    if node.find(kind="comment") is not None:
        raise Skip("comments inside the decorator")
    fn_node = node.field("function")
    arguments = node.field("arguments")
    if fn_node is None or arguments is None:
        raise Skip("unexpected decorator syntax")
    if isinstance(func, ast.Name):
        name, needs = src.use("pydantic", "field_validator")
    else:
        name, needs = "field_validator", ()
    new_func, new_arguments = field_validator_rewrite(decorator, lambda n: text_of(src, n), name)
    edits = [src.replace(fn_node, new_func), src.replace(arguments, new_arguments)]
    if not _has_classmethod(function):
        at = src.next_line_start(src.end_of(decorator))
        indent = src.indent_at(src.start_of(decorator))
        edits.append(Edit(at, at, f"{indent}@classmethod{src.newline}"))
    return Fix(edits, needs)
