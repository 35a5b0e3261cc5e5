# path: app/routes/projects.py
# select: XFA305
import re
from typing import Annotated

import orjson
from fastapi import APIRouter, Depends, File, HTTPException, UploadFile

from app.deps import get_current_user, get_db
from app.schemas import ProjectPatch, ProjectRead

router = APIRouter()
SLUG_RE = re.compile(r"^[a-z0-9-]+$")
EXPORT_FORMATS = ("csv", "json")


class DomainInvalid(Exception):
    pass


def normalise_window(start: str, end: str | None) -> tuple[int, int]:
    lo = int(start)
    return lo, int(end) if end else lo + 10


def _require_mapping(value: object) -> dict:
    if not isinstance(value, dict):
        raise HTTPException(status_code=422, detail="expected an object")
    return value


def to_http(exc: Exception) -> HTTPException:
    """Maps domain errors to statuses: the 422 is a deliberate choice of the mapping."""
    if isinstance(exc, DomainInvalid):
        return HTTPException(status_code=422, detail=str(exc))
    return HTTPException(status_code=400)


# near-misses: request-shape checks the route makes itself
@router.patch("/projects/{project_id}")
async def patch_project(project_id: int, payload: ProjectPatch, db=Depends(get_db)) -> ProjectRead:
    if "name" in payload.model_fields_set and payload.name is None:
        raise HTTPException(status_code=422, detail="name cannot be null")
    if "owner" not in payload.model_fields_set:
        raise HTTPException(status_code=422, detail="owner is required")
    if not payload.title.strip():
        raise HTTPException(status_code=422, detail="title must not be blank")
    if not payload.title:
        raise HTTPException(status_code=422, detail="title must not be empty")
    if not SLUG_RE.fullmatch(payload.slug):
        raise HTTPException(status_code=422, detail="bad slug")
    if not re.match(r"^[A-Z]{3}$", payload.code):
        raise HTTPException(status_code=422, detail="bad code")
    if not payload.code.isalnum():
        raise HTTPException(status_code=422, detail="bad code")
    if payload.parent_id is not None and payload.parent_slug is not None:
        raise HTTPException(status_code=422, detail="parent_id and parent_slug are mutually exclusive")
    if payload.parent_id and payload.root:
        raise HTTPException(status_code=422, detail="a root project has no parent")
    if not payload.parent_id and not payload.parent_slug:
        raise HTTPException(status_code=422, detail="either parent_id or parent_slug must be provided")
    return await db.save(project_id, payload)


@router.get("/projects/{project_id}/export")
async def export_project(project_id: int, fmt: str, start: str, end: str | None = None) -> ProjectRead:
    if fmt not in EXPORT_FORMATS:
        raise HTTPException(status_code=422, detail="unsupported format")
    if fmt in ["xml", "yaml"]:
        raise HTTPException(status_code=422, detail="no longer supported")
    try:
        window = normalise_window(start, end)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return await load(project_id, window)


@router.post("/projects/import")
async def import_project(upload: Annotated[UploadFile, File()]) -> ProjectRead:
    data = orjson.loads(await upload.read())
    if not isinstance(data, dict):
        raise HTTPException(status_code=422, detail="the file must hold an object")
    return await store(_require_mapping(data))


# still flagged: business rules and service errors behind the same shapes
@router.post("/projects/{project_id}/rename")
async def rename_project(
    project_id: int,
    payload: ProjectPatch,
    user: Annotated[dict, Depends(get_current_user)],
    db=Depends(get_db),
) -> ProjectRead:
    if payload.kind not in user["allowed_kinds"]:  # a per-user permission, not a fixed set
        raise HTTPException(status_code=422)  # error: XFA305:15
    try:
        await db.rename(project_id, payload.name)  # the service's ValueError: a business rule
    except ValueError:
        raise HTTPException(status_code=422)  # error: XFA305:15
    try:
        reserve_name(db, payload.name)  # takes the session: a service, not a normaliser
    except ValueError:
        raise HTTPException(status_code=422)  # error: XFA305:15
    if payload.archived:  # one flag alone is a state check
        raise HTTPException(status_code=422)  # error: XFA305:15
    if payload.name and await taken(payload.name):
        raise HTTPException(status_code=422)  # error: XFA305:15
    if not user["active"]:
        raise HTTPException(status_code=422)  # error: XFA305:15
    return await db.get(project_id)


def reserve_name(db, name: str) -> None:
    if db.exists(name):
        raise ValueError(name)
