# path: app/routes/notes.py
# select: XFA306
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

router = APIRouter()


class NoteRead(BaseModel):
    id: int
    text: str


# near-miss: content negotiation, a text representation when Accept asks for it
@router.get("/notes/{note_id}", response_model=NoteRead)
async def read_note(note_id: int, request: Request):
    note = await load(note_id)
    if "text/plain" in request.headers.get("accept", ""):
        return Response(content=note.text, media_type="text/plain")
    return note


@router.get("/notes/{note_id}/export", response_model=NoteRead)
async def export_note(note_id: int, media_type: str):
    note = await load(note_id)
    if media_type != "application/json":
        return Response(content=render(note, media_type), media_type=media_type)
    return note


# still flagged: JSON built by hand, bypassing the model
@router.get("/notes/{note_id}/json", response_model=NoteRead)
async def read_note_json(note_id: int):
    note = await load(note_id)
    return Response(content=note.model_dump_json(), media_type="application/json")  # error: XFA306:12 "Response"
