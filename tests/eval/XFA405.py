from fastapi import HTTPException, status
from fastapi.exceptions import HTTPException as FastAPIHTTPException
from pydantic import BaseModel, field_validator, model_validator, validator
from starlette.exceptions import HTTPException as StarletteHTTPException


class Transfer(BaseModel):
    amount_cents: int
    currency: str

    @field_validator("amount_cents")
    @classmethod
    def positive(cls, value: int) -> int:
        if value <= 0:
            raise HTTPException(status_code=400, detail="amount must be positive")  # error: XFA405:13 "positive"
        return value

    @field_validator("currency")
    @classmethod
    def known(cls, value: str) -> str:
        if value not in ("EUR", "USD"):
            raise FastAPIHTTPException(status.HTTP_400_BAD_REQUEST)  # error: XFA405:13
        return value

    @model_validator(mode="after")
    def consistent(self):
        if not self.currency:
            raise StarletteHTTPException(status_code=400)  # error: XFA405:13
        return self

    @validator("currency")
    def legacy(cls, value):
        raise HTTPException  # error: XFA405:9


class NearMisses(BaseModel):
    name: str

    @field_validator("name")
    @classmethod
    def fine(cls, value: str) -> str:
        if not value:
            raise ValueError("name is required")

        def helper():
            raise HTTPException(status_code=400)

        return value

    def ordinary_method(self):
        raise HTTPException(status_code=409)

    @field_validator("name")
    @classmethod
    def reraise(cls, value: str) -> str:
        try:
            return value.strip()
        except AttributeError:
            raise
