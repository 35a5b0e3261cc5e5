# path: app/services/users.py
from app.schemas import User
from pydantic import BaseModel


class Out(BaseModel):
    name: str


def convert(row, payload: dict, raw: bytes, user: User) -> dict:
    a = Out.from_orm(row)
    b = Out.parse_obj(payload)
    c = Out.parse_raw(raw)
    d = a.copy(update={"name": "x"})
    schema = Out.schema()
    text = Out.schema_json(indent=2)
    Out.update_forward_refs()
    return b.dict(exclude_unset=True) | {"c": c.json()}
