# path: tests/stress/mock_server.py
# A mock server for load tests: its POST alias calling the GET handler is scaffolding.
from fastapi import FastAPI

app = FastAPI()


@app.get("/work")
async def work(delay_ms: int = 100) -> dict:
    return {"delay_ms": delay_ms}


@app.post("/work")
async def work_post(delay_ms: int = 100) -> dict:
    return await work(delay_ms=delay_ms)
