from app.core.settings_base import ProjectSettings


class Settings(ProjectSettings):
    database_url: str = "sqlite://"

    class Config:  # error: XFA401:5
        env_prefix = "APP_"


settings = Settings()
