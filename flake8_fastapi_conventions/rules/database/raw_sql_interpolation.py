"""XFA512: SQL text built by interpolating values instead of bind parameters."""

from __future__ import annotations

import ast
import re

from ... import lazy_re
from ...context import Context, Frame, comment_of, dotted_name, has_kwargs_splat, keyword, last_name, string_value
from ...registry import moved_off, rule
from ._shared import (
    _SA_MODULES,
    DATABASE_CALLEES,
    DATABASE_METHODS,
    _flatten_add,
    _function_values,
    _is_alembic_env,
    _is_migration_module,
    _literal_head,
)


XFA512 = rule(
    "XFA512",
    "raw-sql-interpolation",
    default=False,
    precision=moved_off("3 of 10", reading="fifth"),
    seeds=("004",),
    message="SQL built with {how}",
    fix_hint="{fix}",
    what="""
        Reports `text(...)` (from `sqlalchemy`/`sqlmodel`) given an f-string with
        placeholders, `"..." % x`, `"...".format(...)` or `"..." + x`, and
        `.execute(...)`/`.exec_driver_sql(...)` given such a string when it starts with an
        SQL keyword — when at least one interpolated value may carry data: it is not a
        constant, not in an identifier or bind-parameter-name position, and not quoted.
        Statements that cannot take bound parameters (`SET`, `PRAGMA`, `DO`, DDL such as
        `CREATE`/`ALTER`/`DROP`/`GRANT`/`TRUNCATE`/`COMMENT ON`, `VACUUM`/`ANALYZE`, and
        a `server_default=text(...)`) are still reported, with the advice that fits them:
        quote the value with the dialect (`identifier_preparer.quote(name)`,
        `literal(value).compile(..., compile_kwargs={"literal_binds": True})`), or, for
        `SET`, bind it through `set_config()`. Application code only: tests, scripts and
        Alembic revisions are not checked (CI scripts too, when they are under a scripts
        path).

        What the rule cannot tell: whether a module is an example or a demo (an example DAG
        that queries an in-memory DuckDB with no request data in reach). Such modules are
        checked like application code unless the project's layer globs make them scripts.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        Interpolating values into SQL text is SQL injection as soon as one value comes
        from a request, and it defeats statement caching. Seed 004: always use
        SQLAlchemy's `select()`/`insert()`/`update()`/`delete()` constructs, whose values
        are bound parameters.
    """,
    bad="""
        from sqlalchemy import text
        from sqlalchemy.ext.asyncio import AsyncSession


        async def find_user(session: AsyncSession, email: str):
            return await session.execute(text(f"SELECT * FROM users WHERE email = '{email}'"))
    """,
    good="""
        from sqlalchemy import text
        from sqlalchemy.ext.asyncio import AsyncSession


        async def find_user(session: AsyncSession, email: str):
            return await session.execute(
                text("SELECT * FROM users WHERE email = :email"), {"email": email}
            )
    """,
    not_flagged=(
        "Constant strings (also implicitly concatenated ones), and placeholders holding "
        "module-level constants of this file (`TABLE = \"users\"`, `LIMIT = 100`, also built "
        "from other constants), local names bound only to such values, and loop variables over a "
        "literal tuple of constants (`for col in (\"flow_id\", \"deployment_id\")`); a name imported "
        "from another module is not known to be constant unless the project index shows it is a "
        "number there (`LIMIT = 100`, `THRESHOLD: float = float(os.environ.get(...))` of a config "
        "module, also through `str(...)`).",
        "Interpolation only in identifier positions (`FROM {table}`, `\"{schema}\"`, "
        "`NEW.{column}`, `search_path TO {schema}`, `Model.__tablename__`, a column list "
        "`INSERT INTO t ({cols})`, and in `CREATE`/`ALTER` the source of `LIKE {src}` and a "
        "type's modifier `VECTOR({dims})`), also in `%`/`.format()` templates and "
        "concatenations: identifiers cannot be bound parameters. A value written in such a "
        "position is a name wherever else it appears in the statement (`SELECT {cols} FROM s`).",
        "Numbers: a parameter annotated `int`/`float`/`bool` (also `Optional[int]`, "
        "`Annotated[int, ...]`) and arithmetic on such values (`{page * size}`).",
        "UUIDs: a parameter annotated `UUID` (or a project class deriving it), `uuid4()`, "
        "`UUID(raw)`, a UUID class's constructor (`TenantUUID.new(raw)`, `.from_short(s)`), "
        "and `self.<attr>` that every assignment in the enclosing class sets to one of these "
        "(its text is hex digits and dashes). A class the project index cannot follow "
        "(e.g. a module it cannot parse) is not known to be a UUID.",
        "A `WHERE` clause joined from a local list built only from constant fragments and "
        "bind markers: `conditions = [...]`, `conditions.append(\"name = :name\")`, "
        "`conditions.extend([...])`, then `\" AND \".join(conditions)` (a list extended with "
        "anything else, or changed by index, is not followed).",
        "Placeholders that only build bind-parameter names or markers while the values are "
        "bound: `:tag_{i}`, `\", \".join(f\":tag_{i}\" for i in ...)`, `f\"{k} = :{k}\"`, "
        "`\",\".join(\"?\" * len(ids))`, directly or through a local name bound only to such a value.",
        "Values quoted or escaped for SQL: `dialect.identifier_preparer.quote(x)`, "
        "`literal(x).compile(..., compile_kwargs={\"literal_binds\": True})`, "
        "`x.replace(\"'\", \"''\")`, a `quote_ident()`/`quote_literal()` helper (however "
        "spelled: `_quote_identifier()`, `await _quoted_literal(conn, x)`, also through a local "
        "name bound to it); numbers "
        "(`int(x)`, `float(x)`, `len(x)`, `{x:d}`). (`quoted_name()` is not quoting: it "
        "renders unquoted in an f-string.)",
        "`.execute(...)` of strings that do not start with an SQL keyword.",
        "Tests, scripts and Alembic revisions (files importing `alembic`): no request data "
        "reaches their SQL.",
        "A project's own schema-migration module (`persistence/migrations.py`, `migrate.py`: a "
        "file name holding `migration` or starting `migrate`), which renames, recreates and "
        "copies tables with names and defaults it reads from the database's inspector.",
        "A statement whose SQL-injection warning from bandit or ruff the author silenced on it "
        "(`# noqa: S608`, `# nosec B608`): reviewed and kept on purpose.",
    ),
)


