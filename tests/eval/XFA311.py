# path: app/routes/users.py
from enum import Enum
from typing import Annotated, Optional

from fastapi import APIRouter, Body, Depends
from fastapi_users import schemas
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


class Account(BaseModel):
    id: int
    username: str


class Theme(str, Enum):
    light = "light"
    dark = "dark"


class Notifications(BaseModel):
    email: bool = True
    digest_hour: int = 8


class Preferences(BaseModel):
    """An admin toggle form: every field visible, none server-managed or secret."""

    maintenance_mode: bool
    theme: Theme = Theme.light
    notifications: Notifications
    banner: Annotated[str | None, "shown on every page"] = None


class Credentials(BaseModel):
    login: str
    api_key: str


class Integration(BaseModel):
    enabled: bool
    credentials: Credentials


class Remote(schemas.BaseUser[int]):
    enabled: bool


class Mirror(BaseModel):
    enabled: bool
    target: External


@router.post("/users")
async def create_user(user: Account) -> Account:  # error: XFA311:23 "create_user"
    return user


@router.put("/integrations/{name}")
async def put_integration(name: str, body: Integration) -> Integration:  # error: XFA311:38
    return await save(name, body)  # a nested model holds a secret


@router.put("/remote")
async def put_remote(body: Remote) -> Remote:  # error: XFA311:22
    return body  # a base of another package: not every field is visible


@router.put("/mirror")
async def put_mirror(body: Mirror) -> Mirror:  # error: XFA311:22
    return body  # a field of a type whose fields are not visible


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


@router.post("/users5")
async def create_user5(user: User) -> User:  # only a username: nothing to leak or to forge
    return user


@router.put("/admin/preferences")
async def put_preferences(preferences: Preferences) -> Preferences:
    return await store(preferences)


class LogLevel(int, Enum):
    debug = 10
    info = 20


@router.post("/logging", response_model=LogLevel)
async def set_log_level(level: LogLevel = Body(description="New level")) -> LogLevel:
    return await apply_level(level)  # an enum, not a model: no fields to leak


@router.post("/state/{key}", response_model=str)
async def set_state(key: str, value: str = Body(..., description="Stringified value")) -> str:
    return await store_value(key, value)  # a scalar body echoed back


@router.put("/theme")
async def put_theme(theme: Annotated[Theme, Body(embed=True)]) -> Theme:
    return theme
