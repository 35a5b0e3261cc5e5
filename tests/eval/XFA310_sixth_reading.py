# path: app/routes/templates.py
from typing import Optional

from fastapi import APIRouter, Query

router = APIRouter()


# near-misses (sixth reading): a size that defaults to None or 0 asks for the whole list when
# absent (``if page_size and page_num:`` pages, else everything), by design: an upper bound on
# a given size bounds nothing
@router.get("/templates")
def read_templates(page_size: Optional[int] = None, page_num: Optional[int] = Query(None, ge=1)) -> list:
    query = select_templates()
    if page_size and page_num:
        query = query.offset(page_size * (page_num - 1)).limit(page_size)
    return run(query)


@router.get("/roles")
async def group_roles(page: int = Query(0, ge=0), limit: int = 0) -> list:
    return await list_roles(page=page or 1, limit=limit or 0)


@router.get("/presets")
async def presets(page_size: int | None = Query(default=None), page_num: int | None = Query(None, ge=1)) -> list:
    return await search_presets(page_size, page_num)


# still flagged: the handler gives the absent size one of its own, so a given size is unbounded
@router.get("/role/list")
async def role_list(page: int = 0, limit: int = 0) -> list:  # error: XFA310:21 "page", XFA310:36 "limit"
    return await list_roles(page=page or 1, limit=limit or 10)


@router.get("/files")
async def files(page_size: Optional[int] = None) -> list:  # error: XFA310:17 "page_size"
    if page_size is None:
        page_size = 20
    return await list_files(page_size)


@router.get("/history")
async def history(page_size: Optional[int] = 20) -> list:  # error: XFA310:19 "page_size"
    return await load_history(page_size)