# -- XFA512 ----------------------------------------------------------------------------

_SQL_KEYWORDS = frozenset(
    {"select", "insert", "update", "delete", "with", "create", "drop", "alter", "truncate", "grant",
     "revoke", "merge", "upsert", "replace", "set", "call", "exec", "execute", "copy", "vacuum",
     "analyze", "pragma", "comment", "do", "reindex", "refresh"}
)


#: statements that take no bound parameters (utility statements, DDL): the advice there
#: is quoting, not ``bindparams``
_NO_BIND_KEYWORDS = frozenset(
    {"set", "reset", "pragma", "create", "alter", "drop", "grant", "revoke", "truncate", "vacuum",
     "analyze", "comment", "do", "reindex", "cluster", "refresh", "lock"}
)


_IDENTIFIER_BEFORE = lazy_re.compile(
    r"(?:\b(?:from|join|into|update|table|schema|database|exists|view|sequence|index|trigger|to|truncate)\s+"
    r"(?:only\s+)?|[\"`.\[])$",
    re.I,
)


#: a column list: ``INSERT INTO t ({cols})``, ``INSERT INTO t (id, {cols}``
_COLUMN_LIST_BEFORE = lazy_re.compile(r"\binto\s+[\w.\"`\[\]]+\s*\([\w\s,\"`]*$", re.I)


#: names in DDL (``CREATE``/``ALTER``): the source of ``CREATE TABLE t (LIKE src)`` /
#: ``CREATE TABLE t LIKE src``, a type's modifier (``VECTOR({dims})``, ``VARCHAR({n})``)
_DDL_NAME_BEFORE = lazy_re.compile(r"(?:\blike\s+|\b[a-z_]\w*\()$", re.I)


