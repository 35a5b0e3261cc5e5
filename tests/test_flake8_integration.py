"""Through the real flake8 command: selection, noqa, stdin, --jobs, options."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from flake8_fastapi_conventions import __version__
from flake8_fastapi_conventions import rules as _rules  # noqa: F401  (declares them)
from flake8_fastapi_conventions.registry import RULES

ON_SOURCE = "import time\n\n\nasync def f():\n    time.sleep(1)\n"


def flake8(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flake8", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def codes(result: subprocess.CompletedProcess) -> list[str]:
    found = []
    for line in result.stdout.splitlines():
        parts = line.split(":", 3)
        if len(parts) == 4:
            found.append(parts[3].split()[0])
    return found


def off_rule():
    for code in ("XFA109", "XFA205", "XFA307"):
        if code in RULES:
            return RULES[code]
    pytest.fail("no off rule declared")


@pytest.fixture
def project(tmp_path):
    off = off_rule()
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "client.py").write_text(ON_SOURCE)
    target = tmp_path / off.example_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(off.bad + "\n")
    return tmp_path


def test_version_lists_the_plugin(tmp_path):
    result = flake8("--version", cwd=tmp_path)
    assert f"flake8-fastapi-conventions: {__version__}" in result.stdout


def test_default_selection_reports_on_rules_only(project):
    result = flake8(".", cwd=project)
    found = codes(result)
    assert "XFA102" in found
    assert off_rule().code not in found


def test_extend_select_switches_an_off_rule_on(project):
    off = off_rule()
    result = flake8(".", f"--extend-select={off.code}", cwd=project)
    assert off.code in codes(result) and "XFA102" in codes(result)


def test_select_xfa_does_not_switch_off_rules_on(project):
    result = flake8(".", "--select=XFA", cwd=project)
    found = codes(result)
    assert set(found) and all(c.startswith("XFA") for c in found)
    assert off_rule().code not in found


def test_plain_ignore_in_a_config_file_does_not_switch_off_rules_on(project):
    (project / "setup.cfg").write_text("[flake8]\nignore = E501\n")
    result = flake8(".", cwd=project)
    found = codes(result)
    assert "XFA102" in found and off_rule().code not in found
    (project / "setup.cfg").write_text(f"[flake8]\nignore = E501\nextend-select = {off_rule().code}\n")
    assert off_rule().code in codes(flake8(".", cwd=project))


def test_noqa(tmp_path):
    (tmp_path / "a.py").write_text(ON_SOURCE.replace("(1)", "(1)  # noqa: XFA102"))
    (tmp_path / "b.py").write_text(ON_SOURCE.replace("(1)", "(1)  # noqa: E501"))
    result = flake8("--select=XFA", ".", cwd=tmp_path)
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["./b.py"]


def test_stdin_uses_the_display_name_for_the_layer(tmp_path):
    source = textwrap.dedent(
        """\
        from fastapi import HTTPException


        async def get_user(user_id: int):
            raise HTTPException(status_code=404, detail="not found")
        """
    )
    as_service = flake8("--select=XFA", "--extend-select=XFA201", "-", "--stdin-display-name", "app/services/user_service.py", cwd=tmp_path, stdin=source)
    as_route = flake8("--select=XFA", "--extend-select=XFA201", "-", "--stdin-display-name", "app/routers/users.py", cwd=tmp_path, stdin=source)
    assert "XFA201" in codes(as_service)
    assert as_service.stdout.startswith("app/services/user_service.py:")
    assert "XFA201" not in codes(as_route)


def test_jobs_2_gives_the_same_findings_as_jobs_1(tmp_path):
    for i in range(12):
        (tmp_path / f"m{i}.py").write_text(ON_SOURCE + f"\n\nasync def g{i}():\n    import time\n    time.sleep({i})\n")
    one = flake8("--select=XFA", "--jobs=1", ".", cwd=tmp_path)
    two = flake8("--select=XFA", "--jobs=2", ".", cwd=tmp_path)
    assert sorted(one.stdout.splitlines()) == sorted(two.stdout.splitlines())
    assert len(one.stdout.splitlines()) == 24


def test_a_bad_option_value_is_one_line_not_a_traceback(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "setup.cfg").write_text("[flake8]\nfastapi-max-if-depth = deep\n")
    result = subprocess.run([sys.executable, "-m", "flake8", "a.py"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "flake8: setup.cfg: fastapi-max-if-depth: expected a whole number >= 1, got 'deep'"
    ]


def test_a_bad_no_cache_value_is_one_line_not_a_traceback(tmp_path):
    # flake8 reads its own store_true options with getboolean, which stops with a traceback
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "setup.cfg").write_text("[flake8]\nfastapi-no-cache = maybe\n")
    result = subprocess.run([sys.executable, "-m", "flake8", "a.py"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == ["flake8: setup.cfg: fastapi-no-cache: expected true or false, got 'maybe'"]


def test_layer_options_from_a_config_file(tmp_path):
    (tmp_path / "setup.cfg").write_text("[flake8]\nfastapi-services-paths = */logic/*\n")
    (tmp_path / "app" / "logic").mkdir(parents=True)
    (tmp_path / "app" / "logic" / "users.py").write_text(
        "from fastapi import HTTPException\n\n\ndef f():\n    raise HTTPException(404)\n"
    )
    assert "XFA201" in codes(flake8("--select=XFA", "--extend-select=XFA201", ".", cwd=tmp_path))


PRINTS = "def report():\n    print('done')\n"


@pytest.mark.parametrize(
    ("display_name", "expected"),
    [
        ("app/services/report_service.py", ["XFA805"]),
        ("tests/test_report.py", []),
        ("scripts/report.py", []),
        ("stdin-display-name-absent", None),
    ],
)
def test_stdin_detects_tests_and_scripts_by_display_name(tmp_path, display_name, expected):
    args = ["--select=XFA", "--extend-select=XFA805", "-"] + ([] if expected is None else ["--stdin-display-name", display_name])
    result = flake8(*args, cwd=tmp_path, stdin=PRINTS)
    if expected is None:  # plain `flake8 -`: the file is called stdin
        assert result.stdout.startswith("stdin:2:5: XFA805")
    else:
        assert codes(result) == expected


def test_stdin_with_an_absolute_display_name_under_the_working_directory(tmp_path):
    # nvim-lint passes the buffer's absolute path; a project living under a "tests" directory
    # must not turn every file into a test file
    project = tmp_path / "tests" / "project"
    project.mkdir(parents=True)
    name = str(project / "app" / "services" / "report_service.py")
    result = flake8("--select=XFA", "--extend-select=XFA805", "-", "--stdin-display-name", name, cwd=project, stdin=PRINTS)
    assert codes(result) == ["XFA805"]


def test_stdin_and_file_give_the_same_findings(tmp_path):
    path = tmp_path / "app" / "services" / "user_service.py"
    path.parent.mkdir(parents=True)
    source = "from fastapi import HTTPException\n\n\nasync def get_user():\n    raise HTTPException(404)\n"
    path.write_text(source)
    by_path = flake8("--select=XFA", "--extend-select=XFA201", "app/services/user_service.py", cwd=tmp_path)
    by_stdin = flake8("--select=XFA", "--extend-select=XFA201", "-", "--stdin-display-name", "app/services/user_service.py", cwd=tmp_path, stdin=source)
    assert by_path.stdout == by_stdin.stdout and by_path.stdout


def test_the_plugin_passes_its_own_checks_and_pyflakes():
    root = Path(__file__).resolve().parent.parent
    result = flake8(
        "--isolated", "--select=XFA,F", "flake8_fastapi_conventions", "scripts", "bench/bench.py", cwd=root
    )
    assert result.stdout == "" and result.returncode == 0, result.stdout


def test_the_cache_and_root_options_are_accepted(project):
    # nothing reads them yet in a way the findings show; flake8 must accept them and not stop
    expected = sorted(flake8("--select=XFA", ".", cwd=project).stdout.splitlines())
    assert expected
    by_cli = flake8(
        "--select=XFA", "--fastapi-no-cache", "--fastapi-cache-dir=.xfa", "--fastapi-project-root=.", ".", cwd=project
    )
    assert (by_cli.returncode, by_cli.stderr, sorted(by_cli.stdout.splitlines())) == (1, "", expected)
    (project / ".flake8").write_text(
        "[flake8]\nfastapi-no-cache = true\nfastapi-cache-dir = ./.xfa\nfastapi-project-root = .\n"
    )
    by_config = flake8("--select=XFA", ".", cwd=project)
    assert (by_config.returncode, by_config.stderr, sorted(by_config.stdout.splitlines())) == (1, "", expected)
    help_text = flake8("--help", cwd=project).stdout
    for option in ("--fastapi-no-cache", "--fastapi-cache-dir", "--fastapi-project-root"):
        assert option in help_text


def test_a_bad_config_value_names_the_file_and_a_misspelt_key_is_warned(tmp_path):
    (tmp_path / "app.py").write_text("x = 1\n")
    (tmp_path / "setup.cfg").write_text("[flake8]\nfastapi_max_if_deph = 3\nfastapi-max-if-depth = x\n")
    result = flake8("--select=XFA", "app.py", cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "flake8: setup.cfg: fastapi-max-if-depth: expected a whole number >= 1, got 'x'" in result.stderr
    assert (
        "flake8-fastapi-conventions: setup.cfg: unknown option fastapi-max-if-deph "
        "(did you mean fastapi-max-if-depth?); it is ignored"
    ) in result.stderr
    # the same bad value on the command line names the flag
    (tmp_path / "setup.cfg").write_text("[flake8]\n")
    result = flake8("--select=XFA", "--fastapi-max-if-depth=y", "app.py", cwd=tmp_path)
    assert "flake8: --fastapi-max-if-depth: expected a whole number >= 1, got 'y'" in result.stderr
    assert "unknown option" not in result.stderr


def test_layers_follow_the_nested_project_of_a_stdin_display_name(tmp_path):
    # a monorepo's services/ directory of deployables is no services layer: the file is
    # read from its own project's root, also when the editor pipes it on stdin
    (tmp_path / ".git").mkdir()
    engine = tmp_path / "services" / "engine"
    (engine / "app" / "api").mkdir(parents=True)
    (engine / "app" / "services").mkdir(parents=True)
    (engine / "pyproject.toml").write_text("[project]\nname = 'engine'\n")
    source = "from fastapi import HTTPException\n\n\ndef get(x):\n    raise HTTPException(404)\n"
    args = ("--isolated", "--select=XFA201", "--stdin-display-name")
    facade = flake8(*args, "services/engine/app/api/facade.py", "-", cwd=tmp_path, stdin=source)
    assert facade.returncode == 0 and facade.stdout == ""
    service = flake8(*args, "services/engine/app/services/users.py", "-", cwd=tmp_path, stdin=source)
    assert service.stdout.split(": ", 1)[0] == "services/engine/app/services/users.py:5:5"
    assert codes(service) == ["XFA201"]
