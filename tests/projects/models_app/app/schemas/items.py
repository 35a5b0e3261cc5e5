from app.schemas.base import AppBase


class ItemWithId(AppBase):
    id: int
    name: str


class ItemUpdate(AppBase):
    name: str | None = None
    price: int = 0


class ItemRename(AppBase):
    name: str
    slug: str


class ItemPatch(AppBase):
    name: str | None = None
    note: str | None = None
