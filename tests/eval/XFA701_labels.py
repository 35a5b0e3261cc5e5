# Values under a secret's name are judged by what they are: a label, a name, an identifier
# or a public key is not a secret someone holds; weak defaults and key-like strings are.
from pydantic import BaseModel, Field

from app.auth import ServiceIdentity, TokenExchange, connect

# names and labels of a credential (the name says so, or the value is shaped like a label)
COOKIE_NAME_JWT_TOKEN = "_token"
RESOURCE_PASSWORD = "Passwords"
HEADER_API_KEY = "Api-Key-Header"
SCIM_RESOURCE_SECRET = "Secrets"
REFRESH_TOKEN = "RefreshToken"
PREFIX_TOKEN = "tok_"
service = ServiceIdentity(token="ui-token", api_key="failed-to-connect-to-db")
internal = ServiceIdentity(token="internal_service_token", secret="shared.signing.v2")
SUBJECT_TOKEN = "urn:ietf:params:oauth:token-type:access_token"
exchange = TokenExchange(requested_token="urn:ietf:params:oauth:token-type:jwt")
POSTHOG_API_KEY = "phc_Zq7LpX9mW2vT4kR8nB3yH6jF1dS5aKcE0uRtWx4Pq"
STRIPE_PUBLISHABLE_KEY = "pk_live_51HfGx2LkE9aQwT7pR4vN8mZ"
analytics_token = "pk_test_51HfGx2LkE9aQwT7pR4vN8mZ"
PRODUCT_PASSWORD = "acmecloud"


def create_default_connections() -> None:
    connect(conn_id="metadata", password="acmecloud")
    connect(conn_id="cache", password="root")


class Connection(BaseModel):
    url: str = Field(..., examples=["postgres://postgres:postgres@localhost:5432/app"])

    model_config = {
        "json_schema_extra": {"example": {"url": "postgresql://app:app@localhost/app", "password": "s3cr3t!"}}
    }


class LegacyConnection(BaseModel):
    url: str

    class Config:
        schema_extra = {"example": {"url": "postgres://postgres:postgres@localhost/app"}}


# still reported: secrets someone holds
APP_SECRET_KEY = "supersecretvalue"  # error: XFA701:18
ADMIN_PASSWORD = "admin"  # error: XFA701:18
JWT_SECRET = "change-me"  # error: XFA701:14
API_TOKEN = "Xk9#pLq2"  # error: XFA701:13
service_token = ServiceIdentity(token="u-38fj2kd9")  # error: XFA701:39
DATABASE_URL = "postgres://postgres:postgres@localhost/app"  # error: XFA701:16
NOTIFY_KEY = "sk_live_51HfGx2LkE9aQwT7pR4vN8mZ"  # error: XFA701:14


def load_users() -> None:
    connect(conn_id="metadata", password="acme-2024!")  # error: XFA701:42


class Payload(BaseModel):
    url: str = "postgres://postgres:postgres@localhost/app"  # error: XFA701:16
