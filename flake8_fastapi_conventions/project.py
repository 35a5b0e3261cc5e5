"""The project index: what the other modules of the project define.

A rule that meets a name imported from another module of the same project asks the index
what that name is: a class and its bases (followed through project base classes and package
re-exports), a function (``async def`` or not, what it returns, which calls it makes), a
module-level value (a logger, an ``HTTPException`` instance, a router, a tuple of exception
classes).  The index never guesses: a name it cannot follow to a definition is ``None`` and
the rule stays silent.

Each module is summarised once from its source (:func:`summarize`) into a small
JSON-serialisable dict; summaries are kept in memory for the process and on disk in the
project's cache (:mod:`.cache`), keyed by path, modification time, size and plugin version,
so a warm run parses no module twice.  Modules are found from the importing file: a relative
import from its package, an absolute one from the nearest ancestor directory (up to the
project root) that holds the module, which covers the root, ``src/`` and ``backend/app``
layouts alike.  In editor mode the file flake8 reads from stdin is summarised from the tree
flake8 parsed, so the buffer replaces the file's stored entry for that run.
"""

from __future__ import annotations

import ast
import io
import os
import tokenize
from typing import Any, Callable, Iterable, Iterator

from .registry import ReadOnly

from .module_scan import (  # noqa: F401  (re-exported: the rules import them from here)
    REQUEST_TYPES,
    asgi_middleware_passes_through,
    factory_default,
    http_middleware_passes_through,
    middleware_passes_through,
    reads_path_params,
    target_names,
)
from .module_summary import SUMMARY_VERSION, _statements, summarize, untracked  # noqa: F401
from .names import (  # noqa: F401
    _FUNCTIONS,
    _MAX_HOPS,
    _SCOPES,
    _STDLIB,
    HTTP_EXCEPTIONS,
    ROOT_MARKERS,
    ROUTE_DECORATORS,
    ROUTER_FACTORIES,
    dotted,
    import_bindings,
    router_like,
)


# -- finding modules ----------------------------------------------------------------


def find_root(path: str, override: str | None = None) -> str | None:
    """The project root of ``path``: ``override``, else the nearest ancestor directory
    holding one of :data:`ROOT_MARKERS`; ``None`` when there is none."""
    if override:
        return os.path.abspath(override)
    directory = os.path.dirname(os.path.abspath(path))
    return _root_of_dir(directory)


_roots: dict[str, str | None] = {}


def _root_of_dir(directory: str) -> str | None:
    found = _roots.get(directory, False)
    if found is not False:
        return found  # type: ignore[return-value]
    seen = []
    current = directory
    result: str | None = None
    while True:
        cached = _roots.get(current, False)
        if cached is not False:
            result = cached  # type: ignore[assignment]
            break
        seen.append(current)
        if any(os.path.exists(os.path.join(current, marker)) for marker in ROOT_MARKERS):
            result = current
            break
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for d in seen:
        _roots[d] = result
    return result


class Symbol(ReadOnly):
    """What a name of the project is.

    ``kind`` is ``"class"``, ``"function"``, ``"value"`` (a module-level assignment),
    ``"module"`` or ``"external"`` (a name that leaves the project: ``pydantic.BaseModel``,
    ``logging.getLogger``); ``qualname`` is the external dotted name, or ``path:name``.
    """

    __slots__ = _fields = ("kind", "qualname", "path", "name", "info")

    kind: str
    qualname: str
    path: str | None
    name: str | None
    info: Any

    def __init__(
        self, kind: str, qualname: str, path: str | None = None, name: str | None = None, info: Any = None
    ) -> None:
        setter = object.__setattr__
        setter(self, "kind", kind)
        setter(self, "qualname", qualname)
        setter(self, "path", path)
        setter(self, "name", name)
        setter(self, "info", info)