#: the text before a placeholder that makes it (part of) a bind parameter's name:
#: ``:tag_{i}`` (one colon: ``::{type}`` is a cast)
_BIND_NAME_BEFORE = lazy_re.compile(r"(?<![:\w]):\w*$")


_BIND_FIX = 'use bound parameters: text("... WHERE id = :id").bindparams(id=value)'


_SET_FIX = (
    "SET cannot take bound parameters; bind the value through set_config() instead: "
    "text(\"SELECT set_config('app.setting', :value, true)\") (PostgreSQL; true = SET LOCAL)"
)


_QUOTE_FIX = (
    "{what} cannot take bound parameters; quote what you interpolate: "
    "dialect.identifier_preparer.quote(name) for identifiers, "
    'literal(value).compile(dialect=dialect, compile_kwargs={{"literal_binds": True}}) for values'
)


#: calls that quote or escape what they are given for SQL
_QUOTING_CALLS = frozenset(
    {"quote_identifier", "quote_ident", "quote_literal", "quote_name", "quote_schema",
     "escape_identifier", "escape_literal", "escape_string", "format_table", "format_column"}
)


_NUMBER_CALLS = frozenset({"int", "float", "len", "bool", "round"})


#: a quoting helper however the project spells it: ``_quote_identifier``, ``quoted_literal``
#: (not SQLAlchemy's ``quoted_name()``, which renders unquoted in an f-string)
_QUOTING_NAME = lazy_re.compile(r"(?:quote|quoted|escape|escaped)_(?:ident|identifier|literal|name|schema|string|table|column)s?")


#: what makes a UUID: its value renders as hex digits and dashes only
_UUID_FACTORIES = frozenset({"uuid.UUID", "uuid.uuid1", "uuid.uuid3", "uuid.uuid4", "uuid.uuid5", "uuid.uuid7"})


@DATABASE_CALLEES.on("text", rules=(XFA512,))
def _sql_text(node: ast.Call, name: str, ctx: Context) -> None:
    if node.args and ctx.imported_from(node.func, *_SA_MODULES):
        _check_sql_interpolation(node.args[0], ctx)


@DATABASE_METHODS.on("execute", "exec_driver_sql", rules=(XFA512,))
def _sql_executed(node: ast.Call, method: str, receiver: ast.expr, ctx: Context) -> None:
    if node.args:
        _check_sql_interpolation(node.args[0], ctx, need_sql_keyword=True)


def _check_sql_interpolation(arg: ast.expr, ctx: Context, need_sql_keyword: bool = False) -> None:
    if not ctx.wants(XFA512) or _outside_sql_scope(ctx):
        return
    found = _interpolation(arg, ctx, need_sql_keyword)
    if found is None:
        return
    if _injection_check_suppressed(arg, ctx):
        return  # ``# noqa: S608`` / ``# nosec B608`` on the statement: reviewed on purpose
    how, head = found
    words = head.strip().split(None, 1)
    keyword_ = words[0].lower().strip("(") if words else ""
    parent = ctx.parent
    if isinstance(parent, ast.keyword) and parent.arg in ("server_default", "server_onupdate"):
        fix = _QUOTE_FIX.format(what="a server default")
    elif keyword_ == "set":
        fix = _SET_FIX
    elif keyword_ in _NO_BIND_KEYWORDS:
        fix = _QUOTE_FIX.format(what=keyword_.upper())
    else:
        fix = _BIND_FIX
    ctx.report(arg, XFA512, how=how, fix=fix)


#: a suppression of another linter's report of this very statement: bandit's / ruff's
#: hardcoded-SQL-expression check (``S608``, ``B608``): the author met the SQL-injection warning
#: on this statement and kept the interpolation on purpose
_SQL_INJECTION_SUPPRESSED = lazy_re.compile(r"noqa\s*:.*\bS608\b|nosec\b.*\bB608\b", re.IGNORECASE)


