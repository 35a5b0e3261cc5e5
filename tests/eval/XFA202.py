# path: app/services/user_service.py
from __future__ import annotations

import typing
from typing import TYPE_CHECKING

import fastapi  # error: XFA202:1 "fastapi"
import starlette.status as st  # error: XFA202:1
import os, fastapi.encoders  # error: XFA202:1
from fastapi import Depends, status  # error: XFA202:1
from fastapi.concurrency import run_in_threadpool  # error: XFA202:1
from starlette.requests import Request  # error: XFA202:1
from starlette.responses import (  # error: XFA202:1
    JSONResponse,
    Response,
)

try:
    from fastapi import BackgroundTasks  # error: XFA202:5
except ImportError:  # pragma: no cover
    BackgroundTasks = None


def build():
    from fastapi import HTTPException  # error: XFA202:5

    return HTTPException


if TYPE_CHECKING:
    from fastapi import Request as TypedRequest  # not flagged: typing only

if typing.TYPE_CHECKING:
    import starlette  # not flagged

from fastapi_users import models  # another package: not flagged
from fastapiext import thing  # not flagged
from .fastapi import helper  # a local module named fastapi: not flagged
