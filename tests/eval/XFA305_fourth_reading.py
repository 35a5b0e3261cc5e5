# path: app/deps/filters.py
# select: XFA305
import re
from collections import defaultdict
from uuid import UUID

from fastapi import Depends, HTTPException, Query

from app.deps import get_repo

FILTER_RE = re.compile(r"^[a-z]+(:[a-z0-9,]+)?$")
MAX_TAGS = 20


# near-misses (fourth reading): request-shape 422s reached through loops and counts
def split_ids(raw: str) -> list[UUID]:
    try:
        return [UUID(part) for part in raw.split(",")]
    except ValueError:
        raise HTTPException(status_code=422, detail="bad id")


def filter_param(max_keys: int | None = None, max_values: int | None = None):
    def _parse(filters: list[str] | None = Query(None, alias="filter")) -> dict:
        if filters is None:
            return {}
        grouped: dict = defaultdict(list)
        for item in filters:
            if not FILTER_RE.match(item):
                raise HTTPException(status_code=422, detail="bad filter")
            key, _, rest = item.partition(":")
            grouped[key].extend(rest.split(","))
        total = len(grouped) + len(grouped.get("keys", []))
        if max_keys is not None and total > max_keys:
            raise HTTPException(status_code=422, detail="too many keys")
        if max_values is not None:
            for key, values in grouped.items():
                count = len(values) if values is not None else 0
                if count > max_values:
                    raise HTTPException(status_code=422, detail="too many values")
        if max_keys == 1:
            key, item = next(iter(grouped.items()))  # ``item`` bound again after the loop
            return {"key": key, "value": item}
        return grouped

    return _parse


# still flagged: what is counted or matched did not come from the request
async def tag_items(owner: str, tags: list[str] = Query(...), repo=Depends(get_repo)) -> None:
    existing = await repo.tags_of(owner)
    total = len(existing) + len(tags)
    if total > MAX_TAGS:
        raise HTTPException(status_code=422, detail="quota")  # error: XFA305:15
    for row in await repo.rows(owner):
        if not FILTER_RE.match(row):
            raise HTTPException(status_code=422, detail="bad row")  # error: XFA305:19
    try:
        ids = [UUID(row) for row in await repo.ids(owner)]
    except ValueError:
        raise HTTPException(status_code=422, detail="bad stored id")  # error: XFA305:15
    merged: list = []
    merged.extend(tags)
    merged.extend(existing)
    if len(merged) > MAX_TAGS:
        raise HTTPException(status_code=422, detail="quota")  # error: XFA305:15
    del ids
