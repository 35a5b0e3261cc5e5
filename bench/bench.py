"""Benchmark: what the plugin adds to a flake8 run, measured in one run.

    python bench/bench.py [--repeat 3] [--no-bugbear] [--no-stdlib] [--no-sdist] [--cache cold|warm|both] [EXTRA_TREE ...]
    python bench/bench.py --stdin-file-in-project [N] [--repeat 10]
    python bench/bench.py --big-file LINES
    python bench/bench.py ... --baseline REF   (also time the plugin as of git REF, same run)

On one tree (the standard library of this interpreter, FastAPI's sdist downloaded into
bench/.cache, and every EXTRA_TREE given) it measures:

(a) whole-process ``flake8 --jobs 1`` with the plugin against flake8 without it, as a
    ratio of wall time and of peak RSS (three virtual environments under bench/.venvs:
    bare flake8, flake8 + this plugin, flake8 + flake8-bugbear; same flake8 version);
(b) the plugin's own time over the parsed trees against a do-nothing
    ``ast.NodeVisitor`` pass over the same trees (in this process);
(c) ratio (a) for flake8-bugbear, the reference users know.

Runs alternate between the environments and the median of ``--repeat`` runs is kept.
Prints Markdown tables; nothing here is a test.

Other modes (each prints its own table; the tree measurement above runs when neither
``--stdin-file-in-project`` nor ``--big-file`` is given, or with ``--cache``):

``--cache cold|warm|both``
    adds to (a) the plugin with its project-index cache (flake8 options
    ``--fastapi-cache-dir DIR`` / ``--fastapi-no-cache``): *cold* is a fresh empty cache
    directory for every run, *warm* one directory filled by an untimed run first; CPU
    ratios to bare flake8 for each, alternated in the same run. When the installed plugin
    does not know the options yet, a note says so and the plain plugin runs are measured.
``--stdin-file-in-project N``
    generates (in a temporary directory) a FastAPI project of N modules (default 2000:
    models, schemas, services and routers importing each other) and times linting ONE of
    its routers the way an editor does, ``flake8 --stdin-display-name <path> -`` fed the
    file, from the project root: the plugin with a warm cache (and cold, and none) against
    bare flake8 on the same file.
``--baseline REF``
    also installs the plugin as it is at git commit REF (``git archive``, in its own
    environment under bench/.venvs) and adds its runs, alternated with the others: a
    before/after comparison made under the same load.
``--big-file LINES``
    generates one file of about LINES lines (routes, models, helpers on one router) and
    compares the plugin's in-process pass over it to a do-nothing ``ast.NodeVisitor``.
"""

from __future__ import annotations

import argparse
import ast
import os
import platform
import statistics
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import venv
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench"
CACHE = HERE / ".cache"
VENVS = HERE / ".venvs"


def fastapi_sdist() -> Path | None:
    CACHE.mkdir(parents=True, exist_ok=True)
    found = sorted(CACHE.glob("fastapi-*/"))
    if found:
        return found[-1]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-binary", ":all:", "--no-deps", "fastapi", "-d", str(CACHE)],
        check=False,
    )
    archives = sorted(CACHE.glob("fastapi-*.tar.gz"))
    if not archives:
        print("could not download FastAPI's sdist; measuring without it", file=sys.stderr)
        return None
    with tarfile.open(archives[-1]) as tar:
        tar.extractall(CACHE, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(CACHE)
    return sorted(CACHE.glob("fastapi-*/"))[-1]


def flake8_version() -> str:
    from importlib.metadata import version

    return version("flake8")


def make_venv(name: str, *packages: str, refresh: str | None = None) -> Path:
    """A virtual environment with ``packages``; ``refresh`` is reinstalled every run (the
    plugin, installed from a wheel as users get it: bytecode compiled at install time)."""
    path = VENVS / name
    python = path / "bin" / "python"
    if not python.exists():
        venv.create(path, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *packages], check=True)
    if refresh:
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", refresh],
            check=True,
        )
    return python


EXCLUDED = ("__pycache__", "site-packages", "dist-packages")


