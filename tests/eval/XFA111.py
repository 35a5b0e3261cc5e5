# path: app/api/routes/uploads.py
import shutil
from typing import Annotated, Optional

from fastapi import APIRouter, File, UploadFile
from fastapi.concurrency import run_in_threadpool

router = APIRouter()
CHUNK = 1024 * 1024


@router.post("/one")
async def upload_one(file: UploadFile):
    data = await file.read()  # error: XFA111:12 "file"
    return len(data)


@router.post("/annotated")
async def upload_annotated(doc: Annotated[UploadFile, File()], maybe: UploadFile | None = None,
                           other: Optional[UploadFile] = None):
    body = await doc.read()  # error: XFA111:12
    if maybe:
        await maybe.read()  # error: XFA111:9
    if other:
        await other.read()  # error: XFA111:9
    return body


@router.post("/chunked")
async def upload_chunked(file: UploadFile):
    total = 0
    while chunk := await file.read(CHUNK):
        total += len(chunk)
    await file.read(size=CHUNK)
    return total


@router.post("/copy")
async def upload_copy(file: UploadFile):
    with open("/tmp/x", "wb") as out:  # noqa: XFA103
        await run_in_threadpool(shutil.copyfileobj, file.file, out)


@router.post("/many")
async def upload_many(files: list[UploadFile]):
    for f in files:
        await f.read()


@router.post("/checked")
async def upload_checked(file: UploadFile):
    if file.size is not None and file.size > CHUNK:
        raise ValueError("too large")
    return await file.read()


@router.post("/other")
async def not_upload(stream, request):
    await stream.read()
    return await request.body()


async def helper(file: UploadFile):
    return await file.read()  # not a route handler
