from pydantic import BaseModel


class ScopedRequest(BaseModel):
    project_id: int


class ScopedResponse(BaseModel):
    id: int
