"""Pydantic v1 → v2: XFA401 ``class Config``, XFA402 methods, XFA403 ``@validator``,
XFA404 ``orm_mode``; XFA411 ``datetime.utcnow()`` (unsafe)."""

from __future__ import annotations

import ast

from .engine import Edit, Finding, Fix, Need, Skip, Source, fixer

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


def _maps() -> tuple[dict[str, str | None], frozenset[str], dict[str, str]]:
    """The v1 -> v2 maps, owned by the rule module so the message and the fix agree."""
    from ..rules.pydantic_models import INVERTED_CONFIG_KEYS, V1_CONFIG_KEYS, V1_METHODS

    return V1_CONFIG_KEYS, INVERTED_CONFIG_KEYS, V1_METHODS


def _text(src: Source, node: ast.AST) -> str:
    return src.text[src.start_of(node) : src.end_of(node)]


# -- XFA401 ------------------------------------------------------------------------


def _is_settings(src: Source, cls: ast.ClassDef, seen: set[str] | None = None) -> bool:
    seen = seen if seen is not None else set()
    local = {s.name: s for s in src.tree.body if isinstance(s, ast.ClassDef)}
    for base in cls.bases:
        name = base.attr if isinstance(base, ast.Attribute) else base.id if isinstance(base, ast.Name) else None
        if name == "BaseSettings":
            return True
        if name in local and name not in seen:
            seen.add(name)
            if _is_settings(src, local[name], seen):
                return True
    return False


@fixer("XFA401", "safe")
def config_class(src: Source, finding: Finding) -> Fix:
    classes = [c for c in src.ast_at(finding, ast.ClassDef) if c.name == "Config"]  # type: ignore[attr-defined]
    if not classes:
        raise Skip("no class Config at the reported position")
    config = classes[0]
    assert isinstance(config, ast.ClassDef)
    outer = src.parent(config)
    if not isinstance(outer, ast.ClassDef):
        raise Skip("class Config is not inside a model class")
    for stmt in outer.body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "model_config" for t in targets):
            raise Skip("the model already sets model_config")
    if config.decorator_list or config.bases or config.keywords:
        raise Skip("class Config has bases or decorators")
    keys, inverted, _ = _maps()
    items: list[tuple[int, int, str]] = []  # (start offset, end line, text)
    for stmt in config.body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            key, value = stmt.targets[0].id, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            key, value = stmt.target.id, stmt.value
        else:
            raise Skip("class Config holds more than `key = value` assignments")
        new = keys.get(key, key)
        if new is None or new not in V2_CONFIG_KEYS:
            raise Skip(f"the config key {key} has no v2 equivalent")
        if key in inverted:
            if not (isinstance(value, ast.Constant) and isinstance(value.value, bool)):
                raise Skip(f"{key} = <expression> needs its value negated by hand")
            text = repr(not value.value)
        elif key == "copy_on_model_validation":
            if not (isinstance(value, ast.Constant) and value.value in ("none", "deep", "shallow", False, True)):
                raise Skip("copy_on_model_validation needs a manual migration")
            text = '"never"' if value.value in ("none", False) else '"always"'
        elif (
            key == "extra"
            and isinstance(value, ast.Attribute)
            and value.attr in ("allow", "forbid", "ignore")
            and isinstance(value.value, (ast.Name, ast.Attribute))
            and _text(src, value.value).split(".")[-1] == "Extra"
        ):
            text = f'"{value.attr}"'
        else:
            text = _text(src, value)
        items.append((src.start_of(stmt), stmt.end_lineno or stmt.lineno, f"{new}={text}"))
    if not items:
        raise Skip("class Config is empty")
    node = src.sg(config, "class_definition")
    start, end = src.span(node)
    comments = []
    for comment in node.find_all(kind="comment"):
        c_start, c_end = src.span(comment)
        comments.append((c_start, comment.range().start.line + 1, comment.text()))
        end = max(end, c_end)
    settings = _is_settings(src, outer)
    factory, needs = src.use("pydantic_settings", "SettingsConfigDict") if settings else src.use("pydantic", "ConfigDict")
    indent = src.indent_at(start)
    nl = src.newline
    one_line = f"model_config = {factory}({', '.join(t for _, _, t in items)})"
    if not comments and "\n" not in one_line and "\r" not in one_line and len(indent) + len(one_line) <= 88:
        return Fix([Edit(start, end, one_line)], needs)
    merged: list[tuple[int, str, int, str]] = [(s, "item", line, t) for s, line, t in items]
    merged += [(s, "comment", line, t) for s, line, t in comments]
    merged.sort()
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
    return Fix([Edit(start, end, f"model_config = {factory}({nl}{body}{nl}{indent})")], needs)


