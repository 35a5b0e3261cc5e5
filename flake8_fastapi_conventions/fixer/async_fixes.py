"""XFA102: ``time.sleep(x)`` in an async scope → ``await asyncio.sleep(x)``."""

from __future__ import annotations

import ast

from .engine import Edit, Finding, Fix, Skip, Source, fixer


@fixer("XFA102", "safe")
def sleep_to_asyncio(src: Source, finding: Finding) -> Fix:
    for call in src.ast_at(finding, ast.Call):
        assert isinstance(call, ast.Call)
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "sleep" or isinstance(func, ast.Name):
            break
    else:
        raise Skip("no time.sleep call at the reported position")
    if call.keywords or len(call.args) != 1 or isinstance(call.args[0], ast.Starred):
        raise Skip("time.sleep is called with other than one positional argument")
    parent = src.parent(call)
    if any(isinstance(a, (ast.GeneratorExp, ast.Lambda)) for a in _up_to_function(src, call)):
        raise Skip("await inside a generator expression would change its meaning")
    if isinstance(parent, ast.Await):
        raise Skip("the call is already awaited")
    node = src.sg(call, "call")
    function = node.field("function")
    if function is None:
        raise Skip("unexpected call syntax")
    name, needs = src.use("asyncio")
    # `x.attr`, `x[...]`, `x(...)` bind tighter than await: parenthesize there
    wrap = isinstance(parent, (ast.Attribute, ast.Subscript)) or (
        isinstance(parent, ast.Call) and parent.func is call
    )
    start, end = src.span(node)
    edits = [
        Edit(start, start, "(await " if wrap else "await "),
        src.replace(function, f"{name}.sleep"),
    ]
    if wrap:
        edits.append(Edit(end, end, ")"))
    return Fix(edits, needs)


def _up_to_function(src: Source, node: ast.AST):
    for ancestor in src.ancestors(node):
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)):
            return
        yield ancestor
