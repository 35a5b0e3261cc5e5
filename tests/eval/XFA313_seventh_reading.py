# path: app/routes/phone.py
from fastapi import APIRouter, Depends, Security

from app.deps import CurrentUser, RateLimiter, get_db, require_scope

router = APIRouter()
Limited = Depends(RateLimiter(requests=5, window=60))


# near-misses (seventh reading): guard dependencies the handler never reads
@router.post("/phone", response_model=None)
async def update_phone(
    number: str,
    rate_limiter_per_day=Depends(RateLimiter(requests=5, window=86400)),
    scope_check=Security(require_scope, scopes=["phone"]),
    limited=Limited,
) -> None:
    await save_phone(number)


# still flagged: dependency results the handler uses, and request values
@router.get("/phone", response_model=None)
async def read_phone(
    user=Depends(CurrentUser),  # error: XFA313:5 "user"
    db=Depends(get_db),  # error: XFA313:5 "db"
    fmt="",  # error: XFA313:5 "fmt"
) -> None:
    return await load_phone(db, user, fmt)


@router.get("/phone/raw", response_model=None)
async def raw_phone(db=Depends(get_db)) -> None:  # error: XFA313:21 "db"
    return await load_phone(**locals())
