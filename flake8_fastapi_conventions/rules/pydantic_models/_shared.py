"""What the XFA4xx rules share: what is a model (a class of this file or one the project index
follows, by its bases: pydantic v1 or v2, settings, ORM), what a name is bound to, whether the
code is a v1/v2 compatibility branch or a generated file, and the name tables more than one rule reads."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from ... import lazy_re
from ...context import (
    ORM_BASES,
    PYDANTIC_BASES,
    PYDANTIC_SETTINGS_BASES,
    Binding,
    Context,
    dotted_name,
    kinds_of,
)
from ...project import Symbol, _statements, import_bindings


#: v1 method -> v2 method.  ``from_orm(x)`` becomes ``model_validate(x, from_attributes=True)``
#: and ``schema_json()`` becomes ``json.dumps(Model.model_json_schema())``.
V1_METHODS: dict[str, str] = {
    "dict": "model_dump",
    "json": "model_dump_json",
    "parse_obj": "model_validate",
    "parse_raw": "model_validate_json",
    "from_orm": "model_validate",
    "copy": "model_copy",
    "schema": "model_json_schema",
    "schema_json": "model_json_schema",
    "update_forward_refs": "model_rebuild",
    "construct": "model_construct",
}


#: class methods whose result is an instance of the class
_CONSTRUCTORS = frozenset(
    {
        "model_validate", "model_validate_json", "model_validate_strings", "model_construct",
        "parse_obj", "parse_raw", "from_orm", "construct",
    }
)


_SETTINGS_KEYS = frozenset(
    {"env_file", "env_prefix", "env_nested_delimiter", "env_file_encoding", "secrets_dir", "env_ignore_empty"}
)


# -- declarations ---------------------------------------------------------------

_FIX_WHEN_V2 = (
    "the project is on Pydantic 2 (its dependencies or lock file say so, or the option "
    "`fastapi-target-pydantic = 2`); on a Pydantic 1 project this is a migration, left to you"
)


# -- what is a model ------------------------------------------------------------
#
# A class is known from this file and the project index: a class defined here (module
# level or nested) is judged by its bases; a name imported from another module of the
# project, or a module-level alias of a class, is followed by the index through project
# base classes at any depth and package re-exports to the external classes it inherits.
# Names imported from a configured ``fastapi-schema-modules`` module count as models too,
# unless the index shows the class is something else.  Anything that cannot be followed
# is unknown, and unknown receivers are never reported.


class _Cls:
    """What is known of a class.  ``pydantic``: a Pydantic model class (``BaseModel``,
    ``BaseSettings``, ``RootModel``, ``SQLModel``, ... in its ancestors), ``v1`` when
    through ``pydantic.v1``; ``settings``: a ``BaseSettings``; ``orm``: an ORM class
    (``DeclarativeBase``, ``declarative_base()``, a ``SQLModel`` table), ``sqlmodel``: a
    ``SQLModel``; ``defines``: the v1 method names (``dict``, ``json``, ...) that a project
    class of its MRO defines itself (a method, class attribute or field), so a call of
    them is not Pydantic's; ``base``: the Pydantic base class itself (``BaseModel``);
    ``unknown``: a base could not be followed."""

    __slots__ = ("pydantic", "v1", "settings", "orm", "sqlmodel", "defines", "base", "unknown")

    def __init__(
        self,
        pydantic: bool = False,
        *,
        v1: bool = False,
        settings: bool = False,
        orm: bool = False,
        sqlmodel: bool = False,
        defines: frozenset[str] = frozenset(),
        base: bool = False,
        unknown: bool = False,
    ) -> None:
        self.pydantic = pydantic
        self.v1 = v1
        self.settings = settings
        self.orm = orm
        self.sqlmodel = sqlmodel
        self.defines = defines
        self.base = base
        self.unknown = unknown

    @property
    def model(self) -> bool:
        """A Pydantic model for certain: an ORM class that also inherits Pydantic is one
        only as a ``SQLModel`` (an SQLAlchemy class mixed with ``BaseModel`` is left alone)."""
        return self.pydantic and (self.sqlmodel or not self.orm)

    @property
    def v2(self) -> bool:
        """A model the v1-syntax rules apply to (``pydantic.v1`` models are v1 on purpose)."""
        return self.model and not self.v1


_UNKNOWN = _Cls(unknown=True)


_NOT_A_MODEL = _Cls()


#: the names whose definition in a project class makes a "v1 method" call that class's own
_V1_NAMES = frozenset(V1_METHODS)


_TYPEVARS = frozenset({"typing.TypeVar", "typing_extensions.TypeVar"})


_TYPE_OF = frozenset({"type", "typing.Type", "typing_extensions.Type"})


def _external(qualname: str) -> _Cls:
    if qualname in PYDANTIC_BASES or qualname in PYDANTIC_SETTINGS_BASES:
        return _Cls(
            True,
            v1=qualname.startswith("pydantic.v1."),
            settings=qualname in PYDANTIC_SETTINGS_BASES,
            sqlmodel=qualname == "sqlmodel.SQLModel",
            base=True,
        )
    if qualname in ORM_BASES:
        return _Cls(orm=True)
    return _UNKNOWN  # a third-party class: whatever it is, not known to be a model


def _own_names(cls: ast.ClassDef) -> frozenset[str]:
    """The v1 method names a class body defines (methods, class attributes, fields)."""
    names = set()
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Assign):
            names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            names.add(stmt.target.id)
    return frozenset(names & _V1_NAMES)


def _symbol_class(ctx: Context, sym: Symbol) -> _Cls:
    """A project class followed through the index: its MRO's project classes and the
    external classes they inherit (as :meth:`ProjectIndex.external_ancestors`, plus the
    names the project classes define)."""
    if sym.kind == "external":
        return _external(sym.qualname)
    if sym.kind != "class":
        return _NOT_A_MODEL if sym.kind in ("function", "module") else _UNKNOWN
    memo: dict[str, _Cls] = ctx.memo("xfa4_symbols", dict)
    found = memo.get(sym.qualname)
    if found is not None:
        return found
    index = ctx.index
    ancestors: set[str] = set()
    defines: set[str] = set()
    seen: set[str] = set()
    stack = [sym]
    while stack:
        current = stack.pop()
        if current.qualname in seen:
            continue
        seen.add(current.qualname)
        if current.kind == "external":
            ancestors.add(current.qualname)
            continue
        if current.kind == "value" and current.path is not None:
            # ``Base = declarative_base()``: the call it is built with
            desc = current.info or {}
            callee = index.lookup(current.path, desc["f"]) if desc.get("k") == "call" and desc.get("f") else None
            ancestors.add(callee.qualname + "()" if callee is not None and callee.kind == "external" else "?")
            continue
        if current.kind != "class" or current.path is None:
            ancestors.add("?")
            continue
        info = current.info or {}
        for key in ("methods", "attrs", "fields"):
            names = info.get(key)
            if names:
                defines.update(n for n in names if n in _V1_NAMES)
        for base in info.get("bases", ()):
            target = index.lookup(current.path, base)
            if target is None:
                ancestors.add("?")
            else:
                stack.append(target)
    kinds = kinds_of(frozenset(ancestors), sym)
    result = _Cls(
        "pydantic" in kinds or "settings" in kinds,
        v1="pydantic_v1" in kinds,
        settings="settings" in kinds,
        orm="orm" in kinds,
        sqlmodel="sqlmodel.SQLModel" in ancestors,
        defines=frozenset(defines),
        unknown="?" in ancestors,
    )
    memo[sym.qualname] = result
    return result


def _classdef(ctx: Context, node: ast.ClassDef) -> _Cls:
    """A class statement of this file, judged by its bases (as they resolve where it is
    used) and its own body."""
    memo: dict[int, _Cls] = ctx.memo("xfa4_classdefs", dict)
    found = memo.get(id(node))
    if found is not None:
        return found
    memo[id(node)] = _UNKNOWN  # a class that reaches itself through its bases: unknown
    pydantic = v1 = settings = orm = sqlmodel = unknown = False
    defines = set(_own_names(node))
    for base in node.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        info = _class_ref(ctx, target) or _UNKNOWN
        pydantic |= info.pydantic
        v1 |= info.v1
        settings |= info.settings
        orm |= info.orm
        sqlmodel |= info.sqlmodel
        unknown |= info.unknown
        defines |= info.defines
    if sqlmodel and any(kw.arg == "table" and _is_true(kw.value) for kw in node.keywords):
        orm = True
    result = _Cls(
        pydantic, v1=v1, settings=settings, orm=orm, sqlmodel=sqlmodel, defines=frozenset(defines), unknown=unknown
    )
    memo[id(node)] = result
    return result


def _binding(ctx: Context, name: str) -> Binding | None:
    """``ctx.lookup(name)`` as Python sees it here (see :func:`_binding_here`)."""
    return _binding_here(ctx, name)[0]


@dataclass
class PreviousBindings:
    """A scope's bindings of assigned names as they were before each assignment (XFA402's
    ``before_binding`` records them), keyed by ``(id(assignment), name)``: a value is resolved
    after the walk records the new binding."""

    by_statement: dict[tuple[int, str], Binding] = dataclass_field(default_factory=dict)


def _binding_here(ctx: Context, name: str) -> tuple[Binding | None, bool]:
    """``(binding, replaced)``: ``ctx.lookup(name)`` as Python sees it here: a parameter
    rebound in its function is that later binding, and inside the value of
    ``name = <value>`` it is the binding of the current scope that the assignment replaces
    (``user = user.dict()``: the parameter ``user``), with ``replaced`` true."""
    found = ctx.lookup(name)
    if found is not None and found.kind == "param":
        for frame in reversed(ctx.frames):
            if frame.node is found.node:
                later = frame.bindings.get(name)
                if later is not None and later.kind not in ("global", "nonlocal"):
                    found = later
                break
    if found is not None and found.kind in ("assign", "walrus") and found.node is not None:
        statement = found.node
        if any(a is statement for a in ctx.ancestors):
            return ctx.frame.state(PreviousBindings).by_statement.get((id(statement), name)), True
    return found, False


def _class_ref(ctx: Context, expr: ast.expr) -> _Cls | None:
    """What class ``expr`` (a name or attribute chain) names; ``None`` when it does not
    name a class (a local variable, a parameter, a builtin) or cannot be followed."""
    head = expr
    while isinstance(head, ast.Attribute):
        head = head.value
    if not isinstance(head, ast.Name):
        return None
    found = _binding(ctx, head.id)
    if found is None:
        return None
    if head is expr:
        if found.kind == "class":
            return _classdef(ctx, found.node) if isinstance(found.node, ast.ClassDef) else None
        if found.kind not in ("import", "assign") or found.kind == "assign" and ctx.bindings.get(head.id) is not found:
            return None  # a local variable, parameter, loop target ...
    if found.kind == "import" and ctx.bindings.get(head.id) is found:
        v1 = _conditional_v1(ctx).get(head.id)
        if v1 is not None:
            # ``try: from pydantic.v1 import BaseModel / except ImportError: from pydantic
            # import BaseModel``: v1 wherever it runs
            text = dotted_name(expr) or head.id
            return _external(v1 + text[len(head.id) :])
    sym = ctx.symbol(expr)
    info = _symbol_class(ctx, sym) if sym is not None and sym.kind in ("class", "external") else None
    if info is None or (info.unknown and not info.pydantic):
        qualname = ctx.resolve(expr)
        if qualname and _schema_model(ctx, qualname):
            tail = qualname.rsplit(".", 1)[-1]
            return _Cls(True, settings=tail.endswith("Settings"), defines=info.defines if info else frozenset())
    return info


def _conditional_v1(ctx: Context) -> dict[str, str]:
    """Names this module imports from ``pydantic.v1`` in one branch and from elsewhere in
    another (a try/except or version check): name -> the ``pydantic.v1`` qualname."""

    def compute() -> dict[str, str]:
        targets: dict[str, set[str]] = {}
        tree = ctx.tree
        if isinstance(tree, ast.Module):
            for stmt in _statements(tree.body):
                if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                    for local, qualname in import_bindings(stmt):
                        targets.setdefault(local, set()).add(qualname)
        result = {}
        for local, qualnames in targets.items():
            if len(qualnames) > 1:
                for q in qualnames:
                    if q == "pydantic.v1" or q.startswith("pydantic.v1."):
                        result[local] = q
        return result

    return ctx.memo("xfa4_conditional_v1", compute)


def _schema_model(ctx: Context, qualname: str) -> bool:
    """``schemas.UserOut`` / ``UserOut`` imported from a configured schema module."""
    tail = qualname.rsplit(".", 1)[-1]
    return bool(tail[:1].isupper()) and ctx._from_schema_module(qualname)


def _scoped(ctx: Context, name: str) -> Binding | None:
    """The binding of ``name`` when it is bound in the current function (or lambda) or
    at module level; ``None`` for a name of an enclosing function (a closure sees its
    last value, which the walk has not seen yet)."""
    found, replaced = _binding_here(ctx, name)
    if found is None:
        return None
    if replaced:
        return found  # recorded by ``before_binding`` from this scope
    frame = ctx.frame
    if found.kind == "param":
        return found if found.node is frame.node else None
    if len(ctx.frames) > 1 and frame.bindings.get(name) is found:
        return found
    if ctx.bindings.get(name) is found:
        return found
    return None


def _annotated(ctx: Context, annotation: ast.expr | None, depth: int = 0) -> _Cls | None:
    """The model class an annotation names (``User``, ``Optional[User]``, ``User | None``,
    ``Annotated[User, ...]``, ``"User"``, a ``TypeVar`` bound to a model)."""
    if annotation is None or depth > 3:
        return None
    base, _ = ctx.unwrap_annotation(annotation)
    base = _optional_union(ctx, base)
    if not isinstance(base, (ast.Name, ast.Attribute)):
        return None
    if isinstance(base, ast.Name):
        bound = _typevar_bound(ctx, base.id)
        if bound is not None:
            return _annotated(ctx, bound, depth + 1)
    info = _class_ref(ctx, base)
    return info if info is not None and info.model else None


def _typevar_bound(ctx: Context, name: str) -> ast.expr | None:
    """``bound=`` of ``T = TypeVar("T", bound=BaseModel)`` at module level."""
    found = ctx.lookup(name)
    if found is None or found.kind != "assign" or ctx.bindings.get(name) is not found:
        return None
    value = found.value
    if not isinstance(value, ast.Call) or ctx.resolve(value.func) not in _TYPEVARS:
        return None
    for kw in value.keywords:
        if kw.arg == "bound":
            return kw.value
    return None


def _class_annotation(ctx: Context, annotation: ast.expr | None) -> _Cls | None:
    """The model class of ``type[User]`` / ``Type[T]`` (a parameter holding a class)."""
    base, _ = ctx.unwrap_annotation(annotation)
    base = _optional_union(ctx, base)
    if isinstance(base, ast.Subscript) and ctx.resolve(base.value) in _TYPE_OF:
        inner = base.slice
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            return _annotated(ctx, inner)
        if isinstance(inner, (ast.Name, ast.Attribute)):
            return _annotated(ctx, inner)
    return None


def _made(ctx: Context, value: ast.expr | None) -> _Cls | None:
    """The model ``value`` makes: ``Model(...)``, ``Model.model_validate(...)``, a call of a
    project function whose return annotation is a model (``await get_user(...)`` for an
    ``async def``)."""
    awaited = isinstance(value, ast.Await)
    if awaited:
        value = value.value  # type: ignore[union-attr]
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    if awaited:
        return _returned_model(ctx, func, True)
    if isinstance(func, ast.Attribute) and func.attr in _CONSTRUCTORS:
        info = _class_ref(ctx, func.value)
    else:
        info = _class_ref(ctx, func)
        if info is None:
            return _returned_model(ctx, func, False)
    if info is None or not info.model or info.base:
        return None
    return info


def _returned_model(ctx: Context, func: ast.expr, awaited: bool) -> _Cls | None:
    """The model a project function returns by its annotation (``-> UserOut``)."""
    if not isinstance(func, (ast.Name, ast.Attribute)):
        return None
    sym = ctx.symbol(func)
    if sym is None or sym.kind != "function" or sym.path is None:
        return None
    info = sym.info or {}
    if bool(info.get("async")) != awaited or not info.get("ann"):
        return None
    target = ctx.index.lookup(sym.path, info["ann"])
    if target is None or target.kind != "class":
        return None
    model = _symbol_class(ctx, target)
    return model if model.model else None


def _instance(ctx: Context, expr: ast.expr) -> _Cls | None:
    """The model class of the instance ``expr`` is, when that is certain."""
    if isinstance(expr, ast.Call):
        return _made(ctx, expr)
    if not isinstance(expr, ast.Name):
        return None
    found = _scoped(ctx, expr.id)
    if found is None:
        return None
    if found.kind == "param":
        receiver = _method_receiver(ctx, expr.id)
        if receiver is not None:
            kind, info = receiver
            return info if kind == "instance" else None
        return _annotated(ctx, found.annotation)
    if found.kind == "assign":
        if found.annotation is not None:
            return _annotated(ctx, found.annotation)
        return _made(ctx, found.value)
    if found.kind == "walrus":
        return _made(ctx, found.value)
    if found.kind == "import":
        return _project_instance(ctx, expr)
    return None


def _project_instance(ctx: Context, expr: ast.expr) -> _Cls | None:
    """A module-level value of another project module that is a model instance:
    ``settings = Settings()`` or ``settings: Settings`` there, imported here."""
    sym = ctx.symbol(expr)
    if sym is None or sym.kind != "value" or sym.path is None:
        return None
    desc = sym.info or {}
    if desc.get("k") == "call":
        target = ctx.index.resolve_desc(sym.path, desc)
    elif desc.get("k") == "ann" and desc.get("t"):
        target = ctx.index.lookup(sym.path, desc["t"])
    else:
        return None
    if target is None or target.kind != "class":
        return None
    info = _symbol_class(ctx, target)
    return info if info.model else None


def _method_receiver(ctx: Context, name: str) -> tuple[str, _Cls] | None:
    """``("instance", model)`` for ``self`` in a method of a model, ``("class", model)``
    for ``cls`` in a ``@classmethod`` of one (and not rebound)."""
    frames = ctx.frames
    if len(frames) < 2 or name not in ("self", "cls"):
        return None
    frame, outer = frames[-1], frames[-2]
    if frame.kind != "function" or outer.kind != "class" or name in frame.bindings:
        return None
    fn = frame.node
    args = fn.args.posonlyargs + fn.args.args  # type: ignore[attr-defined]
    if not args or args[0].arg != name:
        return None
    decorators = {ctx.resolve(d) for d in fn.decorator_list if isinstance(d, ast.Name)}  # type: ignore[attr-defined]
    if "staticmethod" in decorators:
        return None
    if name == "self" and "classmethod" in decorators or name == "cls" and "classmethod" not in decorators:
        return None
    assert isinstance(outer.node, ast.ClassDef)
    info = _classdef(ctx, outer.node)
    if not info.model:
        return None
    return ("instance" if name == "self" else "class"), info


def _is_settings(ctx: Context, bases: list[ast.expr], config: ast.ClassDef | None = None) -> bool:
    """A ``BaseSettings`` subclass (through any base the index follows, or a base imported
    from a schema module whose name ends in ``Settings``), or a ``class Config`` with
    ``env_*`` keys."""
    for base in bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        info = _class_ref(ctx, target)
        if info is not None and info.settings:
            return True
    if config is not None:
        for stmt in config.body:
            if isinstance(stmt, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in _SETTINGS_KEYS for t in stmt.targets
            ):
                return True
    return False


def _model_kind(ctx: Context, node: ast.ClassDef) -> str | None:
    """``"v2"``/``"v1"`` when the class statement defines a Pydantic model, else ``None``.
    A ``pydantic.v1`` base wins: mixing is an error in Pydantic anyway."""
    if not node.bases:
        return None
    info = _classdef(ctx, node)
    if not info.model:
        return None
    return "v1" if info.v1 else "v2"


def pydantic2_target(ctx: Context) -> bool:
    """The v1 → v2 rewrites of XFA401–XFA404 are safe fixes only where the project is on
    Pydantic 2 (its dependencies or lock file, or ``fastapi-target-pydantic = 2``): on a v1
    project, or one that declares neither, they are a migration left to the user."""
    return ctx.targets.pydantic == 2


#: a name that says it holds the Pydantic version or a "Pydantic 2 is installed" flag
#: (``IS_PYDANTIC_V2``, ``PYDANTIC_V1``, ``PYDANTIC_VERSION``, ``pydantic_major``)
_VERSION_FLAG = lazy_re.compile(r"pydantic.*(v[12]\b|v[12]_|_[12]\b|version|major)|(v[12]|version).*pydantic", re.I)


_VERSION_ATTRS = frozenset({"VERSION", "__version__", "version_info", "version_short"})


def _version_test(ctx: Context, test: ast.expr) -> bool:
    """``test`` checks which Pydantic is installed: a version flag (``IS_PYDANTIC_V2``,
    ``not PYDANTIC_V1``), ``pydantic.VERSION`` / ``pydantic.__version__`` in a comparison or
    ``.startswith("2")``, or ``hasattr(x, "model_dump")`` (a v2-only name)."""
    for node in ast.walk(test):
        if isinstance(node, ast.Name) and _VERSION_FLAG.search(node.id):
            return True
        if isinstance(node, ast.Attribute):
            if node.attr in _VERSION_ATTRS and (ctx.resolve(node) or "").startswith("pydantic."):
                return True
            if _VERSION_FLAG.search(node.attr):
                return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("hasattr", "getattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and node.args[1].value.startswith(("model_", "__pydantic"))
        ):
            return True
    return False


def in_version_branch(ctx: Context) -> bool:
    """Inside either branch of an ``if`` (or ``x if ... else y``) on the installed Pydantic
    version: a v1/v2 compatibility layer, whose v1 side runs only under Pydantic 1. Also
    after an ``if`` on the version whose body returns (``if PYDANTIC_V2: return
    x.model_dump()`` then ``return x.dict()``)."""
    chain = ctx.ancestors
    for i, ancestor in enumerate(chain):
        if isinstance(ancestor, (ast.If, ast.IfExp)) and _version_test(ctx, ancestor.test):
            return True
        child = chain[i + 1] if i + 1 < len(chain) else ctx.node
        for field in ("body", "orelse", "finalbody"):
            block = getattr(ancestor, field, None)
            if not isinstance(block, list):
                continue
            for stmt in block:
                if stmt is child:
                    break
                if (
                    isinstance(stmt, ast.If)
                    and not stmt.orelse
                    and isinstance(stmt.body[-1], (ast.Return, ast.Raise))
                    and _version_test(ctx, stmt.test)
                ):
                    return True
    return False


#: a header comment or module docstring that says a generator wrote the file
_GENERATED = lazy_re.compile(
    r"auto[- ]?generated|(file|code|module) (was |is )?generated|do not edit|@generated", re.I
)


#: in a header comment also "generated by <tool>" (``# generated by datamodel-codegen:``)
_GENERATED_COMMENT = lazy_re.compile(r"^#\s*(.*\s)?generated (by|from|with|using)\b", re.I)


def generated_file(ctx: Context) -> bool:
    """The module says a generator wrote it (Fern, datamodel-code-generator, OpenAPI
    Generator, ``@generated``, "DO NOT EDIT"): in its leading comments or module docstring.
    Such models are regenerated from their schema, not edited."""

    def compute() -> bool:
        tree = ctx.tree
        lines = ctx.lines or []  # ``None`` when only the tree was given: the docstring still counts
        body = tree.body if isinstance(tree, ast.Module) else []
        end = body[0].lineno - 1 if body else len(lines)
        header = [line.strip() for line in lines[: min(end, 40)] if line.lstrip().startswith("#")]
        if any(_GENERATED_COMMENT.search(line) for line in header):
            return True
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            doc = body[0].value.value
            if isinstance(doc, str):
                header.append(doc[:2000])
        return any(_GENERATED.search(text) for text in header)

    return ctx.memo("xfa4_generated", compute)


def _optional_union(ctx: Context, base: ast.expr | None) -> ast.expr | None:
    """``T`` of ``Union[T, None]`` / ``Union[None, T]``."""
    if isinstance(base, ast.Subscript) and isinstance(base.slice, ast.Tuple) and len(base.slice.elts) == 2:
        if (ctx.resolve(base.value) or "").rsplit(".", 1)[-1] == "Union":
            first, second = base.slice.elts
            if isinstance(second, ast.Constant) and second.value is None:
                return first
            if isinstance(first, ast.Constant) and first.value is None:
                return second
    return base


def _is_true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True
