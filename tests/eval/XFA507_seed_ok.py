# path: app/db/seeding/chat_history_seeding.py
# precision reading: seed, fixture and factory modules build test data one object at a time
from sqlalchemy.orm import Session


def create_messages(db_session: Session, rows: list) -> None:
    for row in rows:
        db_session.add(row)
        db_session.commit()
