"""XFA7xx: security."""

from __future__ import annotations

import ast
import re

from ..context import FASTAPI_APP_FACTORIES, FUNCTION_TYPES, Context, has_kwargs_splat, keyword, string_value
from ..registry import rule, visitor
from .observability import words_of

XFA701 = rule(
    "XFA701",
    "hardcoded-credential",
    default=True,
    seeds=("004",),
    message="hardcoded credential in {where}; read it from the environment through your settings (BaseSettings field without a default, or SecretStr)",
    what="""
        Reports a string literal that is a URL with an inline password
        (`scheme://user:pass@host`), or that is assigned to, passed as, or the default of a
        name that ends in `secret`, `password`, `token`, `api_key`, `private_key`,
        `secret_key`, `client_secret` (`SECRET_KEY = "..."`, `self.api_key = "..."`,
        `connect(password="...")`, `def login(password="admin")`).
    """,
    why="""
        Seed 004: "Never hardcode secrets, database URLs, API keys, or
        environment-specific values." A literal credential ends up in version control, in
        every copy of the repository and in every image built from it, and cannot be
        rotated without a code change. A placeholder such as `"changeme"` is no better: when
        the environment variable is missing the application runs with it.
    """,
    bad="""
        import jwt

        SECRET_KEY = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"

        def make_token(sub: str) -> str:
            return jwt.encode({"sub": sub, "exp": 1}, SECRET_KEY, algorithm="HS256")
    """,
    good="""
        import jwt

        from app.core.config import settings

        def make_token(sub: str) -> str:
            return jwt.encode({"sub": sub, "exp": 1}, settings.SECRET_KEY, algorithm="HS256")
    """,
    not_flagged=(
        "Obvious non-secrets: dummy words (`\"test\"`, `\"foo\"`, `\"dummy\"`, `\"fake\"`, `\"example\"`), a value equal to its own name (`apiKey = \"apiKey\"`), enum members, empty strings, `\"...\"`, strings of one repeated character (`\"xxxx\"`, `\"****\"`), strings with spaces, templates (`{password}`, `${VAR}`), and values that are themselves names (`PASSWORD_FIELD = \"password\"`, `token = \"GITHUB_TOKEN\"`).",
        "Names about a secret that are not the secret: `token_type = \"bearer\"`, `token_url`, `password_min_length`.",
        "Environment lookups (`os.getenv(\"SECRET\", \"dev\")`, `os.environ.get(...)`) and `Field(...)` values.",
        "Settings fields: class bodies of `BaseSettings` subclasses and classes named `*Settings` (XFA610 reports those).",
        "Test files and pytest fixtures.",
        "URLs without a password (`user:@host`) or whose password is a template (`{password}`, `${DB_PASSWORD}`), and docstrings.",
    ),
)

XFA702 = rule(
    "XFA702",
    "jwt-pii-claim",
    default=True,
    seeds=("002",),
    message="JWT payload carries personal data ({keys}); the payload is only base64-encoded — keep the user id in 'sub' and look the rest up server-side",
    what="""
        Reports `jwt.encode({...})` (PyJWT or python-jose) whose payload dict literal — or
        the dict literal a local name was bound to earlier in the same function, when the
        function does nothing else with that name — has keys that hold personal data:
        `email`, `phone`, `address`, `ssn`, `dob`, `password`, `name`, `full_name` and their
        usual variants.
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
    ),
)

XFA703 = rule(
    "XFA703",
    "jwt-without-expiry",
    default=True,
    seeds=("002",),
    message="JWT payload has no 'exp' claim, so the token never expires; add \"exp\": datetime.now(timezone.utc) + timedelta(minutes=...)",
    what="""
        Reports `jwt.encode(<dict literal>, ...)` (PyJWT or python-jose) whose payload has
        no `exp` key; also `jwt.encode(payload, ...)` where `payload` was bound to such a dict
        literal earlier in the same function and the function does nothing else with it (no
        `payload["exp"] = ...`, no `update`, not passed to another call). Tests are not
        checked: they build tokens without `exp` on purpose.
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
        "Tests: a token built without `exp` on purpose, to check that it is rejected.",
    ),
)

