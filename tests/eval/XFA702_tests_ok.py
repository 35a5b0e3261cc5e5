# path: tests/api/test_tokens.py
# Tests are not checked: a token a test builds reaches nobody. The fourth to ninth readings
# found only test stand-ins here — identity-provider access tokens (email_verified), tokens
# under an IdP issuer or a JWKS kid, and (ninth, fides) the Data Rights Protocol's inbound
# `identity` token, which an external agent sends and the application only decodes. The
# application's own encode calls are where personal data in a payload is reported.
import jwt


def test_idp_token(private_key_pem: str) -> None:
    payload = {"iss": "https://acme.eu.auth0.com/", "sub": "u1", "exp": 1, "email": "a@example.com"}
    assert jwt.encode(payload, private_key_pem, algorithm="RS256", headers={"kid": "k1"})


def test_drp_identity(api_client, drp_secret: str) -> None:
    identity = jwt.encode({"email": "test@example.com"}, drp_secret, algorithm="HS256")
    api_client.post("/drp/exercise", json={"identity": identity})


def test_own_token(secret: str) -> None:
    assert jwt.encode({"sub": "u1", "email": "a@example.com", "exp": 1}, secret, algorithm="HS256")