def run_flake8(
    python: Path,
    trees: list[Path | str],
    extra: list[str] = (),  # type: ignore[assignment]
    *,
    stdin: bytes | None = None,
    cwd: Path | None = None,
) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one
    ``flake8 --jobs 1`` process. CPU time is the steadier figure on a shared machine."""
    started = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.Popen(
        [
            str(python), "-m", "flake8", "--jobs", "1", "--exit-zero", "--isolated",
            "--extend-exclude", ",".join(EXCLUDED), *extra, *map(str, trees),
        ],
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=cwd,
    )
    if stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


# -- the project-index cache ---------------------------------------------------------------

CACHE_OPTION = "--fastapi-cache-dir"
NO_CACHE_OPTION = "--fastapi-no-cache"


def cache_supported(python: Path) -> bool:
    """Whether the plugin installed in ``python``'s environment takes the cache options
    (flake8 stops with "unrecognized arguments" when no plugin declares them)."""
    with tempfile.TemporaryDirectory(prefix="xfa-bench-probe-") as tmp:
        probe = Path(tmp, "probe.py")
        probe.write_text("x = 1\n")
        for option in ([CACHE_OPTION, str(Path(tmp, "cache"))], [NO_CACHE_OPTION]):
            proc = subprocess.run(
                [str(python), "-m", "flake8", "--isolated", "--exit-zero", *option, str(probe)],
                capture_output=True,
                text=True,
            )
            if proc.returncode == 0:
                continue
            if "unrecognized arguments" not in proc.stderr:
                last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
                print(f"note: flake8 {' '.join(option[:1])} failed ({last})")
            return False
    return True


class Run:
    """One way of running flake8 that is timed: an environment, extra options, and what
    happens before each timed run (a fresh cache directory for a cold cache)."""

    def __init__(self, name: str, python: Path, extra: list[str] | None = None, cache: str | None = None) -> None:
        self.name = name
        self.python = python
        self.extra = list(extra or ())
        self.cache = cache  # None, "cold" or "warm"
        self._dirs: list[str] = []
        self._warm_dir: str | None = None

    def options(self) -> list[str]:
        if self.cache == "cold":
            fresh = tempfile.mkdtemp(prefix="xfa-bench-cold-")
            self._dirs.append(fresh)
            return [*self.extra, CACHE_OPTION, fresh]
        if self.cache == "warm":
            if self._warm_dir is None:
                self._warm_dir = tempfile.mkdtemp(prefix="xfa-bench-warm-")
                self._dirs.append(self._warm_dir)
            return [*self.extra, CACHE_OPTION, self._warm_dir]
        return list(self.extra)

    def prepare(self, trees: list[Path | str], common: list[str], *, stdin: bytes | None = None, cwd: Path | None = None) -> None:
        """The untimed run that fills a warm cache."""
        if self.cache == "warm":
            run_flake8(self.python, trees, [*common, *self.options()], stdin=stdin, cwd=cwd)

    def after(self) -> None:
        """After a timed run: a cold cache directory is not used again."""
        if self.cache == "cold":
            self.clean()

    def clean(self) -> None:
        for path in self._dirs:
            shutil.rmtree(path, ignore_errors=True)
        self._dirs.clear()
        self._warm_dir = None


def baseline_venv(ref: str, version: str) -> tuple[str, Path]:
    """``(short commit, python)`` of an environment with the plugin as it is at git ``ref``
    (``git archive`` into a temporary directory, installed from there like the current one)."""
    short = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", ref], capture_output=True, text=True, check=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="xfa-bench-baseline-") as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", short], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        python = make_venv(f"plugin-{short}", f"flake8=={version}", tmp, refresh=tmp)
    return short, python


def cache_runs(plugin: Path, mode: str | None, label: str = "flake8 + flake8-fastapi-conventions") -> list[Run]:
    """The plugin's runs for ``--cache``: none, cold and/or warm (or, when the plugin
    does not take the cache options, the plain run with a note)."""
    if mode is None:
        return [Run(label, plugin)]
    if not cache_supported(plugin):
        print(
            f"note: the plugin does not take {CACHE_OPTION}/{NO_CACHE_OPTION} on this branch; "
            "measuring plain runs instead of cold/warm cache runs\n"
        )
        return [Run(label, plugin)]
    runs = [Run(f"{label}, no cache", plugin, [NO_CACHE_OPTION])]
    if mode in ("cold", "both"):
        runs.append(Run(f"{label}, cold cache", plugin, cache="cold"))
    if mode in ("warm", "both"):
        runs.append(Run(f"{label}, warm cache", plugin, cache="warm"))
    return runs


def plugin_runs(envs: dict[str, Path], mode: str | None) -> list[Run]:
    """:func:`cache_runs` of the current plugin, then of the ``--baseline`` one if any."""
    runs = cache_runs(envs["flake8 + flake8-fastapi-conventions"], mode)
    for name, python in envs.items():
        if name.startswith("baseline "):
            runs += cache_runs(python, mode, f"{name[len('baseline '):]}: flake8 + flake8-fastapi-conventions")
    return runs


def measure(
    runs: list[Run],
    trees: list[Path | str],
    repeat: int,
    common: list[str] = (),  # type: ignore[assignment]
    *,
    stdin: bytes | None = None,
    cwd: Path | None = None,
):
    """Median wall seconds, CPU seconds and peak RSS of each run, alternated; ``common``
    options go to every run."""
    common = list(common)
    samples: dict[str, list[tuple[float, float, int]]] = {r.name: [] for r in runs}
    try:
        for run in runs:
            run.prepare(trees, common, stdin=stdin, cwd=cwd)
        for _ in range(repeat):
            for run in runs:
                samples[run.name].append(
                    run_flake8(run.python, trees, [*common, *run.options()], stdin=stdin, cwd=cwd)
                )
                run.after()
    finally:
        for run in runs:
            run.clean()
    return {
        name: tuple(statistics.median(s[i] for s in values) for i in range(3))
        for name, values in samples.items()
    }


def print_runs(medians: dict[str, tuple[float, float, int]], bare: str = "bare flake8") -> None:
    bare_t, bare_c, bare_m = medians[bare]
    print("| run | CPU seconds | CPU ratio to bare flake8 | wall seconds | wall ratio | peak RSS MiB | RSS ratio |")
    print("|---|---|---|---|---|---|---|")
    for name, (t, c, m) in medians.items():
        print(
            f"| {name} | {_seconds(c)} | {c / bare_c:.3f} | {_seconds(t)} | {t / bare_t:.3f} "
            f"| {m / 1024:.1f} | {m / bare_m:.3f} |"
        )


def _seconds(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def visitor_ratio(files: list[Path]) -> tuple[float, float, int]:
    sys.path.insert(0, str(ROOT))
    from flake8_fastapi_conventions.checker import run_checks
    from flake8_fastapi_conventions.settings import Settings

    trees = []
    warnings.simplefilter("ignore")
    for path in files:
        try:
            source = path.read_bytes()
            # flake8 hands the plugin the lines it read with the tree
            lines = source.decode("utf-8").splitlines(keepends=True)
            trees.append((str(path), ast.parse(source), lines))
        except (SyntaxError, ValueError, RecursionError):
            pass  # flake8 reports E999 for these; neither pass can walk them
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))

    class Nothing(ast.NodeVisitor):
        pass

    settings = Settings()
    best_visit = best_plugin = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _, tree, _ in trees:
            Nothing().visit(tree)
        best_visit = min(best_visit, time.perf_counter() - started)
        started = time.perf_counter()
        for name, tree, lines in trees:
            run_checks(tree, name, settings, lines)
        best_plugin = min(best_plugin, time.perf_counter() - started)
    return best_visit, best_plugin, len(trees)


# -- a synthetic project, linted one file through stdin -------------------------------------

_MODEL = """\
{sqlalchemy_imports}

