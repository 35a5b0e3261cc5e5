"""Database and lifecycle (both unsafe): XFA504 add ``expire_on_commit=False``;
XFA601 ``@app.on_event`` handlers → a lifespan passed to ``FastAPI(...)``."""

from __future__ import annotations

import ast

from .engine import Edit, Finding, Fix, Skip, Source, fixer


def add_keyword(src: Source, call: ast.Call, keyword: str) -> Edit:
    """An edit adding ``keyword`` (``name=value``) as the last argument of ``call``."""
    node = src.sg(call, "call")
    arguments = node.field("arguments")
    if arguments is None or arguments.kind() != "argument_list":
        raise Skip("unexpected call syntax")
    items = [c for c in arguments.children() if c.is_named() and c.kind() != "comment"]
    if not items:
        if arguments.find(kind="comment") is not None:
            raise Skip("comments inside the call")
        return src.replace(arguments, f"({keyword})")
    last = items[-1]
    last_end = src.span(last)[1]
    close = src.span(arguments)[1] - 1
    between = src.text[last_end:close]
    if between.strip().startswith(",") and ("\n" in between or "\r" in between):
        # one argument per line with a trailing comma: add a line in the same style
        comma = last_end + between.index(",") + 1
        indent = src.indent_at(src.span(last)[0])
        return Edit(comma, comma, f"{src.newline}{indent}{keyword},")
    return Edit(last_end, last_end, f", {keyword}")


@fixer("XFA504", "unsafe")
def expire_on_commit(src: Source, finding: Finding) -> Fix:
    for call in src.ast_at(finding, ast.Call):
        assert isinstance(call, ast.Call)
        break
    else:
        raise Skip("no call at the reported position")
    if any(k.arg is None or k.arg == "expire_on_commit" for k in call.keywords):
        raise Skip("**kwargs or expire_on_commit= already given")
    return Fix([add_keyword(src, call, "expire_on_commit=False")])


def _tail(expr: ast.expr) -> str | None:
    return expr.attr if isinstance(expr, ast.Attribute) else expr.id if isinstance(expr, ast.Name) else None


@fixer("XFA601", "unsafe")
def on_event_to_lifespan(src: Source, finding: Finding) -> Fix:
    calls = [
        c for c in src.ast_at(finding, ast.Call)
        if isinstance(c.func, ast.Attribute) and c.func.attr == "on_event"  # type: ignore[attr-defined]
    ]
    if not calls:
        raise Skip("only @app.on_event(...) handlers are rewritten automatically")
    from ..targets import LIFESPAN, fastapi_blocker

    reason = fastapi_blocker(src.targets, LIFESPAN, "FastAPI(lifespan=...)")
    if reason is not None:
        raise Skip(reason)
    app_expr = calls[0].func.value  # type: ignore[attr-defined]
    if not isinstance(app_expr, ast.Name):
        raise Skip("the app is not a module-level name")
    app = app_expr.id
    key = ("XFA601", app)
    if key in src.cache:
        cached = src.cache[key]
        if isinstance(cached, Skip):
            raise cached
        raise Skip("handled with the other handlers of this app")
    try:
        fix = _lifespan(src, app)
    except Skip as skip:
        src.cache[key] = skip
        raise
    src.cache[key] = fix
    return fix


def _lifespan(src: Source, app: str) -> Fix:
    creation = None
    for stmt in src.tree.body:
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id == app
        ):
            if creation is not None:
                raise Skip(f"{app} is assigned more than once")
            if isinstance(stmt.value, ast.Call) and _tail(stmt.value.func) == "FastAPI":
                creation = stmt
    if creation is None:
        raise Skip(f"{app} = FastAPI(...) is not in this file: move the handlers to a lifespan by hand")
    factory = creation.value
    assert isinstance(factory, ast.Call)
    if any(k.arg in (None, "lifespan", "on_startup", "on_shutdown") for k in factory.keywords):
        raise Skip("FastAPI(...) already has lifespan=/on_startup=/on_shutdown= or **kwargs")
    handlers: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef, ast.Call]] = []
    registered = set()
    for stmt in src.tree.body:
        if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for dec in stmt.decorator_list:
            if (
                isinstance(dec, ast.Call)
                and isinstance(dec.func, ast.Attribute)
                and dec.func.attr == "on_event"
                and isinstance(dec.func.value, ast.Name)
                and dec.func.value.id == app
            ):
                event = dec.args[0] if len(dec.args) == 1 and not dec.keywords else None
                if not (isinstance(event, ast.Constant) and event.value in ("startup", "shutdown")):
                    raise Skip("an on_event call with other than \"startup\"/\"shutdown\"")
                handlers.append((event.value, stmt, dec))
                registered.add(id(dec))
    for node in ast.walk(src.tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("on_event", "add_event_handler", "router")
            and isinstance(node.value, ast.Name)
            and node.value.id == app
        ):
            parent = src.parent(node)
            if not (isinstance(parent, ast.Call) and id(parent) in registered):
                raise Skip(f"{app} has event handlers that are not @{app}.on_event decorators of module-level functions")
    names = [s.name for s in src.tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    for _, fn, _ in handlers:
        a = fn.args
        if a.posonlyargs or a.args or a.vararg or a.kwarg or any(d is None for d in a.kw_defaults):
            raise Skip(f"the handler {fn.name} takes arguments")
        if names.count(fn.name) != 1:
            raise Skip(f"the handler name {fn.name} is defined more than once")
    if src.module_binds("lifespan"):
        raise Skip("the name lifespan is already used in this file")
    decorator_name, needs = src.use("contextlib", "asynccontextmanager")
    nl = src.newline
    edits: list[Edit] = []
    for _, fn, dec in handlers:
        start = src.start_of(dec) - 1  # the "@"
        line_start = src.line_start(start)
        end = src.end_of(dec)
        rest = src.text[end : src.next_line_start(end)]
        if src.text[line_start:start].strip() or rest.strip():
            raise Skip("the on_event decorator shares its line with other code or a comment")
        edits.append(Edit(line_start, src.next_line_start(end), ""))
    body: list[str] = []
    for event in ("startup", "yield", "shutdown"):
        if event == "yield":
            body.append("    yield")
            continue
        for kind, fn, _ in handlers:
            if kind == event:
                body.append(f"    {'await ' if isinstance(fn, ast.AsyncFunctionDef) else ''}{fn.name}()")
    fastapi = src.text[src.start_of(factory.func) : src.end_of(factory.func)]
    lifespan = (
        f"@{decorator_name}{nl}async def lifespan(app: {fastapi}):{nl}"
        + nl.join(body)
        + nl * 3
    )
    at = src.line_start(src.start_of(creation))
    if at and src.text[src.line_start(at - 1) : at].strip():
        lifespan = nl * 2 + lifespan  # two blank lines after the code above
    edits.append(Edit(at, at, lifespan))
    from .db_fixes import add_keyword

    edits.append(add_keyword(src, factory, "lifespan=lifespan"))
    covers = tuple(
        f for f in src.findings
        if f.code == "XFA601" and any((dec.lineno, dec.col_offset) == (f.line, f.col) for _, _, dec in handlers)
    )
    return Fix(edits, needs, covers)
