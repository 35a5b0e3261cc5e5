# path: app/routes/runs.py
from fastapi import APIRouter, HTTPException

router = APIRouter(prefix="/dags/{dag_id}/runs")


# near-miss: an ignored catch-all path parameter of a hidden route
@router.get("/{_:path}", include_in_schema=False, response_model=None)
async def not_found(_) -> None:
    raise HTTPException(status_code=404)


# still flagged: path parameters the handler reads (from the path or the router's prefix)
@router.get("/{run_id}", response_model=None)
async def read_run(dag_id, run_id) -> None:  # error: XFA313:20 "dag_id", XFA313:28
    return await load(dag_id, run_id)


@router.get("/{rest:path}", include_in_schema=False, response_model=None)
async def fallback(rest) -> None:  # error: XFA313:20
    raise HTTPException(status_code=404, detail=rest)


@router.get("/", response_model=None)
async def list_runs(state) -> None:  # error: XFA313:21
    return None
