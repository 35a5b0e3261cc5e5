"""XFA402: a pydantic v1 method (``.dict()``, ``.json()``, ``parse_obj``...) on a v2 model.
The v1 -> v2 method map is in ``_shared``: the fixer reads it too."""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING, Callable

from ...context import Context, short_source, target_names
from ...fixes import Edit, Finding, Fix, Skip, fixes, offered, text_of
from ...line_budget import LineEdit, replace
from ...registry import back_on, rule, visitor
from ._shared import (
    _class_annotation,
    _class_ref,
    _Cls,
    COMPAT_MODULE_V1,
    _FIX_WHEN_V2,
    in_version_branch,
    MODEL_CALLS,
    _instance,
    _method_receiver,
    NOT_FLAGGED_GENERATED,
    NOT_FLAGGED_VERSION_BRANCHES,
    PreviousBindings,
    v2_migration,
    _scoped,
    V1_METHODS,
)

if TYPE_CHECKING:  # the fix engine, on ast-grep, is imported only when fixing
    from ...fixer.engine import Source


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


XFA402 = rule(
    "XFA402",
    "pydantic-v1-method",
    default=True,
    precision=back_on("20 of 20", reading="seventh"),
    seeds=("004",),
    message="{receiver}.{method}() is Pydantic v1 API",
    fix_hint="use {replacement}",
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
        f'Models built on `pydantic.v1` on purpose, also through {COMPAT_MODULE_V1}.',
        "A model whose own class or a project base class defines the method itself (`def dict(self)`), "
        "ORM classes (SQLAlchemy models with their own `.dict()`), names of enclosing functions "
        "used in a closure.",
        NOT_FLAGGED_VERSION_BRANCHES,
        NOT_FLAGGED_GENERATED,
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


@visitor(ast.Assign, ast.AnnAssign, ast.NamedExpr, codes=(XFA402,))
def before_binding(node: ast.Assign | ast.AnnAssign | ast.NamedExpr, ctx: Context) -> None:
    """What an assigned name of the current scope was bound to before the assignment, for
    its value (whose names the walk resolves after the new binding is recorded)."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    for target in targets:
        if isinstance(target, ast.Name):
            previous = _scoped(ctx, target.id)
            if previous is not None and previous.node is not node:
                ctx.frame.state(PreviousBindings).by_statement[(id(node), target.id)] = previous


# -- detection ---------------------------------------------------------------------


@MODEL_CALLS.on(*V1_METHODS, rules=(XFA402,))
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
    fixable = v1_call_blocker(node) is None
    declined = v2_migration(ctx) if fixable else None
    ctx.report(
        node,
        XFA402,
        fixable=fixable,
        declined=declined,
        edits=_v1_call_edits(ctx, node) if fixable and declined is None else None,
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


#: what the XFA402 fix adds after the argument of ``.from_orm(obj)``
FROM_ATTRIBUTES = ", from_attributes=True"

_IDENTIFIER_END = re.compile(r"\w+$")


def schema_json_rewrite(call: ast.Call, text: Callable[[ast.AST], str], json_name: str) -> str:
    """What the XFA402 fix writes for ``Model.schema_json(...)``: ``json.dumps(...)`` of
    ``Model.model_json_schema(...)``, each keyword where it belongs."""
    assert isinstance(call.func, ast.Attribute)
    schema_kw = [text(k) for k in call.keywords if k.arg in ("by_alias", "ref_template")]
    dumps_kw = [text(k) for k in call.keywords if k.arg not in ("by_alias", "ref_template")]
    inner = f"{text(call.func.value)}.model_json_schema({', '.join(schema_kw)})"
    return f"{json_name}.dumps({', '.join([inner, *dumps_kw])})"


def _v1_call_edits(ctx: Context, call: ast.Call) -> list[LineEdit] | None:
    """The edits of the XFA402 fix (as :func:`fix_v1_method` makes them), for the line
    length; None when the project sets none (nothing to measure)."""
    lines = ctx.lines
    if ctx.targets.line_length is None or lines is None:
        return None
    func = call.func
    assert isinstance(func, ast.Attribute)  # v1_call_blocker
    if func.attr == "schema_json":
        return [replace(call, schema_json_rewrite(call, ctx.text_of, ctx.written_name("json")))]
    # the method name ends the attribute expression (``user . dict`` too)
    line, end = func.end_lineno or func.lineno, func.end_col_offset or 0
    found = _IDENTIFIER_END.search(lines[line - 1].encode("utf-8")[:end].decode("utf-8", "replace"))
    if found is None:
        return None
    start = (line, end - len(found.group().encode("utf-8")))
    edits: list[LineEdit] = [(start, (line, end), V1_METHODS[func.attr])]
    if func.attr == "from_orm":
        arg = call.args[0]
        at = (arg.end_lineno or arg.lineno, arg.end_col_offset or 0)
        edits.append((at, at, FROM_ATTRIBUTES))
    return edits


def _receiver_source(receiver: ast.expr) -> str:
    if isinstance(receiver, ast.Call):
        return f"{short_source(receiver.func, 30)}(...)"
    return short_source(receiver, 30)


# -- the fix ---------------------------------------------------------------------------


@fixes(XFA402)
def fix_v1_method(src: Source, finding: Finding) -> Fix:
    methods = V1_METHODS
    for call in src.ast_at(finding, ast.Call):
        assert isinstance(call, ast.Call)
        if isinstance(call.func, ast.Attribute) and call.func.attr in methods:
            break
    else:
        raise Skip("no v1 method call at the reported position")
    method = call.func.attr
    new = methods[method]
    reason = v1_call_blocker(call)
    if reason is not None:
        raise Skip(reason)
    offered(finding)
    node = src.sg(call, "call")
    function = node.field("function")
    attribute = function.field("attribute") if function is not None else None
    if attribute is None:
        raise Skip("unexpected call syntax")
    if method == "schema_json":
        name, needs = src.use("json")
        return Fix([src.replace(node, schema_json_rewrite(call, lambda n: text_of(src, n), name))], needs)
    edits = [src.replace(attribute, new)]
    if method == "from_orm":
        end = src.end_of(call.args[0])
        edits.append(Edit(end, end, FROM_ATTRIBUTES))
    return Fix(edits)
