# path: app/core/database/connection.py
# sixth reading: a connection manager that builds the async engine and session factory next
# to the sync ones offers both paths on purpose; the sync side is reported only where this
# module's own async code reaches it
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker


class DatabaseConnectionManager:
    def __init__(self, url: str, async_url: str) -> None:
        self.url = url
        self.async_url = async_url
        self._engine = None
        self._async_engine = None
        self._lock_engine = None

    @property
    def engine(self):
        if self._engine is None:
            self._engine = create_engine(self.url)  # error: XFA502:28 "create_engine"
        return self._engine

    @property
    def async_engine(self):
        if self._async_engine is None:
            self._async_engine = create_async_engine(self.async_url)
        return self._async_engine

    @contextmanager
    def create_session(self):
        maker = sessionmaker(bind=self.engine, class_=Session, expire_on_commit=False)
        with maker() as session:
            yield session

    async def async_session(self):
        maker = async_sessionmaker(bind=self.async_engine, expire_on_commit=False)
        async with maker() as session:
            yield session

    async def create_db_and_tables(self) -> None:
        self.ensure_triggers()

    def ensure_triggers(self) -> None:
        # reached from the async create_db_and_tables: sync I/O on the event loop
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def _get_lock_engine(self):
        """A sync engine for advisory locks; another module runs acquire_lock in a thread."""
        if self._lock_engine is None:
            self._lock_engine = create_engine(self.url, pool_size=2)
        return self._lock_engine

    def acquire_lock(self):
        return self._get_lock_engine().connect()

    async def close(self) -> None:
        await self.async_engine.dispose()
        if self._lock_engine is not None:
            self._lock_engine.dispose()
            self._lock_engine = None
