# path: app/routes/users.py
from typing import Annotated, Optional

from fastapi import APIRouter, Body, Depends
from pydantic import BaseModel

from app.deps import get_settings
from app.schemas import External

router = APIRouter()


class User(BaseModel):
    username: str


class UserCreate(User):
    password: str


class UserRead(User):
    id: int


@router.post("/users")
async def create_user(user: User) -> User:  # error: XFA311:23
    return user


@router.put("/users/{user_id}", response_model=UserCreate)
async def replace_user(user_id: int, payload: Optional[UserCreate] = None):  # error: XFA311:38
    return payload


@router.post("/external", response_model=External)
async def external(payload: Annotated[External, Body()]) -> External:  # error: XFA311:20
    return payload


# near-misses
@router.post("/users2")
async def create_user2(user: UserCreate) -> UserRead:
    return await save(user)


@router.post("/users3", response_model=UserRead)
async def create_user3(user: UserCreate) -> UserCreate:
    return await save(user)


@router.post("/users4", response_model=None)
async def create_user4(user: User) -> User:
    return user


@router.get("/settings")
async def read_settings(settings: Annotated[User, Depends(get_settings)]) -> User:
    return settings


@router.post("/external2")
async def external2(payload: External) -> External:  # not known to be a model here
    return payload
