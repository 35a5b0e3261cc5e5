# path: app/api/routes/tickets.py
# precision review (fifth reading): a plain-def handler over a sync Session; the message names
# the blocking use, since an async def keeping it would block the event loop
from fastapi import APIRouter, Depends
from sqlmodel import Session

from app.db import get_session
from app.logic import TicketLogic

router = APIRouter()


@router.post("/tickets/{ticket_id}/close")
def close_ticket(ticket_id: int, session: Session = Depends(get_session)):  # error: XFA108:1 "TicketLogic() with the sync Session session"
    TicketLogic(session).close(ticket_id)
    return {"ok": True}


@router.post("/tickets/{ticket_id}/note")
def add_note(ticket_id: int, note: str, session: Session = Depends(get_session)):  # error: XFA108:1 "session.commit() on the sync Session session"
    session.commit()
    return {"ok": True}


@router.get("/tickets/count")
def count_tickets(limit: int = 10):  # error: XFA108:1 "make it async def"
    return {"limit": limit}
