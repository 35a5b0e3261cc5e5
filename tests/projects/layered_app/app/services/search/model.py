from pydantic import BaseModel


class SearchQuery(BaseModel):
    text: str


class SearchHit(BaseModel):
    id: int
    score: float