class ProjectIndex:
    """Summaries of a project's modules, found and read on demand."""

    def __init__(
        self,
        root: str | None,
        cache: Any = None,
        non_fastapi: Iterable[str] = (),
        current: tuple[str, ast.AST] | None = None,
    ) -> None:
        self.root = os.path.abspath(root) if root else None
        self.cache = cache
        self.non_fastapi = tuple(non_fastapi)
        #: path -> (st_mtime_ns, st_size, summary); the checked file's entry has no stat
        self._summaries: dict[str, tuple[int, int, dict | None]] = {}
        self._modules: dict[tuple[str, str], str | None] = {}
        self._lookups: dict[tuple[str, str], Symbol | None] = {}
        self._current_path: str | None = None
        self._current_tree: ast.AST | None = None
        #: the checked file's top-level class, function and value names (answers "does the
        #: module define X itself" without summarising the file when nothing else needs it)
        self._current_names: frozenset[str] | None = None
        self._current_lines: list[str] | None = None
        self._current_saved: bool | None = None
        self._current_import_heads: frozenset[str] | None = None
        #: summaries that replace the file's on disk: the open buffers of an editor (the
        #: language server)
        self.overlays: dict[str, dict] = {}
        if current is not None:
            self.set_current(*current)

    # -- summaries ------------------------------------------------------------------

    def set_current(self, path: str, tree: ast.AST, lines: list[str] | None = None) -> None:
        """The file being checked: its summary comes from ``tree`` (the editor's buffer),
        not from the file on disk, unless ``lines`` (the source flake8 read) are the file's
        saved content.

        Lookups made for earlier files stay valid (one flake8 process sees one state of
        the tree) unless a buffer that differs from its saved file took part in them;
        :meth:`invalidate` forgets everything when files change under a long-lived index."""
        path = os.path.abspath(path)
        stale = False
        previous = self._current_path
        if previous and previous != path:
            entry = self._summaries.get(previous)
            if entry is not None and entry[0] == -1:  # built from a buffer that is not on disk
                self._summaries.pop(previous, None)
                stale = True
        self._current_path = path
        self._current_tree = tree
        self._current_lines = lines
        self._current_names = None
        self._current_import_heads: frozenset[str] | None = None
        self._current_saved: bool | None = None
        if path in self._summaries and not self._current_is_saved():
            # earlier lookups may have read this file from disk: the buffer replaces it
            self._summaries.pop(path, None)
            stale = True
        if stale:
            self._lookups.clear()

    def invalidate(self) -> None:
        """Forget every summary, module path and lookup held in memory (files were added,
        removed or changed since they were read); the on-disk cache stays."""
        self._summaries.clear()
        self._modules.clear()
        self._lookups.clear()
        if self._current_path is not None and self._current_tree is not None:
            self.set_current(self._current_path, self._current_tree, self._current_lines)

    def _current_is_saved(self) -> bool:
        """The checked source is the current file's saved content (flake8 read it from
        disk), so its summary is the file's and may be cached."""
        if self._current_saved is None:
            self._current_saved = _same_as_saved(self._current_path, self._current_lines)
        return self._current_saved

    def set_overlay(self, path: str, summary: dict) -> None:
        """Module ``path``'s summary is ``summary`` (an editor's buffer), not its file's."""
        self.overlays[os.path.abspath(path)] = summary
        self._lookups.clear()

    def drop_overlay(self, path: str) -> None:
        """Module ``path`` is its file on disk again (the buffer was closed)."""
        path = os.path.abspath(path)
        if self.overlays.pop(path, False) is not False:
            self._lookups.clear()
        if path == self._current_path:  # the buffer was also the last file checked
            self._summaries.pop(path, None)
            self._current_path = self._current_tree = self._current_lines = None
            self._current_names = self._current_import_heads = self._current_saved = None

    def _defines(self, path: str, name: str) -> bool:
        """The module ``path`` defines ``name`` at top level (a class, function or value)."""
        if path == self._current_path and self._current_tree is not None and path not in self._summaries:
            if self._current_names is None:
                self._current_names = frozenset(_top_level_names(self._current_tree))
            return name in self._current_names
        own = self.summary(path)
        return own is not None and (name in own["classes"] or name in own["functions"] or name in own["values"])

    def _own_name(self, path: str, head: str) -> bool:
        """``head`` of a dotted name written in module ``path`` is one of its own names:
        it defines ``head`` and no import of it starts there (``app.models.Base``, resolved
        from ``from app.models import Base``, in a module that also binds ``app = FastAPI()``,
        is the import)."""
        if not self._defines(path, head):
            return False
        if path == self._current_path and self._current_tree is not None and path not in self._summaries:
            if self._current_import_heads is None:
                self._current_import_heads = frozenset(_import_heads(self._current_tree))
            return head not in self._current_import_heads
        own = self.summary(path)
        return own is None or not any(t.partition(".")[0] == head for t in own["imports"].values())

    def summary(self, path: str) -> dict | None:
        path = os.path.abspath(path)
        current = path == self._current_path and self._current_tree is not None
        if current and not self._current_is_saved():
            entry = self._summaries.get(path)
            if entry is None:
                entry = self._summaries[path] = (-1, -1, untracked(summarize(self._current_tree, self.non_fastapi)))
            return entry[2]
        if path in self.overlays:
            return self.overlays[path]
        try:
            st = os.stat(path)
        except OSError:
            return None
        entry = self._summaries.get(path)
        if entry is not None and entry[0] == st.st_mtime_ns and entry[1] == st.st_size:
            return entry[2]
        result = self._read(path, st, self._current_tree if current else None)
        self._summaries[path] = (st.st_mtime_ns, st.st_size, result)
        return result

    def _read(self, path: str, st: os.stat_result | None = None, tree: ast.AST | None = None) -> dict | None:
        """The summary of the saved file ``path``: from the cache, else from ``tree`` (the
        file's parsed source, when the caller has it) or the file parsed anew."""
        if self.cache is not None:
            stored = self.cache.get(path)
            if isinstance(stored, dict) and stored.get("v") == SUMMARY_VERSION:
                return stored
        if tree is None:
            try:
                with open(path, "rb") as fh:
                    source = fh.read()
                tree = ast.parse(source, path)
            except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
                return None
        try:
            result = untracked(summarize(tree, self.non_fastapi))
        except RecursionError:
            return None
        if self.cache is not None:
            self.cache.put(path, result, stat=st)
        return result

    # -- modules ----------------------------------------------------------------------

    def module_path(self, from_path: str, module: str) -> str | None:
        """The file of ``module`` (dotted, maybe relative) as imported from ``from_path``."""
        from_path = os.path.abspath(from_path)
        directory = os.path.dirname(from_path)
        key = (directory, module)
        if key in self._modules:
            return self._modules[key]
        found = self._find_module(directory, module)
        self._modules[key] = found
        return found

    def _find_module(self, directory: str, module: str) -> str | None:
        if module.startswith("."):
            level = len(module) - len(module.lstrip("."))
            base = directory
            for _ in range(level - 1):
                base = os.path.dirname(base)
            rest = module.lstrip(".")
            return _module_file(base, rest.split(".") if rest else [])
        if self.root is None:
            return None
        parts = module.split(".")
        if parts[0] in _STDLIB:
            return None  # ``import logging`` in app/core/ is not app/core/logging.py
        current = directory
        while True:
            # a package's own directory is no import root: ``import models`` in
            # app/api/routes.py is not app/api/models.py
            if current == self.root or not os.path.isfile(os.path.join(current, "__init__.py")):
                found = _module_file(current, parts)
                if found is not None:
                    return found
            src = os.path.join(current, "src")
            if current == self.root and os.path.isdir(src):
                found = _module_file(src, parts)
                if found is not None:
                    return found
            if current == self.root or not current.startswith(self.root):
                return None
            parent = os.path.dirname(current)
            if parent == current:
                return None
            current = parent

    # -- symbols ----------------------------------------------------------------------

    def lookup(
        self, from_path: str, qualname: str, hops: int = 0, imported: bool = False, own: bool = False
    ) -> Symbol | None:
        """What ``qualname`` (as the importing module spells it, e.g. ``app.models.User``
        or ``..models.User``) is.  ``None`` when it cannot be followed.

        ``imported``: ``qualname`` is what an import of ``from_path`` names, so it is never
        one of the module's own names (``from app.x import Y`` in a module that also binds
        ``app = FastAPI()``); ``own``: its head is a name the module binds itself."""
        if hops > _MAX_HOPS or not qualname:
            return None
        from_path = os.path.abspath(from_path)
        if own:
            return self._member(from_path, qualname.split("."), hops)
        if hops == 0:
            # lookups from one directory agree, except of a name the module defines itself
            head = qualname.partition(".")[0]
            local = not imported and bool(head) and self._own_name(from_path, head)
            key = (from_path if local else os.path.dirname(from_path), qualname, imported)
            if key in self._lookups:
                return self._lookups[key]
            found = self._lookup(from_path, qualname, 0, imported)
            self._lookups[key] = found
            return found
        return self._lookup(from_path, qualname, hops, imported)

    def _lookup(self, from_path: str, qualname: str, hops: int, imported: bool = False) -> Symbol | None:
        if not imported and not qualname.startswith("."):
            # a name the module defines itself (a base class written ``Base``)
            head, _, rest = qualname.partition(".")
            if self._own_name(from_path, head):
                return self._member(from_path, [head, *(rest.split(".") if rest else [])], hops)
        lead = len(qualname) - len(qualname.lstrip("."))
        prefix = "." * lead
        names = qualname[lead:].split(".") if qualname[lead:] else []
        if lead == 0 and not names:
            return None
        # the longest prefix that is a module of the project
        for cut in range(len(names), -1, -1):
            module = prefix + ".".join(names[:cut])
            if not module or module == prefix and lead == 0:
                continue
            path = self.module_path(from_path, module)
            if path is None:
                continue
            rest = names[cut:]
            if not rest:
                if cut:
                    shadow = self._package_binding(from_path, prefix, names[:cut], path, hops)
                    if shadow is not None:
                        return shadow
                return Symbol("module", path, path)
            return self._member(path, rest, hops)
        if lead:
            return None
        return Symbol("external", qualname)

    def _package_binding(
        self, from_path: str, prefix: str, names: list[str], sub_path: str, hops: int
    ) -> Symbol | None:
        """``app.services.notify`` names the submodule ``app/services/notify.py``, unless
        the package's ``__init__.py`` binds ``notify`` itself (``from .notify import
        notify``): then, as at run time, the package attribute is that binding."""
        parent_module = prefix + ".".join(names[:-1])
        if not parent_module:
            return None
        parent = self.module_path(from_path, parent_module)
        if parent is None or os.path.basename(parent) != "__init__.py":
            return None
        summary = self.summary(parent)
        if summary is None:
            return None
        name = names[-1]
        if name in summary["functions"] or name in summary["classes"] or name in summary["values"]:
            return self._member(parent, [name], hops)
        target = summary["imports"].get(name)
        if target is None or self.module_path(parent, target) == sub_path:
            return None
        found = self.lookup(parent, target, hops + 1, imported=True)
        return found if found is not None and found.kind != "module" else None

    def _member(self, path: str, rest: list[str], hops: int) -> Symbol | None:
        summary = self.summary(path)
        if summary is None:
            return None
        name = rest[0]
        tail = rest[1:]
        if name in summary["classes"]:
            sym = Symbol("class", f"{path}:{name}", path, name, summary["classes"][name])
            return sym if not tail else Symbol("attribute", f"{path}:{name}.{'.'.join(tail)}", path, name, tail)
        if name in summary["functions"]:
            if tail:
                return None
            return Symbol("function", f"{path}:{name}", path, name, summary["functions"][name])
        if name in summary["imports"]:
            target = summary["imports"][name]
            return self.lookup(path, ".".join([target, *tail]), hops + 1, imported=True)
        if name in summary["values"]:
            desc = summary["values"][name]
            if desc.get("k") == "ref" and desc.get("n"):
                return self.lookup(path, ".".join([desc["n"], *tail]), hops + 1)
            if tail:
                return None
            return Symbol("value", f"{path}:{name}", path, name, desc)
        # a submodule of a package: ``app.models.user`` with app/models/__init__.py
        if os.path.basename(path) == "__init__.py":
            sub = _module_file(os.path.dirname(path), [name])
            if sub is not None:
                return Symbol("module", sub, sub) if not tail else self._member(sub, tail, hops + 1)
        for star in summary["star"]:
            target = star + ("" if star.endswith(".") else ".") + ".".join(rest)
            found = self.lookup(path, target, hops + 1, imported=True)
            if found is not None and found.kind != "external":
                return found
        return None

    def resolve_desc(self, path: str, desc: dict | None, hops: int = 0) -> Symbol | None:
        """The symbol a value description of module ``path`` refers to (for ``ref``), or the
        callee of a ``call``."""
        if desc is None or hops > _MAX_HOPS:
            return None
        kind = desc.get("k")
        if kind == "ref" and desc.get("n"):
            return self.lookup(path, desc["n"], hops + 1)
        if kind == "call" and desc.get("f"):
            return self.lookup(path, desc["f"], hops + 1)
        return None

    def class_bases(self, sym: Symbol, hops: int = 0) -> Iterator[Symbol]:
        """The symbols of a project class's bases (external ones included)."""
        assert sym.kind == "class" and sym.path is not None
        for base in sym.info.get("bases", ()):
            found = self.lookup(sym.path, base, hops + 1)
            if found is not None:
                yield found

    def walk_class_hierarchy(self, sym: Symbol) -> Iterator[Symbol | None]:
        """``sym``, then what each of its bases resolves to, at any depth, each symbol once
        (depth first, cycle-safe); ``None`` for a base that does not resolve.  Only project
        classes are followed into their bases."""
        seen: set[str] = set()
        stack: list[Symbol | None] = [sym]
        while stack:
            current = stack.pop()
            if current is None:
                yield None
                continue
            if current.qualname in seen:
                continue
            seen.add(current.qualname)
            yield current
            if current.kind == "class" and current.path is not None:
                for base in (current.info or {}).get("bases", ()):
                    stack.append(self.lookup(current.path, base))

    def external_ancestors(self, sym: Symbol) -> set[str]:
        """Every external class name a project class inherits from, through project base
        classes at any depth (cycle-safe).  A base that cannot be followed adds ``"?"``."""
        found: set[str] = set()
        for current in self.walk_class_hierarchy(sym):
            if current is None:
                found.add("?")
            elif current.kind == "external":
                found.add(current.qualname)
            elif current.kind == "value" and current.path is not None:
                # ``Base = declarative_base()``: the call it is built with
                desc = current.info or {}
                callee = self.lookup(current.path, desc["f"]) if desc.get("k") == "call" and desc.get("f") else None
                found.add(callee.qualname + "()" if callee is not None and callee.kind == "external" else "?")
            elif current.kind != "class" or current.path is None:
                found.add("?")
        return found

    def function_calls(self, sym: Symbol) -> list[tuple[Symbol | None, str, int]]:
        """``(callee symbol, callee as written, line)`` of a project function's direct calls;
        the symbol is ``None`` for a call through one of the function's own local names (a
        parameter, a local variable: see ``lv`` in :func:`_scan_function`)."""
        assert sym.kind == "function" and sym.path is not None
        result = []
        through_locals = set(sym.info.get("lv", ()))
        for i, (callee, line) in enumerate(sym.info.get("calls", ())):
            found = self.lookup(sym.path, callee) if callee and i not in through_locals else None
            result.append((found, callee, line))
        return result

    def chain(
        self,
        sym: Symbol,
        blocking: Callable[[str], str | None],
        depth: int = 6,
        follow: Callable[[Symbol], bool] | None = None,
    ) -> list[str] | None:
        """The shortest call chain from the sync project function ``sym`` down to a call
        that ``blocking(external_name)`` describes (it returns a label such as
        ``"requests.get()"``); ``None`` when there is none or ``sym`` is ``async``.
        ``follow(function_symbol)`` False keeps the chain from going through a callee (a
        cached function, one whose decorators may change it)."""
        if sym.kind != "function" or sym.info.get("async"):
            return None
        # breadth-first: the first blocking call found is on a shortest chain
        frontier: list[tuple[Symbol, list[str]]] = [(sym, [f"{sym.name}()"])]
        seen = {sym.qualname}
        for _ in range(depth):
            next_frontier: list[tuple[Symbol, list[str]]] = []
            for current, path in frontier:
                for callee, written, _line in self.function_calls(current):
                    if callee is None:
                        continue
                    if callee.kind == "external":
                        label = blocking(callee.qualname)
                        if label is not None:
                            return [*path, label]
                        continue
                    if callee.kind == "function" and not callee.info.get("async") and callee.qualname not in seen:
                        seen.add(callee.qualname)
                        if follow is not None and not follow(callee):
                            continue
                        next_frontier.append((callee, [*path, f"{callee.name}()"]))
            frontier = next_frontier
            if not frontier:
                break
        return None


