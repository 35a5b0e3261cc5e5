"""XFA7xx: security."""

from __future__ import annotations

import ast
import math
import re

from .. import lazy_re
from ..context import FASTAPI_APP_FACTORIES, FUNCTION_TYPES, Context, comment_of, has_kwargs_splat, keyword, string_value
from ..registry import moved_off, rule, visitor
from .lifecycle import secret_field_name
from .observability import log_call, words_of

XFA701 = rule(
    "XFA701",
    "hardcoded-credential",
    default=False,
    precision=moved_off("2 of 3", reading="sixth", earlier="1 of 20", pooled_over="third and fifth readings"),
    seeds=("004",),
    message="hardcoded credential in {where}; read it from the environment through your settings (BaseSettings field without a default, or SecretStr)",
    what="""
        Reports a string literal judged by what it is. Whatever name holds it: a value
        shaped like a live credential of a known service — Stripe `sk_live_…`/`rk_live_…`,
        GitHub `ghp_…`/`gho_…`/`github_pat_…`, Slack `xoxb-…`/`xoxp-…`, AWS `AKIA…` access
        key ids, Anthropic `sk-ant-…`, OpenAI-style `sk-…` keys of realistic length and
        entropy (also after `Bearer `), and PEM `-----BEGIN … PRIVATE KEY-----` blocks with
        a key body — and a URL with an inline password (`scheme://user:pass@host`). Under a
        secret's name (assigned to, passed as, or the default of a name that ends in
        `secret`, `password`, `token`, `api_key`, `private_key`, `secret_key`,
        `client_secret`: `SECRET_KEY = "..."`, `connect(password="...")`, `def
        login(password="admin")`), a value shaped like a secret someone holds: a
        well-known weak default (`"changeme"`, `"secret"`, `"admin"`, `"root"`), a homemade
        secret word (`"supersecretvalue"`), or a string that mixes letters with digits or
        symbols (`"s3cr3t!"`, `"a8f5f167f44f4964…"`); not a name, a label or a marker.
        Test files (the tests layer) and pytest fixtures are not checked. Scripts (the
        scripts layer: CI and deploy scripts, migrations, seed commands), seed, fixture and
        example modules (`seed*.py`, `initial_data.py`, `fixtures/`, `seeds/`,
        `example*/`, documentation vignettes under `vignettes/`), benchmark and load-test harnesses (`benchmarks/`, `acme-benchmark/`,
        `locustfile.py`), seed functions (`seed_users()`, `populate_demo_data()`) and a
        product's built-in development data (`create_default_connections()`,
        `create_dev_user()`) are checked for live key shapes only: their passwords and URLs
        are development defaults.
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
        "Obvious non-secrets: dummy words (`\"test\"`, `\"foo\"`, `\"dummy\"`, `\"fake\"`, `\"example\"`), a value equal to its own name (`apiKey = \"apiKey\"`), enum members, empty strings, `\"...\"`, strings of one repeated character (`\"xxxx\"`, `\"****\"`), strings with spaces, templates (`{password}`, `${VAR}`).",
        "Labels, names and identifiers under a secret's name: a name whose other words say it labels the secret (`COOKIE_NAME_JWT_TOKEN = \"_token\"`, `RESOURCE_PASSWORD`, `HEADER_API_KEY`); values starting or ending with `_`/`-`/`.`/`:` (`\"_token\"`, `\"tok_\"`); capitalised words (`\"Passwords\"`, `\"RefreshToken\"`); lower-case words and kebab/snake/dotted labels (`token=\"ui-token\"`, `api_key=\"failed-to-connect-to-db\"`, `password=\"airflow\"`), unless a weak default; `urn:` identifiers (`\"urn:ietf:params:oauth:token-type:access_token\"`); public keys by design (PostHog `phc_…`, Stripe publishable `pk_live_…`/`pk_test_…`, and any key whose name says it is public: `WEB_CLIENT_PUBLIC_API_KEY`, `PUBLISHABLE_KEY`; a live key shape there is still reported).",
        "OpenAPI example payloads: values inside `example=`/`examples=`/`openapi_examples=`/`json_schema_extra` (also `schema_extra` and `{\"example\": ...}` dicts), such as `\"postgres://postgres:postgres@localhost/db\"`; a live key shape there is still reported.",
        "A PEM header without a key body (`\"-----BEGIN PRIVATE KEY-----\"`, a marker to search for).",
        "Values that name a secret rather than hold it: upper snake case names (`\"APP_AWS_SECRET_ACCESS_KEY\"`, `token = \"GITHUB_TOKEN\"`, `\"EMPTY\"`), field names (`PASSWORD_FIELD = \"password\"`; also a module or class constant the file only ever uses as a mapping key — `{self._PASSWORD_SECRET_KEY: password}`, `data.get(...)`, `key=...` — the key of a field in a Kubernetes Secret), dotted configuration keys (`\"auth.jwt.secret\"`) and file names (`\"tls.key\"`, `\"ca.crt\"`).",
        "Sentinels and stream markers: `\"__pending_bot_token__\"`, `\"[TURN_END]\"`, `\"[SEP]\"`, `\"<|im_end|>\"`, `\"</s>\"`; and tokens in the NLP sense, named `eos_token`, `pad_token`, `mask_token`, `stop_token`, `termination_token` and the like.",
        "Placeholders and the dummy keys of keyless local providers: `api_key=\"sk-placeholder\"`, `\"sk-xxxx\"`, `\"sk-...\"`, `\"your-api-key\"`, `api_key=\"ollama\"`, `\"lm-studio\"`, `\"EMPTY\"`, `\"not-needed\"`; and values in a live key format that are made up (`\"AKIAIOSFODNN7EXAMPLE\"`, `\"sk_live_xxxx…\"`, counting sequences).",
        "Lower-case labels (`\"healthcheck\"`) passed in a health-probe function (`health_check()`, `readiness_probe()`).",
        "Names about a secret that are not the secret: `token_type = \"bearer\"`, `token_url`, `password_min_length`.",
        "Environment lookups (`os.getenv(\"SECRET\", \"dev\")`, `os.environ.get(...)`) and `Field(...)` values, unless the value has a live key shape.",
        "Settings fields: class bodies of `BaseSettings` subclasses and classes named `*Settings` (XFA610 reports those); a live key shape there is reported when XFA610 does not check the field's name.",
        "Test files and pytest fixtures; passwords, URLs and placeholder secrets (`\"changeme\"`, `\"secret\"`) in scripts, seed, fixture and example modules (`example*/`, `vignettes/`), benchmark and load-test harnesses, seed functions and built-in development data (`create_default_connections()`, `create_dev_user()`).",
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
        usual variants. Test files and scripts (the tests and scripts layers) are checked
        too: a test that builds such a token mirrors the format the application issues.
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
        "In test files, a stand-in for a token the identity provider issues: a payload with a "
        "claim IdPs put in their access tokens (`email_verified`, `phone_number_verified`, "
        "`preferred_username`, `realm_access`, `resource_access`), or whose `iss` is an identity "
        "provider's URL (`https://acme.eu.auth0.com/`, Okta, Cognito, Entra ID, a Keycloak "
        "`/realms/` URL). The application reads those tokens, it does not mint them. In application "
        "code such a payload is still reported: an application copying `email_verified` into its "
        "own token carries the e-mail too.",
        "In test files, a token signed with an asymmetric algorithm (`RS256`, `ES256`, `PS256`, "
        "`EdDSA`) under a `kid` header (`headers={\"kid\": ...}`): a key published in a JWKS, so "
        "the token stands in for an external issuer's (an IdP passthrough test). An HS256 test "
        "token, and any such payload in application code, is still reported.",
        "A token only decoded again in the same function (`token = jwt.encode({...}, private_key)` "
        "then `jwt.decode(token, public_key, ...)`: a check that a key pair matches); it reaches nobody.",
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
    ),
)

XFA704 = rule(
    "XFA704",
    "jwt-verification-disabled",
    default=False,
    precision=moved_off("0 of 3", third="1 of 9"),
    seeds=("002",),
    message="jwt.decode() {problem}; verify the signature and pin the algorithm: jwt.decode(token, key, algorithms=[\"HS256\"])",
    what="""
        Reports `jwt.decode(...)` (PyJWT or python-jose) with
        `options={"verify_signature": False}`, with `verify=False`, or without
        `algorithms=`. An unverified decode is not reported when its claims are only read
        (`claims["exp"]`, `claims.get("iat")`, `"exp" in claims`) for the expiry
        (`exp`, `iat`, `nbf`), or only for the claims that pick the key (`iss`, `kid`,
        `alg`, `aud`, `azp`, `tid`, `typ`) and a verified decode of the same token follows
        in the same function, and when a function named for it (`get_unverified_claims`)
        returns it; nor when the function itself just received the token from the identity
        provider's token endpoint (`resp = await client.post(token_url, ...)`,
        `jwt.decode(resp.json()["id_token"], ...)`, `await oauth.fetch_token(...)`: OIDC Core
        3.1.3.7 lets a client skip the signature check of an ID token it got over TLS
        straight from the provider); nor in a function whose docstring says it does not
        verify ("Decode the claims without signature verification.") or below a
        comment that says why (`# signature already verified by the SSO library`). Test
        files (the tests layer) are not checked; scripts (the scripts layer: CI and deploy
        scripts) are.
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
        "An unverified decode that only picks the key (`unverified[\"iss\"]`, `unverified.get(\"kid\")`) "
        "followed by a verified `jwt.decode` of the same token in the same function; `jwt.get_unverified_header()`.",
        "An unverified decode whose claims are only read for `exp`/`iat`/`nbf` (the expiry of a token the "
        "server issued and stored itself).",
        "A helper named for what it does that returns the unverified decode, directly or through a variable "
        "(`def get_unverified_claims(token): return jwt.decode(token, options={\"verify_signature\": False})`).",
        "A function documented for it (`\"\"\"Unverified: not for authentication.\"\"\"`, `\"without signature verification\"`), "
        "or a decode below a comment that gives the reason (`# the signature is already verified by fastapi_sso`, `# not for auth`).",
        "The `id_token`/`access_token` of a token-endpoint response the same function requested "
        "(`client.post(token_url, ...)` then `.json()[\"id_token\"]`, also through local names, `self.` attributes "
        "and converters such as `str(...)`/`Adapter.validate_python(...)`; authlib's `fetch_token`/`authorize_access_token`). "
        "A token that comes from the request (`await request.json()`, a header, a parameter) is still reported.",
        "Test files: a test reads the claims of a token it made itself.",
        "Decodes that trust nothing (fourth reading): a claim read only in an `assert` (`assert "
        "payload[\"sub\"] == self.user_id` next to an expiry check); a payload only handed to a "
        "logger (`logger.info(..., extra={\"payload\": payload})` after the token was rejected); a "
        "token taken from the claims of an outer token the same function decoded with its signature "
        "verified and the algorithm pinned (`decoded = jwt.decode(signed, key, algorithms=[...]); "
        "jwt.decode(decoded[\"access_token\"], options={\"verify_signature\": False})`).",
    ),
)

