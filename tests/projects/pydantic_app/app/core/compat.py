"""Re-exports of pydantic names the project uses (v2 API names and one v1 model base)."""

from pydantic import root_validator, validator
from pydantic.v1 import BaseModel as V1BaseModel
from pydantic.v1 import validator as v1_validator

__all__ = ["V1BaseModel", "root_validator", "v1_validator", "validator"]
