# path: dbgpt/util/fastapi.py
# tenth precision reading (DB-GPT): a library helper that registers start-up handlers on
# FastAPI releases older than lifespan support, and collects them for its lifespan on newer ones
from importlib import metadata
from typing import Callable

import fastapi
from fastapi import FastAPI

_FASTAPI_VERSION = metadata.version("fastapi")
_STARTUP_HANDLERS: list[Callable] = []


def register_event_handler(app: FastAPI, event: str, handler: Callable) -> None:
    if _FASTAPI_VERSION >= "0.109.1":
        _STARTUP_HANDLERS.append(handler)
    else:
        app.add_event_handler(event, handler)


def register_by_attribute(app: FastAPI, handler: Callable) -> None:
    if fastapi.__version__ < "0.93":
        app.add_event_handler("startup", handler)
    else:
        _STARTUP_HANDLERS.append(handler)


def register_by_local(app: FastAPI, handler: Callable) -> None:
    installed = metadata.version("fastapi")
    if installed < "0.93":
        app.add_event_handler("startup", handler)


# still reported: a branch on something other than the FastAPI version


def register_when(app: FastAPI, handler: Callable, eager: bool) -> None:
    if eager:
        app.add_event_handler("startup", handler)  # error: XFA601:9


def register_by_other_version(app: FastAPI, handler: Callable) -> None:
    if metadata.version("starlette") < "0.26":
        app.add_event_handler("startup", handler)  # error: XFA601:9
