"""The compiled code of the lint path's modules in one file, so that flake8 starting up in
an editor (one file through stdin, a new process each time) loads the plugin with one read
instead of finding, opening and reading some 120 ``.pyc`` files.

``~/.cache/flake8-fastapi-conventions/lint-path-<installation>.<cache tag>.bundle`` maps each
module's name to its source's path, ``mtime_ns`` and size and its code object, the same facts
a ``.pyc`` is checked by.  :func:`install` puts a finder on ``sys.meta_path`` that serves every
module whose entry still matches its source; any other module (a new one, an edited one, one
the bundle does not hold) is imported the usual way.  :func:`save`, called once the checker's
first check is done, rewrites the bundle when one of its modules came from elsewhere.  A missing,
corrupt or foreign bundle is ignored; one that cannot be written (no writable cache
directory, ``PYTHONDONTWRITEBYTECODE``, ``PYTHONPYCACHEPREFIX``) is simply not written.
"""

from __future__ import annotations

import marshal
import os
import sys
from importlib.machinery import ModuleSpec
from types import CodeType, ModuleType

# The interpreter's own SHA-256 (the same digests as ``hashlib.sha256``; the cache names its
# entries with it too): importing ``hashlib`` loads OpenSSL first, ~5 ms of an editor's run.
try:
    from _sha256 import sha256  # Python 3.10, 3.11
except ImportError:
    try:
        from _sha2 import sha256  # type: ignore[no-redef]  # Python 3.12+
    except ImportError:
        from hashlib import sha256

_PACKAGE = __name__.rpartition(".")[0]
_MAGIC = b"xfa-lint-path-bundle-1\n"


class _Finder:
    """Serves the bundle's modules whose sources are unchanged."""

    def __init__(self, entries: dict[str, tuple[str, bool, CodeType]]) -> None:
        self.entries = entries
        #: the code each module served was executed from, kept for rewriting the bundle
        self.served: dict[str, CodeType] = {}

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        entry = self.entries.get(name)
        if entry is None:
            return None
        origin, is_package, _ = entry
        spec = ModuleSpec(name, self, origin=origin, is_package=is_package)
        spec.has_location = True  # sets ``__file__``
        if is_package:
            spec.submodule_search_locations = [os.path.dirname(origin)]
        return spec

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        # ``pop``: a module is executed from the bundle once; a reload reads its source
        _, _, code = self.entries.pop(module.__name__)
        self.served[module.__name__] = code
        exec(code, module.__dict__)

    def invalidate_caches(self) -> None:
        pass


_finder: _Finder | None = None


def package_dir() -> str:
    return os.path.dirname(os.path.abspath(__file__))


def bundle_path(package_dir: str) -> str | None:
    """Where the bundle of the package installed at ``package_dir`` lives: in the user's
    cache directory (as pre-commit's and black's caches do), never in the installation, which
    may be read-only and which ``pip uninstall`` would leave it behind in."""
    tag = sys.implementation.cache_tag
    if tag is None or sys.pycache_prefix is not None:
        return None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
    elif sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    if not os.path.isabs(base):
        return None  # no home directory to speak of
    digest = sha256(os.fsencode(os.path.abspath(package_dir))).hexdigest()[:16]
    return os.path.join(base, "flake8-fastapi-conventions", f"lint-path-{digest}.{tag}.bundle")


def _read(path: str) -> dict[str, tuple[str, bool, CodeType]]:
    """The bundle's entries whose sources still have the recorded ``mtime_ns`` and size."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return {}
    if not data.startswith(_MAGIC):
        return {}
    try:
        stored = marshal.loads(data[len(_MAGIC):])
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(stored, dict):
        return {}
    entries = {}
    for name, entry in stored.items():
        try:
            origin, is_package, mtime_ns, size, code = entry
            st = os.stat(origin)
        except (OSError, TypeError, ValueError):
            continue
        if st.st_mtime_ns == mtime_ns and st.st_size == size and isinstance(code, CodeType):
            entries[name] = (origin, bool(is_package), code)
    return entries


def install() -> None:
    """Serve the package's modules from its bundle, where it has one that matches."""
    global _finder
    path = bundle_path(package_dir())
    if path is None or _finder is not None:
        return
    entries = _read(path)
    if entries:
        _finder = _Finder(entries)
        sys.meta_path.insert(0, _finder)


_saved = False


def save_once() -> None:
    """:func:`save`, the first time a process asks."""
    global _saved
    if not _saved:
        _saved = True
        save(package_dir())


def save(package_dir: str) -> None:
    """Write the bundle of the package's modules imported so far, unless every one of them
    came from the bundle already.  Never raises."""
    path = bundle_path(package_dir)
    if path is None or sys.dont_write_bytecode:
        return
    try:
        stored = {}
        rebuilt = False
        for name, module in list(sys.modules.items()):
            if name != _PACKAGE and not name.startswith(_PACKAGE + "."):
                continue
            spec = getattr(module, "__spec__", None)
            origin = getattr(spec, "origin", None)
            if spec is None or not origin or not origin.endswith(".py"):
                continue
            if _finder is not None and spec.loader is _finder:
                code = _finder.served.get(name)
            else:
                rebuilt = True
                get_code = getattr(spec.loader, "get_code", None)
                code = get_code(name) if get_code is not None else None
            if code is None:
                continue
            st = os.stat(origin)
            is_package = spec.submodule_search_locations is not None
            stored[name] = (origin, is_package, st.st_mtime_ns, st.st_size, code)
        if not rebuilt or not stored:
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            f.write(_MAGIC + marshal.dumps(stored))
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old bundle or the new one
    except Exception:  # a read-only install, a full disk: the usual imports still work
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except Exception:
            pass

