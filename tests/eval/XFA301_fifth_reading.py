# path: app/routes/gateways.py
# select: XFA301
from fastapi import APIRouter, Depends

from app.deps import get_session
from app.schemas import PickDefault
from app.services import gateways

router = APIRouter()


# near-misses (fifth reading): handlers with no body to describe (the reply is ``null``)
@router.post("/gateways/set_default")
async def set_default(body: PickDefault, session=Depends(get_session)):
    await gateways.pick_default(session, body.name)


@router.post("/gateways/forget")
async def forget(body: PickDefault):
    if not body.name:
        return
    await gateways.forget(body.name)
    return None


@router.post("/gateways/rebuild")
async def rebuild(body: PickDefault):
    def summary():
        return {"rebuilt": body.name}  # a nested function's return is not the handler's

    await gateways.rebuild(body.name, on_done=summary)


# still flagged: some path returns a value
@router.post("/gateways/refresh")
async def refresh(body: PickDefault):  # error: XFA301:1 "refresh"
    if not body.name:
        return None
    return await gateways.refresh(body.name)
