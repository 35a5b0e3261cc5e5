"""XFA322: drop a ``response_model=`` that repeats the return annotation; XFA323: drop an
``...`` default (``Query(...)`` → ``Query()``, ``x: int = ...`` → ``x: int``)."""

from __future__ import annotations

import ast

from .engine import Edit, Finding, Fix, Skip, Source, fixer


def _drop_argument(src: Source, call: ast.Call, item: ast.AST) -> Edit:
    """An edit that removes one argument (positional or keyword) of ``call`` with the comma
    that separates it from its neighbours."""
    items: list[ast.AST] = sorted([*call.args, *call.keywords], key=lambda n: (n.lineno, n.col_offset))  # type: ignore[attr-defined]
    at = next((i for i, n in enumerate(items) if n is item), None)
    if at is None:
        raise Skip("the argument is not one of the call's")
    if at > 0:
        start, end = src.end_of(items[at - 1]), src.end_of(item)
    elif len(items) > 1:
        start, end = src.start_of(item), src.start_of(items[1])
    else:
        start, end = src.start_of(item), src.end_of(item)
        rest = src.text[end : src.end_of(call)]
        stripped = rest.lstrip()
        if stripped.startswith(","):
            end += len(rest) - len(stripped) + 1
    if "#" in src.text[start:end]:
        raise Skip("a comment inside the removed text")
    return Edit(start, end, "")


def _enclosing_call(src: Source, node: ast.AST) -> ast.Call:
    parent = src.parent(node)
    if isinstance(parent, ast.keyword):
        parent = src.parent(parent)
    if not isinstance(parent, ast.Call):
        raise Skip("not an argument of a call")
    return parent


@fixer("XFA322", "safe")
def redundant_response_model(src: Source, finding: Finding) -> Fix:
    found = src.ast_at(finding, ast.keyword)
    if not found or not isinstance(found[0], ast.keyword) or found[0].arg != "response_model":
        raise Skip("no response_model= at the reported position")
    kw = found[0]
    return Fix([_drop_argument(src, _enclosing_call(src, kw), kw)])


def _optional(annotation: ast.expr | None) -> bool:
    """``Optional[T]``, ``T | None``, ``Union[..., None]`` (as written, strings included):
    without a default such a field defaults to ``None`` under Pydantic v1."""
    if annotation is None:
        return False
    text = ast.unparse(annotation).replace(" ", "").strip("'\"")
    return "Optional[" in text or "|None" in text or "None|" in text or ("Union[" in text and "None" in text)


@fixer("XFA323", "safe")
def ellipsis_default(src: Source, finding: Finding) -> Fix:
    found = src.ast_at(finding, ast.Constant)
    node = next((n for n in found if isinstance(n, ast.Constant) and n.value is Ellipsis), None)
    if node is None:
        raise Skip("no ... at the reported position")
    parent = src.parent(node)
    if isinstance(parent, ast.AnnAssign) and parent.value is node:
        if _optional(parent.annotation):
            raise Skip("an Optional field: without `...` it would default to None under Pydantic v1")
        start, end = src.end_of(parent.annotation), src.end_of(node)
        if "#" in src.text[start:end]:
            raise Skip("a comment inside the removed text")
        return Fix([Edit(start, end, "")])
    call = _enclosing_call(src, node)
    item: ast.AST = parent if isinstance(parent, ast.keyword) else node
    if item is node and (len(call.args) > 1 or call.args[0] is not node):
        raise Skip("more positional arguments follow the `...`")
    field = next((a for a in src.ancestors(call) if isinstance(a, ast.AnnAssign)), None)
    if field is not None and field.value is call and _optional(field.annotation):
        raise Skip("an Optional field: without `...` it would default to None under Pydantic v1")
    return Fix([_drop_argument(src, call, item)])
