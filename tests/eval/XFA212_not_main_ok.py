# path: app/services/items.py
# select: XFA212
from pydantic import BaseModel


class Item(BaseModel):
    name: str


def slugify(value: str) -> str:
    return value.lower()