XFA705 = rule(
    "XFA705",
    "weak-password-hash",
    default=False,
    precision=moved_off("0 of 2", reading="sixth", earlier="7 of 8", pooled_over="third and fifth readings"),
    seeds=("004",),
    message="password hashed with fast {algorithm}; use a password hash: argon2 (argon2-cffi, pwdlib) or bcrypt",
    what="""
        Reports `hashlib.md5/sha1/sha224/sha256/sha384/sha512(...)` (and `hashlib.new("md5",
        ...)`) whose argument mentions a password: a name ending in `password`, `passwd`
        or `pwd`, also through `.encode()` chains and concatenations
        (`hashlib.sha256((salt + password).encode()).hexdigest()`). Test files and scripts
        (the tests and scripts layers) are checked too: a weak hash there is as weak.
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
        "A hash declared to be no security use: `hashlib.sha1(password.encode(), usedforsecurity=False)` "
        "(the SHA-1 prefix a k-anonymity breach lookup sends).",
        "A pre-hash for a password hash in the same function: the fast digest goes into "
        "`bcrypt.hashpw`/`bcrypt.checkpw`, argon2, passlib, pwdlib or `hashlib.scrypt` "
        "(`pwd = hashlib.sha256(pwd).digest()` for bcrypt's 72-byte limit, then "
        "`bcrypt.hashpw(pwd, salt)`). A fast digest that is stored or returned is still reported.",
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
        an expression, or `None`). Test files (the tests layer) are not checked; scripts
        (the scripts layer) are, though they rarely build the application.
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
#: ``<word>_token`` names a token in the NLP/stream sense (a vocabulary entry or a marker
#: in a stream of text), not a credential: ``eos_token="</s>"``, ``termination_token``
_MARKER_TOKEN_WORDS = frozenset(
    {
        "eos", "bos", "pad", "padding", "unk", "unknown", "sep", "cls", "mask", "stop", "start", "end",
        "begin", "eot", "eom", "eog", "special", "image", "img", "audio", "video", "vision", "turn",
        "think", "thinking", "reasoning", "tool", "assistant", "human", "placeholder", "termination",
        "terminate", "finish", "done", "sentinel", "marker", "delimiter", "boundary", "separator",
        "newline", "prompt", "completion", "additional", "chunk", "split", "pause", "break",
    }
)
_VALUE_WORDS = frozenset({"secret", "password", "passwd", "pwd", "token", "apikey", "key", "authorization"})
#: values that are obviously not a credential anywhere (unlike "changeme" or "secret",
#: the defaults that survive into production, which stay reported outside dev tooling)
_DUMMY_VALUES = frozenset(
    {"test", "testing", "foo", "bar", "baz", "qux", "dummy", "fake", "example", "sample", "none", "null", "undefined", "todo", "tbd"}
)
#: the "keys" of keyless local model servers and the words that say no key is needed
#: (compared squashed: lower case, without ``-``/``_``/``.``/spaces)
_KEYLESS_VALUES = frozenset(
    {
        "ollama", "lmstudio", "vllm", "llamacpp", "localai", "xinference", "gpt4all",
        "notneeded", "notrequired", "noneed", "nokey", "noapikey", "nokeyneeded", "sknokeyneeded",
        "noauth", "notused", "unused", "empty", "nil", "na", "notapplicable", "notset", "unset",
        "anything", "ignored",
    }
)
#: a part of a value that marks it as a stand-in: ``sk-placeholder``, ``your-api-key``
_PLACEHOLDER_PARTS = frozenset(
    {"placeholder", "dummy", "fake", "example", "sample", "mock", "redacted", "your", "yours", "replace", "replaceme", "insert", "fixme"}
)
_ENUM_BASES = ("Enum", "StrEnum", "IntEnum", "Flag", "IntFlag")
#: an environment variable (or other constant) name in upper snake case: ``APP_API_TOKEN``
_UPPER_SNAKE = lazy_re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
_UPPER_WORD = lazy_re.compile(r"^[A-Z]{2,24}$")
_ENV_NAME = lazy_re.compile(r"^[A-Z][A-Z0-9_]*$")
_FIELD_NAME = lazy_re.compile(r"^[a-z][a-z0-9_]*$")
#: a dotted configuration key: ``auth.jwt.secret``, ``providers.openai.api_key``
_DOTTED_KEY = lazy_re.compile(r"^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+$")
#: a file name: ``"ca.crt"``, ``"tls.key"`` (a key of a Kubernetes Secret, a mounted file)
_FILE_NAME = lazy_re.compile(r"^[a-z0-9][a-z0-9_-]*\.(?:crt|cer|cert|pem|key|pub|csr|json|txt|ya?ml|env|p12|pfx|jks|conf|cfg|ini|toml)$")
_SENTINEL = lazy_re.compile(r"^__[A-Za-z0-9_]+__$")
_BRACKET_MARKER = lazy_re.compile(r"^\[[^\[\]\s]{1,40}\]$")
_HEADER_NAME = lazy_re.compile(r"^X-[A-Za-z0-9-]+$")
_INLINE_PASSWORD = lazy_re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://([^:/@\s]*):([^@/\s]+)@[^\s]")
_PARTS = lazy_re.compile(r"[^A-Za-z0-9]+")
_ENV_LOOKUPS = frozenset(
    {"os.getenv", "os.environ.get", "os.environ.setdefault", "os.environ.pop", "environ.get", "getenv", "decouple.config"}
)
_SETTINGS_BASES = frozenset(
    {"pydantic_settings.BaseSettings", "pydantic.BaseSettings", "pydantic.v1.BaseSettings", "starlette.config.Config"}
)

#: values with the shape of a live credential of a known service, whatever name holds
#: them; ``(pattern, what)``, matched against the whole value (an optional ``Bearer `` /
#: ``token `` prefix allowed)
_LIVE_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (lazy_re.compile(r"(?:sk|rk)_live_[0-9A-Za-z]{16,}"), "a Stripe live key (sk_live_…)"),
    (lazy_re.compile(r"gh[pousr]_[A-Za-z0-9]{36,}"), "a GitHub token (ghp_…)"),
    (lazy_re.compile(r"github_pat_[A-Za-z0-9_]{40,}"), "a GitHub token (github_pat_…)"),
    (lazy_re.compile(r"xox[abposr]-[0-9A-Za-z]+(?:-[0-9A-Za-z]+){1,5}"), "a Slack token (xoxb-…)"),
    (lazy_re.compile(r"AKIA[0-9A-Z]{16}"), "an AWS access key id (AKIA…)"),
    (lazy_re.compile(r"sk-ant-[A-Za-z0-9_-]{32,}"), "an Anthropic API key (sk-ant-…)"),
    (lazy_re.compile(r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}"), "an OpenAI API key (sk-…)"),
)
_PEM_PRIVATE_KEY = lazy_re.compile(
    r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----\s*(?:[A-Za-z0-9-]+:[^\n]*\n)*\s*([A-Za-z0-9+/=\s]{40,})-----END"
)
#: the first two characters of a value :func:`live_credential` can match
_LIVE_HEADS = frozenset({"sk", "rk", "gh", "gi", "xo", "AK", "Be", "be", "to", "To", "Ba"})
_AUTH_PREFIX = lazy_re.compile(r"^(?:Bearer|bearer|token|Token|Basic)\s+")
_SEQUENCES = ("0123456", "1234567", "abcdefg", "qwerty")


def names_credential(name: str) -> bool:
    words = words_of(name)
    while len(words) > 1 and words[-1] in _CREDENTIAL_TAILS:
        words.pop()
    if not words:
        return False
    last = words[-1]
    if last in ("token", "tokens") and len(words) >= 2 and words[-2] in _MARKER_TOKEN_WORDS:
        return False  # ``eos_token``, ``pad_token``: a vocabulary entry or stream marker
    if last in _CREDENTIAL_WORDS:
        return True
    if len(words) >= 2 and words[-2] + last in _CREDENTIAL_PAIRS:
        return True
    return last.endswith("password") or last.endswith("secret")


def live_credential(value: str) -> str | None:
    """What kind of live credential ``value`` is shaped like (``"a GitHub token (ghp_…)"``),
    or ``None``: provider key formats, and PEM private-key blocks with a key body."""
    stripped = value.strip()
    if len(stripped) < 20:
        return None
    if "PRIVATE KEY-----" in stripped:
        match = _PEM_PRIVATE_KEY.search(stripped)
        if match is not None and not _stand_in_body(match.group(1)):
            return "a PEM private key block"
        return None
    if " " in stripped:
        stripped = _AUTH_PREFIX.sub("", stripped, count=1)
    for pattern, what in _LIVE_SHAPES:
        if pattern.fullmatch(stripped) and not _stand_in_body(stripped):
            if what.startswith("an OpenAI") and not _random_looking(stripped.split("-", 1)[1]):
                return None
            return what
    return None


def _stand_in_body(text: str) -> bool:
    """A made-up value in a real key format: ``ghp_xxxx…``, ``AKIAIOSFODNN7EXAMPLE``, ``sk-…1234567``."""
    lowered = text.lower()
    if any(word in lowered for word in ("example", "dummy", "fake", "placeholder", "sample", "redacted", "xxxx", "your")):
        return True
    if any(seq in lowered for seq in _SEQUENCES):
        return True
    body = _PARTS.sub("", text)
    return len(set(body)) < 8  # ``sk_live_aaaa…``, ``0000…``


def _random_looking(body: str) -> bool:
    """An OpenAI-style key body: letters of both cases and digits, high character entropy."""
    if not (any(c.isdigit() for c in body) and any(c.islower() for c in body) and any(c.isupper() for c in body)):
        return False
    counts: dict[str, int] = {}
    for ch in body:
        counts[ch] = counts.get(ch, 0) + 1
    n = len(body)
    entropy = -sum(c / n * math.log2(c / n) for c in counts.values())
    return entropy >= 4.0


def non_secret_value(value: str, name: str | None = None) -> bool:
    """Values that cannot be a real credential, or are a name rather than a value."""
    stripped = value.strip()
    if not stripped or stripped == "..." or len(set(stripped)) == 1:
        return True
    if live_credential(stripped) is not None:
        return False  # a live key format, whatever else it looks like
    lowered = stripped.lower()
    if lowered in _DUMMY_VALUES:
        return True
    if name is not None and _squash(stripped) == _squash(name):
        return True  # ``apiKey = "apiKey"``: an enum member or a key name
    if stripped.startswith("-----BEGIN") and "PRIVATE KEY" in stripped:
        return False  # a PEM private key
    if any(ch.isspace() for ch in stripped):
        return True  # a sentence or a help text
    if "{" in stripped or "$" in stripped or "%(" in stripped or stripped.startswith("<"):
        return True  # a template, or a marker: ``<|endoftext|>``, ``</s>``
    if _SENTINEL.match(stripped) or _BRACKET_MARKER.match(stripped):
        return True  # a sentinel or a stream marker: ``__pending__``, ``[TURN_END]``
    if _UPPER_SNAKE.match(stripped) or _UPPER_WORD.match(stripped):
        return True  # an environment variable name or a constant word: ``APP_API_TOKEN``, ``EMPTY``
    if _ENV_NAME.match(stripped) and _VALUE_WORDS.intersection(words_of(stripped)):
        return True  # an environment variable name: ``token = "GITHUB_TOKEN"``
    if "_" in stripped and _FIELD_NAME.match(stripped) and _VALUE_WORDS.intersection(stripped.split("_")):
        return True  # a field or form name: ``PASSWORD_FIELD = "password"``
    if _DOTTED_KEY.match(stripped) and _VALUE_WORDS.intersection(words_of(stripped)):
        return True  # a configuration key: ``"auth.jwt.secret"``
    if _FILE_NAME.match(stripped):
        return True  # a file name: ``_CA_KEY_SECRET_KEY = "ca.key"``
    if lowered in ("authorization", "bearer") or _HEADER_NAME.match(stripped):
        return True  # a header name or scheme
    if "://" in stripped:
        return _INLINE_PASSWORD.match(stripped) is None  # a URL is a secret only with a password in it
    if stripped.startswith("/"):
        return True  # a path: ``token = "/auth/token"``
    if _squash(stripped).replace(".", "") in _KEYLESS_VALUES:
        return True  # the dummy key of a keyless local provider: ``api_key="ollama"``, ``"not-needed"``
    parts = [p for p in _PARTS.split(lowered) if p]
    if "..." in stripped or any(p in _PLACEHOLDER_PARTS or (len(p) >= 3 and len(set(p)) == 1) for p in parts):
        return True  # a stand-in: ``sk-placeholder``, ``your-api-key``, ``sk-xxxx``, ``sk-...``
    return False


def _squash(text: str) -> str:
    return text.lower().replace("_", "").replace("-", "")


#: the well-known weak passwords and default secrets an application ends up running with
#: (compared squashed: lower case, without ``-``/``_``)
_WEAK_DEFAULTS = frozenset(
    {
        "changeme", "changeit", "changethis", "changemenow", "secret", "secrets", "supersecret",
        "topsecret", "mysecret", "verysecret", "secretkey", "mysecretkey", "supersecretkey",
        "jwtsecret", "password", "passw0rd", "p@ssw0rd", "p@ssword", "mypassword", "letmein",
        "admin", "administrator", "root", "toor", "qwerty", "welcome", "pass",
        "hunter2", "s3cr3t", "secret123", "password123", "admin123", "12345678", "123456",
    }
)
#: parts of a single-word value that make it a homemade secret: ``"mysecretvalue"``
_WEAK_STEMS = ("secret", "passw", "changeme", "letmein")
#: a value that names, labels or marks rather than holds: ``"_token"``, ``"ui-token"``,
#: ``"Passwords"``, ``"SecretKey"``, ``"failed-to-connect-to-db"``, ``"api.v2.key"``
_EDGE_SEPARATORS = "_-.:/"
_LOWER_LABEL = lazy_re.compile(r"^[a-z]+(?:[-_.](?:[a-z]+|v?\d{1,2}))*$")
_CAMEL_LABEL = lazy_re.compile(r"^(?:[A-Z][a-z]+)+$")
#: public keys by design (write-only project keys, publishable keys shipped to browsers)
_PUBLIC_KEY_PREFIXES = ("phc_", "pk_live_", "pk_test_")
_SYMBOLS = frozenset("!@#$%^&*+=?~|;,<>()[]{}'\"`")
#: words of a name that say its value is a label for a secret, not the secret:
#: ``COOKIE_NAME_JWT_TOKEN``, ``RESOURCE_PASSWORD``, ``HEADER_API_KEY``
_LABEL_NAME_WORDS = frozenset(
    {
        "name", "names", "field", "fields", "header", "headers", "label", "labels", "type", "types",
        "kind", "resource", "resources", "env", "envvar", "var", "variable", "param", "parameter",
        "column", "attr", "attribute", "prefix", "suffix", "pattern", "regex", "format", "placeholder",
        "hint", "path", "endpoint", "route", "file", "filename", "claim", "location", "query",
    }
)


#: words of a name that say its value is published by design: ``YOUTUBE_PUBLIC_API_KEY``
_PUBLIC_NAME_WORDS = frozenset({"public", "publishable"})


def _label_name(name: str) -> bool:
    """``COOKIE_NAME_JWT_TOKEN``: a word before the secret word says the value labels it;
    ``WEB_PUBLIC_API_KEY``: one says the key is public by design (a live key shape there is
    still reported)."""
    words = words_of(name)
    return bool(_LABEL_NAME_WORDS.intersection(words[:-1]) or _PUBLIC_NAME_WORDS.intersection(words[:-1]))


def held_secret(value: str) -> bool:
    """``value``, found under a secret's name, has the shape of a secret someone holds — a
    well-known weak default (``"changeme"``, ``"admin"``), a homemade secret word
    (``"supersecretvalue"``) or a string mixing letters with digits or symbols
    (``"s3cr3t!"``, ``"a8f5f167f44f4964"``) — rather than of a label, a name or a marker
    (``"_token"``, ``"ui-token"``, ``"Passwords"``, ``"urn:ietf:params:oauth:token-type:jwt"``,
    ``"airflow"``)."""
    stripped = value.strip()
    if not stripped:
        return False
    if _INLINE_PASSWORD.match(stripped):
        return True
    if stripped.lower().startswith("urn:") or stripped.startswith(_PUBLIC_KEY_PREFIXES):
        return False  # an identifier (``urn:ietf:params:oauth:…``) or a public project key
    if stripped[0] in _EDGE_SEPARATORS or stripped[-1] in _EDGE_SEPARATORS:
        return False  # a name, prefix or suffix: ``"_token"``, ``"token:"``
    squashed = _squash(stripped)
    if squashed in _WEAK_DEFAULTS:
        return True
    if _CAMEL_LABEL.match(stripped):
        return False  # a resource or class name: ``"Passwords"``, ``"SecretKey"``
    if stripped.isalpha() and stripped.islower():
        return any(stem in stripped for stem in _WEAK_STEMS)  # ``"supersecretvalue"``; not ``"airflow"``
    if _LOWER_LABEL.match(stripped):
        return False  # a kebab/snake/dotted label: ``"ui-token"``, ``"failed-to-connect-to-db"``
    if len(stripped) < 6:
        return False
    has_letter = any(c.isalpha() for c in stripped)
    has_digit = any(c.isdigit() for c in stripped)
    has_symbol = any(c in _SYMBOLS for c in stripped)
    return has_letter and (has_digit or has_symbol) or has_digit and has_symbol


#: function names (words) of development data loaders: their passwords are dev defaults
_SEED_WORDS = frozenset({"seed", "seeds", "seeder", "seeding", "populate", "demo", "fixture", "fixtures", "fake", "faker"})
#: module stems and directories of development data: ``seed.py``, ``initial_data.py``, ``fixtures/``
_SEED_STEMS = frozenset({"initial_data", "init_data", "demo_data", "sample_data", "dev_data", "fake_data", "mock_data", "test_data"})
_SEED_DIRS = frozenset({"seed", "seeds", "seeders", "seeding", "fixtures", "demo", "demos"})
#: directories of documentation examples besides ``example*/``: ``internal_docs/vignettes/``
_EXAMPLE_DIRS = frozenset({"vignette", "vignettes"})
#: function names (words) of health probes; labels they pass to an auth object are not secrets
_PROBE_WORDS = frozenset({"health", "healthcheck", "healthz", "probe", "liveness", "readiness", "livez", "readyz", "ping", "heartbeat"})
_LABEL = lazy_re.compile(r"^[a-z][a-z_-]{0,31}$")


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


def _dev_tooling(ctx: Context) -> bool:
    """Scripts (CI, migrations, seed commands), seed/fixture modules and seed functions:
    their passwords and URLs are development defaults; only live key shapes count there."""
    if ctx.memo("xfa701_dev_module", lambda: ctx.is_script or _seed_module(ctx.filename)):
        return True
    return any(frame.kind == "function" and _dev_data_function(frame.node) for frame in ctx.frames)


def _dev_data_function(fn: ast.AST) -> bool:
    """A seed function or one that sets up a product's development data, by its name."""
    words = words_of(getattr(fn, "name", ""))
    if _SEED_WORDS.intersection(words):
        return True
    # ``create_default_connections()``, ``create_dev_user()``: built-in or development data
    return bool((_BUILTIN_WORDS.intersection(words) or _DEV_WORDS.intersection(words)) and _SETUP_WORDS.intersection(words))


#: ``create_default_connections()``, ``init_builtin_users()``, ``load_initial_data()``
_BUILTIN_WORDS = frozenset({"default", "defaults", "builtin", "initial", "bundled", "bootstrap"})
#: ``create_dev_user()``, ``setup_development_accounts()``
_DEV_WORDS = frozenset({"dev", "development"})
_SETUP_WORDS = frozenset({"create", "init", "initialize", "setup", "load", "install", "ensure", "add", "insert", "register", "populate", "bootstrap"})


def _seed_module(path: str) -> bool:
    parts = path.replace("\\", "/").lower().split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    if stem in _SEED_STEMS or _SEED_WORDS.intersection(stem.split("_")) or stem.startswith("example"):
        return True
    if benchmark_module(path):
        return True  # a load-test harness logs in as the users the dev seed created
    return any(p in _SEED_DIRS or p in _EXAMPLE_DIRS or p.startswith("example") for p in parts[:-1])


#: words of a directory (``benchmarks/``, ``acme-benchmark/``, ``acme_benchmark/``) or module
#: that holds a benchmark or load-test harness: development tooling that serves no requests
_BENCHMARK_WORDS = frozenset({"benchmark", "benchmarks", "loadtest", "loadtests", "locustfile"})


def benchmark_module(path: str) -> bool:
    """The file belongs to a benchmark or load-test harness (``packages/acme-benchmark/``,
    ``benchmarks/``, ``load_test.py``, ``locustfile.py``)."""
    parts = path.replace("\\", "/").lower().split("/")
    parts[-1] = parts[-1].rsplit(".", 1)[0]
    for part in parts:
        words = [w for w in re.split(r"[-_.]+", part) if w]
        pairs = {a + b for a, b in zip(words, words[1:])}
        if _BENCHMARK_WORDS.intersection(words) or _BENCHMARK_WORDS.intersection(pairs):
            return True  # ``load_test.py``, ``load-tests/`` too
    return False


#: keywords, dict keys and names that hold an OpenAPI example payload
_EXAMPLE_HOLDERS = frozenset({"example", "examples", "openapi_examples", "json_schema_extra", "schema_extra"})


def _in_example_payload(ctx: Context) -> bool:
    """The value is part of an example payload: ``Field(examples=[...])``,
    ``model_config = {"json_schema_extra": {"example": {...}}}``, ``class Config: schema_extra = ...``."""
    ancestors = ctx.ancestors
    for i, ancestor in enumerate(ancestors):
        if isinstance(ancestor, ast.keyword) and ancestor.arg in _EXAMPLE_HOLDERS:
            return True
        if isinstance(ancestor, ast.Dict):
            child = ancestors[i + 1] if i + 1 < len(ancestors) else ctx.node
            for key, item in zip(ancestor.keys, ancestor.values):
                if item is child and string_value(key) in _EXAMPLE_HOLDERS:
                    return True
        if isinstance(ancestor, (ast.Assign, ast.AnnAssign)):
            targets = ancestor.targets if isinstance(ancestor, ast.Assign) else [ancestor.target]
            if any(_target_name(t) in _EXAMPLE_HOLDERS for t in targets):
                return True
    return False


def _in_probe(ctx: Context) -> bool:
    return any(
        frame.kind == "function" and _PROBE_WORDS.intersection(words_of(getattr(frame.node, "name", "")))
        for frame in ctx.frames
    )


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


def _report_credential(
    value: ast.AST | None, where: str, ctx: Context, name: str | None = None, owner: ast.AST | None = None
) -> None:
    """``owner``: the function whose parameter default ``value`` is (not yet a frame)."""
    text = string_value(value)
    if text is None or non_secret_value(text, name):
        return
    done = ctx.frames[0].data.setdefault("xfa701_done", set())
    if id(value) in done:
        return
    if _exempt_scope(ctx):
        return
    live = live_credential(text)
    if live is None:
        if name is not None and (_label_name(name) or not held_secret(text)):
            return  # a label, a name or a marker, not a secret someone holds
        if _dev_tooling(ctx) or owner is not None and _dev_data_function(owner):
            return  # a development default in a script, seed or example module
        if _LABEL.match(text.strip()) and _in_probe(ctx):
            return  # a label a health probe passes to an auth object
        if _in_example_payload(ctx):
            return  # an OpenAPI example payload documents the shape of a value
    done.add(id(value))
    ctx.report(value, XFA701, where=where)  # type: ignore[arg-type]


def _target_name(target: ast.AST) -> str | None:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    return None


_MAPPING_KEY_METHODS = frozenset({"get", "pop", "setdefault", "__getitem__", "__contains__"})


def _mapping_key_uses(ctx: Context) -> dict[str, tuple[int, int]]:
    """For each name read in the file (``X`` or ``self.X``/``Cls.X``): how many reads, and how
    many of them are keys of a mapping — a dict display's key, a subscript index, the first
    argument of ``.get``/``.pop``/``.setdefault``, or a ``key=`` argument."""

    def compute() -> dict[str, tuple[int, int]]:
        uses: dict[str, list[int]] = {}
        keys: set[int] = set()
        for node in ast.walk(ctx.tree):
            if isinstance(node, ast.Dict):
                keys.update(id(k) for k in node.keys if k is not None)
            elif isinstance(node, ast.Subscript):
                keys.add(id(node.slice))
            elif isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Attribute) and func.attr in _MAPPING_KEY_METHODS and node.args:
                    keys.add(id(node.args[0]))
                keys.update(id(kw.value) for kw in node.keywords if kw.arg == "key")
        for node in ast.walk(ctx.tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                name = node.id
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name):
                name = node.attr
            else:
                continue
            counts = uses.setdefault(name, [0, 0])
            counts[0] += 1
            if id(node) in keys:
                counts[1] += 1
        return {name: (c[0], c[1]) for name, c in uses.items()}

    return ctx.memo("xfa701_mapping_key_uses", compute)


