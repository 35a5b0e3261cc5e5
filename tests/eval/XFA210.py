# path: app/api/routes/users.py
from fastapi import APIRouter, Depends

from app.schemas import UserRead
from app.services.user_service import load_user

router = APIRouter()


@router.get("/users/{user_id}")
async def read_user(user_id: int) -> UserRead:
    return await load_user(user_id)


@router.get("/users")
def list_users() -> list[UserRead]:
    return []


@router.get("/me")
async def read_me() -> UserRead:
    return await read_user(1)  # error: XFA210:18 "read_user"


@router.get("/everyone")
async def everyone() -> list[UserRead]:
    users = list_users()  # error: XFA210:13
    return [await read_user(u.id) for u in users]  # error: XFA210:19


# near misses ---------------------------------------------------------------


def helper() -> UserRead:
    return read_user(1)  # not inside a route handler


@router.get("/shared")
async def shared() -> UserRead:
    return await load_user(2)  # a service function


@router.get("/ref")
async def ref(dep=Depends(list_users)) -> list[UserRead]:
    handlers = [read_user, list_users]  # referred to, not called
    return dep


@router.get("/shadow")
async def shadow(read_user) -> UserRead:
    return await read_user(3)  # a parameter shadows the handler


@router.get("/recursive/{n}")
async def recursive(n: int) -> UserRead:
    return await load_user(n)


@router.get("/nested")
async def nested() -> UserRead:
    def inner():
        return read_user(4)  # in a nested function, not the handler itself

    return inner
