# path: app/models/compat.py
# pydantic.v1 where it exists (Pydantic 2), pydantic itself otherwise (Pydantic 1): the
# models are v1 models wherever this runs, on purpose
try:
    import pydantic.v1 as pyd
    from pydantic.v1 import BaseModel, root_validator, validator
except ImportError:
    import pydantic as pyd
    from pydantic import BaseModel, root_validator, validator


class Old(BaseModel):
    name: str

    class Config:
        orm_mode = True

    @validator("name")
    def strip(cls, value: str) -> str:
        return value.strip()

    @root_validator
    def check(cls, values):
        return values

    def payload(self) -> dict:
        return self.dict()


class Qualified(pyd.BaseModel):
    class Config:
        orm_mode = True


def use(old: Old, raw: dict) -> dict:
    Old.parse_obj(raw)
    Qualified.parse_obj(raw)
    return old.dict()