def _only_mapping_key(name: str, ctx: Context) -> bool:
    """A module or class constant that the file reads, and only ever as the key of a mapping
    (``{self._PASSWORD_SECRET_KEY: password}``, ``data.get(self._PASSWORD_SECRET_KEY)``,
    ``key=self._PASSWORD_SECRET_KEY``): it names a field of a secret (a Kubernetes Secret's
    key), it does not hold one (seventh reading)."""
    reads, as_key = _mapping_key_uses(ctx).get(name, (0, 0))
    return reads > 0 and reads == as_key


@visitor(ast.Assign, ast.AnnAssign, codes=(XFA701,))
def credential_assignments(node: ast.Assign | ast.AnnAssign, ctx: Context) -> None:
    value = node.value
    if not isinstance(value, ast.Constant) or not isinstance(value.value, str):
        return
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    for target in targets:
        name = _target_name(target)
        if name is not None and names_credential(name):
            if live_credential(value.value) is None and ctx.function is None and _only_mapping_key(name, ctx):
                return  # ``_PASSWORD_SECRET_KEY = "password"``: the key of a field, used only as one
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
            _report_credential(default, f"the default of {arg.arg}", ctx, arg.arg, owner=node)


@visitor(ast.Constant, codes=(XFA701,))
def credential_constants(node: ast.Constant, ctx: Context) -> None:
    value = node.value
    if value.__class__ is not str:
        return
    if "://" in value and "@" in value:
        _inline_password_url(node, value, ctx)
    if len(value) >= 20 and (value.lstrip()[:2] in _LIVE_HEADS or "PRIVATE KEY-----" in value):
        _live_credential(node, value, ctx)


