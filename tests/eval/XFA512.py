import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

SCHEMA = "app"


async def queries(session: AsyncSession, email: str, user_id: str, schema: str, conn, cursor, page: int):
    await session.execute(text(f"SELECT * FROM users WHERE email = '{email}'"))  # error: XFA512:32
    await session.execute(text("SELECT * FROM users WHERE id = %s" % user_id))  # error: XFA512:32
    await session.execute(text("SELECT * FROM users WHERE id = {}".format(user_id)))  # error: XFA512:32
    await session.execute(text("SELECT * FROM users WHERE email = '" + email + "'"))  # error: XFA512:32
    await session.execute(sa.text(f"DELETE FROM users WHERE id = {user_id}"))  # error: XFA512:35
    await session.execute(f"UPDATE users SET active = false WHERE id = {user_id}")  # error: XFA512:27
    conn.exec_driver_sql(f"select * from users where email = '{email}'")  # error: XFA512:26
    cursor.execute("SELECT * FROM users WHERE id = %s" % user_id)  # error: XFA512:20

    # near misses
    await session.execute(text("SELECT * FROM users WHERE email = :email"), {"email": email})
    await session.execute(text("SELECT * FROM users " "WHERE id = :id"), {"id": user_id})
    await session.execute(text("SELECT 1" + " AS one"))
    await session.execute(text(f"SELECT * FROM users LIMIT 50 OFFSET {page * 50}"))
    await session.execute(text(f"SET search_path TO {schema}"))
    await session.execute(text(f'SET search_path TO "{schema}"'))
    await session.execute(text(f"SELECT count(*) FROM {SCHEMA}.users"))
    await session.execute(text("SELECT %s" % ("x",)))
    cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))
    conn.execute(f"echo {email}")
    session.execute(f"{email}")


def identifiers(column, table: str, value: str):
    text("NEW.{column}".format(column=column.name))
    text("SELECT * FROM %s" % table)
    text("SELECT * FROM users WHERE name = '{}'".format(value))  # error: XFA512:10
