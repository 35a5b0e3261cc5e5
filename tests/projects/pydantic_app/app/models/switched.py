"""Models on the compat module's BaseModel: v1 on purpose, whichever Pydantic is installed."""

from app.core.version_compat import BaseModel, Field, validator


class SpecBase(BaseModel):
    class Config:
        extra = "allow"
        orm_mode = True


class ModelSpec(SpecBase):
    name: str = Field(...)

    @validator("name", pre=True)
    def strip_name(cls, value: str) -> str:
        return value.strip()


def load_spec(data: dict) -> dict:
    spec = ModelSpec.parse_obj(data)
    copied = spec.copy()
    return copied.dict()


ModelSpec.update_forward_refs()
