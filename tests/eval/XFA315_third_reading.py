# path: app/routes/health.py
from fastapi import APIRouter, Response

router = APIRouter()


# near-miss: a CORS preflight answer on the readiness path
@router.options("/health/readiness")
async def readiness_preflight() -> Response:
    return Response(status_code=204, headers={"Allow": "GET, OPTIONS"})


# still flagged
@router.get("/health/readiness", response_model=None)
async def readiness() -> Response:  # error: XFA315:1
    return Response(status_code=200)


@router.api_route("/readyz", methods=["GET", "OPTIONS"], response_model=None)
async def readyz() -> Response:  # error: XFA315:1
    return Response(status_code=200)
