# path: app/schemas/user.py
from pydantic import BaseModel, ConfigDict, Extra
from pydantic_settings import BaseSettings, SettingsConfigDict


class User(BaseModel):
    name: str

    model_config = ConfigDict(populate_by_name=True, extra="forbid")


class Item(BaseModel):
    title: str

    model_config = ConfigDict(
        # rows from the ORM
        str_strip_whitespace=True,  # trim
        frozen=True,
    )


class Settings(BaseSettings):
    database_url: str

    model_config = SettingsConfigDict(env_file=".env")


class Legacy(BaseModel):
    class Config:
        underscore_attrs_are_private = True
