# select: XFA409
from pydantic import BaseModel, ConfigDict
from pydantic_settings import BaseSettings, SettingsConfigDict


class Item(BaseModel):
    model_config = {"from_attributes": True}  # error: XFA409:20


class Settings(BaseSettings):
    model_config = {"env_file": ".env"}  # error: XFA409:20


# near misses


class Typed(BaseModel):
    model_config: ConfigDict = {"from_attributes": True}


class Called(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class SettingsCalled(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")


class NotAModel:
    model_config = {"anything": 1}


model_config = {"module": "level"}
