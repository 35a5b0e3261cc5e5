# path: app/services/shared/migrator/migrator_impl.py
# A schema migration runner under a services directory: migration bookkeeping, not a
# service's query.


class Migrator:
    def __init__(self, db):
        self._db = db

    def run(self, cursor, version: int) -> None:
        cursor.execute("SELECT version FROM migrations ORDER BY version DESC LIMIT 1")
        cursor.execute("INSERT INTO migrations (version) VALUES (?)", (version,))