def _inline_password_url(node: ast.Constant, value: str, ctx: Context) -> None:
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


def _live_credential(node: ast.Constant, value: str, ctx: Context) -> None:
    """A value shaped like a live key is reported whatever holds it (outside tests and
    pytest fixtures), also in scripts, environment-lookup fallbacks and settings classes
    (unless XFA610 reports the field)."""
    what = live_credential(value)
    if what is None or ctx.is_test:
        return
    if isinstance(ctx.parent, (ast.Expr, ast.JoinedStr)):
        return  # docstrings (key formats shown in documentation), f-string pieces
    done = ctx.frames[0].data.setdefault("xfa701_done", set())
    if id(node) in done:
        return
    for frame in ctx.frames:
        if frame.kind == "function" and _is_fixture(frame.node, ctx):
            return
        if frame.kind == "class" and _is_settings_class(frame.node, ctx) and _xfa610_field(ctx):  # type: ignore[arg-type]
            return
    done.add(id(node))
    ctx.report(node, XFA701, where=f"a string shaped like {what}")


def _xfa610_field(ctx: Context) -> bool:
    """The constant is the default of a settings field whose name XFA610 checks."""
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, ast.AnnAssign):
            target = ancestor.target
        elif isinstance(ancestor, ast.Assign) and len(ancestor.targets) == 1:
            target = ancestor.targets[0]
        else:
            continue
        return isinstance(target, ast.Name) and secret_field_name(target.id)
    return False


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
#: claims an identity provider puts in the tokens it issues (OIDC Core §5.1, Keycloak's
#: role claims); in a test, a payload with one of them fakes the IdP's token, which the
#: application reads but does not mint (fourth reading: a Keycloak access token stand-in)
_IDP_TOKEN_KEYS = frozenset(
    {"email_verified", "phone_number_verified", "preferred_username", "realm_access", "resource_access"}
)


