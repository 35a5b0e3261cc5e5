# path: src/auth/service.py
from fastapi import HTTPException


async def login(user):
    if user is None:
        raise HTTPException(status_code=401)  # error: XFA201:9 "HTTPException"
