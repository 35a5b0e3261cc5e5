from app.validation import root_validator
from pydantic import BaseModel


def validator(*fields):  # a project's own decorator of the same name
    return lambda fn: fn


class NotPydantic:
    @validator("x")
    def check(self, value):
        return value


class Model(BaseModel):
    @root_validator
    def whole(cls, values):
        return values


def decorated_by_anything():
    @(lambda fn: fn)
    def inner():
        return None

    @validators["x"]
    def other():
        return None