XFA704 = rule(
    "XFA704",
    "jwt-verification-disabled",
    default=True,
    seeds=("002",),
    message="jwt.decode() {problem}; verify the signature and pin the algorithm: jwt.decode(token, key, algorithms=[\"HS256\"])",
    what="""
        Reports `jwt.decode(...)` (PyJWT or python-jose) with
        `options={"verify_signature": False}`, with `verify=False`, or without
        `algorithms=`.
    """,
    why="""
        Seed 002: the route trusts the user the dependency "decodes" from the token. With
        the signature unchecked anyone can forge a token for any user; without a pinned
        algorithm list, old library versions accept `alg: none` or the HS/RS confusion
        attack.
    """,
    bad="""
        import jwt

        from app.core.config import settings

        def read_token(token: str) -> dict:
            return jwt.decode(token, settings.SECRET_KEY)
    """,
    good="""
        import jwt

        from app.core.config import settings

        def read_token(token: str) -> dict:
            return jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])
    """,
    not_flagged=(
        "`algorithms` passed positionally (third argument), or through `**kwargs`.",
        "Other `options` (`{\"verify_aud\": False}`).",
        "Test files: a test reads the claims of a token it made itself.",
    ),
)

XFA705 = rule(
    "XFA705",
    "weak-password-hash",
    default=True,
    seeds=("004",),
    message="password hashed with fast {algorithm}; use a password hash: argon2 (argon2-cffi, pwdlib) or bcrypt",
    what="""
        Reports `hashlib.md5/sha1/sha224/sha256/sha384/sha512(...)` (and `hashlib.new("md5",
        ...)`) whose argument mentions a password: a name ending in `password`, `passwd`
        or `pwd`, also through `.encode()` chains and concatenations
        (`hashlib.sha256((salt + password).encode()).hexdigest()`).
    """,
    why="""
        Seed 004: "Storing passwords in plain text or with weak hashing (MD5, SHA1). Use
        Argon2 or bcrypt." Fast hashes are built to be fast: a GPU tries billions of
        candidates per second against a leaked table.
    """,
    bad="""
        import hashlib

        def hash_password(password: str) -> str:
            return hashlib.sha256(password.encode()).hexdigest()
    """,
    good="""
        from argon2 import PasswordHasher

        hasher = PasswordHasher()

        def hash_password(password: str) -> str:
            return hasher.hash(password)
    """,
    not_flagged=(
        "Hashing other data (`hashlib.sha256(reset_token.encode())`, file checksums).",
        "Names where the password is not the last word: `password_reset_token`, `password_hash_version`.",
        "`hashlib.pbkdf2_hmac`, `hashlib.scrypt`.",
    ),
)

XFA706 = rule(
    "XFA706",
    "docs-exposed",
    default=False,
    seeds=("004",),
    message="FastAPI() serves /docs, /redoc and /openapi.json to everyone; set openapi_url (or docs_url and redoc_url) from settings, e.g. openapi_url=settings.OPENAPI_URL (None in production)",
    what="""
        Reports `FastAPI(...)` that sets neither `openapi_url` nor both `docs_url` and
        `redoc_url` to something other than a string literal (a settings value,
        an expression, or `None`).
    """,
    why="""
        Seed 004: "Exposing /docs and /redoc in production without authentication. Disable
        or restrict access to API documentation in deployed environments." The schema maps
        every endpoint and parameter for an attacker.
    """,
    bad="""
        from fastapi import FastAPI

        app = FastAPI(title="Orders")
    """,
    good="""
        from fastapi import FastAPI

        from app.core.config import settings

        app = FastAPI(title="Orders", openapi_url=settings.OPENAPI_URL)
    """,
    not_flagged=(
        "`FastAPI(openapi_url=None)`, `openapi_url=\"\"` or `openapi_url=settings.X` (no schema, so no docs pages).",
        "`docs_url` and `redoc_url` both set from settings or `None`.",
        "`FastAPI(**config)` (the keys are not known here), and test files.",
    ),
)


# -- XFA701 ---------------------------------------------------------------------------

