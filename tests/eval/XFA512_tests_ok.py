# path: tests/integration/reset.py
# precision reading: a test resetting its own database interpolates no request data
from sqlalchemy import text


def reset_schema(conn, schema: str, table: str, user_id: int):
    conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    conn.execute(text(f"DELETE FROM users WHERE id = {user_id}"))
    conn.exec_driver_sql(f"UPDATE users SET name = '{table}'")
