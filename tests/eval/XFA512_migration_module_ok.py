# path: app/persistence/migrations.py
# eighth precision reading (freqtrade): a project's own migration module builds DDL and
# INSERT ... SELECT statements from names and defaults read from the database's inspector
from sqlalchemy import text


def set_sequence_ids(engine, order_id):
    with engine.begin() as connection:
        connection.execute(text(f"ALTER SEQUENCE orders_id_seq RESTART WITH {order_id}"))


def drop_index_on_table(engine, inspector, table_bak_name):
    with engine.begin() as connection:
        for index in inspector.get_indexes(table_bak_name):
            connection.execute(text(f"drop index {index['name']}"))


def migrate_orders_table(engine, table_back_name: str, average: str):
    with engine.begin() as connection:
        connection.execute(text(f"insert into orders (id, average) select id, {average} average from {table_back_name}"))
