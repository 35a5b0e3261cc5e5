# path: app/main.py
from pydantic import BaseModel


class Item(BaseModel):
    name: str


def slugify(value: str) -> str:
    return value.lower()
