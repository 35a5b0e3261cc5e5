# path: app/db.py
# still reported: a sync engine or session that this module uses from async code, a route
# handler, a dependency or a loop callback, or that it exports
import asyncio

from fastapi import APIRouter, Depends
from opentelemetry.metrics import Observation, get_meter
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.config import settings
from app.models import Job

engine = create_engine(settings.SYNC_DATABASE_URL)  # error: XFA502:10 "create_engine"
SessionLocal = sessionmaker(bind=engine)  # error: XFA502:16
exported = create_engine(settings.OTHER_URL)  # error: XFA502:12
router = APIRouter()
meter = get_meter(__name__)


def _count() -> int:
    with Session(engine) as session:  # error: XFA502:10
        return session.scalar(select(func.count()).select_from(Job))


async def handler() -> int:
    return _count()


def _observe(options):
    with Session(engine) as session:
        yield Observation(session.scalar(select(func.count()).select_from(Job)))


meter.create_observable_gauge("jobs", callbacks=[_observe])


def get_db():
    with SessionLocal() as db:
        yield db


@router.get("/jobs")
async def list_jobs(db: Session = Depends(get_db)):
    return db.scalars(select(Job)).all()


@router.get("/sync")
def sync_route():
    with Session(engine) as session:  # error: XFA502:10
        return session.scalars(select(Job)).all()


def _tick() -> None:
    with Session(engine) as session:  # error: XFA502:10
        session.execute(select(Job))


async def schedule() -> None:
    asyncio.get_running_loop().call_soon(_tick)


def unused_helper() -> None:
    with Session(engine) as session:  # error: XFA502:10
        session.execute(select(Job))
