# path: app/schemas/accounts.py
import re
from typing import Annotated, Optional

from pydantic import AfterValidator, BaseModel, Field, field_validator, validator
from sqlmodel import SQLModel

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


def check_email(value: str) -> str:
    if not EMAIL.match(value):
        raise ValueError("invalid email")
    return value


class EmailUpdate(BaseModel):
    email: str
    backup_email: str = Field(..., description="second address")
    billing_email: str  # error: XFA407:5 "billing_email"

    @field_validator("email", "backup_email")
    @classmethod
    def valid_address(cls, value: str) -> str:
        if not EMAIL.match(value):
            raise ValueError("invalid email")
        return value


class LegacyInvite(BaseModel):
    email: str

    @validator("email")
    def valid_address(cls, value):
        return check_email(value)


class CatchAll(BaseModel):
    email: str  # error: XFA407:5

    @field_validator("*")
    @classmethod
    def strip(cls, value):
        return value


class Contact(BaseModel):
    email: Annotated[str, AfterValidator(check_email)]
    other_email: Annotated[str, Field(max_length=200)]  # error: XFA407:5


class UserTable(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    email: Optional[str] = Field(default=None)


class UserCreate(SQLModel):
    email: str  # error: XFA407:5
