import asyncio

from fastapi import APIRouter, BackgroundTasks

from app import services
from app.services import notify, notify_later
from app.services.notify import Mailer, notify_with_retry, stream_events
from app.utils import render
from app.utils.render import fetch_avatar, read_with, render_welcome, slugify, template_names

router = APIRouter()
mailer = Mailer()


@router.post("/users/{user_id}/welcome")
async def welcome(user_id: int, name: str) -> str:
    notify(user_id)  # error: XFA106:5
    services.notify(user_id)  # error: XFA106:5
    text = render_welcome(name)  # error: XFA112:12
    avatar = fetch_avatar(user_id)  # error: XFA112:14
    again = render.render_welcome(name)  # error: XFA112:13
    return text + again + str(len(avatar))


@router.post("/users/{user_id}/near-misses")
async def near_misses(user_id: int, name: str, tasks: BackgroundTasks) -> str:
    await notify(user_id)
    pending = notify(user_id)
    await asyncio.gather(notify(user_id), services.notify(user_id))
    task = asyncio.create_task(notify(user_id))
    notify_later(user_id)
    stream_events(user_id)
    notify_with_retry(user_id)
    mailer.send("x")
    text = await asyncio.to_thread(render_welcome, name)
    avatar = await asyncio.to_thread(fetch_avatar, user_id)
    tasks.add_task(render.render_welcome, name)
    slug = slugify(name)
    names = template_names()
    shown = read_with(str, name)
    await pending
    await task
    return text + slug + shown + str(len(avatar)) + str(names)


def sync_caller(name: str) -> str:
    return render_welcome(name)
