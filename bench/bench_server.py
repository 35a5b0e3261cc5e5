"""Benchmark: the language server's latency, from an edit to its diagnostics.

    python bench/bench_server.py [--modules 500] [--lines 1000] [--changes 30]

Generates (in a temporary directory, never committed) the FastAPI project of
``bench.py --stdin-file-in-project`` with about ``--modules`` modules, plus one routes module
of about ``--lines`` lines (``bench.py --big-file``'s generator) at ``app/routers/big.py``.
Then it starts ``fastapi-conventions server`` as an editor does (a subprocess on stdio,
driven by pytest-lsp's client) and measures:

- start-up: ``initialize`` answered, and the background index of the workspace done (the
  server's "indexed N modules" log message), with an empty summary cache and again with
  the cache the first start filled (a second server on the same tree);
- the first diagnostics of the big module when it is opened;
- after an edit of the big module (a different number in one function body each time,
  the whole text sent as a client with full sync does), the time until its
  ``publishDiagnostics`` of that version arrives: with the debounce off (``{"debounce":
  0}``: the check itself plus the protocol) and with the default debounce (what a user
  waits for after the last keystroke: the debounce plus the check);
- after an edit of a model module the big module imports (an unsaved buffer), the time
  until the big module's diagnostics are published again.

Prints Markdown; nothing here is a test. Needs the ``[server]`` and ``[test]`` extras.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, client_capabilities
from pytest_lsp.client import make_test_lsp_client

from flake8_fastapi_conventions.server import DEBOUNCE

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import big_file_source, write_project  # noqa: E402

TIMEOUT = 120


class Recorder:
    """publishDiagnostics and logMessage notifications, with their arrival times."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.event = asyncio.Event()
        self.published: list[tuple[float, lsp.PublishDiagnosticsParams]] = []
        self.logs: list[tuple[float, str]] = []

    def publish(self, params: lsp.PublishDiagnosticsParams) -> None:
        self.published.append((time.perf_counter(), params))
        self.loop.call_soon_threadsafe(self.event.set)

    def log(self, params: lsp.LogMessageParams) -> None:
        self.logs.append((time.perf_counter(), params.message))
        self.loop.call_soon_threadsafe(self.event.set)

    async def until(self, found):
        async def wait():
            while True:
                value = found()
                if value is not None:
                    return value
                self.event.clear()
                await self.event.wait()

        return await asyncio.wait_for(wait(), TIMEOUT)

    async def publish_of(self, uri: str, version: int | None = None, after: int = 0) -> float:
        def found():
            for t, p in self.published[after:]:
                if p.uri == uri and (version is None or p.version == version):
                    return t
            return None

        return await self.until(found)


async def start(root: Path, debounce: int | None) -> tuple[object, Recorder, float]:
    recorder = Recorder()

    def factory():
        client = make_test_lsp_client()
        features = client.protocol.fm._features
        features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = recorder.publish
        features[lsp.WINDOW_LOG_MESSAGE] = recorder.log
        features[lsp.CLIENT_REGISTER_CAPABILITY] = lambda params: None
        return client

    config = ClientServerConfig(
        server_command=[sys.executable, "-m", "flake8_fastapi_conventions.cli", "server"], client_factory=factory
    )
    started = time.perf_counter()
    client = await config.start()
    options = {} if debounce is None else {"debounce": debounce}
    await client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=root.as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="bench")],
            initialization_options=options,
        )
    )
    return client, recorder, time.perf_counter() - started


async def stop(client) -> None:
    await client.shutdown_session()
    await client.stop()


async def indexed(recorder: Recorder) -> tuple[float, str]:
    def found():
        for t, message in recorder.logs:
            if "indexed" in message:
                return t, message
        return None

    return await recorder.until(found)


def edited(source: str, n: int) -> str:
    """The big module with one number in a function body changed (``n`` differs each time)."""
    return source.replace("if value > 0:", f"if value > {n + 1000}:", 1)


def server_cpu(client) -> float:
    """The server process's CPU time so far (user + system, seconds; Linux only, else 0)."""
    try:
        fields = Path(f"/proc/{client._server.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, AttributeError, IndexError):
        return 0.0
    import os

    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def edit_latency(
    client, recorder: Recorder, uri: str, source: str, changes: int, first_version: int, cpu: list[float] | None = None
) -> list[float]:
    times = []
    version = first_version
    for n in range(changes):
        version += 1
        before = server_cpu(client)
        sent = time.perf_counter()
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=edited(source, n))],
            )
        )
        arrived = await recorder.publish_of(uri, version)
        times.append(arrived - sent)
        if cpu is not None:
            cpu.append(server_cpu(client) - before)
    return times


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def row(label: str, times: list[float]) -> str:
    times = sorted(times)
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    return f"| {label} | {ms(statistics.median(times))} | {ms(p90)} | {ms(times[-1])} | {len(times)} |"


