"""flake8 options of the plugin, and the per-run settings parsed from them."""

from __future__ import annotations

import argparse
import os
import re
from fnmatch import translate
from functools import cached_property, lru_cache
from typing import Iterable, Sequence

from . import lazy_re
from .registry import RULES, ReadOnly

#: A file's layer comes from the first group whose globs match its path, in this order.
LAYER_ORDER = (
    "tests",
    "scripts",
    "repositories",
    "services",
    "dependencies",
    "routes",
    "models",
    "schemas",
    "main",
)

DEFAULT_LAYER_GLOBS: dict[str, tuple[str, ...]] = {
    "tests": (
        "*/tests/*",
        "*/test/*",
        "*/test_*.py",
        "*_test.py",
        "*_tests.py",
        "*/conftest.py",
        "*/testing/*",
        # test packages named after the project: my-app-tests/, api_test/
        "*-tests/*",
        "*-test/*",
        "*_tests/*",
        "*_test/*",
    ),
    "scripts": (
        "*/scripts/*",
        "*/alembic/*",
        "*/migrations/*",
        "*/manage.py",
        # packaging and task-runner files at the project root only: an app's
        # core/setup.py or a Celery tasks.py is application code
        "/setup.py",
        "/noxfile.py",
        "/fabfile.py",
    ),
    "repositories": (
        "*/repositories/*",
        "*/repository/*",
        "*/repository.py",
        "*_repository.py",
        "*_repo.py",
        "*/repos/*",
        "*/crud/*",
        "*/crud.py",
        "*_crud.py",
        "*/crud_*.py",
    ),
    "services": (
        "*/services/*",
        "*/service/*",
        "*/service.py",
        "*/services.py",
        "*_service.py",
        "*_services.py",
    ),
    "dependencies": (
        "*/deps.py",
        "*/dependencies.py",
        "*/deps/*",
        "*/dependencies/*",
    ),
    "routes": (
        "*/routes/*",
        "*/routers/*",
        "*/router/*",
        "*/router.py",
        "*/routes.py",
        "*/routers.py",
        "*/endpoints/*",
        "*/endpoints.py",
        "*/api/v[0-9]*/*",
    ),
    "models": ("*/models/*", "*/models.py", "*/orm.py", "*/tables.py"),
    "schemas": ("*/schemas/*", "*/schemas.py", "*/schema.py"),
    "main": ("*/main.py", "*/asgi.py", "*/wsgi.py"),
}

#: the option name of each layer's globs: ``--fastapi-<layer>-paths``
LAYER_OPTION = {layer: f"fastapi-{layer}-paths" for layer in LAYER_ORDER}


class Thresholds(ReadOnly):
    _fields = ("max_function_length", "max_primitive_params", "max_if_depth", "bool_prefixes")

    max_function_length: int = 30
    max_primitive_params: int = 3
    max_if_depth: int = 2
    bool_prefixes: tuple[str, ...] = ("is_", "has_", "can_", "should_")

    def __init__(
        self,
        max_function_length: int = 30,
        max_primitive_params: int = 3,
        max_if_depth: int = 2,
        bool_prefixes: tuple[str, ...] = ("is_", "has_", "can_", "should_"),
    ) -> None:
        setter = object.__setattr__
        setter(self, "max_function_length", max_function_length)
        setter(self, "max_primitive_params", max_primitive_params)
        setter(self, "max_if_depth", max_if_depth)
        setter(self, "bool_prefixes", bool_prefixes)


_DEFAULT_THRESHOLDS = Thresholds()


