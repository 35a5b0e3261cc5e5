from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app.models import User


def upserts(values: dict, options: dict):
    stmt = pg_insert(User).values(**values)
    a = stmt.on_conflict_do_update(index_elements=[User.email])  # error: XFA509:9
    b = sqlite_insert(User).values(**values).on_conflict_do_update(  # error: XFA509:9
        index_elements=["email"], set_={}
    )
    ok1 = stmt.on_conflict_do_update(index_elements=[User.email], set_={"name": stmt.excluded.name})
    ok2 = stmt.on_conflict_do_update("users_email_key", None, None, {"name": stmt.excluded.name})
    ok3 = stmt.on_conflict_do_update(**options)
    ok4 = stmt.on_conflict_do_nothing(index_elements=[User.email])
    return a, b, ok1, ok2, ok3, ok4
