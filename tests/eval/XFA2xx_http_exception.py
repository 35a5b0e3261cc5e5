# path: app/services/user_service.py
# select: XFA202
# The raise is reported (XFA201); the import that only brings in HTTPException is not
# reported a second time (XFA202). Another framework import still is.
from fastapi import HTTPException
from fastapi import status  # error: XFA202:1 "fastapi"


async def get_user(repo, user_id: int):
    user = await repo.get(user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)  # error: XFA201:9 "HTTPException"
    return user
