from fastapi import APIRouter

from app.broken.deps import ItemDep

router = APIRouter(prefix="/unreadable")


@router.get("/{item_id}")
async def by_an_alias_the_index_cannot_read(item: ItemDep) -> None: ...