_CREDENTIAL_WORDS = frozenset({"secret", "password", "passwd", "pwd", "token", "apikey", "passphrase"})
_CREDENTIAL_PAIRS = frozenset(
    {"apikey", "secretkey", "privatekey", "accesskey", "signingkey", "clientsecret", "encryptionkey", "masterkey"}
)
_CREDENTIAL_TAILS = frozenset({"value", "str", "plain", "raw", "default"})
_VALUE_WORDS = frozenset({"secret", "password", "passwd", "pwd", "token", "apikey", "key", "authorization"})
#: values that are obviously not a credential anywhere (unlike "changeme" or "secret",
#: the defaults that survive into production, which stay reported)
_DUMMY_VALUES = frozenset(
    {"test", "testing", "foo", "bar", "baz", "qux", "dummy", "fake", "example", "sample", "none", "null", "undefined", "todo", "tbd"}
)
_ENUM_BASES = ("Enum", "StrEnum", "IntEnum", "Flag", "IntFlag")
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_HEADER_NAME = re.compile(r"^X-[A-Za-z0-9-]+$")
_INLINE_PASSWORD = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://([^:/@\s]*):([^@/\s]+)@[^\s]")
_ENV_LOOKUPS = frozenset(
    {"os.getenv", "os.environ.get", "os.environ.setdefault", "os.environ.pop", "environ.get", "getenv", "decouple.config"}
)
_SETTINGS_BASES = frozenset(
    {"pydantic_settings.BaseSettings", "pydantic.BaseSettings", "pydantic.v1.BaseSettings", "starlette.config.Config"}
)


def names_credential(name: str) -> bool:
    words = words_of(name)
    while len(words) > 1 and words[-1] in _CREDENTIAL_TAILS:
        words.pop()
    if not words:
        return False
    last = words[-1]
    if last in _CREDENTIAL_WORDS:
        return True
    if len(words) >= 2 and words[-2] + last in _CREDENTIAL_PAIRS:
        return True
    return last.endswith("password") or last.endswith("secret")


def non_secret_value(value: str, name: str | None = None) -> bool:
    """Values that cannot be a real credential, or are a name rather than a value."""
    stripped = value.strip()
    if not stripped or stripped == "..." or len(set(stripped)) == 1:
        return True
    if stripped.lower() in _DUMMY_VALUES:
        return True
    if name is not None and _squash(stripped) == _squash(name):
        return True  # ``apiKey = "apiKey"``: an enum member or a key name
    if stripped.startswith("-----BEGIN") and "PRIVATE KEY" in stripped:
        return False  # a PEM private key
    if any(ch.isspace() for ch in stripped):
        return True  # a sentence or a help text
    if "{" in stripped or "$" in stripped or "%(" in stripped or stripped.startswith("<"):
        return True  # a template
    if _ENV_NAME.match(stripped) and _VALUE_WORDS.intersection(words_of(stripped)):
        return True  # an environment variable name: ``token = "GITHUB_TOKEN"``
    if "_" in stripped and _FIELD_NAME.match(stripped) and _VALUE_WORDS.intersection(stripped.split("_")):
        return True  # a field or form name: ``PASSWORD_FIELD = "password"``
    if stripped.lower() in ("authorization", "bearer") or _HEADER_NAME.match(stripped):
        return True  # a header name or scheme
    if "://" in stripped:
        return _INLINE_PASSWORD.match(stripped) is None  # a URL is a secret only with a password in it
    if stripped.startswith("/"):
        return True  # a path: ``token = "/auth/token"``
    return False


def _squash(text: str) -> str:
    return text.lower().replace("_", "").replace("-", "")


def _exempt_scope(ctx: Context) -> bool:
    if ctx.is_test:
        return True
    for frame in ctx.frames:
        node = frame.node
        if frame.kind == "class" and (_is_settings_class(node, ctx) or _is_enum(node, ctx)):  # type: ignore[arg-type]
            return True
        if frame.kind == "function" and _is_fixture(node, ctx):
            return True
    return False


def _is_settings_class(cls: ast.ClassDef, ctx: Context, depth: int = 0) -> bool:
    if cls.name.endswith("Settings") or cls.name.endswith("Config") and depth == 0 and cls.name != "Config":
        return True
    for base in cls.bases:
        qualname = ctx.resolve(base) or ""
        if qualname in _SETTINGS_BASES or qualname.endswith("BaseSettings") or qualname.endswith("Settings"):
            return True
        if isinstance(base, ast.Name) and base.id in ctx.classes and depth < 5:
            if _is_settings_class(ctx.classes[base.id], ctx, depth + 1):
                return True
    return False


def _is_enum(cls: ast.ClassDef, ctx: Context) -> bool:
    return any((ctx.resolve(base) or "").rsplit(".", 1)[-1] in _ENUM_BASES for base in cls.bases)


