# path: tests/external_dependency_unit/db/test_recompute_permissions.py
# precision reading: tests commit the rows of their fixtures one by one
from sqlalchemy.orm import Session


def test_recompute(db_session: Session, users: list) -> None:
    for user in users:
        db_session.add(user)
        db_session.commit()
