# path: app/routes/logs.py
from fastapi import APIRouter, HTTPException

router = APIRouter()
MAX_LIMIT = 500


def validate_limit(limit: int) -> None:
    if limit > MAX_LIMIT:
        raise HTTPException(status_code=400, detail="limit too large")


def paginate(items: list, *, page: int, page_size: int) -> list:
    if page < 1:
        raise HTTPException(status_code=400, detail="page starts at 1")
    size = min(page_size, 100)
    return items[(page - 1) * size : page * size]


def describe(limit: int) -> str:
    return f"limit={limit}"


# near-misses: a helper checks the value
@router.get("/logs")
async def list_logs(limit: int = 100) -> list:
    validate_limit(limit)
    return await load(limit)


@router.get("/events")
async def list_events(page: int = 1, page_size: int = 20) -> list:
    return paginate(await load_all(), page=page, page_size=page_size)


# still flagged: the helper only formats the value; the checked value is another one
@router.get("/audit")
async def list_audit(limit: int = 100, page: int = 1) -> list:  # error: XFA310:22 "limit", XFA310:40
    log(describe(limit))
    return paginate(await load_all(), page=1, page_size=10)[:page]