def _injection_check_suppressed(arg: ast.expr, ctx: Context) -> bool:
    """A line of the SQL expression ``arg`` (or of the statement it is in) carries
    ``# noqa: S608`` or ``# nosec B608``."""
    lines = ctx.lines
    if lines is None:
        return False
    first = arg.lineno
    last = getattr(arg, "end_lineno", None) or first
    for node in ctx.ancestors[::-1]:
        if isinstance(node, ast.stmt):
            if not hasattr(node, "body"):  # a simple statement; a ``with``/``if`` header only spans ``arg``
                first, last = min(first, node.lineno), max(last, getattr(node, "end_lineno", None) or last)
            break
    for lineno in range(first, last + 1):
        if 0 < lineno <= len(lines):
            text = comment_of(lines[lineno - 1])
            if text is not None and _SQL_INJECTION_SUPPRESSED.search(text):
                return True
    return False


def _outside_sql_scope(ctx: Context) -> bool:
    """Tests, scripts (seeds, one-off tools), Alembic revisions and a project's own
    migration module: no request data reaches their SQL."""
    return ctx.is_test or ctx.is_script or _is_alembic_env(ctx) or _is_migration_module(ctx)


def _interpolation(arg: ast.expr, ctx: Context, need_sql_keyword: bool = False) -> tuple[str, str] | None:
    """``(how, leading literal text)`` when ``arg`` builds SQL text by interpolating a
    value that is neither a constant, nor in an identifier or bind-parameter-name
    position, nor quoted."""
    parsed = _slots(arg)
    if parsed is None:
        return None
    how, head, slots = parsed
    if not slots:
        return None
    if need_sql_keyword:
        words = head.strip().split(None, 1)
        if not words or words[0].lower().strip("(") not in _SQL_KEYWORDS:
            return None
    words = head.strip().split(None, 1)
    ddl = bool(words) and words[0].lower().strip("(") in ("create", "alter")

    def name_position(before: str) -> bool:
        tail = before[-60:]
        if _IDENTIFIER_BEFORE.search(tail) or _BIND_NAME_BEFORE.search(before) or _COLUMN_LIST_BEFORE.search(tail):
            return True
        # DDL: ``CREATE TABLE t (LIKE {src})``, a type modifier ``VECTOR({dims})``
        return ddl and bool(_DDL_NAME_BEFORE.search(tail))

    # a value written in a name position once is a name wherever it appears
    # (``INSERT INTO t ({cols}) SELECT {cols} FROM s``)
    name_values = {ast.dump(v) for before, v in slots if v is not None and name_position(before)}
    for before, value in slots:
        if name_position(before):
            continue
        if value is not None and (ast.dump(value) in name_values or _safe_value(value, ctx)):
            continue
        return how, head
    return None


Slot = tuple[str, "ast.expr | None"]


def _slots(arg: ast.expr) -> tuple[str, str, list[Slot]] | None:
    """``(how, leading literal text, slots)``: each interpolated value with the literal
    text before it (``None`` as value when the template does not say which one)."""
    if isinstance(arg, ast.JoinedStr):
        return "an f-string", _literal_head(arg), _joined_slots(arg, "")[1]
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mod):
        template = string_value(arg.left)
        if not template:
            return None
        return "% formatting", template, _percent_slots(template, arg.right)
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add):
        parts = _flatten_add(arg)
        if not any(string_value(p) is not None or isinstance(p, ast.JoinedStr) for p in parts):
            return None
        before = ""
        slots: list[Slot] = []
        head = None
        for part in parts:
            text = string_value(part)
            if text is not None:
                head = text if head is None else head
                before += text
            elif isinstance(part, ast.JoinedStr):
                head = _literal_head(part) if head is None else head
                before, more = _joined_slots(part, before)
                slots.extend(more)
            else:
                slots.append((before, part))
                before += "x"
        return "string concatenation", head or "", slots
    if (
        isinstance(arg, ast.Call)
        and isinstance(arg.func, ast.Attribute)
        and arg.func.attr == "format"
        and string_value(arg.func.value) is not None
        and (arg.args or arg.keywords)
    ):
        template = string_value(arg.func.value) or ""
        return "str.format()", template, _format_slots(template, arg)
    return None


