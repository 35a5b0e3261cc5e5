# path: app/persistence/migrations.py
# eighth precision reading (freqtrade): a project's own migration module renames a table,
# creates the new schema and copies the rows back; it is the migration layer
from sqlalchemy import text


def migrate_trades_table(decl_base, engine, backup_name: str):
    with engine.begin() as connection:
        connection.execute(text(f"alter table trades rename to {backup_name}"))
    decl_base.metadata.create_all(engine)
