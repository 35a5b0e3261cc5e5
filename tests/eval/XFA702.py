import jwt as pyjwt
from jose import jwt

from app.core.config import settings


def make_tokens(user, exp) -> None:
    pyjwt.encode({"sub": user.id, "email": user.email, "exp": exp}, settings.KEY)  # error: XFA702:35 "email"
    jwt.encode({"sub": user.id, "exp": exp, "full_name": user.name, "phone": "1"}, settings.KEY)  # error: XFA702:45
    jwt.encode(claims={"password": user.password, "exp": exp}, key=settings.KEY)  # error: XFA702:24
    pyjwt.encode(dict(sub=user.id, exp=exp, name=user.name), settings.KEY)  # error: XFA702:45


def near_misses(user, exp, data: dict) -> None:
    pyjwt.encode({"sub": user.id, "exp": exp, "iat": 1, "jti": "x", "scope": "read", "role": "admin"}, settings.KEY)
    pyjwt.encode(data, settings.KEY)
    codec.encode({"email": user.email})  # noqa: F821
    "text".encode("utf-8")


# precision review: an OpenID Connect ID token (an IdP, or a test faking one) carries
# email/name as standard claims
def id_token(user, exp, nonce) -> None:
    pyjwt.encode({"sub": user.id, "exp": exp, "nonce": nonce, "email": user.email}, settings.KEY)
    pyjwt.encode({"sub": user.id, "exp": exp, "at_hash": "x", "name": user.name}, settings.KEY)


def payload_bound_first(user, exp) -> str:
    payload = {"sub": user.id, "exp": exp, "email": user.email}  # error: XFA702:44
    return pyjwt.encode(payload, settings.KEY, algorithm="HS256")


def payload_changed_before_encoding(user, exp) -> str:
    payload = {"sub": user.id, "exp": exp, "email": user.email}
    strip_personal_data(payload)  # noqa: F821
    return pyjwt.encode(payload, settings.KEY, algorithm="HS256")


# fourth reading: outside tests, an application copying email_verified into its own token
# still carries the e-mail
def own_token_with_idp_claims(user, exp) -> str:
    return pyjwt.encode({"sub": user.id, "exp": exp, "email": user.email, "email_verified": True}, settings.KEY)  # error: XFA702:54