def _joined_slots(node: ast.JoinedStr, before: str) -> tuple[str, list[Slot]]:
    slots: list[Slot] = []
    for value in node.values:
        text = string_value(value)
        if text is not None:
            before += text
        elif isinstance(value, ast.FormattedValue):
            if not isinstance(value.value, ast.Constant) and not _numeric_spec(value):
                slots.append((before, value.value))
            before += "x"
    return before, slots


def _numeric_spec(value: ast.FormattedValue) -> bool:
    """``{n:d}``, ``{x:.2f}``: the format spec only accepts numbers."""
    spec = value.format_spec
    if value.conversion != -1 or not isinstance(spec, ast.JoinedStr) or len(spec.values) != 1:
        return False
    text = string_value(spec.values[0]) or ""
    return bool(re.fullmatch(r"[<>=^]?[+\- ]?#?0?\d*[,_]?(?:\.\d+)?[bdoxXeEfFgGn%]", text))


_PERCENT_FIELD = lazy_re.compile(r"%(?:\(([^)]*)\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")


_FORMAT_FIELD = lazy_re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")


def _percent_slots(template: str, right: ast.expr) -> list[Slot]:
    text = template.replace("%%", "  ")
    fields = list(_PERCENT_FIELD.finditer(text))
    values: list[ast.expr | None]
    if isinstance(right, ast.Dict) and all(string_value(k) is not None for k in right.keys if k is not None) and None not in right.keys:
        by_key = {string_value(k): v for k, v in zip(right.keys, right.values)}
        values = [by_key.get(m.group(1)) if m.group(1) is not None else None for m in fields]
    elif isinstance(right, ast.Tuple):
        elts = right.elts
        if len(elts) == len(fields) and not any(isinstance(e, ast.Starred) for e in elts):
            values = list(elts)
        else:
            values = [None] * len(fields)
    else:
        values = [right] if len(fields) == 1 and fields[0].group(1) is None else [None] * len(fields)
    slots: list[Slot] = []
    for m, value in zip(fields, values):
        if value is not None and _is_constant_expr(value):
            continue
        slots.append((text[: m.start()], value))
    return slots


def _format_slots(template: str, call: ast.Call) -> list[Slot]:
    keywords = {kw.arg: kw.value for kw in call.keywords if kw.arg is not None}
    splat = has_kwargs_splat(call) or any(isinstance(a, ast.Starred) for a in call.args)
    slots: list[Slot] = []
    auto = 0
    for m in _FORMAT_FIELD.finditer(template):
        field = m.group(1).split("!", 1)[0].split(":", 1)[0]
        value: ast.expr | None = None
        if not splat:
            if field == "":
                value = call.args[auto] if auto < len(call.args) else None
                auto += 1
            elif field.isdigit():
                index = int(field)
                value = call.args[index] if index < len(call.args) else None
            elif field.isidentifier():
                value = keywords.get(field)
        if value is not None and _is_constant_expr(value):
            continue
        slots.append((template[: m.start()], value))
    return slots


def _is_constant_expr(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Tuple):
        return all(_is_constant_expr(e) for e in node.elts)
    if isinstance(node, ast.JoinedStr):
        return not any(isinstance(v, ast.FormattedValue) for v in node.values)
    return False


