# path: app/services/receivers.py
from typing import Optional, Type, TypeVar

from pydantic import BaseModel
from pydantic.v1 import BaseModel as V1Model
from sqlalchemy.orm import DeclarativeBase
from sqlmodel import SQLModel

ModelT = TypeVar("ModelT", bound=BaseModel)
QuotedT = TypeVar("QuotedT", bound="Item")
AnyT = TypeVar("AnyT")
OrmT = TypeVar("OrmT", bound="Row")


class Item(BaseModel):
    name: str


class Base(DeclarativeBase):
    pass


class Row(Base):
    def dict(self):
        return {"id": 1}


class DictMixin:
    def dict(self):
        return {}


class Mixed(DictMixin, BaseModel):
    name: str


class Hero(SQLModel, table=True):
    id: int


class Legacy(V1Model):
    name: str


class OrmAndModel(Base, BaseModel):
    pass


def typevars(item: ModelT, quoted: QuotedT, other: AnyT, row: OrmT) -> None:
    item.dict()  # error: XFA402:5 "item"
    quoted.json()  # error: XFA402:5
    other.dict()
    row.dict()


def annotations(item: "Item", maybe: "Optional[Item]", union: Item | None, rows: list[Item]) -> None:
    item.dict()  # error: XFA402:5
    maybe.json()  # error: XFA402:5
    union.copy(update={})  # error: XFA402:5
    rows.copy()
    local: Item = build()
    local.dict()  # error: XFA402:5


def class_receivers(model: Type[Item], kind: type[ModelT], legacy: type[Legacy], data: dict) -> None:
    model.parse_obj(data)  # error: XFA402:5
    kind.parse_obj(data)  # error: XFA402:5
    legacy.parse_obj(data)
    BaseModel.parse_obj(data)
    Item.dict(data)


class Service(Item):
    @classmethod
    def load(cls, data: dict) -> "Service":
        return cls.parse_obj(data)  # error: XFA402:16

    def dump(self) -> dict:
        return self.dict()  # error: XFA402:16

    @staticmethod
    def helper(self):
        return self.dict()

    def cls_is_not_the_class(cls):
        return cls.parse_obj({})


def near_misses(row: Row, mixed: Mixed, hero: Hero, legacy: Legacy, both: OrmAndModel, items: list[Item]) -> None:
    row.dict()
    mixed.dict()
    mixed.json()  # error: XFA402:5
    hero.dict()  # error: XFA402:5
    legacy.dict()
    both.dict()
    item = Item(name="x")
    print([item.dict() for item in [{"a": 1}]])
    print({item.copy() for item in items})
    item.dict()  # error: XFA402:5


def closures(item: Item):
    def inner():
        return item.dict()

    return inner, lambda: item.dict()


def rebinding(item: Item):
    item = item.dict()  # error: XFA402:12
    item.copy()
    fresh = Item(name="y")
    fresh = fresh.copy()  # error: XFA402:13
    fresh.copy()
    value: dict = Item(name="z").dict()  # error: XFA402:19
    value.copy()


def walrus(data: dict):
    if (made := Item.model_validate(data)) is not None:
        made.json()  # error: XFA402:9
    if (raw := data.get("x")) is not None:
        raw.json()


def build() -> Item:
    return Item(name="b")


async def abuild() -> Item:
    return Item(name="a")


async def returned_values():
    build().dict()  # error: XFA402:5
    got = await abuild()
    got.dict()  # error: XFA402:5
    abuild().dict()
    await build().dict()  # error: XFA402:11


at_module = Item(name="m")
at_module.dict()  # error: XFA402:1


def uses_the_module_instance():
    return at_module.json()  # error: XFA402:12
