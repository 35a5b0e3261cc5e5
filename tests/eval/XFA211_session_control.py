# path: app/services/batch_service.py
import sqlalchemy as sa
from sqlalchemy import text

LOCK_TIMEOUT = "5s"


async def close_cases(db, case_ids: list[int], key: int) -> None:
    # settings of the transaction the service owns, no queries
    await db.execute(sa.text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
    await db.execute(text("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"))
    await db.execute(text("SAVEPOINT before_close"))
    await db.execute(text("RELEASE SAVEPOINT before_close"))
    # a query, whatever it is for
    await db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})  # error: XFA211:22 "text()"
    await db.execute(text("UPDATE cases SET closed = true WHERE id = ANY(:ids)"), {"ids": case_ids})  # error: XFA211:22
