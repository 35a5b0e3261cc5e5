from typing import Any

import pydantic

IS_PYDANTIC_V2 = pydantic.VERSION.startswith("2.")


class UniversalModel(pydantic.BaseModel):
    if IS_PYDANTIC_V2:

        @pydantic.model_validator(mode="before")
        @classmethod
        def coerce(cls, data: Any) -> Any:
            return data

    else:

        @pydantic.root_validator(pre=True)
        def coerce(cls, values: Any) -> Any:  # the v1 side of a compatibility layer
            return values


class Plain(pydantic.BaseModel):
    name: str

    @pydantic.validator("name")  # error: XFA403:6 "validator"
    def strip(cls, value: str) -> str:
        return value.strip()