def _same_as_saved(path: str | None, lines: list[str] | None) -> bool:
    """``lines`` are the text of the file ``path`` on disk, as flake8 reads it (decoded by
    its coding cookie, universal newlines, a BOM dropped)."""
    if path is None or lines is None:
        return False
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        saved = raw.decode(encoding)
    except (OSError, SyntaxError, LookupError, UnicodeDecodeError):
        return False
    buffer = "".join(lines)
    if "\r" in saved:
        saved = saved.replace("\r\n", "\n").replace("\r", "\n")
    if "\r" in buffer:
        buffer = buffer.replace("\r\n", "\n").replace("\r", "\n")
    return saved.lstrip("\ufeff") == buffer.lstrip("\ufeff")


def _import_heads(tree: ast.AST) -> Iterator[str]:
    """The first part of each absolute module a module's top-level imports name."""
    for stmt in getattr(tree, "body", ()):
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                yield alias.name.partition(".")[0]
        elif isinstance(stmt, ast.ImportFrom) and not stmt.level and stmt.module:
            yield stmt.module.partition(".")[0]


def _top_level_names(tree: ast.AST) -> Iterator[str]:
    """The names :func:`summarize` records as classes, functions and values."""
    if not isinstance(tree, ast.Module):
        return
    for stmt in _statements(tree.body):
        if isinstance(stmt, (*_FUNCTIONS, ast.ClassDef)):
            yield stmt.name
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    yield target.id
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            yield stmt.target.id


