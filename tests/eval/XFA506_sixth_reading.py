# path: app/adapters/vector_store.py
# sixth reading: tables named at run time (one per collection, a class built in the function
# with a computed __tablename__) and in-memory SQLite databases hold no schema a migration
# could manage; a module-level model's table and a file database still are
from sqlalchemy import JSON, Column, Integer, create_engine
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import DeclarativeBase, Session


class Base(DeclarativeBase):
    pass


class Document(Base):
    __tablename__ = "documents"
    id = Column(Integer, primary_key=True)


class VectorAdapter:
    def __init__(self, url: str) -> None:
        self.engine = create_async_engine(url)

    async def create_collection(self, collection_name: str) -> None:
        class DataPoint(Base):
            __tablename__ = collection_name
            __table_args__ = {"extend_existing": True}
            id = Column(Integer, primary_key=True)
            payload = Column(JSON)

        async with self.engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all, tables=[DataPoint.__table__])

    async def create_documents(self) -> None:
        async with self.engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all, tables=[Document.__table__])  # error: XFA506:39


def demo() -> None:
    engine = create_engine("sqlite:///:memory:")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Document(id=1))


async def demo_async() -> None:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)


def local_file() -> None:
    engine = create_engine("sqlite:///./app.db")
    Base.metadata.create_all(engine)  # error: XFA506:5


# seventh reading: an in-memory database set up through a project class whose engine is used


class AgentDB:
    def __init__(self, url: str) -> None:
        self.engine = create_async_engine(url)


class App:
    DATABASE: AgentDB


forge_app = App()


async def bootstrap_in_memory_db() -> None:
    if forge_app.DATABASE.engine.dialect.name != "sqlite":
        forge_app.DATABASE = AgentDB("sqlite+aiosqlite:///:memory:")
    db = forge_app.DATABASE
    async with db.engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)


async def bootstrap_file_db() -> None:
    db = AgentDB("sqlite+aiosqlite:///./local.db")
    async with db.engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)  # error: XFA506:29


def memory_fallback_but_file_engine() -> None:
    memory_url = "sqlite:///:memory:"
    engine = create_engine("sqlite:///./app.db")
    print(memory_url)
    Base.metadata.create_all(engine)  # error: XFA506:5
