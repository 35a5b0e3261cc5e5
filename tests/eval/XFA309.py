# path: app/routes/items.py
from typing import Annotated, Optional

import fastapi
import typer
from fastapi import APIRouter, Body, Cookie, Depends, File, Form, Header, Path, Query, Security
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_db
from app.deps import get_current_user
from app.helpers import Depends as ProjectDepends

router = APIRouter()
DbSession = Annotated[AsyncSession, Depends(get_db)]


@router.get("/items/{item_id}")
async def read_item(
    item_id: int = Path(..., ge=1),  # error: XFA309:5 "item_id"
    db: AsyncSession = Depends(get_db),  # error: XFA309:5
    q: Optional[str] = Query(None, max_length=50),  # error: XFA309:5
    user=Security(get_current_user, scopes=["items"]),  # error: XFA309:5
    *,
    token: str = Header(default="x"),  # error: XFA309:5
    session_id: str = Cookie(),  # error: XFA309:5
    other: AsyncSession = fastapi.Depends(get_db),  # error: XFA309:5
) -> None: ...


@router.post("/upload")
async def upload(name: str = Form(...), data: bytes = File(...), meta: dict = Body(None, embed=True)) -> None: ...  # error: XFA309:18, XFA309:41, XFA309:66


async def get_service(db: AsyncSession = Depends(get_db)):  # error: XFA309:23
    return Service(db)


class Checker:
    async def __call__(self, user=Depends(get_current_user)):  # error: XFA309:30
        return user


# near-misses
@router.get("/annotated")
async def annotated(
    db: DbSession,
    q: Annotated[Optional[str], Query(max_length=50)] = None,
    user: Annotated[object, Depends(get_current_user)] = None,
) -> None: ...


def cli(name: str = typer.Option("x"), other: str = ProjectDepends(get_db)) -> None: ...


async def plain(limit: int = 10, data: dict = dict()) -> None: ...
