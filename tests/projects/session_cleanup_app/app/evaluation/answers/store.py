"""The benchmark's answers, kept in tables of its own: a developer's tool, not the app."""
from sqlalchemy import Column, Integer, String
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import DeclarativeBase


class AnswersBase(DeclarativeBase):
    pass


class Answer(AnswersBase):
    __tablename__ = "answers"
    id = Column(Integer, primary_key=True)
    text = Column(String)


async def run_answers(count: int) -> None:
    engine = create_async_engine("postgresql+asyncpg://bench@localhost/bench")
    async with engine.begin() as conn:
        await conn.run_sync(AnswersBase.metadata.create_all)
