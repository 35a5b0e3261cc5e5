# options: fastapi-schema-modules=app.schemas
import json
from typing import Annotated, Optional

import httpx
import requests
from fastapi import Body
from pydantic import BaseModel
from pydantic.v1 import BaseModel as V1Model

from app import schemas
from app.other import Something
from app.schemas import UserOut


class User(BaseModel):
    name: str

    def payload(self) -> dict:
        return self.dict()  # error: XFA402:16 "self"

    @classmethod
    def build(cls, raw: str) -> "User":
        return cls.model_validate_json(raw)


class Custom(BaseModel):
    def dict(self, **kwargs):
        return super().model_dump(**kwargs)

    def export(self) -> dict:
        return self.dict()


class Legacy(V1Model):
    name: str

    def payload(self) -> dict:
        return self.dict()


def class_methods(data: dict, raw: str, orm_obj: object):
    User.parse_obj(data)  # error: XFA402:5
    User.parse_raw(raw)  # error: XFA402:5
    User.from_orm(orm_obj)  # error: XFA402:5
    User.schema()  # error: XFA402:5
    User.schema_json(indent=2)  # error: XFA402:5
    User.update_forward_refs()  # error: XFA402:5
    User.construct(name="x")  # error: XFA402:5
    UserOut.parse_obj(data)  # error: XFA402:5
    schemas.UserOut.from_orm(orm_obj)  # error: XFA402:5
    Legacy.parse_obj(data)
    Something.parse_obj(data)
    BaseModel.construct()


def instances(user: User, maybe: Optional[User], body: Annotated[User, Body()], out: UserOut):
    user.dict()  # error: XFA402:5
    user.json()  # error: XFA402:5
    user.copy(update={"name": "y"})  # error: XFA402:5
    maybe.dict(exclude_unset=True)  # error: XFA402:5
    body.json()  # error: XFA402:5
    out.dict()  # error: XFA402:5
    User(name="z").dict()  # error: XFA402:5


def assigned(data: dict):
    created = User(name="a")
    created.dict()  # error: XFA402:5
    validated = User.model_validate(data)
    payload = validated.json()  # error: XFA402:15
    return json.loads(payload)


def reassigned(user: User):
    user = user.dict()  # error: XFA402:12
    user.copy()
    other = User(name="b")
    other = {"name": "c"}
    other.copy()
    for user in [{"a": 1}]:
        user.copy()


def responses(url: str, client: httpx.Client, anything, data: dict, items: list):
    requests.get(url).json()
    response = httpx.get(url)
    response.json()
    client.get(url).json()
    anything.dict()
    anything.json()
    data.copy()
    items.copy()
    legacy = Legacy(name="x")
    legacy.dict()
    something = Something()
    something.dict()


def nested(user: User):
    def inner():
        return user.dict()

    return inner
