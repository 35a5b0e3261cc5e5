"""``fastapi-conventions check`` (its own file checker, ``check_driver``) against flake8
itself: the same findings, ``# noqa`` decisions, select/ignore/per-file-ignores and
exclusion from the same configuration files, and the same output."""

from __future__ import annotations

import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from flake8_fastapi_conventions import check_driver

SLEEP = "import time\n\n\nasync def f():\n"

FILES = {
    # bare noqa, codes, prefixes, case, the space flake8 requires, codes of another rule
    "app/noqa_forms.py": SLEEP
    + "    time.sleep(1)  # noqa\n"
    + "    time.sleep(2)  # noqa: XFA102\n"
    + "    time.sleep(3)  # noqa:XFA1\n"
    + "    time.sleep(4)  # NOQA: xfa102\n"
    + "    time.sleep(5)  #noqa\n"
    + "    time.sleep(6)  # noqa: XFA101\n"
    + "    time.sleep(7)  # noqa: E501,XFA102\n"
    + "    time.sleep(8)  # flake8: noqa\n"
    + "    time.sleep(9)\n",
    # where flake8 looks for the comment: a statement's lines joined by a backslash or a
    # multi-line string count as one line; the lines of a bracketed call do not
    "app/noqa_lines.py": SLEEP
    + "    time.sleep(\n        1)  # noqa\n"
    + "    x = 1 if f else \\\n        time.sleep(2)  # noqa\n"
    + '    y = """\n    """; time.sleep(3)  # noqa\n'
    + '    time.sleep(4); z = """\n    """  # noqa\n'
    + "    time.sleep(5)\n",
    "app/skipped.py": "# flake8: noqa\n" + SLEEP + "    time.sleep(1)\n",
    "app/not_skipped.py": SLEEP + "    time.sleep(1)\n    x = 1  # flake8: noqa\n",
    "app/crlf.py": (SLEEP + "    time.sleep(1)  # noqa\n    time.sleep(2)\n").replace("\n", "\r\n"),
    "app/routes.py": "import time\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
    "@app.on_event('startup')\nasync def start():\n    time.sleep(1)\n",
    "app/broken.py": "def f(:\n",
    "app/broken_noqa.py": "x = 1\ndef f(:  # noqa\n",
    "tests/test_jobs.py": SLEEP + "    time.sleep(1)\n",
    "build/gen.py": SLEEP + "    time.sleep(1)\n",
    "vendored/lib.py": SLEEP + "    time.sleep(1)\n",
}

CONFIG = (
    "[flake8]\n"
    "extend-select = XFA109\n"
    "extend-ignore = XFA601\n"
    "per-file-ignores =\n    tests/*: XFA102\n"
    "extend-exclude = vendored\n"
)


