"""``fastapi-conventions server`` end to end: pytest-lsp starts the real server (a
subprocess on stdio) and drives it as an editor would.

Every wait is on a notification (``textDocument/publishDiagnostics`` with the version it
is of, or the diagnostics it carries), with a generous timeout only against a hang: no
sleeps. The server is started with ``{"debounce": 0}`` so that a change is checked at
once; the debounce itself is covered by the last test.
"""

from __future__ import annotations

import asyncio
import sys
import textwrap
from pathlib import Path
from typing import Union

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")
import pytest_asyncio  # noqa: E402  (pytest-lsp's dependency)

from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import make_test_lsp_client  # noqa: E402

from flake8_fastapi_conventions import DOCS_URL  # noqa: E402

TIMEOUT = 60  # seconds; only against a hang (a 2-core CI machine shared with other jobs)
#: one server for the module (starting one costs seconds on a loaded machine); each test
#: works in a package of its own, ``t<N>/``, with its ``models.py`` and ``services/``
pytestmark = pytest.mark.asyncio(loop_scope="module")

MODELS_PLAIN = """\
class User:
    name: str
"""
MODELS_PYDANTIC = """\
from pydantic import BaseModel


class User(BaseModel):
    name: str
"""
SERVICE = """\
from PKG.models import User


def dump(user: User) -> dict:
    return user.dict()
"""


# -- the client ---------------------------------------------------------------------------


class Published:
    """Every notification of one method the client received (``publishDiagnostics``,
    ``logMessage``), and a way to wait for one."""

    def __init__(self) -> None:
        self.items: list[lsp.PublishDiagnosticsParams] = []
        self.event = asyncio.Event()
        self.loop = asyncio.get_running_loop()

    def __call__(self, params: lsp.PublishDiagnosticsParams) -> None:
        # pygls may call a notification handler outside the event loop's thread
        self.items.append(params)
        self.loop.call_soon_threadsafe(self.event.set)

    def latest(self, uri: str) -> lsp.PublishDiagnosticsParams | None:
        found = [p for p in self.items if p.uri == uri]
        return found[-1] if found else None

    async def first(self, predicate, start: int = 0):
        """The first notification ``predicate(params)`` accepts among those received from
        the ``start``-th on (the ones received so far, then each new one)."""

        async def until():
            seen = start
            while True:
                # cleared before the items are read: one appended meanwhile (from another
                # thread) sets the event again, and none is skipped by counting past it
                self.event.clear()
                received = self.items[seen:]
                for params in received:
                    if predicate(params):
                        return params
                seen += len(received)
                await self.event.wait()

        return await asyncio.wait_for(until(), TIMEOUT)

    async def wait(self, predicate, start: int = 0) -> list[lsp.Diagnostic]:
        """The diagnostics of the first publish ``predicate`` accepts (see :meth:`first`)."""
        return list((await self.first(predicate, start)).diagnostics)

    async def of_version(self, uri: str, version: int) -> list[lsp.Diagnostic]:
        return await self.wait(lambda p: p.uri == uri and p.version == version)


def _client() -> LanguageClient:
    client = make_test_lsp_client()
    client.published = Published()  # type: ignore[attr-defined]
    client.texts = {}  # type: ignore[attr-defined]  # uri -> the editor's buffer
    client.versions = {}  # type: ignore[attr-defined]
    client.applied = []  # type: ignore[attr-defined]
    features = client.protocol.fm._features
    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = client.published  # type: ignore[attr-defined]

    def apply_edit(params: lsp.ApplyWorkspaceEditParams) -> lsp.ApplyWorkspaceEditResult:
        client.applied.append(params)  # type: ignore[attr-defined]
        for uri, edits in _edits_of(params.edit):
            client.texts[uri] = apply_text_edits(client.texts[uri], edits)  # type: ignore[attr-defined]
        return lsp.ApplyWorkspaceEditResult(applied=True)

    features[lsp.WORKSPACE_APPLY_EDIT] = apply_edit
    client.logs = Published()  # type: ignore[attr-defined]  # window/logMessage, the same way
    features[lsp.WINDOW_LOG_MESSAGE] = client.logs  # type: ignore[attr-defined]
    features[lsp.CLIENT_REGISTER_CAPABILITY] = lambda params: None

    # lsprotocol takes any code action with a "command" key for a Command, even when the
    # key holds a Command object (a CodeAction's); editors tell them apart by its type
    converter = client.protocol._converter

    def code_action_or_command(obj, _):
        if isinstance(obj.get("command"), str):
            return converter.structure(obj, lsp.Command)
        return converter.structure(obj, lsp.CodeAction)

    converter.register_structure_hook(Union[lsp.Command, lsp.CodeAction], code_action_or_command)
    return client


