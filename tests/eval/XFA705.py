import hashlib
from hashlib import md5


def hash_passwords(user, password: str, salt: str, new_password_bytes: bytes) -> None:
    hashlib.sha256(password.encode()).hexdigest()  # error: XFA705:5 "sha256"
    md5(user.password.encode("utf-8")).hexdigest()  # error: XFA705:5
    hashlib.sha1((salt + password).encode())  # error: XFA705:5
    hashlib.sha512(f"{salt}{user.hashed_password}".encode())  # error: XFA705:5
    hashlib.new("md5", new_password_bytes)  # error: XFA705:5
    hashlib.sha256(string=password.encode())  # error: XFA705:5


def near_misses(reset_token: str, data: bytes, password: str, password_reset_token: str) -> None:
    hashlib.sha256(reset_token.encode()).hexdigest()
    hashlib.sha256(password_reset_token.encode())
    hashlib.md5(data).hexdigest()
    hashlib.pbkdf2_hmac("sha256", password.encode(), b"salt", 600_000)
    hashlib.scrypt(password.encode(), salt=b"s", n=2**14, r=8, p=1)
    hashlib.sha256()
    other.sha256(password)  # noqa: F821
