"""A session opened by the function and released by a helper of another module."""

from app.db.cleanup import note_session, release_session
from app.db.engine import async_session_maker


async def stream_answer(question: str):
    session = async_session_maker()
    try:
        session.add_all([])
        await session.commit()
        yield question
    finally:
        await release_session(session, "stream done")


# still reported: the helper in `finally` neither rolls back nor closes the session
async def stream_noted(question: str):
    session = async_session_maker()
    try:
        await session.commit()  # error: XFA510:15
        yield question
    finally:
        await note_session(session, "stream done")


# ... and a releasing helper called on the success path only is no cleanup
async def stream_released_on_success(question: str):
    session = async_session_maker()
    await session.commit()  # error: XFA510:11
    yield question
    await release_session(session, "stream done")