def _module_file(base: str, parts: list[str]) -> str | None:
    if not parts:
        init = os.path.join(base, "__init__.py")
        return init if os.path.isfile(init) else None
    stem = os.path.join(base, *parts)
    candidate = stem + ".py"
    if os.path.isfile(candidate):
        return candidate
    init = os.path.join(stem, "__init__.py")
    if os.path.isfile(init):
        return init
    return None


_indexes: dict[tuple[str | None, str | None, bool], ProjectIndex] = {}


def index_for(
    filename: str, tree: ast.AST, settings: Any, non_fastapi: Iterable[str] = (), lines: list[str] | None = None
) -> ProjectIndex:
    """The process's index of the project ``filename`` belongs to, with ``tree`` as the
    checked file's source.  One index per project root (and cache setting) per process, so
    the summaries read for one file serve the next."""
    index = shared_index(find_root(filename, getattr(settings, "project_root", None)), settings, non_fastapi)
    index.set_current(filename, tree, lines)
    return index


def shared_index(root: str | None, settings: Any, non_fastapi: Iterable[str] = ()) -> ProjectIndex:
    """The process's index of the project at ``root`` (made on first use, with the summary
    cache the settings ask for); :func:`index_for` hands it to each checked file."""
    cache_dir = getattr(settings, "cache_dir", None)
    no_cache = bool(getattr(settings, "no_cache", False))
    key = (root, cache_dir, no_cache)
    index = _indexes.get(key)
    if index is None:
        index = _indexes[key] = ProjectIndex(root, summary_cache(root, settings), non_fastapi)
    return index


def summary_cache(root: str | None, settings: Any) -> Any:
    """The on-disk cache of the project at ``root`` the settings ask for (a
    :class:`~.cache.SummaryCache`), or ``None`` with ``fastapi-no-cache`` or no project."""
    if root is None or getattr(settings, "no_cache", False):
        return None
    from . import __version__
    from .cache import SummaryCache

    return SummaryCache(root, getattr(settings, "cache_dir", None), enabled=True, version=f"{__version__}+s{SUMMARY_VERSION}")
