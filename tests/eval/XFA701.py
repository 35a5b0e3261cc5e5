import os

import pytest
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings

SECRET_KEY = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"  # error: XFA701:14
JWT_SECRET: str = "changeme"  # error: XFA701:19
api_key = "sk-live-abc123"  # error: XFA701:11
DATABASE_URL = "postgresql://app:hunter2@db:5432/app"  # error: XFA701:16
REDIS = "redis://:s3cr3t@cache:6379/0"  # error: XFA701:9
ESCAPED = "postgresql://app:p%40ss@db/app"  # error: XFA701:11
private_key = "-----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC7Zq\n-----END PRIVATE KEY-----"  # error: XFA701:15
PEM_MARKER_KEY = "-----BEGIN PRIVATE KEY-----"


class Client:
    def __init__(self) -> None:
        self.access_token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.Zq7LpX9mW2vT4kR8"  # error: XFA701:29
        self.refresh_token = "abc.def.ghi"


def connect(host: str, password: str = "admin") -> None:  # error: XFA701:40
    login(user="root", password="root")  # error: XFA701:33
    call(url="mysql://u:pw@h/db")  # error: XFA701:14


def near_misses() -> None:
    empty_password = ""
    placeholder_token = "..."
    masked_secret = "****"
    xs_secret = "xxxxxxxx"
    secret = os.getenv("SECRET", "dev-secret")
    token = os.environ.get("TOKEN", "x")
    db_url = os.getenv("DATABASE_URL", "postgresql://app:hunter2@db/app")
    password_help = "Enter your password"
    token_type = "bearer"
    token_url = "/auth/token"
    password_min_length = "8"
    template = "postgresql://{user}:{password}@db/app"
    env_template = "postgresql://app:${DB_PASSWORD}@db/app"
    no_password = "postgresql://app:@db/app"
    no_user = "https://example.com/@user"
    env_name_token = "GITHUB_TOKEN"
    password_field = "new_password"
    header = "X-API-Key"
    api_key_from_field = Field(default="abc")
    form_password = Field(..., min_length=8)
    fstring_token = f"{os.environ['X']}-suffix"
    hashed = "postgresql://app:hunter2@db/app".upper()  # error: XFA701:14


def documented() -> None:
    """Connect with postgresql://app:hunter2@db/app."""


class Settings(BaseSettings):
    SECRET_KEY: str = "dev-secret"
    DATABASE_URL: str = "postgresql://app:hunter2@db/app"


class AppSettings(Settings):
    API_KEY: str = "dev"


class ExampleSchema(BaseModel):
    password: str = "hunter22"  # error: XFA701:21


@pytest.fixture
def user_password() -> str:
    password = "fixture-pass"
    return password


class SecuritySchemeType(Enum):  # noqa: F821
    apiKey = "apiKey"
    oauth2 = "oauth2"


DOCS_JWT_SECRET = "test"
DOCS_ENCRYPTION_KEY = "baz"
APP_SECRET = "secret"  # error: XFA701:14
DEFAULT_PASSWORD = "password"  # error: XFA701:20
password = "password"
OAUTH_TOKEN_FIELD = "access_token"
token = "access_token"
