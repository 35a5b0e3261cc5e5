# select: XFA514
# path: app/models.py
import sqlalchemy.orm as orm
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, relationship
from sqlmodel import Relationship, SQLModel


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    posts: Mapped[list["Post"]] = relationship(back_populates="author")  # error: XFA514:35
    groups = orm.relationship("Group", secondary="user_groups")  # error: XFA514:14
    roles = relationship("Role", lazy="selectin")
    tokens = relationship("Token", lazy="raise")


class Team(SQLModel, table=True):
    heroes: list["Hero"] = Relationship(back_populates="team")  # error: XFA514:28
    members: list["Member"] = Relationship(sa_relationship_kwargs={"cascade": "all"})  # error: XFA514:31
    leads: list["Lead"] = Relationship(sa_relationship_kwargs={"lazy": "selectin"})


options = {"lazy": "joined"}
splat = relationship("Audit", **options)
