# path: src/auth/service.py
# select: XFA205
def create(*, db_session, user):
    db_session.add(user)
    db_session.commit()  # error: XFA205:5 "db_session.commit"
