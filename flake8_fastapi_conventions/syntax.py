"""Small readers of the syntax tree every module uses: a dotted name, the last name of a
chain, a string constant, a keyword argument, the ``__main__`` test, a line's comment, a comment in a fragment, a function's own nodes."""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator


FUNCTION_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)
SCOPE_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a function (its signature and body), without those inside the
    functions, lambdas and classes it defines (which are yielded, their names being its own)."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, SCOPE_TYPES):
            stack.extend(ast.iter_child_nodes(node))


def dotted_name(node: ast.AST) -> str | None:
    """The source of a name or attribute chain (``api.router``), without following imports."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _string_items(node: ast.AST) -> tuple[str, ...] | None:
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = []
        for elt in node.elts:
            if isinstance(elt, ast.Constant) and isinstance(elt.value, str):
                items.append(elt.value)
            else:
                return None
        return tuple(items)
    return None


def _head_id(expr: ast.AST) -> str:
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return expr.id if isinstance(expr, ast.Name) else ""


def _is_none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def is_main_test(test: ast.expr) -> bool:
    """``__name__ == "__main__"`` (or ``"__main__" == __name__``)."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
        sides = [test.left, test.comparators[0]]
        has_name = any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides)
        has_main = any(string_value(s) == "__main__" for s in sides)
        return has_name and has_main
    return False


def last_name(expr: ast.expr) -> str | None:
    """The last name of a callee or reference: ``Session`` of ``orm.Session``, ``f`` of ``f``."""
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Name):
        return expr.id
    return None


def short_source(node: ast.AST, limit: int = 40) -> str:
    """The node's source for a message, cut to ``limit`` characters."""
    try:
        text = ast.unparse(node)
    except Exception:  # pragma: no cover - unparse handles every parsed node
        return "..."
    return text if len(text) <= limit else text[: limit - 3] + "..."


def comment_of(line: str) -> str | None:
    """The text after a ``#`` outside string literals on one physical line
    (single-line strings), else ``None``."""
    if "#" not in line:
        return None
    quote = None
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if line.startswith(quote, i):
                i += len(quote)
                quote = None
                continue
        elif ch == "#":
            return line[i + 1 :]
        elif ch in "\"'":
            quote = line[i : i + 3] if line[i : i + 3] in ('"""', "'''") else ch
            i += len(quote)
            continue
        i += 1
    return None


def has_comment(text: str) -> bool:
    """A comment in a fragment of source code (a ``#`` outside string literals, as the
    fixers' syntax tree sees it); True also where the fragment does not tokenize."""
    if "#" not in text:
        return False
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                return True
    except (tokenize.TokenError, SyntaxError):
        return True
    return False


def string_value(node: ast.AST | None) -> str | None:
    """The value of a string literal, else ``None``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def keyword(call: ast.Call, name: str) -> ast.keyword | None:
    for kw in call.keywords:
        if kw.arg == name:
            return kw
    return None


def has_kwargs_splat(call: ast.Call) -> bool:
    return any(kw.arg is None for kw in call.keywords)


def param_default(fn: ast.AST | None, name: str) -> ast.expr | None:
    """The default value of parameter ``name`` of a function or lambda."""
    args = getattr(fn, "args", None)
    if not isinstance(args, ast.arguments):
        return None
    positional = [*args.posonlyargs, *args.args]
    offset = len(positional) - len(args.defaults)
    for i, arg in enumerate(positional):
        if arg.arg == name:
            return args.defaults[i - offset] if i >= offset else None
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        if arg.arg == name:
            return default
    return None
