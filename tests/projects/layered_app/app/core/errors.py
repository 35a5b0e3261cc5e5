from fastapi import HTTPException

NOT_FOUND = HTTPException(404, "not found")


class Forbidden(HTTPException):
    def __init__(self) -> None:
        super().__init__(403, "forbidden")


class DomainError(Exception):
    pass


MISSING = DomainError("missing")