#: hosts (and a path) of identity providers' issuers: a test payload whose ``iss`` names one
#: fakes the IdP's token (``"iss": "https://test-tenant.auth0.com/"``), which the application
#: verifies but does not mint
_IDP_ISSUER_HOSTS = (
    "auth0.com", "okta.com", "oktapreview.com", "amazoncognito.com", "cognito-idp.", "login.microsoftonline.com",
    "sts.windows.net", "b2clogin.com", "accounts.google.com", "securetoken.google.com", "clerk.accounts.dev",
    "onelogin.com", "fusionauth.io", "zitadel.cloud", "kinde.com", "stytch.com", "/realms/",
)


def _idp_issuer(literal: ast.AST | None) -> bool:
    """The payload's ``iss`` is a URL of a known identity provider."""
    if not isinstance(literal, ast.Dict):
        return False
    for key, value in zip(literal.keys, literal.values):
        if string_value(key) == "iss":
            issuer = (string_value(value) or "").lower()
            return issuer.startswith(("https://", "http://")) and any(h in issuer for h in _IDP_ISSUER_HOSTS)
    return False


def _jwks_signed(encode: ast.Call) -> bool:
    """The token is signed with an asymmetric algorithm (``RS256``, ``ES256``, ``PS256``,
    ``EdDSA``) under a ``kid`` header: a key published in a JWKS for verifiers, which in a test
    stands in for an external issuer's token (seventh reading: an IdP passthrough test whose
    local key server serves the JWKS); the application verifies it, it does not mint it."""
    algorithm = keyword(encode, "algorithm")
    alg = string_value(algorithm.value) if algorithm is not None else None
    if alg is None and len(encode.args) >= 3:
        alg = string_value(encode.args[2])
    if not alg or not (alg[:2] in ("RS", "ES", "PS") or alg == "EdDSA"):
        return False
    headers = keyword(encode, "headers")
    if headers is None or not isinstance(headers.value, ast.Dict):
        return False
    return any(string_value(k) == "kid" for k in headers.value.keys if k is not None)


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
    parents = _function_parents(frame.node, frame.data)
    uses = 0
    for sub in ast.walk(frame.node):
        if not isinstance(sub, ast.Name) or sub.id != target.id or sub is target:
            continue
        user = parents.get(id(sub))
        if not (isinstance(user, ast.Call) and user.args and user.args[0] is sub and _jwt_call(user, ctx, _JWT_DECODE)):
            return False
        uses += 1
    return uses > 0


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
        literal = _local_payload(payload, node, ctx)
        found = _payload_keys(literal)
        if found is None:
            return
        keys, complete = found
        if _round_trip_only(node, ctx):
            return  # a key-pair self-test: the token is decoded right here and goes nowhere
        pii = [(k, n) for k, n in keys if k.lower() in _PII_KEYS]
        idp = _OIDC_ID_TOKEN_KEYS | _IDP_TOKEN_KEYS if ctx.is_test else _OIDC_ID_TOKEN_KEYS
        if pii and not any(k in idp for k, _ in keys) and not (ctx.is_test and (_idp_issuer(literal) or _jwks_signed(node))):
            ctx.report(pii[0][1], XFA702, keys=", ".join(repr(k) for k, _ in pii))
        if complete and not ctx.is_test and not any(k == "exp" for k, _ in keys):
            ctx.report(node, XFA703)
    elif attr == "decode":
        if ctx.is_test or not _jwt_call(node, ctx, _JWT_DECODE):
            return  # a test reads the claims of a token it made itself
        problem = None
        unverified = False
        options = keyword(node, "options")
        if options is not None and isinstance(options.value, ast.Dict):
            for key, value in zip(options.value.keys, options.value.values):
                if string_value(key) == "verify_signature" and isinstance(value, ast.Constant) and value.value is False:
                    problem = 'skips the signature check (options={"verify_signature": False})'
                    unverified = True
        verify = keyword(node, "verify")
        if problem is None and verify is not None and isinstance(verify.value, ast.Constant) and verify.value.value is False:
            problem = "skips the signature check (verify=False)"
            unverified = True
        if problem is None and not has_kwargs_splat(node):
            algorithms = keyword(node, "algorithms")
            if len(node.args) < 3 and (
                algorithms is None or (isinstance(algorithms.value, ast.Constant) and algorithms.value.value is None)
            ):
                problem = "without algorithms= accepts whatever algorithm the token names"
        if problem is not None and unverified and _unverified_read_only(node, ctx):
            return  # reads only the expiry, or picks the key for a verified decode
        if problem is not None:
            ctx.report(node, XFA704, problem=problem)


