# path: app/routers/sessions.py
# twelfth precision reading (agno): a stored "session" record is a dict; session.get("runs")
# is a key lookup, not SQLAlchemy's Session.get(Entity, ident)
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from app.db import get_db
from app.models import Run

router = APIRouter()


@router.get("/sessions/{session_id}/runs")
async def get_session_runs(session_id: str, store=Depends(get_db)):
    session = await store.get_session(session_id=session_id)
    if not session:
        raise HTTPException(status_code=404)
    runs = session.get("runs")
    return runs or []


# still reported: SQLAlchemy's Session.get with an entity


@router.get("/runs/{run_id}")
def get_run(run_id: int, session: Session = Depends(get_db)):
    return session.get(Run, run_id)  # error: XFA203:12
