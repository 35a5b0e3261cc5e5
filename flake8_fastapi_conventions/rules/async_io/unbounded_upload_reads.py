"""XFA111: ``await upload.read()`` without a size check."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import rule, visitor

XFA111 = rule(
    "XFA111",
    "upload-read-unbounded",
    default=True,
    seeds=("004",),
    message="await {name}.read() loads the whole upload into memory",
    fix_hint="read it in chunks (while chunk := await {name}.read(1024 * 1024): ...) or, to parse it whole, cap it: data = await {name}.read(MAX_BYTES + 1) and reject len(data) > MAX_BYTES",
    what="""
        Reports `await <p>.read()` without a size argument where `<p>` is a parameter of the
        route handler annotated `UploadFile` (also `Annotated[UploadFile, File()]` and
        `UploadFile | None`).
    """,
    why="""
        `read()` without a size pulls the whole upload into memory; a few large or malicious
        uploads exhaust the worker. Seed 004 warns against unbounded reads into memory
        ("Fetching entire collections into memory without limits"); reading fixed-size chunks
        keeps memory flat whatever the client sends.
    """,
    bad="""
        from fastapi import APIRouter, UploadFile
        from pydantic import BaseModel

        router = APIRouter()

        class Stored(BaseModel):
            size: int

        @router.post("/avatars")
        async def upload_avatar(file: UploadFile) -> Stored:
            data = await file.read()
            return Stored(size=len(data))
    """,
    good="""
        from fastapi import APIRouter, UploadFile
        from pydantic import BaseModel

        router = APIRouter()

        class Stored(BaseModel):
            size: int

        @router.post("/avatars")
        async def upload_avatar(file: UploadFile) -> Stored:
            size = 0
            while chunk := await file.read(1024 * 1024):
                size += len(chunk)
            return Stored(size=size)
    """,
    not_flagged=(
        "`read(size)` (chunked reading), `shutil.copyfileobj(file.file, ...)` in a thread.",
        "A handler that checks `<p>.size` before reading.",
        "Items of a `list[UploadFile]` parameter, and `UploadFile` objects that are not parameters of the handler.",
        "Test files (test apps read small fixture uploads).",
    ),
    example_path="app/api/routes/avatars.py",
)


_UPLOAD_TYPES = frozenset(
    {"fastapi.UploadFile", "fastapi.datastructures.UploadFile", "starlette.datastructures.UploadFile", "UploadFile"}
)


class _SizedUploads:
    """XFA111: the names whose ``.size`` a route handler reads."""

    __slots__ = ("names",)

    def __init__(self) -> None:
        self.names: set[str] = set()


@visitor(ast.Attribute, codes=(XFA111,))
def upload_size_checked(node: ast.Attribute, ctx: Context) -> None:
    if node.attr != "size":
        return
    frame = ctx.frames[-1]
    if frame.route is not None and isinstance(node.value, ast.Name):
        frame.state(_SizedUploads).names.add(node.value.id)


@visitor(ast.Await, codes=(XFA111,))
def unbounded_upload_read(node: ast.Await, ctx: Context) -> None:
    call = node.value
    if not isinstance(call, ast.Call) or call.args or call.keywords:
        return
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "read" and isinstance(func.value, ast.Name)):
        return
    frame = ctx.frames[-1]
    if frame.route is None or ctx.is_test:
        return
    name = func.value.id
    if name not in frame.params or name in frame.state(_SizedUploads).names:
        return
    base, _ = ctx.unwrap_annotation(frame.params[name])
    if base is None or isinstance(base, ast.Subscript):
        return
    qualname = ctx.resolve(base)
    if qualname in _UPLOAD_TYPES and (qualname != "UploadFile" or "UploadFile" not in ctx.classes):
        ctx.report(node, XFA111, name=name)
