"""XFA806: a password, token or secret in a log call."""

from __future__ import annotations

import ast

from ... import lazy_re
from ...context import Context, string_value
from ...registry import moved_off, rule
from .loggers import LOG_CALLS


XFA806 = rule(
    "XFA806",
    "sensitive-data-logged",
    default=False,
    precision=moved_off("4 of 10"),
    seeds=("004",),
    message="log call includes {name}, which looks like a secret",
    fix_hint="log an identifier or a masked value instead",
    what="""
        Reports a logger call whose arguments — positional values, values interpolated into
        an f-string, `%` or `.format()` message, keyword values, or `extra` keys — name a
        password, token, secret, authorization header, API key, credit card or SSN
        (`password`, `user.password`, `access_token`, `headers["Authorization"]`,
        `extra={"api_key": ...}`).
    """,
    why="""
        Seed 004: "Logging sensitive data (passwords, tokens, PII, full request bodies with
        credentials). Scrub or mask sensitive fields before logging." Log aggregators keep
        data for a long time and many people can read them.
    """,
    bad="""
        import logging

        logger = logging.getLogger(__name__)

        def login(username: str, password: str) -> None:
            logger.info("auth.login", extra={"username": username, "password": password})
    """,
    good="""
        import logging

        logger = logging.getLogger(__name__)

        def login(username: str, password: str) -> None:
            logger.info("auth.login", extra={"username": username})
    """,
    not_flagged=(
        "Names about a secret that are not the secret: `token_type`, `token_expires_at`, `password_reset_url`, `max_tokens`.",
        "Values passed through a call (`mask(token)`, `len(password)`) or sliced (`token[:6]`).",
        "Words inside the constant message text.",
        "Amounts of (LLM) tokens: `cost_per_token`, `max_token`.",
        "Values already made safe, by a name that says so: `masked_token`, `redacted_password`, `short_token`, `truncated_secret`.",
        "A name bound to no credential: a pagination cursor (`token = resp.get(\"nextPageToken\")`, `token = page.next_cursor`) or a `ContextVar.set(...)` result (`token = request_var.set(r)`).",
        "A secret-named `extra` key or keyword whose value is a name for a fact about the secret, not the secret (`extra={\"refresh_token\": refresh_token_payload}`, `token=token_id`).",
        "Presence flags: a name that starts with `has_`/`is_`/`should_`/`can_`/`needs_`/`contains_` (`has_api_key`, `is_token_valid`), and any key "
        "or keyword whose value is a bool — a comparison, `not x`, `bool(...)`, `isinstance(...)`, "
        "`True`/`False` (`has_refresh_token=token is not None`, `extra={\"api_key_set\": bool(key)}`).",
    ),
)


_SECRET_WORDS = frozenset({"password", "passwd", "token", "secret", "authorization", "ssn", "apikey", "creditcard", "cvv"})
#: trailing words that keep a name about the secret itself (``password_plain``)
_SECRET_TAILS = frozenset({"value", "str", "plain", "raw", "text", "b", "bytes", "string"})
_SECRET_PAIRS = frozenset(
    {"apikey", "secretkey", "privatekey", "creditcard", "cardnumber", "accesskey", "signingkey", "clientsecret"}
)
#: first words of a name that is a yes/no fact about a secret
_PREDICATE_HEADS = frozenset({"has", "is", "should", "can", "needs", "contains"})
#: words before ``token`` that make the name an amount, not a credential
_RATE_HEADS = frozenset({"per", "max", "min", "num"})
#: first words of a name for a secret already made safe to show (``masked_token``)
_MASKED_HEADS = frozenset(
    {"masked", "redacted", "obfuscated", "truncated", "short", "shortened", "abbreviated", "abbrev", "partial", "scrubbed", "sanitized", "censored"}
)
#: words of a pagination cursor: ``startPageToken``, ``next_page_token``, ``cursor``
_CURSOR_WORDS = frozenset({"page", "cursor", "continuation", "pagination"})
_SPLIT = lazy_re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")


def words_of(name: str) -> list[str]:
    return [w.lower() for w in _SPLIT.split(name) if w]


def names_secret(name: str) -> bool:
    """``name`` names a credential: its last word (ignoring ``_value``-like tails) is
    ``password``/``token``/``secret``/..., or it ends in ``api_key``/``credit_card``/
    ``secret_key``/``private_key``."""
    words = words_of(name)
    if len(words) > 1 and words[0] in _PREDICATE_HEADS:
        return False  # ``has_api_key``, ``is_token_valid``: a presence flag, not the secret
    if len(words) > 1 and words[0] in _MASKED_HEADS:
        return False  # ``masked_token``, ``short_token``: shown on purpose, made safe
    while len(words) > 1 and words[-1] in _SECRET_TAILS:
        words.pop()
    if not words:
        return False
    last = words[-1]
    if len(words) > 1 and words[-2] in _RATE_HEADS:
        return False  # ``cost_per_token``, ``max_token``: an amount of (LLM) tokens
    if last in _SECRET_WORDS or last == "pwd":
        return True
    if len(words) >= 2 and words[-2] + last in _SECRET_PAIRS:
        return True
    return last.endswith("password")


