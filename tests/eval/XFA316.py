# path: app/routes/orders.py
# select: XFA316
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Body, Depends, Path, Query

from app.deps import CurrentUserId, get_user_id

router = APIRouter()


@router.get("/orders")
async def list_orders(user_id: int, account_id: UUID | None = None) -> None: ...  # error: XFA316:23 "user_id", XFA316:37


@router.get("/invoices")
async def list_invoices(customer_id: Annotated[str, Query()], patient_id: str = Query(...)) -> None: ...  # error: XFA316:25, XFA316:63


# near-misses
@router.get("/users/{user_id}/orders")
async def user_orders(user_id: int) -> None: ...


@router.get("/mine")
async def mine(
    user_id: Annotated[int, Depends(get_user_id)],
    owner_id: CurrentUserId,
    account_id: int = Depends(get_user_id),
    customer_id: int = Body(...),
    patient_id: Annotated[int, Path()] = 1,
) -> None: ...


def helper(user_id: int) -> None: ...
