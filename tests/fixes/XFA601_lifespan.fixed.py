# path: app/main.py
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.db import database

@asynccontextmanager
async def lifespan(app: FastAPI):
    await connect()
    yield
    await disconnect()


app = FastAPI(title="shop", lifespan=lifespan)


async def connect() -> None:
    await database.connect()


async def disconnect() -> None:
    await database.disconnect()
