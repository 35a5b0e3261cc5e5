# path: app/persistence/models.py
# eighth precision reading (freqtrade): create_all followed by the project's migration runner
# (new tables created, existing ones migrated) manages the schema; a runner called before
# create_all, or none, does not
from sqlalchemy import create_engine, inspect

from app.persistence.base import ModelBase
from app.persistence.migrations import check_migrate


def init_db(db_url: str) -> None:
    engine = create_engine(db_url)
    previous_tables = inspect(engine).get_table_names()
    ModelBase.metadata.create_all(engine)
    check_migrate(engine, decl_base=ModelBase, previous_tables=previous_tables)


def init_db_migrated_first(db_url: str) -> None:
    engine = create_engine(db_url)
    check_migrate(engine, decl_base=ModelBase, previous_tables=[])
    ModelBase.metadata.create_all(engine)  # error: XFA506:5


def init_db_plain(db_url: str) -> None:
    engine = create_engine(db_url)
    ModelBase.metadata.create_all(engine)  # error: XFA506:5
