# fourth precision reading: create_all on an empty database followed by `alembic stamp
# head` is Alembic's own "build an up-to-date database from scratch" (a module importing
# alembic is not checked at all; here a project wrapper of it does the stamping)
from sqlmodel import Session, SQLModel

from app.db import engine, migrations


class Store:
    def initialize(self) -> None:
        if migrations.current_revisions():
            migrations.upgrade()
        elif migrations.db_is_empty():
            with engine.begin() as conn:
                SQLModel.metadata.create_all(conn)
            with Session(engine) as session:
                session.commit()
            migrations.stamp("head")


def bootstrap() -> None:
    SQLModel.metadata.create_all(engine)
    migrations.stamp(revision="heads")


def create_then_stamp_elsewhere(empty: bool) -> None:
    if empty:
        SQLModel.metadata.create_all(engine)  # error: XFA506:9 "SQLModel.metadata.create_all"
    else:
        migrations.stamp("head")


def stamp_before(empty: bool) -> None:
    migrations.stamp("head")
    SQLModel.metadata.create_all(engine)  # error: XFA506:5


def stamp_other_revision() -> None:
    SQLModel.metadata.create_all(engine)  # error: XFA506:5
    migrations.stamp("base")
