# path: app/routes/items.py
# select: XFA308
from fastapi import APIRouter, status

router = APIRouter()


@router.delete("/items/{item_id}")  # error: XFA308:2
async def delete_item(item_id: int) -> None: ...


@router.api_route("/things/{thing_id}", methods=["DELETE"])  # error: XFA308:2
async def delete_thing(thing_id: int) -> None: ...


# near-misses
@router.delete("/a/{x}", status_code=204)
async def delete_a(x: int) -> None: ...


@router.delete("/b/{x}", status_code=status.HTTP_200_OK)
async def delete_b(x: int) -> None: ...


@router.get("/c/{x}")
async def get_c(x: int) -> None: ...
