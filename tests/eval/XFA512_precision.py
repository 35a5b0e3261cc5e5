# path: app/repositories/tenant_repository.py
# precision reading: constants, bind-parameter names, quoted values and statements that
# cannot take bound parameters
from sqlalchemy import Column, String, literal, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import quoted_name

from app.config import settings
from app.constants import DEFAULT_ROLE_NAME
from app.models import User

TABLE = "users"
SCHEMA = "app"
QUALIFIED = f"{SCHEMA}.audit"
LIMIT = 100
DEFAULT_ROLE = "'member'"


async def module_constants(session: AsyncSession):
    await session.execute(text(f"SELECT * FROM users WHERE role = {DEFAULT_ROLE}"))
    await session.execute(text(f"SELECT * FROM {QUALIFIED} LIMIT {LIMIT}"))
    await session.execute(text("SELECT * FROM users WHERE role = %s" % DEFAULT_ROLE))
    await session.execute(text("SELECT * FROM users WHERE role = {}".format(DEFAULT_ROLE)))
    await session.execute(text("SELECT * FROM users WHERE role = " + DEFAULT_ROLE))
    await session.execute(text(f"SELECT * FROM users WHERE relname = '{User.__tablename__}'"))


async def not_constants_here(session: AsyncSession, role: str):
    await session.execute(text(f"SELECT * FROM users WHERE role = {DEFAULT_ROLE_NAME}"))  # error: XFA512:32
    await session.execute(text(f"SELECT * FROM users WHERE role = '{settings.ROLE}'"))  # error: XFA512:32
    DEFAULT_ROLE = role
    await session.execute(text(f"SELECT * FROM users WHERE role = {DEFAULT_ROLE}"))  # error: XFA512:32


async def bind_names(session: AsyncSession, tags: list[str], updates: dict, ids: list[int], cursor, flag: bool):
    names = ", ".join(f":tag_{i}" for i in range(len(tags)))
    params = {f"tag_{i}": tag for i, tag in enumerate(tags)}
    await session.execute(text(f"SELECT * FROM items WHERE tag IN ({names})"), params)
    await session.execute(text(f"SELECT * FROM items WHERE tag IN ({', '.join(f':tag_{i}' for i in range(len(tags)))})"), params)
    set_clause = ", ".join([f"{k} = :{k}" for k in updates])
    await session.execute(text(f"UPDATE users SET {set_clause} WHERE id = :user_id"), {**updates, "user_id": 1})
    await session.execute(text(f"SELECT * FROM items WHERE id = :id_{len(ids)}"), {f"id_{len(ids)}": 1})
    placeholders = ",".join("?" * len(ids))
    cursor.execute(f"SELECT * FROM t WHERE id IN ({placeholders})", ids)
    marks = ",".join(["?" for _ in ids])
    cursor.execute(f"DELETE FROM t WHERE id IN ({marks})", ids)
    cursor.execute("DELETE FROM t WHERE id IN (%s)" % ", ".join(["%s"] * len(ids)), ids)
    scope = "cc_pair_id" if flag else "user_id"
    await session.execute(text(f"SELECT * FROM t WHERE {scope} IS NOT NULL"))
    for col in ("deployment_id", "flow_id"):
        await session.execute(text(f"CREATE INDEX IF NOT EXISTS ix_run_{col} ON run ({col})"))


async def values_are_interpolated(session: AsyncSession, tags: list[str], cursor):
    values = ", ".join(f"'{tag}'" for tag in tags)
    await session.execute(text(f"SELECT * FROM items WHERE tag IN ({values})"))  # error: XFA512:32
    names = ", ".join(f":tag_{i}" for i in range(len(tags)))
    names += f", '{tags[0]}'"
    await session.execute(text(f"SELECT * FROM items WHERE tag IN ({names})"))  # error: XFA512:32
    for marks in tags:
        cursor.execute(f"SELECT * FROM t WHERE id IN ({marks})")  # error: XFA512:24
    for col in ("id", tags[0]):
        await session.execute(text(f"CREATE INDEX ix_{col} ON t ({col})"))  # error: XFA512:36


async def utility_statements(session: AsyncSession, conn, engine, tenant_id: str, name: str, note: str, seconds: int, timeout: str):
    await session.execute(text(f"SET LOCAL app.tenant_id = '{tenant_id}'"))  # error: XFA512:32
    await session.execute(text(f"CREATE ROLE {name} LOGIN"))  # error: XFA512:32
    await session.execute(text(f"CREATE ROLE {quoted_name(name, True)}"))  # error: XFA512:32
    conn.exec_driver_sql(f"PRAGMA busy_timeout = {timeout}")  # error: XFA512:26
    conn.exec_driver_sql(f"PRAGMA busy_timeout = {seconds}")
    await session.execute(text(f"DO $$ BEGIN RAISE NOTICE '{note}'; END $$"))  # error: XFA512:32
    await session.execute(text(f"GRANT SELECT ON reports TO {name}"))
    quoted = engine.dialect.identifier_preparer.quote(name)
    await session.execute(text(f"CREATE ROLE {quoted} LOGIN"))
    await session.execute(text(f"ALTER ROLE {engine.dialect.identifier_preparer.quote(name)} NOLOGIN"))
    comment = literal(note).compile(engine, compile_kwargs={"literal_binds": True})
    await session.execute(text(f"COMMENT ON TABLE users IS {comment}"))
    escaped = note.replace("'", "''")
    await session.execute(text(f"COMMENT ON TABLE users IS '{escaped}'"))
    await session.execute(text(f"SET statement_timeout = {int(seconds)}"))
    await session.execute(text(f"SET statement_timeout = {seconds * 1000:d}"))


def column(default: str):
    return Column(String, server_default=text(f"'{default}'"))  # error: XFA512:47
