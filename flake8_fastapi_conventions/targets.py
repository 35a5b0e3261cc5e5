"""The versions a project declares it runs on: the lowest Python it supports and the major
version of Pydantic it uses.  The fixer reads them so that a "safe" fix stays valid under
what the project declares (``datetime.UTC`` needs Python 3.11; ``field_validator`` and
``model_config`` need Pydantic 2).

Where they come from, first hit wins:

- Python: ``[project] requires-python`` (PEP 621), ``[tool.poetry.dependencies] python``,
  ``setup.cfg``'s ``[options] python_requires``.
- Pydantic: a lock file (``uv.lock``, ``poetry.lock``, ``Pipfile.lock``, ``pdm.lock``) —
  the version really installed — then the declared requirement in ``pyproject.toml``
  (PEP 621 dependencies and optional dependencies, Poetry dependencies), ``setup.cfg``'s
  ``install_requires`` and ``requirements*.txt``; a dependency on ``pydantic-settings``
  means Pydantic 2.

- FastAPI: the locked version, else the declared requirement, from the same places. The
  fixer asks only whether the project can run a release at or above some version
  (:func:`reaches`): ``Annotated`` markers need FastAPI 0.95, ``FastAPI(lifespan=...)`` 0.93.
  A range without an upper bound (``>=0.65``) admits them; ``^0.79.1`` or a lock on 0.79.1
  does not.

The options ``fastapi-target-python`` and ``fastapi-target-pydantic`` override what the
project declares (:func:`project_targets`).

A fact that cannot be read is ``None``: the fixer then treats the project as not known to be
on Pydantic 2 and not known to require Python 3.11.
"""

from __future__ import annotations

import configparser
import json
import os
import re
from functools import lru_cache

from . import lazy_re
from .registry import ReadOnly

_VERSION = lazy_re.compile(r"(\d+)(?:\.(\d+))?")
_SPEC = lazy_re.compile(r"(~=|==|>=|<=|!=|>|<|\^|~)\s*v?(\d+(?:\.\d+)*)")
_UPPER = lazy_re.compile(r"(===|~=|==|>=|<=|!=|>|<|\^|~)\s*v?(\d+(?:\.\d+)*)(\.\*)?")


class Targets(ReadOnly):
    """The Python and Pydantic versions a project targets, and where each came from."""

    _fields = (
        "python",
        "pydantic",
        "python_source",
        "pydantic_source",
        "fastapi",
        "fastapi_source",
        "line_length",
        "line_length_source",
    )

    #: the lowest Python version the project supports, ``(3, 9)``
    python: tuple[int, int] | None = None
    #: the Pydantic major version, 1 or 2
    pydantic: int | None = None
    #: where each came from, for ``explain``
    python_source: str | None = None
    pydantic_source: str | None = None
    #: the FastAPI requirement, ``"^0.79.1"`` (a lock file's version as ``"==0.79.1"``)
    fastapi: str | None = None
    fastapi_source: str | None = None
    #: the line length the project's linters and formatters keep to, and where it is set
    line_length: int | None = None
    line_length_source: str | None = None

    def __init__(
        self,
        python: tuple[int, int] | None = None,
        pydantic: int | None = None,
        python_source: str | None = None,
        pydantic_source: str | None = None,
        fastapi: str | None = None,
        fastapi_source: str | None = None,
        line_length: int | None = None,
        line_length_source: str | None = None,
    ) -> None:
        setter = object.__setattr__
        setter(self, "python", python)
        setter(self, "pydantic", pydantic)
        setter(self, "python_source", python_source)
        setter(self, "pydantic_source", pydantic_source)
        setter(self, "fastapi", fastapi)
        setter(self, "fastapi_source", fastapi_source)
        setter(self, "line_length", line_length)
        setter(self, "line_length_source", line_length_source)


def lowest_version(spec: str) -> tuple[int, int] | None:
    """The lowest ``(major, minor)`` a version specifier allows: ``>=3.9,<4`` → (3, 9);
    ``^3.10`` → (3, 10); ``~=3.11.0`` → (3, 11); ``==3.12.*`` → (3, 12)."""
    lows = []
    for op, version in _SPEC.findall(spec):
        if op in ("<", "<=", "!="):
            continue
        m = _VERSION.match(version)
        if m:
            lows.append((int(m.group(1)), int(m.group(2) or 0)))
    if not lows:
        m = _VERSION.fullmatch(spec.strip().rstrip(".*").strip())
        return (int(m.group(1)), int(m.group(2) or 0)) if m else None
    return max(lows)


