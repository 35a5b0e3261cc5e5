# path: app/services/report_service.py
import sqlalchemy as sa
from sqlalchemy import Column, DateTime, select, text
from sqlalchemy.orm import DeclarativeBase
from sqlmodel import text as sm_text

from app.models import Message, User
from app.repositories import user_repository

TOP_USERS = text("SELECT id FROM users ORDER BY karma DESC LIMIT 10")  # error: XFA211:13 "text"
NOT_A_QUERY = "SELECT 1"


async def count_active(db) -> int:
    result = await db.execute(text("SELECT count(*) FROM users WHERE active"))  # error: XFA211:31
    return result.scalar_one()


async def raw(conn, db, table: str):
    await conn.exec_driver_sql("TRUNCATE audit")  # error: XFA211:11
    await conn.execute("select * from users")  # error: XFA211:11
    await conn.execute(f"DELETE FROM {table} WHERE id = 1")  # error: XFA211:11
    await conn.execute("  WITH x AS (SELECT 1) SELECT * FROM x")  # error: XFA211:11
    await conn.execute("UPDATE users " + "SET active = false")  # error: XFA211:11
    cursor.execute("INSERT INTO log VALUES (1)")  # error: XFA211:5
    await db.execute(sa.text("SELECT 1"))  # error: XFA211:22
    await db.execute(sm_text("SELECT 1"))  # error: XFA211:22
    await db.scalars(text("SELECT id FROM users"))  # error: XFA211:22
    await db.scalar(text("SELECT count(*) FROM users").bindparams())  # error: XFA211:21
    db.exec(text("SELECT 1").columns())  # error: XFA211:13
    await db.execute(select(User).from_statement(text("SELECT * FROM users")))  # error: XFA211:50


async def through_a_name(db, user_id: int):
    stmt = text("SELECT * FROM users WHERE id = :id")  # error: XFA211:12
    result = await db.execute(stmt, {"id": user_id})
    again = await db.execute(stmt, {"id": user_id + 1})  # reported once, where the text is
    bound = text("DELETE FROM sessions WHERE user_id = :id").bindparams(id=user_id)  # error: XFA211:13
    await db.execute(bound)
    return result, again


async def module_level_query(db):
    return await db.execute(TOP_USERS)  # reported at the text() call above


# near misses ---------------------------------------------------------------


async def orm(db):
    await db.execute(select(User).where(User.active))
    await user_repository.count_active(db)
    await db.execute(query_from_somewhere)
    await db.execute("selection of things")  # not SQL
    await db.execute(NOT_A_QUERY)  # a str constant, not a text() clause
    executor.execute("run the report")


# precision review: text() as a Core or DDL fragment is not a raw query


class Base(DeclarativeBase):
    pass


class Event(Base):
    __tablename__ = "events"
    created_at = Column(DateTime, server_default=text("now()"))


def uuid_default(value) -> sa.TextClause:
    return text(f"'{value}'::uuid")


async def fragments(db, query_text: str):
    stmt = select(Message).where(text("content->>'type' = 'text' AND content->>'text' ILIKE :q")).params(q=query_text)
    await db.execute(stmt)
    await db.execute(select(User).order_by(text("source")))
    await db.execute(select(User.id, text("1 AS one")))
    await db.scalars(select(User).where(User.id.in_(select(text("id")).select_from(text("admins")))))
    ordering = text("created_at DESC")
    await db.execute(select(User).order_by(ordering))


async def shadowed(db, stmt):
    await db.execute(stmt)  # a parameter, not a text() bound here


async def rebound(db, rows):
    for stmt in rows:
        await db.execute(stmt)


# eighth reading: SQL in a storage class of a services file is the repository's


class SqliteReportStorage:
    def __init__(self, db):
        self._db = db

    def get(self, cursor, report_id: str):
        cursor.execute("SELECT * FROM reports WHERE id = ?", (report_id,))
        return cursor.fetchone()


class ClientStatePersistenceSqlite:
    def delete(self, cursor, key: str):
        cursor.execute("DELETE FROM client_state WHERE key = ?", (key,))


class ReportRepository:
    async def count(self, db):
        return await db.scalar(text("SELECT count(*) FROM reports"))


class ReportService:
    def __init__(self, storage: SqliteReportStorage):
        self._storage = storage

    def purge(self, cursor):
        cursor.execute("DELETE FROM reports WHERE expired")  # error: XFA211:9


class StoreService:  # an app store's service: named as a service, not as storage
    def list_apps(self, cursor):
        cursor.execute("SELECT * FROM apps")  # error: XFA211:9


class ReportBuilder:  # "Repo" is no word of "Report"
    def build(self, cursor):
        cursor.execute("SELECT * FROM report_parts")  # error: XFA211:9
