# path: app/routes/conversations.py
# select: XFA303
from uuid import UUID

from fastapi import APIRouter, FastAPI, Query

from app.schemas import Conversation

router = APIRouter()
internal = FastAPI(openapi_url=None)


# near-misses (fourth reading): one entry per requested id, or no schema at all
@router.get("/conversations/batch")
async def batch_get(ids: list[UUID] = Query()) -> list[Conversation | None]:
    return [await load(i) for i in ids]


@router.get("/sandboxes", response_model=list["Conversation | None"])
async def batch_sandboxes(id: list[str] = Query()):
    return [await load(i) for i in id]


@internal.get("/conversations/all")
async def internal_all() -> list[Conversation]:
    return await load_all()


# still flagged: a collection
@router.get("/conversations")
async def list_conversations(page: int = 1) -> list[Conversation]:  # error: XFA303:48 "list_conversations"
    return await load_all()