def pydantic_major(spec: str) -> int | None:
    """The Pydantic major version a requirement specifier admits, when it admits one only:
    ``>=2.5`` → 2, ``^1.10`` → 1, ``<2`` → 1, ``>=1.10,<3`` → None (either)."""
    low, high = 0, 99  # admitted majors: low <= major < high
    constrained = False
    for op, version in _SPEC.findall(spec):
        parts = [int(p) for p in version.split(".")]
        major = parts[0]
        constrained = True
        if op in (">=", ">"):
            low = max(low, major)
        elif op in ("==", "~=", "^", "~"):
            low, high = max(low, major), min(high, major + 1)
        elif op == "<":
            high = min(high, major if all(p == 0 for p in parts[1:]) else major + 1)
        elif op == "<=":
            high = min(high, major + 1)
    if not constrained:
        return None
    admitted = {m for m in (1, 2) if low <= m < high}
    if low >= 2:
        return 2
    return admitted.pop() if len(admitted) == 1 else None


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def _pad(release: tuple[int, ...], length: int = 3) -> tuple[int, ...]:
    return release + (0,) * (length - len(release))


def _caret_ceiling(release: tuple[int, ...]) -> tuple[int, ...]:
    """Poetry's ``^``: the first non-zero component may not change (``^0.79.1`` → < 0.80)."""
    for i, part in enumerate(release):
        if part != 0 or i == len(release) - 1:
            return release[:i] + (part + 1,)
    return release  # pragma: no cover - a release has at least one component


def upper_bound(spec: str) -> tuple[tuple[int, ...], bool] | None:
    """The highest version a specifier admits: ``(version, inclusive)``, or None when it has
    no upper bound. ``^0.79.1`` → ((0, 80), False); ``<=0.94`` → ((0, 94), True);
    ``==0.79.*`` → ((0, 80), False); ``>=0.65.2`` → None."""
    bounds: list[tuple[tuple[int, ...], bool]] = []
    for op, version, star in _UPPER.findall(spec):
        release = _release(version)
        if op == "<":
            bounds.append((release, False))
        elif op == "<=" or (op in ("==", "===") and not star):
            bounds.append((release, True))
        elif op == "==":  # ==0.79.*
            bounds.append((release[:-1] + (release[-1] + 1,), False))
        elif op == "^":
            bounds.append((_caret_ceiling(release), False))
        elif op == "~":  # Poetry: ~1.2.3 → <1.3, ~1 → <2
            bounds.append(((release[0], release[1] + 1) if len(release) > 1 else (release[0] + 1,), False))
        elif op == "~=" and len(release) > 1:  # ~=1.4.5 → <1.5, ~=1.4 → <2
            bounds.append((release[:-2] + (release[-2] + 1,), False))
    if not bounds:
        return None
    return min(bounds, key=lambda b: (_pad(b[0], 6), b[1]))


def reaches(spec: str | None, version: tuple[int, ...]) -> bool | None:
    """Whether a requirement admits a release at or above ``version``; None when unknown."""
    if spec is None:
        return None
    bound = upper_bound(spec)
    if bound is None:
        return True
    high, inclusive = bound
    return _pad(version, 6) <= _pad(high, 6) if inclusive else _pad(version, 6) < _pad(high, 6)


#: the FastAPI releases that brought what a rule asks for (before them it is silent)
ANNOTATED_MARKERS = (0, 95)  # Depends/Query/... inside Annotated[...]
LIFESPAN = (0, 93)  # FastAPI(lifespan=...)


def _read_toml(path: str) -> dict:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError:
            return {}
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, ValueError):
        return {}


_REQUIREMENTS_FILE = lazy_re.compile(r"requirements.*\.(txt|in)")
_REQUIREMENT = lazy_re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")


def _requirement(line: str) -> tuple[str, str] | None:
    line = line.split("#", 1)[0].split(";", 1)[0].strip()
    m = _REQUIREMENT.match(line)
    if not m:
        return None
    return m.group(1).lower().replace("_", "-"), m.group(2).strip()


def _pydantic_from_requirements(lines: list[str]) -> int | None:
    found = None
    for line in lines:
        req = _requirement(line)
        if req is None:
            continue
        name, spec = req
        if name == "pydantic":
            major = pydantic_major(spec)
            if major is not None:
                return major
        elif name == "pydantic-settings":
            found = 2  # exists for Pydantic 2 only
    return found


def _spec_from_requirements(lines: list[str], wanted: str) -> str | None:
    """The version specifier of the first requirement on ``wanted`` (``""``: unversioned)."""
    for line in lines:
        req = _requirement(line)
        if req is not None and req[0] == wanted:
            return req[1]
    return None


