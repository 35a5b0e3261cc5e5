# path: app/schemas/user.py
from pydantic import BaseModel, validator


class User(BaseModel):
    name: str
    tags: list[str]

    @validator("name", pre=True, allow_reuse=True)
    def strip_name(cls, v):
        return v.strip()

    @validator("name")
    @classmethod
    def not_empty(cls, v):
        return v or "anonymous"

    @validator("tags", each_item=True)
    def lower(cls, v):
        return v.lower()

    @validator("tags")
    def uses_values(cls, v, values):
        return v