# -- XFA404 ------------------------------------------------------------------------


@fixer("XFA404", "safe")
def orm_mode(src: Source, finding: Finding) -> Fix:
    for node in src.ast_at(finding, ast.keyword, ast.Name, ast.Constant):
        if isinstance(node, ast.keyword) and node.arg == "orm_mode":
            kw = src.sg(node, "keyword_argument")
            name = kw.field("name")
            if name is not None:
                return Fix([src.replace(name, "from_attributes")])
        if isinstance(node, ast.Name) and node.id == "orm_mode":
            return Fix([src.replace(src.sg(node, "identifier"), "from_attributes")])
        if isinstance(node, ast.Constant) and node.value == "orm_mode":
            string = src.sg(node, "string")
            contents = [c for c in string.children() if c.kind() == "string_content"]
            if len(contents) == 1 and contents[0].text() == "orm_mode":
                return Fix([src.replace(contents[0], "from_attributes")])
    raise Skip("no orm_mode key at the reported position")


# -- XFA402 ------------------------------------------------------------------------

_METHOD_KWARGS = {
    "dict": {"include", "exclude", "by_alias", "exclude_unset", "exclude_defaults", "exclude_none"},
    "json": {"include", "exclude", "by_alias", "exclude_unset", "exclude_defaults", "exclude_none", "indent"},
    "copy": {"update", "deep"},
    "schema": {"by_alias", "ref_template"},
    "schema_json": None,  # any: split between model_json_schema and json.dumps
    "update_forward_refs": set(),
    "construct": None,
    "parse_obj": set(),
    "parse_raw": set(),
    "from_orm": set(),
}
_ONE_ARG = {"parse_obj", "parse_raw", "from_orm"}


@fixer("XFA402", "safe")
def v1_method(src: Source, finding: Finding) -> Fix:
    _, _, methods = _maps()
    for call in src.ast_at(finding, ast.Call):
        assert isinstance(call, ast.Call)
        if isinstance(call.func, ast.Attribute) and call.func.attr in methods:
            break
    else:
        raise Skip("no v1 method call at the reported position")
    method = call.func.attr
    new = methods[method]
    kwargs = {k.arg for k in call.keywords}
    if None in kwargs or any(isinstance(a, ast.Starred) for a in call.args):
        raise Skip("*args/**kwargs: check the arguments by hand")
    allowed = _METHOD_KWARGS.get(method, set())
    if allowed is not None and not kwargs <= allowed:
        raise Skip(f".{method}() with {', '.join(sorted(kwargs - allowed))}: no v2 equivalent argument")
    if method in _ONE_ARG and len(call.args) != 1:
        raise Skip(f".{method}() takes one positional argument")
    if method not in _ONE_ARG and method != "construct" and call.args:
        raise Skip(f".{method}() with positional arguments")
    node = src.sg(call, "call")
    function = node.field("function")
    attribute = function.field("attribute") if function is not None else None
    if attribute is None:
        raise Skip("unexpected call syntax")
    if method == "schema_json":
        name, needs = src.use("json")
        receiver = _text(src, call.func.value)
        schema_kw = [_text(src, k) for k in call.keywords if k.arg in ("by_alias", "ref_template")]
        dumps_kw = [_text(src, k) for k in call.keywords if k.arg not in ("by_alias", "ref_template")]
        inner = f"{receiver}.model_json_schema({', '.join(schema_kw)})"
        return Fix([src.replace(node, f"{name}.dumps({', '.join([inner, *dumps_kw])})")], needs)
    edits = [src.replace(attribute, new)]
    if method == "from_orm":
        end = src.end_of(call.args[0])
        edits.append(Edit(end, end, ", from_attributes=True"))
    return Fix(edits)


# -- XFA403 ------------------------------------------------------------------------


