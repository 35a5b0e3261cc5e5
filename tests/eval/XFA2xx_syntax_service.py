# path: app/services/odd_service.py
# select: XFA205, XFA202, XFA211
# Odd syntax must not break the rules (and the usual findings still come out).
import functools

from sqlalchemy import text
from starlette.exceptions import HTTPException  # error: XFA202:1 "starlette.exceptions"


@functools.lru_cache(maxsize=None)
@(lambda f: f)
def cached(db, *args, **kwargs):
    match args:
        case [x, *rest] if (n := len(rest)) > 1:
            db.execute(*args, **kwargs)
            db.execute(b"SELECT 1")
            db.execute(None)
            return n
        case {"k": v}:
            return v
        case _:
            pass
    try:
        db.commit()  # error: XFA205:9 "db.commit"
    except* ValueError:
        pass
    except* HTTPException:
        raise
    return [text(s) for s in args if (t := s)]  # text() clauses not run here


async def gen(db):
    async for row in db.stream(text("SELECT 1")):  # error: XFA211:32 "text"
        yield row
    raise (yield)
