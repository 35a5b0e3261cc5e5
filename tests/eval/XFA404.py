from pydantic import BaseModel, ConfigDict
from pydantic import ConfigDict as CD
from pydantic.v1 import BaseModel as V1Model
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.orm import DeclarativeBase


class InConfigClass(BaseModel):
    class Config:
        orm_mode = True  # error: XFA404:9


class InConfigDict(BaseModel):
    model_config = ConfigDict(orm_mode=True, extra="forbid")  # error: XFA404:31


class InAliasedConfigDict(BaseModel):
    model_config = CD(title="x", orm_mode=True)  # error: XFA404:34


class InSettings(BaseSettings):
    model_config = SettingsConfigDict(orm_mode=True)  # error: XFA404:39


class InDict(BaseModel):
    model_config = {"orm_mode": True, "extra": "forbid"}  # error: XFA404:21


OUTSIDE = ConfigDict(orm_mode=True)  # error: XFA404:22


# near misses


class Disabled(BaseModel):
    model_config = ConfigDict(orm_mode=False)

    class Config:
        orm_mode = False


class Modern(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class OnPurposeV1(V1Model):
    class Config:
        orm_mode = True


class Base(DeclarativeBase):
    pass


class Orm(Base):
    class Config:
        orm_mode = True


def unrelated(**options):
    return dict(orm_mode=True, **options)