@fixer("XFA403", "safe")
def v1_validator(src: Source, finding: Finding) -> Fix:
    candidates = src.ast_at(finding, ast.Call, ast.Name, ast.Attribute)
    if not candidates:
        raise Skip("no validator decorator at the reported position")
    decorator = candidates[0]
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    if last == "root_validator":
        raise Skip("@root_validator → @model_validator changes the signature; migrate it by hand")
    if last != "validator" or not isinstance(decorator, ast.Call):
        raise Skip("not a @validator(...) call")
    function = src.parent(decorator)
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or decorator not in function.decorator_list:
        raise Skip("the decorator is not on a function")
    kept: list[str] = []
    mode = None
    for kw in decorator.keywords:
        if kw.arg in ("always", "each_item"):
            raise Skip(f"{kw.arg}= has no direct field_validator equivalent")
        if kw.arg == "pre":
            if not (isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, bool)):
                raise Skip("pre=<expression>: choose the mode by hand")
            mode = '"before"' if kw.value.value else None
        elif kw.arg == "allow_reuse":
            continue  # not needed in v2
        elif kw.arg == "check_fields":
            kept.append(_text(src, kw))
        else:
            raise Skip(f"{kw.arg}= has no field_validator equivalent")
    if any(isinstance(a, ast.Starred) for a in decorator.args) or not decorator.args:
        raise Skip("the validated fields are not listed")
    args = function.args
    params = [*args.posonlyargs, *args.args]
    is_classmethod = any(
        isinstance(d, ast.Name) and d.id == "classmethod" for d in function.decorator_list
    )
    if args.vararg or args.kwarg or args.kwonlyargs or len(params) != 2:
        raise Skip("the validator takes values/config/field: its signature changes in v2 (info: ValidationInfo)")
    node = src.sg(decorator, "call")
    if node.find(kind="comment") is not None:
        raise Skip("comments inside the decorator")
    fn_node = node.field("function")
    arguments = node.field("arguments")
    if fn_node is None or arguments is None:
        raise Skip("unexpected decorator syntax")
    if isinstance(func, ast.Name):
        name, needs = src.use("pydantic", "field_validator")
        new_func = name
    else:
        needs = ()
        new_func = _text(src, func.value) + ".field_validator"  # type: ignore[attr-defined]
    parts = [_text(src, a) for a in decorator.args] + kept + ([f"mode={mode}"] if mode else [])
    edits = [src.replace(fn_node, new_func), src.replace(arguments, f"({', '.join(parts)})")]
    if not is_classmethod:
        at = src.next_line_start(src.end_of(decorator))
        indent = src.indent_at(src.start_of(decorator))
        edits.append(Edit(at, at, f"{indent}@classmethod{src.newline}"))
    return Fix(edits, needs)


# -- XFA411 (unsafe) -----------------------------------------------------------------


def _is_timedelta(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Name) and node.func.id == "timedelta")
        or (isinstance(node.func, ast.Attribute) and node.func.attr == "timedelta")
    )


@fixer("XFA411", "unsafe")
def utcnow(src: Source, finding: Finding) -> Fix:
    for call in src.ast_at(finding, ast.Call):
        assert isinstance(call, ast.Call)
        if isinstance(call.func, ast.Attribute) and call.func.attr == "utcnow":
            break
    else:
        raise Skip("only datetime.utcnow() has an automatic fix")
    if call.args or call.keywords:
        raise Skip("utcnow() with arguments")
    parent = src.parent(call)
    if isinstance(parent, ast.Compare) or (
        isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Sub) and not _is_timedelta(parent.right)
    ):
        raise Skip("the aware result would meet a value whose timezone is not known here (a naive DateTime column raises TypeError)")
    receiver = call.func.value
    needs: tuple[Need, ...] = ()
    # datetime.UTC exists from Python 3.11: only a project that requires it gets it
    python = src.targets.python
    modern = python is not None and python >= (3, 11)
    if isinstance(receiver, ast.Attribute) and receiver.attr == "datetime":
        module = _text(src, receiver.value)
        tz = f"{module}.UTC" if modern else f"{module}.timezone.utc"
    elif isinstance(receiver, ast.Name):
        if modern:
            tz, needs = src.use("datetime", "UTC")
        else:
            name, needs = src.use("datetime", "timezone")
            tz = f"{name}.utc"
    else:
        raise Skip("unexpected receiver of utcnow()")
    node = src.sg(call, "call")
    function = node.field("function")
    attribute = function.field("attribute") if function is not None else None
    arguments = node.field("arguments")
    if attribute is None or arguments is None:
        raise Skip("unexpected call syntax")
    return Fix([src.replace(attribute, "now"), src.replace(arguments, f"({tz})")], needs)
