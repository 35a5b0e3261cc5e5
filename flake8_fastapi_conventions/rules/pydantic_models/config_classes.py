"""XFA401 (a v1 ``class Config`` in a v2 model), XFA404 (``orm_mode``) and XFA409 (``model_config``
as a dict literal), from a model's class body.  The v1 -> v2 config key maps are here: the fixer
reads them too."""

from __future__ import annotations

import ast
import io
import tokenize
from typing import TYPE_CHECKING, Callable, Sequence

from ...context import Context
from ...fixes import Edit, Finding, Fix, Skip, fixes, offered, text_of
from ...line_budget import LineEdit, Position, replace
from ...registry import back_on, rule, visitor
from ._shared import (
    MODEL_CALLS,
    COMPAT_MODULE_V1,
    _FIX_WHEN_V2,
    generated_file,
    in_version_branch,
    _is_settings,
    _is_true,
    _model_kind,
    NOT_FLAGGED_GENERATED,
    NOT_FLAGGED_VERSION_BRANCHES,
    v2_migration,
)

if TYPE_CHECKING:  # the fix engine, on ast-grep, is imported only when fixing
    from ...fixer.engine import Source


#: v1 ``class Config`` key -> v2 ``ConfigDict`` key; ``None``: removed in v2 (drop it).
#: ``allow_mutation`` becomes ``frozen`` with the value inverted (see ``INVERTED_CONFIG_KEYS``);
#: ``copy_on_model_validation`` becomes ``revalidate_instances`` ("none" -> "never", else "always").
V1_CONFIG_KEYS: dict[str, str | None] = {
    "orm_mode": "from_attributes",
    "allow_population_by_field_name": "populate_by_name",
    "anystr_strip_whitespace": "str_strip_whitespace",
    "anystr_lower": "str_to_lower",
    "anystr_upper": "str_to_upper",
    "min_anystr_length": "str_min_length",
    "max_anystr_length": "str_max_length",
    "schema_extra": "json_schema_extra",
    "validate_all": "validate_default",
    "allow_mutation": "frozen",
    "keep_untouched": "ignored_types",
    "copy_on_model_validation": "revalidate_instances",
    "underscore_attrs_are_private": None,
    "fields": None,
    "smart_union": None,
    "getter_dict": None,
    "json_loads": None,
    "json_dumps": None,
    "error_msg_templates": None,
    "post_init_call": None,
}


#: keys of pydantic v2 ``ConfigDict`` and pydantic-settings ``SettingsConfigDict``
V2_CONFIG_KEYS = frozenset(
    """title model_title_generator field_title_generator str_to_lower str_to_upper
    str_strip_whitespace str_min_length str_max_length extra frozen populate_by_name
    use_enum_values validate_assignment arbitrary_types_allowed from_attributes loc_by_alias
    alias_generator ignored_types allow_inf_nan json_schema_extra json_encoders strict
    revalidate_instances ser_json_timedelta ser_json_bytes ser_json_inf_nan val_json_bytes
    validate_default validate_return protected_namespaces hide_input_in_errors defer_build
    plugin_settings schema_generator json_schema_serialization_defaults_required
    json_schema_mode_override coerce_numbers_to_str regex_engine validation_error_cause
    use_attribute_docstrings cache_strings validate_by_alias validate_by_name serialize_by_alias
    case_sensitive env_prefix env_file env_file_encoding env_ignore_empty env_nested_delimiter
    env_parse_none_str env_parse_enums secrets_dir json_file json_file_encoding yaml_file
    yaml_file_encoding toml_file cli_parse_args nested_model_default_partial_update
    env_nested_max_split""".split()
)


#: v1 keys whose v2 key takes the negated value
INVERTED_CONFIG_KEYS = frozenset({"allow_mutation"})




