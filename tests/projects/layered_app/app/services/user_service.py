from app.core import errors
from app.core.errors import MISSING, NOT_FOUND, DomainError, Forbidden

USERS = {1: "ada"}


def get_user(user_id: int) -> str:
    if user_id not in USERS:
        raise NOT_FOUND  # error: XFA201:9
    return USERS[user_id]


def check_admin(user_id: int) -> None:
    if user_id != 1:
        raise Forbidden()  # error: XFA201:9


def get_other(user_id: int) -> str:
    if user_id < 0:
        raise errors.NOT_FOUND  # error: XFA201:9
    if user_id == 0:
        raise MISSING  # a domain exception instance
    if user_id > 100:
        raise DomainError("too large")
    return USERS.get(user_id, "")
