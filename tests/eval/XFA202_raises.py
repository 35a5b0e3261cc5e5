# path: app/services/order_service.py
# select: XFA201
# Framework names used only in the raises XFA201 reports, or only by the provider next to
# the service, are XFA201's problem: one finding is enough.
from fastapi import Depends, HTTPException
from fastapi import status
from fastapi import Request  # error: XFA202:1 "fastapi"
from starlette import status as http_codes  # error: XFA202:1 "starlette"

from app.db import get_db
from app.errors import OrderError


class OrderService:
    def __init__(self, db) -> None:
        self.db = db

    async def get(self, order_id: int):
        order = await self.db.get_order(order_id)
        if order is None:
            raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Order not found")
        return order

    async def pay(self, order_id: int, request: Request) -> None:
        # a parameter of the service's own code: reported
        await self.db.pay(order_id, request.client)

    async def cancel(self, order_id: int) -> None:
        try:
            await self.db.cancel(order_id)
        except LookupError as exc:
            # a raise XFA201 does not report (a domain exception): the service's own use
            raise OrderError(http_codes.HTTP_409_CONFLICT) from exc


def get_order_service(db=Depends(get_db)) -> OrderService:
    return OrderService(db)
