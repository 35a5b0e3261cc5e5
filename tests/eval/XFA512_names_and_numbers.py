# path: app/repositories/archive_repository.py
# third precision reading: names in DDL and column lists, numbers from int parameters, WHERE
# clauses joined from constant fragments with bind markers
from typing import Annotated, Optional

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import settings


async def archive(session: AsyncSession, source: str, target: str, columns: list[str]):
    cols = ", ".join(columns)
    await session.execute(text(f"CREATE TABLE {target} (LIKE {source} INCLUDING ALL)"))
    await session.execute(text(f"CREATE TABLE IF NOT EXISTS {target} LIKE {source}"))
    await session.execute(text(f"INSERT INTO {target} ({cols}) SELECT {cols} FROM {source}"))
    await session.execute(text(f"INSERT INTO {target} (id, {cols}) SELECT id, {cols} FROM {source}"))
    # a value position stays a value position
    await session.execute(text(f"SELECT {cols}, '{source}' FROM archive"))  # error: XFA512:32
    await session.execute(text(f"SELECT * FROM archive WHERE name LIKE '{source}'"))  # error: XFA512:32


async def vectors(session: AsyncSession, table: str, dims: int, label: str):
    await session.execute(text(f"CREATE TABLE IF NOT EXISTS {table} (id uuid, embedding VECTOR({dims}))"))
    await session.execute(text(f"ALTER TABLE {table} ADD COLUMN title VARCHAR({settings.TITLE_LENGTH})"))
    # a type modifier is a name position in DDL only
    await session.execute(text(f"SELECT * FROM {table} WHERE upper({label}) = 'X'"))  # error: XFA512:32


async def numbers(
    session: AsyncSession,
    lock_timeout: int,
    key: Annotated[int, "advisory lock"],
    ratio: Optional[float],
    limit: str,
):
    await session.execute(text(f"SET LOCAL lock_timeout = {lock_timeout}"))
    await session.execute(text(f"SELECT pg_advisory_xact_lock({key})"))
    await session.execute(text(f"SELECT * FROM t WHERE score > {ratio}"))
    await session.execute(text(f"SELECT * FROM t LIMIT {limit}"))  # error: XFA512:32


async def search(session: AsyncSession, name: str | None, tags: list[str], raw: str):
    conditions = ["deleted_at IS NULL"]
    params: dict = {}
    if name:
        conditions.append("name = :name")
        params["name"] = name
    for i, tag in enumerate(tags):
        conditions.append(f"tags @> :tag_{i}")
        params[f"tag_{i}"] = tag
    conditions.extend(["archived = false", "owner_id = :owner"])
    where = " AND ".join(conditions)
    await session.execute(text(f"SELECT * FROM items WHERE {where}"), params)
    await session.execute(text(f"SELECT * FROM items WHERE {' AND '.join(conditions)}"), params)

    leaky = ["deleted_at IS NULL"]
    leaky.append(f"name = '{raw}'")
    await session.execute(text(f"SELECT * FROM items WHERE {' AND '.join(leaky)}"))  # error: XFA512:32
    unknown = ["deleted_at IS NULL"]
    unknown.extend(tags)
    await session.execute(text(f"SELECT * FROM items WHERE {' AND '.join(unknown)}"))  # error: XFA512:32


async def update_item(session: AsyncSession, table: str, item_id: int, title: str | None, raw: str):
    sets, params = [], {"item_id": item_id}
    if title is not None:
        sets.append("title = :title")
        params["title"] = title
    await session.execute(text(f"UPDATE {table} SET {', '.join(sets)} WHERE id = :item_id"), params)
    where, more = [], [raw]
    where.append("a = :a")
    clause = "WHERE " + " AND ".join(where) if where else ""
    await session.execute(text(f"SELECT * FROM items {clause}"), params)
    await session.execute(text(f"SELECT * FROM items WHERE {' AND '.join(more)}"))  # error: XFA512:32
