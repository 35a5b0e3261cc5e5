# select: XFA406, XFA408, XFA409, XFA410
# Odd syntax around the XFA4xx patterns: nothing may crash, findings stay exact.
from datetime import datetime

from pydantic import BaseModel, ConfigDict, field_validator


class Generic(BaseModel):
    value: int
    model_config = ConfigDict(**{"orm_mode": True})

    class Config:  # error: XFA401:5
        orm_mode: bool = True
        x, y = 1, 2
        (z) = 3


class Weird(BaseModel, metaclass=type):
    items: list[int]
    (email): str  # parenthesized: not an annotation Pydantic sees
    price: "float"  # error: XFA408:5 "price"

    @field_validator(*["items"])
    @classmethod
    def check(cls, value):
        match value:
            case [first, *rest]:
                return [first, *rest]
            case _:
                return value


def handler(user: Weird, *args, **kwargs):
    if (created := Weird(items=[])) is not None:
        created.dict()  # error: XFA402:9 "created"
    user.dict(*args, **kwargs)  # error: XFA402:5
    try:
        pass
    except* ValueError:
        datetime.now(*args)
    datetime.now(**kwargs)
    (lambda: user.dict())()
    [u.dict() for u in [user]]
    return datetime.utcnow  # not called


@(lambda fn: fn)
class Decorated(BaseModel):
    class Config:  # error: XFA401:5
        pass
