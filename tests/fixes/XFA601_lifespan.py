# path: app/main.py
from fastapi import FastAPI

from app.db import database

app = FastAPI(title="shop")


@app.on_event("startup")
async def connect() -> None:
    await database.connect()


@app.on_event("shutdown")
async def disconnect() -> None:
    await database.disconnect()
