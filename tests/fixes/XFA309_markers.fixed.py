# path: app/routes/items.py
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Path

router = APIRouter()


@router.get("/items/{item_id}")
async def read_item(
    item_id: Annotated[int, Path(ge=1)],
    db: Annotated[Session, Depends(get_db)],
    q: Annotated[str | None, Query(max_length=50)] = None,
    limit: Annotated[int, Query(le=100)] = 10,
) -> Item:
    return await service.get(db, item_id, q, limit)


@router.get("/users")
async def users(page: Annotated[int, Query()] = 1, db: Session = Depends(get_db)) -> list[User]:
    return []
