"""``fastapi-conventions server``: a Language Server (stdio) with this plugin's findings.

Built on pygls (the ``[server]`` extra). For every open document it publishes the findings
``fastapi-conventions check`` would report for the file: the same flake8 configuration
(``.flake8``/``setup.cfg``/``tox.ini``/``[tool.flake8]``, read from the workspace root, which
becomes the working directory, as when flake8 runs from the project root), the same
select/ignore/per-file-ignores/``# noqa`` decisions, the same layer (the document's path,
relative to the root, is the file name) and the same project facts. It offers each
fixable finding's fix as a quick fix, "fix all safe fixes in this file"
(``source.fixAll.fastapi-conventions``) and "add ``# noqa: XFAnnn``", and shows a rule's
what / why / use-instead text on hover.

The project index (module summaries, :mod:`.project`) is one per project root, shared by
every document: built in a background thread at start-up from the on-disk summary cache
(or by parsing the files, filling the cache), kept fresh on
``workspace/didChangeWatchedFiles``, and an open buffer's summary replaces its module's
file on disk (:meth:`.project.ProjectIndex.set_overlay`), so an unsaved change to a model
in one module shows in the findings of the modules that use it.

Positions: the plugin's columns are UTF-8 bytes (0-based); LSP's are UTF-16 code units
unless the client negotiated another encoding (``general.positionEncodings``), which is
honoured. Lines end at ``\\n``, ``\\r\\n`` or ``\\r``, as LSP and ``ast`` count them.

Unsaved buffers never reach the disk cache (the index caches a checked file's summary only
when its source is the saved file). Nothing here imports ast-grep: the fixer (which does)
is imported on the first fix.
"""

from __future__ import annotations

import ast
import asyncio
import difflib
import fnmatch
import logging
import os
import re
import sys
import threading
import time
from bisect import bisect_right
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from . import DOCS_URL, __version__
from .registry import RULES, strip_fix_suffix

NAME = "fastapi-conventions"
FIX_COMMAND = "fastapi-conventions.applyFix"
FIX_ALL_COMMAND = "fastapi-conventions.fixAll"
FIX_ALL_KIND = "source.fixAll.fastapi-conventions"
#: seconds between the last change of a document and its check (``initializationOptions``
#: ``{"debounce": <milliseconds>}`` changes it)
DEBOUNCE = 0.05
CONFIG_FILES = frozenset({".flake8", "setup.cfg", "tox.ini", "pyproject.toml"})
#: files the start-up index reads at most (the index reads any other on demand)
MAX_WARM_FILES = 20_000

_NEWLINE = re.compile(r"\r\n|\r|\n")
_NOQA = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.I)
_MISSING = object()

log = logging.getLogger(__name__)


# -- text and positions ------------------------------------------------------------------


class Text:
    """One version of a document: its lines as LSP and ``ast`` count them, and the
    conversions between the plugin's positions (1-based line, UTF-8 byte column),
    character offsets and LSP positions (0-based line, code units of ``encoding``)."""

    def __init__(self, source: str, encoding: str = lsp.PositionEncodingKind.Utf16) -> None:
        self.source = source
        self.encoding = encoding
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(source)]

    @property
    def lines(self) -> list[str]:
        """The physical lines, line endings kept (flake8's ``lines``)."""
        s, starts = self.source, self.starts
        out = [s[a:b] for a, b in zip(starts, starts[1:])]
        if starts[-1] < len(s):
            out.append(s[starts[-1] :])
        return out

    def line(self, index: int) -> str:
        """Line ``index`` (0-based) without its line ending; ``""`` past the end."""
        if not 0 <= index < len(self.starts):
            return ""
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.source)
        return self.source[self.starts[index] : end].rstrip("\r\n")

    def units(self, text: str) -> int:
        if text.isascii() or self.encoding == lsp.PositionEncodingKind.Utf32:
            return len(text)
        if self.encoding == lsp.PositionEncodingKind.Utf8:
            return len(text.encode("utf-8", "surrogatepass"))
        return len(text.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, line: int, byte_col: int) -> lsp.Position:
        """The LSP position of the plugin's (1-based line, 0-based UTF-8 byte column)."""
        text = self.line(line - 1)
        if text.isascii():  # bytes, characters and code units agree
            return lsp.Position(line=max(line - 1, 0), character=min(max(byte_col, 0), len(text)))
        prefix = text.encode("utf-8", "surrogatepass")[: max(byte_col, 0)].decode("utf-8", "ignore")
        return lsp.Position(line=max(line - 1, 0), character=self.units(prefix))

    def position_of_offset(self, offset: int) -> lsp.Position:
        """The LSP position of a character offset into the source."""
        index = bisect_right(self.starts, offset) - 1
        return lsp.Position(line=index, character=self.units(self.source[self.starts[index] : offset]))

    def end_of_line(self, line: int) -> lsp.Position:
        return lsp.Position(line=max(line - 1, 0), character=self.units(self.line(line - 1).rstrip()))