#: claims an unverified decode may read to pick the verification key (or issuer/tenant)
_KEY_PICKING_CLAIMS = frozenset({"iss", "kid", "alg", "aud", "azp", "tid", "typ", "client_id", "tenant", "tenant_id"})
#: claims an unverified decode may read to learn when a token the server holds expires
_TIME_CLAIMS = frozenset({"exp", "iat", "nbf"})


def _decode_disables_verification(call: ast.Call) -> bool:
    options = keyword(call, "options")
    if options is not None and isinstance(options.value, ast.Dict):
        for key, value in zip(options.value.keys, options.value.values):
            if string_value(key) == "verify_signature" and isinstance(value, ast.Constant) and value.value is False:
                return True
    verify = keyword(call, "verify")
    return verify is not None and isinstance(verify.value, ast.Constant) and verify.value.value is False


def _decoded_token(call: ast.Call) -> ast.AST | None:
    if call.args:
        return call.args[0]
    kw = keyword(call, "jwt") or keyword(call, "token")
    return kw.value if kw is not None else None


def _function_parents(fn: ast.AST, frame_data: dict) -> dict[int, ast.AST]:
    """Child id -> parent for the nodes of one function, built once per function."""
    parents = frame_data.get("xfa704_parents")
    if parents is None:
        parents = {}
        for parent in ast.walk(fn):
            for child in ast.iter_child_nodes(parent):
                parents[id(child)] = parent
        frame_data["xfa704_parents"] = parents
    return parents


def _claim_read(expr: ast.AST, parents: dict[int, ast.AST]) -> str | None:
    """The claim ``expr`` (a decoded payload) is read for: ``expr["exp"]``,
    ``expr.get("exp", ...)``, ``"exp" in expr``; else ``None``."""
    parent = parents.get(id(expr))
    if isinstance(parent, ast.Subscript) and parent.value is expr:
        return string_value(parent.slice)
    if isinstance(parent, ast.Attribute) and parent.attr == "get":
        call = parents.get(id(parent))
        if isinstance(call, ast.Call) and call.func is parent and call.args:
            return string_value(call.args[0])
    if (
        isinstance(parent, ast.Compare)
        and len(parent.ops) == 1
        and isinstance(parent.ops[0], (ast.In, ast.NotIn))
        and parent.comparators[0] is expr
    ):
        return string_value(parent.left)
    return None


def _position(node: ast.AST) -> tuple[int, int]:
    return getattr(node, "lineno", 0), getattr(node, "col_offset", 0)


#: a docstring that says the helper does not verify: "unverified", "without verification",
#: "does not verify the signature", "not for authentication"
_UNVERIFIED_DOC = lazy_re.compile(
    r"\bunverified\b|\bwithout (?:\w+ ){0,2}verif|\bnot verif|\b(?:does not|doesn't|do not|don't|never) verif"
    r"|\bno (?:signature )?(?:verification|check)|\bnot (?:to be used |meant |intended )?for auth",
    re.IGNORECASE,
)