def _safe_value(expr: ast.expr, ctx: Context, depth: int = 0) -> bool:
    """``expr`` cannot carry SQL of a request into the text: a constant (also a
    module-level constant, or a local name only ever bound to safe values), a number
    (``int(x)``, ``{n:d}``), a value quoted for SQL
    (``dialect.identifier_preparer.quote(x)``, ``literal(x).compile(..., literal_binds)``,
    ``x.replace("'", "''")``), a table name (``Model.__tablename__``), or a list of
    bind-parameter markers (``", ".join(f":id_{i}" for i in ...)``, ``",".join("?" * n)``)."""
    if depth > 8:
        return False
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, ast.JoinedStr):
        return _safe_fstring(expr, ctx, depth)
    if isinstance(expr, ast.IfExp):
        return _safe_value(expr.body, ctx, depth + 1) and _safe_value(expr.orelse, ctx, depth + 1)
    if isinstance(expr, ast.BinOp):
        if isinstance(expr.op, ast.Add):
            return all(_safe_value(p, ctx, depth + 1) for p in _flatten_add(expr))
        if isinstance(expr.op, ast.Mult) and any(_constant_sequence(side) for side in (expr.left, expr.right)):
            return True  # ``"?, " * n``, ``[":id"] * n``
        if isinstance(expr.op, (ast.Mult, ast.Sub, ast.FloorDiv, ast.Div, ast.Mod, ast.Pow)):
            # arithmetic on safe values: ``page * size`` with ``page: int``
            return _safe_value(expr.left, ctx, depth + 1) and _safe_value(expr.right, ctx, depth + 1)
        return False
    if isinstance(expr, ast.Await):
        return isinstance(expr.value, ast.Call) and _safe_call(expr.value, ctx, depth)
    if isinstance(expr, ast.Name):
        return _safe_name(expr.id, ctx, depth)
    if isinstance(expr, ast.Attribute):
        return _table_name(expr) or _safe_self_attr(expr, ctx, depth)
    if isinstance(expr, ast.Call):
        return _safe_call(expr, ctx, depth)
    return False


def _safe_self_attr(expr: ast.Attribute, ctx: Context, depth: int) -> bool:
    """``self.<attr>`` that every method of the enclosing class of this file assigns a
    UUID (``self.ws_id = WorkspaceUUID.new(raw)``, ``self.key = uuid4()``): its text is hex
    digits and dashes."""
    if not (isinstance(expr.value, ast.Name) and expr.value.id == "self"):
        return False
    cls = next((f.node for f in reversed(ctx.frames) if f.kind == "class"), None)
    if not isinstance(cls, ast.ClassDef):
        return False
    values: list[ast.expr] = []
    for node in ast.walk(cls):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == expr.attr
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
            ):
                if isinstance(node, ast.AugAssign) or node.value is None:
                    return False
                values.append(node.value)
            elif not isinstance(target, (ast.Name, ast.Attribute)):
                if any(isinstance(t, ast.Attribute) and t.attr == expr.attr for t in ast.walk(target)):
                    return False  # ``self.a, self.b = ...``: not followed
    return bool(values) and all(isinstance(v, ast.Call) and _uuid_call(v, ctx) for v in values)


def _uuid_class(ctx: Context, expr: ast.expr) -> bool:
    """``expr`` is ``uuid.UUID`` or a class deriving it (through the project index)."""
    if ctx.resolve(expr) == "uuid.UUID":
        return True
    ancestors = ctx.class_ancestors(expr)
    return bool(ancestors) and "uuid.UUID" in ancestors and "?" not in ancestors  # type: ignore[operator]


def _uuid_call(call: ast.Call, ctx: Context) -> bool:
    """``uuid4()``, ``UUID(raw)``, ``WorkspaceUUID(raw)`` or a constructor classmethod of a
    UUID class (``WorkspaceUUID.new(raw)``, ``.from_short(s)``, ``.new_uuid4()``)."""
    func = call.func
    if ctx.resolve(func) in _UUID_FACTORIES:
        return True
    if _uuid_class(ctx, func):
        return True
    return (
        isinstance(func, ast.Attribute)
        and (func.attr.startswith("new") or func.attr.startswith("from_"))
        and _uuid_class(ctx, func.value)
    )