XFA401 = rule(
    "XFA401",
    "pydantic-v1-config-class",
    default=True,
    precision=back_on("20 of 20", reading="seventh"),
    seeds=("004",),
    message="class Config is Pydantic v1 configuration in {model}",
    fix_hint="use model_config = {replacement}",
    what="""
        Reports a nested `class Config:` inside a Pydantic model (a class that inherits
        `BaseModel`, `BaseSettings`, `RootModel` or `SQLModel`, directly or through project
        base classes in any module, which the project index follows through imports and package
        re-exports, or a model imported from a configured schema module). The message spells out
        the `ConfigDict(...)` (`SettingsConfigDict(...)` for settings) with the v2 key names:
        `orm_mode` → `from_attributes`, `allow_population_by_field_name` → `populate_by_name`,
        `anystr_strip_whitespace` → `str_strip_whitespace`, `schema_extra` → `json_schema_extra`,
        `allow_mutation=False` → `frozen=True`, and names the keys v2 removed.
    """,
    why="""
        Seed 004: "Always use Pydantic V2 syntax. Never use V1 patterns like class Config, .dict(),
        .json(), or orm_mode. Use model_config = ConfigDict(...) for model configuration." In v2 a
        `class Config` is deprecated, and its renamed keys are only honoured through a warning shim
        that will go away; removed keys are silently ignored.
    """,
    bad="""
        from pydantic import BaseModel


        class UserOut(BaseModel):
            id: int
            name: str

            class Config:
                allow_population_by_field_name = True
    """,
    good="""
        from pydantic import BaseModel, ConfigDict


        class UserOut(BaseModel):
            model_config = ConfigDict(populate_by_name=True)

            id: int
            name: str
    """,
    not_flagged=(
        "`class Config` in classes that are not Pydantic models: SQLAlchemy models, "
        "dataclasses, Django `Meta`-style classes, classes whose bases cannot be traced to Pydantic.",
        f'Models built on `pydantic.v1` on purpose (`from pydantic.v1 import BaseModel`), also through {COMPAT_MODULE_V1}.',
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


XFA404 = rule(
    "XFA404",
    "orm-mode",
    default=True,
    seeds=("004",),
    message="orm_mode is the Pydantic v1 name",
    fix_hint="use from_attributes=True",
    what="""
        Reports `orm_mode = True` in a model's `class Config`, `ConfigDict(orm_mode=True)` /
        `SettingsConfigDict(orm_mode=True)`, and `model_config = {"orm_mode": True}`.
    """,
    why="""
        Seed 004: "Use from_attributes=True for ORM compatibility" and never `orm_mode`. In v2
        `orm_mode` is only translated with a warning in a `class Config`; inside `ConfigDict` or a
        `model_config` dict it is not a valid key, so `Model.model_validate(orm_obj)` fails.
    """,
    bad="""
        from pydantic import BaseModel, ConfigDict


        class ItemOut(BaseModel):
            model_config = ConfigDict(orm_mode=True)

            id: int
    """,
    good="""
        from pydantic import BaseModel, ConfigDict


        class ItemOut(BaseModel):
            model_config = ConfigDict(from_attributes=True)

            id: int
    """,
    not_flagged=(
        "`orm_mode = False`.",
        f'`class Config` of classes not known to be Pydantic models, and `pydantic.v1` models (also through {COMPAT_MODULE_V1}).',
        NOT_FLAGGED_VERSION_BRANCHES,
        NOT_FLAGGED_GENERATED,
    ),
    fix="safe",
    fix_when=_FIX_WHEN_V2,
)


XFA409 = rule(
    "XFA409",
    "config-dict-literal",
    default=False,
    seeds=("004",),
    message="model_config is a plain dict",
    fix_hint="use model_config = {factory}(...) so the keys are type-checked",
    what="Reports `model_config = {...}` (a dict literal) in the body of a Pydantic model.",
    why="""
        Seed 004: "Use model_config = ConfigDict(...) for model configuration." `ConfigDict` is a
        `TypedDict`: type checkers reject misspelt or v1 keys (`orm_mode`) that a plain dict accepts
        silently. Seed 000 uses the dict form, hence off by default.
    """,
    bad="""
        from pydantic import BaseModel


        class Item(BaseModel):
            model_config = {"from_attributes": True}

            id: int
    """,
    good="""
        from pydantic import BaseModel, ConfigDict


        class Item(BaseModel):
            model_config = ConfigDict(from_attributes=True)

            id: int
    """,
    not_flagged=(
        "`model_config: ConfigDict = {...}` (annotated, so still type-checked).",
        NOT_FLAGGED_GENERATED,
    ),
)


_CONFIG_DICTS = frozenset(
    {
        "pydantic.ConfigDict",
        "pydantic.config.ConfigDict",
        "pydantic_settings.SettingsConfigDict",
        "pydantic_settings.main.SettingsConfigDict",
    }
)


#: the v2 name the XFA404 fix writes for ``orm_mode``
FROM_ATTRIBUTES = "from_attributes"


@MODEL_CALLS.on("(keywords)", rules=(XFA404,))
def _orm_mode_in_config_dict(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    """``ConfigDict(orm_mode=True)``: the v1 key in a v2 config."""
    for kw in node.keywords:
        if kw.arg == "orm_mode":
            if _is_true(kw.value) and ctx.resolve(func) in _CONFIG_DICTS and not in_version_branch(ctx):
                # the fix renames the keyword's name, ``orm_mode`` where the keyword starts
                start = (kw.lineno, kw.col_offset)
                name: LineEdit = (start, (start[0], start[1] + len("orm_mode")), FROM_ATTRIBUTES)
                ctx.report(kw, XFA404, declined=v2_migration(ctx), edits=[name])
            return


# -- XFA401, XFA404, XFA409: class bodies ------------------------------------------


def v2_config_entries(config: ast.ClassDef, ctx: Context | None = None) -> tuple[list[tuple[str, str]], list[str]]:
    """``([(v2_key, value_source)], [removed v1 keys])`` of a v1 ``class Config`` body."""
    entries: list[tuple[str, str]] = []
    removed: list[str] = []
    for stmt in config.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            key, value = stmt.targets[0].id, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            key, value = stmt.target.id, stmt.value
        else:
            continue
        if key in V1_CONFIG_KEYS:
            new = V1_CONFIG_KEYS[key]
            if new is None:
                removed.append(key)
                continue
        else:
            new = key
        if key in INVERTED_CONFIG_KEYS:
            if isinstance(value, ast.Constant) and isinstance(value.value, bool):
                text = repr(not value.value)
            else:
                text = f"not ({ast.unparse(value)})"
        elif key == "copy_on_model_validation":
            literal = value.value if isinstance(value, ast.Constant) else None
            text = '"never"' if literal in ("none", False) else '"always"'
        elif (
            key == "extra"
            and isinstance(value, ast.Attribute)
            and value.attr in ("allow", "forbid", "ignore")
            and (ctx is None or (ctx.resolve(value.value) or "").endswith("Extra"))
        ):
            text = f'"{value.attr}"'
        else:
            text = ast.unparse(value)
        entries.append((new, text))
    return entries, removed


def config_fix_items(config: ast.ClassDef, text: Callable[[ast.AST], str]) -> list[tuple[ast.stmt, str]]:
    """The ``v2_key=value`` items the XFA401 fix writes for a ``class Config`` that
    :func:`config_fix_blocker` lets through, with the statement of each; ``text``: the
    source text of a node."""
    items: list[tuple[ast.stmt, str]] = []
    for stmt, key, value in _config_assignments(config) or ():
        new = V1_CONFIG_KEYS.get(key, key)
        if key in INVERTED_CONFIG_KEYS:
            written = repr(not value.value)  # type: ignore[attr-defined]
        elif key == "copy_on_model_validation":
            written = '"never"' if value.value in ("none", False) else '"always"'  # type: ignore[attr-defined]
        elif (
            key == "extra"
            and isinstance(value, ast.Attribute)
            and value.attr in ("allow", "forbid", "ignore")
            and isinstance(value.value, (ast.Name, ast.Attribute))
            and text(value.value).split(".")[-1] == "Extra"
        ):
            written = f'"{value.attr}"'
        else:
            written = text(value)
        items.append((stmt, f"{new}={written}"))
    return items


def config_rewrite(
    items: Sequence[tuple[object, int, str]],
    comments: Sequence[tuple[object, int, str]],
    factory: str,
    indent: str,
    nl: str,
    line_length: int | None,
) -> str:
    """``model_config = Factory(...)``, the text the XFA401 fix writes over the class
    statement: on one line when it fits in the project's line length (88 where it sets none)
    and no comment is to be kept, else one item a line with the comments. ``items`` and
    ``comments`` are ``(position, line, text)`` (positions of one kind, to order them; an
    item's line is where it ends)."""
    one_line = f"model_config = {factory}({', '.join(t for _, _, t in items)})"
    limit = line_length if line_length is not None else 88
    if not comments and "\n" not in one_line and "\r" not in one_line and len(indent) + len(one_line) <= limit:
        return one_line
    merged: list[tuple[object, str, int, str]] = [(s, "item", line, t) for s, line, t in items]
    merged += [(s, "comment", line, t) for s, line, t in comments]
    merged.sort()  # type: ignore[call-overload]
    lines: list[str] = []
    last_line = -1
    for _, kind, line, text in merged:
        if kind == "comment" and line == last_line and lines:
            lines[-1] += f"  {text}"
            continue
        lines.append(f"{indent}    {text}{',' if kind == 'item' else ''}")
        if kind == "item":
            last_line = line
    body = nl.join(lines)
    return f"model_config = {factory}({nl}{body}{nl}{indent})"


def _config_comments(
    lines: Sequence[str], config: ast.ClassDef
) -> tuple[list[tuple[Position, int, str]], Position] | None:
    """The comments within a ``class Config`` statement, ``((line, col), line, text)``, and
    where the statement ends with a comment at the end of its last line (the span the fix
    replaces, as tree-sitter counts it); None when the lines do not tokenize."""
    first, last = config.lineno, config.end_lineno or config.lineno
    end: Position = (last, config.end_col_offset or 0)
    found: list[tuple[Position, int, str]] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO("".join(lines[first - 1 : last])).readline):
            if token.type != tokenize.COMMENT:
                continue
            number = first + token.start[0] - 1
            line = lines[number - 1].rstrip("\r\n")
            col = len(line[: token.start[1]].encode("utf-8"))
            if number == last and col >= end[1]:
                end = (last, len(line.encode("utf-8")))
            found.append(((number, col), number, line[token.start[1] :]))
    except (tokenize.TokenError, SyntaxError):
        return None
    return found, end


def _config_edit(ctx: Context, config: ast.ClassDef, settings: bool) -> LineEdit | None:
    """The edit of the XFA401 fix (as :func:`fix_config_class` makes it), for the line
    length; None when the project sets none (nothing to measure)."""
    lines = ctx.lines
    if ctx.targets.line_length is None or lines is None:
        return None
    spans = _config_comments(lines, config)
    if spans is None:
        return None
    comments, end = spans
    items = [
        ((stmt.lineno, stmt.col_offset), stmt.end_lineno or stmt.lineno, text)
        for stmt, text in config_fix_items(config, ctx.text_of)
    ]
    if not items:
        return None
    if settings:
        factory = ctx.written_name("pydantic_settings", "SettingsConfigDict")
    else:
        factory = ctx.written_name("pydantic", "ConfigDict")
    start: Position = (config.lineno, config.col_offset)
    before = lines[config.lineno - 1].encode("utf-8")[: config.col_offset].decode("utf-8", "replace")
    indent = before[: len(before) - len(before.lstrip(" \t"))]
    return start, end, config_rewrite(items, comments, factory, indent, "\n", ctx.targets.line_length)


def _config_assignments(config: ast.ClassDef) -> list[tuple[ast.stmt, str, ast.expr]] | None:
    """The ``key = value`` statements of a ``class Config`` body (``pass`` left out), or None
    when it holds anything else."""
    found: list[tuple[ast.stmt, str, ast.expr]] = []
    for stmt in config.body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            found.append((stmt, stmt.targets[0].id, stmt.value))
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            found.append((stmt, stmt.target.id, stmt.value))
        else:
            return None
    return found


def config_fix_blocker(model: ast.ClassDef, config: ast.ClassDef) -> str | None:
    """Why ``fastapi-conventions fix`` leaves this ``class Config`` to the user, or ``None``
    when it rewrites it into ``model_config = ...`` (the fixer raises this reason; the
    finding's message agrees)."""
    for stmt in model.body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "model_config" for t in targets):
            return "the model already sets model_config"
    if config.decorator_list or config.bases or config.keywords:
        return "class Config has bases or decorators"
    items = 0
    assignments = _config_assignments(config)
    if assignments is None:
        return "class Config holds more than `key = value` assignments"
    for _, key, value in assignments:
        new = V1_CONFIG_KEYS.get(key, key)
        if new is None or new not in V2_CONFIG_KEYS:
            return f"the config key {key} has no v2 equivalent"
        if key in INVERTED_CONFIG_KEYS and not (isinstance(value, ast.Constant) and isinstance(value.value, bool)):
            return f"{key} = <expression> needs its value negated by hand"
        if key == "copy_on_model_validation" and not (
            isinstance(value, ast.Constant) and value.value in ("none", "deep", "shallow", False, True)
        ):
            return "copy_on_model_validation needs a manual migration"
        items += 1
    if not items:
        return "class Config is empty"
    return None


#: ``class Config`` keys SQLModel reads itself
_SQLMODEL_CONFIG_KEYS = frozenset({"table", "registry", "read_with_orm_mode", "read_from_attributes"})


def _config_replacement(ctx: Context, config: ast.ClassDef, settings: bool) -> str:
    entries, removed = v2_config_entries(config, ctx)
    parts = []
    unknown = []
    for key, text in entries:
        if key not in V2_CONFIG_KEYS:
            if key not in _SQLMODEL_CONFIG_KEYS:
                unknown.append(key)  # ``unique_together``: ignored by Pydantic 1 and 2 alike
            continue
        if len(text) > 24 or "\n" in text:
            text = "..."
        parts.append(f"{key}={text}")
    for stmt in config.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # ``def alias_generator(cls, name)`` / ``def schema_extra(schema, model)``: a callable key
            key = V1_CONFIG_KEYS.get(stmt.name, stmt.name)
            if key is None:
                removed.append(stmt.name)
            elif key in V2_CONFIG_KEYS:
                parts.append(f"{key}=<the {stmt.name} function>")
    factory = "SettingsConfigDict" if settings else "ConfigDict"
    replacement = f"{factory}({', '.join(parts)})"
    if removed:
        replacement += f" and drop {', '.join(removed)} (removed in v2)"
    if unknown:
        replacement += f"; {', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not a Pydantic setting"
    return replacement


@visitor(ast.ClassDef, codes=(XFA401, XFA404, XFA409))
def model_configs(node: ast.ClassDef, ctx: Context) -> None:
    if generated_file(ctx):
        return
    kind = _model_kind(ctx, node)
    if kind is None:
        return
    settings = None
    for stmt in node.body:
        if isinstance(stmt, ast.ClassDef):
            if stmt.name == "Config" and kind == "v2" and not in_version_branch(ctx):
                settings = _is_settings(ctx, node.bases, stmt)
                fixable = config_fix_blocker(node, stmt) is None
                declined = v2_migration(ctx) if fixable else None
                if fixable and declined is None and ctx.wants(XFA401):
                    edit = _config_edit(ctx, stmt, settings)
                    declined = ctx.rewrite_blocker([edit]) if edit is not None else None
                ctx.report(
                    stmt,
                    XFA401,
                    fixable=fixable,
                    declined=declined,
                    model=node.name,
                    replacement=_config_replacement(ctx, stmt, settings),
                )
                # where the XFA401 fix is offered it rewrites the ``orm_mode`` line too (and its
                # rewrite is measured, above): XFA404's own edit is not measured on top of it
                rewritten = fixable and declined is None and ctx.wants(XFA401)
                for inner in stmt.body:
                    if (
                        isinstance(inner, ast.Assign)
                        and _is_true(inner.value)
                        and any(isinstance(t, ast.Name) and t.id == "orm_mode" for t in inner.targets)
                    ):
                        target = next(t for t in inner.targets if isinstance(t, ast.Name) and t.id == "orm_mode")
                        edits = None if rewritten else [replace(target, FROM_ATTRIBUTES)]
                        ctx.report(target, XFA404, declined=v2_migration(ctx), edits=edits)
        elif isinstance(stmt, ast.Assign) and kind == "v2":
            if any(isinstance(t, ast.Name) and t.id == "model_config" for t in stmt.targets) and isinstance(
                stmt.value, ast.Dict
            ):
                if settings is None:
                    settings = _is_settings(ctx, node.bases)
                ctx.report(stmt.value, XFA409, factory="SettingsConfigDict" if settings else "ConfigDict")
                for key, value in zip(stmt.value.keys, stmt.value.values):
                    if isinstance(key, ast.Constant) and key.value == "orm_mode" and _is_true(value):
                        # the fix renames the string's content: the same line as the whole
                        # string rewritten
                        edits = None
                        if ctx.targets.line_length is not None and ctx.lines is not None:
                            edits = [replace(key, ctx.text_of(key).replace("orm_mode", FROM_ATTRIBUTES, 1))]
                        ctx.report(key, XFA404, declined=v2_migration(ctx), edits=edits)


# -- the fix ---------------------------------------------------------------------------


def _fix_is_settings(src: Source, cls: ast.ClassDef, finding: Finding, seen: set[str] | None = None) -> bool:
    """The finding's message names the factory the rule chose, knowing the bases through
    the project index (``SettingsConfigDict`` for a ``BaseSettings`` of another module);
    this file's classes are the fallback."""
    if seen is None:
        if "= SettingsConfigDict(" in finding.message:
            return True
        if "= ConfigDict(" in finding.message:
            return False
    seen = seen if seen is not None else set()
    local = {s.name: s for s in src.tree.body if isinstance(s, ast.ClassDef)}
    for base in cls.bases:
        name = base.attr if isinstance(base, ast.Attribute) else base.id if isinstance(base, ast.Name) else None
        if name == "BaseSettings":
            return True
        if name in local and name not in seen:
            seen.add(name)
            if _fix_is_settings(src, local[name], finding, seen):
                return True
    return False


@fixes(XFA401)
def fix_config_class(src: Source, finding: Finding) -> Fix:
    classes = [c for c in src.ast_at(finding, ast.ClassDef) if c.name == "Config"]  # type: ignore[attr-defined]
    if not classes:
        raise Skip("no class Config at the reported position")
    config = classes[0]
    assert isinstance(config, ast.ClassDef)
    outer = src.parent(config)
    if not isinstance(outer, ast.ClassDef):
        raise Skip("class Config is not inside a model class")
    reason = config_fix_blocker(outer, config)
    if reason is not None:
        raise Skip(reason)
    items = [  # (start offset, end line, text)
        (src.start_of(stmt), stmt.end_lineno or stmt.lineno, text)
        for stmt, text in config_fix_items(config, lambda n: text_of(src, n))  # checked by config_fix_blocker
    ]
    if not items:
        raise Skip("class Config is empty")
    offered(finding)
    node = _fix_class_node(src, config)
    start, end = src.span(node)
    comments = []
    for comment in node.find_all(kind="comment"):
        c_start, c_end = src.span(comment)
        comments.append((c_start, comment.range().start.line + 1, comment.text()))
        end = max(end, c_end)
    settings = _fix_is_settings(src, outer, finding)
    factory, needs = src.use("pydantic_settings", "SettingsConfigDict") if settings else src.use("pydantic", "ConfigDict")
    rewrite = config_rewrite(items, comments, factory, src.indent_at(start), src.newline, src.targets.line_length)
    return Fix([Edit(start, end, rewrite)], needs)


def _fix_class_node(src: Source, config: ast.ClassDef):  # type: ignore[no-untyped-def]
    """The ast-grep node of a class statement; tree-sitter counts a comment at the end of
    the body's last line into the class (the ast range ends before it)."""
    start, end = src.start_of(config), src.end_of(config)
    found = src.sg_at(start, end, "class_definition")
    if found is not None:
        return found
    for candidate in src.root.find_all(kind="class_definition"):
        c_start, c_end = src.span(candidate)
        extra = src.text[end:c_end]
        if c_start == start and c_end > end and "\n" not in extra and extra.strip().startswith("#"):
            return candidate
    return src.sg(config, "class_definition")  # raises the usual Skip


@fixes(XFA404)
def fix_orm_mode(src: Source, finding: Finding) -> Fix:
    offered(finding)
    for node in src.ast_at(finding, ast.keyword, ast.Name, ast.Constant):
        if isinstance(node, ast.keyword) and node.arg == "orm_mode":
            kw = src.sg(node, "keyword_argument")
            name = kw.field("name")
            if name is not None:
                return Fix([src.replace(name, FROM_ATTRIBUTES)])
        if isinstance(node, ast.Name) and node.id == "orm_mode":
            return Fix([src.replace(src.sg(node, "identifier"), FROM_ATTRIBUTES)])
        if isinstance(node, ast.Constant) and node.value == "orm_mode":
            string = src.sg(node, "string")
            contents = [c for c in string.children() if c.kind() == "string_content"]
            if len(contents) == 1 and contents[0].text() == "orm_mode":
                return Fix([src.replace(contents[0], FROM_ATTRIBUTES)])
    raise Skip("no orm_mode key at the reported position")
