"""XFA309: a FastAPI marker (``Depends``, ``Query``...) used as a parameter's default instead of inside
``Annotated``."""

from __future__ import annotations

import ast
import copy
from typing import TYPE_CHECKING, Callable

from ...context import Context
from ...line_budget import node_span, span_text
from ...fixes import Edit, Finding, Fix, Skip, fixes, text_of
from ...registry import rule, visitor
from ...syntax import has_comment
from ...targets import ANNOTATED_MARKERS, reaches
from ._shared import _all_args, DEFAULT_MARKERS, MARKERS, fastapi_marker, _short_call

if TYPE_CHECKING:  # the fix engine, on ast-grep, is imported only when fixing
    from ...fixer.engine import Source

XFA309 = rule(
    "XFA309",
    "raw-depends-default",
    default=True,
    seeds=("001", "003", "004"),
    message="parameter {name} uses a default {marker}",
    fix_hint="declare it as {name}: Annotated[{type}, {annotated}]{default}",
    what="""
        Reports a parameter whose default is a FastAPI marker — `Depends`, `Security`,
        `Query`, `Path`, `Body`, `Header`, `Cookie`, `Form`, `File` imported from
        `fastapi` — in any function: a function with such a default is a route handler or a
        dependency by construction. The message gives the `Annotated[...]` form, with a
        `Query`/`Body`/... default moved out of the marker.
    """,
    why="""
        Seed 001: "These wrap `Annotated[T, Depends(...)]`—use them instead of raw
        `Depends()` calls"; seed 003: "`Annotated` type aliases for DI"; seed 004: "Use
        Annotated type aliases to reduce repetitive Depends() boilerplate". `Annotated`
        keeps the real default usable when the function is called directly and lets an
        alias (`DbSession`) be reused.
    """,
    bad="""
        from typing import Annotated

        from fastapi import APIRouter, Depends
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.db import get_db
        from app.schemas import ItemRead

        router = APIRouter()


        @router.get("/items/{item_id}")
        async def read_item(item_id: int, db: AsyncSession = Depends(get_db)) -> ItemRead:
            return await load_item(db, item_id)
    """,
    good="""
        from typing import Annotated

        from fastapi import APIRouter, Depends
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.db import get_db
        from app.schemas import ItemRead

        router = APIRouter()
        DbSession = Annotated[AsyncSession, Depends(get_db)]


        @router.get("/items/{item_id}")
        async def read_item(item_id: int, db: DbSession) -> ItemRead:
            return await load_item(db, item_id)
    """,
    not_flagged=(
        "Parameters already declared with `Annotated[...]` or a project alias of it.",
        "Markers of other libraries (`typer.Option`, ...) and project functions named like FastAPI's.",
        "Plain defaults (`limit: int = 10`).",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
        "A project whose FastAPI cannot be 0.95 or newer (its lock file, or the upper bound of "
        "its FastAPI requirement such as `^0.79.1`): markers inside `Annotated` arrived in "
        "0.95, so a default is the only form there.",
    ),
    example_path="app/routes/items.py",
    fix="safe",
)


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA309,))
def raw_marker_defaults(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if ctx.is_test or reaches(ctx.targets.fastapi, ANNOTATED_MARKERS) is False:
        return
    a = node.args
    if not a.defaults and not any(d is not None for d in a.kw_defaults):
        return
    positional = len(a.posonlyargs) + len(a.args)
    #: a positional parameter before this one keeps a default (the fix can then not take a
    #: required marker's default away: Python needs defaults last)
    seen_default = False
    for index, (arg, default) in enumerate(_all_args(node)):
        kept_default = _report_marker_default(ctx, arg, default, seen_default and index < positional)
        if index < positional:
            seen_default = seen_default or kept_default


def _report_marker_default(ctx: Context, arg: ast.arg, default: ast.expr | None, after_default: bool) -> bool:
    """Report ``arg`` when its default is a FastAPI marker; whether it has a default once
    the fix has run (the marker's own default moved out of it, or the marker left alone)."""
    if not isinstance(default, ast.Call):
        return default is not None
    marker = fastapi_marker(ctx, default)
    if marker is None:
        return True
    if arg.annotation is not None:
        _, metadata = ctx.unwrap_annotation(arg.annotation)
        if metadata:
            return True  # already Annotated (a second marker is FastAPI's own error)
    annotated, moved = _annotated_form(default, marker)
    fixable = marker_fix_blocker(arg, default, marker) is None
    if fixable and moved is None and after_default:
        fixable = False  # without its default it would follow one with a default
    declined = None
    if fixable and ctx.lines is not None:
        assert arg.annotation is not None  # marker_fix_blocker
        start, end = node_span(arg)[0], node_span(default)[1]
        if has_comment(span_text(ctx.lines, start, end)):
            declined = "comments inside the parameter"
        else:
            call, moved_text = marker_plan(ctx.text_of, default, marker)
            # the fixer reuses typing_extensions' Annotated, else typing's: the longer name bounds it
            name = max(ctx.written_name("typing", "Annotated"), ctx.written_name("typing_extensions", "Annotated"), key=len)
            rewrite = annotated_parameter(arg.arg, name, ctx.text_of(arg.annotation), call, moved_text)
            declined = ctx.rewrite_blocker([(start, end, rewrite)])
        fixable = declined is None  # declined, it keeps its default
    ctx.report(
        arg,
        XFA309,
        fixable=fixable,
        declined=declined,
        name=arg.arg,
        marker=_short_call(default),
        type=_hinted_type(arg, moved),
        annotated=annotated,
        default=f" = {moved}" if moved is not None else "",
    )
    return not fixable or moved is not None


def _hinted_type(arg: ast.arg, moved: str | None) -> str:
    """The type the message's ``Annotated[...]`` shows: the annotation, with ``| None`` where
    the moved default is ``None`` and the annotation does not admit it."""
    if arg.annotation is None:
        return "<type>"
    shown = ast.unparse(arg.annotation)
    if moved == "None" and not _admits_none(arg.annotation):
        shown += " | None"
    return shown


_MUTABLE_DEFAULTS = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)