from app.db import Base
{parent_import}

class Thing{k}(Base):
    __tablename__ = "thing{k}"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    price: Mapped[float] = mapped_column(default=0.0)
{parent_columns}"""

_SCHEMA = """\
from pydantic import BaseModel, ConfigDict, Field
{parent_import}

class Thing{k}Create(BaseModel):
    name: str = Field(max_length=100)
    price: float = Field(ge=0)


class Thing{k}Update(BaseModel):
    name: str | None = None
    price: float | None = None


class Thing{k}Read(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    price: float
{parent_field}"""

_SERVICE = """\
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.thing{k} import Thing{k}
from app.schemas.thing{k} import Thing{k}Create, Thing{k}Update
{parent_import}

async def get_thing{k}(session: AsyncSession, thing_id: int) -> Thing{k} | None:
    return await session.get(Thing{k}, thing_id)


async def list_thing{k}(session: AsyncSession, limit: int, offset: int) -> list[Thing{k}]:
    result = await session.execute(select(Thing{k}).offset(offset).limit(limit))
    return list(result.scalars())


async def create_thing{k}(session: AsyncSession, data: Thing{k}Create) -> Thing{k}:
{parent_check}    thing = Thing{k}(**data.model_dump())
    session.add(thing)
    await session.commit()
    await session.refresh(thing)
    return thing


async def update_thing{k}(session: AsyncSession, thing: Thing{k}, data: Thing{k}Update) -> Thing{k}:
    for key, value in data.model_dump(exclude_unset=True).items():
        setattr(thing, key, value)
    await session.commit()
    return thing
"""

_ROUTER = """\
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import get_session
from app.schemas.thing{k} import Thing{k}Create, Thing{k}Read, Thing{k}Update
from app.services import thing{k} as service

router = APIRouter(prefix="/api/v1/thing{k}", tags=["thing{k}"])
SessionDep = Annotated[AsyncSession, Depends(get_session)]


@router.get("/", response_model=list[Thing{k}Read])
async def list_things(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[Thing{k}Read]:
    return await service.list_thing{k}(session, limit, offset)


@router.get("/{{thing_id}}", response_model=Thing{k}Read)
async def read_thing(thing_id: int, session: SessionDep) -> Thing{k}Read:
    thing = await service.get_thing{k}(session, thing_id)
    if thing is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="thing not found")
    return thing


@router.post("/", response_model=Thing{k}Read, status_code=status.HTTP_201_CREATED)
async def create_thing(data: Thing{k}Create, session: SessionDep) -> Thing{k}Read:
    return await service.create_thing{k}(session, data)


@router.patch("/{{thing_id}}", response_model=Thing{k}Read)
async def update_thing(thing_id: int, data: Thing{k}Update, session: SessionDep) -> Thing{k}Read:
    thing = await service.get_thing{k}(session, thing_id)
    if thing is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="thing not found")
    return await service.update_thing{k}(session, thing, data)
