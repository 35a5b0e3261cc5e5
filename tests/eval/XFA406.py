# select: XFA406
import pydantic
from pydantic import BaseModel, field_validator, model_validator


class Tag(BaseModel):
    label: str
    slug: str

    @field_validator("label")
    def lower(cls, value: str) -> str:  # error: XFA406:5 "lower"
        return value.lower()

    @pydantic.field_validator("slug", mode="before")
    def slugify(cls, value):  # error: XFA406:5
        return value

    @field_validator("slug")
    @classmethod
    def fine(cls, value: str) -> str:
        return value

    @classmethod
    @field_validator("label")
    def order_reversed(cls, value: str) -> str:
        return value

    @model_validator(mode="after")
    def whole(self):
        return self
