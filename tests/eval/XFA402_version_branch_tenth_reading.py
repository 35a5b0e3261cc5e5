# tenth precision reading: two compatibility layers the version-branch test did not know
# (DB-GPT: the major version read into a local, through the project's re-export of
# pydantic; prefect: a predicate saying which Pydantic a model instance belongs to)
from typing import Any

import orjson
from pydantic import BaseModel

from app._private import pydantic
from app.compat import is_v2_model


class Item(BaseModel):
    name: str


def describe(model_cls: type[Item]) -> dict:
    version = int(pydantic.VERSION.split(".")[0])
    return model_cls.model_json_schema() if version >= 2 else model_cls.schema()


def to_json_safe(model_instance: Item) -> Any:
    if is_v2_model(model_instance):
        return orjson.loads(model_instance.model_dump_json())
    else:
        return orjson.loads(model_instance.json())


# still reported: a local that is not a Pydantic version, a predicate about something else


def describe_by_size(model_cls: type[Item]) -> dict:
    size = len(model_cls.model_fields)
    return model_cls.model_json_schema() if size >= 2 else model_cls.schema()  # error: XFA402:60


def to_json_if_valid(model_instance: Item) -> Any:
    if is_valid_model(model_instance):
        return orjson.loads(model_instance.json())  # error: XFA402:29
    return None


def is_valid_model(value: object) -> bool:
    return isinstance(value, Item)
