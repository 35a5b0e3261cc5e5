# path: app/schemas/user.py
from pydantic import BaseModel, ConfigDict


class User(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Item(BaseModel):
    model_config = {"from_attributes": True}
