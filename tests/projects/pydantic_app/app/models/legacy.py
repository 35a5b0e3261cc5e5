from app.core.compat import V1BaseModel


class LegacyPayload(V1BaseModel):
    """A pydantic.v1 model on purpose: the v1 syntax is right here."""

    name: str

    class Config:
        orm_mode = True

    def dump(self) -> dict:
        return self.dict()