def make_tree(root: Path, args) -> tuple[Path, str, str]:
    """The generated project; the big module's path and text, the schema module's text."""
    write_project(root, args.modules)
    (root / "pyproject.toml").write_text('[project]\nname = "bench"\n')
    deps = root / "app" / "deps.py"
    if not deps.exists():
        deps.write_text("async def get_session():\n    yield None\n")
    big = root / "app" / "routers" / "big.py"
    source = big_file_source(args.lines).replace(
        "from app.deps import get_session\n", "from app.deps import get_session\nfrom app.schemas.thing0 import Thing0Read\n"
    ) + "\n\ndef dump(thing: Thing0Read) -> dict:\n    return thing.model_dump()\n"
    big.write_text(source)
    return big, source, (root / "app" / "schemas" / "thing0.py").read_text()


def run(args) -> None:
    with tempfile.TemporaryDirectory(prefix="xfa-bench-server-") as tmp:
        root = Path(tmp)
        big, source, schema_text = make_tree(root, args)
        asyncio.run(measure(root, big, source, schema_text, args))


async def measure(root: Path, big: Path, source: str, schema_text: str, args) -> None:
    modules = sum(1 for _ in root.rglob("*.py"))
    lines = len(source.splitlines())
    uri = big.as_uri()

    import os

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    out = [
        f"Project: {modules} modules generated; the edited module app/routers/big.py has {lines} lines.",
        f"Load average at the start: {load:.1f} on {os.cpu_count()} CPUs.",
        f"Python {platform.python_version()} on {platform.machine()}, {sys.platform}.",
        "",
    ]

    # start-up, cold cache; the edit latency with the debounce off
    client, recorder, init = await start(root, debounce=0)
    _at, message = await indexed(recorder)
    t0 = time.perf_counter()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(uri=uri, language_id="python", version=1, text=source))
    )
    first = await recorder.publish_of(uri, 1) - t0
    cpu: list[float] = []
    warm = await edit_latency(client, recorder, uri, source, args.changes, 1, cpu)

    # a model the big module uses changes in an unsaved buffer of another module
    schema = root / "app" / "schemas" / "thing0.py"
    schema_uri = schema.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=schema_uri, language_id="python", version=1, text=schema_text)
        )
    )
    await recorder.publish_of(schema_uri, 1)
    cross = []
    for n in range(max(3, args.changes // 3)):
        after = len(recorder.published)
        sent = time.perf_counter()
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=schema_uri, version=n + 2),
                content_changes=[
                    lsp.TextDocumentContentChangeWholeDocument(text=schema_text + f"\n\nEXTRA_{n} = {n}\n")
                ],
            )
        )
        cross.append(await recorder.publish_of(uri, None, after) - sent)
    await stop(client)

    # the default debounce: what a user waits for after the last keystroke
    client, recorder, _init = await start(root, debounce=None)
    _at, message_warm = await indexed(recorder)
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(uri=uri, language_id="python", version=1, text=source))
    )
    await recorder.publish_of(uri, 1)
    debounced = await edit_latency(client, recorder, uri, source, args.changes, 1)
    await stop(client)

    out += [
        "| start-up | time |",
        "|---|---|",
        f"| `initialize` answered (process start, imports, flake8 configuration) | {ms(init)} |",
        f"| background index, empty summary cache: {message.split(': ', 1)[-1]} | |",
        f"| background index, the cache the first start filled: {message_warm.split(': ', 1)[-1]} | |",
        f"| first diagnostics of the big module on open | {ms(first)} |",
        "",
        "| edit → diagnostics of that version | median | p90 | max | edits |",
        "|---|---|---|---|---|",
        row(f"{lines}-line module, warm index, debounce off", warm),
        row("… the server's CPU time for it (user + system; 10 ms ticks)", cpu),
        row(f"{lines}-line module, warm index, default debounce ({DEBOUNCE * 1000:.0f} ms)", debounced),
        row(f"model module edited (unsaved) → the {lines}-line module that imports it re-published, debounce off", cross),
    ]
    print("\n".join(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", type=int, default=500)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=30)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
