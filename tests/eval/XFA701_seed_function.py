# path: app/main.py
# Seed functions in application code hold development defaults; the rest of the file is checked.
from app.services.users import create_user

DEFAULT_PASSWORD = "s3cr3t!"  # error: XFA701:20


async def populate_demo_data(db) -> None:
    await create_user(db, email="admin@example.com", password="changeme")


async def create_admin(db) -> None:
    await create_user(db, email="admin@example.com", password="changeme")  # error: XFA701:63
