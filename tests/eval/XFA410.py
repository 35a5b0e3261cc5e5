# select: XFA410
from typing import Annotated, Optional

from annotated_types import MaxLen
from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, constr


class CommentCreate(BaseModel):
    body: str  # error: XFA410:5 "body"
    title: Optional[str] = None  # error: XFA410:5
    subtitle: str | None = Field(None, min_length=1)  # error: XFA410:5
    tag: Annotated[str, Field(min_length=1)]  # error: XFA410:5


class UserUpdate(BaseModel):
    bio: str = ""  # error: XFA410:5


class SearchRequest(BaseModel):
    query: str  # error: XFA410:5


class UserIn(BaseModel):
    nickname: str  # error: XFA410:5


# near misses


class PostCreate(BaseModel):
    title: str = Field(max_length=200)
    body: Annotated[str, StringConstraints(max_length=5000)]
    slug: constr(max_length=80)
    summary: Annotated[str, MaxLen(300)]
    email: EmailStr
    views: int = 0
    extra: str = Field(**{"max_length": 10})


class BoundedCreate(BaseModel):
    model_config = ConfigDict(str_max_length=1000)

    note: str


class UserResponse(BaseModel):
    bio: str


class Login(BaseModel):
    password: str


class ProfileUpdate(UserResponse):
    """Inherited fields are reported where they are declared."""


class NotAModelCreate:
    name: str
