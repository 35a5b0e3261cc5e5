# path: app/db/seed.py
# A seed module (seed.py, initial_data.py, fixtures/) and seed functions in application
# code hold development defaults: only live key shapes are reported there.
from app.services.users import create_user


async def seed_users(db) -> None:
    await create_user(db, email="admin@example.com", password="changeme")
    await create_user(db, email="ci@example.com", password="s3cr3t!")


DEMO_ADMIN_PASSWORD = "admin"
DEMO_GH_TOKEN = "ghp_R7x2Lk9QmW4vT8pZ3nB6yH1jF5dS0aKcE2uX"  # error: XFA701:17
