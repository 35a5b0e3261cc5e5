"""XFA612: ``uvicorn.run(..., reload=True)`` outside a development command."""

from __future__ import annotations

import ast
import os
import re

from ... import lazy_re
from ...context import Context, FUNCTION_TYPES
from ...registry import moved_off, rule
from ._shared import APP_SETUP_CALLS, _in_dev_branch, _in_examples, _is_true, _kw, _main_block_runner, _str


XFA612 = rule(
    "XFA612",
    "uvicorn-reload",
    default=False,
    precision=moved_off("0 of 1", reading="ninth", earlier="2 of 6", pooled_over="third, fifth and eighth readings"),
    seeds=("002", "004"),
    message="uvicorn.run(..., reload=True) enables the file watcher whenever this code runs",
    fix_hint="take the flag from settings (reload=settings.debug) or pass --reload on the command line in development",
    what="""
        Reports `uvicorn.run(...)` with the literal `reload=True`. Test and script files
        are not checked, nor development commands: a function whose name, or a string
        argument of one of its decorators (`@cli.command("develop")`), mentions `dev` or
        `reload`.

        Scope: tests and scripts are not checked. A CI script counts as a script under a
        `scripts/` directory (`.github/scripts/`); elsewhere (`ci/check.py`) it is checked
        like application code unless the layer globs (`fastapi-scripts-paths`) say
        otherwise.
    """,
    why="""
        Seed 004: "Using --reload flag in production. It's for development only — it
        restarts the server on every file change and adds file-watching overhead."
        Seed 002: "file watchers consume CPU — unexpected restarts under load". A literal
        in the entry point ships the development setting to production.
    """,
    bad="""
        import uvicorn

        if __name__ == "__main__":
            uvicorn.run("app.main:app", reload=True)
    """,
    good="""
        import uvicorn

        from app.config import settings

        if __name__ == "__main__":
            uvicorn.run("app.main:app", reload=settings.debug)
    """,
    not_flagged=(
        "`reload=settings.debug`-style non-literal values; `reload=False`.",
        "Development commands (`def run_dev_server()`, `@cli.command(\"develop\")`), scripts and tests.",
        "Calls in the body of an `if` whose condition mentions `debug`, `dev` or `local` (`if settings.DEBUG:`).",
        "Calls in an `if __name__ == \"__main__\":` block of a package its project starts through "
        "a command of its own: a `[project.scripts]`/`[tool.poetry.scripts]` entry of "
        "`pyproject.toml`, a `console_scripts` entry of `setup.cfg`/`setup.py` (or of an unpacked "
        "wheel's `entry_points.txt`) points into the same top-level package. Running the module "
        "directly is then a developer's shortcut; the command is what ships. A `reload=True` "
        "inside the command's own function is still reported.",
        "Calls in an `if __name__ == \"__main__\":` block of a module under an `examples/` "
        "(`example/`, `demos/`, `samples/`, `tutorials/`) directory, of its project or of the "
        "tree flake8 runs on: the example's runner on a developer's machine; so are calls in a "
        "module-level function of the example that its `__main__` block calls by name "
        "(`def main(): ... uvicorn.run(...)`, `if __name__ == \"__main__\": main()`, the ninth "
        "reading's crawl4ai `docs/examples/`). A call in any other function of the example is "
        "still reported.",
    ),
)


def _in_dev_command(ctx: Context) -> bool:
    """Inside a function that is a development command: its name, or a string argument
    of one of its decorators (``@cli.command("develop")``), mentions ``dev``/``reload``."""
    for frame in ctx.frames:
        fn = frame.node
        if not isinstance(fn, FUNCTION_TYPES):
            continue
        if "dev" in fn.name.lower() or "reload" in fn.name.lower():
            return True
        for dec in fn.decorator_list:
            if isinstance(dec, ast.Call):
                for arg in dec.args:
                    text = _str(arg)
                    if text and ("dev" in text.lower() or "reload" in text.lower()):
                        return True
    return False


