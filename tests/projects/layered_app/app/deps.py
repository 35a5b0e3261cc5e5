from typing import Annotated, AsyncIterator

import httpx
from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_db


async def get_http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


SessionDep = Annotated[AsyncSession, Depends(get_db)]
HttpSession = Annotated[httpx.AsyncClient, Depends(get_http)]
