# path: app/api/routes/items.py
from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Depends
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.api.deps import get_db
from app.models import Item
from app.services import item_service

router = APIRouter()
SessionDep = Annotated[AsyncSession, Depends(get_db)]


@router.get("/items/{item_id}")
async def read_item(item_id: int, db: AsyncSession = Depends(get_db)):
    result = await db.execute(select(Item).where(Item.id == item_id))  # error: XFA203:20 "db.execute"
    return result.scalar_one()


@router.post("/items")
async def create_item(payload: dict, session: SessionDep):
    item = Item(**payload)
    session.add(item)  # error: XFA203:5
    await session.commit()  # error: XFA203:11
    await session.refresh(item)  # error: XFA203:11
    return item


@router.get("/legacy")
def legacy(db: Session = Depends(get_db)):
    return db.query(Item).all()  # error: XFA203:12


@router.delete("/items/{item_id}")
async def remove_item(item_id: int, db: SessionDep):
    stmt = delete(Item).where(Item.id == item_id)  # error: XFA203:12
    await db.execute(stmt)  # error: XFA203:11


@router.put("/items/{item_id}")
async def bulk(item_id: int, db: SessionDep):
    statements = [
        update(Item).values(name="x"),  # error: XFA203:9
        insert(Item).values(name="y"),  # error: XFA203:9
        sa.select(Item),  # error: XFA203:9
        text("SELECT 1"),  # error: XFA203:9
    ]
    return await item_service.run_all(db, statements)


# near misses ---------------------------------------------------------------


@router.get("/items")
async def list_items(db: SessionDep):
    return await item_service.list_items(db)  # passing the session on


@router.get("/health")
async def health(db: SessionDep):
    await db.execute(text("SELECT 1"))  # a probe pings the database


@router.get("/readyz")
async def readiness(session: SessionDep):
    await session.execute(select(1))


@router.get("/status")
async def liveness_check(db: SessionDep):
    await db.execute(text("SELECT 1"))  # the handler name says it is a probe


@router.get("/deliveries")
async def deliveries(db: SessionDep):
    return await item_service.deliveries(db)


def delete_helper(db: Session, item_id: int):
    db.execute(delete(Item))  # not a route handler


@router.delete("/things/{thing_id}")
async def delete_thing(thing_id: int, db: SessionDep):
    async def inner():
        await db.execute(select(Item))  # a nested function is not the handler

    return await item_service.delete_thing(db, thing_id, inner)