_SCRIPT_SECTIONS = lazy_re.compile(
    r"^\s*\[(?:project\.scripts|tool\.poetry\.scripts|project\.entry-points\.console_scripts"
    r"|options\.entry_points|console_scripts)\]\s*$((?:\n(?!\s*\[).*)*)",
    re.M,
)
#: ``name = "package.module:function"`` (TOML), ``name = package.module:function`` (INI)
_SCRIPT_TARGET = lazy_re.compile(r"=\s*[\"']?\s*([A-Za-z_][\w.]*)\s*:")
_console_scripts: dict[str, frozenset[str]] = {}


def _script_packages(root: str) -> frozenset[str]:
    """The top-level packages that the project at ``root`` starts through commands of its
    own: the targets of ``[project.scripts]``/``[tool.poetry.scripts]`` in
    ``pyproject.toml``, of ``console_scripts`` in ``setup.cfg``/``setup.py``, or (an unpacked
    wheel) of ``[console_scripts]`` in a ``*.dist-info/entry_points.txt``."""
    found = _console_scripts.get(root)
    if found is not None:
        return found
    packages: set[str] = set()
    candidates = [os.path.join(root, "pyproject.toml"), os.path.join(root, "setup.cfg")]
    try:
        candidates += [
            os.path.join(root, entry, "entry_points.txt") for entry in os.listdir(root) if entry.endswith(".dist-info")
        ]
    except OSError:
        pass  # an unreadable root: no wheel metadata to read
    for path in candidates:
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                text = fh.read(200_000)
        except OSError:
            continue
        for m in _SCRIPT_SECTIONS.finditer(text):
            body = m.group(1)
            if path.endswith("setup.cfg"):
                body = body.split("console_scripts", 1)[1] if "console_scripts" in body else ""
            for line in body.splitlines():
                if line.strip().startswith("#"):
                    continue
                target = _SCRIPT_TARGET.search(line)
                if target:
                    packages.add(target.group(1).split(".", 1)[0])
    try:
        with open(os.path.join(root, "setup.py"), encoding="utf-8", errors="replace") as fh:
            text = fh.read(200_000)
        if "console_scripts" in text:
            for target in re.finditer(r"[\"'][\w-]+\s*=\s*([A-Za-z_][\w.]*)\s*:", text):
                packages.add(target.group(1).split(".", 1)[0])
    except OSError:
        pass  # no setup.py: nothing declared there
    result = _console_scripts[root] = frozenset(packages)
    return result


_wheel_roots: dict[str, str | None] = {}


def _wheel_root(directory: str, depth: int = 0) -> str | None:
    """An unpacked wheel has no project markers: its root is the nearest ancestor
    directory holding a ``*.dist-info`` directory."""
    found = _wheel_roots.get(directory, "")
    if found != "":
        return found
    result: str | None = None
    try:
        if any(entry.endswith(".dist-info") for entry in os.listdir(directory)):
            result = directory
    except OSError:
        result = None
    if result is None and depth < 8:
        parent = os.path.dirname(directory)
        if parent != directory:
            result = _wheel_root(parent, depth + 1)
    _wheel_roots[directory] = result
    return result


def _started_by_command(ctx: Context) -> bool:
    """The checked module belongs to a package that its project starts through a command
    of its own (see :func:`_script_packages`): a ``__main__`` block there is a developer's
    shortcut, not how the product is deployed."""
    root = ctx.index.root or _wheel_root(os.path.dirname(os.path.abspath(ctx.filename)))
    if root is None:
        return False
    packages = _script_packages(root)
    if not packages:
        return False
    relative = os.path.relpath(os.path.abspath(ctx.filename), root).replace(os.sep, "/").split("/")
    if relative[0] == "..":
        return False
    if relative[0] == "src" and len(relative) > 1:
        relative = relative[1:]
    head = relative[0][:-3] if relative[0].endswith(".py") else relative[0]
    return head in packages


@APP_SETUP_CALLS.on("run", rules=(XFA612,))
def _uvicorn_run(node: ast.Call, func: ast.expr, ctx: Context) -> None:
    if ctx.resolve(func) == "uvicorn.run" and ctx.imported_from(func, "uvicorn"):
        if (
            not (ctx.is_test or ctx.is_script)
            and _is_true(_kw(node, "reload"))
            and not _in_dev_command(ctx)
            and not _in_dev_branch(ctx)
            and not (ctx.in_main_block and _started_by_command(ctx))
            and not (_in_examples(ctx) and _main_block_runner(ctx))
        ):
            ctx.report(node, XFA612)