def _about_secret(value: ast.AST) -> bool:
    """``value`` is a name for a fact about a secret, not the secret: its words mention one
    but it does not name one (``refresh_token_payload``, ``token_id``, ``password_length``)."""
    name = value.id if isinstance(value, ast.Name) else value.attr if isinstance(value, ast.Attribute) else None
    if name is None or names_secret(name):
        return False
    words = words_of(name)
    return any(w in _SECRET_WORDS or w == "apikey" for w in words) or any(
        a + b in _SECRET_PAIRS for a, b in zip(words, words[1:])
    )


def _bound_to_non_secret(value: ast.AST, ctx: Context) -> bool:
    """``value`` is a local name bound to something that is no credential: a
    ``ContextVar.set(...)`` result (``token = request_var.set(r)``, a ``contextvars.Token``) or
    a pagination cursor (``token = resp.get("nextPageToken")``, ``token = page.next_cursor``)."""
    if not isinstance(value, ast.Name):
        return False
    found = ctx.lookup(value.id)
    if found is None or found.kind not in ("assign", "walrus") or found.value is None:
        return False
    bound = found.value
    if isinstance(bound, ast.Await):
        bound = bound.value
    if isinstance(bound, ast.Call) and isinstance(bound.func, ast.Attribute) and bound.func.attr == "set":
        return True
    for sub in ast.walk(bound):
        text = sub.value if isinstance(sub, ast.Constant) and isinstance(sub.value, str) else (
            sub.attr if isinstance(sub, ast.Attribute) else None
        )
        words = words_of(text) if text is not None and len(text) <= 40 else []
        # the key or attribute names the cursor itself (``next_page_token``, ``cursor``),
        # not a structure that holds one among other things (``page_info``)
        if words and (words[-1] == "cursor" or words[-1] == "token" and _CURSOR_WORDS.intersection(words[:-1])):
            return True
    return False


def _expr_secret(node: ast.AST, ctx: Context) -> str | None:
    if isinstance(node, ast.Name):
        return node.id if names_secret(node.id) and not _bound_to_non_secret(node, ctx) else None
    if isinstance(node, ast.Attribute):
        return _dotted(node) if names_secret(node.attr) else None
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and names_secret(key.value):
            base = _dotted(node.value) or "..."
            return f"{base}[{key.value!r}]"
        return None
    if isinstance(node, ast.Starred):
        return None
    return None


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else node.attr
    return None


def _is_flag(value: ast.AST, ctx: Context) -> bool:
    """``value`` is a bool: a comparison, ``not x``, ``bool(...)``/``isinstance(...)``, a
    ``True``/``False`` constant, or ``and``/``or`` of those."""
    if isinstance(value, ast.Compare):
        return True
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.Not):
        return True
    if isinstance(value, ast.Constant) and isinstance(value.value, bool):
        return True
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        return value.func.id in ("bool", "isinstance", "callable", "hasattr") and ctx.is_builtin(value.func)
    if isinstance(value, ast.BoolOp):
        return all(_is_flag(v, ctx) for v in value.values)
    return False


def _secret_in_log_call(node: ast.Call, msg: ast.expr | None, ctx: Context) -> str | None:
    candidates: list[ast.AST] = []
    for arg in node.args:
        if arg is msg:
            if isinstance(msg, ast.JoinedStr):
                candidates.extend(v.value for v in msg.values if isinstance(v, ast.FormattedValue))
            elif isinstance(msg, ast.BinOp):
                right = msg.right
                candidates.extend(right.elts if isinstance(right, ast.Tuple) else [right])
                if isinstance(msg.op, ast.Add):
                    candidates.append(msg.left)
            elif isinstance(msg, ast.Call) and isinstance(msg.func, ast.Attribute) and msg.func.attr == "format":
                candidates.extend(msg.args)
                candidates.extend(kw.value for kw in msg.keywords)
            continue
        candidates.append(arg)
    for kw in node.keywords:
        if kw.arg == "extra" and isinstance(kw.value, ast.Dict):
            for key, value in zip(kw.value.keys, kw.value.values):
                if _is_flag(value, ctx):
                    continue  # ``"has_token": token is not None`` says whether, not what
                text = string_value(key)
                if text is not None and names_secret(text) and not _about_secret(value):
                    if _bound_to_non_secret(value, ctx):
                        continue
                    return f"extra key {text!r}"
                candidates.append(value)
        elif kw.arg in ("exc_info", "stack_info", "stacklevel", "extra") or _is_flag(kw.value, ctx):
            continue
        elif kw.arg is not None and names_secret(kw.arg) and not _about_secret(kw.value):
            if _bound_to_non_secret(kw.value, ctx):
                continue
            return f"{kw.arg}="
        elif kw.arg is not None:
            candidates.append(kw.value)
    for candidate in candidates:
        if isinstance(candidate, (ast.Tuple, ast.List)):
            candidates.extend(candidate.elts)
            continue
        found = _expr_secret(candidate, ctx)
        if found is not None:
            return found
    return None


@LOG_CALLS.on("call", rules=(XFA806,))
def _secret_logged(node: ast.Call, method: str, kind: str | None, msg: ast.expr | None, ctx: Context) -> None:
    if ctx.wants(XFA806):
        secret = _secret_in_log_call(node, msg, ctx)
        if secret is not None:
            ctx.report(node, XFA806, name=secret)
