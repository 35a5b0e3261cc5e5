"""On-disk cache of the project index: one module summary per source file.

A summary (a JSON-able dict built by the project index) is stored under the key *(absolute
path, st_mtime_ns, st_size, plugin version)* and served again while the file keeps that mtime
and size under the same plugin version.

Layout::

    <root>/.fastapi_conventions_cache/      (or cache_dir)
        .gitignore                          "*": a run never leaves an untracked file
        CACHEDIR.TAG                        backup and indexing tools skip the directory
        v0.1.0/                             one directory per plugin version
            3f9c...e1.json                  one entry per module, named by a hash of its path

Why this layout: one small file per module means a run reads only the entries of the files it
checks and a ``--jobs`` worker rewrites only its own, with no shared file to lock or merge. A
write goes to a temporary file in the same directory, then ``os.replace`` puts it in place, so
a reader (another worker, another run) sees the old entry or the new one, never half of one;
no lock file is needed. Entries are looked up by exact name, never listed, and the
filesystems we run on index directory entries (ext4 htree, APFS, NTFS B-trees), so ten
thousand entries in one directory cost no more per lookup than a hundred: no sharding, which
would only add directories to create. The per-version directory keeps a newer plugin from
reading an older one's summaries, and an upgrade's left-overs go with one ``rm -r``.

An entry records its path, mtime, size and version next to the summary and is served only
when all four match, so a truncated file, garbage, JSON of another shape, the entry of
another path whose hash collides, or a directory in the place of an entry is a miss, and the
next ``put`` replaces it. When the cache directory cannot be written (read-only tree, full
disk, its path blocked by a file) the cache keeps working from memory for the rest of the
process, silently. Nothing here raises: the cache is never the reason flake8 stops.

Summaries also live in a process-level memory layer: the second ``get`` of an unchanged file
costs one ``stat`` and no read. Dicts returned by ``get`` are shared with that layer and must
not be mutated.

When a summary depends on more than a file's content and the plugin version (options such as
the layer globs, say), fold that into ``version`` (``f"{__version__}+{digest}"``) so that
changing them invalidates the entries.

Standard library only; from the plugin it imports its version and small helpers (``lazy_re``,
``module_summary.untracked``, ``_bundle.sha256``).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
from stat import S_ISREG

from . import lazy_re
from .module_summary import untracked
from . import __version__

from ._bundle import sha256  # the same digests as ``hashlib.sha256``, without loading OpenSSL

#: the default cache directory, under the project root
DIRNAME = ".fastapi_conventions_cache"
GITIGNORE = "*\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by flake8-fastapi-conventions.\n"
    "# For information about cache directory tags, see:\n"
    "#\thttps://bford.info/cachedir/\n"
)
#: bumped when the layout of an entry changes within one plugin version
FORMAT = 1

_ENTRY_KEYS = frozenset(("format", "path", "mtime_ns", "size", "version", "summary"))
#: the keys of an entry of :meth:`SummaryCache.put_derived`
_DERIVED_KEYS = frozenset(("format", "version", "inputs", "data"))
_SAFE_VERSION = lazy_re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")

#: process-level memory layer: (version, key path) -> (mtime_ns, size, summary)
_MEMORY: dict[tuple[str, str], tuple[int, int, dict]] = {}
#: version directories whose cache directory, markers and version directory exist
_READY: set[str] = set()
#: cache directories found unwritable: this process keeps to memory for them
_BROKEN: set[str] = set()


def reset() -> None:
    """Forget every summary held in memory and every directory found unwritable (tests, and
    long-lived processes that want a fresh start)."""
    _MEMORY.clear()
    _READY.clear()
    _BROKEN.clear()


def key_path(path: str | os.PathLike) -> str:
    """The form of ``path`` entries are keyed by: absolute, normalised (and case-folded on
    Windows)."""
    return os.path.normcase(os.path.abspath(os.fspath(path)))


def version_dirname(version: str) -> str:
    """The directory of one plugin version's entries: ``v0.1.0``; a version string that is
    not a plain file name is hashed."""
    if _SAFE_VERSION.fullmatch(version):
        return "v" + version
    return "v-" + sha256(version.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def entry_name(key: str) -> str:
    """The file name of the entry of ``key`` (a :func:`key_path`)."""
    return sha256(os.fsencode(key)).hexdigest()[:32] + ".json"


class SummaryCache:
    """Module summaries on disk (and in memory), keyed by path, mtime, size and version.

    ``root`` is the project root: the cache lives in ``<root>/.fastapi_conventions_cache``
    unless ``cache_dir`` names another directory (a relative one is taken from ``root``).
    ``enabled=False`` keeps summaries in memory only and never touches the disk.
    """

    def __init__(
        self,
        root: str | os.PathLike,
        cache_dir: str | os.PathLike | None = None,
        enabled: bool = True,
        version: str = __version__,
    ) -> None:
        self.root = os.path.abspath(os.fspath(root))
        if cache_dir is None:
            directory = os.path.join(self.root, DIRNAME)
        else:
            directory = os.path.join(self.root, os.fspath(cache_dir))
        #: the cache directory (whether or not it is used)
        self.directory = os.path.normpath(directory)
        self.enabled = bool(enabled)
        self.version = str(version)
        self._version_dir = os.path.join(self.directory, version_dirname(self.version))
        #: counts of this instance's lookups and writes, for tests and benchmarks
        self.stats = {"memory_hits": 0, "disk_hits": 0, "misses": 0, "writes": 0}

    @property
    def on_disk(self) -> bool:
        """Whether ``put`` still writes to disk (False when disabled or fallen back to memory)."""
        return self.enabled and self.directory not in _BROKEN

    def entry_path(self, path: str | os.PathLike) -> str:
        """Where the entry of source file ``path`` lives (it may not exist)."""
        return os.path.join(self._version_dir, entry_name(key_path(path)))

    # -- reading ---------------------------------------------------------------------

    def get(self, path: str) -> dict | None:
        """The stored summary of source file ``path`` (absolute), or None when there is none,
        it is stale (the file's current st_mtime_ns or st_size differ from those stored, or the
        plugin version differs), or the entry is unreadable/corrupt/foreign. Never raises."""
        try:
            return self._get(path)
        except Exception:  # the cache is never the reason flake8 stops
            return None

    def _get(self, path: str) -> dict | None:
        key = key_path(path)
        try:
            st = os.stat(key)
        except (OSError, ValueError):
            st = None
        if st is None or not S_ISREG(st.st_mode):
            self.stats["misses"] += 1
            return None
        mem_key = (self.version, key)
        held = _MEMORY.get(mem_key)
        if held is not None:
            if held[0] == st.st_mtime_ns and held[1] == st.st_size:
                self.stats["memory_hits"] += 1
                return held[2]
            del _MEMORY[mem_key]
        if self.enabled:
            summary = self._read(key, st)
            if summary is not None:
                _MEMORY[mem_key] = (st.st_mtime_ns, st.st_size, summary)
                self.stats["disk_hits"] += 1
                return summary
        self.stats["misses"] += 1
        return None

    def _read(self, key: str, st: os.stat_result) -> dict | None:
        try:
            with open(os.path.join(self._version_dir, entry_name(key)), "rb") as f:
                data = f.read()
            entry = json.loads(data)
        except Exception:  # missing, a directory, garbage, not UTF-8, too deep
            return None
        if (
            type(entry) is dict
            and entry.keys() == _ENTRY_KEYS
            and entry["format"] == FORMAT
            and entry["path"] == key
            and type(entry["mtime_ns"]) is int
            and entry["mtime_ns"] == st.st_mtime_ns
            and type(entry["size"]) is int
            and entry["size"] == st.st_size
            and entry["version"] == self.version
            and type(entry["summary"]) is dict
        ):
            return untracked(entry["summary"])
        return None

    def get_derived(self, name: str, inputs: list) -> dict | None:
        """A fact of the whole project stored by :meth:`put_derived` under ``name``, when it
        was derived from the same ``inputs`` (JSON data naming the files it was read from,
        with their mtimes and sizes) by this plugin version. Never raises."""
        if not self.enabled:
            return None
        try:
            with open(os.path.join(self._version_dir, name + ".json"), "rb") as f:
                entry = json.loads(f.read())
        except Exception:  # missing, garbage, not UTF-8
            return None
        if (
            type(entry) is dict
            and entry.keys() == _DERIVED_KEYS
            and entry["format"] == FORMAT
            and entry["version"] == self.version
            and entry["inputs"] == inputs
            and type(entry["data"]) is dict
        ):
            return entry["data"]
        return None

    def put_derived(self, name: str, inputs: list, data: dict) -> None:
        """Store ``data`` (a JSON-serialisable dict) under ``name`` for :meth:`get_derived`.
        Never raises."""
        if not self.on_disk:
            return
        entry = {"format": FORMAT, "version": self.version, "inputs": inputs, "data": data}
        try:
            encoded = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
            self._write_entry(name + ".json", encoded)
        except (TypeError, ValueError, RecursionError):
            return
        except OSError:
            _BROKEN.add(self.directory)
        except Exception:
            return
        else:
            self.stats["writes"] += 1

    # -- writing ---------------------------------------------------------------------

    def put(self, path: str, summary: dict, stat: os.stat_result | None = None) -> None:
        """Store ``summary`` (JSON-serialisable dict) for ``path``, keyed by the file's current
        st_mtime_ns, st_size and the plugin version. Never raises; on any OSError (unwritable
        tree, full disk, cache dir path blocked by a file) it falls back to an in-memory store
        silently for the rest of the process.

        ``stat``: the file's ``os.stat()`` taken *before* its source was read. Passing it keys
        the summary by the content it was built from even when the file changes between the
        read and the ``put`` (then the entry is simply stale); without it the file is stat-ed
        here.
        """
        try:
            self._put(path, summary, stat)
        except Exception:
            pass  # the cache is never the reason flake8 stops: the summary is just not kept

    def _put(self, path: str, summary: dict, stat: os.stat_result | None) -> None:
        if type(summary) is not dict:
            return
        key = key_path(path)
        if stat is None:
            try:
                stat = os.stat(key)
            except (OSError, ValueError):
                return  # gone: nothing to key the summary by
        if not S_ISREG(stat.st_mode):
            return  # summaries are of source files
        mtime_ns, size = stat.st_mtime_ns, stat.st_size
        _MEMORY[(self.version, key)] = (mtime_ns, size, untracked(summary))
        if not self.on_disk:
            return
        entry = {
            "format": FORMAT,
            "path": key,
            "mtime_ns": mtime_ns,
            "size": size,
            "version": self.version,
            "summary": summary,
        }
        try:
            data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode(
                "utf-8", "surrogatepass"
            )
        except (TypeError, ValueError, RecursionError):
            return  # not JSON-able: kept in memory only
        try:
            self._write_entry(entry_name(key), data)
        except OSError:
            _BROKEN.add(self.directory)
        else:
            self.stats["writes"] += 1

    def _write_entry(self, name: str, data: bytes) -> None:
        self._prepare()
        target = os.path.join(self._version_dir, name)
        try:
            _atomic_write(target, data)
        except FileNotFoundError:
            # the cache directory was removed under us (rm -r, another tool): make it again
            _READY.discard(self._version_dir)
            self._prepare()
            _atomic_write(target, data)
        except IsADirectoryError:
            # a directory where the entry should be: it is ours to replace (Linux, macOS)
            shutil.rmtree(target)
            _atomic_write(target, data)
        except PermissionError:
            if sys.platform == "win32" and os.path.isfile(target):
                return  # Windows cannot replace a file another process has open: skip this one
            raise

    def _prepare(self) -> None:
        """Make the cache directory with its markers, then the version directory (once per
        process). The markers come first so that git never sees an unignored file; an existing
        ``.gitignore`` or ``CACHEDIR.TAG`` is left as it is."""
        if self._version_dir in _READY:
            return
        created = not os.path.lexists(self.directory)
        os.makedirs(self.directory, exist_ok=True)
        try:
            for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
                marker = os.path.join(self.directory, name)
                if not os.path.lexists(marker):
                    _atomic_write(marker, text.encode("ascii"))
            try:
                os.mkdir(self._version_dir)
            except FileExistsError:
                if not os.path.isdir(self._version_dir):
                    raise
        except OSError:
            if created:  # leave no empty directory behind
                try:
                    os.rmdir(self.directory)
                except OSError:
                    pass  # not empty after all (another process filled it): it stays
            raise
        _READY.add(self._version_dir)


def _atomic_write(target: str, data: bytes) -> None:
    """Write ``data`` to a unique temporary file next to ``target``, then rename it into place:
    readers see the old file or the new one, never a part of it."""
    tmp = f"{target}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                if written <= 0:  # pragma: no cover - a full disk raises ENOSPC instead
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), tmp)
                view = view[written:]
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass  # not created, or already gone: nothing to clean up
        raise


__all__ = ["DIRNAME", "SummaryCache", "entry_name", "key_path", "reset", "version_dirname"]
