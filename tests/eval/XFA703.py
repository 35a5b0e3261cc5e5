import jwt
from jose import jwt as jose_jwt
from jwt import encode

from app.core.config import settings


def make_tokens(user_id: str, data: dict) -> None:
    jwt.encode({"sub": user_id}, settings.KEY, algorithm="HS256")  # error: XFA703:5
    jose_jwt.encode({"sub": user_id, "iat": 1}, settings.KEY)  # error: XFA703:5
    encode(payload={"sub": user_id}, key=settings.KEY)  # error: XFA703:5


def near_misses(user_id: str, data: dict, exp) -> None:
    jwt.encode({"sub": user_id, "exp": exp}, settings.KEY, algorithm="HS256")
    to_encode = data.copy()
    to_encode.update({"exp": exp})
    jwt.encode(to_encode, settings.KEY, algorithm="HS256")
    jwt.encode({**data, "sub": user_id}, settings.KEY)
    jwt.encode(dict(sub=user_id, **data), settings.KEY)