def _is_fixture(fn: ast.AST, ctx: Context) -> bool:
    for decorator in getattr(fn, "decorator_list", ()):
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        qualname = ctx.resolve(target) or ""
        if qualname.endswith("fixture"):
            return True
    return False


def _report_credential(value: ast.AST | None, where: str, ctx: Context, name: str | None = None) -> None:
    text = string_value(value)
    if text is None or non_secret_value(text, name):
        return
    done = ctx.frames[0].data.setdefault("xfa701_done", set())
    if id(value) in done:
        return
    if _exempt_scope(ctx):
        return
    done.add(id(value))
    ctx.report(value, XFA701, where=where)  # type: ignore[arg-type]


def _target_name(target: ast.AST) -> str | None:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    return None


@visitor(ast.Assign, ast.AnnAssign, codes=(XFA701,))
def credential_assignments(node: ast.Assign | ast.AnnAssign, ctx: Context) -> None:
    value = node.value
    if not isinstance(value, ast.Constant) or not isinstance(value.value, str):
        return
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    for target in targets:
        name = _target_name(target)
        if name is not None and names_credential(name):
            _report_credential(value, f"{name} = ...", ctx, name)
            return


@visitor(ast.Call, codes=(XFA701,))
def credential_keywords(node: ast.Call, ctx: Context) -> None:
    for kw in node.keywords:
        if kw.arg is not None and isinstance(kw.value, ast.Constant) and names_credential(kw.arg):
            if ctx.resolve(node.func) in _ENV_LOOKUPS:
                return
            _report_credential(kw.value, f"{kw.arg}=...", ctx, kw.arg)


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA701,))
def credential_defaults(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults))
    pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
    if not pairs or _is_fixture(node, ctx):
        return
    for arg, default in pairs:
        if isinstance(default, ast.Constant) and names_credential(arg.arg):
            _report_credential(default, f"the default of {arg.arg}", ctx, arg.arg)


@visitor(ast.Constant, codes=(XFA701,))
def inline_password_urls(node: ast.Constant, ctx: Context) -> None:
    value = node.value
    if value.__class__ is not str or "://" not in value or "@" not in value:
        return
    match = _INLINE_PASSWORD.match(value.strip())
    if match is None:
        return
    password = match.group(2)
    if len(set(password)) == 1 or any(ch in password for ch in "{}$<>%") and not _is_percent_escape(password):
        return
    parent = ctx.parent
    if isinstance(parent, (ast.Expr, ast.JoinedStr)):
        return  # docstrings, bare strings, f-string pieces
    if isinstance(parent, ast.Call) and ctx.resolve(parent.func) in _ENV_LOOKUPS:
        return
    if isinstance(parent, ast.keyword):
        grand = ctx.ancestors[-2] if len(ctx.ancestors) > 1 else None
        if isinstance(grand, ast.Call) and ctx.resolve(grand.func) in _ENV_LOOKUPS:
            return
    _report_credential(node, "a URL with an inline password", ctx)


def _is_percent_escape(password: str) -> bool:
    """``p%40ss`` is a URL-escaped password, not a ``%(name)s`` template."""
    return "%(" not in password and re.search(r"%[0-9A-Fa-f]{2}", password) is not None and not any(
        ch in password for ch in "{}$<>"
    )


# -- XFA702, XFA703, XFA704 -------------------------------------------------------------------

_JWT_ENCODE = frozenset({"jwt.encode", "jose.jwt.encode"})
_JWT_DECODE = frozenset({"jwt.decode", "jose.jwt.decode"})
_PII_KEYS = frozenset(
    {
        "email", "e_mail", "email_address", "phone", "phone_number", "mobile", "telephone",
        "address", "street", "home_address", "postal_address", "ssn", "social_security_number",
        "dob", "date_of_birth", "birthdate", "birth_date", "birthday", "password",
        "hashed_password", "name", "full_name", "fullname", "first_name", "last_name",
        "given_name", "family_name", "surname",
    }
)


def _jwt_call(node: ast.Call, ctx: Context, names: frozenset[str]) -> bool:
    name = ctx.call_name(node)
    return name in names and ctx.imported_from(node.func, "jwt", "jose")


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


