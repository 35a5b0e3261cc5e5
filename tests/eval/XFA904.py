# select: XFA904
# path: app/services/user_service.py
async def get_user(db, user_id: int):  # error: XFA904:1 "get_user"
    ...


def no_return(user_id: int):  # error: XFA904:1
    ...


def star(*args, **kwargs) -> None:  # error: XFA904:1
    ...


class UserService:
    def __init__(self, db) -> None:  # error: XFA904:5
        self.db = db

    def method(self, user_id: int) -> int:
        return user_id

    @classmethod
    def build(cls) -> "UserService":
        return cls(None)

    def __init_ok__(self) -> None:
        ...


class Repo:
    def __init__(self, db: object):
        self.db = db
        self.key = lambda x: x


def full(db: object, user_id: int) -> None:
    ...
