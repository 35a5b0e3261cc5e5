"""Fix every file of FastAPI's ``docs_src/`` (from its PyPI sdist, downloaded by the test
run and cached under pytest's cache directory, never committed) with ``--unsafe-fixes``:
each file still parses, no finding with an applicable fix is left, and a second run is a
no-op."""

from __future__ import annotations

import ast
import tarfile
from pathlib import Path

import pytest

from flake8_fastapi_conventions import cli
from flake8_fastapi_conventions.fixer import fix_text
from flake8_fastapi_conventions.fixer.engine import fixable

#: reasons that mean the engine failed rather than a fixer declining on purpose
ENGINE_FAILURES = ("the fix did not converge", "internal error", "would not parse")


def _extract_docs_src(sdist: Path, into: Path) -> Path:
    with tarfile.open(sdist) as tar:
        members = [m for m in tar.getmembers() if "/docs_src/" in m.name and m.isfile()]
        if not members:
            pytest.skip(f"{sdist.name} has no docs_src/")
        kwargs = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(into, members=members, **kwargs)
    (root,) = {p for p in into.glob("*/docs_src")}
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.py"))}


def test_fix_fastapi_docs_src(fastapi_sdist, tmp_path, monkeypatch, capsys):
    docs = _extract_docs_src(fastapi_sdist, tmp_path)
    monkeypatch.chdir(docs.parent)
    before = _snapshot(docs)
    assert len(before) > 100

    code = cli.main(["fix", "-q", "--unsafe-fixes", "docs_src"])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "Traceback" not in err and "internal error" not in out + err
    summary = out.strip().splitlines()[-1]
    assert summary.startswith("Fixed ")
    assert int(summary.split()[1]) >= 50, summary  # the fixer did real work

    after = _snapshot(docs)
    changed = [name for name in after if after[name] != before[name]]
    assert changed
    for name, data in after.items():
        try:
            ast.parse(data, name)
        except SyntaxError as exc:  # pragma: no cover - the assertion message is the point
            pytest.fail(f"{name} does not parse after fixing: {exc}")

    # re-running the checks: every finding of a fixable rule left is one its fixer
    # declines on purpose (with a reason), and fixing again changes nothing
    for name, data in after.items():
        path = f"docs_src/{name}"
        result = fix_text(data.decode("utf-8"), path, unsafe=True)
        assert not result.changed, f"a second fix changes {path}"
        for manual in result.manual:
            if fixable(manual.finding.code, True):
                reason = manual.reason or ""
                assert reason and not any(r in reason for r in ENGINE_FAILURES), (path, manual)

    code = cli.main(["fix", "-q", "--unsafe-fixes", "docs_src"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.strip().splitlines()[-1].startswith("Fixed 0 findings in 0 files")
    assert _snapshot(docs) == after
