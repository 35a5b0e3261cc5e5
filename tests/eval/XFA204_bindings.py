# path: app/repositories/audit_repository.py
import sqlite3

from sqlalchemy.orm import sessionmaker

SessionLocal = sessionmaker()


class AuditRepository:
    def __init__(self, path: str):
        self.db = sqlite3.connect(path)  # a DBAPI connection, not an ORM session

    def write(self, row):
        self.db.execute("INSERT INTO audit VALUES (?)", (row,))
        self.db.commit()


class EventRepository:
    def __init__(self, session):
        self.session = session  # a parameter: nothing says what it is, the name decides

    def save(self, event):
        self.session.add(event)
        self.session.commit()  # error: XFA204:9 "self.session.commit"


s = SessionLocal()  # a module's shared sessionmaker session, whatever its name


def save_all(events):
    s.add_all(events)
    s.commit()  # error: XFA204:5
