# path: app/crud/crud_user.py
from fastapi.encoders import jsonable_encoder  # error: XFA202:1 "fastapi.encoders"
