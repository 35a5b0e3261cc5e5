# path: app/repositories/deliveries.py
# select: XFA312
from datetime import datetime, timezone

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import update

from app.db import DeliveryRow, engine

router = APIRouter()


class Outcome(BaseModel):
    at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    code: str | None = None
    note: str | None = None


class Settings(BaseModel):
    theme: str = "light"
    digest: bool | None = None


# near-miss (fifth reading): the dump is the whole value of one column, not spread over fields
async def update_delivery(delivery_id: int, outcome: Outcome) -> None:
    values = {"outcome": outcome.model_dump(mode="json", exclude_none=True), "touched": True}
    async with engine.begin() as conn:
        await conn.execute(update(DeliveryRow).where(DeliveryRow.id == delivery_id).values(**values))


# still flagged: in a PATCH handler the nested value is what the client sent, partially
@router.patch("/users/{user_id}/settings", status_code=204)
async def patch_settings(user_id: int, settings: Settings) -> None:
    values = {"settings": settings.model_dump()}  # error: XFA312:27 "PATCH handler patch_settings()"
    async with engine.begin() as conn:
        await conn.execute(update(DeliveryRow).where(DeliveryRow.id == user_id).values(**values))


# still flagged: spread into the dict, the fields are written over the row's
async def update_outcome(delivery_id: int, outcome: Outcome) -> None:
    values = {**outcome.model_dump(exclude_none=True), "touched": True}  # error: XFA312:17 "at=datetime.now(timezone.utc)"
    async with engine.begin() as conn:
        await conn.execute(update(DeliveryRow).where(DeliveryRow.id == delivery_id).values(**values))
