from pydantic import BaseModel, field_validator


class HTTPException(Exception):
    """The project's own exception, not FastAPI's."""


class Model(BaseModel):
    name: str

    @field_validator("name")
    @classmethod
    def check(cls, value: str) -> str:
        if not value:
            raise HTTPException("empty")
        raise errors[0]
