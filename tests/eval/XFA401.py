# options: fastapi-schema-modules=app.schemas
import dataclasses

import pydantic
from pydantic import BaseModel, Extra
from pydantic.v1 import BaseModel as V1Model
from pydantic_settings import BaseSettings
from sqlalchemy.orm import DeclarativeBase
from sqlmodel import SQLModel

from app.schemas import UserBase
from app.schemas.items import ItemBase
from app.other import Unknown

from .schemas.orders import OrderBase


class Plain(BaseModel):
    name: str

    class Config:  # error: XFA401:5
        orm_mode = True
        allow_population_by_field_name = True


class Child(Plain):
    class Config:  # error: XFA401:5
        allow_mutation = False
        extra = Extra.forbid
        fields = {"name": {"alias": "n"}}


class WithMethod(BaseModel):
    class Config:  # error: XFA401:5 "alias_generator=<the alias_generator function>"
        use_enum_values = True

        @classmethod
        def alias_generator(cls, name: str) -> str:
            return name.upper()


class Ordered(SQLModel, table=True):
    class Config:  # error: XFA401:5 "ConfigDict(frozen=True); sort_order is not a Pydantic setting"
        allow_mutation = False
        sort_order = ["name"]


class Qualified(pydantic.BaseModel):
    class Config:  # error: XFA401:5
        pass


class Settings(BaseSettings):
    class Config:  # error: XFA401:5
        env_file = ".env"


class Table(SQLModel, table=True):
    class Config:  # error: XFA401:5
        arbitrary_types_allowed = True


class FromSchemaModule(UserBase):
    class Config:  # error: XFA401:5
        anystr_strip_whitespace = True


class FromSchemaPackage(ItemBase):
    class Config:  # error: XFA401:5
        schema_extra = {"example": {}}


class FromRelativeImport(OrderBase):
    class Config:  # error: XFA401:5
        min_anystr_length = 1


def build():
    class Local(BaseModel):
        class Config:  # error: XFA401:9
            validate_all = True

    return Local


# near misses: not Pydantic models here


class Base(DeclarativeBase):
    pass


class Orm(Base):
    class Config:
        orm_mode = True


@dataclasses.dataclass
class Data:
    class Config:
        frozen = True


class DjangoLike:
    class Meta:
        ordering = ["id"]

    class Config:
        verbose = True


class FromElsewhere(Unknown):
    class Config:
        orm_mode = True


class OnPurposeV1(V1Model):
    class Config:
        orm_mode = True


class ChildOfV1(OnPurposeV1):
    class Config:
        extra = "forbid"


class ModernModel(BaseModel):
    model_config = pydantic.ConfigDict(from_attributes=True)
