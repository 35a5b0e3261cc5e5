"""Pydantic v1 → v2: XFA401 ``class Config``, XFA402 methods, XFA403 ``@validator``,
XFA404 ``orm_mode``; XFA411 ``datetime.utcnow()`` (unsafe)."""

from __future__ import annotations

import ast

from .engine import Edit, Finding, Fix, Need, Skip, Source, fixer


def _maps() -> tuple[dict[str, str | None], frozenset[str], dict[str, str]]:
    """The v1 -> v2 maps, owned by the rule module so the message and the fix agree."""
    from ..rules.pydantic_models._shared import V1_METHODS
    from ..rules.pydantic_models.config_classes import INVERTED_CONFIG_KEYS, V1_CONFIG_KEYS

    return V1_CONFIG_KEYS, INVERTED_CONFIG_KEYS, V1_METHODS


def _rules(module: str):  # type: ignore[no-untyped-def]
    """The rule's module: it decides which findings the fixer rewrites (``*_fix_blocker``)."""
    import importlib

    return importlib.import_module(f"..rules.pydantic_models.{module}", __package__)


def _offered(finding: Finding) -> None:
    """The rule decides which findings its fix applies to: a message that does not offer
    the fix (``fixable=False``, e.g. a name re-exported by another module of the project)
    is left alone, so the fixer never rewrites what the message leaves to the user."""
    if not finding.message.endswith(("(fix: fastapi-conventions fix)", "--unsafe-fixes)")):
        raise Skip("the finding offers no automatic fix")


def _text(src: Source, node: ast.AST) -> str:
    return src.text[src.start_of(node) : src.end_of(node)]


# -- XFA401 ------------------------------------------------------------------------


def _is_settings(src: Source, cls: ast.ClassDef, finding: Finding, seen: set[str] | None = None) -> bool:
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
            if _is_settings(src, local[name], finding, seen):
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
    reason = _rules("config_classes").config_fix_blocker(outer, config)
    if reason is not None:
        raise Skip(reason)
    keys, inverted, _ = _maps()
    v2_keys = _rules("config_classes").V2_CONFIG_KEYS
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
        if new is None or new not in v2_keys:
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
    _offered(finding)
    node = _class_node(src, config)
    start, end = src.span(node)
    comments = []
    for comment in node.find_all(kind="comment"):
        c_start, c_end = src.span(comment)
        comments.append((c_start, comment.range().start.line + 1, comment.text()))
        end = max(end, c_end)
    settings = _is_settings(src, outer, finding)
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


def _class_node(src: Source, config: ast.ClassDef):  # type: ignore[no-untyped-def]
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


# -- XFA404 ------------------------------------------------------------------------


@fixer("XFA404", "safe")
def orm_mode(src: Source, finding: Finding) -> Fix:
    _offered(finding)
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
    reason = _rules("v1_methods").v1_call_blocker(call)
    if reason is not None:
        raise Skip(reason)
    _offered(finding)
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
    function = src.parent(decorator)
    reason = _rules("validators").validator_fix_blocker(decorator, function)
    if reason is not None:
        raise Skip(reason)
    assert isinstance(decorator, ast.Call) and isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
    func = decorator.func
    if isinstance(func, ast.Attribute) and _text(src, func.value) != src.imported_name("pydantic"):
        raise Skip(f"{_text(src, func)} is not pydantic's own module attribute: import field_validator by hand")
    _offered(finding)
    kept: list[str] = []
    mode = None
    for kw in decorator.keywords:
        if kw.arg == "pre":
            assert isinstance(kw.value, ast.Constant)
            mode = '"before"' if kw.value.value else None
        elif kw.arg == "check_fields":
            kept.append(_text(src, kw))
    is_classmethod = any(
        isinstance(d, ast.Name) and d.id == "classmethod" for d in function.decorator_list
    )
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
    _offered(finding)
    from ..rules.pydantic_models.naive_datetimes import meets_unknown_timezone

    if meets_unknown_timezone(call, src.parent(call)):  # the message offers no fix there either
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
