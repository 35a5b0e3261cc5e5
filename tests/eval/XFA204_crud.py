# path: app/crud/crud_user.py
from sqlmodel import Session


def create_user(*, session: Session, user_in):
    session.add(user_in)
    session.commit()  # error: XFA204:5 "session.commit"
    session.refresh(user_in)
    return user_in
