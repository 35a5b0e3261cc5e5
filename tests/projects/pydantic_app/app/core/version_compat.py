"""The v1 API on every install: pydantic.v1 under Pydantic 2, pydantic itself under 1."""

from pydantic.version import VERSION as PYDANTIC_VERSION

PYDANTIC_V2 = PYDANTIC_VERSION.startswith("2.")

if PYDANTIC_V2:
    from pydantic.v1 import BaseModel, Field, validator
else:
    from pydantic import BaseModel, Field, validator

__all__ = ["BaseModel", "Field", "validator"]
