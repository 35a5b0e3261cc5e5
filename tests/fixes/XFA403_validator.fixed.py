# path: app/schemas/user.py
from pydantic import BaseModel, field_validator, validator


class User(BaseModel):
    name: str
    tags: list[str]

    @field_validator("name", mode="before")
    @classmethod
    def strip_name(cls, v):
        return v.strip()

    @field_validator("name")
    @classmethod
    def not_empty(cls, v):
        return v or "anonymous"

    @validator("tags", each_item=True)
    def lower(cls, v):
        return v.lower()

    @validator("tags")
    def uses_values(cls, v, values):
        return v
