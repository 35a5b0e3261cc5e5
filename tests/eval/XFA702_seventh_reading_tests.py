# path: tests/external_dependency_unit/auth/test_jwt_passthrough.py
# precision review (seventh reading, onyx): a test mints RS256 tokens under a ``kid`` header
# with a key its local key server publishes as a JWKS — the stand-in for an external
# identity provider's token, which the application verifies and never mints
from datetime import datetime, timedelta, timezone

import jwt as pyjwt


class _RSAKey:
    kid = "test-key"
    private_pem = b"..."

    def mint_token(self, email: str, kid: str | None = None) -> str:
        now = datetime.now(timezone.utc)
        return pyjwt.encode(
            {"email": email, "iat": now, "exp": now + timedelta(seconds=60)},
            self.private_pem,
            algorithm="RS256",
            headers={"kid": kid or self.kid},
        )


def test_own_hs256_token(secret: str) -> None:
    # a symmetric token under a kid header is still the application's own format
    token = pyjwt.encode({"email": "a@example.com", "exp": 1}, secret, algorithm="HS256", headers={"kid": "k"})  # error: XFA702:27
    assert token


def test_rs256_without_kid(private_pem: bytes) -> None:
    token = pyjwt.encode({"email": "a@example.com", "exp": 1}, private_pem, algorithm="RS256")  # error: XFA702:27
    assert token
