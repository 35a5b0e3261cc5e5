from typing import Any, Type, TypeVar

import pydantic
from pydantic import BaseModel

from app.compat import PYDANTIC_V2

IS_PYDANTIC_V2 = pydantic.VERSION.startswith("2.")

Model = TypeVar("Model", bound=BaseModel)


class Item(BaseModel):
    name: str


def rebuild(model: Type[Model], **localns: Any) -> None:
    if IS_PYDANTIC_V2:
        model.model_rebuild(raise_errors=False)
    else:
        model.update_forward_refs(**localns)  # the v1 side of a compatibility layer


def dump(item: Item) -> dict:
    if not PYDANTIC_V2:
        return item.dict()
    return item.model_dump()


def dump_inline(item: Item) -> dict:
    return item.model_dump() if PYDANTIC_V2 else item.dict()


def dump_by_version(item: Item) -> dict:
    if pydantic.VERSION < "2":
        return item.dict()
    return item.model_dump()


def dump_duck(item: Item) -> dict:
    if hasattr(item, "model_dump"):
        return item.model_dump()
    return item.dict()


# still flagged: a check that says nothing of the Pydantic version, or does not return


def dump_duck_no_return(item: Item) -> dict:
    if hasattr(item, "model_dump"):
        print("v2")
    return item.dict()  # error: XFA402:12 "item"


def dump_when(item: Item, verbose: bool) -> dict:
    if verbose:
        return item.dict()  # error: XFA402:16 "item"
    return {}
