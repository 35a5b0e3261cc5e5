# path: app/services/report_service.py
# third precision reading: a function of a services module runs per request only when a route
# handler or dependency calls it; service objects own their engine, start-up and migration
# helpers run once, a module-level dict memoises the engine
from fastapi import APIRouter, Depends
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from app.config import settings

engine = create_async_engine(settings.DATABASE_URL)
router = APIRouter()
_ENGINES: dict = {}


async def build_report(url: str):
    engine = create_async_engine(url)
    factory = async_sessionmaker(engine, expire_on_commit=False)
    async with factory() as session:
        return session


def _open(url: str):
    return create_async_engine(url)  # error: XFA511:12 "create_async_engine"


async def _report_factory(url: str):
    return async_sessionmaker(_open(url), expire_on_commit=False)  # error: XFA511:12


@router.get("/reports")
async def reports(url: str):
    factory = await _report_factory(url)
    return {"ok": bool(factory)}


def get_reports_db(token: str = Depends(lambda: "")):
    return create_engine(settings.SYNC_URL)  # error: XFA511:12


def engine_for(url: str):
    if url not in _ENGINES:
        _ENGINES[url] = create_engine(url)
    return _ENGINES[url]


@router.get("/cached")
def cached(url: str):
    return {"ok": bool(engine_for(url))}


class ReportService:
    def __init__(self, url: str):
        self.url = url
        self.engine = self._create_engine()

    def _create_engine(self):
        return create_async_engine(self.url)

    async def start(self) -> None:
        self.engine = create_async_engine(self.url)

    async def reload_engine(self) -> None:
        await self.engine.dispose()
        self.engine = create_async_engine(self.url)

    async def query(self):
        local = create_async_engine(self.url)  # error: XFA511:17
        return local

    async def run(self):
        return await self.query()


service = ReportService(settings.DATABASE_URL)


@router.get("/run")
async def run():
    return await service.run()


async def migrate(url: str) -> None:
    migration_engine = create_async_engine(url)
    async with migration_engine.begin():
        pass
    await migration_engine.dispose()
