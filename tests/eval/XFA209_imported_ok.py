# path: app/api/routes/items.py
# `app` comes from elsewhere: it could be a router; not provably a FastAPI instance.
from app.core.server import app
from fastapi import FastAPI

sub_app = make_app()


@app.get("/items")
async def list_items() -> list:
    return []


@sub_app.get("/sub")
async def sub() -> list:
    return []