def text_edits(before: Text, after: str) -> list[lsp.TextEdit]:
    """The edits turning ``before`` into ``after``: one per changed block of lines (an
    import added at the top and a call rewritten below stay two small edits)."""
    a = before.lines
    b = Text(after).lines
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    edits = []
    def offset(i: int) -> int:  # where line ``i`` starts; the end of the text past the last
        return before.starts[i] if i < len(before.starts) else len(before.source)

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = offset(i1), offset(i2)
        edits.append(
            lsp.TextEdit(
                range=lsp.Range(start=before.position_of_offset(start), end=before.position_of_offset(end)),
                new_text="".join(b[j1:j2]),
            )
        )
    return edits


# -- findings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A finding as the fixer's policy takes it (``line``, ``col``: 0-based UTF-8 bytes,
    ``code``, ``text``), with where its node ends."""

    line: int
    col: int
    code: str
    message: str
    end: tuple[int, int] | None = None
    #: ``col`` counts characters, not bytes (a syntax error's offset)
    chars: bool = False

    @property
    def text(self) -> str:
        return self.message[len(self.code) :].strip()

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.code, self.line, self.col)


def fix_safety(found: Found) -> str | None:
    """``"safe"``/``"unsafe"`` when ``fastapi-conventions fix`` rewrites this finding: its
    rule has a fix and the message advertises it (a finding the fixer leaves to the user
    goes without the suffix)."""
    declared = RULES.get(found.code)
    if declared is None or declared.fix is None or "fastapi-conventions fix" not in found.message:
        return None
    return declared.fix


def fix_hint(found: Found) -> str:
    """The rule's "how to fix it" part of the finding's message."""
    declared = RULES.get(found.code)
    if declared is None:
        return strip_fix_suffix(found.text)
    return declared.split(found.text)[1]


def diagnostic(found: Found, text: Text) -> lsp.Diagnostic:
    if found.chars:
        line_text = text.line(found.line - 1)
        start = lsp.Position(line=found.line - 1, character=text.units(line_text[: found.col]))
    else:
        start = text.position(found.line, found.col)
    end = None
    if found.end is not None and found.end[0] == found.line:
        if found.chars:
            end = lsp.Position(line=found.line - 1, character=text.units(text.line(found.line - 1)[: found.end[1]]))
        else:
            end = text.position(*found.end)
    if end is None or end.character <= start.character:
        end = text.end_of_line(found.line)
        if end.character < start.character:
            end = start
    ours = found.code.startswith("XFA")
    safety = fix_safety(found) if ours else None
    return lsp.Diagnostic(
        range=lsp.Range(start=start, end=end),
        message=found.text,
        severity=lsp.DiagnosticSeverity.Warning if ours else lsp.DiagnosticSeverity.Error,
        code=found.code,
        code_description=lsp.CodeDescription(href=DOCS_URL.format(code=found.code)) if ours else None,
        source=NAME,
        data={"fix": safety} if safety else None,
    )


def rule_hover(code: str) -> str | None:
    """Markdown: the rule's name, what it reports, why, and what to write instead."""
    from . import rules  # noqa: F401  (declares them)

    declared = RULES.get(code)
    if declared is None:
        return None
    parts = [
        f"**{declared.code}** `{declared.name}`",
        declared.what,
        f"**Why:** {declared.why}",
        "**Use instead:**",
        f"```python\n{declared.good}\n```",
    ]
    if declared.fix:
        parts.append(
            "Fix: `fastapi-conventions fix`"
            if declared.fix == "safe"
            else "Fix (unsafe, can change behaviour): `fastapi-conventions fix --unsafe-fixes`"
        )
    parts.append(f"[{declared.code} documentation]({DOCS_URL.format(code=code)})")
    return "\n\n".join(parts)


