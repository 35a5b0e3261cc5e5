"""The ``jwt.encode`` calls: XFA702 (personal data in the claims) and XFA703 (no ``exp``)."""

from __future__ import annotations

import ast

from ...context import Context, has_kwargs_splat, keyword, string_value
from ...registry import moved_off, rule, visitor
from ._shared import _function_parents, _jwt_call, _JWT_DECODE


XFA702 = rule(
    "XFA702",
    "jwt-pii-claim",
    default=False,
    precision=moved_off("0 of 5", reading="ninth", earlier="1 of 7", pooled_over="fourth, fifth and seventh readings"),
    seeds=("002",),
    message="JWT payload carries personal data ({keys})",
    fix_hint="the payload is only base64-encoded — keep the user id in 'sub' and look the rest up server-side",
    what="""
        Reports `jwt.encode({...})` (PyJWT or python-jose) whose payload dict literal — or
        the dict literal a local name was bound to earlier in the same function, when the
        function does nothing else with that name — has keys that hold personal data:
        `email`, `phone`, `address`, `ssn`, `dob`, `password`, `name`, `full_name` and their
        usual variants. Scripts (the scripts layer) are checked; tests are not.
    """,
    why="""
        Seed 002: "payload is base64-readable — never put PII in JWT". Anyone holding the
        token — the browser, a proxy log, a support ticket — can read every claim.
    """,
    bad="""
        import jwt

        from app.core.config import settings

        def make_token(user) -> str:
            return jwt.encode({"sub": str(user.id), "email": user.email, "exp": user.expires}, settings.SECRET_KEY, algorithm="HS256")
    """,
    good="""
        import jwt

        from app.core.config import settings

        def make_token(user) -> str:
            return jwt.encode({"sub": str(user.id), "exp": user.expires}, settings.SECRET_KEY, algorithm="HS256")
    """,
    not_flagged=(
        "Registered and authorization claims: `sub`, `exp`, `iat`, `nbf`, `jti`, `iss`, `aud`, `scope`, `role`.",
        "Payloads built elsewhere (a parameter, `data.copy()`, a module constant) or changed "
        "before encoding (a name that is also updated or passed to another call): their keys "
        "are not known here.",
        "OpenID Connect ID tokens (a payload with `nonce`, `at_hash`, `auth_time`, `azp`…), whose "
        "standard claims include `email` and `name`.",
        "Tests: a token a test builds reaches nobody, and four readings found only stand-ins there "
        "(an identity provider's access token, a token under an IdP issuer or a JWKS `kid`, an "
        "inbound protocol token such as the Data Rights Protocol's `identity`, which the application "
        "only decodes). The application's own `jwt.encode` calls are checked.",
        "A token only decoded again in the same function (`token = jwt.encode({...}, private_key)` "
        "then `jwt.decode(token, public_key, ...)`: a check that a key pair matches); it reaches nobody.",
    ),
)

XFA703 = rule(
    "XFA703",
    "jwt-without-expiry",
    default=True,
    seeds=("002",),
    message="JWT payload has no 'exp' claim, so the token never expires",
    fix_hint='add "exp": datetime.now(timezone.utc) + timedelta(minutes=...)',
    what="""
        Reports `jwt.encode(<dict literal>, ...)` (PyJWT or python-jose) whose payload has
        no `exp` key; also `jwt.encode(payload, ...)` where `payload` was bound to such a dict
        literal earlier in the same function and the function does nothing else with it (no
        `payload["exp"] = ...`, no `update`, not passed to another call). Tests are not
        checked: they build tokens without `exp` on purpose. Scripts (the scripts layer:
        CI and deploy scripts, migrations) are checked.
    """,
    why="""
        Seed 002: "short-lived access + long-lived refresh" tokens; "without server-side
        revocation — valid for full expiry". A token without `exp` is valid forever: a
        leaked one can never be shut off short of rotating the signing key.
    """,
    bad="""
        import jwt

        from app.core.config import settings

        def make_token(user_id: str) -> str:
            return jwt.encode({"sub": user_id}, settings.SECRET_KEY, algorithm="HS256")
    """,
    good="""
        from datetime import datetime, timedelta, timezone

        import jwt

        from app.core.config import settings

        def make_token(user_id: str) -> str:
            expires = datetime.now(timezone.utc) + timedelta(minutes=15)
            return jwt.encode({"sub": user_id, "exp": expires}, settings.SECRET_KEY, algorithm="HS256")
    """,
    not_flagged=(
        "Payloads built elsewhere (`to_encode = data.copy(); to_encode.update({\"exp\": ...})`).",
        "Dict literals with `**` unpacking, which may bring the `exp` key.",
        "A token only decoded again in the same function (`token = jwt.encode({\"probe\": 1}, private_key)` "
        "then `jwt.decode(token, public_key, ...)`, never returned, stored or sent): a check that a key "
        "pair matches.",
        "Tests: a token built without `exp` on purpose, to check that it is rejected.",
        "An unsigned token (`algorithm=\"none\"`): anyone can write its claims, an `exp` among them, so "
        "an expiry would bound nothing (the eleventh reading's feast intra-server tokens).",
    ),
)


_JWT_ENCODE = frozenset({"jwt.encode", "jose.jwt.encode"})


