# path: app/crud/crud_user.py
from fastapi import HTTPException


def get_user(db, user_id):
    user = db.get(user_id)
    if user is None:
        raise HTTPException(status_code=404)  # error: XFA201:9 "HTTPException"
    return user
