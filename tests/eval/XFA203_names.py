# path: app/api/v1/endpoints/users.py
# `delete` and `select` here are the project's own functions, not SQLAlchemy's.
from fastapi import APIRouter, Request
from sqlmodel import Session, select as sm_select

from app.services.user_service import delete, select

router = APIRouter()


@router.delete("/users/{user_id}")
async def delete_user(user_id: int, request: Request):
    await delete(user_id)
    request.session.get("user")  # the HTTP session, not a database session
    return select(user_id)


@router.get("/users")
def read_users(session: Session):
    return session.exec(sm_select(User)).all()  # error: XFA203:12 "session.exec"


@router.get("/cache")
def read_cache(session: dict):
    return session.get("x")  # annotated as something else