def _documented_unverified(fn: ast.AST) -> bool:
    """A function whose docstring says it does not verify the token: ``\"\"\"Decode the
    claims without signature verification; not for authentication.\"\"\"``."""
    if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    doc = ast.get_docstring(fn)
    return doc is not None and _UNVERIFIED_DOC.search(doc) is not None


#: a comment that gives the reason a decode is not verified here
_UNVERIFIED_REASON = lazy_re.compile(
    r"\balready (?:been )?(?:verified|validated|checked)\b"
    r"|\b(?:signature|token)s? (?:is |are |was |were |has been )?(?:verified|validated|checked) "
    r"(?:by|upstream|elsewhere|earlier|before|in)\b"
    r"|\bnot (?:to be used |meant |intended |used )?for auth",
    re.IGNORECASE,
)


def _justified_by_comment(node: ast.Call, holder: ast.AST | None, ctx: Context) -> bool:
    """The comment block right above the statement of the decode (or on its first line)
    says why it is not verified: ``# signature is already verified by fastapi_sso``."""
    lines = ctx.lines
    statement = node
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, ast.stmt):
            statement = ancestor  # type: ignore[assignment]
            break
    first = min(getattr(statement, "lineno", node.lineno), node.lineno)
    texts = []
    trailing = comment_of(lines[node.lineno - 1]) if node.lineno - 1 < len(lines) else None
    if trailing:
        texts.append(trailing)
    i = first - 2
    while i >= 0 and lines[i].lstrip().startswith("#") and len(texts) < 8:
        texts.append(lines[i].lstrip()[1:])
        i -= 1
    return _UNVERIFIED_REASON.search(" ".join(t.strip() for t in reversed(texts))) is not None


def _returned_only(name: str, assign: ast.Assign, fn: ast.AST, parents: dict[int, ast.AST]) -> bool:
    """``name`` (bound once, by ``assign``) is returned, and otherwise only read for claims."""
    returned = False
    for sub in ast.walk(fn):
        if not isinstance(sub, ast.Name) or sub.id != name:
            continue
        if isinstance(sub.ctx, ast.Store):
            if sub is not assign.targets[0]:
                return False
            continue
        parent = parents.get(id(sub))
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id == "dict":
            parent = parents.get(id(parent))
        if isinstance(parent, ast.Return):
            returned = True
        elif (
            isinstance(parent, ast.Call)
            and isinstance(parent.func, ast.Name)
            and parent.func.id == "isinstance"
            and parent.args[:1] == [sub]
        ):
            continue  # ``if isinstance(claims, dict): return claims``
        elif _claim_read(sub, parents) is None:
            return False
    return returned


#: calls that return the response of an OAuth/OIDC token endpoint
_TOKEN_ENDPOINT_CALLS = frozenset({"fetch_token", "fetch_access_token", "authorize_access_token", "exchange_code_for_token"})
_HTTP_CALLS = frozenset({"post", "request", "send"})
_TOKEN_RESPONSE_KEYS = frozenset({"id_token", "access_token"})


def _single_value(target: ast.AST, fn: ast.AST) -> ast.AST | None:
    """The value of the only assignment to ``target`` (a name, or an attribute such as
    ``self._id_token``) in ``fn``, without ``await``; ``None`` when it is bound otherwise
    (a parameter, a loop, ``with ... as``, several assignments)."""
    key = _target_key(target)
    stores = 0
    found: list[ast.AST] = []
    for sub in ast.walk(fn):
        if isinstance(sub, (ast.Name, ast.Attribute)) and isinstance(sub.ctx, ast.Store) and _target_key(sub) == key:
            stores += 1
        if isinstance(sub, (ast.Assign, ast.AnnAssign)) and sub.value is not None:
            targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
            if any(_target_key(t) == key for t in targets):
                found.append(sub.value)
    if stores != 1 or len(found) != 1:
        return None
    value = found[0]
    return value.value if isinstance(value, ast.Await) else value


def _target_key(node: ast.AST) -> str | None:
    """``"x"`` for a name, ``"self._id_token"`` for an attribute of a name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def _call_attr(expr: ast.AST | None) -> str | None:
    if isinstance(expr, ast.Await):
        expr = expr.value
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
        return expr.func.attr
    return None


def _unwrap(expr: ast.AST | None, fn: ast.AST, depth: int = 0) -> ast.AST | None:
    """Follow local names and attributes to their one assignment in ``fn``, and
    converters (``_optional_str(x)``, ``Adapter.validate_python(x)``, ``str(x)``,
    ``cast(str, x)``) to their argument."""
    while expr is not None and depth < 8:
        depth += 1
        if isinstance(expr, ast.Await):
            expr = expr.value
        elif _target_key(expr) is not None:
            value = _single_value(expr, fn)
            if value is None:
                return expr
            expr = value
        elif _is_converter(expr):
            expr = expr.args[-1]  # type: ignore[attr-defined]  # ``str(x)``, ``validate_python(x)``, ``cast(str, x)``
        else:
            return expr
    return expr


def _is_converter(expr: ast.AST) -> bool:
    if not isinstance(expr, ast.Call) or expr.keywords:
        return False
    if _call_attr(expr) in ("get", "json", *_HTTP_CALLS, *_TOKEN_ENDPOINT_CALLS):
        return False
    if len(expr.args) == 2:
        return isinstance(expr.func, (ast.Name, ast.Attribute)) and (
            expr.func.id if isinstance(expr.func, ast.Name) else expr.func.attr
        ) == "cast"
    return len(expr.args) == 1


def _http_response(expr: ast.AST | None, fn: ast.AST) -> bool:
    """``await client.post(...)``, or a project helper wrapping it: ``await send(client.post(...))``."""
    for _ in range(8):
        if isinstance(expr, ast.Await):
            expr = expr.value
        if isinstance(expr, ast.Call):
            if _call_attr(expr) in _HTTP_CALLS or any(_call_attr(arg) in _HTTP_CALLS for arg in expr.args):
                return True
            if not _is_converter(expr):
                return False
            expr = expr.args[-1]
        elif expr is not None and _target_key(expr) is not None:
            expr = _single_value(expr, fn)
        else:
            return False
    return False


def _from_token_endpoint(token: ast.AST, fn: ast.AST, parents: dict[int, ast.AST]) -> bool:
    """``token`` is the ``id_token``/``access_token`` of a token-endpoint response the
    function itself requested: ``resp = await client.post(token_url, ...);
    jwt.decode(resp.json()["id_token"], ...)``, or ``tokens = await oauth.fetch_token(...)``.
    Received from the identity provider over TLS, its claims may be read unverified (OIDC
    Core 3.1.3.7); an ID token the client sends (``await request.json()``) may not."""
    token = _unwrap(token, fn)  # type: ignore[assignment]
    container = None
    if isinstance(token, ast.Subscript) and string_value(token.slice) in _TOKEN_RESPONSE_KEYS:
        container = token.value
    elif (
        isinstance(token, ast.Call)
        and isinstance(token.func, ast.Attribute)
        and token.func.attr == "get"
        and token.args
        and string_value(token.args[0]) in _TOKEN_RESPONSE_KEYS
    ):
        container = token.func.value
    if container is None:
        return False
    container = _unwrap(container, fn)
    if isinstance(container, ast.Await):
        container = container.value
    attr = _call_attr(container)
    if attr in _TOKEN_ENDPOINT_CALLS:
        return True
    if attr != "json":
        return False
    return _http_response(container.func.value, fn)  # type: ignore[union-attr]


def _statement_parent(node: ast.AST, parents: dict[int, ast.AST]) -> list[ast.AST]:
    """The nodes from ``node``'s parent up to its statement (included)."""
    chain = []
    current = parents.get(id(node))
    while current is not None:
        chain.append(current)
        if isinstance(current, ast.stmt):
            break
        current = parents.get(id(current))
    return chain