"""

_CORE = {
    "app/__init__.py": "",
    "app/models/__init__.py": "",
    "app/schemas/__init__.py": "",
    "app/services/__init__.py": "",
    "app/routers/__init__.py": "",
    "app/db.py": (
        "from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine\n"
        "from sqlalchemy.orm import DeclarativeBase\n\n"
        "engine = create_async_engine(\"sqlite+aiosqlite:///./app.db\")\n"
        "SessionLocal = async_sessionmaker(engine, expire_on_commit=False)\n\n\n"
        "class Base(DeclarativeBase):\n    pass\n"
    ),
    "app/deps.py": (
        "from collections.abc import AsyncIterator\n\n"
        "from sqlalchemy.ext.asyncio import AsyncSession\n\n"
        "from app.db import SessionLocal\n\n\n"
        "async def get_session() -> AsyncIterator[AsyncSession]:\n"
        "    async with SessionLocal() as session:\n"
        "        yield session\n"
    ),
}


def write_project(root: Path, modules: int) -> Path:
    """A FastAPI project of about ``modules`` modules under ``root``: per domain a model,
    a schema, a service and a router, each importing the previous domain's (models
    reference their parent model, schemas nest the parent schema, services look the parent
    up), and ``app/main.py`` including every router. Returns the router to lint."""
    domains = max(1, (modules - len(_CORE) - 1) // 4)
    # the project root marker: without one the plugin finds no project and indexes nothing
    (root / "pyproject.toml").write_text('[project]\nname = "things"\nversion = "0"\nrequires-python = ">=3.11"\n')
    for name, text in _CORE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for k in range(domains):
        p = k - 1
        has_parent = k > 0
        files = {
            f"app/models/thing{k}.py": _MODEL.format(
                k=k,
                sqlalchemy_imports=(
                    "from sqlalchemy import ForeignKey, String\n"
                    "from sqlalchemy.orm import Mapped, mapped_column, relationship"
                    if has_parent else
                    "from sqlalchemy import String\nfrom sqlalchemy.orm import Mapped, mapped_column"
                ),
                parent_import=f"from app.models.thing{p} import Thing{p}\n" if has_parent else "",
                parent_columns=(
                    f"    parent_id: Mapped[int | None] = mapped_column(ForeignKey(\"thing{p}.id\"))\n"
                    f"    parent: Mapped[Thing{p} | None] = relationship()\n"
                    if has_parent else ""
                ),
            ),
            f"app/schemas/thing{k}.py": _SCHEMA.format(
                k=k,
                parent_import=f"from app.schemas.thing{p} import Thing{p}Read\n" if has_parent else "",
                parent_field=f"    parent: Thing{p}Read | None = None\n" if has_parent else "",
            ),
            f"app/services/thing{k}.py": _SERVICE.format(
                k=k,
                parent_import=f"from app.services.thing{p} import get_thing{p}\n" if has_parent else "",
                parent_check=(
                    f"    if await get_thing{p}(session, 1) is None:\n        raise LookupError(\"no parent\")\n"
                    if has_parent else ""
                ),
            ),
            f"app/routers/thing{k}.py": _ROUTER.format(k=k),
        }
        for name, text in files.items():
            (root / name).write_text(text)
    main = ["from fastapi import FastAPI\n", *(f"from app.routers import thing{k}\n" for k in range(domains))]
    main += ["\napp = FastAPI()\n", *(f"app.include_router(thing{k}.router)\n" for k in range(domains))]
    (root / "app/main.py").write_text("".join(main))
    return root / f"app/routers/thing{domains // 2}.py"


def stdin_in_project(envs: dict[str, Path], modules: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="xfa-bench-project-") as tmp:
        root = Path(tmp)
        target = write_project(root, modules)
        count = sum(1 for _ in root.rglob("*.py"))
        display = str(target.relative_to(root))
        source = target.read_bytes()
        runs = [Run("bare flake8", envs["bare flake8"]), *plugin_runs(envs, "both")]
        medians = measure(runs, ["-"], repeat, ["--stdin-display-name", display], stdin=source, cwd=root)
        print(f"Project: {count} modules generated in a temporary directory; linted: {display} ({len(source.splitlines())} lines)")
        print(f"`flake8 --jobs 1 --isolated --stdin-display-name {display} -` from the project root, median of {repeat} runs.\n")
        print_runs(medians)
        print()


# -- one big file, in process ---------------------------------------------------------------

_BIG_HEAD = """\
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import get_session

