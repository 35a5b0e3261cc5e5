# seventh reading: numbers imported from the project's config module cannot carry SQL;
# an imported string (an environment value, or a literal the index does not vouch for) still can
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.configs.search import DEFAULT_SCHEMA, MAX_RESULTS, SEARCH_MODE, SIMILARITY_THRESHOLD


async def similar_names(session: AsyncSession, name: str) -> list:
    await session.execute(text("SET pg_trgm.similarity_threshold = " + str(SIMILARITY_THRESHOLD)))
    result = await session.execute(
        text(f"SELECT name FROM entities WHERE name % :name LIMIT {MAX_RESULTS}"), {"name": name}
    )
    return list(result)


async def by_mode(session: AsyncSession, owner: str) -> list:
    result = await session.execute(
        text(f"SELECT * FROM entities WHERE mode = '{SEARCH_MODE}' AND owner = '{DEFAULT_SCHEMA}'")  # error: XFA512:14
    )
    return list(result)
