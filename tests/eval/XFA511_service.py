# path: app/services/report_service.py
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from app.config import settings

engine = create_async_engine(settings.DATABASE_URL)


async def build_report(url: str):
    engine = create_async_engine(url)  # error: XFA511:14
    factory = async_sessionmaker(engine, expire_on_commit=False)  # error: XFA511:15
    async with factory() as session:
        return session


class ReportService:
    def __init__(self, url: str):
        self.engine = create_async_engine(url)
