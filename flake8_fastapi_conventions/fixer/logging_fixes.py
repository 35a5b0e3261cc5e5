"""Logging: XFA804 ``logger.error`` in ``except`` → ``logger.exception`` (safe);
XFA801 f-string message → lazy ``%``-style arguments and XFA810 ``raise ... from e`` (unsafe)."""

from __future__ import annotations

import ast

from .engine import Edit, Finding, Fix, Skip, Source, fixer
from ..rules.observability.message_formatting import lazy_arguments_blocker


def _call_with_attr(src: Source, finding: Finding, *attrs: str) -> ast.Call:
    for call in src.ast_at(finding, ast.Call):
        assert isinstance(call, ast.Call)
        if isinstance(call.func, ast.Attribute) and call.func.attr in attrs:
            return call
    raise Skip(f"no .{attrs[0]}() call at the reported position")


@fixer("XFA804", "safe")
def error_to_exception(src: Source, finding: Finding) -> Fix:
    call = _call_with_attr(src, finding, "error")
    if any(k.arg == "exc_info" or k.arg is None for k in call.keywords):
        raise Skip("exc_info= or **kwargs already decide the traceback")
    function = src.sg(call, "call").field("function")
    attribute = function.field("attribute") if function is not None else None
    if attribute is None:
        raise Skip("unexpected call syntax")
    return Fix([src.replace(attribute, "exception")])


@fixer("XFA810", "unsafe")
def raise_from(src: Source, finding: Finding) -> Fix:
    raises = src.ast_at(finding, ast.Raise)
    if not raises:
        raise Skip("no raise statement at the reported position")
    stmt = raises[0]
    assert isinstance(stmt, ast.Raise)
    if stmt.exc is None or stmt.cause is not None:
        raise Skip("bare raise or raise ... from already")
    name = None
    child: ast.AST = stmt
    for ancestor in src.ancestors(stmt):
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            break
        if isinstance(ancestor, ast.ExceptHandler) and child in ancestor.body:
            name = ancestor.name
            break
        child = ancestor
    if not name:
        raise Skip("not inside an `except ... as name:` block")
    end = src.end_of(stmt.exc)
    return Fix([Edit(end, end, f" from {name}")])


_LOG_METHODS = ("debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log")
_CONVERSION = {"!r": "%r", "!s": "%s", "!a": "%a", "": "%s"}


@fixer("XFA801", "unsafe")
def lazy_log_arguments(src: Source, finding: Finding) -> Fix:
    call = _call_with_attr(src, finding, *_LOG_METHODS)
    method = call.func.attr  # type: ignore[attr-defined]
    blocker = lazy_arguments_blocker(call, method)
    if blocker is not None:
        raise Skip(blocker)
    index = 1 if method == "log" else 0
    message = call.args[index]
    node = src.sg(message, "string", "concatenated_string")
    parts = [node] if node.kind() == "string" else [c for c in node.children() if c.kind() == "string"]
    if node.kind() == "concatenated_string" and node.find(kind="comment") is not None:
        raise Skip("comments inside the message")
    has_args = any(c.kind() == "interpolation" for p in parts for c in p.children())
    literals: list[str] = []
    arguments: list[str] = []
    for part in parts:
        children = part.children()  # direct children: nested strings have their own quotes
        start = next((c for c in children if c.kind() == "string_start"), None)
        end = next((c for c in children if c.kind() == "string_end"), None)
        if start is None or end is None:
            raise Skip("unexpected string syntax")
        prefix = start.text()
        quote = prefix.lstrip("rRbBuUfF")
        flags = prefix[: len(prefix) - len(quote)]
        if "b" in flags.lower():
            raise Skip("bytes message")
        is_f = "f" in flags.lower()
        raw = "r" in flags.lower()
        pieces: list[str] = []
        for child in part.children():
            kind = child.kind()
            if kind in ("string_start", "string_end"):
                continue
            if kind == "string_content":
                text = child.text()
                if is_f:
                    text = text.replace("{{", "{").replace("}}", "}")
                if has_args:
                    text = text.replace("%", "%%")
                pieces.append(text)
            elif kind == "interpolation":
                expression = child.field("expression")
                if expression is None:
                    raise Skip("unexpected f-string syntax")
                if child.find(kind="format_specifier") is not None:
                    raise Skip("format specifications ({x:...}) need a manual rewrite")
                conversion = child.find(kind="type_conversion")
                if child.text().rstrip("}").rstrip().endswith("="):
                    raise Skip("self-documenting {x=} needs a manual rewrite")
                pieces.append(_CONVERSION.get(conversion.text() if conversion else "", "%s"))
                text = expression.text()
                arguments.append(f"({text})" if _needs_parens(text) else text)
            else:
                raise Skip("unexpected f-string syntax")
        new_flags = flags.replace("f", "").replace("F", "")
        if raw and any("\\" in p for p in pieces):
            pass  # the raw prefix stays, so backslashes keep their meaning
        literals.append(f"{new_flags}{quote}{''.join(pieces)}{end.text()}")
    separator = " " if node.kind() == "concatenated_string" else ""
    if node.kind() == "concatenated_string":
        # keep the original layout between the parts (line breaks, indentation)
        out = []
        for i, part in enumerate(parts):
            out.append(literals[i])
            if i + 1 < len(parts):
                out.append(src.text[src.span(part)[1] : src.span(parts[i + 1])[0]])
        new_message = "".join(out)
    else:
        new_message = separator.join(literals)
    text = new_message + "".join(f", {a}" for a in arguments)
    return Fix([src.replace(node, text)])


def _needs_parens(text: str) -> bool:
    """A bare tuple, a walrus, yield or lambda would change meaning as a call argument."""
    try:
        expr = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return True
    return isinstance(expr, (ast.Tuple, ast.NamedExpr, ast.Lambda, ast.Yield, ast.YieldFrom, ast.Starred)) or "\n" in text
