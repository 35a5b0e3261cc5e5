# select: XFA704
# An ID token the function itself just received from the identity provider's token endpoint
# may be read without checking its signature (OIDC Core 3.1.3.7); so may the result of a
# helper named or documented for returning unverified claims.  Tokens the client sends are
# still checked.
import httpx
import jwt
from fastapi import Request

from app.auth import oauth
from app.core.config import settings


async def sso_callback(code: str) -> dict:
    async with httpx.AsyncClient() as client:
        response = await client.post(settings.TOKEN_URL, data={"code": code, "grant_type": "authorization_code"})
    tokens = response.json()
    id_token = tokens["id_token"]
    return jwt.decode(id_token, options={"verify_signature": False})


async def sso_callback_inline(code: str) -> str:
    async with httpx.AsyncClient() as client:
        claims = jwt.decode(
            (await client.post(settings.TOKEN_URL, data={"code": code})).json().get("id_token"),
            options={"verify_signature": False},
        )
    return claims["email"]


async def authlib_callback(request: Request) -> dict:
    token = await oauth.provider.authorize_access_token(request)
    return jwt.decode(token["access_token"], options={"verify_signature": False})


def get_unverified_claims(token: str) -> dict:
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims


def peek_claims(token: str) -> dict:
    """Return the token's claims without verifying it. Not for authentication."""
    payload = jwt.decode(token, options={"verify_signature": False})
    if "sub" not in payload:
        return {}
    return payload


def decode_for_display(token: str) -> dict:
    """Unverified: shows the claims in the admin UI."""
    return jwt.decode(token, options={"verify_signature": False})


# still reported
async def trusts_the_browser(request: Request) -> str:
    body = await request.json()
    claims = jwt.decode(body["id_token"], options={"verify_signature": False})  # error: XFA704:14
    return claims["sub"]


async def id_token_parameter(id_token: str) -> str:
    return jwt.decode(id_token, options={"verify_signature": False})["sub"]  # error: XFA704:12


def read_claims(token: str) -> dict:
    """Read the claims of the user's token."""
    claims = jwt.decode(token, options={"verify_signature": False})  # error: XFA704:14
    return claims


def get_unverified_user(token: str, users: dict) -> dict:
    claims = jwt.decode(token, options={"verify_signature": False})  # error: XFA704:14
    return users[claims["sub"]] if claims else claims


def get_unverified_claims_twice(token: str) -> dict:
    claims = jwt.decode(token, options={"verify_signature": False})  # error: XFA704:14
    claims = {"sub": claims["sub"]}
    return claims


class ProviderClient:
    async def exchange(self, client: httpx.AsyncClient, code: str) -> dict:
        token_response = await send_checked(client.post(settings.TOKEN_URL, data={"code": code}), "token")  # noqa: F821
        token_content = RESPONSE_ADAPTER.validate_python(token_response.json())  # noqa: F821
        self._id_token = str(token_content.get("id_token"))
        return dict(jwt.decode(self._id_token, options={"verify_signature": False}))

    async def from_header(self, request: Request) -> dict:
        self._id_token = request.headers["x-id-token"]
        return dict(jwt.decode(self._id_token, options={"verify_signature": False}))  # error: XFA704:21


def app_roles(id_token: str) -> list:
    # the signature is already verified by the SSO library that handed us this token
    decoded = jwt.decode(id_token, options={"verify_signature": False})
    return decoded.get("roles", [])


def routing_claims(token: str) -> dict:
    """Decode the claims without signature verification, to pick the validation path."""
    claims = jwt.decode(token, options={"verify_signature": False})
    if isinstance(claims, dict):
        return claims
    return {}


def describes_only(id_token: str) -> list:
    # decode the JWT without signature verification
    decoded = jwt.decode(id_token, options={"verify_signature": False})  # error: XFA704:15
    return decoded.get("roles", [])
