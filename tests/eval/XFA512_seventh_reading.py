# path: app/db/utils.py
# seventh precision reading: a statement whose SQL-injection warning from bandit/ruff (S608,
# B608) the author silenced on that very statement was reviewed and kept on purpose; another
# linter's unrelated noqa changes nothing
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection


class Settings:
    db_base: str = "app"


settings = Settings()


async def database_exists(conn: AsyncConnection) -> bool:
    result = await conn.execute(
        text(
            "SELECT 1 FROM INFORMATION_SCHEMA.SCHEMATA"  # noqa: S608
            f" WHERE SCHEMA_NAME='{settings.db_base}';",
        )
    )
    return result.scalar() == 1


async def drop(conn: AsyncConnection, name: str) -> None:
    await conn.execute(text(f"SELECT pg_terminate_backend(pid) WHERE datname = '{name}'"))  # nosec B608


async def lookup(conn: AsyncConnection, name: str) -> None:
    await conn.execute(text(f"SELECT * FROM users WHERE name = '{name}'"))  # noqa: E501  # error: XFA512:29


async def lookup_in_block(conn: AsyncConnection, name: str, flag: bool) -> None:
    if flag:  # noqa: S608 -- on another statement: does not reach the one below
        await conn.execute(text(f"SELECT * FROM users WHERE name = '{name}'"))  # error: XFA512:33
