# select: XFA505
# path: app/db/revisions/env.py
from alembic import context
from sqlalchemy import create_engine

connectable = create_engine(context.config.get_main_option("sqlalchemy.url"))
