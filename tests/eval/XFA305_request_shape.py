# path: app/routes/items.py
# select: XFA305
import base64
import binascii
import json
import uuid
from typing import Annotated
from uuid import UUID

from bson import ObjectId
from bson.errors import InvalidId
from fastapi import APIRouter, Depends, HTTPException, Query, Request, status

from app.deps import get_current_user, get_db
from app.schemas import BulkDelete, ItemPatch

router = APIRouter()
MAX_IDS = 100


# near-misses: a malformed identifier, cursor or body of the request failed to decode
@router.get("/items/{item_id}")
async def read_item(item_id: str) -> ItemPatch:
    try:
        key = UUID(item_id)
    except ValueError:
        raise HTTPException(status_code=422, detail="item_id is not a UUID")
    return await load(key)


@router.get("/docs/{doc_id}")
async def read_doc(doc_id: str) -> ItemPatch:
    try:
        oid = ObjectId(doc_id)
    except (InvalidId, TypeError):
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, detail="bad id")
    return await load(oid)


@router.get("/events")
async def list_events(cursor: str | None = None) -> ItemPatch:
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError):
        raise HTTPException(422, "malformed cursor")
    return await page(position)


@router.get("/orders")
async def list_orders(request: Request) -> ItemPatch:
    try:
        offset = int(request.query_params["offset"])
        key = uuid.UUID(request.query_params.get("after"))
    except (KeyError, ValueError):
        raise HTTPException(status_code=422)
    return await page(offset, key)


@router.post("/raw")
async def raw(request: Request) -> ItemPatch:
    try:
        body = await request.json()
    except ValueError:
        raise HTTPException(status_code=422, detail="Invalid JSON body")
    return await store(body)


def parse_version(value: str) -> int:
    try:
        return int(value)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail="version must be a number") from exc


# near-misses: an empty, oversized or missing input the route checks itself
@router.post("/items/bulk-delete", status_code=204)
async def bulk_delete(ids: Annotated[list[int], Query()]) -> None:
    if not ids:
        raise HTTPException(status_code=422, detail="ids must not be empty")
    if len(ids) > MAX_IDS:
        raise HTTPException(status_code=422, detail="too many ids")
    await delete_many(ids)


@router.post("/items/bulk", status_code=204)
async def bulk(payload: BulkDelete, tags: list[str] | None = None) -> None:
    if not payload.ids or len(payload.ids) == 0:
        raise HTTPException(status_code=422, detail="ids must not be empty")
    if not 1 <= len(payload.ids) <= payload.MAX:
        raise HTTPException(status_code=422)
    if tags is None:
        raise HTTPException(status_code=422, detail="tags are required")
    await delete_many(payload.ids)


@router.put("/workflows/{workflow_id}")
async def put_workflow(workflow_id: int, data: ItemPatch, approve: bool | None = None) -> ItemPatch:
    if data.yaml_definition:
        definition = parse(data.yaml_definition)
    elif data.json_definition is not None:
        definition = data.json_definition
    else:
        raise HTTPException(status_code=422, detail="yaml_definition or json_definition is required")
    if approve is not None:
        flag = approve
    elif data.approve:
        flag = data.approve
    else:
        raise HTTPException(status_code=422, detail="approve is required")
    return await save(workflow_id, definition, flag)


# still flagged: a business rule behind the same shapes
@router.get("/tickets/{ticket_id}")
async def read_ticket(ticket_id: str, db=Depends(get_db)) -> ItemPatch:
    try:
        ticket = await db.reserve(ticket_id)  # no decoding: the ValueError is the service's
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc))  # error: XFA305:15
    try:
        seats = int(ticket.seats)  # a stored value, not request input
    except ValueError:
        raise HTTPException(status_code=422)  # error: XFA305:15
    return ticket


@router.post("/carts/{cart_id}/checkout")
async def checkout(cart_id: int, user: Annotated[dict, Depends(get_current_user)], items: list[int]) -> ItemPatch:
    try:
        key = UUID(user["cart"])  # the user comes from a dependency, not the request
    except ValueError:
        raise HTTPException(status_code=422)  # error: XFA305:15
    if not user:
        raise HTTPException(status_code=422)  # error: XFA305:15
    if len(items) > user["quota"]:  # a per-user quota: a business rule
        raise HTTPException(status_code=422)  # error: XFA305:15
    if not items or await sold_out(items):
        raise HTTPException(status_code=422)  # error: XFA305:15
    if cart_id:
        pass
    elif await pending(cart_id):
        pass
    else:
        raise HTTPException(status_code=422)  # error: XFA305:15
    if user["blocked"] is None:
        raise HTTPException(status_code=422)  # error: XFA305:15
    return await pay(cart_id, key)


@router.post("/coupons")
async def redeem(code: str) -> ItemPatch:
    if not code:  # an empty input: a request-shape check (third precision reading)
        raise HTTPException(status_code=422)
    if len(code) > 8:
        pass
    else:
        raise HTTPException(status_code=422)  # error: XFA305:15
    return await apply(code)
