"""XFA309: ``x: T = Depends(f)`` → ``x: Annotated[T, Depends(f)]`` (and the other markers)."""

from __future__ import annotations

import ast

from .engine import Edit, Finding, Fix, Skip, Source, fixer

MARKERS = frozenset({"Depends", "Security", "Query", "Path", "Header", "Body", "Cookie", "Form", "File"})
#: markers whose first positional argument (or ``default=``) is the parameter's default
DEFAULT_MARKERS = frozenset({"Query", "Path", "Header", "Body", "Cookie", "Form", "File"})


def _marker(src: Source, call: ast.Call) -> str | None:
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


def _text(src: Source, node: ast.AST) -> str:
    return src.text[src.start_of(node) : src.end_of(node)]


def _plan(src: Source, arg: ast.arg, default: ast.expr | None) -> tuple[str, str | None]:
    """``(marker call text, moved default or None)``; raises :class:`Skip`."""
    if not isinstance(default, ast.Call):
        raise Skip("the default is not a FastAPI marker call")
    marker = _marker(src, default)
    if marker is None:
        raise Skip("the default is not a FastAPI marker call")
    from ..rules.http_contract.raw_marker_defaults import marker_fix_blocker  # the rule's own decision

    reason = marker_fix_blocker(arg, default, marker, src.targets)
    if reason is not None:
        raise Skip(reason)
    if any(isinstance(a, ast.Starred) for a in default.args) or any(k.arg is None for k in default.keywords):
        raise Skip("*args/**kwargs in the marker call")
    if marker not in DEFAULT_MARKERS:
        return _text(src, default), None
    moved_node: ast.expr | None = None
    rest = []
    for i, a in enumerate(default.args):
        if i == 0:
            moved_node = a
        else:
            rest.append(_text(src, a))
    for kw in default.keywords:
        if kw.arg == "default":
            moved_node = kw.value
        else:
            rest.append(_text(src, kw))
    if moved_node is None:
        return _text(src, default), None
    call = f"{_text(src, default.func)}({', '.join(rest)})"
    if isinstance(moved_node, ast.Constant) and moved_node.value is Ellipsis:
        return call, None
    return call, _text(src, moved_node)


def _defaults(fn: ast.arguments) -> list[tuple[ast.arg, ast.expr | None, bool]]:
    """``(arg, default, positional)`` for every parameter that can take a default."""
    positional = [*fn.posonlyargs, *fn.args]
    pads: list[ast.expr | None] = [None] * (len(positional) - len(fn.defaults))
    out = [(a, d, True) for a, d in zip(positional, [*pads, *fn.defaults])]
    out += [(a, d, False) for a, d in zip(fn.kwonlyargs, fn.kw_defaults)]
    return out


def _rewrite(src: Source, arg: ast.arg, plan: tuple[str, str | None]) -> tuple[Edit, tuple]:
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
    text = f"{arg.arg}: {annotated}[{_text(src, arg.annotation)}, {call}]"
    if moved is not None:
        text += f" = {moved}"
    return src.replace(parent_node, text), needs


@fixer("XFA309", "safe")
def annotated_marker(src: Source, finding: Finding) -> Fix:
    args = src.ast_at(finding, ast.arg)
    if not args:
        raise Skip("no parameter at the reported position")
    arg = args[0]
    assert isinstance(arg, ast.arg)
    arguments = src.parent(arg)
    if not isinstance(arguments, ast.arguments):
        raise Skip("no parameter at the reported position")
    flagged = {(f.line, f.col) for f in src.findings if f.code == "XFA309"}
    seen_default = False
    target = None
    for param, default, positional in _defaults(arguments):
        has_default = default is not None
        plan = None
        rewrite = None
        if (param.lineno, param.col_offset) in flagged:
            try:
                plan = _plan(src, param, default)
                rewrite = _rewrite(src, param, plan)
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
