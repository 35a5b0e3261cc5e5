# select: XFA505, XFA514, XFA515
# Odd syntax around the database rules: nothing may fire and nothing may crash.
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

engine = create_async_engine(*["sqlite+aiosqlite://"])
engine2 = create_async_engine(b"postgresql://".decode(), pool_pre_ping=True)
engine3 = create_async_engine(url=None, pool_pre_ping=True)
maker = async_sessionmaker(*[engine], **{"expire_on_commit": False})
query = text(*["SELECT 1"])


async def odd(session: AsyncSession, items, **kw):
    if (s := session):
        await s.commit()
    for x in items:
        match x:
            case {"commit": True}:
                pass
            case _:
                pass
    try:
        pass
    except* ValueError:
        pass
    await session.execute(text(f"{'SELECT'} 1"))
    [await session.commit() for _ in items]
    lambda: session.query
    (lambda: session).__call__().execute(select(1))
    return len(await session.execute(select(1))), len([].all() if False else [])