# -- noqa ------------------------------------------------------------------------------


def noqa_edit(text: Text, line: int, code: str) -> lsp.TextEdit | None:
    """The edit adding ``code`` to the ``# noqa`` comment that silences line ``line``: on
    the last line of a multi-line string or backslash continuation that starts there
    (a comment inside a string would be part of the string), extending an existing
    ``# noqa: CODES`` comment."""
    target = _comment_line(text, line)
    physical = text.line(target - 1)
    m = _NOQA.search(physical)
    if m is not None:
        if not m.group("codes"):
            return None  # a bare ``# noqa`` silences every code already
        codes = m.group("codes").rstrip(", \t")
        end = m.start("codes") + len(codes)
        position = text.position(target, len(physical[:end].encode("utf-8")))
        return lsp.TextEdit(range=lsp.Range(start=position, end=position), new_text=f",{code}")
    stripped = physical.rstrip()
    position = text.position(target, len(stripped.encode("utf-8")))
    end = text.position(target, len(physical.encode("utf-8")))
    return lsp.TextEdit(range=lsp.Range(start=position, end=end), new_text=f"  # noqa: {code}")


def _comment_line(text: Text, line: int) -> int:
    """The line (1-based) where a comment silences a finding on ``line``."""
    import io
    import tokenize

    target = line
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text.source).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        tokens = []
    multi = [(t.start[0], t.end[0]) for t in tokens if t.end[0] > t.start[0] and t.type not in (tokenize.NL, tokenize.NEWLINE)]
    changed = True
    while changed:
        changed = False
        for first, last in multi:
            if first <= target < last:
                target, changed = last, True
        while text.line(target - 1).rstrip().endswith("\\") and target < len(text.starts):
            target, changed = target + 1, True
    return target


# -- the project: configuration, index, checks ---------------------------------------------


