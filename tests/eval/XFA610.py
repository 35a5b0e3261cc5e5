import os

import pydantic
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from starlette.config import Config

from app.core.base import BaseAppSettings

config = Config(".env")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", secret_key="ignored")
    SECRET_KEY: str = "changethis"  # error: XFA610:23 "SECRET_KEY"
    jwt_secret: SecretStr = SecretStr("dev-secret")  # error: XFA610:29
    db_password: str = Field(default="postgres")  # error: XFA610:24
    redis_password: str = Field("redis", description="password")  # error: XFA610:27
    DATABASE_URL: str = "postgresql://user:pw@localhost/app"  # error: XFA610:25
    sentry_dsn: str = Field(default=SecretStr("https://k@sentry.example/1"))  # error: XFA610:23
    stripe_api_key: str = os.getenv("STRIPE_API_KEY", "sk_test_123")  # error: XFA610:27
    ADMIN_PASSWORD: str = config("ADMIN_PASSWORD", default="admin")  # error: XFA610:27
    private_key = "-----BEGIN KEY-----"  # error: XFA610:19


class ChildSettings(Settings):
    refresh_token_secret: str = "x"  # error: XFA610:33


class V1Settings(pydantic.BaseSettings):
    access_token: str = "abc"  # error: XFA610:25


class AppSettings(BaseAppSettings):  # a project settings base from another module
    api_key: str = "abc"  # error: XFA610:20


# near misses
class CleanSettings(BaseSettings):
    secret_key: SecretStr
    database_url: str = Field(...)
    password: str | None = None
    token: str = ""
    api_key: SecretStr = Field(default=None)
    access_token_expire_minutes: int = 60
    token_url: str = "/auth/token"
    jwt_token_prefix: str = "Token"
    password_algorithm: str = "bcrypt"
    secret_name: str = "prod/app"
    dynamic_secret: str = os.urandom(16).hex()
    generated_token: str = Field(default_factory=lambda: "generated")
    templated_dsn: str = f"postgresql://{os.getpid()}"
    no_env_default: str = os.getenv("SECRET")


class NotSettings(pydantic.BaseModel):
    password: str = "not settings"


class TestSettings(Settings):
    SECRET_KEY: str = "test-secret"


class LocalSettings(Settings):
    SECRET_KEY: str = "local-secret"


class FileSettings(BaseSettings):
    secret_key_file: str = "/run/secrets/key"
    api_key_header: str = "X-API-Key"
    token_type: str = "bearer"
    jwt_secret_id: str = "kid-1"


class CookieSettings(BaseSettings):
    # corpus regressions: a cookie's name, and a private attribute (not read from the env)
    COOKIE_REFRESH_TOKEN_KEY: str = "fba_refresh_token"
    _DEFAULT_PASSWORD: str = "MyPassword"
    POSTGRES_PASSWORD: str = "mealie"  # error: XFA610:30


# seventh reading: keys that are public by design, shipped as the default
class TelemetrySettings(BaseSettings):
    POSTHOG_PROJECT_API_KEY: str = "phc_bVT2ugnZhMHRWqMvSRHPdeTjaPxQqT3QSsI3r5FlQR5"
    MCP_POSTHOG_PROJECT_API_KEY: str | None = "phc_m4epBbGS1Hf4NPRFNpR4WQ9Ob6yGy6SLbQckBxp3n0P"
    stripe_publishable_api_key: str = "pk_live_51H8example"
    SMTP_PASSWORD: str = "password"  # error: XFA610:26 "SMTP_PASSWORD"
