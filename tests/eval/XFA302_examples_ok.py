# path: examples/demos/feedback_demo/backend/app.py
# near-misses (sixth reading): the backend of a demo under examples/ shows the library to a
# developer running it locally; it is not an API the project serves
import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="Feedback Demo API")


class FeedbackPayload(BaseModel):
    session_id: str
    score: int


@app.post("/demo/init")
async def init_demo() -> dict:
    return {"ok": True, "session_id": "demo"}


@app.post("/demo/feedback")
async def add_feedback(payload: FeedbackPayload):
    return {"ok": True, "session_id": payload.session_id}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=8765)
