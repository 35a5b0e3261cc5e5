from fastapi import APIRouter

from app.routers import users
from app.routers.users import display_name, read_user

router = APIRouter(prefix="/items")


@router.get("/{item_id}/owner")
async def read_owner(item_id: int) -> str:
    return await read_user(item_id)  # error: XFA210:18


@router.get("/{item_id}/owner-name")
async def read_owner_name(item_id: int) -> str:
    name = await users.read_user(item_id)  # error: XFA210:18
    return display_name(name)  # a plain helper of the other module


def not_a_handler(item_id: int):
    return read_user(item_id)