def _tree(root: Path, files: dict[str, str | bytes]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_bytes(text.encode())


def _both(root: Path, *args: str) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    run = dict(capture_output=True, text=True, cwd=root, timeout=300)
    by_check = subprocess.run([sys.executable, "-m", "flake8_fastapi_conventions.cli", "check", *args], **run)
    by_flake8 = subprocess.run([sys.executable, "-m", "flake8", *args], **run)
    return by_check, by_flake8


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("check_driver")
    _tree(root, FILES)
    # flake8 reads select from the same file; E9 so that flake8 reports what check adds
    (root / "setup.cfg").write_text(CONFIG.replace("[flake8]\n", "[flake8]\nselect = XFA,E902,E999\n"))
    return root


def test_noqa_and_config_parity_with_flake8(project):
    by_check, by_flake8 = _both(project, ".")
    assert by_check.stderr == ""
    assert by_check.stdout == by_flake8.stdout
    assert by_check.returncode == by_flake8.returncode == 1
    found = {line.split(" ", 2)[0] + line.split(" ", 2)[1] for line in by_check.stdout.splitlines()}
    # the decisions themselves, so that a parity that finds nothing cannot pass
    forms = {n for n in range(1, 10) if f"./app/noqa_forms.py:{4 + n}:5:XFA102" in found}
    # flake8 compares the codes case-sensitively: `# NOQA: xfa102` keeps XFA102
    assert forms == {4, 5, 6, 8, 9}
    lines = {line for line in found if line.startswith("./app/noqa_lines.py")}
    assert lines == {"./app/noqa_lines.py:5:5:XFA102", "./app/noqa_lines.py:13:5:XFA102"}
    assert "./app/not_skipped.py:5:5:XFA102" in found
    assert not any(line.startswith(("./app/skipped.py", "./tests/", "./vendored/")) for line in found)
    assert {line for line in found if line.startswith("./app/crlf.py")} == {"./app/crlf.py:6:5:XFA102"}
    assert "./app/routes.py:9:5:XFA102" in found and not any("XFA601" in line for line in found)
    assert "./build/gen.py:5:5:XFA102" in found  # not in flake8's default exclude
    assert "./app/broken.py:1:8:E999" in found and not any("broken_noqa" in line for line in found)


@pytest.mark.parametrize(
    "args",
    [
        ["--disable-noqa"],
        ["--show-source", "--format=pylint", "--count", "--statistics"],
        ["--jobs=2", "--extend-ignore=XFA101", "--per-file-ignores=app/noqa_lines.py:XFA1"],
        ["--isolated", "--select=XFA10", "--exclude=build,tests"],
    ],
)
def test_options_parity_with_flake8(project, args):
    if "--isolated" in args:  # no setup.cfg: flake8 needs the E9 codes on its command line
        by_check = _both(project, *args, ".")[0]
        by_flake8 = _both(project, *[a.replace("XFA10", "XFA10,E902,E999") for a in args], ".")[1]
    else:
        by_check, by_flake8 = _both(project, *args, ".")
    assert by_check.stderr == ""
    assert by_check.stdout == by_flake8.stdout
    assert by_check.returncode == by_flake8.returncode
    assert by_check.stdout.count("XFA102") >= 3


def test_a_setup_cfg_without_select_keeps_only_this_plugins_codes(tmp_path):
    _tree(tmp_path, {"app/jobs.py": SLEEP + "    time.sleep(1)  # noqa: XFA101\nimport os\n", "app/bad.py": "def (:\n"})
    (tmp_path / "tox.ini").write_text("[flake8]\nselect = E,F,XFA102\n")
    proc = subprocess.run(
        [sys.executable, "-m", "flake8_fastapi_conventions.cli", "check", "app"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert sorted(line.split(" ")[:2] for line in proc.stdout.splitlines()) == [
        ["app/bad.py:1:6:", "E999"],
        ["app/jobs.py:5:5:", "XFA102"],
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"x = 1\r\ny = 2\rz = 3\n",
        b"\xef\xbb\xbfx = 1\n",
        b"# -*- coding: latin-1 -*-\nname = '\xe9'\n",
        b"name = '\xe9'\n",  # not UTF-8, no cookie: flake8 falls back to latin-1
        b"x = 1\x0c\ny = '\xe2\x80\xa8'\n",  # a form feed and U+2028 do not end lines
        b"",
    ],
)
def test_lines_are_read_as_flake8_reads_them(tmp_path, data):
    from flake8.processor import FileProcessor

    path = tmp_path / "m.py"
    path.write_bytes(data)
    options = Namespace(hang_closing=False, indent_size=4, max_line_length=79, max_doc_length=None, verbose=0)
    display, lines, _first = check_driver.read_lines(str(path), options)
    assert display == str(path)
    assert lines == FileProcessor(str(path), options).lines


def test_a_file_that_cannot_be_read_is_e902(tmp_path):
    options = Namespace(disable_noqa=False, show_source=False, format="default")
    name, results, _ = check_driver.check_file(str(tmp_path / "missing.py"), Namespace(tree=[]), options)
    assert name == str(tmp_path / "missing.py")
    assert [r[:3] for r in results] == [("E902", 0, 0)] and "FileNotFoundError" in results[0][3]


def test_null_bytes_are_e999_not_a_crash(tmp_path):
    options = Namespace(disable_noqa=False, show_source=False, format="default")
    path = tmp_path / "nul.py"
    path.write_bytes(b"x = 1\x00\n")
    _, results, _ = check_driver.check_file(str(path), Namespace(tree=[]), options)
    assert [r[0] for r in results] == ["E999"]


def test_a_file_without_noqa_is_not_tokenized(tmp_path, monkeypatch):
    from flake8_fastapi_conventions.cli import check_setup

    monkeypatch.chdir(tmp_path)  # relative paths: no "test" directory in the layer's view
    plugins, options = check_setup(["--isolated", "app"])
    made = []
    monkeypatch.setattr(check_driver, "FileProcessor", lambda *a, **k: made.append(a) or pytest.fail("tokenized"))
    _tree(tmp_path, {"app/jobs.py": SLEEP + "    time.sleep(1)\n"})
    _, results, _ = check_driver.check_file("app/jobs.py", plugins.checkers, options)
    assert [(r[0], r[1], r[2], r[4]) for r in results] == [("XFA102", 5, 4, "    time.sleep(1)\n")]
    assert made == []


def test_jobs_with_the_spawn_start_method(project):
    # Python 3.14 starts workers with forkserver on Linux, macOS with spawn: the workers do
    # not inherit the parent's set-up and make it again from the command line
    code = (
        "import multiprocessing, sys; multiprocessing.set_start_method('spawn');"
        "from flake8_fastapi_conventions.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    run = dict(capture_output=True, text=True, cwd=project, timeout=300)
    by_check = subprocess.run([sys.executable, "-c", code, "check", "--jobs=2", "."], **run)
    by_flake8 = subprocess.run([sys.executable, "-m", "flake8", "."], **run)
    assert by_check.stderr == ""
    assert by_check.stdout == by_flake8.stdout and by_check.stdout.count("XFA102") >= 3
