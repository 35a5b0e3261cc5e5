# fifth precision reading: an error swallowed in the last statement of the session's
# `with` block leaves nothing to use the broken session; leaving the block closes it,
# and closing rolls the transaction back
import logging

from sqlmodel import Session

from app.db import engine
from app.models import Account

logger = logging.getLogger(__name__)


def create_account(name: str) -> str | None:
    with Session(engine) as session:
        try:
            account = Account(name=name)
            session.add(account)
            session.commit()
            return account.id
        except Exception:
            logger.exception("account.create_failed")


# still reported: the session is used again after the swallowed error
def create_and_count(name: str) -> int:
    with Session(engine) as session:
        try:
            session.add(Account(name=name))
            session.commit()  # error: XFA510:13
        except Exception:
            logger.exception("account.create_failed")
        return session.query(Account).count()


# ... and so it is when a loop runs the try again
def create_many(names: list[str]) -> None:
    with Session(engine) as session:
        for name in names:
            try:
                session.add(Account(name=name))
                session.commit()  # error: XFA510:17
            except Exception:
                logger.exception("account.create_failed")


# ... and when the handler itself uses the session
def create_or_mark(name: str) -> None:
    with Session(engine) as session:
        try:
            session.add(Account(name=name))
            session.commit()  # error: XFA510:13
        except Exception:
            session.add(Account(name="failed:" + name))
