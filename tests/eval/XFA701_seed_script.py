# path: scripts/seed_db.py
# Scripts (seed, CI, migration helpers) use development defaults: only values shaped
# like a live key are reported there.
import asyncio

from app.db import SessionLocal
from app.services.users import create_user

DATABASE_URL = "postgresql://postgres:postgres@localhost:5432/app"
ADMIN_PASSWORD = "changeme"
JWT_SECRET = "secret"
STRIPE_KEY = "sk_live_51HfGx2LkE9aQwT7pR4vN8mZ"  # error: XFA701:14


async def main() -> None:
    async with SessionLocal() as db:
        await create_user(db, email="admin@example.com", password="admin123")
        await create_user(db, email="bot@example.com", api_token="ghp_R7x2Lk9QmW4vT8pZ3nB6yH1jF5dS0aKcE2uX")  # error: XFA701:66


asyncio.run(main())
