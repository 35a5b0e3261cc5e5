"""The sdist and wheel build, install into a fresh virtual environment, and work."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    pytest.importorskip("build")
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0 and "Could not find a version" in result.stdout + result.stderr:
        pytest.skip("no package index to build from")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return out


def test_sdist_and_wheel_are_built(dist):
    names = sorted(p.name for p in dist.iterdir())
    assert any(n.endswith(".whl") for n in names) and any(n.endswith(".tar.gz") for n in names), names


def test_the_wheel_installs_and_runs_in_a_fresh_environment(dist, tmp_path):
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    wheel = next(dist.glob("*.whl"))
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True, timeout=600)
    version = subprocess.run([str(python), "-m", "flake8", "--version"], capture_output=True, text=True, check=True)
    assert "flake8-fastapi-conventions" in version.stdout
    sample = tmp_path / "app.py"
    sample.write_text("import time\n\n\nasync def f():\n    time.sleep(1)\n")
    # run from the file's directory, as users do: pytest's directory is named test_*, and
    # the tests layer's globs would match the absolute path
    found = subprocess.run(
        [str(python), "-m", "flake8", "--select=XFA", sample.name], capture_output=True, text=True, cwd=tmp_path
    )
    assert ":5:5: XFA102 " in found.stdout
    # the lint path never loads the fixer's 45 MB native engine
    probe = subprocess.run(
        [str(python), "-c", "import sys, flake8_fastapi_conventions.checker; print('ast_grep_py' in sys.modules)"],
        capture_output=True, text=True, check=True,
    )
    assert probe.stdout.strip() == "False"


def test_metadata(dist):
    import tarfile

    sdist = next(dist.glob("*.tar.gz"))
    with tarfile.open(sdist) as tar:
        pkg_info = next(m for m in tar.getmembers() if m.name.endswith("/PKG-INFO"))
        text = tar.extractfile(pkg_info).read().decode()
    assert "Classifier: Framework :: Flake8" in text
    assert "Classifier: Framework :: FastAPI" in text
    from flake8_fastapi_conventions import __version__

    assert f"Version: {__version__}" in text
