# path: app/repositories/user_repository.py
from starlette.exceptions import HTTPException


class UserRepository:
    async def get(self, user_id):
        raise HTTPException(404)  # error: XFA201:9 "HTTPException"
