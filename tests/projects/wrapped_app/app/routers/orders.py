from fastapi import APIRouter

from app.endpoints import threaded, traced, unannotated

router = APIRouter()
legacy = APIRouter()


@router.get("/orders")
@legacy.get("/v0/orders")
@threaded
def list_orders() -> list[int]:
    return []


@router.post("/orders")
@threaded(retries=2)
def create_order() -> int:
    return 1


@router.get("/traced")
@traced
def traced_orders() -> list[int]:  # error: XFA108:1
    return []


@threaded
@router.get("/registered-before-wrapping")
def registered_sync() -> list[int]:  # error: XFA108:1
    return []


@router.get("/between")
@traced
@threaded
def traced_then_threaded() -> list[int]:  # error: XFA108:1
    return []


@router.get("/factory-used-bare")
@threaded()
def called_factory() -> list[int]:
    return []


@router.get("/unannotated")
@unannotated
def through_unannotated() -> list[int]:  # error: XFA108:1
    # the summary keeps no fact about what an unannotated decorator of another module
    # returns: stay with the finding
    return []
