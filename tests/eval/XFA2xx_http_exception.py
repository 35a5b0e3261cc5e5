# path: app/services/user_service.py
# select: XFA201, XFA202
# The raise is reported (XFA201); the import that only brings in HTTPException is not
# reported a second time (XFA202), nor is one whose names appear only in that raise.
# Another framework import still is.
from fastapi import HTTPException
from fastapi import status
from fastapi import Request  # error: XFA202:1 "fastapi"


async def get_user(repo, user_id: int, request: Request):
    user = await repo.get(user_id, request.client)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)  # error: XFA201:9 "HTTPException"
    return user
