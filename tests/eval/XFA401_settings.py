# options: fastapi-schema-modules=app.core.settings
# Settings classes whose base is imported: the message must say SettingsConfigDict.
from app.core.settings.base import BaseAppSettings


class DevAppSettings(BaseAppSettings):
    debug: bool = True

    class Config:  # error: XFA401:5
        env_file = ".env"


class AppSettings(BaseAppSettings):
    class Config:  # error: XFA401:5
        validate_assignment = True
