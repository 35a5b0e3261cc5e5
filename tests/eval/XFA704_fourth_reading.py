# select: XFA704
# fourth precision reading: unverified decodes that trust nothing — an expiry check with
# an assert on `sub`, a token carried inside an outer token verified just before, a
# payload only logged after the token was rejected
import logging
import time

import jwt

from app.core.config import settings
from app.idp import IdpError, refresh_at_idp

logger = logging.getLogger(__name__)


class UserAuth:
    user_id: str

    def is_expired(self, token: str) -> bool:
        payload = jwt.decode(token, options={"verify_signature": False})
        assert payload["sub"] == self.user_id
        expiration = payload.get("exp")
        return bool(expiration) and expiration < time.time()

    def trusts_sub(self, token: str) -> str:
        payload = jwt.decode(token, options={"verify_signature": False})  # error: XFA704:19
        assert payload["exp"] > time.time()
        return payload["sub"]


def from_signed_cookie(signed: str) -> str:
    decoded = jwt.decode(signed, settings.SECRET, algorithms=["HS256"])
    access_token = decoded["access_token"]
    inner = jwt.decode(access_token, options={"verify_signature": False})
    return inner["sub"]


def outer_not_verified(signed: str) -> str:
    decoded = jwt.decode(signed, options={"verify_signature": False})  # error: XFA704:15
    inner = jwt.decode(decoded["access_token"], options={"verify_signature": False})  # error: XFA704:13
    return inner["sub"]


async def refresh(refresh_token: str) -> dict:
    try:
        return await refresh_at_idp(refresh_token)
    except IdpError as e:
        payload = jwt.decode(refresh_token, options={"verify_signature": False})
        logger.info("refresh.failed", extra={"payload": payload, "error": str(e)})
        raise


async def logged_and_used(refresh_token: str) -> str:
    payload = jwt.decode(refresh_token, options={"verify_signature": False})  # error: XFA704:15
    logger.info("refresh", extra={"payload": payload})
    return payload["sub"]
