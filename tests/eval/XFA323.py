# path: app/routes/items.py
# select: XFA323
from typing import Annotated, ClassVar, Optional, Protocol, overload

import fastapi
import pydantic
from fastapi import Body, Cookie, File, Form, Header, Path, Query
from fastapi.params import Query as ParamsQuery
from pydantic import BaseModel, Field
from sqlmodel import Field as SQLField, SQLModel

router = fastapi.APIRouter()


@router.get("/items/{item_id}")
async def read_item(
    item_id: int = Path(..., ge=1),  # error: XFA323:25 "Path(..."
    q: str = Query(...),  # error: XFA323:20
    token: Annotated[str, Header(...)] = "",  # error: XFA323:34
    session: Annotated[str, Cookie(default=...)] = "",  # error: XFA323:44
    body: dict = Body(..., embed=True),  # error: XFA323:23
    name: str = Form(...),  # error: XFA323:22
    data: bytes = File(...),  # error: XFA323:24
    other: str = fastapi.Query(...),  # error: XFA323:32
    params: str = ParamsQuery(...),  # error: XFA323:31
) -> None: ...


class ItemCreate(BaseModel):
    name: str = Field(..., max_length=50)  # error: XFA323:23
    price: float = ...  # error: XFA323:20
    note: Optional[str] = ...  # error: XFA323:27
    size: int = pydantic.Field(default=..., gt=0)  # error: XFA323:40
    kind: ClassVar[str] = ...


class ItemUpdate(ItemCreate):
    tag: str = ...  # error: XFA323:16


class Hero(SQLModel, table=True):
    name: str = SQLField(...)  # error: XFA323:26


# -- not flagged


@router.get("/ok")
async def fine(q: Annotated[str, Query(min_length=3)], p: int = Query(5)) -> None: ...


class Plain:
    x: int = ...


class Reader(Protocol):
    limit: int = ...

    def read(self, q: str = Query(...)) -> str: ...


@overload
def parse(q: str = Query(...)) -> str: ...
@overload
def parse(q: int = Query(...)) -> int: ...
def parse(q=None):
    return q


def stub() -> None: ...


class Local:
    def Query(self, x):
        return x

    def use(self) -> None:
        self.Query(...)
