"""XFA704: ``jwt.decode`` without the signature check or without ``algorithms=``."""

from __future__ import annotations

import ast
import re

from ... import lazy_re
from ...context import comment_of, Context, has_kwargs_splat, keyword, string_value
from ...registry import moved_off, rule, visitor
from ..observability.loggers import log_call
from ._shared import _function_parents, _jwt_call, _JWT_DECODE


XFA704 = rule(
    "XFA704",
    "jwt-verification-disabled",
    default=False,
    precision=moved_off("0 of 3", third="1 of 9"),
    seeds=("002",),
    message="jwt.decode() {problem}",
    fix_hint='verify the signature and pin the algorithm: jwt.decode(token, key, algorithms=["HS256"])',
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


@visitor(ast.Call, codes=(XFA704,))
def jwt_decodes(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not isinstance(func, (ast.Attribute, ast.Name)):
        return
    if (func.attr if isinstance(func, ast.Attribute) else func.id) != "decode":
        return
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
    parents = _function_parents(frame)
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
