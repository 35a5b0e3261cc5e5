from app.services.search.model import SearchHit  # Pydantic classes only: a schemas module
from app.services.user_service import get_user  # error: XFA206:1


class Item:
    def __init__(self, hit: SearchHit) -> None:
        self.hit = hit
        self.owner = get_user(1)