def _edits_of(edit: lsp.WorkspaceEdit):
    for change in edit.document_changes or ():
        assert isinstance(change, lsp.TextDocumentEdit)
        yield change.text_document.uri, change.edits
    for uri, edits in (edit.changes or {}).items():
        yield uri, edits


def offset_of(text: str, position: lsp.Position) -> int:
    """A character offset from an LSP position (UTF-16 code units), counted here
    independently of the server's own conversions."""
    lines = text.splitlines(keepends=True)
    before = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for i, ch in enumerate(line):
        if units >= position.character:
            return before + i
        units += 2 if ord(ch) > 0xFFFF else 1
    return before + len(line.rstrip("\r\n")) if units >= position.character else before + len(line)


def apply_text_edits(text: str, edits) -> str:
    spans = sorted(
        ((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text) for e in edits), reverse=True
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def make_workspace(root: Path) -> Path:
    """A project on Pydantic 2 (the XFA40x fixes apply only there), XFA411 switched on."""
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "proj"\ndependencies = ["pydantic>=2"]\n')
    # XFA201 is off by default since the seventh precision reading
    (root / "setup.cfg").write_text("[flake8]\nextend-select = XFA411, XFA201\n")
    return root


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("ws") / "proj")


_packages = iter(range(1, 10**6))


def make_package(root: Path) -> Path:
    pkg = root / f"t{next(_packages)}"
    (pkg / "services").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "services" / "__init__.py").write_text("")
    (pkg / "models.py").write_text(MODELS_PLAIN)
    return pkg


@pytest_asyncio.fixture(loop_scope="module")
async def project(workspace: Path, client: LanguageClient):
    """This test's package (``t<N>/``) of the shared workspace; the documents the test
    opened are closed after it."""
    yield make_package(workspace)
    for uri in list(client.texts):  # type: ignore[attr-defined]
        client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    client.texts.clear()  # type: ignore[attr-defined]
    client.applied.clear()  # type: ignore[attr-defined]


def src(pkg: Path, text: str = SERVICE) -> str:
    """``text`` importing from the test's package."""
    return text.replace("PKG", pkg.name)


async def start(project: Path, capabilities: str = "visual-studio-code", **init_options) -> LanguageClient:
    config = ClientServerConfig(
        server_command=[sys.executable, "-m", "flake8_fastapi_conventions.cli", "server"],
        client_factory=_client,
    )
    client = await config.start()
    client.initialized = await client.initialize_session(  # type: ignore[attr-defined]
        lsp.InitializeParams(
            capabilities=client_capabilities(capabilities),
            root_uri=project.as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(uri=project.as_uri(), name="proj")],
            initialization_options={"debounce": 0, **init_options},
        )
    )
    return client


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(workspace: Path):
    client = await start(workspace)
    yield client
    await client.shutdown_session()
    await client.stop()


def open_doc(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    text = path.read_text() if text is None else text
    client.texts[uri] = text  # type: ignore[attr-defined]
    client.versions[uri] = 1  # type: ignore[attr-defined]
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
        )
    )
    return uri


def change_doc(client: LanguageClient, uri: str, text: str) -> int:
    """Send the whole new text (as a client with full sync does); the new version."""
    version = client.versions[uri] + 1  # type: ignore[attr-defined]
    client.versions[uri] = version  # type: ignore[attr-defined]
    client.texts[uri] = text  # type: ignore[attr-defined]
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return version


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


async def actions_at(client: LanguageClient, uri: str, diag: lsp.Diagnostic, only=None) -> list[lsp.CodeAction]:
    found = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diag.range,
            context=lsp.CodeActionContext(diagnostics=[diag], only=only),
        )
    )
    return [a for a in found or () if isinstance(a, lsp.CodeAction)]


async def run_action(client: LanguageClient, action: lsp.CodeAction) -> None:
    assert action.command is not None, action
    await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command=action.command.command, arguments=action.command.arguments)
    )


