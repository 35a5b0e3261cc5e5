# path: app/metrics.py
# precision reading: a sync engine and session used only inside sync callbacks that run on
# another thread (a metrics SDK's gauge callbacks, a thread's target, asyncio.to_thread) of a
# module that also has async code
import asyncio
import threading

from fastapi import APIRouter
from opentelemetry.metrics import Observation, get_meter
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.config import settings
from app.models import Job, User

engine = create_engine(settings.SYNC_DATABASE_URL)
SyncSession = sessionmaker(bind=engine)
meter = get_meter(__name__)
router = APIRouter()


def _count_jobs() -> int:
    with SyncSession() as session:
        return session.scalar(select(func.count()).select_from(Job))


def _observe_queue_depth(options):
    yield Observation(_count_jobs())


def _observe_users(options):
    with Session(engine) as session:
        yield Observation(session.scalar(select(func.count()).select_from(User)))


meter.create_observable_gauge("queue_depth", callbacks=[_observe_queue_depth, _observe_users])


class Reporter:
    def start(self) -> None:
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        with Session(engine) as session:
            session.execute(select(Job))


def _export() -> None:
    with Session(engine) as session:
        session.execute(select(User))


@router.get("/metrics/export")
async def export() -> dict:
    await asyncio.to_thread(_export)
    return {"ok": True}