def _asserted(use: ast.AST, parents: dict[int, ast.AST]) -> bool:
    """``use`` is read in the test of an ``assert``."""
    chain = _statement_parent(use, parents)
    return bool(chain) and isinstance(chain[-1], ast.Assert)


def _logged_only(use: ast.AST, parents: dict[int, ast.AST], ctx: Context) -> bool:
    """``use`` is an argument of a known logger's call (``logger.info("x", extra={"p":
    use})``), reached through literals and builtins (``str(use)``) only."""
    child = use
    for node in _statement_parent(use, parents):
        if isinstance(node, ast.Call):
            if node.func is child:
                return False
            found = log_call(node, ctx)
            if found is not None and found[1] is not None:
                return True
            if not (isinstance(node.func, ast.Name) and ctx.is_builtin(node.func)):
                return False
        elif isinstance(node, ast.stmt):
            return False
        child = node
    return False


def _inside_verified_token(token: ast.AST, fn: ast.AST, ctx: Context) -> bool:
    """``token`` is a claim of a token this function decoded with its signature verified
    and the algorithm pinned: ``decoded = jwt.decode(signed, key, algorithms=["HS256"]);
    inner = decoded["access_token"]``; whoever signed the outer token put the inner one
    there."""
    value = _unwrap(token, fn)
    container = None
    if isinstance(value, ast.Subscript):
        container = value.value
    elif isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "get":
        container = value.func.value
    if container is None:
        return False
    outer = _unwrap(container, fn)
    if not (isinstance(outer, ast.Call) and isinstance(outer.func, (ast.Attribute, ast.Name))):
        return False
    tail = outer.func.attr if isinstance(outer.func, ast.Attribute) else outer.func.id
    if tail != "decode" or not _jwt_call(outer, ctx, _JWT_DECODE) or _decode_disables_verification(outer):
        return False
    algorithms = keyword(outer, "algorithms")
    return len(outer.args) >= 3 or (
        algorithms is not None and not (isinstance(algorithms.value, ast.Constant) and algorithms.value.value is None)
    )


def _unverified_read_only(node: ast.Call, ctx: Context) -> bool:
    """An unverified ``jwt.decode`` whose claims are only read for ``exp``/``iat``/``nbf``,
    or only for the key-picking claims (``iss``, ``kid``…) when a verified decode of the
    same token follows in the same function; or the result of a helper named for it
    (``get_unverified_claims``), the counterpart of ``jwt.get_unverified_header``."""
    frame = ctx.function
    token = _decoded_token(node)
    if frame is None or token is None:
        return False
    fn = frame.node
    parents = _function_parents(fn, frame.data)
    claims: set[str] = set()
    holder = parents.get(id(node))
    if isinstance(holder, ast.Call) and isinstance(holder.func, ast.Name) and holder.func.id == "dict" and len(holder.args) == 1:
        holder = parents.get(id(holder))
    if _documented_unverified(fn) or _justified_by_comment(node, holder, ctx):
        return True  # the docstring or a comment says the claims are read unverified on purpose
    says_unverified = "unverified" in getattr(fn, "name", "").lower()
    if isinstance(holder, ast.Return) and says_unverified:
        return True  # ``def get_unverified_claims(token): return jwt.decode(...)``: says what it does
    if _from_token_endpoint(token, fn, parents):
        return True  # an ID token the identity provider's token endpoint just sent (OIDC Core 3.1.3.7)
    if _inside_verified_token(token, fn, ctx):
        return True  # carried inside a token this function just verified
    if isinstance(holder, ast.Assign) and len(holder.targets) == 1 and isinstance(holder.targets[0], ast.Name):
        name = holder.targets[0].id
        if says_unverified and _returned_only(name, holder, fn, parents):
            return True  # ``claims = jwt.decode(...); return claims`` in a helper named or documented for it
        start = _position(holder)
        rebinds = [
            _position(n)
            for n in ast.walk(fn)
            if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) and _position(n) > start
        ]
        end = min(rebinds) if rebinds else (1 << 30, 0)
        logged = False
        for use in ast.walk(fn):
            if isinstance(use, ast.Name) and use.id == name and isinstance(use.ctx, ast.Load) and start < _position(use) < end:
                claim = _claim_read(use, parents)
                if claim is None:
                    if _logged_only(use, parents, ctx):
                        logged = True  # ``logger.info(..., extra={"payload": payload})``
                        continue
                    return False  # the payload is used some other way
                if _asserted(use, parents):
                    continue  # ``assert payload["sub"] == self.user_id``: a sanity check, trusts nothing
                claims.add(claim)
        if not claims and logged:
            return True  # only logged (the payload of a token that was just rejected)
    else:
        claim = _claim_read(node, parents)
        if claim is None:
            return False
        claims.add(claim)
    if not claims:
        return False
    if claims <= _TIME_CLAIMS:
        return True
    if not claims <= _TIME_CLAIMS | _KEY_PICKING_CLAIMS:
        return False
    token_dump = ast.dump(token)
    here = _position(node)
    for other in ast.walk(fn):
        if (
            isinstance(other, ast.Call)
            and other is not node
            and _position(other) > here
            and isinstance(other.func, (ast.Attribute, ast.Name))
            and (other.func.attr if isinstance(other.func, ast.Attribute) else other.func.id) == "decode"
            and _jwt_call(other, ctx, _JWT_DECODE)
            and not _decode_disables_verification(other)
        ):
            other_token = _decoded_token(other)
            if other_token is not None and ast.dump(other_token) == token_dump:
                return True
    return False


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
    used = keyword(node, "usedforsecurity")
    if used is not None and isinstance(used.value, ast.Constant) and used.value.value is False:
        return  # says it is no security use: a k-anonymity breach lookup (the SHA-1 prefix of a password)
    name = ctx.call_name(node)
    if name is None or not name.startswith("hashlib.") or not ctx.imported_from(func, "hashlib"):
        return
    for expr in data:
        if _mentions_password(expr) is not None:
            if _feeds_password_hash(node, ctx):
                return  # a pre-hash: bcrypt's 72-byte limit, ``bcrypt.hashpw(sha256(pw).digest(), salt)``
            ctx.report(node, XFA705, algorithm=algorithm)
            return


#: libraries (and hashlib's key-derivation functions) that hash passwords slowly
_PASSWORD_HASH_MODULES = frozenset({"bcrypt", "argon2", "passlib", "pwdlib"})
_PASSWORD_KDFS = frozenset({"hashlib.pbkdf2_hmac", "hashlib.scrypt"})


def _password_hash_call(call: ast.Call, ctx: Context) -> bool:
    name = ctx.call_name(call)
    if name is None:
        return False
    if name in _PASSWORD_KDFS:
        return True
    head = name.split(".", 1)[0]
    return head in _PASSWORD_HASH_MODULES and ctx.imported_from(call.func, head)


def _feeds_password_hash(node: ast.Call, ctx: Context) -> bool:
    """The fast hash's result goes into a password hash in the same function: inside the
    arguments of ``bcrypt.hashpw(...)``/``argon2``/``passlib``/``pwdlib``/``hashlib.scrypt``
    calls, or assigned to a name that such a call of the function takes."""
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, FUNCTION_TYPES):
            break
        if isinstance(ancestor, ast.Call) and _password_hash_call(ancestor, ctx):
            return True
    frame = ctx.function
    if frame is None:
        return False
    targets: set[str] = set()
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, (ast.Assign, ast.AnnAssign)):
            for target in ancestor.targets if isinstance(ancestor, ast.Assign) else [ancestor.target]:
                if isinstance(target, ast.Name):
                    targets.add(target.id)
            break
        if isinstance(ancestor, (ast.stmt, *FUNCTION_TYPES)):
            break
    if not targets:
        return False
    for sub in ast.walk(frame.node):
        if isinstance(sub, ast.Call) and _password_hash_call(sub, ctx):
            arguments = [*sub.args, *(kw.value for kw in sub.keywords)]
            if any(isinstance(n, ast.Name) and n.id in targets for arg in arguments for n in ast.walk(arg)):
                return True
    return False


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
