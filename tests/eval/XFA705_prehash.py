# a fast hash of the password that only shortens it for bcrypt (72-byte limit) or argon2:
# the password is still hashed with a password hash
import base64
import hashlib

import bcrypt
from argon2 import PasswordHasher

hasher = PasswordHasher()


def get_password_hash(password: str) -> str:
    pwd_bytes = password.encode("utf-8")
    if len(pwd_bytes) > 72:
        pwd_bytes = hashlib.sha256(pwd_bytes).digest()[:72]
    return bcrypt.hashpw(pwd_bytes, bcrypt.gensalt()).decode("utf-8")


def verify_password(password: str, hashed: str) -> bool:
    pwd_bytes = password.encode("utf-8")
    if len(pwd_bytes) > 72:
        pwd_bytes = hashlib.sha256(pwd_bytes).digest()[:72]
    return bcrypt.checkpw(pwd_bytes, hashed.encode("utf-8"))


def inline_prehash(password: str) -> bytes:
    return bcrypt.hashpw(base64.b64encode(hashlib.sha256(password.encode()).digest()), bcrypt.gensalt())


def derive(password: str, salt: bytes) -> bytes:
    digest = hashlib.sha256(password.encode()).digest()
    return hashlib.scrypt(digest, salt=salt, n=2**14, r=8, p=1)


def legacy_hash(password: str) -> str:
    # the fast hash is stored; bcrypt is only used for another value
    digest = hashlib.sha256(password.encode()).hexdigest()  # error: XFA705:14 "sha256"
    bcrypt.hashpw(b"other", bcrypt.gensalt())
    return digest


def both(password: str) -> tuple[str, bytes]:
    # the fast hash is returned next to the bcrypt hash: not a pre-hash
    fast = hashlib.md5(password.encode()).hexdigest()  # error: XFA705:12
    return fast, bcrypt.hashpw(password.encode(), bcrypt.gensalt())
