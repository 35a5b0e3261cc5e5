# path: app/core/settings/test.py
from pydantic import SecretStr

from app.core.settings.app import AppSettings


class TestAppSettings(AppSettings):
    secret_key: SecretStr = SecretStr("test_secret")


class CiAppSettings(AppSettings):
    secret_key: SecretStr = SecretStr("test_secret")
