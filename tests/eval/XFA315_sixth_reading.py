# path: app/routes/health.py
from fastapi import APIRouter, HTTPException, Response, status
from fastapi.responses import JSONResponse

router = APIRouter()
runtime = object()


# near-misses (sixth reading): a probe that answers 503 on some path checks a state
@router.get("/readyz")
async def readyz() -> JSONResponse:
    snapshot = runtime.current
    if not snapshot.config.enabled:
        return JSONResponse({"status": "disabled"}, status_code=503)
    return JSONResponse({"status": "ready", "revision": snapshot.config.revision})


@router.get("/v2/ready")
def ready_v2() -> dict:
    if not runtime.loaded:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, detail="loading")
    return {"status": "ready"}


@router.get("/v3/ready")
def ready_v3(response: Response) -> dict:
    if not runtime.loaded:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return {"status": "loading"}
    return {"status": "ready"}


# still flagged: answers 200 whatever the state
@router.get("/v4/ready")
async def ready_v4() -> JSONResponse:  # error: XFA315:1 "/v4/ready"
    return JSONResponse({"status": "ready"}, status_code=200)