class Settings(ReadOnly):
    """The plugin's settings for one run (from flake8's options: :func:`settings_from_options`)."""

    _fields = (
        "layer_globs", "schema_modules", "thresholds", "enabled", "no_cache", "cache_dir",
        "project_root", "target_python", "target_pydantic",
    )

    layer_globs: dict[str, tuple[str, ...]]
    #: modules whose imported names are Pydantic models (``app.schemas``, ``schemas``)
    schema_modules: tuple[str, ...]
    thresholds: Thresholds
    #: codes that run: every "on" rule plus the "off" rules selected explicitly
    enabled: frozenset[str]
    #: ``--fastapi-no-cache``: keep the project index's summaries in memory only
    no_cache: bool
    #: ``--fastapi-cache-dir``: the summary cache's directory (absolute); None: under the project root
    cache_dir: str | None
    #: ``--fastapi-project-root``: the project root (absolute); None: detected
    project_root: str | None
    #: ``--fastapi-target-python``: the lowest Python the project supports; None: declared
    target_python: tuple[int, int] | None
    #: ``--fastapi-target-pydantic``: the project's Pydantic major version; None: declared
    target_pydantic: int | None

    def __init__(
        self,
        layer_globs: dict[str, tuple[str, ...]] | None = None,
        schema_modules: tuple[str, ...] = (),
        thresholds: Thresholds = _DEFAULT_THRESHOLDS,
        enabled: frozenset[str] | None = None,
        no_cache: bool = False,
        cache_dir: str | None = None,
        project_root: str | None = None,
        target_python: tuple[int, int] | None = None,
        target_pydantic: int | None = None,
    ) -> None:
        """``layer_globs`` defaults to :data:`DEFAULT_LAYER_GLOBS`, ``enabled`` to the rules
        that are on by default."""
        setter = object.__setattr__
        setter(self, "layer_globs", dict(DEFAULT_LAYER_GLOBS) if layer_globs is None else layer_globs)
        setter(self, "schema_modules", schema_modules)
        setter(self, "thresholds", thresholds)
        setter(self, "enabled", frozenset(c for c, r in RULES.items() if r.default) if enabled is None else enabled)
        setter(self, "no_cache", no_cache)
        setter(self, "cache_dir", cache_dir)
        setter(self, "project_root", project_root)
        setter(self, "target_python", target_python)
        setter(self, "target_pydantic", target_pydantic)

    def layer_of(self, path: str) -> str | None:
        return self.classify(path)[0]

    def classify(self, path: str) -> tuple[str | None, bool]:
        """``(layer, by_directory)``. Tests and scripts win; then a glob that names the
        file (``*/models.py``, ``*_service.py``) wins over one that names a directory
        (``*/services/*``), so ``dispatch/service/models.py`` is a models file even
        though its domain is called ``service``. The layers (not tests and scripts) are
        read from the path within the file's own project: in a monorepo whose
        ``services/engine/`` holds a ``pyproject.toml``, ``services/engine/app/api/x.py``
        is ``/app/api/x.py`` (the directory of deployables is no services layer), unless
        the user wrote their own globs, which are relative to where flake8 runs."""
        norm = normalize_path(path)
        found = self._matcher.classify(norm)
        if found[0] in ("tests", "scripts") or self.project_root or self.layer_globs != DEFAULT_LAYER_GLOBS:
            return found
        inner = path_in_nested_project(path)
        return found if inner is None or inner == norm else self._matcher.classify(inner)

    @cached_property
    def _matcher(self) -> LayerMatcher:
        return _matcher_for(
            tuple((layer, tuple(self.layer_globs.get(layer, ()))) for layer in LAYER_ORDER)
        )


