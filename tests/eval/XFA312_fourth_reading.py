# path: app/schemas/connector_rows.py
from typing import ClassVar

from pydantic import BaseModel


class ConnectorUpdate(BaseModel):
    TRACKED: ClassVar[list[str]] = ["name"]
    name: str | None = None
    region: str | None = None
    ttl: int | None = None


class QuotaUpdate(BaseModel):
    name: str | None = None
    limit: int = 10


class ConnectorRow:
    name: str
    region: str | None
    ttl: int | None

    # near-miss (fourth reading): a None value clears one field, then ``continue`` skips
    # the rest, and every field defaults to None (the ClassVar is no field)
    def update(self, change: ConnectorUpdate) -> "ConnectorRow":
        for field, value in change.model_dump(exclude={"name"}).items():
            if value is None:
                if field == "ttl":
                    self.ttl = None
                continue
            setattr(self, field, value)
        return self

    def update_guarded(self, change: ConnectorUpdate) -> "ConnectorRow":
        for field, value in change.model_dump().items():
            if not value:
                continue
            setattr(self, field, value)
        return self

    def update_exclude_none(self, change: ConnectorUpdate) -> "ConnectorRow":
        for field, value in change.model_dump(exclude_none=True).items():
            setattr(self, field, value)
        return self

    # still flagged: the None-skip drops None, but ``limit`` defaults to 10
    def update_quota(self, change: QuotaUpdate) -> "ConnectorRow":
        for field, value in change.model_dump().items():  # error: XFA312:29
            if value is None:
                continue
            setattr(self, field, value)
        return self

    # still flagged: the None block does not end the iteration, setattr writes every field
    def update_all(self, change: ConnectorUpdate) -> "ConnectorRow":
        for field, value in change.model_dump().items():  # error: XFA312:29
            if value is None:
                self.ttl = None
            setattr(self, field, value)
        return self

    # still flagged: the test is on the key, not the value
    def update_keyed(self, change: ConnectorUpdate) -> "ConnectorRow":
        for field, value in change.model_dump().items():  # error: XFA312:29
            if field is None:
                continue
            setattr(self, field, value)
        return self