def _unsigned(call: ast.Call) -> bool:
    """``jwt.encode(..., algorithm="none")``: an unsigned token, whose claims anyone can
    write, so an expiry would bound nothing."""
    kw = keyword(call, "algorithm")
    value = kw.value if kw is not None else (call.args[2] if len(call.args) > 2 else None)
    return isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value.lower() == "none"


_PII_KEYS = frozenset(
    {
        "email", "e_mail", "email_address", "phone", "phone_number", "mobile", "telephone",
        "address", "street", "home_address", "postal_address", "ssn", "social_security_number",
        "dob", "date_of_birth", "birthdate", "birth_date", "birthday", "password",
        "hashed_password", "name", "full_name", "fullname", "first_name", "last_name",
        "given_name", "family_name", "surname",
    }
)


def _payload_keys(payload: ast.AST | None) -> tuple[list[tuple[str, ast.AST]], bool] | None:
    """``([(key, key_node)], complete)`` of a dict literal / ``dict(k=v)`` payload."""
    if isinstance(payload, ast.Dict):
        keys = []
        complete = True
        for key in payload.keys:
            text = string_value(key)
            if text is None:
                complete = False  # ``**data`` or a computed key
            else:
                keys.append((text, key))
        return keys, complete
    if isinstance(payload, ast.Call) and isinstance(payload.func, ast.Name) and payload.func.id == "dict" and not payload.args:
        keys = [(kw.arg, kw) for kw in payload.keywords if kw.arg is not None]
        return keys, not has_kwargs_splat(payload)
    return None


def _local_payload(payload: ast.AST | None, encode: ast.Call, ctx: Context) -> ast.AST | None:
    """The dict literal a payload name is bound to earlier in the same function, when the
    function does nothing else with that name (no update, no other assignment, not passed
    anywhere): then the literal is the payload.  Otherwise the payload itself."""
    if not isinstance(payload, ast.Name):
        return payload
    frame = ctx.function
    binding = ctx.lookup(payload.id)
    if frame is None or binding is None or frame.bindings.get(payload.id) is not binding:
        return payload
    if binding.kind != "assign" or not isinstance(binding.node, ast.Assign) or len(binding.node.targets) != 1:
        return payload
    literal = binding.value
    if _payload_keys(literal) is None:
        return payload
    uses = 0
    for sub in ast.walk(frame.node):
        if isinstance(sub, ast.Name) and sub.id == payload.id:
            uses += 1
    # the assignment's target and the encode argument, nothing more
    return literal if uses == 2 else payload


#: claims only an OpenID Connect ID token carries; its standard claims include ``email``,
#: ``name``… (OIDC Core §5.1), so an identity provider (or a test faking one) must send them
_OIDC_ID_TOKEN_KEYS = frozenset({"nonce", "at_hash", "c_hash", "auth_time", "acr", "amr", "azp"})


def _round_trip_only(encode: ast.Call, ctx: Context) -> bool:
    """The encoded token is only handed to ``jwt.decode`` in the same function
    (``token = jwt.encode({...}, private_key); jwt.decode(token, public_key, ...)``: a check
    that a key pair matches): it is never returned, stored or sent, so its claims reach nobody."""
    parent = ctx.parent
    if isinstance(parent, ast.Call) and parent.args and parent.args[0] is encode:
        return _jwt_call(parent, ctx, _JWT_DECODE)
    frame = ctx.function
    if frame is None or not isinstance(parent, ast.Assign) or len(parent.targets) != 1:
        return False
    target = parent.targets[0]
    if not isinstance(target, ast.Name) or parent.value is not encode:
        return False
    parents = _function_parents(frame)
    uses = 0
    for sub in ast.walk(frame.node):
        if not isinstance(sub, ast.Name) or sub.id != target.id or sub is target:
            continue
        user = parents.get(id(sub))
        if not (isinstance(user, ast.Call) and user.args and user.args[0] is sub and _jwt_call(user, ctx, _JWT_DECODE)):
            return False
        uses += 1
    return uses > 0


@visitor(ast.Call, codes=(XFA702, XFA703))
def jwt_encodes(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not isinstance(func, (ast.Attribute, ast.Name)):
        return
    attr = func.attr if isinstance(func, ast.Attribute) else func.id
    if attr == "encode":
        if not _jwt_call(node, ctx, _JWT_ENCODE):
            return
        payload = node.args[0] if node.args else None
        if payload is None:
            kw = keyword(node, "payload") or keyword(node, "claims")
            payload = kw.value if kw is not None else None
        literal = _local_payload(payload, node, ctx)
        found = _payload_keys(literal)
        if found is None:
            return
        keys, complete = found
        if _round_trip_only(node, ctx):
            return  # a key-pair self-test: the token is decoded right here and goes nowhere
        pii = [(k, n) for k, n in keys if k.lower() in _PII_KEYS]
        if pii and not ctx.is_test and not any(k in _OIDC_ID_TOKEN_KEYS for k, _ in keys):
            ctx.report(pii[0][1], XFA702, keys=", ".join(repr(k) for k, _ in pii))
        if complete and not ctx.is_test and not any(k == "exp" for k, _ in keys) and not _unsigned(node):
            ctx.report(node, XFA703)
