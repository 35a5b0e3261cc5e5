# path: app/routes/notes.py
# select: XFA320
from fastapi import APIRouter

router = APIRouter()


@router.get("/patients/{patient_id}/appointments/{appointment_id}/notes/{note_id}")  # error: XFA320:2 "/patients/{patient_id}/appointments/{appointment_id}/notes/{note_id}"
async def read_note(patient_id: int, appointment_id: int, note_id: int) -> None: ...


@router.api_route("/{a}/{b:int}/{c:path}", methods=["GET"])  # error: XFA320:2
async def deep(a: str, b: int, c: str) -> None: ...


# near-misses
@router.get("/patients/{patient_id}/appointments/{appointment_id}")
async def read_appointment(patient_id: int, appointment_id: int) -> None: ...


@router.get("/notes/{note_id}")
async def read_note_flat(note_id: int) -> None: ...