def cli_fix(pkg: Path, rel: str, text: str, *extra: str) -> str:
    """``fastapi-conventions fix`` (in this process, from the root of a copy of the
    workspace holding ``pkg``) on the file ``pkg/rel`` set to ``text``."""
    import contextlib
    import io
    import os
    import shutil

    from flake8_fastapi_conventions.cli import main

    root = pkg.parent
    copy = root.parent / f"cli-{pkg.name}-{len(list(root.parent.iterdir()))}"
    copy.mkdir()
    shutil.copy(root / "pyproject.toml", copy / "pyproject.toml")
    shutil.copy(root / "setup.cfg", copy / "setup.cfg")
    shutil.copytree(pkg, copy / pkg.name)
    target = copy / pkg.name / rel
    target.write_text(text)
    cwd = os.getcwd()
    os.chdir(copy)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            status = main(["fix", "-q", *extra, f"{pkg.name}/{rel}"])
    finally:
        os.chdir(cwd)
    assert status in (0, 1)
    return target.read_text()


# -- tests ------------------------------------------------------------------------------------


async def test_diagnostics_appear_and_disappear(client: LanguageClient, project: Path):
    (project / "models.py").write_text(MODELS_PYDANTIC)
    source = src(project)
    uri = open_doc(client, project / "services" / "user_service.py", source)
    diags = await client.published.of_version(uri, 1)  # type: ignore[attr-defined]
    assert codes(diags) == ["XFA402"]
    d = diags[0]
    assert d.range.start == lsp.Position(line=4, character=11)  # `user.dict()` on line 5
    assert d.range.end == lsp.Position(line=4, character=22)
    assert d.severity == lsp.DiagnosticSeverity.Warning
    assert d.source == "fastapi-conventions"
    assert d.code_description is not None and d.code_description.href == DOCS_URL.format(code="XFA402")
    assert d.message.startswith("user.dict() is Pydantic v1 API; use user.model_dump()")

    version = change_doc(client, uri, source.replace("user.dict()", "user.model_dump()"))
    assert await client.published.of_version(uri, version) == []  # type: ignore[attr-defined]

    version = change_doc(client, uri, source + "\n\ndef again(user: User) -> dict:\n    return user.dict()\n")
    diags = await client.published.of_version(uri, version)  # type: ignore[attr-defined]
    assert [(x.code, x.range.start.line) for x in diags] == [("XFA402", 4), ("XFA402", 8)]

    # `# noqa` applies as in flake8
    version = change_doc(client, uri, source.replace("user.dict()", "user.dict()  # noqa: XFA402"))
    assert await client.published.of_version(uri, version) == []  # type: ignore[attr-defined]
    version = change_doc(client, uri, "# flake8: noqa\n" + source)
    assert await client.published.of_version(uri, version) == []  # type: ignore[attr-defined]
    # the layer is the document's path's: HTTPException is fine in a route, not in a service
    raising = "from fastapi import HTTPException\n\n\ndef find(x):\n    if x is None:\n        raise HTTPException(404)\n"
    in_service = open_doc(client, project / "services" / "finder.py", raising)
    assert codes(await client.published.of_version(in_service, 1)) == ["XFA201"]  # type: ignore[attr-defined]
    in_route = open_doc(client, project / "routers" / "finder.py", raising)
    assert await client.published.of_version(in_route, 1) == []  # type: ignore[attr-defined]


async def test_hover_shows_the_rule(client: LanguageClient, project: Path):
    (project / "models.py").write_text(MODELS_PYDANTIC)
    uri = open_doc(client, project / "services" / "user_service.py", src(project))
    [d] = await client.published.of_version(uri, 1)  # type: ignore[attr-defined]
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=d.range.start)
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    from flake8_fastapi_conventions import rules  # noqa: F401
    from flake8_fastapi_conventions.registry import RULES

    text = hover.contents.value
    declared = RULES["XFA402"]
    assert text.startswith("**XFA402** `pydantic-v1-method`")
    assert declared.what in text and declared.why in text and declared.good in text
    elsewhere = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=0, character=0))
    )
    assert elsewhere is None


