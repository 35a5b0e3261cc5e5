"""Named in fastapi-schema-modules; one class here is an ORM class with its own dict()."""

from .audit import AuditRow

__all__ = ["AuditRow"]