class Project:
    """The workspace root's flake8 configuration (as ``fastapi-conventions check`` builds
    it) and the project indexes of its files."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.error: str | None = None
        self.load()

    def load(self) -> None:
        from .cli import Policy, UsageError, _is_ours, flake8_options, plugin_select
        from .settings import Settings, settings_from_options

        self.error = None
        try:
            _plugins, options = flake8_options([])
            settings = settings_from_options(options)
        except (UsageError, SystemExit) as exc:
            self.error = str(exc.code if isinstance(exc, SystemExit) else exc)
            _plugins, options = flake8_options(["--isolated"])
            settings = Settings()
        # as ``check``: only this plugin's codes (and E999), whatever ``select`` says
        options.select = plugin_select(options.select)
        options.extend_select = [c for c in options.extend_select or () if _is_ours(c)]
        self.options = options
        self.settings = settings
        self.policy = Policy(options)
        self._excluded: dict[str, bool] = {}

    def filename(self, path: str | None) -> str:
        """The file name the plugin sees: relative to the root when under it (flake8 run
        from the project root), else absolute; ``stdin`` for a document without a file."""
        if path is None:
            return "stdin"
        rel = os.path.relpath(path, self.root)
        return path if rel.startswith("..") or os.path.isabs(rel) else rel

    def index(self, path: str | None):
        from .context import NON_FASTAPI_FRAMEWORKS
        from .project import find_root, shared_index

        if path is None:
            return None
        root = find_root(path, self.settings.project_root)
        return shared_index(root, self.settings, NON_FASTAPI_FRAMEWORKS)

    def excluded(self, filename: str) -> bool:
        """flake8's ``exclude``/``extend-exclude`` leave the file out."""
        found = self._excluded.get(filename)
        if found is None:
            from flake8.discover_files import expand_paths

            options = self.options
            found = not list(
                expand_paths(
                    paths=[filename],
                    stdin_display_name=filename,
                    filename_patterns=options.filename,
                    exclude=[*options.exclude, *options.extend_exclude],
                )
            )
            self._excluded[filename] = found
        return found

    def ignores_file(self, filename: str, lines: list[str]) -> bool:
        """``# flake8: noqa`` on a line of its own switches the whole file off."""
        from flake8.processor import FileProcessor

        if self.options.disable_noqa or not any("noqa" in line.lower() for line in lines):
            return False
        try:
            return FileProcessor(filename, self.options, lines=list(lines)).should_ignore_file()
        except Exception:  # flake8's own reading of the lines: then the file is checked
            return False

    def check(self, path: str | None, source: str) -> tuple[list[Found], dict | None]:
        """The findings flake8 reports for ``source`` as the file ``path``, and the buffer's
        module summary (``None`` when it does not parse)."""
        from .checker import check_context
        from .context import NON_FASTAPI_FRAMEWORKS
        from .project import summarize

        filename = self.filename(path)
        text = Text(source)
        lines = text.lines
        try:
            tree = ast.parse(source, filename)
        except SyntaxError as exc:
            return [_syntax_error(exc, text)], None
        except (ValueError, RecursionError, MemoryError) as exc:
            detail = "too deeply nested to parse" if isinstance(exc, RecursionError) else str(exc)
            return [Found(1, 0, "E999", f"E999 {type(exc).__name__}: {detail}")], None
        try:
            summary = summarize(tree, NON_FASTAPI_FRAMEWORKS)
        except RecursionError:
            summary = None
        if self.excluded(filename) or self.ignores_file(filename, lines):
            return [], summary
        ctx = check_context(tree, filename, self.settings, lines)
        if ctx is None:
            return [], summary
        found = [
            Found(line, col, message.split(" ", 1)[0], message, ctx.ends.get((line, col, message)))
            for line, col, message in sorted(ctx.findings)
        ]
        return self.policy(filename, lines, found), summary

    def fix(self, path: str | None, source: str, only: tuple[str, int, int] | None = None, unsafe: bool = False):
        """``fastapi-conventions fix`` on ``source`` (``--unsafe-fixes`` with ``unsafe``);
        with ``only``, just the fix of that finding ``(code, line, col)``."""
        from .fixer import fix_text

        filename = self.filename(path)
        policy: Callable[[str, list[str], list[Any]], list[Any]] = self.policy
        if only is not None:
            first: list[list[str]] = []

            def one(filename: str, lines: list[str], findings: list[Any]) -> list[Any]:
                # the finding on the text as it was; nothing on the text once fixed
                if first and lines != first[0]:
                    return []
                first.append(lines)
                kept = self.policy(filename, lines, findings)
                return [f for f in kept if (f.code, f.line, f.col) == only]

            policy = one

        if self.excluded(filename):
            return None
        return fix_text(source, filename, self.settings, unsafe=unsafe, policy=policy)


def _syntax_error(exc: SyntaxError, text: Text) -> Found:
    line = max(exc.lineno or 1, 1)
    line_text = text.line(line - 1)
    col = min(max((exc.offset or 1) - 1, 0), len(line_text))
    end = None
    end_line, end_offset = getattr(exc, "end_lineno", None), getattr(exc, "end_offset", None)
    if end_line == line and end_offset:
        end = (line, min(max(end_offset - 1, col), len(line_text)))
    reason = exc.args[0] if exc.args else "invalid syntax"
    return Found(line, col, "E999", f"E999 {type(exc).__name__}: {reason}", end, chars=True)


# -- the server ------------------------------------------------------------------------------


@dataclass
class Document:
    uri: str
    path: str | None
    version: int | None
    source: str
    findings: list[Found] = field(default_factory=list)
    diagnostics: list[lsp.Diagnostic] = field(default_factory=list)
    #: the version the findings are of
    checked: int | None = None


class ConventionsServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(NAME, __version__)
        self.project: Project | None = None
        self.documents: dict[str, Document] = {}
        self.pending: dict[str, asyncio.Task] = {}
        #: module path -> the buffer summary the other documents were last re-checked for
        self.announced: dict[str, Any] = {}
        #: checks and fixes run here, one at a time, in order (the event loop stays free)
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fastapi-conventions-check")
        #: held by a check or fix, and by the start-up indexing between two files
        self.lock = threading.RLock()
        self.debounce = DEBOUNCE
        self.warm: dict[str, Any] = {"done": False}

    # -- helpers ---------------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        try:
            return self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        except Exception:  # before initialize
            return lsp.PositionEncodingKind.Utf16

    def text(self, source: str) -> Text:
        return Text(source, self.encoding)

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Info) -> None:
        try:
            self.window_log_message(lsp.LogMessageParams(type=kind, message=f"{NAME}: {message}"))
        except Exception:  # no client any more
            pass

    def show(self, message: str, kind: lsp.MessageType = lsp.MessageType.Info) -> None:
        try:
            self.window_show_message(lsp.ShowMessageParams(type=kind, message=f"{NAME}: {message}"))
        except Exception:  # no client any more: nobody to tell
            pass

    # -- checks ------------------------------------------------------------------------------
    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Check ``uri`` after ``delay`` seconds (the debounce), replacing a pending check."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(
            self._check_later(uri, self.debounce if delay is None else delay)
        )

    async def _check_later(self, uri: str, delay: float) -> None:
        me = asyncio.current_task()
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            await self.check_now(uri)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug here must not stop the server
            log.exception("check of %s failed", uri)
            self.log(f"internal error checking {uri}: {type(exc).__name__}: {exc}", lsp.MessageType.Error)
        finally:
            if self.pending.get(uri) is me:
                del self.pending[uri]

    async def check_now(self, uri: str) -> None:
        doc = self.documents.get(uri)
        if doc is None or self.project is None:
            return
        version, source = doc.version, doc.source
        loop = asyncio.get_running_loop()
        findings, module = await loop.run_in_executor(self.executor, self._check, doc.path, source)
        if module is not None:
            path, summary, changed = module
            if changed:
                # what this module defines changed (the index has it now, even when this
                # version's findings are dropped below): the modules using it may read otherwise
                for other in list(self.documents):
                    if other != uri:
                        self.schedule(other, 0)
            # remembered only here: a check cancelled while it ran (a newer version came)
            # set the index's overlay but scheduled nobody, and the next check must notice
            self.announced[path] = summary
        current = self.documents.get(uri)
        if current is not doc or doc.version != version:
            return  # changed or closed meanwhile: a newer check is on its way
        text = self.text(source)
        doc.findings = findings
        doc.diagnostics = [diagnostic(f, text) for f in findings]
        doc.checked = version
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=doc.diagnostics, version=version)
        )

    def _check(self, path: str | None, source: str) -> tuple[list[Found], tuple[str, dict, bool] | None]:
        """In the executor: the findings, and ``(module path, summary, changed)``: the
        buffer's summary and whether it differs from the one the other documents were last
        checked against."""
        assert self.project is not None
        with self.lock:
            index = self.project.index(path)
            previous: Any = _MISSING
            if index is not None:
                abspath = os.path.abspath(path)  # type: ignore[arg-type]
                if abspath in self.announced:
                    previous = self.announced[abspath]
                elif abspath in index.overlays:
                    previous = index.overlays[abspath]
                elif abspath != index._current_path:
                    previous = index.summary(abspath)  # its file's
                # lookups outlive a check; one made while another buffer of this module was
                # the checked file may be stale for this version
                index._lookups.clear()
            findings, summary = self.project.check(path, source)
            if index is None:
                return findings, None
            if summary is None:
                # a buffer that does not parse (mid-edit): its module stays what it was,
                # so the modules using it keep their findings until it parses again
                return findings, None
            index.set_overlay(path, summary)  # type: ignore[arg-type]
            return findings, (abspath, summary, summary != previous)

    # -- the index ------------------------------------------------------------------------------
    def start_indexing(self) -> None:
        thread = threading.Thread(target=self._index_workspace, name="fastapi-conventions-index", daemon=True)
        thread.start()

    def _index_workspace(self) -> None:
        """Read every module summary of the workspace once (from the cache when it has them)."""
        project = self.project
        if project is None:
            return
        started = time.perf_counter()
        count = cached = 0
        try:
            with self.lock:
                exclude = [*project.options.exclude, *project.options.extend_exclude]
            for path in _python_files(project.root, exclude):
                if count >= MAX_WARM_FILES or self.project is not project:
                    break
                with self.lock:
                    index = project.index(path)
                    if index is not None:
                        stats = index.cache.stats if index.cache is not None else {"disk_hits": 0}
                        hits = stats["disk_hits"]
                        index.summary(path)
                        cached += stats["disk_hits"] - hits
                count += 1
        except Exception as exc:  # the index stays lazy: files are read when a check needs them
            self.log(f"indexing stopped: {type(exc).__name__}: {exc}", lsp.MessageType.Warning)
        seconds = time.perf_counter() - started
        self.warm.update(done=True, files=count, cached=cached, seconds=seconds)
        self.log(f"indexed {count} modules in {seconds:.2f} s ({cached} from the summary cache)")

    def refresh_file(self, path: str, deleted: bool) -> None:
        """In the executor: a file changed on disk (not through an open buffer)."""
        assert self.project is not None
        with self.lock:
            index = self.project.index(path)
            if index is None:
                return
            index._summaries.pop(os.path.abspath(path), None)
            index._modules.clear()
            index._lookups.clear()
            if not deleted and path.endswith(".py"):
                index.summary(path)

    def refresh_overlays(self) -> None:
        """In the executor: every open buffer's summary into its (maybe new) index."""
        from .context import NON_FASTAPI_FRAMEWORKS
        from .project import summarize

        assert self.project is not None
        with self.lock:
            for doc in list(self.documents.values()):
                index = self.project.index(doc.path)
                if index is None:
                    continue
                try:
                    summary = summarize(ast.parse(doc.source), NON_FASTAPI_FRAMEWORKS)
                except (SyntaxError, ValueError, RecursionError, MemoryError):
                    summary = None
                index.set_overlay(doc.path, summary)  # type: ignore[arg-type]

    # -- fixes ------------------------------------------------------------------------------
    def workspace_edit(self, doc: Document, before: str, after: str) -> lsp.WorkspaceEdit:
        edits = text_edits(self.text(before), after)
        caps = self.client_capabilities
        versioned = bool(
            caps.workspace and caps.workspace.workspace_edit and caps.workspace.workspace_edit.document_changes
        )
        if versioned:
            return lsp.WorkspaceEdit(
                document_changes=[
                    lsp.TextDocumentEdit(
                        text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version),
                        edits=edits,  # type: ignore[arg-type]
                    )
                ]
            )
        return lsp.WorkspaceEdit(changes={doc.uri: edits})

    async def apply(self, doc: Document, before: str, after: str, label: str) -> bool:
        edit = self.workspace_edit(doc, before, after)
        result = await self.workspace_apply_edit_async(lsp.ApplyWorkspaceEditParams(edit=edit, label=label))
        if not result.applied:
            self.log(f"the editor did not apply {label!r}: {result.failure_reason or 'no reason given'}")
        return bool(result.applied)


