"""XFA610: a settings class with a secret field that has a default."""

from __future__ import annotations

import ast

from ...context import Context
from ...registry import moved_off, rule, visitor
from ...settings import normalize_path
from ._shared import _kw, _resolved_tail, _str, classes_deriving


XFA610 = rule(
    "XFA610",
    "settings-secret-default",
    default=False,
    precision=moved_off("6 of 8", reading="seventh", earlier="5 of 5"),
    seeds=("002", "004"),
    message="settings field {field} falls back to a hard-coded secret",
    fix_hint="remove the default (e.g. `{field}: SecretStr`) so a missing environment variable fails at start-up",
    what="""
        Reports a field of a `BaseSettings` class (from `pydantic_settings`, or
        `pydantic.BaseSettings` in v1 code; also through subclasses defined in this file)
        whose name contains `secret`, `password`/`passwd`, `token`, `api_key`/`apikey`,
        `private_key`, `database_url`/`db_url` or `dsn` and whose default is a non-empty
        string literal: `= "..."`, `Field("...")`, `Field(default="...")`,
        `SecretStr("...")` (also inside `Field`), and the fallback of an environment
        lookup (`os.getenv("X", "...")`, a Starlette `config("X", default="...")`). The
        class may derive from a `*Settings` class imported from another module of the
        project. Names that describe the secret rather
        than hold it are skipped: ones ending in `_url` (other than `database_url`/`db_url`),
        `_prefix`, `_algorithm`, `_expire(s)`, `_minutes`, `_seconds`, `_hours`, `_days`,
        `_ttl`, `_lifetime`, `_name`, `_header`, `_type`, `_scheme`, `_length`,
        `_location`, `_path`, `_endpoint`, `_audience`, `_issuer`, `_file`, `_id`,
        `_patterns`/`_keys`/`_names` (lists of key names to mask) and more,
        names with a `cookie`/`header`/`param`/`query`/`field` part (`COOKIE_REFRESH_TOKEN_KEY`
        names a cookie), and `_private` attributes (not read from the environment). Test files, classes
        named `Test*`/`Dev*`/`Local*` and modules named `test.py`, `testing.py`, `dev.py`,
        `development.py`, `local.py` (per-environment settings) are not checked.

        Scope: test files (the tests layer) are not checked; scripts are, CI scripts
        included (`scripts/`, `.github/scripts/`, `ci/`).
    """,
    why="""
        Seed 002: "BaseSettings — typed env vars, crash on startup if missing" and
        "credential leak › silently falls back to dev credential in production". A
        default secret means a deployment that forgot the variable runs with a
        credential that is in the repository.
    """,
    bad="""
        from pydantic_settings import BaseSettings


        class Settings(BaseSettings):
            jwt_secret: str = "change-me"
    """,
    good="""
        from pydantic import SecretStr
        from pydantic_settings import BaseSettings


        class Settings(BaseSettings):
            jwt_secret: SecretStr
    """,
    not_flagged=(
        "Fields without a default, `Field(...)`, `None` and empty-string defaults.",
        "`model_config = SettingsConfigDict(...)` and `ClassVar` attributes.",
        "Defaults computed at run time (`secrets.token_urlsafe(32)`, f-strings, `default_factory`).",
        "Fields of classes that are not settings (`BaseModel`).",
        "Keys that are public by design as defaults: a PostHog project key (`POSTHOG_API_KEY: str = \"phc_…\"`, write-only) or a Stripe publishable key (`pk_live_…`, `pk_test_…`, shipped to browsers).",
    ),
    example_path="app/config.py",
)


_SETTINGS_BASES = frozenset(
    {"pydantic_settings.BaseSettings", "pydantic.BaseSettings", "pydantic.v1.BaseSettings", "pydantic.env_settings.BaseSettings"}
)
_SECRET_PARTS = ("secret", "password", "passwd", "token", "api_key", "apikey", "private_key")
_CONNECTION_PARTS = ("database_url", "db_url", "dsn", "database_uri", "db_uri")
_DESCRIPTIVE_SUFFIXES = frozenset(
    {
        "url", "uri", "prefix", "algorithm", "algorithms", "alg", "expire", "expires", "expiry",
        "expiration", "minutes", "seconds", "hours", "days", "ttl", "lifetime", "name", "header",
        "type", "scheme", "length", "location", "path", "endpoint", "audience", "issuer",
        "file", "dir", "directory", "env", "var", "region", "version", "mode", "policy", "rounds",
        "cost", "field", "param", "cookie", "id", "backend", "provider", "format", "encoding",
        # lists of key names to mask in logs: ``log_secret_patterns = "password,token"``
        "pattern", "patterns", "keys", "fields", "names", "words",
    }
)