class LayerMatcher:
    """The layer globs in precedence order, and the classification of every path seen so far.

    The order is that of the rules above (tests, scripts, then file-name globs by layer,
    then directory globs by layer); a path takes the first glob that ``fnmatchcase`` would
    match. The first :attr:`COMPILE_AFTER` distinct paths are matched glob by glob (a glob
    made of literals and ``*`` by ``str`` methods, another by its own ``fnmatch.translate``d
    regex): linting one file looks up a handful of paths, and compiling the globs costs 2 ms.
    After that, the globs are compiled into one regular expression, an alternation of the
    translated globs in the same order: a regex alternation takes the first alternative that
    matches, so the named group that matched is the first glob that matches.
    """

    #: paths kept per matcher (about 100 bytes each): a 5,000-file project looks up its
    #: files and the modules they import, a few thousand to tens of thousands of paths; a
    #: miss costs one regex match (~10 µs), so the bound only caps the memory
    MAX_CACHED = 1 << 15
    #: distinct paths matched glob by glob (~10 µs each, ~6 µs with the compiled regex)
    #: before the globs are compiled into one regex (~2 ms)
    COMPILE_AFTER = 256

    def __init__(self, globs: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        self._results: dict[str, tuple[str | None, bool]] = {}
        buckets = [(layer, False, patterns) for layer, patterns in globs[:2]]
        for by_directory in (False, True):
            buckets += [
                (layer, by_directory, tuple(p for p in patterns if p.endswith("/*") == by_directory))
                for layer, patterns in globs[2:]
            ]
        #: (group name, patterns) of each non-empty bucket, in precedence order
        self._groups: list[tuple[str, tuple[str, ...]]] = []
        #: (pattern, its parts between ``*`` or None when it needs a regex, result) in order
        self._globs: list[tuple[str, list[str] | None, tuple[str | None, bool]]] = []
        for number, (layer, by_directory, patterns) in enumerate(buckets):
            if patterns:
                group = f"_{number}"
                self._results[group] = (layer, by_directory)
                self._groups.append((group, patterns))
                for pattern in patterns:
                    literal = "?" not in pattern and "[" not in pattern
                    self._globs.append((pattern, pattern.split("*") if literal else None, (layer, by_directory)))
        self._glob_regexes: dict[str, re.Pattern[str]] = {}
        self._regex: re.Pattern[str] | None = None
        self._matched = 0
        self._cache: dict[str, tuple[str | None, bool]] = {}

    def classify(self, norm: str) -> tuple[str | None, bool]:
        found = self._cache.get(norm)
        if found is not None:
            return found
        if len(self._cache) >= self.MAX_CACHED:
            self._cache.clear()
        found = self._cache[norm] = self.match(norm)
        return found

    def match(self, norm: str) -> tuple[str | None, bool]:
        """``(layer, by_directory)`` of a normalized path, matched afresh."""
        if self._matched < self.COMPILE_AFTER:
            self._matched += 1
            return self._match_globs(norm)
        regex = self._regex
        if regex is None:
            if not self._groups:
                return None, False
            regex = self._regex = re.compile(
                "|".join(f"(?P<{group}>{'|'.join(translate(p) for p in patterns)})" for group, patterns in self._groups)
            )
        m = regex.match(norm)
        if m is None:
            return None, False
        found = self._results.get(m.lastgroup or "")
        if found is None:  # lastgroup names the outermost group; this is only a fallback
            found = next(self._results[g] for g, v in m.groupdict().items() if v is not None and g in self._results)
        return found

    def _match_globs(self, norm: str) -> tuple[str | None, bool]:
        for pattern, parts, result in self._globs:
            if parts is None:
                regex = self._glob_regexes.get(pattern)
                if regex is None:
                    regex = self._glob_regexes[pattern] = re.compile(translate(pattern))
                if regex.match(norm) is not None:
                    return result
            elif _literal_glob_matches(norm, parts):
                return result
        return None, False


def _literal_glob_matches(text: str, parts: list[str]) -> bool:
    """``fnmatchcase(text, "*".join(parts))`` for parts without ``?`` or ``[``: the first part
    starts the text, the last ends it, the others follow each other in between (taking the
    leftmost occurrence of each is enough, since ``*`` matches anything)."""
    head = parts[0]
    if len(parts) == 1:
        return text == head
    tail = parts[-1]
    if len(text) < len(head) + len(tail) or not text.startswith(head) or not text.endswith(tail):
        return False
    position, end = len(head), len(text) - len(tail)
    for middle in parts[1:-1]:
        found = text.find(middle, position, end)
        if found < 0:
            return False
        position = found + len(middle)
    return True


@lru_cache(maxsize=16)
def _matcher_for(globs: tuple[tuple[str, tuple[str, ...]], ...]) -> LayerMatcher:
    # shared by the Settings of one configuration (tests build many equal ones)
    return LayerMatcher(globs)


_nested: dict[tuple[str, str], str | None] = {}


def path_in_nested_project(path: str) -> str | None:
    """``path`` from the root of its own project (as :func:`normalize_path` writes it) when
    that root lies strictly below the working directory (a project inside a monorepo
    checkout); None otherwise."""
    key = (os.getcwd(), path)
    found = _nested.get(key, False)
    if found is not False:
        return found  # type: ignore[return-value]
    from .project import find_root

    full = os.path.join(key[0], path)
    root = find_root(full)
    result = None
    if root is not None:
        try:
            above = os.path.relpath(root)
        except ValueError:  # another drive on Windows
            above = ".."
        if above != "." and not above.startswith(".."):
            result = "/" + os.path.relpath(full, root).replace("\\", "/")
    if len(_nested) >= 1 << 15:
        _nested.clear()
    _nested[key] = result
    return result


def normalize_path(path: str) -> str:
    """``/``-separated path, relative to the working directory when under it, else to
    its project's root (the directories above a project say nothing of its layers: a
    checkout under ``/tmp/test_x0/`` is no test file), with a leading ``/`` so that
    ``*/routes/*`` also matches ``routes/x.py``."""
    path = path.replace("\\", "/")
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            rel = path
        if rel.startswith(".."):
            from .project import find_root

            root = find_root(path)
            if root is not None:
                try:
                    rel = os.path.relpath(path, root)
                except ValueError:
                    rel = ".."
        if not rel.startswith(".."):
            path = rel.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return "/" + path.lstrip("/")


def enabled_codes(select: Iterable[str] | None, extend_select: Iterable[str] | None) -> frozenset[str]:
    """The codes that run: "on" rules, plus "off" rules named specifically enough.

    An "off" rule runs only when ``select``/``extend-select`` names it or a prefix at
    least as specific as its ten (``XFA10`` for the ten codes it starts); for the
    XFA9xx group, which is off as a whole, ``XFA9`` is enough.  ``XFA``, ``XFA1`` or
    a plain ``ignore = E501`` never switch an "off" rule on.
    """
    named = [s.strip().upper() for s in (*(select or ()), *(extend_select or ())) if s.strip()]
    codes = set()
    for code, declared in RULES.items():
        if declared.default or any(_selects_off_rule(p, code) for p in named):
            codes.add(code)
    return frozenset(codes)


def _selects_off_rule(prefix: str, code: str) -> bool:
    if not code.startswith(prefix):
        return False
    group_all_off = not any(
        r.default for c, r in RULES.items() if c[:4] == code[:4]
    )
    return len(prefix) >= (4 if group_all_off else 5)


# -- flake8 option plumbing ---------------------------------------------------------

_INT_OPTIONS = {
    "fastapi-max-function-length": ("max_function_length", 1),
    "fastapi-max-primitive-params": ("max_primitive_params", 0),
    "fastapi-max-if-depth": ("max_if_depth", 1),
}


def add_options(parser) -> None:  # flake8.options.manager.OptionManager
    for layer in LAYER_ORDER:
        parser.add_option(
            f"--{LAYER_OPTION[layer]}",
            default=None,
            parse_from_config=True,
            comma_separated_list=True,
            help=(
                f"Comma-separated globs of the files in the {layer} layer, matched "
                f"against the path flake8 reports (or --stdin-display-name). Replaces "
                f"the defaults: {','.join(DEFAULT_LAYER_GLOBS[layer])}"
            ),
        )
    parser.add_option(
        "--fastapi-schema-modules",
        default=None,
        parse_from_config=True,
        comma_separated_list=True,
        help=(
            "Comma-separated modules whose imported names are Pydantic models "
            "(e.g. app.schemas,app.api.schemas)."
        ),
    )
    for option, (attr, _minimum) in _INT_OPTIONS.items():
        parser.add_option(
            f"--{option}",
            default=str(getattr(Thresholds, attr)),
            parse_from_config=True,
            help=f"Threshold of the XFA9xx rules (default: {getattr(Thresholds, attr)}).",
        )
    parser.add_option(
        "--fastapi-bool-prefixes",
        default=None,
        parse_from_config=True,
        comma_separated_list=True,
        help="Prefixes a function returning bool starts with (boolean-name-without-verb; default: is_,has_,can_,should_).",
    )
    parser.add_option(
        "--fastapi-no-cache",
        default=False,
        action=_Flag,
        parse_from_config=True,
        help="Do not read or write the on-disk cache of module summaries (kept in memory only).",
    )
    parser.add_option(
        "--fastapi-cache-dir",
        default=None,
        parse_from_config=True,
        normalize_paths=True,
        help=(
            "Directory of the cache of module summaries "
            "(default: .fastapi_conventions_cache under the project root)."
        ),
    )
    parser.add_option(
        "--fastapi-project-root",
        default=None,
        parse_from_config=True,
        normalize_paths=True,
        help="The project's root directory, instead of the detected one.",
    )
    parser.add_option(
        "--fastapi-target-python",
        default=None,
        parse_from_config=True,
        help="The lowest Python version the project supports, e.g. 3.10 (default: requires-python).",
    )
    parser.add_option(
        "--fastapi-target-pydantic",
        default=None,
        parse_from_config=True,
        help="The project's Pydantic major version, 1 or 2 (default: from its dependencies and lock files).",
    )


class _Flag(argparse.Action):
    """``store_true`` under another name: flake8 reads a config value of a ``store_true``
    option with ``getboolean`` and stops with a traceback on ``maybe``; this one reaches
    :func:`settings_from_options` as text, where a bad value stops with one line."""

    def __init__(self, option_strings, dest, default=False, required=False, help=None):
        super().__init__(option_strings, dest, nargs=0, default=default, required=required, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, True)


_BOOLEANS = {"1": True, "yes": True, "true": True, "on": True, "0": False, "no": False, "false": False, "off": False}


def _flag(option: str, value: object) -> bool:
    if isinstance(value, bool) or value is None:
        return bool(value)
    text = str(value).strip().lower()
    if text not in _BOOLEANS:
        raise OptionError(option, value, "true or false")
    return _BOOLEANS[text]


class OptionError(SystemExit):
    """A bad option value: flake8 stops with one line naming the option."""

    def __init__(self, option: str, value: object, expected: str, source: str | None = None) -> None:
        self.option, self.value, self.expected = option, value, expected
        where = f"{source}: {option}" if source else f"--{option}"
        super().__init__(f"flake8: {where}: expected {expected}, got {value!r}")


_GLOB_OK = lazy_re.compile(r"^[^\x00]+$")


def settings_from_options(options) -> Settings:
    globs = dict(DEFAULT_LAYER_GLOBS)
    for layer in LAYER_ORDER:
        value = getattr(options, LAYER_OPTION[layer].replace("-", "_"), None)
        if value is not None:
            patterns = _string_list(LAYER_OPTION[layer], value)
            for pattern in patterns:
                if not _GLOB_OK.match(pattern) or pattern.count("[") != pattern.count("]"):
                    raise OptionError(LAYER_OPTION[layer], pattern, "a glob such as */routes/*")
            globs[layer] = tuple(patterns)
    thresholds = {}
    for option, (attr, minimum) in _INT_OPTIONS.items():
        raw = getattr(options, option.replace("-", "_"), None)
        if raw is None:
            continue
        try:
            number = int(str(raw).strip())
        except ValueError:
            raise OptionError(option, raw, f"a whole number >= {minimum}") from None
        if number < minimum:
            raise OptionError(option, raw, f"a whole number >= {minimum}")
        thresholds[attr] = number
    prefixes = getattr(options, "fastapi_bool_prefixes", None)
    if prefixes is not None:
        thresholds["bool_prefixes"] = tuple(_string_list("fastapi-bool-prefixes", prefixes))
    schema_modules = getattr(options, "fastapi_schema_modules", None)
    return Settings(
        layer_globs=globs,
        schema_modules=tuple(_string_list("fastapi-schema-modules", schema_modules or ())),
        thresholds=Thresholds(**thresholds),
        enabled=enabled_codes(
            getattr(options, "select", None), getattr(options, "extend_select", None)
        ),
        no_cache=_flag("fastapi-no-cache", getattr(options, "fastapi_no_cache", False)),
        cache_dir=_directory("fastapi-cache-dir", getattr(options, "fastapi_cache_dir", None)),
        project_root=_directory("fastapi-project-root", getattr(options, "fastapi_project_root", None)),
        target_python=_python_version(getattr(options, "fastapi_target_python", None)),
        target_pydantic=_pydantic_major(getattr(options, "fastapi_target_pydantic", None)),
    )


def _python_version(value: object) -> tuple[int, int] | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    m = re.fullmatch(r"\s*3\.(\d{1,2})\s*", str(value))
    if not m:
        raise OptionError("fastapi-target-python", value, "a Python version such as 3.10")
    return 3, int(m.group(1))


def _pydantic_major(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if text not in ("1", "2"):
        raise OptionError("fastapi-target-pydantic", value, "1 or 2")
    return int(text)


def _directory(option: str, value: object) -> str | None:
    """An absolute path, or None when unset. flake8 already made a config-file value holding a
    ``/`` relative to the config file's directory; any other relative path is taken from the
    working directory."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None  # `fastapi-cache-dir =` in a config file: the default
    if not isinstance(value, str) or "\x00" in value:
        raise OptionError(option, value, "a directory")
    return os.path.abspath(value.strip())


def _string_list(option: str, value: str | Sequence[str]) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    return [v.strip() for v in value if v and v.strip()]