def _locked(root: str, wanted: str) -> tuple[str, str] | None:
    """``(version, lock file)`` of ``wanted`` in the project's lock file."""
    for name in ("uv.lock", "poetry.lock", "pdm.lock"):
        path = os.path.join(root, name)
        data = _read_toml(path) if os.path.isfile(path) else {}
        for package in data.get("package", ()) or ():
            if isinstance(package, dict) and str(package.get("name", "")).lower() == wanted:
                m = _VERSION.match(str(package.get("version", "")))
                if m:
                    return str(package["version"]), name
    path = os.path.join(root, "Pipfile.lock")
    if os.path.isfile(path):
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            data = {}
        for section in ("default", "develop"):
            version = str(((data.get(section) or {}).get(wanted) or {}).get("version", ""))
            m = re.search(r"\d+(?:\.\d+)*", version)
            if m:
                return m.group(), "Pipfile.lock"
    return None


def _pydantic_from_locks(root: str) -> tuple[int, str] | None:
    locked = _locked(root, "pydantic")
    return (int(_VERSION.match(locked[0]).group(1)), locked[1]) if locked else None  # type: ignore[union-attr]


def _line_length(root: str, pyproject: dict, setup_cfg: configparser.RawConfigParser) -> tuple[int, str] | None:
    """The project's line length: flake8's ``max-line-length`` (``.flake8``, ``setup.cfg``
    — read already, ``setup_cfg`` —, ``tox.ini``, ``[tool.flake8]``), else ruff's or black's
    ``line-length``, else 88 when ``pyproject.toml`` configures ruff or black (their
    default). None: nothing says."""
    for name in (".flake8", "setup.cfg", "tox.ini"):
        if name == "setup.cfg":
            cfg = setup_cfg
        else:
            cfg = configparser.RawConfigParser()
            try:
                cfg.read(os.path.join(root, name), encoding="utf-8")
            except (OSError, configparser.Error, UnicodeDecodeError):
                continue
        for key in ("max-line-length", "max_line_length"):
            if cfg.has_option("flake8", key) and cfg.get("flake8", key).strip().isdigit():
                return int(cfg.get("flake8", key)), name
    tool = pyproject.get("tool") or {}
    flake8 = tool.get("flake8") or {}
    for key in ("max-line-length", "max_line_length"):
        if isinstance(flake8.get(key), int):
            return flake8[key], "pyproject.toml [tool.flake8]"
    for name in ("ruff", "black"):
        if isinstance((tool.get(name) or {}).get("line-length"), int):
            return tool[name]["line-length"], f"pyproject.toml [tool.{name}]"
    for name in ("ruff.toml", ".ruff.toml"):
        path = os.path.join(root, name)
        if os.path.isfile(path):
            value = _read_toml(path).get("line-length")
            return (value if isinstance(value, int) else 88), name
    for name in ("ruff", "black"):
        if name in tool:
            return 88, f"pyproject.toml [tool.{name}] (its default)"
    return None


