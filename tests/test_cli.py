"""The ``fastapi-conventions`` console script: fix / check / rules / rule, and the
fixer's guarantees on real files (bad input, atomic writes, bytes outside the edits)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from flake8_fastapi_conventions import cli
from flake8_fastapi_conventions.fixer import engine
from flake8_fastapi_conventions.settings import Settings, enabled_codes

SLEEPY = "import time\n\n\nasync def poll() -> None:\n    time.sleep(1)\n"
SLEEPY_FIXED = "import asyncio\nimport time\n\n\nasync def poll() -> None:\n    await asyncio.sleep(1)\n"

#: XFA411 is off by default (fourth precision reading); its fix is tested where it is on
XFA411_ON = Settings(enabled=enabled_codes(None, ["XFA411"]))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app").mkdir()
    return tmp_path


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode())
    return path


# -- fix: exit status, summary, diff -------------------------------------------------


def test_fix_in_place_exit_1_then_0(project, capsys):
    f = write(project / "app" / "jobs.py", SLEEPY)
    code, out, err = run(capsys, "fix", "app")
    assert code == 1
    assert f.read_text() == SLEEPY_FIXED
    assert out.strip().splitlines()[-1] == "Fixed 1 finding in 1 file"
    code, out, _ = run(capsys, "fix", "app")
    assert code == 0
    assert f.read_text() == SLEEPY_FIXED
    assert out.strip().splitlines()[-1] == "Fixed 0 findings in 0 files"


def test_diff_changes_nothing(project, capsys):
    f = write(project / "app" / "jobs.py", SLEEPY)
    code, out, err = run(capsys, "fix", "--diff", "app/jobs.py")
    assert code == 1
    assert f.read_text() == SLEEPY
    assert "--- a/app/jobs.py" in out and "+++ b/app/jobs.py" in out
    assert "-    time.sleep(1)\n+    await asyncio.sleep(1)\n" in out
    assert "+import asyncio\n" in out
    assert err.strip().splitlines()[-1] == "Would fix 1 finding in 1 file"


def test_diff_names_the_lines_of_the_file_not_of_the_fixed_text(project, capsys):
    # the lifespan the fix adds above line 28 moves that handler down in the fixed text
    fixture = (Path(__file__).parent / "fixes" / "XFA601_factory.py").read_text()
    main = write(project / "app" / "main.py", fixture)
    code, out, err = run(capsys, "fix", "--unsafe-fixes", "--diff", "app")
    assert main.read_text() == fixture
    assert "+    async def lifespan(app: FastAPI):" in out
    left = [line for line in err.splitlines() if "XFA601" in line]
    assert len(left) == 1 and left[0].startswith("app/main.py:28:6: XFA601 app.on_event() is deprecated")
    assert left[0].endswith("[not fixed: create_test_app() can return before a handler is defined]")
    code, out, err = run(capsys, "fix", "--unsafe-fixes", "app")
    assert [line for line in out.splitlines() if "XFA601" in line][0].startswith("app/main.py:35:6: XFA601")  # the written file's line


def test_summary_counts_manual_and_unsafe(project, capsys):
    write(project / "app" / "jobs.py", SLEEPY)
    write(
        project / "app" / "services" / "orders.py",
        "def f(raw):\n    try:\n        return int(raw)\n    except ValueError as e:\n        raise KeyError(raw)\n",
    )
    write(project / "app" / "tasks.py", "import asyncio\n\n\nasync def job():\n    pass\n\n\ndef f():\n    asyncio.create_task(job())\n")
    code, out, _ = run(capsys, "fix", "app")
    assert code == 1
    assert out.strip().splitlines()[-1] == (
        "Fixed 1 finding in 1 file (1 more needs a manual fix, 1 more fixable with --unsafe-fixes)"
    )
    # XFA107 has no fix: counted, not listed (on a large project that list was hundreds of lines)
    assert "XFA107" not in out
    assert out.strip().splitlines()[-2] == (
        "1 finding with no fix not listed: `fastapi-conventions check` lists it (or fix --show-remaining)"
    )
    code, out, _ = run(capsys, "fix", "--show-remaining", "app")
    assert code == 0 and "app/tasks.py:9:5: XFA107 " in out and "not listed" not in out
    code, out, _ = run(capsys, "fix", "--unsafe-fixes", "app")
    assert code == 1
    assert "raise KeyError(raw) from e" in (project / "app" / "services" / "orders.py").read_text()
    assert out.strip().splitlines()[-1] == "Fixed 1 finding in 1 file (1 more needs a manual fix)"


def test_select_and_ignore(project, capsys):
    f = write(project / "app" / "jobs.py", SLEEPY)
    code, _, _ = run(capsys, "fix", "--ignore", "XFA102", "app")
    assert code == 0 and f.read_text() == SLEEPY
    code, _, _ = run(capsys, "fix", "--select", "XFA4", "app")
    assert code == 0 and f.read_text() == SLEEPY
    code, _, _ = run(capsys, "fix", "--select", "XFA1", "app")
    assert code == 1 and f.read_text() == SLEEPY_FIXED


def test_reads_flake8_config_and_noqa(project, capsys):
    (project / ".flake8").write_text(
        "[flake8]\nextend-ignore = XFA401\nper-file-ignores =\n    app/legacy/*: XFA102\n"
    )
    legacy = write(project / "app" / "legacy" / "jobs.py", SLEEPY)
    noqa = write(project / "app" / "noqa.py", SLEEPY.replace("sleep(1)", "sleep(1)  # noqa: XFA102"))
    model = "from pydantic import BaseModel\n\n\nclass A(BaseModel):\n    class Config:\n        extra = 'forbid'\n"
    schema = write(project / "app" / "schemas.py", model)
    code, out, _ = run(capsys, "fix", ".")
    assert code == 0, out
    assert legacy.read_text() == SLEEPY
    assert noqa.read_text() == SLEEPY.replace("sleep(1)", "sleep(1)  # noqa: XFA102")
    assert schema.read_text() == model


def test_bad_plugin_option_in_config_is_one_line(project, capsys):
    (project / ".flake8").write_text("[flake8]\nfastapi-max-if-depth = zero\n")
    write(project / "app" / "jobs.py", SLEEPY)
    code, out, err = run(capsys, "fix", "app")
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "fastapi-max-if-depth" in err


# -- fix: bad input loses nothing ------------------------------------------------------


def test_unparseable_file_is_skipped(project, capsys):
    bad = write(project / "app" / "bad.py", "def broken(:\n    time.sleep(1)\n")
    good = write(project / "app" / "jobs.py", SLEEPY)
    code, out, err = run(capsys, "fix", "app")
    assert "app/bad.py: cannot parse (line 1, column 12: SyntaxError: invalid syntax), left unchanged" in err
    assert bad.read_text() == "def broken(:\n    time.sleep(1)\n"
    assert good.read_text() == SLEEPY_FIXED
    assert code == 1


def test_a_file_too_deep_to_parse_is_named_with_the_reason_and_others_are_fixed(project, capsys):
    parens = write(project / "app" / "parens.py", "x = " + "(" * 300 + ")" * 300 + "\n")
    deep = write(project / "app" / "deep.py", "x = " + "+".join(["a"] * 100_000) + "\n")
    good = write(project / "app" / "jobs.py", SLEEPY)
    code, out, err = run(capsys, "fix", "app")
    assert "app/parens.py: cannot parse (line 1, column 205: SyntaxError: too many nested parentheses), left unchanged" in err
    assert "app/deep.py: cannot parse (RecursionError: too deeply nested to parse), left unchanged" in err
    assert parens.read_text().startswith("x = (((") and deep.read_text().startswith("x = a+a+")
    assert good.read_text() == SLEEPY_FIXED


def test_missing_path_is_one_line_and_others_are_fixed(project, capsys):
    good = write(project / "app" / "jobs.py", SLEEPY)
    code, out, err = run(capsys, "fix", "missing.py", "app/jobs.py")
    assert code == 2
    assert good.read_text() == SLEEPY_FIXED
    errors = [line for line in err.splitlines() if "missing.py" in line]
    assert errors == ["missing.py: No such file or directory"]
    assert "Traceback" not in err


def test_undecodable_file_is_one_line(project, capsys):
    write(project / "app" / "latin.py", b"x = '\xff\xfe'\n")
    good = write(project / "app" / "jobs.py", SLEEPY)
    code, _, err = run(capsys, "fix", "app")
    assert code == 2
    assert good.read_text() == SLEEPY_FIXED
    assert [l for l in err.splitlines() if "latin.py" in l] == ["app/latin.py: cannot decode its text, left unchanged"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_one_line(project, capsys):
    secret = write(project / "app" / "secret.py", SLEEPY)
    secret.chmod(0)
    good = write(project / "app" / "jobs.py", SLEEPY)
    try:
        code, _, err = run(capsys, "fix", "app")
    finally:
        secret.chmod(0o644)
    assert code == 2
    assert good.read_text() == SLEEPY_FIXED
    assert [l for l in err.splitlines() if "secret.py" in l] == ["app/secret.py: Permission denied"]


def test_write_is_atomic(project, capsys, monkeypatch):
    f = write(project / "app" / "jobs.py", SLEEPY)
    calls = []
    real_replace = os.replace

    def failing_replace(src, dst):
        calls.append((src, dst))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    code, _, err = run(capsys, "fix", "app")
    assert code == 2
    assert f.read_text() == SLEEPY, "an interrupted write leaves the old file"
    assert sorted(p.name for p in f.parent.iterdir()) == ["jobs.py"], "no temporary file left"
    assert "app/jobs.py: cannot write: No space left on device" in err
    (tmp, dst), = calls
    assert os.path.dirname(tmp) == os.path.dirname(os.path.abspath(f)) and dst.endswith("jobs.py")
    monkeypatch.setattr(os, "replace", real_replace)
    f.chmod(0o751)
    assert run(capsys, "fix", "app")[0] == 1
    assert f.stat().st_mode & 0o777 == 0o751, "the file keeps its permissions"


def test_unparseable_result_leaves_file_unchanged(project, capsys, monkeypatch):
    f = write(project / "app" / "jobs.py", SLEEPY)
    engine.FIXERS["XFA102"]  # loaded
    real = engine.FIXERS["XFA102"]

    def broken(src, finding):
        fix = real(src, finding)
        return engine.Fix([*fix.edits, engine.Edit(0, 0, "def (\n")], fix.imports)

    monkeypatch.setitem(engine.FIXERS, "XFA102", broken)
    code, out, _ = run(capsys, "fix", "app")
    assert code == 0
    assert f.read_text() == SLEEPY
    assert "app/jobs.py:5:5: XFA102" in out
    assert "[not fixed: the fixed file would not parse; left unchanged]" in out


def test_fixer_exception_is_contained(project, capsys, monkeypatch):
    f = write(project / "app" / "jobs.py", SLEEPY)

    def boom(src, finding):
        raise RuntimeError("bug")

    monkeypatch.setitem(engine.FIXERS, "XFA102", boom)
    code, out, err = run(capsys, "fix", "app")
    assert code == 0 and f.read_text() == SLEEPY
    assert "internal error in the fixer" in out and "Traceback" not in err


# -- bytes outside the edits ------------------------------------------------------------


def test_bytes_outside_edits_are_unchanged(project, capsys):
    before = (
        "\ufeff# -*- coding: utf-8 -*-\r\n"
        "import time\r\n"
        "\r\n"
        "\r\n"
        "async def poll(name: str) -> None:\r\n"
        "\tmsg = 'Grüße, 日本'; time.sleep(1)  # wait ✓\r\n"
        "\tif name:\t# tab comment\r\n"
        "\t\tlabel = 'é'; time.sleep(2)\r\n"
        "x = 'no newline at end'"
    )
    after = (
        "\ufeff# -*- coding: utf-8 -*-\r\n"
        "import asyncio\r\n"
        "import time\r\n"
        "\r\n"
        "\r\n"
        "async def poll(name: str) -> None:\r\n"
        "\tmsg = 'Grüße, 日本'; await asyncio.sleep(1)  # wait ✓\r\n"
        "\tif name:\t# tab comment\r\n"
        "\t\tlabel = 'é'; await asyncio.sleep(2)\r\n"
        "x = 'no newline at end'"
    )
    f = write(project / "app" / "jobs.py", before.encode("utf-8"))
    assert run(capsys, "fix", "app")[0] == 1
    assert f.read_bytes() == after.encode("utf-8")
    assert run(capsys, "fix", "app")[0] == 0
    assert f.read_bytes() == after.encode("utf-8")


def test_latin1_cookie_round_trips(project, capsys):
    text = "# -*- coding: latin-1 -*-\nimport time\n\n\nasync def f():\n    s = 'caf\xe9'; time.sleep(1)\n"
    f = write(project / "app" / "jobs.py", text.encode("latin-1"))
    assert run(capsys, "fix", "app")[0] == 1
    assert f.read_bytes() == text.replace("import time\n", "import asyncio\nimport time\n").replace(
        "time.sleep(1)", "await asyncio.sleep(1)"
    ).encode("latin-1")


# -- convergence ---------------------------------------------------------------------------


def test_overlapping_fixes_converge():
    from flake8_fastapi_conventions.fixer import fix_text

    source = (
        "from pydantic import BaseModel\n\n\n"
        "class Out(BaseModel):\n"
        "    class Config:\n"
        "        orm_mode = True\n\n\n"
        "def f(row, data):\n"
        "    return Out.parse_obj(data).dict(), Out.from_orm(row).json()\n"
    )
    on_v2 = Settings(target_pydantic=2)
    result = fix_text(source, "app/services/x.py", on_v2)
    assert result.text == (
        "from pydantic import BaseModel, ConfigDict\n\n\n"
        "class Out(BaseModel):\n"
        "    model_config = ConfigDict(from_attributes=True)\n\n\n"
        "def f(row, data):\n"
        "    return Out.model_validate(data).model_dump(), Out.model_validate(row, from_attributes=True).model_dump_json()\n"
    )
    assert result.manual == []
    assert fix_text(result.text, "app/services/x.py", on_v2).text == result.text


def test_pass_limit_is_bounded(monkeypatch):
    from flake8_fastapi_conventions.fixer import fix_text

    calls = []
    real = engine.FIXERS["XFA102"]

    def counting(src, finding):
        calls.append(1)
        return real(src, finding)

    monkeypatch.setitem(engine.FIXERS, "XFA102", counting)
    source = "import time\n\n\nasync def f():\n" + "    time.sleep(1)\n" * 5
    result = fix_text(source, "app/x.py")
    assert result.fixed == 5 and len(calls) == 5


# -- check ------------------------------------------------------------------------------


def test_check_reports_only_this_plugin(project, capsys):
    f = write(
        project / "app" / "jobs.py",
        "import os, time\nx=1\n\n\nasync def poll() -> None:\n    time.sleep(1)" + " " * 90 + "\n",
    )
    code = subprocess.run(
        [sys.executable, "-m", "flake8_fastapi_conventions.cli", "check", "app"],
        capture_output=True, text=True, cwd=project,
    )
    assert code.returncode == 1, code.stderr
    lines = code.stdout.strip().splitlines()
    assert lines == [
        "app/jobs.py:6:5: XFA102 time.sleep() blocks the event loop inside async def; "
        "use await asyncio.sleep(...) (fix: fastapi-conventions fix)"
    ]
    assert f.exists()


def test_check_keeps_default_off_and_config(project, capsys):
    write(project / "app" / "ok.py", "x = 1\n")
    write(project / "app" / "bad.py", "def (:\n")
    (project / "setup.cfg").write_text("[flake8]\nselect = E,W,F\n")
    proc = subprocess.run(
        [sys.executable, "-m", "flake8_fastapi_conventions.cli", "check", "app"],
        capture_output=True, text=True, cwd=project,
    )
    assert proc.returncode == 1
    assert [l.split(" ")[1] for l in proc.stdout.splitlines()] == ["E999"]
    assert cli.plugin_select(None) == ["XFA", "E902", "E999"]
    assert cli.plugin_select(["E", "F", "XFA401", "XFA109"]) == ["XFA401", "XFA109", "E902", "E999"]
    write(project / "app" / "bad.py", "x = 2\n")
    proc = subprocess.run(
        [sys.executable, "-m", "flake8_fastapi_conventions.cli", "check", "--exit-zero", "app"],
        capture_output=True, text=True, cwd=project,
    )
    assert proc.returncode == 0 and proc.stdout == ""


# -- rules / rule / usage ------------------------------------------------------------------


def test_rules_table(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["code", "name", "default", "fix"]
    assert lines[1].split() == ["XFA101", "blocking-http-call-in-async", "on", "no"]
    assert any(l.split() == ["XFA102", "blocking-sleep-in-async", "on", "safe"] for l in lines)


def test_rule_page(capsys):
    code, out, _ = run(capsys, "rule", "xfa102")
    assert code == 0
    assert out.startswith("# XFA102 blocking-sleep-in-async\n")
    assert "## Fix safety" in out
    code, _, err = run(capsys, "rule", "XFA000")
    assert code == 2 and err.count("\n") == 1


@pytest.mark.parametrize("argv", [["fix", "--bogus"], ["frobnicate"], ["rule"], ["rules", "extra"]])
def test_usage_errors_are_one_line(capsys, argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err


def test_no_progress_bar_without_a_terminal(project, capsys):
    for i in range(25):
        write(project / "app" / f"m{i}.py", SLEEPY)
    code, out, err = run(capsys, "fix", "app")
    assert code == 1
    assert "\r" not in err and "[#" not in err
    assert out.strip().splitlines()[-1] == "Fixed 25 findings in 25 files"


def test_progress_bar_on_a_terminal(monkeypatch, capsys):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    bar = cli.Progress(40)
    bar.step("a.py")
    bar.clear()
    err = capsys.readouterr().err
    assert "[" in err and "1/40 files" in err and err.endswith("\r\033[K")
    assert cli.Progress(5).enabled is False


def test_console_script_is_installed():
    from importlib.metadata import entry_points

    (ep,) = [e for e in entry_points(group="console_scripts") if e.name == "fastapi-conventions"]
    assert ep.value == "flake8_fastapi_conventions.cli:main"


def test_lint_path_does_not_import_ast_grep():
    code = (
        "import sys, flake8_fastapi_conventions.checker, flake8_fastapi_conventions.cli;"
        "assert 'ast_grep_py' not in sys.modules, 'ast_grep_py imported on the lint path'"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def _cli(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flake8_fastapi_conventions.cli", *args],
        capture_output=True, text=True, cwd=cwd, timeout=300,
    )


def test_check_reports_a_file_too_deep_to_parse_and_goes_on(tmp_path):
    # flake8 itself stops the whole run with a traceback on this file
    write(tmp_path / "deep.py", "x = " + "+".join(["a"] * 3000) + "\n")
    write(tmp_path / "py314.py", "try:\n    pass\nexcept A, B:\n    pass\n")
    write(tmp_path / "ok.py", "import time\n\n\nasync def f():\n    time.sleep(1)\n")
    for jobs in ("1", "2"):
        proc = _cli("check", "--jobs", jobs, ".", cwd=tmp_path)
        assert proc.stderr == "" and proc.returncode == 1
        assert [line.split(" ", 2)[:2] for line in proc.stdout.splitlines()] == [
            ["./deep.py:1:1:", "E999"],
            ["./ok.py:5:5:", "XFA102"],
            ["./py314.py:3:9:", "E999"],
        ]
        assert "too deeply nested" in proc.stdout


def test_check_finds_what_flake8_finds_on_fastapi_sdist(fastapi_sdist, tmp_path):
    import tarfile

    with tarfile.open(fastapi_sdist) as tar:
        tar.extractall(tmp_path, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(tmp_path)
    root = next(tmp_path.glob("fastapi-*"))
    (root / "setup.cfg").write_text("[flake8]\nper-file-ignores =\n    docs_src/*: XFA301\n")
    write(root / "docs_src" / "noqa_case.py", 'import time\n\n\nasync def f():\n    time.sleep(1)  # noqa: XFA102\n    time.sleep(2)\n    x = """\n    """; time.sleep(3)  # noqa\n')
    by_flake8 = subprocess.run(
        [sys.executable, "-m", "flake8", "--select=XFA,E902,E999", "--jobs=1", "docs_src", "fastapi"],
        capture_output=True, text=True, cwd=root, timeout=600,
    )
    by_check = _cli("check", "--jobs=2", "docs_src", "fastapi", cwd=root)
    assert by_check.stderr == ""
    assert sorted(by_check.stdout.splitlines()) == sorted(by_flake8.stdout.splitlines())
    assert len(by_check.stdout.splitlines()) > 100
    assert "noqa_case.py:6:5: XFA102" in by_check.stdout
    assert "noqa_case.py:5:" not in by_check.stdout and "noqa_case.py:8:" not in by_check.stdout
    assert by_check.returncode == by_flake8.returncode == 1


def test_check_json_format(tmp_path):
    import json

    write(tmp_path / "app" / "jobs.py", "import time\n\n\nasync def f():\n    time.sleep(1)\n")
    proc = _cli("check", "--format", "json", "app", cwd=tmp_path)
    findings = json.loads(proc.stdout)
    assert findings == [
        {
            "path": "app/jobs.py",
            "line": 5,
            "column": 5,
            "code": "XFA102",
            "message": "time.sleep() blocks the event loop inside async def",
            "fix_hint": "use await asyncio.sleep(...)",
            "name": "blocking-sleep-in-async",
            "url": "https://github.com/flake8-fastapi-conventions/flake8-fastapi-conventions/blob/main/docs/rules/XFA102.md",
            "fix": "safe",
        }
    ]


def test_version(tmp_path):
    from flake8_fastapi_conventions import __version__

    proc = _cli("--version", cwd=tmp_path)
    assert proc.stdout.strip() == f"fastapi-conventions {__version__}" and proc.returncode == 0


def test_check_and_fix_read_tool_flake8_from_pyproject(tmp_path):
    # a ruff-only project configures flake8 in pyproject.toml, without Flake8-pyproject
    write(tmp_path / "pyproject.toml", '[tool.flake8]\nextend-select = ["XFA109"]\nextend-ignore = ["XFA102"]\n')
    write(tmp_path / "app" / "jobs.py", "import time\n\n\nasync def f() -> None:\n    time.sleep(1)\n")
    write(tmp_path / "app" / "routes.py", "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get('/')\nasync def index() -> dict:\n    return {'total': sum(range(10))}\n")
    def codes(proc):
        return {line.split(" ")[1] for line in proc.stdout.splitlines()} & {"XFA102", "XFA109"}

    proc = _cli("check", "app", cwd=tmp_path)
    assert codes(proc) == {"XFA109"}, proc.stdout + proc.stderr
    fixed = _cli("fix", "--diff", "app", cwd=tmp_path)
    assert "asyncio.sleep" not in fixed.stdout  # XFA102 is ignored by the configuration
    # a setup.cfg that configures flake8 wins, as it does for flake8
    write(tmp_path / "setup.cfg", "[flake8]\nextend-ignore = XFA109\n")
    proc = _cli("check", "app", cwd=tmp_path)
    assert codes(proc) == {"XFA102"}


def test_cli_option_errors_name_the_command(tmp_path):
    proc = _cli("check", "--fastapi-max-if-depth=x", ".", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith("fastapi-conventions: ")


def test_fix_writes_a_symlinks_target_and_keeps_the_link(project, capsys):
    real = write(project / "shared" / "jobs.py", SLEEPY)
    link = project / "app" / "jobs.py"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(real)
    assert run(capsys, "fix", "app/jobs.py")[0] == 1
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == SLEEPY_FIXED


def test_fix_leaves_a_read_only_file_unchanged_even_as_root(project, capsys):
    f = write(project / "app" / "jobs.py", SLEEPY)
    f.chmod(0o444)
    code, _, err = run(capsys, "fix", "app")
    assert f.read_text() == SLEEPY and f.stat().st_mode & 0o777 == 0o444
    assert "app/jobs.py: read-only file, left unchanged" in err
    assert code == 0


def test_fix_writes_in_place_when_the_directory_is_read_only(project, capsys, monkeypatch):
    f = write(project / "app" / "jobs.py", SLEEPY)
    inode = f.stat().st_ino

    def no_temporary_file(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", no_temporary_file)
    assert run(capsys, "fix", "app")[0] == 1
    assert f.read_text() == SLEEPY_FIXED and f.stat().st_ino == inode


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_fix_keeps_the_files_owner(project, capsys):
    f = write(project / "app" / "jobs.py", SLEEPY)
    os.chown(f, 65534, 65534)
    assert run(capsys, "fix", "app")[0] == 1
    assert (f.stat().st_uid, f.stat().st_gid) == (65534, 65534)
    assert f.read_text() == SLEEPY_FIXED


def test_the_fixer_indexes_a_module_once_per_pass_not_per_fix(monkeypatch):
    from flake8_fastapi_conventions.fixer import fix_text

    calls = []
    real = engine.Source._index_module

    def counting(self):
        calls.append(self)
        real(self)

    monkeypatch.setattr(engine.Source, "_index_module", counting)
    source = "import time\n\n" + "".join(f"\nasync def f{i}() -> int:\n    time.sleep(1)\n    return {i}\n" for i in range(300))
    result = fix_text(source, "app/jobs.py")
    assert result.fixed == 300
    assert len(calls) == len({id(s) for s in calls}) <= 3


def test_diff_of_a_long_file_marks_only_the_changed_lines(tmp_path):
    # difflib's unified_diff, on a file over 200 lines whose lines repeat, pairs unchanged
    # lines as removed and added; the fixer's --diff shows just the change
    body = "".join(f"\n\nasync def f{i}() -> int:\n    x = 1\n    return x\n" for i in range(80))
    before = "import time\n" + body + "\n\nasync def g() -> None:\n    time.sleep(1)\n"
    after = before.replace("    time.sleep(1)\n", "    await asyncio.sleep(1)\n")
    diff = cli.unified_diff("app/jobs.py", before, after)
    changed = [l for l in diff.splitlines() if l[:1] in "+-" and not l.startswith(("---", "+++"))]
    assert changed == ["-    time.sleep(1)", "+    await asyncio.sleep(1)"]
    # and it applies
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "jobs.py").write_text(before)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "p.diff").write_text(diff)
    subprocess.run(["git", "apply", "p.diff"], cwd=tmp_path, check=True)
    assert (tmp_path / "app" / "jobs.py").read_text() == after


def test_rules_filters(tmp_path):
    from flake8_fastapi_conventions.registry import RULES

    fixable = _cli("rules", "--fixable", cwd=tmp_path).stdout.splitlines()[1:]
    assert {line.split()[0] for line in fixable} == {c for c, r in RULES.items() if r.fix}
    write(tmp_path / "setup.cfg", "[flake8]\nextend-select = XFA109\nextend-ignore = XFA101\n")
    enabled = {line.split()[0] for line in _cli("rules", "--enabled", cwd=tmp_path).stdout.splitlines()[1:]}
    assert "XFA109" in enabled and "XFA101" not in enabled and "XFA102" in enabled and "XFA901" not in enabled


def test_the_xfa411_fix_follows_the_projects_python_not_the_interpreter(tmp_path):
    from flake8_fastapi_conventions.fixer import fix_text

    source = "from datetime import datetime\n\n\ndef stamp():\n    return datetime.utcnow()\n"
    old = tmp_path / "old"
    write(old / "pyproject.toml", '[project]\nname = "x"\nrequires-python = ">=3.9"\n')
    result = fix_text(source, str(old / "app" / "clock.py"), XFA411_ON, unsafe=True)
    assert "datetime.now(timezone.utc)" in result.text and "import datetime, timezone" in result.text
    new = tmp_path / "new"
    write(new / "pyproject.toml", '[project]\nname = "x"\nrequires-python = ">=3.11"\n')
    result = fix_text(source, str(new / "app" / "clock.py"), XFA411_ON, unsafe=True)
    assert "datetime.now(UTC)" in result.text and "from datetime import UTC, datetime" in result.text


def test_the_xfa411_fix_declines_where_the_aware_value_meets_an_unknown_one(tmp_path):
    from flake8_fastapi_conventions.fixer import fix_text

    source = (
        "from datetime import datetime, timedelta\n\n\n"
        "def age(row):\n    return datetime.utcnow() - row.created_at\n\n\n"
        "def expired(row):\n    return row.expires_at < datetime.utcnow()\n\n\n"
        "def later():\n    return datetime.utcnow() - timedelta(days=1)\n"
    )
    result = fix_text(source, "app/clock.py", XFA411_ON, unsafe=True)
    assert "datetime.utcnow() - row.created_at" in result.text
    assert "row.expires_at < datetime.utcnow()" in result.text
    assert "datetime.now(timezone.utc) - timedelta(days=1)" in result.text
    # the messages there offer no fix: the rule and the fixer decide alike
    manual = {m.finding.line: m.finding.message for m in result.manual if m.finding.code == "XFA411"}
    assert set(manual) == {5, 9} and not any("fastapi-conventions fix" in m for m in manual.values())


def test_explain_says_the_layer_why_and_the_project_facts(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\nrequires-python = ">=3.10"\ndependencies = ["pydantic>=2"]\n')
    for package in ("app", "app/core", "app/services", "app/services/search"):
        write(tmp_path / package / "__init__.py", "")
    write(tmp_path / "app/core/base.py", "from pydantic import BaseModel\n\n\nclass AppBase(BaseModel):\n    pass\n")
    write(tmp_path / "app/core/notify.py", "async def notify(user):\n    pass\n")
    write(
        tmp_path / "app/services/search/model.py",
        "from app.core.base import AppBase\nfrom app.core.notify import notify\n\n\nclass Query(AppBase):\n    text: str\n",
    )
    proc = _cli("explain", "app/services/search/model.py", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "app/services/search/model.py",
        f"  project root: {tmp_path} (holds pyproject.toml)",
        "  layer: schemas",
        "    the path says services (*/services/*: a directory glob, a default)",
        "    the content decides: it defines only Pydantic classes and no functions",
        "  declares: Python >= 3.10 (pyproject.toml), Pydantic 2 (pyproject.toml)",
        "  classes: Query: pydantic (pydantic.BaseModel)",
        "  imports from the project:",
        "    AppBase → class in app/core/base.py: pydantic (pydantic.BaseModel)",
        "    notify → async def in app/core/notify.py",
    ]
    write(tmp_path / "bad.py", "def (:\n")
    proc = _cli("explain", "bad.py", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith("bad.py:1: cannot parse")


def test_a_mutable_marker_default_is_not_moved_into_the_signature():
    from flake8_fastapi_conventions.fixer import fix_text

    source = (
        "from typing import Annotated\n\nfrom fastapi import APIRouter, Query\n\nrouter = APIRouter()\n\n\n"
        "@router.get('/items')\n"
        "async def items(q: list[str] = Query([]), n: int = Query(10, le=99)) -> list[str]:\n"
        "    return q[:n]\n"
    )
    result = fix_text(source, "app/routes/items.py")
    # `n` moves (an int); `q` would become `= []`, which flake8-bugbear's B006 flags
    assert "n: Annotated[int, Query(le=99)] = 10" in result.text
    assert "q: list[str] = Query([])" in result.text
    assert [m for m in result.manual if m.reason and "B006" in m.reason] and result.fixed == 1


def test_added_imports_go_where_isort_puts_them(tmp_path):
    from flake8_fastapi_conventions.fixer import fix_text

    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "app").mkdir()
    path = str(tmp_path / "app/routes.py")
    body = "\n\nrouter = APIRouter()\n\n\n@router.get('/')\nasync def home() -> None:\n    time.sleep(1)\n"
    cases = {
        # the standard library section, alphabetically, `import x` before `from x import`
        "import time\nfrom typing import Any\n\nfrom fastapi import APIRouter\n\nfrom app.db import x\n":
            "import asyncio\nimport time\nfrom typing import Any\n\nfrom fastapi import APIRouter\n\nfrom app.db import x\n",
        "import os\nimport time\n\nfrom fastapi import APIRouter\n":
            "import asyncio\nimport os\nimport time\n\nfrom fastapi import APIRouter\n",
        # an unsorted file: beside the import of its own section
        "from fastapi import APIRouter\nimport time\n":
            "from fastapi import APIRouter\nimport asyncio\nimport time\n",
    }
    for head, want in cases.items():
        result = fix_text(head + body, path)
        assert result.text.startswith(want), result.text
    # no standard-library import yet: a section of its own, above the third-party one
    source = (
        "from fastapi import APIRouter, Query\n\nrouter = APIRouter()\n\n\n"
        "@router.get('/')\nasync def home(q: int = Query(1)) -> int:\n    return q\n"
    )
    result = fix_text(source, path)
    assert result.text.startswith("from typing import Annotated\n\nfrom fastapi import APIRouter, Query\n\nrouter"), result.text
    # a name joins an existing `from typing import` in isort's order when its names are sorted
    # and on one line (it was appended: `Literal, Annotated`), else after the last one
    for head, want in {
        "from typing import Literal\n": "from typing import Annotated, Literal\n",
        "from typing import Any, Literal\n": "from typing import Annotated, Any, Literal\n",
        "from typing import TYPE_CHECKING, cast\n": "from typing import TYPE_CHECKING, Annotated, cast\n",
        "from typing import Literal, Any\n": "from typing import Literal, Any, Annotated\n",
        "from typing import (\n    Literal,\n)\n": "from typing import (\n    Literal, Annotated,\n)\n",
    }.items():
        result = fix_text(head + source, path)
        assert result.text.startswith(want + "from fastapi import APIRouter, Query\n"), result.text