@visitor(ast.Call, codes=(XFA702, XFA703, XFA704))
def jwt_calls(node: ast.Call, ctx: Context) -> None:
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
        found = _payload_keys(_local_payload(payload, node, ctx))
        if found is None:
            return
        keys, complete = found
        pii = [(k, n) for k, n in keys if k.lower() in _PII_KEYS]
        if pii and not any(k in _OIDC_ID_TOKEN_KEYS for k, _ in keys):
            ctx.report(pii[0][1], XFA702, keys=", ".join(repr(k) for k, _ in pii))
        if complete and not ctx.is_test and not any(k == "exp" for k, _ in keys):
            ctx.report(node, XFA703)
    elif attr == "decode":
        if ctx.is_test or not _jwt_call(node, ctx, _JWT_DECODE):
            return  # a test reads the claims of a token it made itself
        problem = None
        options = keyword(node, "options")
        if options is not None and isinstance(options.value, ast.Dict):
            for key, value in zip(options.value.keys, options.value.values):
                if string_value(key) == "verify_signature" and isinstance(value, ast.Constant) and value.value is False:
                    problem = 'skips the signature check (options={"verify_signature": False})'
        verify = keyword(node, "verify")
        if problem is None and verify is not None and isinstance(verify.value, ast.Constant) and verify.value.value is False:
            problem = "skips the signature check (verify=False)"
        if problem is None and not has_kwargs_splat(node):
            algorithms = keyword(node, "algorithms")
            if len(node.args) < 3 and (
                algorithms is None or (isinstance(algorithms.value, ast.Constant) and algorithms.value.value is None)
            ):
                problem = "without algorithms= accepts whatever algorithm the token names"
        if problem is not None:
            ctx.report(node, XFA704, problem=problem)


# -- XFA705 ---------------------------------------------------------------------------

_WEAK_HASHES = frozenset({"md5", "sha1", "sha224", "sha256", "sha384", "sha512"})
_PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "passphrase"})
_PASSWORD_TAILS = frozenset({"bytes", "b", "encoded", "str", "plain", "raw", "text", "value", "utf8"})


def names_password(name: str) -> bool:
    words = words_of(name)
    while len(words) > 1 and words[-1] in _PASSWORD_TAILS:
        words.pop()
    return bool(words) and (words[-1] in _PASSWORD_WORDS or words[-1].endswith("password"))


def _mentions_password(expr: ast.AST) -> str | None:
    for sub in ast.walk(expr):
        if isinstance(sub, ast.Name) and names_password(sub.id):
            return sub.id
        if isinstance(sub, ast.Attribute) and names_password(sub.attr):
            return sub.attr
    return None


@visitor(ast.Call, codes=(XFA705,))
def weak_password_hash(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not isinstance(func, (ast.Attribute, ast.Name)):
        return
    attr = func.attr if isinstance(func, ast.Attribute) else func.id
    if attr in _WEAK_HASHES:
        data = list(node.args[:1]) + [kw.value for kw in node.keywords if kw.arg in ("string", "data")]
        algorithm = attr
    elif attr == "new":
        algo = string_value(node.args[0]) if node.args else None
        if algo is None or algo.lower().replace("-", "") not in _WEAK_HASHES:
            return
        data = list(node.args[1:2]) + [kw.value for kw in node.keywords if kw.arg in ("string", "data")]
        algorithm = algo.lower()
    else:
        return
    if not data:
        return
    name = ctx.call_name(node)
    if name is None or not name.startswith("hashlib.") or not ctx.imported_from(func, "hashlib"):
        return
    for expr in data:
        if _mentions_password(expr) is not None:
            ctx.report(node, XFA705, algorithm=algorithm)
            return


# -- XFA706 ---------------------------------------------------------------------------


@visitor(ast.Call, codes=(XFA706,))
def docs_exposed(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not (isinstance(func, ast.Name) and func.id == "FastAPI" or isinstance(func, ast.Attribute) and func.attr == "FastAPI"):
        return
    if ctx.call_name(node) not in FASTAPI_APP_FACTORIES or not ctx.imported_from(func, "fastapi"):
        return
    if ctx.is_test or has_kwargs_splat(node):
        return

    def configured(name: str) -> bool:
        kw = keyword(node, name)
        if kw is None:
            return False
        text = string_value(kw.value)
        return text is None or text == ""  # FastAPI treats "" like None: the page is off

    if configured("openapi_url") or (configured("docs_url") and configured("redoc_url")):
        return
    ctx.report(node, XFA706)


__all__ = ["FUNCTION_TYPES", "names_credential", "names_password", "non_secret_value"]
