from app.routers import models  # error: XFA206:1
from app.services.search.model import SearchQuery


def report(query: SearchQuery) -> dict:
    return {"routes": len(models.router.routes), "q": query.text}
