"""The hooks of .pre-commit-hooks.yaml run as pre-commit would run them."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parent.parent
HOOKS = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}

BAD = "import time\n\n\nasync def poll():\n    time.sleep(1)\n"


def run_hook(hook_id: str, tree: Path, *files: str) -> subprocess.CompletedProcess:
    hook = HOOKS[hook_id]
    assert hook["language"] == "python" and hook["types"] == ["python"]
    entry = shlex.split(hook["entry"])
    executable = shutil.which(entry[0], path=str(Path(sys.executable).parent)) or shutil.which(entry[0])
    assert executable, f"{entry[0]} is not installed with the package"
    # pre-commit appends the staged files matching `types` to the entry
    return subprocess.run([executable, *entry[1:], *hook.get("args", []), *files], cwd=tree, capture_output=True, text=True, timeout=120)


def test_fix_hook_rewrites_and_fails_so_the_commit_is_retried(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "jobs.py").write_text(BAD)
    (tmp_path / "app" / "clean.py").write_text("x = 1\n")
    first = run_hook("fastapi-conventions-fix", tmp_path, "app/jobs.py", "app/clean.py")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "await asyncio.sleep(1)" in (tmp_path / "app" / "jobs.py").read_text()
    second = run_hook("fastapi-conventions-fix", tmp_path, "app/jobs.py", "app/clean.py")
    assert second.returncode == 0, second.stdout + second.stderr


def test_check_hook_reports_only_xfa_codes(tmp_path):
    (tmp_path / "jobs.py").write_text(BAD + "import os\n")  # F401 and E402 are not ours
    result = run_hook("fastapi-conventions-check", tmp_path, "jobs.py")
    assert result.returncode == 1
    assert [line.split(": ", 1)[1].split()[0] for line in result.stdout.splitlines()] == ["XFA102"]


def test_the_readme_hook_rev_is_this_version_and_a_tag_of_the_repository():
    # the README's snippet for this repository's own hook points at the current release's tag
    import re

    from flake8_fastapi_conventions import __version__

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("repo: https://github.com/flake8-fastapi-conventions/flake8-fastapi-conventions", 1)[1]
    rev = re.search(r"rev: (\S+)", block).group(1)
    assert rev == f"v{__version__}"
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout: no tags to look at")
    tags = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if not tags:
        pytest.skip("a checkout without tags (a shallow CI clone)")
    assert rev in tags, f"{rev} is not a tag of this repository: pre-commit could not fetch it"
