from app.models.v1.base import ScopedRequest, ScopedResponse


class ServiceRequest(ScopedRequest):
    """The Pydantic models of a "service" entity: a file named service.py in models/."""

    name: str

    def label(self) -> str:
        return self.name.title()


class ServiceResponse(ScopedResponse):
    name: str
