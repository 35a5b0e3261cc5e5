# path: app/factories.py
from sqlalchemy.orm import Session


def make_users(db: Session, count: int) -> None:
    for i in range(count):
        db.add(object())
        db.commit()
