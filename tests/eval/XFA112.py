# path: app/api/routes/welcome.py
# select: XFA112
import asyncio
import functools
import subprocess
import time
from contextlib import asynccontextmanager, contextmanager
from functools import lru_cache

import requests
from fastapi import APIRouter, BackgroundTasks, FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

router = APIRouter()


def render_welcome(name: str) -> str:
    with open("templates/welcome.txt") as f:
        return f.read().format(name=name)


def fetch_avatar(user_id: int) -> bytes:
    return _download(f"https://avatars.example.com/{user_id}")


def _download(url: str) -> bytes:
    return requests.get(url, timeout=5).content


def backoff() -> None:
    time.sleep(0.5)


def convert(path: str) -> None:
    subprocess.run(["convert", path, path + ".png"], check=True)


def slugify(name: str) -> str:
    return name.lower().replace(" ", "-")


def uses_pure_helper(name: str) -> str:
    return slugify(name) + "!"


async def notify(user_id: int) -> None:
    await asyncio.sleep(0)


def iter_file(path: str):
    with open(path, "rb") as f:
        yield from f


@lru_cache
def load_config() -> str:
    with open("config.toml") as f:
        return f.read()


def config_value() -> str:
    return load_config()


@contextmanager
def locked(path: str):
    with open(path + ".lock", "w"):
        yield


_template: str | None = None


def get_template() -> str:
    global _template
    if _template is None:
        with open("templates/base.txt") as f:
            _template = f.read()
    return _template


def shadows_open(open, path: str) -> None:
    open(path)


def tracked(fn):
    return fn


@tracked
def decorated(path: str) -> str:
    return open(path).read()


@router.get("/welcome")
async def welcome(name: str) -> str:
    return render_welcome(name)  # error: XFA112:12 "render_welcome"


@router.get("/avatar/{user_id}")
async def avatar(user_id: int) -> bytes:
    data = fetch_avatar(user_id)  # error: XFA112:12
    backoff()  # error: XFA112:5
    convert("x")  # error: XFA112:5
    with locked("x"):  # error: XFA112:10
        pass
    return data


@router.get("/near-misses")
async def near_misses(name: str, background_tasks: BackgroundTasks) -> str:
    text = await asyncio.to_thread(render_welcome, name)
    data = await run_in_threadpool(fetch_avatar, 1)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, functools.partial(backoff))
    await loop.run_in_executor(None, lambda: convert("x"))
    background_tasks.add_task(convert, "x")
    await notify(1)
    slug = uses_pure_helper(name)
    config = config_value() + get_template()
    shadows_open(print, "x")
    decorated("x")

    def inner() -> str:
        return render_welcome(name)

    return text + slug + config + inner() + str(data)


@router.get("/download")
async def download(path: str) -> StreamingResponse:
    return StreamingResponse(iter_file(path))


async def offloads_call_result() -> str:
    # the helper runs here, in the event loop, before to_thread gets its result
    return await asyncio.to_thread(render_welcome("x"))  # error: XFA112:36


async def shadowed_helper(render_welcome) -> str:
    return render_welcome("x")


@asynccontextmanager
async def lifespan(app: FastAPI):
    # runs once, before the app serves requests
    render_welcome("warm-up")
    yield


async def on_startup() -> None:
    backoff()


application = FastAPI(lifespan=lifespan)
application.add_event_handler("startup", on_startup)
