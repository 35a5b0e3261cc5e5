# path: scripts/tenant_cleanup.py
# precision reading: an operator's one-off script, no request data
from sqlalchemy import text


def drop_tenant(conn, tenant_id: str):
    conn.execute(text(f"DELETE FROM tenants WHERE id = '{tenant_id}'"))
    conn.execute(f"DROP SCHEMA IF EXISTS \"{tenant_id}\" CASCADE")
