# path: app/routes/demo.py
# still flagged (sixth reading): the same handlers in the application's routes
from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()


class FeedbackPayload(BaseModel):
    session_id: str
    score: int


@router.post("/demo/init")
async def init_demo() -> dict:
    return {"ok": True, "session_id": "demo"}  # error: XFA302:12 "init_demo"


@router.post("/demo/feedback")
async def add_feedback(payload: FeedbackPayload):
    return {"ok": True, "session_id": payload.session_id}  # error: XFA302:12