async def test_quick_fix_is_the_fixers_output(client: LanguageClient, project: Path):
    (project / "models.py").write_text(MODELS_PYDANTIC)
    one = src(project)
    source = one + "\n\ndef again(user: User) -> str:\n    return user.json()\n"
    uri = open_doc(client, project / "services" / "user_service.py", source)
    diags = await client.published.of_version(uri, 1)  # type: ignore[attr-defined]
    assert codes(diags) == ["XFA402", "XFA402"]
    actions = await actions_at(client, uri, diags[0])
    assert [a.title for a in actions] == [
        "Fix XFA402: use user.model_dump()",
        "Add `# noqa: XFA402` on this line",
        "Fix all safe fastapi-conventions fixes in this file",
    ]
    assert actions[0].is_preferred and actions[0].kind == lsp.CodeActionKind.QuickFix
    await run_action(client, actions[0])
    [applied] = client.applied  # type: ignore[attr-defined]
    # only that finding is fixed, exactly as the fixer fixes a file that holds only it
    fixed_one = cli_fix(project, "services/user_service.py", one)
    assert fixed_one != one
    assert client.texts[uri] == fixed_one + source[len(one) :]  # type: ignore[attr-defined]
    edit = applied.edit.document_changes[0]
    assert edit.text_document.version == 1 and len(edit.edits) == 1

    # the noqa action is an edit of the line's end
    noqa = actions[1].edit.changes[uri]
    assert apply_text_edits(source, noqa).splitlines()[4] == "    return user.dict()  # noqa: XFA402"


async def test_unsafe_fix_is_labelled(client: LanguageClient, project: Path):
    source = "from datetime import datetime\n\n\ndef stamp():\n    return datetime.utcnow()\n"
    uri = open_doc(client, project / "services" / "clock.py", source)
    diags = await client.published.of_version(uri, 1)  # type: ignore[attr-defined]
    assert codes(diags) == ["XFA411"]
    actions = await actions_at(client, uri, diags[0])
    fix = actions[0]
    assert fix.title.startswith("Fix XFA411: ") and fix.title.endswith("(unsafe: can change behaviour)")
    assert not fix.is_preferred
    assert all(a.kind != "source.fixAll.fastapi-conventions" for a in actions)  # nothing safe to fix
    await run_action(client, fix)
    expected = cli_fix(project, "services/clock.py", source, "--unsafe-fixes")
    assert expected != source
    assert client.texts[uri] == expected  # type: ignore[attr-defined]


async def test_fix_all_matches_the_cli(client: LanguageClient, project: Path):
    (project / "models.py").write_text(MODELS_PYDANTIC)
    source = src(project, textwrap.dedent(
        """\
        import time

        from pydantic import BaseModel, validator

        from PKG.models import User


        class Item(BaseModel):
            name: str

            class Config:
                orm_mode = True

            @validator("name")
            def strip(cls, v):
                return v.strip()


        async def slow(user: User) -> dict:
            time.sleep(1)
            return user.dict()
        """
    ))
    uri = open_doc(client, project / "services" / "item_service.py", source)
    diags = await client.published.of_version(uri, 1)  # type: ignore[attr-defined]
    assert {"XFA102", "XFA401", "XFA402", "XFA403"} <= set(codes(diags)), codes(diags)
    [fix_all] = await actions_at(client, uri, diags[0], only=["source.fixAll"])
    assert fix_all.kind == "source.fixAll.fastapi-conventions"
    await run_action(client, fix_all)
    expected = cli_fix(project, "services/item_service.py", source)
    assert expected != source
    assert client.texts[uri] == expected  # type: ignore[attr-defined]


async def test_a_model_changed_in_another_open_module(client: LanguageClient, project: Path):
    """XFA402 on a model of another module: the model's buffer becomes a Pydantic model
    (unsaved), and the module using it gets the finding; back again, it goes."""
    models = open_doc(client, project / "models.py")
    await client.published.of_version(models, 1)  # type: ignore[attr-defined]
    service = open_doc(client, project / "services" / "user_service.py", src(project))
    assert await client.published.of_version(service, 1) == []  # type: ignore[attr-defined]

    published = client.published  # type: ignore[attr-defined]
    before = len(published.items)
    change_doc(client, models, MODELS_PYDANTIC)
    diags = await published.wait(lambda p: p.uri == service, before)
    assert codes(diags) == ["XFA402"]
    assert (project / "models.py").read_text() == MODELS_PLAIN  # never saved

    before = len(published.items)
    change_doc(client, models, MODELS_PLAIN)
    assert await published.wait(lambda p: p.uri == service, before) == []

    # closed unsaved, the module is its file again
    before = len(published.items)
    change_doc(client, models, MODELS_PYDANTIC)
    assert codes(await published.wait(lambda p: p.uri == service, before)) == ["XFA402"]
    before = len(published.items)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=models)))
    del client.texts[models]  # type: ignore[attr-defined]
    assert await published.wait(lambda p: p.uri == service, before) == []


