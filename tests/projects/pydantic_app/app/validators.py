from pydantic import BaseModel

from app.core import compat
from app.core.compat import v1_validator, validator


class Signup(BaseModel):
    name: str
    email: str

    @validator("name")  # error: XFA403:6
    def strip_name(cls, value: str) -> str:
        return value.strip()

    @compat.root_validator(pre=True)  # error: XFA403:6
    def check(cls, values: dict) -> dict:
        return values

    @compat.validator("email")  # error: XFA403:6
    def lower_email(cls, value: str) -> str:
        return value.lower()


class V1Signup(compat.V1BaseModel):
    name: str

    @v1_validator("name")
    def strip_name(cls, value: str) -> str:
        return value.strip()