def _settings_classes(ctx: Context) -> frozenset[str]:
    return classes_deriving(ctx, "xfa6_settings_classes", lambda base, found: _is_settings_base(ctx, base, found))


#: a name with one of these words names where the secret travels, not the secret
_DESCRIPTIVE_WORDS = frozenset({"cookie", "header", "param", "query", "field"})
#: values of keys that are public by design: PostHog project keys (write-only), Stripe
#: publishable keys (shipped to browsers)
_PUBLIC_KEY_PREFIXES = ("phc_", "pk_live_", "pk_test_")


def secret_field_name(name: str) -> bool:
    if name.startswith("_"):  # a private attribute, not a field read from the environment
        return False
    lowered = name.lower()
    if any(p in lowered for p in _CONNECTION_PARTS):
        return True
    if not any(p in lowered for p in _SECRET_PARTS):
        return False
    words = lowered.split("_")
    if any(w in _DESCRIPTIVE_WORDS for w in words):
        return False
    return words[-1] not in _DESCRIPTIVE_SUFFIXES


def _secret_default(ctx: Context, value: ast.AST | None, depth: int = 0) -> bool:
    if value is None or depth > 3:
        return False
    text = _str(value)
    if text is not None:
        # a public key by design (PostHog ``phc_…``, Stripe publishable ``pk_live_…``) is
        # meant to ship as the default: it authorises nothing a visitor could not do
        return bool(text.strip()) and not text.strip().startswith(_PUBLIC_KEY_PREFIXES)
    if isinstance(value, ast.Call):
        tail = _resolved_tail(ctx, value.func)
        if tail == "SecretStr" or tail == "SecretBytes":
            return bool(value.args) and _secret_default(ctx, value.args[0], depth + 1)
        if tail == "Field":
            default = _kw(value, "default")
            if default is None and value.args:
                default = value.args[0]
            return _secret_default(ctx, default, depth + 1)
        qualname = ctx.resolve(value.func)
        if qualname in ("os.getenv", "os.environ.get") and ctx.imported_from(value.func, "os"):
            default = _kw(value, "default")
            if default is None and len(value.args) >= 2:
                default = value.args[1]
            return _secret_default(ctx, default, depth + 1)
        if isinstance(value.func, ast.Name) and _is_starlette_config(ctx, value.func.id):
            return _secret_default(ctx, _kw(value, "default"), depth + 1)
    return False


def _is_starlette_config(ctx: Context, name: str) -> bool:
    """``name`` is a module-level ``starlette.config.Config(...)`` instance."""
    value = ctx.assignments.get(name)
    return isinstance(value, ast.Call) and ctx.resolve(value.func) in (
        "starlette.config.Config",
        "starlette.config.Environ",
    )


_NON_PRODUCTION_PREFIXES = ("Test", "Dev", "Local")
_NON_PRODUCTION_STEMS = frozenset({"test", "tests", "testing", "dev", "development", "local"})


def _is_settings_base(ctx: Context, base: ast.expr, known: frozenset[str]) -> bool:
    target = base.value if isinstance(base, ast.Subscript) else base
    qualname = ctx.resolve(target)
    if qualname in _SETTINGS_BASES:
        return True
    if isinstance(target, ast.Name):
        if target.id in known:
            return True
        # a project settings base imported from another module: ``BaseAppSettings``
        return target.id in ctx.imports and target.id.endswith("Settings") and target.id != "BaseSettings"
    return False


@visitor(ast.ClassDef, codes=(XFA610,))
def secret_settings_defaults(node: ast.ClassDef, ctx: Context) -> None:
    if ctx.is_test or not node.bases or node.name.startswith(_NON_PRODUCTION_PREFIXES):
        return
    known = _settings_classes(ctx)
    if node.name not in known and not any(_is_settings_base(ctx, b, known) for b in node.bases):
        return
    if ctx.memo("xfa6_non_production_file", lambda: _file_stem(ctx.filename) in _NON_PRODUCTION_STEMS):
        return
    for stmt in node.body:
        if isinstance(stmt, ast.AnnAssign):
            target, value = stmt.target, stmt.value
            ann = ctx.resolve(stmt.annotation.value if isinstance(stmt.annotation, ast.Subscript) else stmt.annotation)
            if ann and ann.rsplit(".", 1)[-1] == "ClassVar":
                continue
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
        else:
            continue
        if not isinstance(target, ast.Name) or target.id == "model_config":
            continue
        if secret_field_name(target.id) and _secret_default(ctx, value):
            ctx.report(value, XFA610, field=target.id)  # type: ignore[arg-type]


def _file_stem(path: str) -> str:
    name = normalize_path(path).rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0].lower()
