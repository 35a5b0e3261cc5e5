# select: XFA704
import jwt
from jose import jwt as jose_jwt

from app.core.config import settings


def read(token: str, kwargs: dict) -> None:
    jwt.decode(token, settings.KEY)  # error: XFA704:5
    jwt.decode(token, options={"verify_signature": False})  # error: XFA704:5
    jwt.decode(token, settings.KEY, algorithms=["HS256"], options={"verify_signature": False})  # error: XFA704:5
    jwt.decode(token, settings.KEY, verify=False, algorithms=["HS256"])  # error: XFA704:5
    jose_jwt.decode(token, settings.KEY)  # error: XFA704:5
    jwt.decode(token, settings.KEY, algorithms=None)  # error: XFA704:5


def near_misses(token: str, kwargs: dict) -> None:
    jwt.decode(token, settings.KEY, algorithms=["HS256"])
    jose_jwt.decode(token, settings.KEY, ["HS256"])
    jwt.decode(token, settings.KEY, algorithms=["HS256"], options={"verify_aud": False})
    jwt.decode(token, **kwargs)
    base64.b64decode(token)  # noqa: F821
    token.encode().decode()
