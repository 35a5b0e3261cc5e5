# path: tests/api/test_sync_handlers.py
from fastapi import FastAPI

app = FastAPI()


@app.get("/sync")
def sync_handler():
    return {}
