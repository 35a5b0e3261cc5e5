# path: app/crud/crud_user.py
from sqlmodel import Session


def create_user(*, session: Session, user_in):
    session.add(user_in)
    session.commit()  # error: XFA204:5 "session.commit"
    session.refresh(user_in)
    return user_in


# eighth reading: the caller chooses whether the repository commits


async def create_with_uow(db, obj_in, uow=None):
    db.add(obj_in)
    if not uow:
        await db.commit()
        await db.refresh(obj_in)
    return obj_in


async def remove(db, obj, *, commit: bool = True):
    await db.delete(obj)
    if commit:
        await db.commit()


async def update(db, obj, transaction: "UnitOfWork | None" = None):
    if transaction is None:
        await db.commit()


async def rename(db, obj, tx_scope: "Transaction" = None):
    if tx_scope is None:
        await db.commit()


async def enable_flag(db, flag, enabled: bool):
    flag.enabled = enabled
    if enabled:  # a data parameter, not the caller's transaction
        await db.commit()  # error: XFA204:15


async def bulk_delete(db, ids, uow=None):
    await db.execute(ids)
    await db.commit()  # error: XFA204:11 "db.commit"
