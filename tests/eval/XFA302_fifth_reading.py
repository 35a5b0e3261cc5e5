# path: app/routes/bookmarks.py
# select: XFA302
from fastapi import APIRouter

from app.services import bookmarks

router = APIRouter()


# near-misses (fifth reading): an empty dict is an acknowledgement with no data
@router.delete("/bookmarks/{bookmark_id}")
def remove_bookmark(bookmark_id: str):
    bookmarks.remove(bookmark_id)
    return {}


@router.post("/bookmarks/{bookmark_id}/touch")
def touch_bookmark(bookmark_id: str):
    bookmarks.touch(bookmark_id)
    return dict()


# still flagged: a dict with data
@router.post("/bookmarks/{bookmark_id}/pin")
def pin_bookmark(bookmark_id: str):
    bookmarks.pin(bookmark_id)
    return {"pinned": bookmark_id}  # error: XFA302:12 "pin_bookmark"
