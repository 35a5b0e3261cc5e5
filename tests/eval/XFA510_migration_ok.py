# path: app/db/revisions/versions/0002_backfill.py
from alembic import op
from sqlalchemy.orm import Session


def upgrade():
    session = Session(bind=op.get_bind())
    session.commit()
