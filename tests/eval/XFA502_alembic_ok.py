# path: app/db/env.py
from alembic import context
from sqlalchemy import create_engine


def run_migrations_online():
    connectable = create_engine(context.config.get_main_option("sqlalchemy.url"))
    return connectable


async def run_async_migrations():
    pass
