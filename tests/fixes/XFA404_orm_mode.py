# path: app/schemas/user.py
from pydantic import BaseModel, ConfigDict


class User(BaseModel):
    model_config = ConfigDict(orm_mode=True)


class Item(BaseModel):
    model_config = {"orm_mode": True}