def _python_files(root: str, exclude: list[str]):
    def excluded(path: str) -> bool:
        name = os.path.basename(path)
        return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path, p) for p in exclude)

    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and d not in ("__pycache__", "node_modules")
            and not os.path.exists(os.path.join(directory, d, "pyvenv.cfg"))
            and not excluded(os.path.join(directory, d))
        )
        for name in sorted(filenames):
            path = os.path.join(directory, name)
            if name.endswith(".py") and not excluded(path):
                yield path


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _contains(r: lsp.Range, p: lsp.Position) -> bool:
    return (r.start.line, r.start.character) <= (p.line, p.character) <= (r.end.line, r.end.character)


def _wanted(kind: str, only: list[str] | None) -> bool:
    return not only or any(kind == o or kind.startswith(o + ".") for o in only)


def make_server() -> ConventionsServer:
    server = ConventionsServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: ConventionsServer, params: lsp.InitializeParams) -> None:
        root = None
        if params.workspace_folders:
            root = to_fs_path(params.workspace_folders[0].uri)
        elif params.root_uri:
            root = to_fs_path(params.root_uri)
        elif params.root_path:
            root = params.root_path
        root = os.path.abspath(root or os.getcwd())
        if os.path.isdir(root):
            os.chdir(root)  # flake8 finds its configuration, and paths are relative, from here
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
            ls.debounce = max(float(options["debounce"]), 0.0) / 1000
        ls.project = Project(root)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: ConventionsServer, params: lsp.InitializedParams) -> None:
        assert ls.project is not None
        if ls.project.error:
            ls.show(f"flake8 configuration: {ls.project.error}; using the defaults", lsp.MessageType.Error)
        ls.start_indexing()
        caps = ls.client_capabilities
        watch = caps.workspace and caps.workspace.did_change_watched_files
        if watch and watch.dynamic_registration:
            watchers = [
                lsp.FileSystemWatcher(glob_pattern="**/*.py"),
                lsp.FileSystemWatcher(glob_pattern="**/{.flake8,setup.cfg,tox.ini,pyproject.toml}"),
            ]
            try:
                await ls.client_register_capability_async(
                    lsp.RegistrationParams(
                        registrations=[
                            lsp.Registration(
                                id="fastapi-conventions-watch",
                                method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                            )
                        ]
                    )
                )
            except Exception as exc:  # the index then follows the open buffers only
                ls.log(f"cannot watch files: {exc}", lsp.MessageType.Warning)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ConventionsServer, params: lsp.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        path = to_fs_path(item.uri) if item.uri.startswith("file:") else None
        ls.documents[item.uri] = Document(item.uri, path and os.path.abspath(path), item.version, item.text)
        ls.schedule(item.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ConventionsServer, params: lsp.DidChangeTextDocumentParams) -> None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return
        doc.source = ls.workspace.get_text_document(doc.uri).source
        doc.version = params.text_document.version
        ls.schedule(doc.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ConventionsServer, params: lsp.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri in ls.documents:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: ConventionsServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = ls.documents.pop(uri, None)
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if doc is None or ls.project is None or doc.path is None:
            return

        def drop() -> None:
            with ls.lock:
                index = ls.project.index(doc.path)  # type: ignore[union-attr]
                if index is not None:
                    index.drop_overlay(doc.path)  # type: ignore[arg-type]

        await asyncio.get_running_loop().run_in_executor(ls.executor, drop)
        ls.announced.pop(os.path.abspath(doc.path), None)
        for other in list(ls.documents):
            ls.schedule(other)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched_files(ls: ConventionsServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if ls.project is None:
            return
        loop = asyncio.get_running_loop()
        open_paths = {d.path for d in ls.documents.values()}
        config = False
        for change in params.changes:
            if not change.uri.startswith("file:"):
                continue
            path = os.path.abspath(to_fs_path(change.uri))
            if os.path.basename(path) in CONFIG_FILES:
                config = True
                continue
            if path in open_paths:
                continue  # the buffer is what the index knows of it
            deleted = change.type == lsp.FileChangeType.Deleted
            await loop.run_in_executor(ls.executor, ls.refresh_file, path, deleted)
        if config:

            def reload() -> None:
                with ls.lock:  # not while the start-up index reads the options
                    ls.project.load()  # type: ignore[union-attr]

            await loop.run_in_executor(ls.executor, reload)
            if ls.project.error:
                ls.show(f"flake8 configuration: {ls.project.error}; using the defaults", lsp.MessageType.Error)
            await loop.run_in_executor(ls.executor, ls.refresh_overlays)
        for uri in list(ls.documents):
            ls.schedule(uri)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: ConventionsServer, params: lsp.HoverParams) -> lsp.Hover | None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return None
        parts, where = [], None
        for d in doc.diagnostics:
            if isinstance(d.code, str) and d.code.startswith("XFA") and _contains(d.range, params.position):
                text = rule_hover(d.code)
                if text is not None and text not in parts:
                    parts.append(text)
                    where = where or d.range
        if not parts:
            return None
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)), range=where
        )

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=False),
    )
    def code_action(ls: ConventionsServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None or doc.checked != doc.version:
            return None  # findings of another version: their positions may be off
        only = [str(k) for k in params.context.only] if params.context.only else None
        text = ls.text(doc.source)
        actions: list[lsp.CodeAction] = []
        for found, diag in zip(doc.findings, doc.diagnostics):
            if not found.code.startswith("XFA") or not _overlaps(diag.range, params.range):
                continue
            if _wanted(lsp.CodeActionKind.QuickFix, only):
                safety = fix_safety(found)
                if safety is not None:
                    title = f"Fix {found.code}: {fix_hint(found)}"
                    if safety == "unsafe":
                        title += " (unsafe: can change behaviour)"
                    actions.append(
                        lsp.CodeAction(
                            title=title,
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[diag],
                            is_preferred=safety == "safe",
                            command=lsp.Command(
                                title=title,
                                command=FIX_COMMAND,
                                arguments=[doc.uri, doc.version, found.code, found.line, found.col, safety == "unsafe"],
                            ),
                        )
                    )
                edit = noqa_edit(text, found.line, found.code)
                if edit is not None:
                    actions.append(
                        lsp.CodeAction(
                            title=f"Add `# noqa: {found.code}` on this line",
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[diag],
                            edit=lsp.WorkspaceEdit(changes={doc.uri: [edit]}),
                        )
                    )
        if _wanted(FIX_ALL_KIND, only) and any(fix_safety(f) == "safe" for f in doc.findings):
            title = "Fix all safe fastapi-conventions fixes in this file"
            actions.append(
                lsp.CodeAction(
                    title=title,
                    kind=FIX_ALL_KIND,
                    command=lsp.Command(title=title, command=FIX_ALL_COMMAND, arguments=[doc.uri, doc.version]),
                )
            )
        return actions

    @server.command(FIX_COMMAND)
    async def apply_fix(ls: ConventionsServer, *args: Any) -> bool:
        try:
            uri, _version, code, line, col, unsafe = args
        except ValueError:
            ls.show(f"{FIX_COMMAND}: bad arguments {args!r}", lsp.MessageType.Error)
            return False
        return await _fix(ls, str(uri), (str(code), int(line), int(col)), bool(unsafe), f"Fix {code}")

    @server.command(FIX_ALL_COMMAND)
    async def fix_all(ls: ConventionsServer, *args: Any) -> bool:
        if not args:
            ls.show(f"{FIX_ALL_COMMAND}: no document given", lsp.MessageType.Error)
            return False
        return await _fix(ls, str(args[0]), None, False, "Fix all safe fastapi-conventions fixes")

    return server


async def _fix(ls: ConventionsServer, uri: str, only: tuple[str, int, int] | None, unsafe: bool, label: str) -> bool:
    doc = ls.documents.get(uri)
    if doc is None or ls.project is None:
        ls.show(f"{label}: the document is not open", lsp.MessageType.Warning)
        return False
    version, before = doc.version, doc.source
    loop = asyncio.get_running_loop()

    def run():
        with ls.lock:
            return ls.project.fix(doc.path, before, only, unsafe)  # type: ignore[union-attr]

    try:
        result = await loop.run_in_executor(ls.executor, run)
    except Exception as exc:  # a bug in the fixer: the document stays as it is
        log.exception("fix failed")
        ls.show(f"{label}: internal error: {type(exc).__name__}: {exc}", lsp.MessageType.Error)
        return False
    if doc.version != version or ls.documents.get(uri) is not doc:
        ls.show(f"{label}: the document changed meanwhile; try again", lsp.MessageType.Warning)
        return False
    if result is None or not result.changed:
        reasons = [m.reason for m in (result.manual if result is not None else ()) if m.reason]
        why = f": {reasons[0]}" if reasons else ""
        if result is not None and result.cannot_parse:
            why = f": the file does not parse ({result.parse_error})"
        ls.show(f"{label}: nothing to change{why}", lsp.MessageType.Info)
        return False
    return await ls.apply(doc, before, result.text, label)


def serve() -> int:
    """Run the server on stdin/stdout until the client says exit."""
    stdout = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol stream
    logging.basicConfig(level=os.environ.get("FASTAPI_CONVENTIONS_LOG", "WARNING").upper(), stream=sys.stderr)
    server = make_server()
    server.start_io(stdin=sys.stdin.buffer, stdout=stdout)
    return 0
