# path: app/routes/health.py
from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

router = APIRouter()
app = FastAPI()


class Status(BaseModel):
    status: str


@router.get("/health/ready", response_model=None)
async def ready() -> JSONResponse:  # error: XFA315:1
    return JSONResponse({"status": "ready"})


@app.get("/readiness")
def readiness() -> Status:  # error: XFA315:1
    return Status(status="ok")


@router.get("/ready/")
def ready_slash() -> dict:  # error: XFA315:1
    return dict(status="ok")


@router.get("/readyz")
async def readyz() -> Status:  # error: XFA315:1
    return Status(status="ok")


# near-misses
@router.get("/health/live")
async def live() -> Status:
    return Status(status="ok")


@router.get("/livez")
async def livez() -> Status:
    return Status(status="ok")


@router.get("/health/ready2/ready")
async def ready_db() -> Status:
    await db.execute(text("SELECT 1"))
    return Status(status="ok")


@router.get("/sync/ready")
def ready_sync() -> Status:
    check_database()
    return Status(status="ok")


@router.get("/already")
async def already() -> Status:
    return Status(status="ok")
