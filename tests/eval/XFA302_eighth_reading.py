# path: app/routes/integrations.py
# select: XFA302
from typing import Any, Dict, Optional

from fastapi import APIRouter, Query

router = APIRouter()


# near-misses (eighth reading)
@router.get("/internal/filter-schema")
async def get_filter_schema() -> Dict[str, Any]:
    return {  # a JSON Schema document: the payload is itself a schema
        "type": "object",
        "properties": {"must": {"type": "array"}},
        "additionalProperties": False,
    }


@router.get("/schemas/config")
async def config_schema() -> dict:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Config"}


@router.get("/mcp/oauth/callback")
async def mcp_oauth_callback(
    code: Optional[str] = Query(None),
    state: Optional[str] = Query(None),
    error: Optional[str] = Query(None),
):
    if error:  # the provider redirects the user's browser here
        return {"status": "error", "message": error}
    await store_code(code, state)
    return {"status": "success", "message": "Authorization successful"}


@router.get("/auth/{provider}/callback")
async def provider_callback(provider: str, code: str, state: str) -> dict:
    return {"status": "success", "provider": await finish_login(provider, code, state)}


# still reported
@router.get("/features")
async def list_features() -> dict:
    return {"type": "Feature", "properties": await load_properties()}  # error: XFA302:12 "list_features"


@router.get("/schema-like")
async def schema_like() -> dict:
    return {"type": "array", "properties": await load_properties()}  # error: XFA302:12


@router.post("/auth/callback")
async def exchange_code(code: str, state: str) -> dict:
    return {"access_token": await exchange(code, state)}  # error: XFA302:12 "exchange_code"


@router.get("/oauth/callback")
async def callback_without_state(code: str) -> dict:
    return {"access_token": await exchange(code, None)}  # error: XFA302:12


@router.get("/oauth/status")
async def oauth_status(code: str, state: str) -> dict:
    return {"status": await check(code, state)}  # error: XFA302:12
