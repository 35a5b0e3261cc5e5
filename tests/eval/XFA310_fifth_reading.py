# path: app/routes/notes.py
from fastapi import APIRouter

router = APIRouter()


# fifth reading: a page used as ``page * page_size`` counts from 0, the suggestion is ge=0
@router.get("/notes")
async def list_notes(page: int | None = None, page_size: int = 20) -> list:  # error: XFA310:22 "Query(ge=0)] = None", XFA310:47
    offset = page * page_size if page is not None else 0
    return await load(offset, page_size)


# one-based (``(page - 1) * size``): ge=1
@router.get("/cards")
async def list_cards(page: int | None = None, size: int = 20) -> list:  # error: XFA310:22 "Query(ge=1)] = None", XFA310:47
    start = ((page or 1) - 1) * size
    return await load(start, size)


@router.get("/tags")
async def list_tags(page: int | None = None, size: int = 20) -> list:  # error: XFA310:21 "Query(ge=1)] = None", XFA310:46
    first = (page - 1) * size if page else 0
    return await load(first, size)
