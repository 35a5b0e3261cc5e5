# A hash the code declares is no security use (usedforsecurity=False, Python 3.9+) is not a
# password hash: the SHA-1 prefix of a password sent to a k-anonymity breach lookup.
import hashlib


def breach_prefix(password: str) -> str:
    return hashlib.sha1(password.encode(), usedforsecurity=False).hexdigest()[:5]


def breach_prefix_new(password: str) -> str:
    return hashlib.new("sha1", password.encode(), usedforsecurity=False).hexdigest()[:5]


# still reported: the flag says nothing, or says it is a security use
def stored_hash(password: str) -> str:
    return hashlib.sha256(password.encode(), usedforsecurity=True).hexdigest()  # error: XFA705:12 "sha256"


def flag_from_caller(password: str, for_security: bool) -> str:
    return hashlib.sha1(password.encode(), usedforsecurity=for_security).hexdigest()  # error: XFA705:12
