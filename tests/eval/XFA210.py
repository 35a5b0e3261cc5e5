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


# eighth reading: a deprecated alias that forwards every parameter


@router.post("/agents/{agent_id}/recompile")
async def recompile(agent_id: int, dry_run: bool = False, db=Depends(list_users)) -> str:
    return str(agent_id)


@router.post("/agents/{agent_id}/system-prompt/recompile", deprecated=True)
async def recompile_old(agent_id: int, dry_run: bool = False, db=Depends(list_users)) -> str:
    """Deprecated alias of POST /agents/{agent_id}/recompile."""
    return await recompile(agent_id=agent_id, dry_run=dry_run, db=db)


@router.post("/agents/{agent_id}/old-recompile", deprecated=True)
async def recompile_partial(agent_id: int) -> str:
    return await recompile(agent_id=agent_id)  # error: XFA210:18 "recompile"


@router.post("/agents/{agent_id}/fixed-recompile")
async def recompile_fixed(agent_id: int, db=Depends(list_users)) -> str:
    return await recompile(agent_id, True, db)  # error: XFA210:18
