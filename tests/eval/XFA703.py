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


def payload_bound_first(user_id: str, settings_key: str) -> str:
    payload = {"sub": user_id, "type": "access"}
    return jwt.encode(payload, settings_key, algorithm="HS256")  # error: XFA703:12


def payload_bound_then_updated(user_id: str, key: str, exp) -> str:
    payload = {"sub": user_id}
    payload["exp"] = exp
    return jwt.encode(payload, key, algorithm="HS256")


def payload_bound_then_passed_on(user_id: str, key: str) -> str:
    payload = {"sub": user_id}
    add_expiry(payload)
    return jwt.encode(payload, key, algorithm="HS256")


def payload_bound_in_branches(user_id: str, key: str, exp, admin: bool) -> str:
    if admin:
        payload = {"sub": user_id, "exp": exp}
    else:
        payload = {"sub": user_id}
    return jwt.encode(payload, key, algorithm="HS256")


PAYLOAD = {"sub": "service"}


def module_level_payload(key: str) -> str:
    return jwt.encode(PAYLOAD, key, algorithm="HS256")