async def test_a_model_changed_twice_in_a_row(client: LanguageClient, project: Path):
    """The first version's check may be dropped (a newer version came); the modules using
    the module are re-checked all the same, though the second version defines the same."""
    models = open_doc(client, project / "models.py")
    await client.published.of_version(models, 1)  # type: ignore[attr-defined]
    service = open_doc(client, project / "services" / "user_service.py", src(project))
    assert await client.published.of_version(service, 1) == []  # type: ignore[attr-defined]
    published = client.published  # type: ignore[attr-defined]
    before = len(published.items)
    change_doc(client, models, MODELS_PYDANTIC)
    last = change_doc(client, models, MODELS_PYDANTIC + "# a comment\n")
    await published.of_version(models, last)
    diags = await published.wait(lambda p: p.uri == service and codes(p.diagnostics) == ["XFA402"], before)
    assert codes(diags) == ["XFA402"]


async def test_a_file_changed_on_disk(client: LanguageClient, project: Path):
    service = open_doc(client, project / "services" / "user_service.py", src(project))
    assert await client.published.of_version(service, 1) == []  # type: ignore[attr-defined]
    published = client.published  # type: ignore[attr-defined]
    before = len(published.items)
    (project / "models.py").write_text(MODELS_PYDANTIC)
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[lsp.FileEvent(uri=(project / "models.py").as_uri(), type=lsp.FileChangeType.Changed)]
        )
    )
    diags = await published.wait(lambda p: p.uri == service, before)
    assert codes(diags) == ["XFA402"]


async def test_non_ascii_lines_get_utf16_ranges(client: LanguageClient, project: Path):
    (project / "models.py").write_text(MODELS_PYDANTIC)
    line = '    label = "naïve 😀 ünïcødé"; data = user.dict()'
    source = src(project).replace("    return user.dict()", line + "\n    return data")
    uri = open_doc(client, project / "services" / "user_service.py", source)
    [d] = await client.published.of_version(uri, 1)  # type: ignore[attr-defined]
    start = line.index("user.dict()")
    assert d.range.start == lsp.Position(line=4, character=utf16(line[:start]))
    assert d.range.end == lsp.Position(line=4, character=utf16(line[: start + len("user.dict()")]))
    assert utf16(line[:start]) != start != len(line[:start].encode())  # 😀: 1 character, 2 units, 4 bytes

    # the noqa edit lands at the end of that line, the quick fix rewrites the call
    actions = await actions_at(client, uri, d)
    noqa = actions[1].edit.changes[uri]
    assert apply_text_edits(source, noqa).splitlines()[4] == line + "  # noqa: XFA402"
    await run_action(client, actions[0])
    assert client.texts[uri] == source.replace("user.dict()", "user.model_dump()")  # type: ignore[attr-defined]
    assert client.texts[uri] == cli_fix(project, "services/user_service.py", source)  # type: ignore[attr-defined]


async def test_the_position_encoding_the_client_prefers(tmp_path: Path):
    """Neovim 0.11 offers UTF-8 first: the server then counts bytes, as the client does."""
    root = make_workspace(tmp_path / "proj")
    pkg = make_package(root)
    (pkg / "models.py").write_text(MODELS_PYDANTIC)
    client = await start(root, "neovim@v0.11.0")
    try:
        assert client.initialized.capabilities.position_encoding == lsp.PositionEncodingKind.Utf8  # type: ignore[attr-defined]
        line = '    label = "naïve 😀"; data = user.dict()'
        source = src(pkg).replace("    return user.dict()", line + "\n    return data")
        uri = open_doc(client, pkg / "services" / "user_service.py", source)
        [d] = await client.published.of_version(uri, 1)  # type: ignore[attr-defined]
        start_byte = len(line[: line.index("user.dict()")].encode("utf-8"))
        assert d.range.start == lsp.Position(line=4, character=start_byte)
        assert d.range.end == lsp.Position(line=4, character=start_byte + len("user.dict()"))
    finally:
        await client.shutdown_session()
        await client.stop()