def _constant_sequence(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    return isinstance(node, (ast.List, ast.Tuple)) and all(isinstance(e, ast.Constant) for e in node.elts)


def _safe_fstring(node: ast.JoinedStr, ctx: Context, depth: int) -> bool:
    _, slots = _joined_slots(node, "")
    bind_values = {ast.dump(v) for before, v in slots if v is not None and _BIND_NAME_BEFORE.search(before)}
    for before, value in slots:
        if _BIND_NAME_BEFORE.search(before) or (value is not None and ast.dump(value) in bind_values):
            continue
        if value is None or not _safe_value(value, ctx, depth + 1):
            return False
    return True


def _table_name(expr: ast.Attribute) -> bool:
    """``Model.__tablename__``, ``Model.__table__.name``/``.fullname``, ``Model.__table__``."""
    if expr.attr in ("__tablename__", "__table__"):
        return True
    return expr.attr in ("name", "fullname") and isinstance(expr.value, ast.Attribute) and expr.value.attr == "__table__"


def _safe_call(call: ast.Call, ctx: Context, depth: int) -> bool:
    func = call.func
    tail = last_name(func)
    if tail is None:
        return False
    if isinstance(func, ast.Name) and ctx.is_builtin(func):
        if tail in _NUMBER_CALLS:
            return True
        if tail == "str" and len(call.args) == 1:
            return _safe_value(call.args[0], ctx, depth + 1)
        return False
    spelled = tail.lstrip("_").lower()
    if tail in _QUOTING_CALLS or (spelled != "quoted_name" and _QUOTING_NAME.fullmatch(spelled)):
        return True
    if _uuid_call(call, ctx):
        return True
    if tail == "quote" and "preparer" in (dotted_name(func) or ""):
        return True  # dialect.identifier_preparer.quote(name)
    if tail == "compile":
        options = keyword(call, "compile_kwargs")
        if options is not None and isinstance(options.value, ast.Dict):
            return any(string_value(k) == "literal_binds" for k in options.value.keys if k is not None)
        return False
    if tail == "replace" and len(call.args) == 2 and [string_value(a) for a in call.args] == ["'", "''"]:
        return True  # escapes a string literal's quotes
    if tail == "join" and isinstance(func, ast.Attribute) and string_value(func.value) is not None and len(call.args) == 1:
        items = call.args[0]
        if isinstance(items, ast.Name):
            return _safe_list(items.id, ctx, depth + 1)
        if isinstance(items, (ast.GeneratorExp, ast.ListComp, ast.SetComp)):
            return _safe_value(items.elt, ctx, depth + 1)
        if isinstance(items, (ast.List, ast.Tuple)):
            return all(_safe_value(e, ctx, depth + 1) for e in items.elts)
        if isinstance(items, ast.BinOp) and isinstance(items.op, ast.Mult):
            return any(_constant_sequence(side) for side in (items.left, items.right))
    return False


def _safe_name(name: str, ctx: Context, depth: int) -> bool:
    for frame in reversed(ctx.frames):
        if frame.kind == "class":
            break
        if frame.kind == "lambda" and name in frame.params:
            return False
        if frame.kind != "function":
            continue
        if name in frame.params:
            # a parameter annotated ``int``/``float``/``bool`` holds a number: formatting one
            # cannot put SQL into the text (any other annotation is a hint, not a check)
            return _numeric_annotation(frame.params[name], ctx)
        values = _function_values(frame).get(name, ())
        if name in _function_values(frame):
            if values is None or not values:
                return False
            return all(_safe_value(v, ctx, depth + 1) for v in values)
    value = ctx.assignments.get(name)
    if value is None:
        return _imported_number(name, ctx)
    return _module_constant(value, ctx, depth)


#: an imported module-level value that is a number: ``LIMIT = 10``,
#: ``THRESHOLD: float = float(os.environ.get(...))`` of the project's config module
_NUMBER_DESC_CALLS = frozenset({"int", "float", "bool", "round"})


def _imported_number(name: str, ctx: Context) -> bool:
    """``name`` is imported from a project module where it is a number: a numeric literal
    or the result of ``int()``/``float()``/``bool()`` (its text is digits, a sign, a dot)."""
    found = ctx.lookup(name)
    if found is None or found.kind != "import":
        return False
    symbol = ctx.symbol(ast.Name(id=name, ctx=ast.Load()))
    if symbol is None or symbol.kind != "value" or not isinstance(symbol.info, dict):
        return False
    desc = symbol.info
    if desc.get("k") == "const":
        return desc.get("t") in ("int", "float", "bool")
    return desc.get("k") == "call" and desc.get("f") in _NUMBER_DESC_CALLS


def _numeric_annotation(annotation: ast.expr | None, ctx: Context) -> bool:
    """``n: int``, ``Annotated[int, ...]``, ``Optional[float]``: a number (or ``None``)."""
    if annotation is None:
        return False
    base, _ = ctx.unwrap_annotation(annotation)
    if isinstance(base, ast.Name) and base.id in ("int", "float", "bool") and ctx.is_builtin(base):
        return True
    # ``workspace_id: UUID`` (also a project subclass of it): hex digits and dashes
    return isinstance(base, (ast.Name, ast.Attribute)) and _uuid_class(ctx, base)


def _safe_list(name: str, ctx: Context, depth: int) -> bool:
    """A local list the function builds only from safe values: ``parts = []`` (or a
    literal of safe items), then ``parts.append(v)``/``parts.extend([v, ...])``/
    ``parts.insert(i, v)`` with safe values only and no other binding or mutation
    (``", ".join(parts)`` of ``"name = :name"`` fragments)."""
    if depth > 8:
        return False
    for frame in reversed(ctx.frames):
        if frame.kind == "class":
            return False
        if frame.kind != "function":
            continue
        if name in frame.params:
            return False
        values = _function_values(frame)
        if name not in values:
            continue
        bound = values[name]
        if not bound or len(bound) != 1 or not isinstance(bound[0], (ast.List, ast.Tuple)):
            return False
        items = [*bound[0].elts]
        added = _list_additions(frame).get(name, [])
        if added is None:
            return False
        items.extend(added)
        return all(not isinstance(e, ast.Starred) and _safe_value(e, ctx, depth + 1) for e in items)
    return False


class ListAdditions:
    """Per function: what :func:`_list_additions` found its body adds to its local lists
    (``None`` until computed)."""

    __slots__ = ("additions",)

    def __init__(self) -> None:
        self.additions: dict[str, list[ast.expr] | None] | None = None


def _list_additions(frame: Frame) -> dict[str, list[ast.expr] | None]:
    """What a function's body adds to its local lists: ``name -> [values]`` from
    ``name.append(v)``, ``name.insert(i, v)``, ``name.extend([...])`` and ``name += [...]``;
    ``None`` when the list is changed in a way not followed (``extend(other)``,
    ``name[i] = v``, ``name += other``)."""
    state = frame.state(ListAdditions)
    found = state.additions
    if found is not None:
        return found
    out: dict[str, list[ast.expr] | None] = {}

    def add(name: str, values: list[ast.expr] | None) -> None:
        current = out.get(name, [])
        out[name] = None if current is None or values is None else [*current, *values]

    for node in ast.walk(frame.node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            name, method = node.func.value.id, node.func.attr
            if method == "append" and len(node.args) == 1 and not node.keywords:
                add(name, [node.args[0]])
            elif method == "insert" and len(node.args) == 2:
                add(name, [node.args[1]])
            elif method == "extend":
                items = node.args[0] if len(node.args) == 1 else None
                add(name, list(items.elts) if isinstance(items, (ast.List, ast.Tuple)) else None)
            elif method in ("__setitem__", "__iadd__"):
                add(name, None)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            value = node.value
            add(node.target.id, list(value.elts) if isinstance(value, (ast.List, ast.Tuple)) else None)
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    add(target.value.id, None)
    state.additions = out
    return out


def _module_constant(value: ast.expr, ctx: Context, depth: int) -> bool:
    """A module-level value built from constants only (``TABLE = "users"``,
    ``QUALIFIED = f"{SCHEMA}.users"``)."""
    if depth > 4:
        return False
    if isinstance(value, ast.Constant):
        return isinstance(value.value, (str, int, float, bool)) or value.value is None
    if isinstance(value, ast.JoinedStr):
        return all(
            _module_constant(v.value, ctx, depth + 1) if isinstance(v, ast.FormattedValue) else True
            for v in value.values
        )
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        return all(_module_constant(p, ctx, depth + 1) for p in _flatten_add(value))
    if isinstance(value, ast.Name):
        inner = ctx.assignments.get(value.id)
        return inner is not None and inner is not value and _module_constant(inner, ctx, depth + 1)
    return False
