# path: app/repositories/user_repository.py
from fastapi import Depends  # error: XFA202:1 "fastapi"
from sqlalchemy.ext.asyncio import AsyncSession


class UserRepository:
    def __init__(self, session: AsyncSession = Depends()):
        self.session = session
