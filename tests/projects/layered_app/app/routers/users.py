from fastapi import APIRouter

from app.services.user_service import get_user

router = APIRouter(prefix="/users")


def display_name(name: str) -> str:
    return name.title()


@router.get("/{user_id}")
async def read_user(user_id: int) -> str:
    return display_name(get_user(user_id))