async def test_a_document_that_does_not_parse(client: LanguageClient, project: Path):
    (project / "models.py").write_text(MODELS_PYDANTIC)
    uri = open_doc(client, project / "services" / "user_service.py", "def broken(:\n    pass\n")
    [d] = await client.published.of_version(uri, 1)  # type: ignore[attr-defined]
    assert d.code == "E999" and d.severity == lsp.DiagnosticSeverity.Error and d.range.start.line == 0
    assert await actions_at(client, uri, d) == []
    assert await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=d.range.start)
    ) is None
    # still up: the next version is checked
    version = change_doc(client, uri, src(project))
    assert codes(await client.published.of_version(uri, version)) == ["XFA402"]  # type: ignore[attr-defined]
    version = change_doc(client, uri, "x = (\n")
    assert codes(await client.published.of_version(uri, version)) == ["E999"]  # type: ignore[attr-defined]


async def test_a_model_module_mid_edit_keeps_what_it_defined(client: LanguageClient, project: Path):
    """While the models buffer does not parse, the modules using it keep the facts of its
    last version that did."""
    models = open_doc(client, project / "models.py", MODELS_PYDANTIC)
    await client.published.of_version(models, 1)  # type: ignore[attr-defined]
    service = open_doc(client, project / "services" / "user_service.py", src(project))
    assert codes(await client.published.of_version(service, 1)) == ["XFA402"]  # type: ignore[attr-defined]
    version = change_doc(client, models, MODELS_PYDANTIC + "\n\ndef half(:\n")
    assert codes(await client.published.of_version(models, version)) == ["E999"]  # type: ignore[attr-defined]
    version = change_doc(client, service, src(project) + "\n")
    assert codes(await client.published.of_version(service, version)) == ["XFA402"]  # type: ignore[attr-defined]


async def test_a_configuration_change_is_read_again(tmp_path: Path):
    root = make_workspace(tmp_path / "proj")
    pkg = make_package(root)
    (pkg / "models.py").write_text(MODELS_PYDANTIC)
    client = await start(root)
    try:
        uri = open_doc(client, pkg / "services" / "user_service.py", src(pkg))
        assert codes(await client.published.of_version(uri, 1)) == ["XFA402"]  # type: ignore[attr-defined]
        published = client.published  # type: ignore[attr-defined]
        before = len(published.items)
        (root / "setup.cfg").write_text(  # replaces the file
            "[flake8]\nextend-select = XFA411, XFA201\nextend-ignore = XFA402\n"
        )
        client.workspace_did_change_watched_files(
            lsp.DidChangeWatchedFilesParams(
                changes=[lsp.FileEvent(uri=(root / "setup.cfg").as_uri(), type=lsp.FileChangeType.Created)]
            )
        )
        assert await published.wait(lambda p: p.uri == uri, before) == []
    finally:
        await client.shutdown_session()
        await client.stop()


async def test_the_start_up_index_reads_the_summary_cache(tmp_path: Path):
    """The first server fills the on-disk cache; the next one reads the workspace from it."""
    root = make_workspace(tmp_path / "proj")
    for _ in range(3):
        make_package(root)

    async def indexed() -> str:
        client = await start(root)
        try:
            found = await client.logs.first(lambda p: "indexed" in p.message)  # type: ignore[attr-defined]
            return found.message
        finally:
            await client.shutdown_session()
            await client.stop()

    modules = len(list(root.rglob("*.py")))
    assert f"indexed {modules} modules" in (first := await indexed()) and "(0 from the summary cache)" in first
    assert (root / ".fastapi_conventions_cache").is_dir()
    assert f"({modules} from the summary cache)" in await indexed()


async def test_debounced_changes_are_checked_once(tmp_path: Path):
    root = make_workspace(tmp_path / "proj")
    pkg = make_package(root)
    (pkg / "models.py").write_text(MODELS_PYDANTIC)
    client = await start(root, debounce=500)
    try:
        uri = open_doc(client, pkg / "services" / "user_service.py", src(pkg))
        await client.published.of_version(uri, 1)  # type: ignore[attr-defined]
        for i in range(5):
            last = change_doc(client, uri, src(pkg) + f"\nX = {i}\n")
        diags = await client.published.of_version(uri, last)  # type: ignore[attr-defined]
        assert codes(diags) == ["XFA402"]
        versions = [p.version for p in client.published.items if p.uri == uri]  # type: ignore[attr-defined]
        assert versions == [1, last]  # the versions in between were never checked
    finally:
        await client.shutdown_session()
        await client.stop()

