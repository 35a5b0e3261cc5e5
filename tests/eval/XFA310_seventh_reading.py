# path: app/routes/timeline.py
from fastapi import APIRouter, Depends, Query

from app.deps import get_org

router = APIRouter()


# near-miss (seventh reading): pagination parameters the handler never reads
@router.get("/runs/{run_id}/timeline", response_model=None)
async def run_timeline(
    run_id: str,
    page: int = Query(1, ge=1),
    page_size: int = Query(20, ge=1),
    org=Depends(get_org),
) -> list:
    return await load_timeline(org, run_id)


# still flagged: the same parameters read, also only by a nested function
@router.get("/runs/{run_id}/steps", response_model=None)
async def run_steps(
    run_id: str,
    page: int = Query(1, ge=1),
    page_size: int = Query(20, ge=1),  # error: XFA310:5 "page_size"
) -> list:
    async def fetch() -> list:
        return await load_steps(run_id, page=page, page_size=page_size)

    return await fetch()


@router.get("/runs", response_model=None)
async def runs(offset: int = 0, limit: int = 50) -> list:  # error: XFA310:16 "offset", XFA310:33 "limit"
    return await load_runs(**locals())
