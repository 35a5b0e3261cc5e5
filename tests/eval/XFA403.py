import pydantic
from pydantic import BaseModel, field_validator, model_validator, root_validator, validator
from pydantic import validator as check
from pydantic.v1 import root_validator as v1_root_validator
from pydantic.v1 import validator as v1_validator


class SignUp(BaseModel):
    username: str
    password: str

    @validator("username")  # error: XFA403:6 "validator"
    def strip(cls, value):
        return value.strip()

    @validator("password", pre=True, always=True)  # error: XFA403:6
    def length(cls, value):
        return value

    @root_validator  # error: XFA403:6
    def whole(cls, values):
        return values

    @root_validator(pre=True)  # error: XFA403:6
    def before(cls, values):
        return values

    @pydantic.validator("username")  # error: XFA403:6
    def qualified(cls, value):
        return value

    @check("username")  # error: XFA403:6
    def aliased(cls, value):
        return value


class Modern(BaseModel):
    name: str

    @field_validator("name")
    @classmethod
    def strip(cls, value: str) -> str:
        return value.strip()

    @model_validator(mode="after")
    def whole(self):
        return self


class OnPurposeV1:
    @v1_validator("name")
    def strip(cls, value):
        return value

    @v1_root_validator
    def whole(cls, values):
        return values
