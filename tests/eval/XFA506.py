from sqlalchemy import MetaData
from sqlmodel import SQLModel

from app.db import Base, engine

metadata = MetaData()


async def init_models():
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)  # error: XFA506:29 "Base.metadata.create_all"
        await conn.run_sync(lambda c: metadata.create_all(c))  # error: XFA506:39


def create_db_and_tables():
    SQLModel.metadata.create_all(engine)  # error: XFA506:5


def near_misses(service, db_session):
    service.create_all(db_session=db_session, items=[])
    Base.metadata.drop_all(engine)


if __name__ == "__main__":
    Base.metadata.create_all(engine)


# a start-up helper in an ordinary application module is still flagged
async def create_tables_on_startup():
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)  # error: XFA506:29


if "__main__" == __name__:  # either side order is the __main__ block
    Base.metadata.create_all(engine)

if __name__ != "__main__":  # imported, not run: application code
    Base.metadata.create_all(engine)  # error: XFA506:5
