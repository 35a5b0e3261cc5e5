# fifth precision reading: loops whose per-item commit is the design, shown by the loop
# itself (a batch loop inside enumerate, a nested batch loop that already commits, a
# rollback of the same session in the iteration, a queued task, an awaited effect call)
import asyncio

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.jobs import handlers_by_kind
from app.models import Attachment, Job, Page
from app.pipeline import build_report, run_stage


async def store_pages(session: AsyncSession, pages: list[Page], size: int) -> None:
    for number, start in enumerate(range(0, len(pages), size), start=1):
        session.add_all(pages[start : start + size])
        await session.commit()


async def purge_jobs(session: AsyncSession, jobs: list[Job]) -> None:
    for job in jobs:
        while True:
            ids = (await session.execute(select(Attachment.id).where(Attachment.job_id == job.id).limit(200))).scalars().all()
            if not ids:
                break
            await session.execute(delete(Attachment).where(Attachment.id.in_(ids)))
            await session.commit()
        await session.delete(job)
        await session.commit()


async def claim_jobs(session: AsyncSession, jobs: list[Job]) -> None:
    for job in jobs:
        job.state = "expired"
        await session.commit()
        try:
            job.owner = "worker-1"
            await session.flush()
        except ValueError:
            await session.rollback()


async def schedule_jobs(session: AsyncSession, jobs: list[Job]) -> None:
    for job in jobs:
        handler = handlers_by_kind.get(job.kind)
        if handler:
            handler.delay(job.id)
            job.queued = True
            await session.commit()


async def run_pipeline(session: AsyncSession, job: Job) -> None:
    for stage in job.stages:
        outcome = await run_stage(stage)
        job.results = [*job.results, outcome]
        await session.commit()


# still reported: an awaited call that is handed the session is database work
async def rebuild_reports(session: AsyncSession, jobs: list[Job]) -> None:
    for job in jobs:
        job.report = await build_report(session, job)
        await session.commit()  # error: XFA507:15


# ... so is a wait, and a call that is not named for an effect
async def pace(session: AsyncSession, jobs: list[Job]) -> None:
    for job in jobs:
        await asyncio.sleep(0.1)
        job.seen = True
        await session.commit()  # error: XFA507:15


# ... and a dispatch in the other branch of an `if` does not precede the commit
async def schedule_or_skip(session: AsyncSession, jobs: list[Job]) -> None:
    for job in jobs:
        handler = handlers_by_kind.get(job.kind)
        if handler:
            handler.delay(job.id)
        else:
            job.skipped = True
            await session.commit()  # error: XFA507:19


# ... and a rollback outside the loop is no per-item transaction
async def mark_all(session: AsyncSession, jobs: list[Job]) -> None:
    try:
        for job in jobs:
            job.marked = True
            await session.commit()  # error: XFA507:19
    except ValueError:
        await session.rollback()
