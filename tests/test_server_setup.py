"""The language server's packaging: an optional extra, a clear message without it, and
no fixer engine loaded until a fix is asked for."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


def test_the_server_module_does_not_load_the_fixer_engine():
    import subprocess

    probe = subprocess.run(
        [sys.executable, "-c", "import sys, flake8_fastapi_conventions.server; print('ast_grep_py' in sys.modules)"],
        capture_output=True, text=True, check=True,
    )
    assert probe.stdout.strip() == "False"


def test_without_pygls_the_subcommand_says_what_to_install():
    import subprocess

    code = (
        "import sys; sys.modules['pygls'] = None; sys.modules['pygls.lsp.server'] = None\n"
        "from flake8_fastapi_conventions.cli import main\n"
        "sys.exit(main(['server']))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert "pip install 'flake8-fastapi-conventions[server]'" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_the_server_extra_is_optional():
    tomllib = pytest.importorskip("tomllib")  # Python >= 3.11

    meta = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
    assert not any(d.startswith(("pygls", "lsprotocol")) for d in meta["dependencies"])
    server = meta["optional-dependencies"]["server"]
    assert any(d.startswith("pygls") for d in server) and any(d.startswith("lsprotocol") for d in server)
    test = meta["optional-dependencies"]["test"]
    assert any(d.startswith("pytest-lsp") for d in test) and any(d.startswith("pygls") for d in test)
