"""XFA705: a password hashed with a fast digest (``hashlib.md5`` / ``sha*``)."""

from __future__ import annotations

import ast

from ...context import Context, FUNCTION_TYPES, keyword, string_value
from ...registry import moved_off, rule, visitor
from ..observability.sensitive_data import words_of


XFA705 = rule(
    "XFA705",
    "weak-password-hash",
    default=False,
    precision=moved_off("0 of 2", reading="sixth", earlier="7 of 8", pooled_over="third and fifth readings"),
    seeds=("004",),
    message="password hashed with fast {algorithm}",
    fix_hint="use a password hash: argon2 (argon2-cffi, pwdlib) or bcrypt",
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
