# path: app/api/notebooks.py
# select: XFA305
from fastapi import APIRouter, HTTPException, Query, status
from jsonschema import Draft202012Validator

from app.schemas import NotebookEdit, PageQuery
from app.services import notebooks

router = APIRouter()


# near-misses (fifth reading): request-shape checks through a local alias of the input
@router.post("/notebooks/cells")
async def query_cells(body: PageQuery, notebook_id: str | None = Query(default=None)):
    resolved_id = notebook_id or (body.scope.notebook_id if body.scope else None)
    if not resolved_id:
        raise HTTPException(status_code=422, detail="notebook_id is required")
    return await notebooks.cells(resolved_id)


@router.put("/notebooks/{notebook_id}")
async def edit_notebook(notebook_id: str, edit: NotebookEdit):
    new_title = edit.notebook.title
    if new_title is not None and not new_title.strip():
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, detail="blank title")
    return await notebooks.edit(notebook_id, edit)


def normalise_page(body: PageQuery) -> PageQuery:
    paging = body.paging
    if paging is not None and paging.cursor is not None:
        oldest_first = (paging.order or "newest").lower() == "oldest"
        if oldest_first and paging.after is None:
            raise HTTPException(status_code=422, detail="cursor needs after= when oldest first")
        if not oldest_first and paging.before is None:
            raise HTTPException(status_code=422, detail="cursor needs before=")
    return body


# near-miss: the request validated against a JSON schema, answered in FastAPI's format
def check_cell_payload(data: dict, schema: dict) -> None:
    problems = []
    for err in Draft202012Validator(schema).iter_errors(data):
        problems.append({"loc": ["body", "data", *err.absolute_path], "msg": err.message, "type": "value_error"})
    if problems:
        raise HTTPException(status_code=422, detail=problems)


# still flagged: a local that went through a service call is not request input
@router.post("/notebooks/{notebook_id}/publish")
async def publish_notebook(notebook_id: str):
    current = await notebooks.load(notebook_id)
    if not current:
        raise HTTPException(status_code=422, detail="nothing to publish")  # error: XFA305:15
    owner = current.owner
    if owner is None:
        raise HTTPException(status_code=422, detail="no owner")  # error: XFA305:15
    return await notebooks.publish(notebook_id)


# still flagged: a plain message, not a validation-error list
@router.post("/notebooks/{notebook_id}/share")
async def share_notebook(notebook_id: str):
    reasons = await notebooks.share_blockers(notebook_id)
    if reasons:
        raise HTTPException(status_code=422, detail=reasons)  # error: XFA305:15
    return await notebooks.share(notebook_id)
