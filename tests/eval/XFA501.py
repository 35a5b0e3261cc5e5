from typing import Annotated

import requests
from fastapi import Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.db import SessionLocal, get_db
from app.models import User
from influxdb_client import InfluxDBClient

DbSession = Annotated[Session, Depends(get_db)]


def by_annotation(db: Session):
    return db.query(User).all()  # error: XFA501:12


def by_alias(s: DbSession, user_id: int):
    return s.query(User).filter(User.id == user_id).first()  # error: XFA501:12


def by_name(db_session, user_id: int):
    return db_session.query(User).get(user_id)  # error: XFA501:12 "db_session"


class UserRepository:
    def __init__(self, session: Session):
        self.session = session

    def all(self):
        return self.session.query(User).all()  # error: XFA501:16


def owned():
    with SessionLocal() as sess:
        return sess.query(User).count()  # error: XFA501:16


async def modern(session: AsyncSession):
    return (await session.execute(select(User))).scalars().all()


def not_sessions(client: InfluxDBClient, db: "Database"):
    client.query("SELECT * FROM cpu")
    db.query(User)


def other_library(url: str):
    session = requests.Session()
    session.query(url)


def raw_sql_client(db):
    return db.query("SELECT 1")
