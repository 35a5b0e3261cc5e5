from pydantic_settings import BaseSettings


class ProjectSettings(BaseSettings):
    debug: bool = False
