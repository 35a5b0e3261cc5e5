from app.core.base import AppBase
from app.models.prompt import NotDefinedThere  # a name the index cannot find: a "?" base

from .mixins import DictMixin


class Exported(DictMixin, AppBase):
    name: str


class Partly(NotDefinedThere, AppBase):
    class Config:  # error: XFA401:5
        validate_all = True
