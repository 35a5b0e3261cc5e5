import aiohttp
from fastapi import APIRouter
from sqlalchemy import text

from app.deps import HttpSession, SessionDep

router = APIRouter(prefix="/weather")


@router.get("/{city}")
async def weather(city: str) -> dict:
    async with aiohttp.ClientSession() as session:  # an HTTP client called session
        async with session.get(f"https://weather.example/{city}") as response:
            return await response.json()


@router.get("/{city}/proxy")
async def proxy(city: str, session: HttpSession) -> dict:
    response = await session.get(f"https://weather.example/{city}")
    return response.json()


@router.get("/{city}/cached")
async def cached(city: str, session: SessionDep) -> list:
    result = await session.execute(text("SELECT * FROM weather"))  # error: XFA203:20
    return list(result)
