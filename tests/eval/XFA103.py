import json
import pathlib
from pathlib import Path

import aiofiles
import anyio
from fastapi.concurrency import run_in_threadpool

BASE_DIR = Path(__file__).resolve().parent
TEMPLATES = BASE_DIR / "templates"
NOT_A_PATH = "templates"


async def builtin_open(name: str):
    with open(name) as f:  # error: XFA103:10 "open"
        data = f.read()
    config = json.load(open("config.json"))  # error: XFA103:24
    return data, config


async def pathlib_methods(name: str, folder: Path, maybe: Path | None, untyped):
    text = Path(name).read_text()  # error: XFA103:12
    raw = pathlib.Path(name).read_bytes()  # error: XFA103:11
    (TEMPLATES / name).write_text(text)  # error: XFA103:5
    BASE_DIR.joinpath("x").write_bytes(raw)  # error: XFA103:5
    with Path.cwd().open() as f:  # error: XFA103:10
        f.read()
    folder.read_text()  # error: XFA103:5
    local = Path(name).with_suffix(".json")
    local.read_text()  # error: XFA103:5
    local.parent.read_text()  # error: XFA103:5
    annotated: Path = untyped
    annotated.read_bytes()  # error: XFA103:5
    untyped.read_text()  # not provably a pathlib.Path
    NOT_A_PATH.open()
    local = untyped
    local.read_text()  # rebound to something unknown


async def async_alternatives(name: str):
    async with aiofiles.open(name) as f:
        await f.read()
    async with await anyio.open_file(name) as f:
        await f.read()
    await anyio.Path(name).read_text()
    await run_in_threadpool(open, name)
    await run_in_threadpool(Path(name).read_text)


async def nested_sync(name: str):
    def load():
        with open(name) as f:
            return f.read()

    return await run_in_threadpool(load)


def sync_function(name: str):
    with open(name) as f:
        return f.read() + Path(name).read_text()


async def shadowed_open(name: str, open):
    return open(name)


async def loop_variable(paths: list[str]):
    for BASE_DIR in paths:
        BASE_DIR.read_text()


async def other_receivers(request, name: str):
    request.app.state.storage.open(name)
    return await request.body()
