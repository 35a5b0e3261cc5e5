# select: XFA906
import typing
from typing import override


def active(user: dict) -> bool:  # error: XFA906:1 "active"
    return bool(user)


def _check_perm(user: dict) -> "bool":  # error: XFA906:1
    return True


class User:
    def verify_password(self, password: str) -> bool:  # error: XFA906:5
        return False

    def __eq__(self, other: object) -> bool:
        return False

    @override
    def filter(self, record: object) -> bool:
        return True

    @typing.override
    def matches(self) -> bool:
        return True


def is_active(user: dict) -> bool:
    return True


def _has_role(user: dict) -> bool:
    return True


def can_edit(user: dict) -> bool:
    return True


def should_notify(user: dict) -> bool:
    return True


def count(user: dict) -> int:
    return 1


def unannotated(user):
    return True


def optional(user: dict) -> bool | None:
    return None
