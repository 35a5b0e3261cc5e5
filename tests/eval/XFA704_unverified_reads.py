# select: XFA704
# An unverified decode that only reads the expiry, or only picks the key for a verified
# decode of the same token in the same function, is not reported.
from datetime import datetime, timezone

import jwt

from app.auth import jwks_client, key_for_issuer
from app.core.config import settings


def verify_federated(token: str) -> dict:
    unverified = jwt.decode(token, options={"verify_signature": False})
    key = key_for_issuer(unverified["iss"], unverified.get("kid"))
    return jwt.decode(token, key, algorithms=["RS256"], audience=settings.AUDIENCE)


def verify_inline(token: str) -> dict:
    issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
    if "tid" in jwt.decode(token, options={"verify_signature": False}):
        issuer = settings.TENANT_ISSUER
    key = key_for_issuer(issuer)
    return jwt.decode(token, key, algorithms=["RS256"])


def stored_token_expiry(stored_access_token: str) -> datetime:
    # the server's own token, read back from the store to know when to refresh it
    claims = jwt.decode(stored_access_token, options={"verify_signature": False})
    return datetime.fromtimestamp(claims["exp"], tz=timezone.utc)


def needs_refresh(stored: str) -> bool:
    return jwt.decode(stored, options={"verify_signature": False})["exp"] < datetime.now(timezone.utc).timestamp()


def header_only(token: str) -> dict:
    header = jwt.get_unverified_header(token)
    key = jwks_client.get_signing_key(header["kid"]).key
    return jwt.decode(token, key, algorithms=["RS256"])


# still reported
def picks_key_but_never_verifies(token: str) -> str:
    unverified = jwt.decode(token, options={"verify_signature": False})  # error: XFA704:18
    return unverified["iss"]


def trusts_the_claims(token: str) -> dict:
    unverified = jwt.decode(token, options={"verify_signature": False})  # error: XFA704:18
    key = key_for_issuer(unverified["iss"])
    jwt.decode(token, key, algorithms=["RS256"])
    return unverified


def reads_the_subject(token: str) -> str:
    claims = jwt.decode(token, verify=False)  # error: XFA704:14
    key = key_for_issuer(claims["iss"])
    jwt.decode(token, key, algorithms=["RS256"])
    return claims["sub"]


def verifies_another_token(token: str, other: str) -> dict:
    unverified = jwt.decode(token, options={"verify_signature": False})  # error: XFA704:18
    key = key_for_issuer(unverified["iss"])
    return jwt.decode(other, key, algorithms=["RS256"])


def verified_before(token: str) -> dict:
    claims = jwt.decode(token, settings.KEY, algorithms=["HS256"])
    unverified = jwt.decode(token, options={"verify_signature": False})  # error: XFA704:18
    return {"kid": unverified["kid"], **claims}


def exp_then_user(token: str) -> str:
    payload = jwt.decode(token, options={"verify_signature": False})  # error: XFA704:15
    if payload["exp"] < 0:
        return ""
    return payload["sub"]


stored_exp = jwt.decode(settings.TOKEN, options={"verify_signature": False})["exp"]  # error: XFA704:14


def get_unverified_claims(access_token: str) -> dict:
    """Like jwt.get_unverified_header(), for the claims: the caller verifies the token."""
    return dict(jwt.decode(access_token, options={"verify_signature": False}))


def read_claims(access_token: str) -> dict:
    return dict(jwt.decode(access_token, options={"verify_signature": False}))  # error: XFA704:17


def get_unverified_subject(access_token: str) -> str:
    return jwt.decode(access_token, options={"verify_signature": False})["sub"]  # error: XFA704:12
