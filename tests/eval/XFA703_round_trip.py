# path: app/core/signing.py
# precision review (fifth reading): a token encoded only to check that a key pair matches
import jwt


class TokenSigner:
    def __init__(self, private_key: str, public_key: str) -> None:
        self.private_key = private_key
        self.public_key = public_key

    def check_keys(self) -> None:
        token = jwt.encode({"probe": "value"}, self.private_key, algorithm="RS256")
        jwt.decode(token, self.public_key, algorithms=["RS256"])

    def check_keys_inline(self) -> dict:
        return jwt.decode(jwt.encode({"probe": 1}, self.private_key, algorithm="RS256"), self.public_key, algorithms=["RS256"])

    def sign(self, subject: str) -> str:
        token = jwt.encode({"sub": subject}, self.private_key, algorithm="RS256")  # error: XFA703:17
        jwt.decode(token, self.public_key, algorithms=["RS256"])
        return token
