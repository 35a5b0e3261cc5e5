# path: scripts/backfill.py
# scripts commit and read their objects like the app does: still checked
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.db import engine

SessionLocal = async_sessionmaker(engine)  # error: XFA504:16 "async_sessionmaker"