def marker_fix_blocker(arg: ast.arg, call: ast.Call, marker: str) -> str | None:
    """Why ``fastapi-conventions fix`` leaves this XFA309 finding to the user (the rule's
    message and the fixer ask the same question), or None. (On a FastAPI without markers
    inside ``Annotated`` the rule reports nothing.)"""
    if arg.annotation is None:
        return "the parameter has no type annotation to wrap in Annotated"
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return "*args/**kwargs in the marker call"
    if marker in DEFAULT_MARKERS:
        default = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "default"), None)
        if isinstance(default, _MUTABLE_DEFAULTS):
            # FastAPI copies it per request, but flake8-bugbear's B006 would flag the result
            return "the default would become a mutable default argument (flake8-bugbear B006)"
        if isinstance(default, ast.Constant) and default.value is None and not _admits_none(arg.annotation):
            # `x: list[str] = Query(None)` -> `x: Annotated[list[str], Query()] = None`: mypy
            # then reports the default (found on fastapi-users, whose lint step runs mypy)
            return f"the default None is not a {ast.unparse(arg.annotation)}: type checkers would report it (declare {ast.unparse(arg.annotation)} | None)"
    return None


_NONE_ADMITTING = frozenset({"Any", "Optional", "object", "None"})


def _admits_none(annotation: ast.expr) -> bool:
    """The annotation's type includes ``None``: ``Optional[T]``, ``T | None``,
    ``Union[T, None]``, ``None``, ``Any``, ``object`` (a string annotation: when it names one)."""
    if isinstance(annotation, ast.Constant):
        if annotation.value is None:
            return True
        if isinstance(annotation.value, str):
            return any(word in annotation.value for word in ("None", "Optional", "Any", "object"))
        return False
    if isinstance(annotation, (ast.Name, ast.Attribute)):
        name = annotation.id if isinstance(annotation, ast.Name) else annotation.attr
        return name in _NONE_ADMITTING
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return _admits_none(annotation.left) or _admits_none(annotation.right)
    if isinstance(annotation, ast.Subscript):
        head = annotation.value
        name = head.id if isinstance(head, ast.Name) else head.attr if isinstance(head, ast.Attribute) else None
        if name == "Optional":
            return True
        if name == "Union":
            items = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
            return any(_admits_none(item) for item in items)
        if name == "Annotated":
            first = annotation.slice.elts[0] if isinstance(annotation.slice, ast.Tuple) else annotation.slice
            return _admits_none(first)
    return False


