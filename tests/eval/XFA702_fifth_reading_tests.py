# path: tests/test_sso_login.py
# precision review (fifth reading): a test payload whose issuer is the identity provider
# stands in for the token the IdP issues; one the application itself issues is still reported
import time

import jwt


def test_accepts_idp_token(private_key_pem: str) -> None:
    payload = {
        "iss": "https://acme-test.eu.auth0.com/",
        "sub": "idp-user-1",
        "aud": "acme-api",
        "exp": int(time.time()) + 60,
        "email": "someone@example.com",
    }
    token = jwt.encode(payload, private_key_pem, algorithm="RS256", headers={"kid": "k1"})
    assert token


def test_keycloak_token(private_key_pem: str) -> None:
    claims = {"iss": "https://sso.acme.test/realms/acme", "sub": "u1", "exp": 1, "email": "a@example.com"}
    assert jwt.encode(claims, private_key_pem, algorithm="RS256")


def test_own_token(secret: str) -> None:
    payload = {"iss": "https://api.acme.test", "sub": "u1", "exp": 1, "email": "a@example.com"}  # error: XFA702:71
    assert jwt.encode(payload, secret, algorithm="HS256")
