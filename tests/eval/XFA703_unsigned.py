# path: feast/permissions/client/auth_client_manager.py
# eleventh precision reading (feast): an unsigned token (algorithm="none") carries claims
# anyone can write, so an expiry would bound nothing
import jwt


def intra_server_token(encoded: str) -> str:
    payload = {"sub": f":::{encoded}"}
    return jwt.encode(payload, "", algorithm="none")


def positional_none(encoded: str) -> str:
    return jwt.encode({"preferred_username": encoded}, "", "none")


# still reported: a signed token without exp


def signed(user_id: str, key: str) -> str:
    return jwt.encode({"sub": user_id}, key, algorithm="HS256")  # error: XFA703:12
