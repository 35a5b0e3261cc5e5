"""The language server's pieces without a client: positions, edits, the noqa comment's
place, the check of a buffer (``tests/test_server.py`` drives the real server)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types as lsp  # noqa: E402

from flake8_fastapi_conventions.server import Project, Text, noqa_edit, text_edits  # noqa: E402

MODELS = "from pydantic import BaseModel\n\n\nclass User(BaseModel):\n    name: str\n"


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply UTF-16 edits, counting here (lines end at \\n only in these sources)."""
    lines = text.split("\n")

    def offset(p: lsp.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: p.line])
        line = lines[p.line] if p.line < len(lines) else ""
        units = i = 0
        while i < len(line) and units < p.character:
            units += 2 if ord(line[i]) > 0xFFFF else 1
            i += 1
        return before + i

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> tuple[Project, Path]:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "p"\ndependencies = ["pydantic>=2"]\n')
    (tmp_path / "app" / "services").mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "services" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text(MODELS)
    monkeypatch.chdir(tmp_path)
    return Project(str(tmp_path)), tmp_path / "app" / "services" / "users.py"


HEAD = "from app.models import User\n\n\ndef dump(user: User):\n"


@pytest.mark.parametrize(
    "body, line",
    [
        ('    data = user.dict()\n    return data\n', 5),
        # the line ends inside a multi-line string: the comment goes after the string
        ('    data = user.dict(); text = """\nabc\n"""\n    return data, text\n', 7),
        # a backslash continuation: after it
        ("    data = user.dict() or \\\n        {}\n    return data\n", 6),
        # an existing noqa comment gets the code added
        ("    data = user.dict()  # noqa: XFA101\n    return data\n", 5),
    ],
)
def test_the_noqa_edit_silences_the_finding(project, body, line):
    proj, path = project
    source = HEAD + body
    found, _ = proj.check(str(path), source)
    assert [f.code for f in found] == ["XFA402"]
    edit = noqa_edit(Text(source), found[0].line, "XFA402")
    assert edit is not None and edit.range.start.line == line - 1
    after = apply(source, [edit])
    compile(after, "users.py", "exec")  # still Python, the string unchanged
    assert proj.check(str(path), after)[0] == []
    assert after.count("noqa") == 1


def test_a_bare_noqa_needs_no_edit():
    assert noqa_edit(Text("x = 1  # noqa\n"), 1, "XFA402") is None


def test_positions_count_utf16_code_units_and_bytes_when_asked():
    line = 'x = "é😀"; y = 1'
    col = len(line[: line.index("y")].encode("utf-8"))
    assert Text(line).position(1, col) == lsp.Position(line=0, character=len('x = "é') + 2 + len('"; '))
    assert Text(line, lsp.PositionEncodingKind.Utf8).position(1, col).character == col
    assert Text(line, lsp.PositionEncodingKind.Utf32).position(1, col).character == line.index("y")


def test_lines_end_where_lsp_ends_them():
    text = Text("a = 1\r\nb = 2\rc = 3\x0cd\ne = 4")
    assert text.lines == ["a = 1\r\n", "b = 2\r", "c = 3\x0cd\n", "e = 4"]  # a form feed ends no line
    assert text.position_of_offset(len("a = 1\r\nb = 2\r") + 2) == lsp.Position(line=2, character=2)


@pytest.mark.parametrize(
    "before, after",
    [
        ("a\nb\nc\n", "import x\na\nb\nC\n"),
        ("a\nb", "a\nb\nc"),
        ("a\nb\n", "a\n"),
        ("é😀\nb\n", "é😀\nB😀\n"),
        ("", "x\n"),
    ],
)
def test_text_edits_turn_one_text_into_the_other(before, after):
    edits = text_edits(Text(before), after)
    assert apply(before, edits) == after


def test_a_buffer_that_does_not_parse_is_one_e999(project):
    proj, path = project
    found, summary = proj.check(str(path), "def f(:\n    pass\n")
    assert [(f.code, f.line) for f in found] == [("E999", 1)] and summary is None


def test_the_buffer_is_checked_with_the_configuration(project):
    proj, path = project
    root = path.parents[2]
    (root / "setup.cfg").write_text("[flake8]\nper-file-ignores =\n    app/services/*: XFA402\n")
    proj.load()
    source = HEAD + "    return user.dict()\n"
    assert proj.check(str(path), source)[0] == []
    assert [f.code for f in proj.check(str(root / "app" / "other.py"), source)[0]] == ["XFA402"]
