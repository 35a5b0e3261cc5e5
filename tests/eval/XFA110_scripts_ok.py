# path: scripts/seed_rates.py
import httpx


async def main():
    async with httpx.AsyncClient() as client:
        await client.get("https://example.com")
