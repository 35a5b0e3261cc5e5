# path: app/services/users/users_default.py
# The service implementation next to the storage backends: its SQL is a service's.


class UserService:
    def __init__(self, db):
        self._db = db

    def get_by_email(self, cursor, email: str):
        cursor.execute("SELECT * FROM users WHERE email = ?", (email,))  # error: XFA211:9 "cursor.execute"
        return cursor.fetchone()
