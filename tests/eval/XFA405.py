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


def built_in_model(name: str):
    return None


class CreateEmbeddingConfigRequest(BaseModel):
    """Eighth reading (Kiln): a lookup in a model validator answering 404 is returned as 404
    by FastAPI's handler; only the validation statuses (400, 422) are reported."""

    model_name: str
    dimensions: int = 0

    @model_validator(mode="after")
    def validate_properties(self):
        if built_in_model(self.model_name) is None:
            raise HTTPException(status_code=404, detail=f"Model {self.model_name} not found")
        if self.dimensions > 1024:
            raise HTTPException(status_code=422, detail="too many dimensions")  # error: XFA405:13 "validate_properties"
        return self

    @field_validator("model_name")
    @classmethod
    def allowed(cls, value: str) -> str:
        if value.startswith("private-"):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "not allowed")
        if not value:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "empty")  # error: XFA405:13
        return value

    @field_validator("dimensions")
    @classmethod
    def unknown_status(cls, value: int, code: int = 404) -> int:
        if value < 0:
            raise HTTPException(status_code=code)  # error: XFA405:13
        return value