@lru_cache(maxsize=64)
def read_targets(root: str | None) -> Targets:
    """The targets a project root declares (see the module docstring)."""
    if root is None:
        return Targets()
    python: tuple[int, int] | None = None
    python_source = pydantic_source = None
    pydantic: int | None = None
    pyproject = _read_toml(os.path.join(root, "pyproject.toml"))
    project = pyproject.get("project") or {}
    poetry = (pyproject.get("tool") or {}).get("poetry") or {}
    poetry_deps = {**(poetry.get("dependencies") or {})}
    for group in ((poetry.get("group") or {}).values()):
        if isinstance(group, dict):
            poetry_deps.update(group.get("dependencies") or {})
    if isinstance(project.get("requires-python"), str):
        python, python_source = lowest_version(project["requires-python"]), "pyproject.toml"
    elif isinstance(poetry_deps.get("python"), str):
        python, python_source = lowest_version(poetry_deps["python"]), "pyproject.toml"
    cfg = configparser.RawConfigParser()
    try:
        cfg.read(os.path.join(root, "setup.cfg"), encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        cfg = configparser.RawConfigParser()  # an unreadable setup.cfg declares nothing
    if python is None and cfg.has_option("options", "python_requires"):
        python, python_source = lowest_version(cfg.get("options", "python_requires")), "setup.cfg"

    declared: list[tuple[list[str], str]] = []  # (requirement lines, where), in order
    lines = [d for d in project.get("dependencies") or () if isinstance(d, str)]
    for extra in (project.get("optional-dependencies") or {}).values():
        lines += [d for d in extra or () if isinstance(d, str)]
    for name, spec in poetry_deps.items():
        if isinstance(spec, dict):
            spec = spec.get("version", "")
        if isinstance(spec, str):
            lines.append(f"{name} {spec}" if spec != "*" else name)
    declared.append((lines, "pyproject.toml"))
    if cfg.has_option("options", "install_requires"):
        declared.append((cfg.get("options", "install_requires").splitlines(), "setup.cfg"))
    try:
        names = sorted(n for n in os.listdir(root) if _REQUIREMENTS_FILE.fullmatch(n))
    except OSError:
        names = []
    for name in names:
        try:
            with open(os.path.join(root, name), encoding="utf-8") as fh:
                declared.append((fh.read().splitlines(), name))
        except (OSError, UnicodeDecodeError):
            continue

    locked = _pydantic_from_locks(root)
    if locked is not None:
        pydantic, pydantic_source = locked
    for lines, where in declared:
        if pydantic is not None:
            break
        pydantic = _pydantic_from_requirements(lines)
        pydantic_source = where if pydantic is not None else None

    fastapi = fastapi_source = None
    locked_fastapi = _locked(root, "fastapi")
    if locked_fastapi is not None:
        fastapi, fastapi_source = f"=={locked_fastapi[0]}", locked_fastapi[1]
    for lines, where in declared:
        if fastapi is not None:
            break
        fastapi = _spec_from_requirements(lines, "fastapi")
        fastapi_source = where if fastapi is not None else None
    line_length = _line_length(root, pyproject, cfg) or (None, None)
    return Targets(python, pydantic, python_source, pydantic_source, fastapi, fastapi_source, *line_length)


def project_targets(filename: str, settings: object = None) -> Targets:
    """The targets of the project ``filename`` belongs to, with the options
    ``fastapi-target-python`` / ``fastapi-target-pydantic`` (``settings``) winning."""
    from .project import find_root

    targets = stored_targets(find_root(filename, getattr(settings, "project_root", None)), settings)
    python = getattr(settings, "target_python", None)
    if python is not None:
        targets = targets.replace(python=python, python_source="fastapi-target-python")
    pydantic = getattr(settings, "target_pydantic", None)
    if pydantic is not None:
        targets = targets.replace(pydantic=pydantic, pydantic_source="fastapi-target-pydantic")
    return targets


#: the files of a project root :func:`read_targets` reads (and ``requirements*.txt|in``)
_TARGET_FILES = frozenset((
    "pyproject.toml", "setup.cfg", ".flake8", "tox.ini", "ruff.toml", ".ruff.toml",
    "uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock",
))
_stored: dict[tuple, Targets] = {}


def target_inputs(root: str) -> list[list]:
    """``[name, mtime_ns, size]`` of each file of ``root`` that :func:`read_targets` reads."""
    try:
        names = sorted(
            n for n in os.listdir(root) if n in _TARGET_FILES or _REQUIREMENTS_FILE.fullmatch(n)
        )
    except OSError:
        return []
    inputs = []
    for name in names:
        try:
            st = os.stat(os.path.join(root, name))
        except OSError:
            continue
        inputs.append([name, st.st_mtime_ns, st.st_size])
    return inputs


def stored_targets(root: str | None, settings: object = None) -> Targets:
    """:func:`read_targets`, kept in the project's cache (see :mod:`.cache`) while the files
    it reads are unchanged: an editor's flake8, a new process for every check, then parses
    no TOML (importing ``tomllib`` alone is some 5 ms of such a run)."""
    if root is None:
        return read_targets(None)
    key = (root, getattr(settings, "cache_dir", None), bool(getattr(settings, "no_cache", False)))
    found = _stored.get(key)
    if found is not None:
        return found
    from .project import summary_cache

    cache = summary_cache(root, settings)
    inputs = target_inputs(root) if cache is not None else []
    data = cache.get_derived("targets", inputs) if cache is not None else None
    found = _targets_from_json(data) if data is not None else None
    if found is None:
        found = read_targets(root)
        if cache is not None:
            cache.put_derived("targets", inputs, {f: getattr(found, f) for f in Targets._fields})
    _stored[key] = found
    return found


def _targets_from_json(data: dict) -> Targets | None:
    try:
        values = {f: data[f] for f in Targets._fields}
    except KeyError:
        return None
    python = values["python"]
    if python is not None:
        if not (isinstance(python, list) and len(python) == 2 and all(type(v) is int for v in python)):
            return None
        values["python"] = tuple(python)
    for name in ("pydantic", "line_length"):
        if values[name] is not None and type(values[name]) is not int:
            return None
    for name in Targets._fields:
        if name.endswith("_source") or name == "fastapi":
            if values[name] is not None and type(values[name]) is not str:
                return None
    return Targets(**values)
