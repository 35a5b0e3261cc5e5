# path: app/schemas/user.py
from pydantic import BaseModel, Extra
from pydantic_settings import BaseSettings


class User(BaseModel):
    name: str

    class Config:
        allow_population_by_field_name = True
        extra = Extra.forbid


class Item(BaseModel):
    title: str

    class Config:
        # rows from the ORM
        anystr_strip_whitespace = True  # trim
        allow_mutation = False


class Settings(BaseSettings):
    database_url: str

    class Config:
        env_file = ".env"


class Legacy(BaseModel):
    class Config:
        underscore_attrs_are_private = True
