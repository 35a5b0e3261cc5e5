from app.models.orm import Base


class AuditRow(Base):
    __tablename__ = "audit"

    def dict(self) -> dict:
        return {}

    def json(self) -> str:
        return "{}"
