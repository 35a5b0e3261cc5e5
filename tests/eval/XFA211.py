# path: app/services/report_service.py
import sqlalchemy as sa
from sqlalchemy import select, text
from sqlmodel import text as sm_text

from app.models import User
from app.repositories import user_repository


async def count_active(db) -> int:
    result = await db.execute(text("SELECT count(*) FROM users WHERE active"))  # error: XFA211:31
    return result.scalar_one()


async def raw(conn, table: str):
    await conn.exec_driver_sql("TRUNCATE audit")  # error: XFA211:11
    await conn.execute("select * from users")  # error: XFA211:11
    await conn.execute(f"DELETE FROM {table} WHERE id = 1")  # error: XFA211:11
    await conn.execute("  WITH x AS (SELECT 1) SELECT * FROM x")  # error: XFA211:11
    await conn.execute("UPDATE users " + "SET active = false")  # error: XFA211:11
    cursor.execute("INSERT INTO log VALUES (1)")  # error: XFA211:5
    sa.text("SELECT 1")  # error: XFA211:5
    sm_text("SELECT 1")  # error: XFA211:5


# near misses ---------------------------------------------------------------


async def orm(db):
    await db.execute(select(User).where(User.active))
    await user_repository.count_active(db)
    await db.execute(query_from_somewhere)
    await db.execute("selection of things")  # not SQL
    executor.execute("run the report")
