# path: src/auth/router.py
from fastapi import HTTPException


async def handler(user):
    if user is None:
        raise HTTPException(status_code=404, detail="not found")
