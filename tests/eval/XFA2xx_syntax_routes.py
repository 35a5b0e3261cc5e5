# path: app/api/routes/odd.py
# select: XFA203, XFA210
from fastapi import APIRouter
from sqlalchemy import select

router = APIRouter()
routers = {"v1": router}


@routers["v1"].get("/a")
async def by_subscript(db) -> list:
    return await db.execute(select(1))


@(router.get("/b"))
async def parenthesised(db) -> list:
    match await db.scalar(select(1)):  # error: XFA203:17 "db.scalar"
        case 1:
            return [by_subscript(db)]  # not a route handler by the foundation's rules
        case _:
            return [(r := await db.get(1))]  # error: XFA203:33


@router.get(path="/c")
async def keyword_path(*args, **kwargs) -> list:
    return [await parenthesised(*args, **kwargs)]  # error: XFA210:19 "parenthesised"
