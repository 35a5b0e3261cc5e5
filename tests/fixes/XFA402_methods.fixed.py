# path: app/services/users.py
import json

from app.schemas import User
from pydantic import BaseModel


class Out(BaseModel):
    name: str


def convert(row, payload: dict, raw: bytes, user: User) -> dict:
    a = Out.model_validate(row, from_attributes=True)
    b = Out.model_validate(payload)
    c = Out.model_validate_json(raw)
    d = a.model_copy(update={"name": "x"})
    schema = Out.model_json_schema()
    text = json.dumps(Out.model_json_schema(), indent=2)
    Out.model_rebuild()
    return b.model_dump(exclude_unset=True) | {"c": c.model_dump_json()}
