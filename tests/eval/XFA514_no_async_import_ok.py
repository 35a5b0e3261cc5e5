# select: XFA514
from sqlalchemy.orm import DeclarativeBase, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    posts = relationship("Post")


def load(session):
    return session
