"""The README's examples work as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_the_first_screen_has_exactly_the_two_set_up_commands():
    first = blocks("bash")[0]
    commands = [line for line in first.splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].startswith("python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/flake8")
    assert commands[1].endswith(".venv/bin/python -m pytest")
    # .ci/run runs the same test command
    assert "-m pytest" in (ROOT / ".ci" / "run").read_text()


def test_the_first_command_reports_a_file_that_does_not_parse(tmp_path):
    # flake8 runs no plugin on a file it cannot parse: the README's selection keeps E999
    command = blocks("bash")[0].splitlines()[1]
    args = command.split(".venv/bin/flake8 ", 1)[1].split()
    assert args[-1] == "path/to/your/project"
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "jobs.py").write_text("import time\n\n\nasync def poll() -> None:\n    time.sleep(1)\n")
    (tmp_path / "app" / "new.py").write_text("x = 1\ndef broken(:\n    pass\n")
    result = subprocess.run(
        [sys.executable, "-m", "flake8", *args[:-1], "app"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    found = sorted(line.split(" ")[:2] for line in result.stdout.splitlines())
    assert found == [["app/jobs.py:5:5:", "XFA102"], ["app/new.py:2:13:", "E999"]]  # flake8's column for a SyntaxError


def test_the_configuration_example_is_read_by_flake8(tmp_path):
    (ini,) = blocks("ini")
    (tmp_path / "setup.cfg").write_text(ini)
    app = tmp_path / "app"
    (app / "logic").mkdir(parents=True)
    (app / "routers").mkdir()
    # XFA109 (off by default) is switched on by the example's extend-select
    (app / "routers" / "items.py").write_text(
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
        "@router.get('/items')\nasync def items() -> list[int]:\n    return sorted([1])\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select=XFA", "."], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.stderr == ""
    assert "XFA109" in result.stdout
