# path: app/api/routes/podcasts.py
from fastapi import APIRouter, Depends, Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.models import Podcast
from app.services.podcasts import PodcastService, load_podcast

router = APIRouter()


@router.post("/podcasts/{podcast_id}/approve")
async def approve(podcast_id: int, response: Response, session: AsyncSession = Depends(get_session)):
    # the services do the database work; the route owns the transaction
    podcast = await load_podcast(session, podcast_id)
    await PodcastService(session).approve(podcast)
    await session.commit()
    response.status_code = 202
    return podcast


@router.post("/podcasts/{podcast_id}/archive")
async def archive(podcast_id: int, session: AsyncSession = Depends(get_session)):
    podcast = await load_podcast(session, podcast_id)
    podcast.archived = True
    session.add(podcast)  # error: XFA203:5 "session.add()"
    await session.commit()  # error: XFA203:11 "session.commit()"
    return podcast


@router.post("/podcasts/{podcast_id}/hide")
async def hide(podcast_id: int, session: AsyncSession = Depends(get_session)):
    # the change is the handler's own, the commit writes it
    podcast = await load_podcast(session, podcast_id)
    podcast.hidden = True
    await session.commit()  # error: XFA203:11
    return podcast


@router.post("/podcasts/{podcast_id}/publish")
async def publish(podcast_id: int, session: AsyncSession = Depends(get_session)):
    podcast = await PodcastService(session).publish(podcast_id)
    await session.commit()  # error: XFA203:11
    await session.refresh(podcast, ["episodes"])  # error: XFA203:11 "session.refresh()"
    return podcast


@router.post("/podcasts/{podcast_id}/copy")
async def copy(podcast_id: int, session: AsyncSession = Depends(get_session)):
    await PodcastService(session).copy(podcast_id)
    stmt = select(Podcast).where(Podcast.id == podcast_id)  # error: XFA203:12 "select()"
    await session.commit()  # error: XFA203:11
    return stmt


@router.post("/podcasts/{podcast_id}/touch")
async def touch(podcast_id: int, session: AsyncSession = Depends(get_session)):
    # nothing handed the session: the commit is the handler's own database work
    await session.commit()  # error: XFA203:11
    return podcast_id