router = APIRouter()
SessionDep = Annotated[AsyncSession, Depends(get_session)]
"""

_BIG_BLOCK = """

class Item{i}(BaseModel):
    name: str = Field(max_length=100)
    price: float = 0.0


@router.get("/items{i}/{{item_id}}", response_model=Item{i})
async def read_item_{i}(item_id: int, session: SessionDep) -> Item{i}:
    row = await session.get(Item{i}, item_id)
    if row is None:
        raise HTTPException(status_code=404, detail="not found")
    return Item{i}(name=row.name, price=row.price)


@router.get("/items{i}", response_model=list[Item{i}])
async def list_items_{i}(session: SessionDep, limit: Annotated[int, Query(ge=1, le=100)] = 20) -> list[Item{i}]:
    return []


@router.post("/items{i}", status_code=201, response_model=Item{i})
async def create_item_{i}(item: Item{i}, session: SessionDep) -> Item{i}:
    session.add(item)
    await session.commit()
    return item


def total_{i}(values: list[int]) -> int:
    total = 0
    for value in values:
        if value > {i}:
            total += value
    return total
"""


def big_file_source(lines: int) -> str:
    blocks = max(1, (lines - _BIG_HEAD.count("\n")) // _BIG_BLOCK.count("\n"))
    return _BIG_HEAD + "".join(_BIG_BLOCK.format(i=i) for i in range(blocks))


def big_file(lines: int, repeat: int) -> None:
    sys.path.insert(0, str(ROOT))
    from flake8_fastapi_conventions.checker import run_checks
    from flake8_fastapi_conventions.settings import Settings

    source = big_file_source(lines)
    tree = ast.parse(source)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))

    class Nothing(ast.NodeVisitor):
        pass

    settings = Settings()
    best_visit = best_plugin = float("inf")
    findings = 0
    for _ in range(repeat):
        started = time.perf_counter()
        Nothing().visit(tree)
        best_visit = min(best_visit, time.perf_counter() - started)
        started = time.perf_counter()
        findings = len(run_checks(tree, "app/routes/items.py", settings))
        best_plugin = min(best_plugin, time.perf_counter() - started)
    routes = source.count("@router.")
    print(f"File: {len(source.splitlines())} lines generated, {routes} routes on one router, checked as app/routes/items.py ({findings} findings); best of {repeat}.\n")
    print("| in-process pass over the parsed file | seconds | ratio |\n|---|---|---|")
    print(f"| do-nothing ast.NodeVisitor | {best_visit:.3f} | 1.00 |")
    print(f"| flake8-fastapi-conventions (default rules) | {best_plugin:.3f} | {best_plugin / best_visit:.2f} |")
    print()


# -- the trees ------------------------------------------------------------------------------


def trees_benchmark(envs: dict[str, Path], args) -> None:
    import sysconfig

    stdlib = None if args.no_stdlib else Path(sysconfig.get_paths()["stdlib"])
    sdist = None if args.no_sdist else fastapi_sdist()
    trees = [*([stdlib] if stdlib else []), *([sdist] if sdist else []), *args.trees]
    files = []
    for tree in trees:
        for dirpath, dirnames, filenames in os.walk(tree):
            dirnames[:] = [d for d in dirnames if d not in EXCLUDED and not d.startswith(".")]
            files += [Path(dirpath, f) for f in filenames if f.endswith(".py")]

    runs = [Run("bare flake8", envs["bare flake8"]), *plugin_runs(envs, args.cache)]
    if "flake8 + flake8-bugbear" in envs:
        runs.append(Run("flake8 + flake8-bugbear", envs["flake8 + flake8-bugbear"]))
    repeat = args.repeat or 3
    medians = measure(runs, trees, repeat)
    visit, plugin_seconds, parsed = visitor_ratio(files)
    names = [*(["stdlib"] if stdlib else []), *([sdist.name] if sdist else []), *map(str, args.trees)]
    print(f"Tree: {len(files)} files ({parsed} parsed): " + ", ".join(names))
    print(f"Median of {repeat} runs of `flake8 --jobs 1`, environments alternated.\n")
    print_runs(medians)
    print("\n| in-process pass over the parsed trees | seconds | ratio |\n|---|---|---|")
    print(f"| do-nothing ast.NodeVisitor | {visit:.2f} | 1.00 |")
    print(f"| flake8-fastapi-conventions (default rules) | {plugin_seconds:.2f} | {plugin_seconds / visit:.2f} |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description="flake8-fastapi-conventions benchmark")
    parser.add_argument("trees", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=None, help="runs per measurement (default: 3; 10 for --stdin-file-in-project)")
    parser.add_argument("--no-bugbear", action="store_true")
    parser.add_argument("--no-stdlib", action="store_true", help="leave the standard library out of the tree")
    parser.add_argument("--no-sdist", action="store_true", help="leave FastAPI's sdist out of the tree")
    parser.add_argument("--cache", choices=("cold", "warm", "both"), default=None,
                        help="also time the plugin with a cold and/or warm project-index cache")
    parser.add_argument("--stdin-file-in-project", type=int, nargs="?", const=2000, default=None, metavar="N",
                        help="lint one file of a generated N-module project through stdin (default N: 2000)")
    parser.add_argument("--big-file", type=int, default=None, metavar="LINES",
                        help="the plugin's in-process pass over one generated file of LINES lines")
    parser.add_argument("--baseline", default=None, metavar="REF",
                        help="also time the plugin as of git commit REF, alternated in the same run")
    args = parser.parse_args()

    version = flake8_version()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, flake8 {version}, commit {commit()}\n")
    if args.big_file is not None:
        big_file(args.big_file, args.repeat or 3)
    trees_mode = args.cache is not None or (args.stdin_file_in_project is None and args.big_file is None)
    if not trees_mode and args.stdin_file_in_project is None:
        return
    envs = {
        "bare flake8": make_venv("bare", f"flake8=={version}"),
        "flake8 + flake8-fastapi-conventions": make_venv("plugin", f"flake8=={version}", str(ROOT), refresh=str(ROOT)),
    }
    if args.baseline:
        short, python = baseline_venv(args.baseline, version)
        envs[f"baseline {short}"] = python
    if args.stdin_file_in_project is not None:
        stdin_in_project(envs, args.stdin_file_in_project, args.repeat or 10)
    if trees_mode:
        if not args.no_bugbear:
            envs["flake8 + flake8-bugbear"] = make_venv("bugbear", f"flake8=={version}", "flake8-bugbear")
        trees_benchmark(envs, args)


def commit() -> str:
    proc = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
    return (proc.stdout.strip() or "unknown") + ("+changes" if dirty.stdout.strip() else "")


if __name__ == "__main__":
    main()
