# path: app/main.py
# select: XFA302
from collections import defaultdict
from typing import Any

import stripe
from fastapi import APIRouter, FastAPI, Request
from pydantic import BaseModel

from app.contract import SIDECAR_HEALTH_PATH, SIDECAR_READY_PATH, USERS_PATH

app = FastAPI()
router = APIRouter()
LOCAL_PROBE = "/internal/healthz"
LOCAL_STATS = "/internal/stats"


class LimitRead(BaseModel):
    limit: int


# near-misses (seventh reading)
@router.get("/limits/by-group")
def limits_by_group() -> dict[str, list[LimitRead]]:
    grouped = defaultdict(list)
    for group, limit in load_limits():
        grouped[group].append(LimitRead(limit=limit))
    return dict(grouped)  # a mapping of models: dynamic keys, validated values


@app.get(SIDECAR_HEALTH_PATH)
def health() -> dict[str, str]:
    return {"status": "ok"}  # a probe whose path is a constant of another module


@app.get(SIDECAR_READY_PATH)
def sidecar_ready() -> dict[str, str]:
    return {"status": "ok"}  # the constant's name says it is the readiness probe


@app.get(LOCAL_PROBE)
def local_probe() -> dict[str, str]:
    return {"status": "ok"}  # a probe whose path is a constant of this file


@app.get("/")
async def root():
    return {"message": "API is running"}  # the application's root banner


@router.post("/billing/events")
async def stripe_events(request: Request):
    event = stripe.Webhook.construct_event(await request.body(), request.headers["stripe-signature"], "whsec")
    return {"success": event is not None}  # the provider reads the status code only


# still flagged
@router.get("/limits/flat")
def flat_limits() -> dict[str, int]:
    return {"default": 10}  # error: XFA302:12 "flat_limits"


@router.get("/limits/any", response_model=dict[str, Any])
def any_limits():
    return {"default": LimitRead(limit=10)}  # error: XFA302:12


@app.get(LOCAL_STATS)
def stats() -> dict[str, int]:
    return {"users": 3}  # error: XFA302:12


@app.get(USERS_PATH)
def users() -> dict:
    return {"users": []}  # error: XFA302:12


@router.get("/")
async def router_root():
    return {"message": "items"}  # error: XFA302:12


@app.get("/")
async def app_root_with_data():
    return {"version": load_version()}  # error: XFA302:12


@router.post("/billing/webhook")
async def unverified_webhook(request: Request):
    return {"received": await request.json()}  # error: XFA302:12
