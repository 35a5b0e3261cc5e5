"""XFA701: a password, token or key written into the code."""

from __future__ import annotations

import ast
import math
import re

from ... import lazy_re
from ...context import Context, string_value
from ...registry import moved_off, rule, visitor
from ..lifecycle.settings_secrets import secret_field_name
from ..observability.sensitive_data import words_of
from ._shared import benchmark_module


XFA701 = rule(
    "XFA701",
    "hardcoded-credential",
    default=False,
    precision=moved_off("2 of 3", reading="sixth", earlier="1 of 20", pooled_over="third and fifth readings"),
    seeds=("004",),
    message="hardcoded credential in {where}",
    fix_hint="read it from the environment through your settings (BaseSettings field without a default, or SecretStr)",
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
        "Settings fields: class bodies of `BaseSettings` subclasses and classes named `*Settings` ([[settings-secret-default]] reports those); a live key shape there is reported when [[settings-secret-default]] does not check the field's name.",
        "Test files and pytest fixtures; passwords, URLs and placeholder secrets (`\"changeme\"`, `\"secret\"`) in scripts, seed, fixture and example modules (`example*/`, `vignettes/`), benchmark and load-test harnesses, seed functions and built-in development data (`create_default_connections()`, `create_dev_user()`).",
        "URLs without a password (`user:@host`) or whose password is a template (`{password}`, `${DB_PASSWORD}`), and docstrings.",
    ),
)


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


class ReportedCredentials:
    """Per file: the ids of the string constants already reported as credentials, so
    that two visitors reaching one value report it once."""

    __slots__ = ("done",)

    def __init__(self) -> None:
        self.done: set[int] = set()


def _report_credential(
    value: ast.AST | None, where: str, ctx: Context, name: str | None = None, owner: ast.AST | None = None
) -> None:
    """``owner``: the function whose parameter default ``value`` is (not yet a frame)."""
    text = string_value(value)
    if text is None or non_secret_value(text, name):
        return
    done = ctx.frames[0].state(ReportedCredentials).done
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
    (unless ``settings-secret-default`` reports the field)."""
    what = live_credential(value)
    if what is None or ctx.is_test:
        return
    if isinstance(ctx.parent, (ast.Expr, ast.JoinedStr)):
        return  # docstrings (key formats shown in documentation), f-string pieces
    done = ctx.frames[0].state(ReportedCredentials).done
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
    """The constant is the default of a settings field whose name ``settings-secret-default`` checks."""
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
