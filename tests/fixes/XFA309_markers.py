# path: app/routes/items.py
from fastapi import APIRouter, Depends, Query, Path

router = APIRouter()


@router.get("/items/{item_id}")
async def read_item(
    item_id: int = Path(..., ge=1),
    db: Session = Depends(get_db),
    q: str | None = Query(None, max_length=50),
    limit: int = Query(default=10, le=100),
) -> Item:
    return await service.get(db, item_id, q, limit)


@router.get("/users")
async def users(page: int = Query(1), db: Session = Depends(get_db)) -> list[User]:
    return []
