# path: app/tree_manager.py
# sixth reading: a sync session opened in the module's own __main__ block (a developer's
# one-shot runner) of a module that has async code: no event loop runs it
from sqlalchemy import create_engine
from sqlmodel import Session

from app.config import settings


class TreeManager:
    def __init__(self, db: Session) -> None:
        self.db = db

    async def handle(self, item: dict) -> dict:
        return item


if __name__ == "__main__":
    engine = create_engine(settings.DATABASE_URL)
    with Session(engine) as db:
        TreeManager(db)