def _annotated_form(call: ast.Call, marker: str) -> tuple[str, str | None]:
    """The marker without its default, and the default (``None`` when required)."""
    if marker not in DEFAULT_MARKERS:
        return ast.unparse(call), None
    new = copy.copy(call)
    default: ast.expr | None = None
    if call.args and not isinstance(call.args[0], ast.Starred):
        default = call.args[0]
        new.args = list(call.args[1:])
    kws = []
    for kw in call.keywords:
        if kw.arg == "default":
            default = kw.value
        else:
            kws.append(kw)
    new.keywords = kws
    moved = None
    if default is not None and not (isinstance(default, ast.Constant) and default.value is Ellipsis):
        moved = ast.unparse(default)
    return ast.unparse(new), moved


# -- the fix ---------------------------------------------------------------------------


def _fix_marker(src: Source, call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr if func.attr in MARKERS else None
    if isinstance(func, ast.Name):
        if func.id in MARKERS:
            return func.id
        for stmt in ast.walk(src.tree):
            if isinstance(stmt, ast.ImportFrom) and (stmt.module or "").startswith("fastapi"):
                for alias in stmt.names:
                    if alias.asname == func.id and alias.name in MARKERS:
                        return alias.name
    return None


def _fix_plan(src: Source, arg: ast.arg, default: ast.expr | None) -> tuple[str, str | None]:
    """``(marker call text, moved default or None)``; raises :class:`Skip`."""
    if not isinstance(default, ast.Call):
        raise Skip("the default is not a FastAPI marker call")
    marker = _fix_marker(src, default)
    if marker is None:
        raise Skip("the default is not a FastAPI marker call")
    reason = marker_fix_blocker(arg, default, marker)
    if reason is not None:
        raise Skip(reason)
    return marker_plan(lambda node: text_of(src, node), default, marker)


def marker_plan(text: Callable[[ast.AST], str], default: ast.Call, marker: str) -> tuple[str, str | None]:
    """``(marker call text, moved default or None)`` of the fix, from the source text of
    nodes (``text``): the lint path measures the rewrite the fixer writes."""
    if marker not in DEFAULT_MARKERS:
        return _on_one_line(text, default), None
    moved_node: ast.expr | None = None
    rest = []
    for i, a in enumerate(default.args):
        if i == 0:
            moved_node = a
        else:
            rest.append(text(a))
    for kw in default.keywords:
        if kw.arg == "default":
            moved_node = kw.value
        else:
            rest.append(text(kw))
    if moved_node is None:
        return _on_one_line(text, default), None
    call = f"{text(default.func)}({', '.join(rest)})"
    if isinstance(moved_node, ast.Constant) and moved_node.value is Ellipsis:
        return call, None
    return call, text(moved_node)


def _on_one_line(text: Callable[[ast.AST], str], call: ast.Call) -> str:
    """The marker call's text, joined onto one line where its source spans several (inside
    ``Annotated[...]`` a formatter would not keep ``Depends(\n    f\n)``): ``f(a, k=v)``
    from its arguments' texts, unless one of them spans lines itself."""
    source = text(call)
    if "\n" not in source and "\r" not in source:
        return source
    parts = [text(a) for a in call.args] + [text(k) for k in call.keywords]
    if any("\n" in p or "\r" in p for p in parts):
        return source
    return f"{text(call.func)}({', '.join(parts)})"


def annotated_parameter(name: str, annotated: str, annotation: str, call: str, moved: str | None) -> str:
    """The parameter as the fix writes it: ``name: Annotated[T, Marker(...)] = default``."""
    text = f"{name}: {annotated}[{annotation}, {call}]"
    return text + f" = {moved}" if moved is not None else text


def _fix_defaults(fn: ast.arguments) -> list[tuple[ast.arg, ast.expr | None, bool]]:
    """``(arg, default, positional)`` for every parameter that can take a default."""
    positional = [*fn.posonlyargs, *fn.args]
    pads: list[ast.expr | None] = [None] * (len(positional) - len(fn.defaults))
    out = [(a, d, True) for a, d in zip(positional, [*pads, *fn.defaults])]
    out += [(a, d, False) for a, d in zip(fn.kwonlyargs, fn.kw_defaults)]
    return out


def _fix_rewrite(src: Source, arg: ast.arg, plan: tuple[str, str | None]) -> tuple[Edit, tuple]:
    """The edit turning ``arg`` (with its marker default) into the ``Annotated`` form."""
    call, moved = plan
    # the ast.arg covers `name: T`; the tree-sitter parameter node also holds the default
    start = src.start_of(arg)
    name_node = src.sg_at(start, start + len(arg.arg), "identifier")
    parent_node = name_node.parent() if name_node is not None else None
    if parent_node is None or parent_node.kind() != "typed_default_parameter":
        raise Skip("unexpected parameter syntax")
    if parent_node.find(kind="comment") is not None:
        raise Skip("comments inside the parameter")
    annotated = src.imported_name("typing_extensions", "Annotated")
    needs: tuple = ()
    if annotated is None:
        python = src.targets.python
        # typing.Annotated is Python 3.9's; before it, typing_extensions' (a Pydantic dependency)
        module = "typing_extensions" if python is not None and python < (3, 9) else "typing"
        annotated, needs = src.use(module, "Annotated")
    text = annotated_parameter(arg.arg, annotated, text_of(src, arg.annotation), call, moved)
    return src.replace(parent_node, text), needs


@fixes(XFA309)
def fix_annotated_marker(src: Source, finding: Finding) -> Fix:
    args = src.ast_at(finding, ast.arg)
    if not args:
        raise Skip("no parameter at the reported position")
    arg = args[0]
    assert isinstance(arg, ast.arg)
    arguments = src.parent(arg)
    if not isinstance(arguments, ast.arguments):
        raise Skip("no parameter at the reported position")
    flagged = {(f.line, f.col) for f in src.findings if f.code == XFA309.code}
    seen_default = False
    target = None
    for param, default, positional in _fix_defaults(arguments):
        has_default = default is not None
        plan = None
        rewrite = None
        if (param.lineno, param.col_offset) in flagged:
            try:
                plan = _fix_plan(src, param, default)
                rewrite = _fix_rewrite(src, param, plan)
                too_long = src.length_blocker([rewrite[0]])
                if too_long is not None:  # declined, so it keeps its default
                    raise Skip(too_long)
            except Skip as skip:
                if param is arg:
                    raise skip
                plan = None
            if plan is not None and plan[1] is None and positional and seen_default:
                if param is arg:
                    raise Skip("without its default this parameter would follow one with a default")
                plan = None
            if plan is not None:
                has_default = plan[1] is not None
        if param is arg:
            target = rewrite
            break
        if positional:
            seen_default = seen_default or has_default
    if target is None:
        raise Skip("no marker default to move into Annotated")
    edit, needs = target
    return Fix([edit], needs)
