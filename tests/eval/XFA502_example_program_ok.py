# path: examples/demos/migration/relational_migration_example.py
# sixth reading: an example under examples/ that is a program of its own (its __main__ block
# starts the event loop, it serves no route): a sync engine seeding the demo database runs
# once, on a developer's machine
import asyncio

import sqlalchemy as sa


def _get_engine() -> sa.Engine:
    return sa.create_engine("postgresql+psycopg2://demo@localhost/demo")


def create_example_db() -> None:
    with _get_engine().begin() as conn:
        conn.execute(sa.text("CREATE TABLE IF NOT EXISTS docs (id int)"))


async def main() -> None:
    create_example_db()


if __name__ == "__main__":
    asyncio.run(main())
