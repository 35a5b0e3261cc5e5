# path: alembic/versions/0001_init.py
from app.db import Base


def upgrade(engine):
    Base.metadata.create_all(engine)
