# path: tests/test_rates.py
import httpx


async def test_rates():
    async with httpx.AsyncClient() as client:
        await client.get("http://testserver/rates")
