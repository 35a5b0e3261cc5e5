# path: tests/unit/test_auth.py
# fourth precision reading: a test faking the identity provider's access token (OIDC
# email_verified next to email) mirrors a token the application reads, not one it mints
import time

import jwt


def test_from_idp_token() -> None:
    access_payload = {
        "sub": "user-1",
        "exp": int(time.time()) + 3600,
        "email": "test@example.com",
        "email_verified": True,
    }
    jwt.encode(access_payload, "secret", algorithm="HS256")
    jwt.encode({"sub": "u", "email": "a@example.com", "realm_access": {"roles": []}}, "secret")


def test_own_token() -> None:
    jwt.encode({"sub": "user-1", "email": "test@example.com"}, "secret")  # error: XFA702:34 "email"
