# path: tests/test_items.py
from fastapi import FastAPI

app = FastAPI()


@app.get("/items")
async def list_items() -> list:
    return []
